//! The worker every instance runs: it takes one job at a time, keeps its lease while the job's
//! work runs on a blocking thread, and records how it ended.
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hallpass_shared::jobs::{JobKind, JobState};

use super::queue::{self, Taken};
use super::row::JobRow;
use super::work::{RunningJob, Stop, Work};
use super::{publish, JobQueue};
use crate::clock::Clock;
use crate::db::Db;
use crate::events::Bus;

/// How often an idle instance looks for a job that another instance queued, or abandoned.
const POLL: Duration = Duration::from_secs(1);

pub struct Runner {
    pub db: Db,
    pub events: Arc<Bus>,
    pub clock: Arc<Clock>,
    pub queue: Arc<JobQueue>,
    pub work: HashMap<JobKind, Arc<dyn Work>>,
}

impl Runner {
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let kinds: Vec<JobKind> = self.work.keys().copied().collect();
            loop {
                match self.take(&kinds).await {
                    Ok(Some(job)) => self.run(job).await,
                    Ok(None) => {
                        tokio::select! {
                            () = self.queue.wake.notified() => {}
                            () = tokio::time::sleep(POLL) => {}
                        }
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "could not look for jobs");
                        tokio::time::sleep(POLL).await;
                    }
                }
            }
        })
    }

    async fn take(&self, kinds: &[JobKind]) -> Result<Option<JobRow>, crate::error::ApiError> {
        let (kinds, owner, lease) = (kinds.to_vec(), self.queue.owner.clone(), self.lease());
        let now = self.clock.now();
        let taken = self
            .db
            .write(move |conn| queue::take(conn, &kinds, &owner, now, lease))
            .await?;
        Ok(match taken {
            None => None,
            Some(Taken::GaveUp(job)) => {
                tracing::warn!(job = %job.id, kind = %job.kind, "a job was abandoned too often and failed");
                publish(&self.events, &job);
                // Look again at once: there may be more.
                self.queue.wake.notify_one();
                None
            }
            Some(Taken::Job(job)) => Some(*job),
        })
    }

    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.queue.lease).unwrap_or(chrono::Duration::seconds(30))
    }

    async fn run(&self, job: JobRow) {
        let Some(work) = self.work.get(&job.kind).cloned() else {
            return;
        };
        tracing::info!(job = %job.id, kind = %job.kind, attempt = job.attempts, "job started");
        publish(&self.events, &job);
        let lost = Arc::new(AtomicBool::new(false));
        let running = Arc::new(RunningJob {
            row: job.clone(),
            db: self.db.clone(),
            events: self.events.clone(),
            clock: self.clock.clone(),
            owner: self.queue.owner.clone(),
            lost: lost.clone(),
            last_report: Mutex::new(None),
        });
        let mut handle = {
            let (running, work) = (running.clone(), work.clone());
            tokio::task::spawn_blocking(move || work.run(&running))
        };
        let mut renew = tokio::time::interval(self.queue.lease / 3);
        renew.tick().await;
        let outcome = loop {
            tokio::select! {
                outcome = &mut handle => break outcome,
                _ = renew.tick() => self.renew(&job, &lost).await,
            }
        };
        let mut done = job.clone();
        let now = self.clock.now();
        done.updated_at = now;
        done.finished_at = Some(now);
        match outcome {
            Ok(Ok(result)) => {
                done.state = work.finished_state(&result);
                done.result = Some(result.to_string());
                if !done.state.is_finished() {
                    done.finished_at = None;
                }
            }
            Ok(Err(Stop::Lost)) => {
                tracing::warn!(job = %job.id, "lost the job's lease; another worker has it");
                return;
            }
            Ok(Err(Stop::Failed { code, message })) => {
                done.state = JobState::Failed;
                done.error_code = Some(code);
                done.error_message = Some(message);
            }
            Err(panic) => {
                tracing::error!(job = %job.id, error = %panic, "a job's work panicked");
                done.state = JobState::Failed;
                done.error_code = Some("internal_error".into());
                done.error_message =
                    Some("Something went wrong on our side while working on this.".into());
            }
        }
        let (id, owner) = (job.id.clone(), self.queue.owner.clone());
        let finished = self
            .db
            .write(move |conn| {
                let Some(current) = queue::find_any(conn, &id)? else {
                    return Ok(None);
                };
                // The progress is the last the work wrote; a success is all done.
                done.progress_total = current.progress_total;
                done.progress_done = match done.state {
                    JobState::Succeeded | JobState::Ready => {
                        current.progress_total.max(current.progress_done)
                    }
                    _ => current.progress_done,
                };
                done.progress_total = done.progress_total.max(done.progress_done);
                Ok(queue::finish(conn, &done, &owner)?.then_some(done))
            })
            .await;
        match finished {
            Ok(Some(row)) => {
                tracing::info!(job = %row.id, state = %row.state, "job finished");
                publish(&self.events, &row);
            }
            Ok(None) => tracing::warn!(job = %job.id, "the job was no longer ours to finish"),
            // Left running: its lease runs out and it is taken again.
            Err(err) => {
                tracing::error!(job = %job.id, error = %err, "could not record a job's end")
            }
        }
    }

    async fn renew(&self, job: &JobRow, lost: &AtomicBool) {
        let (id, owner) = (job.id.clone(), self.queue.owner.clone());
        let until = self.clock.now() + self.lease();
        match self
            .db
            .write(move |conn| queue::renew(conn, &id, &owner, until))
            .await
        {
            Ok(true) => {}
            Ok(false) => lost.store(true, Ordering::Release),
            // Try again at the next tick; the lease outlasts two misses.
            Err(err) => {
                tracing::warn!(job = %job.id, error = %err, "could not renew a job's lease")
            }
        }
    }
}
