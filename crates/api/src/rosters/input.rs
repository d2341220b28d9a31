//! An uploaded roster file, whatever it is (a CSV, an XLSX workbook, a OneRoster zip), read
//! into the accounts it gives: the one shape the preview works from.
use std::fs::File;
use std::io::Read;
use std::path::Path;

use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{ChooseSchool, MissingColumns};
use hallpass_shared::rosters::RosterSource;
use hallpass_shared::user::Role;

use super::oneroster::roster::{self, Candidate, RosterError, Skipped};
use super::oneroster::zipped::Zipped;
use super::oneroster::{Bundle, BundleError};
use super::spreadsheet::{self, RowError, Sheet, SheetError};
use crate::error::ApiError;
use crate::pictures::archive::{Archive, ArchiveLimits};

/// What the form asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub format: Option<RosterSource>,
    /// For a spreadsheet without a role column.
    pub role: Option<Role>,
    /// A OneRoster school's `sourcedId`, for a bundle with several.
    pub org: Option<String>,
}

/// The accounts a file gives, and the rows it could not use.
#[derive(Debug)]
pub struct Input {
    pub source: RosterSource,
    /// A OneRoster delta: rows left out change nothing.
    pub delta: bool,
    /// The file rows come from, for errors: `users.csv` in a bundle, else the upload's name.
    pub file: String,
    pub rows: Vec<Candidate>,
    pub errors: Vec<RowError>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Copy)]
pub struct InputLimits {
    pub archive: ArchiveLimits,
    /// One file of a bundle, or an uncompressed spreadsheet.
    pub max_file_bytes: u64,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Reads the upload saved at `path`, named `name` by the browser.
pub fn read(
    path: &Path,
    name: &str,
    request: &Request,
    limits: &InputLimits,
) -> Result<Input, ApiError> {
    let mut start = [0u8; 4];
    let is_zip = File::open(path)
        .and_then(|mut file| file.read(&mut start))
        .map_err(ApiError::internal)?
        == 4
        && start == ZIP_MAGIC;
    if !is_zip {
        if request.format == Some(RosterSource::Oneroster) {
            return Err(unsupported(format!(
                "{name} is not a zip: a OneRoster bundle is a zip of CSV files."
            )));
        }
        let bytes = std::fs::read(path).map_err(ApiError::internal)?;
        return sheet(csv_text(bytes, name)?, name, request);
    }
    let file = File::open(path).map_err(ApiError::internal)?;
    let mut archive = Archive::open(file, limits.archive)
        .map_err(|_| unsupported(format!("{name} is not a zip file the server can read.")))?;
    let paths: Vec<String> = archive.files().into_iter().map(|(_, path)| path).collect();
    let has = |wanted: &str| {
        paths.iter().any(|path| {
            crate::pictures::names::base_name(path).eq_ignore_ascii_case(wanted)
                || path.eq_ignore_ascii_case(wanted)
        })
    };
    if has("xl/workbook.xml") && request.format != Some(RosterSource::Oneroster) {
        check_workbook(&mut archive, name, limits)?;
        let bytes = std::fs::read(path).map_err(ApiError::internal)?;
        let text = spreadsheet::xlsx_to_csv(&bytes).map_err(|err| sheet_error(err, name))?;
        return sheet(text, name, request);
    }
    if !has("manifest.csv") {
        return Err(unsupported(format!(
            "{name} has no manifest.csv, so it is not a OneRoster 1.1 or 1.2 bundle. Export \
             the bundle again, or send a CSV or XLSX file."
        )));
    }
    if request.format == Some(RosterSource::Spreadsheet) {
        return Err(unsupported(format!(
            "{name} is a OneRoster bundle, not a spreadsheet."
        )));
    }
    bundle(
        &Zipped::new(archive, limits.max_file_bytes),
        request.org.as_deref(),
    )
}

/// Most a workbook may unpack to: a roster's is a few MB.
const MAX_WORKBOOK_BYTES: u64 = 200_000_000;

/// Unpacks every part of the workbook once, within the upload archive's limits, before the
/// workbook reader (which holds its shared strings whole) sees it: a zip bomb stops here.
fn check_workbook(archive: &mut Archive, name: &str, limits: &InputLimits) -> Result<(), ApiError> {
    let mut total: u64 = 0;
    for (index, _) in archive.files() {
        let part = archive
            .read(index, limits.max_file_bytes.min(MAX_WORKBOOK_BYTES))
            .map_err(|_| unsupported(format!("{name} unpacks to more than a roster can be.")))?;
        total += part.len() as u64;
        if total > MAX_WORKBOOK_BYTES {
            return Err(unsupported(format!(
                "{name} unpacks to more than a roster can be."
            )));
        }
    }
    Ok(())
}

/// A OneRoster bundle (a zip, or what a REST pull gathered).
pub fn bundle(bundle: &dyn Bundle, org: Option<&str>) -> Result<Input, ApiError> {
    let roster = roster::read(bundle, org).map_err(|err| match err {
        RosterError::ChooseSchool(schools) => {
            let message = match org {
                Some(org) => format!("The bundle has no school {org}; choose one of its schools."),
                None => "The bundle holds several schools; choose the one to import.".to_owned(),
            };
            ApiError::coded(ErrorCode::ChooseSchool, message).with_details(ChooseSchool { schools })
        }
        RosterError::Bundle(err) => bundle_error(err),
    })?;
    Ok(Input {
        source: RosterSource::Oneroster,
        delta: !roster.whole,
        file: "users.csv".to_owned(),
        rows: roster.candidates,
        errors: Vec::new(),
        skipped: roster.skipped,
    })
}

fn csv_text(bytes: Vec<u8>, name: &str) -> Result<String, ApiError> {
    // Text has no NUL bytes, in any encoding a school's spreadsheet is saved in but UTF-16,
    // which `decode` reads by its BOM.
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && bytes.iter().take(64 * 1024).any(|&byte| byte == 0) {
        return Err(unsupported(format!(
            "{name} is not a CSV, an XLSX workbook or a OneRoster zip."
        )));
    }
    Ok(crate::text_files::decode_owned(bytes))
}

fn sheet(text: String, name: &str, request: &Request) -> Result<Input, ApiError> {
    let Sheet { rows, errors } =
        spreadsheet::read(text, request.role).map_err(|err| sheet_error(err, name))?;
    let rows = rows
        .into_iter()
        .map(|row| Candidate {
            key: row
                .identifier
                .clone()
                .or_else(|| row.email.as_deref().map(str::to_lowercase))
                .unwrap_or_default(),
            line: row.line,
            role: row.role,
            first_name: row.first_name,
            last_name: row.last_name,
            email: row.email,
            identifier: row.identifier,
            grade: row.grade.filter(|_| row.role == Role::Student),
            enabled: true,
            leaving: false,
            acts_for: Default::default(),
        })
        .collect();
    Ok(Input {
        source: RosterSource::Spreadsheet,
        delta: false,
        file: name.to_owned(),
        rows,
        errors,
        skipped: Vec::new(),
    })
}

fn sheet_error(err: SheetError, name: &str) -> ApiError {
    match err {
        SheetError::Empty => ApiError::coded(
            ErrorCode::MissingColumns,
            format!("{name} is empty: it needs a header row naming its columns."),
        )
        .with_details(MissingColumns {
            columns: vec!["first name".into(), "last name".into()],
        }),
        SheetError::MissingColumns(columns) => ApiError::coded(
            ErrorCode::MissingColumns,
            format!("{name} has no column for: {}.", columns.join(", ")),
        )
        .with_details(MissingColumns {
            columns: columns.into_iter().map(str::to_owned).collect(),
        }),
        SheetError::Unreadable(message) => unsupported(format!("{name}: {message}")),
    }
}

fn bundle_error(err: BundleError) -> ApiError {
    match err {
        BundleError::NoManifest => unsupported(
            "The zip has no manifest.csv, so it is not a OneRoster 1.1 or 1.2 bundle.".into(),
        ),
        BundleError::MissingFile(file) => {
            unsupported(format!("The bundle has no {file}, which an import needs."))
        }
        BundleError::MissingColumns { file, columns } => ApiError::coded(
            ErrorCode::MissingColumns,
            format!("{file} has no column {}.", columns.join(", ")),
        )
        .with_details(MissingColumns {
            columns: columns
                .into_iter()
                .map(|column| format!("{file}: {column}"))
                .collect(),
        }),
        BundleError::Unreadable {
            file,
            line,
            message,
        } => unsupported(format!("{file}, line {line}: {message}")),
    }
}

fn unsupported(message: String) -> ApiError {
    ApiError::coded(ErrorCode::UnsupportedFile, message)
}
