//! The database: one diesel schema over SQLite (the default) and PostgreSQL.
mod connection;
mod group_commit;
mod migrate;
pub mod schema;
pub mod text_enum;
mod transaction;

pub use connection::{Backend, DbConn};
pub use transaction::write_transaction;

use std::time::Duration;

use diesel::r2d2::Pool;
use diesel::RunQueryDsl;

use crate::error::ApiError;

/// A pool of connections to one backend, used from the blocking thread pool.
#[derive(Clone)]
pub struct Db {
    pool: Pool<connection::Manager>,
    backend: Backend,
    /// SQLite has one writer at a time: writes queue for the writer thread rather than in
    /// SQLite's sleep-and-retry busy handler, and commit in groups.
    sqlite_writer: Option<group_commit::GroupCommit>,
}

impl Db {
    /// Connects, applies the embedded migrations and returns the pool.
    pub fn open(url: &str, pool_size: u32) -> anyhow::Result<Self> {
        let manager = connection::Manager::new(url)?;
        let backend = manager.backend();
        let pool = Pool::builder()
            .max_size(pool_size)
            .connection_timeout(Duration::from_secs(10))
            // A `SELECT 1` before every use doubled the round trips of short requests; a
            // connection that breaks is still dropped when it is returned (`has_broken`).
            .test_on_check_out(false)
            .build(manager)?;
        migrate::run(&mut *pool.get()?)?;
        let sqlite_writer = match backend {
            Backend::Sqlite => Some(group_commit::GroupCommit::start(
                &connection::Manager::new(url)?,
            )?),
            Backend::Postgres => None,
        };
        Ok(Self {
            pool,
            backend,
            sqlite_writer,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking diesel work on the blocking pool, never on the async executor.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(ApiError::internal)?;
            work(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Runs `work` in a write transaction (see [`write_transaction`]; on SQLite, in the writer
    /// thread's next group) from the blocking pool.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || match &db.sqlite_writer {
            Some(writer) => writer.write(work),
            None => db.write_blocking(work),
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// A write transaction for callers that are already off the executor and run before or
    /// beside the server (CLI, start-up, seeding): on SQLite it waits on the busy timeout
    /// rather than in the writer thread's queue.
    pub fn write_blocking<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        write_transaction(&mut *self.pool.get().map_err(ApiError::internal)?, work)
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

    /// The same work, for callers that are already off the executor (CLI, start-up).
    pub fn run_blocking<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.pool.get().map_err(ApiError::internal)?;
        work(&mut conn)
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
