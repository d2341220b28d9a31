//! The job table as a queue: taking a job, holding it, finishing it.
//!
//! Every change a worker makes is guarded by `lease_owner = me`: a worker that lost its lease
//! (it stalled past it, and another instance took the job) changes nothing.
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hallpass_shared::jobs::{JobKind, JobState};

use super::row::JobRow;
use crate::db::schema::{job_files, jobs, upload_chunks};
use crate::db::DbConn;
use crate::error::ApiError;

/// Times a job may be taken. A job whose worker died this many times (a picture that crashes
/// the process, say) is failed instead of taken again.
pub const MAX_ATTEMPTS: i32 = 3;

/// What `take` found.
pub enum Taken {
    /// This worker holds the job until `lease_expires_at`, and renews it.
    Job(Box<JobRow>),
    /// A job abandoned too often, now failed.
    GaveUp(Box<JobRow>),
}

/// Takes the oldest job of `kinds` that is queued, or running under a lease that ran out. On
/// PostgreSQL, `FOR UPDATE SKIP LOCKED` lets instances take different jobs at once; on SQLite
/// the one writer takes them in turn. Call it in a write transaction.
pub fn take(
    conn: &mut DbConn,
    kinds: &[JobKind],
    owner: &str,
    now: NaiveDateTime,
    lease: Duration,
) -> Result<Option<Taken>, ApiError> {
    macro_rules! candidate {
        () => {
            jobs::table
                .filter(jobs::kind.eq_any(kinds))
                .filter(
                    jobs::state.eq(JobState::Queued).or(jobs::state
                        .eq(JobState::Running)
                        .and(jobs::lease_expires_at.lt(now))),
                )
                .order((jobs::created_at, jobs::id))
                .select(JobRow::as_select())
        };
    }
    let found = match conn {
        DbConn::Postgres(c) => candidate!()
            .for_update()
            .skip_locked()
            .first(c)
            .optional()?,
        DbConn::Sqlite(c) => candidate!().first(c).optional()?,
    };
    let Some(mut job) = found else {
        return Ok(None);
    };
    if job.attempts >= MAX_ATTEMPTS {
        job.state = JobState::Failed;
        job.error_code = Some("interrupted".into());
        job.error_message = Some(format!(
            "The server stopped while working on this {} times; it was not tried again.",
            job.attempts
        ));
        job.finished_at = Some(now);
        job.updated_at = now;
        write_outcome(conn, &job)?;
        delete_files(conn, &job.id)?;
        return Ok(Some(Taken::GaveUp(Box::new(job))));
    }
    job.state = JobState::Running;
    job.attempts += 1;
    job.lease_owner = Some(owner.to_owned());
    job.lease_expires_at = Some(now + lease);
    job.updated_at = now;
    diesel::update(jobs::table.find(&job.id))
        .set((
            jobs::state.eq(job.state),
            jobs::attempts.eq(job.attempts),
            jobs::lease_owner.eq(owner),
            jobs::lease_expires_at.eq(job.lease_expires_at),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Some(Taken::Job(Box::new(job))))
}

fn held<'a>(
    id: &'a str,
    owner: &'a str,
) -> diesel::dsl::Filter<
    diesel::dsl::Find<jobs::table, &'a str>,
    diesel::dsl::Eq<jobs::lease_owner, &'a str>,
> {
    jobs::table.find(id).filter(jobs::lease_owner.eq(owner))
}

/// Extends the lease. `false`: the job is no longer this worker's.
pub fn renew(
    conn: &mut DbConn,
    id: &str,
    owner: &str,
    until: NaiveDateTime,
) -> Result<bool, ApiError> {
    let renewed = diesel::update(held(id, owner))
        .set(jobs::lease_expires_at.eq(until))
        .execute(conn)?;
    Ok(renewed == 1)
}

/// Records progress. `false`: the job is no longer this worker's.
pub fn progress(
    conn: &mut DbConn,
    id: &str,
    owner: &str,
    done: i64,
    total: i64,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let updated = diesel::update(held(id, owner))
        .set((
            jobs::progress_done.eq(done),
            jobs::progress_total.eq(total),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Ends a held job as `job` says (its state, result or error, progress), lets go of it and
/// deletes its uploaded files. `false`: the job was no longer this worker's.
pub fn finish(conn: &mut DbConn, job: &JobRow, owner: &str) -> Result<bool, ApiError> {
    // An update, not a read: on PostgreSQL it locks the row until the transaction ends, so
    // no other worker can take the job between this check and the outcome below.
    let still_held = diesel::update(held(&job.id, owner))
        .set(jobs::updated_at.eq(job.updated_at))
        .execute(conn)?
        == 1;
    if !still_held {
        return Ok(false);
    }
    write_outcome(conn, job)?;
    delete_files(conn, &job.id)?;
    Ok(true)
}

fn write_outcome(conn: &mut DbConn, job: &JobRow) -> Result<(), ApiError> {
    diesel::update(jobs::table.find(&job.id))
        .set((
            jobs::state.eq(job.state),
            jobs::progress_done.eq(job.progress_done),
            jobs::progress_total.eq(job.progress_total),
            jobs::result.eq(&job.result),
            jobs::error_code.eq(&job.error_code),
            jobs::error_message.eq(&job.error_message),
            jobs::finished_at.eq(job.finished_at),
            jobs::updated_at.eq(job.updated_at),
            jobs::lease_owner.eq(None::<String>),
            jobs::lease_expires_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Originals are not kept: a finished job's upload goes.
fn delete_files(conn: &mut DbConn, job_id: &str) -> Result<(), ApiError> {
    diesel::delete(upload_chunks::table.filter(upload_chunks::upload_id.eq(job_id)))
        .execute(conn)?;
    diesel::delete(job_files::table.filter(job_files::job_id.eq(job_id))).execute(conn)?;
    Ok(())
}

/// A school's job, for its readers.
pub fn find(
    conn: &mut DbConn,
    school_id: &str,
    kind: JobKind,
    id: &str,
) -> Result<Option<JobRow>, ApiError> {
    Ok(jobs::table
        .find(id)
        .filter(jobs::school_id.eq(school_id))
        .filter(jobs::kind.eq(kind))
        .select(JobRow::as_select())
        .first(conn)
        .optional()?)
}

/// A school's jobs of one kind, newest first: one page of `limit` after `after`.
pub fn list(
    conn: &mut DbConn,
    school_id: &str,
    kind: JobKind,
    after: crate::paging::After,
    limit: u32,
) -> Result<(Vec<JobRow>, Option<String>), ApiError> {
    let select = jobs::table
        .filter(jobs::school_id.eq(school_id))
        .filter(jobs::kind.eq(kind))
        .into_boxed();
    let select = crate::before_cursor!(select, jobs::created_at, jobs::id, after);
    let rows = select
        .order((jobs::created_at.desc(), jobs::id.desc()))
        .limit(i64::from(limit) + 1)
        .select(JobRow::as_select())
        .load(conn)?;
    Ok(crate::paging::newest_first(rows, limit, |row| {
        Some((row.created_at, row.id.as_str()))
    }))
}

/// Any job, by id (the runner's own reads).
pub fn find_any(conn: &mut DbConn, id: &str) -> Result<Option<JobRow>, ApiError> {
    Ok(jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()?)
}
