//! A school's OneRoster server: its saved connection, a sync (an import job that pulls), and
//! the schedule, which starts each due sync once per installation, whichever instance sees it
//! first.
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::jobs::{JobKind, JobState};
use hallpass_shared::rosters::{ImportMode, OneRosterConnection, RosterSource};

use super::import_job::stop;
use super::import_row::ImportRow;
use super::input::{self, Input};
use super::rest::{self, PullLimits, Server};
use crate::db::schema::{jobs, oneroster_connections, roster_imports};
use crate::db::{Db, DbConn};
use crate::error::ApiError;
use crate::jobs::{queue, JobQueue, JobRow, RunningJob, Stop};
use crate::time::to_utc;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = oneroster_connections, treat_none_as_null = true)]
pub struct ConnectionRow {
    pub school_id: String,
    pub base_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub org_sourced_id: Option<String>,
    pub every_minutes: Option<i32>,
    pub mode: ImportMode,
    pub auto_apply: bool,
    pub last_job_id: Option<String>,
    pub last_sync_at: Option<NaiveDateTime>,
    pub next_sync_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl ConnectionRow {
    pub fn server(&self) -> Server {
        Server {
            base_url: self.base_url.clone(),
            token_url: self.token_url.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
        }
    }

    /// The connection for the API: never its secret.
    pub fn view(&self, conn: &mut DbConn) -> Result<OneRosterConnection, ApiError> {
        let last_import = match &self.last_job_id {
            Some(id) => queue::find(conn, &self.school_id, JobKind::RosterImport, id)?
                .map(|job| job.view())
                .transpose()?,
            None => None,
        };
        Ok(OneRosterConnection {
            base_url: self.base_url.clone(),
            token_url: self.token_url.clone(),
            client_id: self.client_id.clone(),
            has_secret: !self.client_secret.is_empty(),
            org_sourced_id: self.org_sourced_id.clone(),
            every_minutes: self.every_minutes.and_then(|n| u32::try_from(n).ok()),
            mode: self.mode,
            auto_apply: self.auto_apply,
            last_import,
            last_sync_at: self.last_sync_at.map(to_utc),
            next_sync_at: self.next_sync_at.map(to_utc),
        })
    }

    pub fn next_after(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        self.every_minutes
            .map(|minutes| now + chrono::Duration::minutes(i64::from(minutes)))
    }
}

pub fn find(conn: &mut DbConn, school_id: &str) -> Result<Option<ConnectionRow>, ApiError> {
    Ok(oneroster_connections::table
        .find(school_id)
        .select(ConnectionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Queues a sync of the school's server, unless one is queued or running already (that one is
/// answered instead). `by` is `None` for the schedule.
pub fn enqueue(
    conn: &mut DbConn,
    connection: &ConnectionRow,
    by: Option<&str>,
    now: NaiveDateTime,
) -> Result<JobRow, ApiError> {
    let under_way: Option<JobRow> = jobs::table
        .inner_join(roster_imports::table)
        .filter(jobs::school_id.eq(&connection.school_id))
        .filter(roster_imports::pulled.eq(true))
        .filter(jobs::state.eq_any([JobState::Queued, JobState::Running]))
        .select(JobRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(job) = under_way {
        return Ok(job);
    }
    let mut job = JobRow::queued(
        crate::ids::new_id(),
        &connection.school_id,
        JobKind::RosterImport,
        "",
        now,
    );
    job.created_by = by.map(str::to_owned);
    diesel::insert_into(jobs::table)
        .values(&job)
        .execute(conn)?;
    diesel::insert_into(roster_imports::table)
        .values(&ImportRow {
            job_id: job.id.clone(),
            source: RosterSource::Oneroster,
            format: Some(RosterSource::Oneroster),
            role: None,
            mode: connection.mode,
            org: connection.org_sourced_id.clone(),
            strict: false,
            file_name: None,
            pulled: true,
            auto_apply: connection.auto_apply,
            applied_by: None,
            applied_at: None,
        })
        .execute(conn)?;
    diesel::update(oneroster_connections::table.find(&connection.school_id))
        .set((
            oneroster_connections::last_job_id.eq(&job.id),
            oneroster_connections::last_sync_at.eq(now),
        ))
        .execute(conn)?;
    Ok(job)
}

/// The job's pull: the school's server read into a bundle, then into the import's rows.
pub fn pull_input(
    job: &RunningJob,
    params: &ImportRow,
    limits: &PullLimits,
) -> Result<Input, Stop> {
    let school_id = job.school_id().to_owned();
    let connection = job
        .db()
        .read_from_blocking(move |conn| find(conn, &school_id))?
        .ok_or_else(|| {
            Stop::failed(
                "not_connected",
                "The school's OneRoster connection was removed before the sync ran.",
            )
        })?;
    let server = connection.server();
    let progress = |_records: u64| {};
    let files = tokio::runtime::Handle::current()
        .block_on(rest::pull(&server, limits, &progress))
        .map_err(|err| Stop::failed(err.code, err.message))?;
    job.still_held()?;
    input::bundle(&files, params.org.as_deref()).map_err(stop)
}

/// Starts due syncs. Each due connection moves its `next_sync_at` with a guarded update
/// (`WHERE next_sync_at = what was read`) in the transaction that queues the job, so of two
/// instances looking at once, one queues it and the other changes nothing.
pub fn spawn(
    db: Db,
    clock: Arc<crate::clock::Clock>,
    queue: Arc<JobQueue>,
    look_every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now = clock.now();
            match db.write(move |conn| start_due(conn, now)).await {
                Ok(0) => {}
                Ok(_) => queue.wake.notify_one(),
                Err(err) => tracing::warn!(error = %err, "could not look for due roster syncs"),
            }
            tokio::time::sleep(look_every).await;
        }
    })
}

fn start_due(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize, ApiError> {
    let due: Vec<ConnectionRow> = oneroster_connections::table
        .filter(oneroster_connections::next_sync_at.le(now))
        .select(ConnectionRow::as_select())
        .load(conn)?;
    let mut started = 0;
    for connection in due {
        let moved = diesel::update(
            oneroster_connections::table
                .find(&connection.school_id)
                .filter(oneroster_connections::next_sync_at.eq(connection.next_sync_at)),
        )
        .set(oneroster_connections::next_sync_at.eq(connection.next_after(now)))
        .execute(conn)?;
        if moved == 1 {
            enqueue(conn, &connection, None, now)?;
            started += 1;
        }
    }
    Ok(started)
}
