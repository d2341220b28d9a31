//! Profile pictures (DESIGN section 9): the photographer's zip, processed by a job, stored in
//! the database, and served to those who may see them.
pub mod access;
pub mod archive;
pub mod mapping;
pub mod matching;
pub mod names;
pub mod process;
pub mod routes;
pub mod store;
pub mod upload_job;

use crate::jobs::upload::UploadLimits;
use upload_job::PictureLimits;

/// Limits of picture uploads (`HALLPASS_PICTURES_*`).
#[derive(Debug, Clone, Copy)]
pub struct PictureSettings {
    pub upload: UploadLimits,
    pub job: PictureLimits,
}

impl Default for PictureSettings {
    fn default() -> Self {
        Self {
            upload: UploadLimits {
                max_bytes: 2_000_000_000,
                max_parts: 5_000,
            },
            job: PictureLimits {
                archive: archive::ArchiveLimits {
                    max_entries: 20_000,
                    max_total_bytes: 8_000_000_000,
                    max_ratio: 100,
                },
                image: process::ImageLimits {
                    max_bytes: 25_000_000,
                    max_pixels: 50_000_000,
                },
                max_mapping_bytes: 10_000_000,
            },
        }
    }
}
