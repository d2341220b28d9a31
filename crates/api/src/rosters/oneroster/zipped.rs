//! A bundle as districts send it: a zip, its CSVs at the root or inside one folder (zipping
//! the folder instead of its files is common), read with the upload archive's limits.
use std::cell::RefCell;

use super::Bundle;
use crate::pictures::archive::Archive;
use crate::pictures::names::base_name;

pub struct Zipped {
    archive: RefCell<Archive>,
    files: Vec<(usize, String)>,
    max_file_bytes: u64,
}

impl Zipped {
    pub fn new(mut archive: Archive, max_file_bytes: u64) -> Self {
        let files = archive.files();
        Zipped {
            archive: RefCell::new(archive),
            files,
            max_file_bytes,
        }
    }
}

impl Bundle for Zipped {
    /// The shallowest entry with this name (a copy deeper in, say a backup folder, loses).
    fn file(&self, name: &str) -> Option<Vec<u8>> {
        let (index, _) = self
            .files
            .iter()
            .filter(|(_, path)| base_name(path).eq_ignore_ascii_case(name))
            .min_by_key(|(_, path)| path.matches('/').count())?;
        self.archive
            .borrow_mut()
            .read(*index, self.max_file_bytes)
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Seek, Write};

    use super::super::manifest::{Manifest, Version};
    use super::super::{fixture, orgs, users};
    use super::*;
    use crate::pictures::archive::ArchiveLimits;

    #[test]
    fn a_zipped_folder_reads_like_its_files() {
        let files = fixture("oneroster-1.1-bulk");
        let path =
            std::env::temp_dir().join(format!("hallpass-roster-{}.zip", crate::ids::new_id()));
        let mut file = std::fs::File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .expect("a scratch zip");
        let _ = std::fs::remove_file(&path);
        let mut writer = zip::ZipWriter::new(&mut file);
        for (name, bytes) in &files.0 {
            writer
                .start_file(
                    format!("CVSD_OneRoster/{name}"),
                    zip::write::SimpleFileOptions::default(),
                )
                .expect("entry");
            writer.write_all(bytes).expect("write");
        }
        writer
            .start_file(
                "__MACOSX/CVSD_OneRoster/._users.csv",
                zip::write::SimpleFileOptions::default(),
            )
            .expect("junk");
        writer.write_all(b"\0\x05\x16\x07").expect("junk");
        writer.finish().expect("zip");
        file.rewind().expect("rewind");
        let limits = ArchiveLimits {
            max_entries: 100,
            max_total_bytes: 1 << 24,
            max_ratio: 100,
        };
        let bundle = Zipped::new(Archive::open(file, limits).expect("archive"), 1 << 20);
        let manifest = Manifest::read(&bundle).expect("manifest");
        assert_eq!(manifest.version, Version::V1_1);
        let orgs = orgs::read(&bundle).expect("orgs");
        assert_eq!(
            users::read(&bundle, &manifest, &orgs).expect("users").len(),
            20
        );
        assert!(bundle.file("USERS.CSV").is_some());
        assert!(bundle.file("roles.csv").is_none());
    }
}
