//! What a kind of job implements, and what it can reach while it runs.
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;

use super::row::JobRow;
use super::{publish, queue};
use crate::clock::Clock;
use crate::db::schema::job_files;
use crate::db::Db;
use crate::error::ApiError;
use crate::events::Bus;

/// One kind of job. `run` is called on a blocking thread. After a crash it runs again from the
/// start for the same job, so it must be safe to repeat (pictures replace, imports re-read).
pub trait Work: Send + Sync + 'static {
    fn run(&self, job: &RunningJob) -> Result<serde_json::Value, Stop>;

    /// The state a job ends in with this result: `succeeded`, or `ready` for an import's
    /// preview, which waits to be applied.
    fn finished_state(&self, _result: &serde_json::Value) -> hallpass_shared::jobs::JobState {
        hallpass_shared::jobs::JobState::Succeeded
    }
}

/// Why `run` stopped before its result.
#[derive(Debug)]
pub enum Stop {
    /// The job fails with this code and sentence, which its creator reads.
    Failed { code: String, message: String },
    /// Another worker holds the job now (this one stalled past its lease): leave it alone.
    Lost,
}

impl Stop {
    pub fn failed(code: &str, message: impl Into<String>) -> Self {
        Self::Failed {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<ApiError> for Stop {
    fn from(err: ApiError) -> Self {
        tracing::error!(error = %err, "a job stopped on an error");
        Self::failed(
            "internal_error",
            "Something went wrong on our side while working on this; please try again.",
        )
    }
}

/// One of the job's uploaded files.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = job_files)]
pub struct JobFile {
    pub part: i32,
    /// The form field it came in.
    pub field: String,
    /// Its file name, as the browser sent it.
    pub name: String,
    pub size: i64,
}

/// A job while a worker holds it.
pub struct RunningJob {
    pub(super) row: JobRow,
    pub(super) db: Db,
    pub(super) events: Arc<Bus>,
    pub(super) clock: Arc<Clock>,
    pub(super) owner: String,
    /// Set by the lease keeper when the lease could not be renewed.
    pub(super) lost: Arc<AtomicBool>,
    pub(super) last_report: Mutex<Option<Instant>>,
}

/// Progress is written and sent at most this often; the final state always is.
const REPORT_EVERY: Duration = Duration::from_millis(250);

impl RunningJob {
    pub fn id(&self) -> &str {
        &self.row.id
    }

    pub fn school_id(&self) -> &str {
        &self.row.school_id
    }

    /// The account that started it; `None` for a scheduled job, or once that account is gone.
    pub fn created_by(&self) -> Option<&str> {
        self.row.created_by.as_deref()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// `Err(Stop::Lost)` once another worker has the job.
    pub fn still_held(&self) -> Result<(), Stop> {
        if self.lost.load(Ordering::Acquire) {
            return Err(Stop::Lost);
        }
        Ok(())
    }

    /// Moves the job's progress bar: `done` of `total`.
    pub fn progress(&self, done: u64, total: u64) -> Result<(), Stop> {
        self.still_held()?;
        {
            let mut last = self.last_report.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|at| at.elapsed() < REPORT_EVERY) && done < total {
                return Ok(());
            }
            *last = Some(Instant::now());
        }
        let (done, total) = (to_i64(done), to_i64(total));
        let now = self.clock.now();
        let (id, owner) = (self.row.id.clone(), self.owner.clone());
        let held = self.db.write_from_blocking(move |conn| {
            queue::progress(conn, &id, &owner, done, total, now)
        })?;
        if !held {
            self.lost.store(true, Ordering::Release);
            return Err(Stop::Lost);
        }
        let mut row = self.row.clone();
        row.progress_done = done;
        row.progress_total = total;
        publish(&self.events, &row);
        Ok(())
    }

    /// The uploaded files, in the order they came.
    pub fn files(&self) -> Result<Vec<JobFile>, ApiError> {
        let id = self.row.id.clone();
        self.db.read_from_blocking(move |conn| {
            Ok(job_files::table
                .filter(job_files::job_id.eq(&id))
                .order(job_files::part)
                .select(JobFile::as_select())
                .load(conn)?)
        })
    }

    /// Writes one uploaded file to `out`, a chunk at a time.
    pub fn copy_file(&self, file: &JobFile, out: &mut impl Write) -> Result<(), Stop> {
        super::upload::copy_part(&self.db, &self.row.id, file.part, out, || self.still_held())
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
