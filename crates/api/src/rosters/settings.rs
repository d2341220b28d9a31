//! What an installation allows imports, and where their uploads are read.
use std::path::PathBuf;

use super::input::InputLimits;
use super::rest::PullLimits;
use crate::jobs::upload::UploadLimits;
use crate::pictures::archive::ArchiveLimits;

#[derive(Debug, Clone)]
pub struct RosterSettings {
    pub upload: UploadLimits,
    pub input: InputLimits,
    /// The safety hold, in percent of a source's accounts (DESIGN section 10).
    pub hold_percent: u32,
    pub pull: PullLimits,
    pub scratch: PathBuf,
    /// How often each instance looks for a due scheduled sync.
    pub look_every: std::time::Duration,
}

impl Default for RosterSettings {
    fn default() -> Self {
        Self {
            upload: UploadLimits {
                max_bytes: 200_000_000,
                // The file and five short fields.
                max_parts: 6,
            },
            input: InputLimits {
                archive: ArchiveLimits {
                    max_entries: 100,
                    max_total_bytes: 2_000_000_000,
                    max_ratio: 200,
                },
                max_file_bytes: 1_000_000_000,
            },
            hold_percent: 10,
            pull: PullLimits::default(),
            scratch: std::env::temp_dir().join("hallpass-imports"),
            look_every: std::time::Duration::from_secs(20),
        }
    }
}
