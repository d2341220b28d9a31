//! Jobs: long work (picture uploads; later roster imports and webhook deliveries) that survives
//! `kill -9` (DESIGN section 8).
//!
//! A kind of job implements [`Work`]. A route stores its upload with [`upload::store`], commits
//! the job row with [`upload::enqueue`] and answers `202`; the [`runner::Runner`] of some
//! instance takes the job, holds its lease while the work runs, and records how it ended.
//! Each change reaches the job's creator as a `job.updated` event.
pub mod queue;
pub mod row;
pub mod runner;
pub mod upload;
pub mod work;

use std::time::Duration;

use hallpass_shared::jobs::JOB_UPDATED;
use tokio::sync::Notify;

pub use row::JobRow;
pub use work::{JobFile, RunningJob, Stop, Work};

use crate::events::{Audience, Bus, Event};

/// This instance's side of the queue.
pub struct JobQueue {
    /// Tells the runner a job was queued here, so it need not wait for its next look.
    pub wake: Notify,
    /// How long a worker holds a job without renewing: how long a job of a killed instance
    /// waits before another takes it.
    pub lease: Duration,
    /// Names this instance's worker in `lease_owner`.
    pub owner: String,
}

impl JobQueue {
    pub fn new(lease: Duration) -> Self {
        Self {
            wake: Notify::new(),
            lease,
            owner: crate::ids::new_id(),
        }
    }
}

impl Default for JobQueue {
    fn default() -> Self {
        Self::new(Duration::from_secs(30))
    }
}

/// Sends the job's state and progress, as they are now, to its creator. Without its result,
/// which can be long (and events between instances must be short): the SPA reads the job when
/// it has finished.
pub fn publish(events: &Bus, job: &JobRow) {
    let Some(creator) = &job.created_by else {
        return;
    };
    let mut view = match job.view::<serde_json::Value>() {
        Ok(view) => view,
        Err(err) => return tracing::warn!(job = %job.id, error = %err, "unreadable job result"),
    };
    view.result = None;
    let audience = Audience::Account {
        user_id: creator.clone(),
    };
    match Event::new(&job.school_id, JOB_UPDATED, audience, &view) {
        Ok(event) => events.publish(event),
        Err(err) => tracing::warn!(job = %job.id, error = %err, "could not send a job event"),
    }
}
