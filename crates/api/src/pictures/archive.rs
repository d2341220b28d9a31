//! The vendor's zip, read safely: limits count the bytes actually read, never the sizes the
//! zip declares; paths that climb out are refused (and nothing is ever written to disk from an
//! entry); archives inside are not opened.
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use hallpass_shared::pictures::RejectedReason;
use zip::ZipArchive;

use super::names;

#[derive(Debug, Clone, Copy)]
pub struct ArchiveLimits {
    pub max_entries: usize,
    /// Bytes decompressed from the whole archive.
    pub max_total_bytes: u64,
    /// Bytes out per byte in, past the first MiB of an entry: more is a zip bomb.
    pub max_ratio: u64,
}

/// What an entry of the archive is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Image {
        index: usize,
        path: String,
    },
    /// A mapping shipped inside the archive (Lifetouch's `idlink.txt`, a `.csv`).
    Mapping {
        index: usize,
        path: String,
    },
    Rejected {
        path: String,
        reason: RejectedReason,
    },
}

pub struct Archive {
    zip: ZipArchive<Counted>,
    compressed_read: Arc<AtomicU64>,
    decompressed: u64,
    limits: ArchiveLimits,
}

/// Counts the bytes read from the archive file, so that ratios use what was really read.
struct Counted {
    inner: BufReader<File>,
    read: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Seek for Counted {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Why an archive could not be read at all.
#[derive(Debug)]
pub enum Unreadable {
    NotAZip,
    TooManyEntries(usize),
}

impl Archive {
    pub fn open(mut file: File, limits: ArchiveLimits) -> Result<Self, Unreadable> {
        // Before the zip crate reads the whole central directory into memory.
        if let Some(declared) = declared_entries(&mut file) {
            if declared > limits.max_entries as u64 {
                return Err(Unreadable::TooManyEntries(
                    usize::try_from(declared).unwrap_or(usize::MAX),
                ));
            }
        }
        file.seek(SeekFrom::Start(0))
            .map_err(|_| Unreadable::NotAZip)?;
        let compressed_read = Arc::new(AtomicU64::new(0));
        let counted = Counted {
            inner: BufReader::new(file),
            read: compressed_read.clone(),
        };
        let zip = ZipArchive::new(counted).map_err(|_| Unreadable::NotAZip)?;
        if zip.len() > limits.max_entries {
            return Err(Unreadable::TooManyEntries(zip.len()));
        }
        Ok(Self {
            zip,
            compressed_read,
            decompressed: 0,
            limits,
        })
    }

    /// Every file entry whose path is safe, with its index: for archives of other things than
    /// pictures (a roster bundle). Folders, junk and climbing paths are left out.
    pub fn files(&mut self) -> Vec<(usize, String)> {
        (0..self.zip.len())
            .filter_map(|index| {
                let entry = self.zip.by_index_raw(index).ok()?;
                let path = entry.name().to_owned();
                let usable =
                    !entry.is_dir() && !names::is_junk(&path) && entry.enclosed_name().is_some();
                usable.then_some((index, path))
            })
            .collect()
    }

    /// The archive's pictures and mappings, and its refused entries; junk, folders and other
    /// files are left out.
    pub fn entries(&mut self) -> Vec<Entry> {
        let mut entries = Vec::new();
        for index in 0..self.zip.len() {
            let Ok(entry) = self.zip.by_index_raw(index) else {
                continue;
            };
            let path = entry.name().to_owned();
            if entry.is_dir() || names::is_junk(&path) {
                continue;
            }
            let unsafe_path = entry.enclosed_name().is_none();
            if unsafe_path || names::is_archive_name(&path) {
                entries.push(Entry::Rejected {
                    path,
                    reason: RejectedReason::UnsafeArchiveEntry,
                });
            } else if names::is_image_name(&path) {
                entries.push(Entry::Image { index, path });
            } else if names::is_mapping_name(&path) {
                entries.push(Entry::Mapping { index, path });
            }
        }
        entries
    }

    /// An entry's bytes, at most `max_bytes` of them.
    pub fn read(&mut self, index: usize, max_bytes: u64) -> Result<Vec<u8>, RejectedReason> {
        let started_at = self.compressed_read.load(Ordering::Relaxed);
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|_| RejectedReason::NotAnImage)?;
        let mut bytes = Vec::new();
        let mut block = vec![0; 64 * 1024];
        loop {
            let n = entry
                .read(&mut block)
                .map_err(|_| RejectedReason::NotAnImage)?;
            if n == 0 {
                return Ok(bytes);
            }
            bytes.extend_from_slice(&block[..n]);
            self.decompressed += n as u64;
            if self.decompressed > self.limits.max_total_bytes {
                return Err(RejectedReason::UnsafeArchiveEntry);
            }
            let compressed = self.compressed_read.load(Ordering::Relaxed) - started_at;
            if bytes.len() > 1024 * 1024
                && bytes.len() as u64 > compressed.max(1) * self.limits.max_ratio
            {
                return Err(RejectedReason::UnsafeArchiveEntry);
            }
            if bytes.len() as u64 > max_bytes {
                return Err(RejectedReason::TooLarge);
            }
        }
    }
}

/// The number of entries the zip's end record declares (the ZIP64 one when there is one), or
/// `None` when there is no end record to read: the zip crate then refuses the file itself.
fn declared_entries(file: &mut File) -> Option<u64> {
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ZIP64_LOCATOR: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
    const ZIP64_END: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
    let length = file.seek(SeekFrom::End(0)).ok()?;
    // The end record is 22 bytes and a comment of at most 65,535, with the ZIP64 locator
    // (20 bytes) before it.
    let tail_length = length.min(22 + 65_535 + 20);
    file.seek(SeekFrom::Start(length - tail_length)).ok()?;
    let mut tail = vec![0; usize::try_from(tail_length).ok()?];
    file.read_exact(&mut tail).ok()?;
    let at = (0..tail.len().checked_sub(21)?)
        .rev()
        .find(|&at| tail[at..at + 4] == END)?;
    let u16_at = |bytes: &[u8], at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let entries = u16_at(&tail, at + 10);
    if entries != u16::MAX {
        return Some(u64::from(entries));
    }
    // ZIP64: the locator just before the end record gives the ZIP64 end record's offset.
    let locator = tail.get(at.checked_sub(20)?..at)?;
    if locator[..4] != ZIP64_LOCATOR {
        return Some(u64::from(entries));
    }
    let offset = u64::from_le_bytes(locator[8..16].try_into().ok()?);
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut record = [0; 40];
    file.read_exact(&mut record).ok()?;
    if record[..4] != ZIP64_END {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    fn zip_file(entries: usize, comment: &str) -> File {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for n in 0..entries {
            writer
                .start_file(format!("{n}.jpg"), zip::write::SimpleFileOptions::default())
                .expect("entry");
            writer.write_all(b"x").expect("write");
        }
        writer.set_comment(comment);
        let bytes = writer.finish().expect("zip").into_inner();
        let mut file = scratch_file();
        file.write_all(&bytes).expect("write the zip");
        file
    }

    fn scratch_file() -> File {
        let path = std::env::temp_dir().join(format!("hallpass-archive-{}", crate::ids::new_id()));
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .expect("a scratch file");
        let _ = std::fs::remove_file(&path);
        file
    }

    #[test]
    fn the_end_record_is_read_before_the_directory() {
        assert_eq!(declared_entries(&mut zip_file(5, "")), Some(5));
        assert_eq!(
            declared_entries(&mut zip_file(3, "made by PhotoVendor")),
            Some(3)
        );
        let limits = ArchiveLimits {
            max_entries: 4,
            max_total_bytes: 1 << 20,
            max_ratio: 100,
        };
        assert!(matches!(
            Archive::open(zip_file(5, ""), limits),
            Err(Unreadable::TooManyEntries(5))
        ));
        assert!(Archive::open(zip_file(4, ""), limits).is_ok());
        assert_eq!(declared_entries(&mut scratch_file()), None);
    }
}
