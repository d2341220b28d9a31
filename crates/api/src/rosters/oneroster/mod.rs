//! OneRoster 1.1 and 1.2 CSV bundles, read as real exports write them (DESIGN section 10):
//! columns by name, a BOM, CRLF, `TRUE`/`true`, quoted lists, empty status and date cells.
pub mod enrollments;
pub mod grade;
pub mod manifest;
pub mod orgs;
pub mod roster;
pub mod school;
pub mod users;
pub mod zipped;

use std::collections::HashMap;

/// The files of a bundle, by name whatever its case (`academicsessions.csv` happens).
pub trait Bundle {
    fn file(&self, name: &str) -> Option<Vec<u8>>;
}

/// Files already read into memory, named as they were (for small bundles and the tests).
pub struct Files(pub HashMap<String, Vec<u8>>);

impl Bundle for Files {
    fn file(&self, name: &str) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(file, _)| file.eq_ignore_ascii_case(name))
            .map(|(_, bytes)| bytes.clone())
    }
}

/// Why a bundle cannot be read at all.
#[derive(Debug, PartialEq, Eq)]
pub enum BundleError {
    /// No `manifest.csv`: OneRoster 1.0, or another vendor's zip.
    NoManifest,
    /// A file the manifest or the version requires is not there.
    MissingFile(&'static str),
    /// A file lacks required columns.
    MissingColumns {
        file: &'static str,
        columns: Vec<String>,
    },
    Unreadable {
        file: &'static str,
        line: u64,
        message: String,
    },
}

impl BundleError {
    fn from_table(file: &'static str, err: super::table::TableError) -> Self {
        use super::table::TableError;
        match err {
            TableError::Empty => BundleError::MissingFile(file),
            TableError::MissingColumns(columns) => BundleError::MissingColumns { file, columns },
            TableError::Unreadable { line, message } => BundleError::Unreadable {
                file,
                line,
                message,
            },
        }
    }
}

#[cfg(test)]
pub(crate) fn fixture(folder: &str) -> Files {
    let dir = format!(
        "{}/tests/fixtures/rosters/{folder}",
        env!("CARGO_MANIFEST_DIR")
    );
    let files = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|entry| {
            let entry = entry.expect("entry");
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).expect("read"),
            )
        })
        .collect();
    Files(files)
}
