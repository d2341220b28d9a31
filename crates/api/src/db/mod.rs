//! The database: one diesel schema over SQLite (the default) and PostgreSQL.
mod connection;
mod group_commit;
mod migrate;
pub mod schema;
mod transaction;

pub use connection::{Backend, DbConn, Pooled};
pub use transaction::write_transaction;
use transaction::{begin, finish_transaction};

use std::time::Duration;

use diesel::r2d2::Pool;
use diesel::RunQueryDsl;

use crate::error::ApiError;

/// A pool of connections to one backend, used from the blocking thread pool.
///
/// The pool serves reads; on SQLite its connections refuse writes. Writes go through
/// [`Db::write`]: on SQLite to the writer thread, on PostgreSQL in a pooled transaction.
#[derive(Clone)]
pub struct Db {
    pool: Pool<connection::Manager>,
    /// For writes outside the server's writer thread (start-up, the CLI, tests).
    writable: connection::Manager,
    backend: Backend,
    /// SQLite has one writer at a time: writes queue for the writer thread rather than in
    /// SQLite's sleep-and-retry busy handler, and commit in groups.
    sqlite_writer: Option<group_commit::GroupCommit>,
}

impl Db {
    /// Connects, applies the embedded migrations and returns the pool.
    pub fn open(url: &str, pool_size: u32) -> anyhow::Result<Self> {
        let writable = connection::Manager::new(url)?;
        let backend = writable.backend();
        migrate::run(&mut writable.open()?)?;
        let pool = Pool::builder()
            .max_size(pool_size)
            .connection_timeout(Duration::from_secs(10))
            // A `SELECT 1` before every use doubled the round trips of short requests; a
            // connection that breaks is still dropped when it is returned (`has_broken`).
            .test_on_check_out(false)
            .build(writable.for_reads())?;
        let sqlite_writer = match backend {
            Backend::Sqlite => Some(group_commit::GroupCommit::start(&writable)?),
            Backend::Postgres => None,
        };
        Ok(Self {
            pool,
            writable,
            backend,
            sqlite_writer,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking diesel reads on the blocking pool, never on the async executor. A read
    /// that meets a lost connection (the database restarted, or the backend was terminated)
    /// drops it and runs again on another, so the pool heals without failing the request:
    /// `work` must only read, and may run more than once.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnMut(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.read_from_blocking(work))
            .await
            .map_err(ApiError::internal)?
    }

    /// [`Db::run`] for work already on a blocking thread (a job's worker).
    pub fn read_from_blocking<T>(
        &self,
        mut work: impl FnMut(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut tries = self.pool.max_size() + 1;
        loop {
            let mut pooled = self.pool.get().map_err(ApiError::internal)?;
            let outcome = work(&mut pooled.conn);
            match outcome {
                Err(err) if err.is_connection_lost() => {
                    tracing::warn!(error = %err, "a pooled database connection was lost; reading again on another");
                    pooled.broken = true;
                    tries -= 1;
                    if tries == 0 {
                        return Err(err);
                    }
                }
                done => return done,
            }
        }
    }

    /// Runs `work` in a write transaction (see [`write_transaction`]; on SQLite, in the writer
    /// thread's next group) from the blocking pool.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_from_blocking(work))
            .await
            .map_err(ApiError::internal)?
    }

    /// [`Db::write`] for work already on a blocking thread (a job's worker): on SQLite it
    /// still goes through the writer thread.
    pub fn write_from_blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        match &self.sqlite_writer {
            Some(writer) => writer.write(work),
            None => self.write_blocking(work),
        }
    }

    /// A write transaction off the executor. On PostgreSQL, from the pool: a connection found
    /// lost when the transaction begins is dropped for another (nothing was written yet). On
    /// SQLite (callers that run before or beside the server: the CLI, start-up, seeding,
    /// tests), on a connection of its own, waiting on the busy timeout rather than in the
    /// writer thread's queue.
    pub fn write_blocking<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if self.backend == Backend::Sqlite {
            let mut conn = self.writable.open().map_err(ApiError::internal)?;
            return write_transaction(&mut conn, work);
        }
        let mut tries = self.pool.max_size() + 1;
        loop {
            let mut pooled = self.pool.get().map_err(ApiError::internal)?;
            match begin(&mut pooled.conn) {
                Err(err) if err.is_connection_lost() && tries > 1 => {
                    tracing::warn!(error = %err, "a pooled database connection was lost; beginning again on another");
                    pooled.broken = true;
                    tries -= 1;
                }
                Err(err) => return Err(err),
                Ok(()) => {
                    let outcome = finish_transaction(&mut pooled.conn, work);
                    if outcome.as_ref().is_err_and(ApiError::is_connection_lost) {
                        pooled.broken = true;
                    }
                    return outcome;
                }
            }
        }
    }

    /// A write transaction serialized with every other one for the same school, for rules that
    /// check and then write (one active pass, limits, capacity): two requests can never both
    /// pass the check. SQLite writers are serialized already; PostgreSQL takes a
    /// transaction-level advisory lock named after the school.
    pub async fn write_for_school<T, F>(&self, school_id: &str, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let key = school_lock_key(school_id);
        self.write(move |conn| {
            if let DbConn::Postgres(c) = conn {
                diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
                    .bind::<diesel::sql_types::BigInt, _>(key)
                    .execute(c)?;
            }
            work(conn)
        })
        .await
    }

    /// Work without a transaction for callers that are already off the executor (the CLI,
    /// start-up, tests). It may write: on SQLite it runs on a connection of its own.
    pub fn run_blocking<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if self.backend == Backend::Sqlite {
            return work(&mut self.writable.open().map_err(ApiError::internal)?);
        }
        let mut pooled = self.pool.get().map_err(ApiError::internal)?;
        let outcome = work(&mut pooled.conn);
        if outcome.as_ref().is_err_and(ApiError::is_connection_lost) {
            pooled.broken = true;
        }
        outcome
    }
}

/// A stable 64-bit lock name for a school.
fn school_lock_key(school_id: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(school_id.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]))
}

/// Runs `$body` with `$c` bound to the concrete connection, for the few queries that
/// MultiConnection cannot express (batch inserts, upserts, locks).
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Postgres($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}
