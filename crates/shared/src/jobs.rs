//! Jobs: long work (picture uploads, roster imports, webhook deliveries) that survives a restart.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum!(
    /// What a job does.
    JobKind {
        /// An upload of profile pictures (`POST /profile-pictures/uploads`).
        ProfilePictures = "profile_pictures",
        /// A roster import (`POST /imports`, or a OneRoster sync): a preview, then its apply.
        RosterImport = "roster_import",
    }
);

text_enum!(
    /// `queued` → `running` → `succeeded` | `failed`. Imports also pass through `ready` (the
    /// preview waits to be applied), `applying` and `canceled`.
    JobState {
        Queued = "queued",
        Running = "running",
        Ready = "ready",
        Applying = "applying",
        Succeeded = "succeeded",
        Failed = "failed",
        Canceled = "canceled",
    }
);

impl JobState {
    /// No worker will touch the job again.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed | Self::Canceled)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobProgress {
    pub done: i64,
    /// `0` until the job knows how much there is.
    pub total: i64,
}

/// Why a job failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobError {
    /// `interrupted` (the server stopped while working on it, too many times), `unreadable_upload`,
    /// or a code of the job's kind.
    pub code: String,
    pub message: String,
}

/// A job, as `GET /profile-pictures/uploads/{id}` (and the `job.updated` event) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Job<R> {
    pub id: String,
    pub kind: JobKind,
    pub state: JobState,
    pub progress: JobProgress,
    /// The kind's result once the job has succeeded; `null` before.
    pub result: Option<R>,
    pub error: Option<JobError>,
    /// The account that started it; `null` once that account is deleted.
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// A job changed state or moved forward; `data` is the job. Only to the account that started it.
pub const JOB_UPDATED: &str = "job.updated";
