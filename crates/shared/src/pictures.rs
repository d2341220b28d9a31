//! Profile pictures: uploads from the photography vendor, and what became of each file.
use serde::{Deserialize, Serialize};

use crate::jobs::Job;
use crate::patch::Patch;

/// `GET /profile-pictures/uploads/{id}`: a picture upload, as a job.
pub type PictureUpload = Job<PictureResult>;

/// What an upload did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PictureResult {
    /// Students who got a picture (new or replaced).
    pub matched: u32,
    /// Of `matched`, students whose earlier picture was replaced.
    pub replaced: u32,
    pub unmatched: Vec<UnmatchedFile>,
    pub rejected: Vec<RejectedFile>,
    pub mapping_errors: Vec<MappingError>,
}

text_enum!(
    /// Why a picture, or a mapping row, found no student.
    UnmatchedReason {
        /// The mapping names no student for this file.
        NoMappingRow = "no_mapping_row",
        /// The mapping names this file, but the upload has no such file.
        FileMissing = "file_missing",
        /// No student of the school has this email or school identifier.
        NoSuchStudent = "no_such_student",
        /// Another picture went to the same student (the later mapping row wins).
        Duplicate = "duplicate",
    }
);

text_enum!(
    /// Why a file was not used at all.
    RejectedReason {
        /// Not a JPEG, PNG or WebP, or not readable as one.
        NotAnImage = "not_an_image",
        /// More bytes than one picture may have.
        TooLarge = "too_large",
        /// More pixels than one picture may have.
        TooManyPixels = "too_many_pixels",
        /// A path that climbs out of the archive, is absolute, or an archive inside the archive,
        /// or an entry past the archive's limits.
        UnsafeArchiveEntry = "unsafe_archive_entry",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnmatchedFile {
    /// The file's path in the upload (or, for `file_missing`, the name the mapping gives).
    pub file: String,
    pub reason: UnmatchedReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectedFile {
    pub file: String,
    pub reason: RejectedReason,
}

/// A line of the mapping file that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MappingError {
    /// 1-based, as a spreadsheet numbers it.
    pub line: u32,
    pub message: String,
}

crate::patch_body! {
    /// `PATCH /me/preferences`: absent fields stay as they are.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(deny_unknown_fields)]
    pub struct PreferencesPatch {
        /// Show initials instead of students' pictures.
        pub hide_profile_pictures: Patch<bool>,
    }
}

/// `DELETE /profile-pictures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeletedPictures {
    pub deleted: u32,
}
