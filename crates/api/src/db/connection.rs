use std::path::Path;

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::ManageConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

/// One connection type for both backends; queries written once run on either.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Chooses the backend from the URL itself: diesel's own `establish` would try each in turn.
#[derive(Clone)]
pub(super) struct Manager {
    backend: Backend,
    target: String,
    /// SQLite connections that refuse to write (`PRAGMA query_only`): the pool's, which serve
    /// reads, so that a write sent the wrong way fails in the tests instead of going around
    /// the writer thread.
    query_only: bool,
}

/// A pooled connection, and whether it was found broken (the pool then drops it).
pub struct Pooled {
    pub(super) conn: DbConn,
    pub(super) broken: bool,
}

impl Manager {
    pub(super) fn new(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_owned(),
                query_only: false,
            });
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() || path.contains("://") {
            bail!("HALLPASS_DATABASE_URL must be postgres://… or a SQLite file path, got {url:?}");
        }
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        Ok(Self {
            backend: Backend::Sqlite,
            target: path.to_owned(),
            query_only: false,
        })
    }

    /// The same database, for connections that only read (on SQLite, refusing writes).
    pub(super) fn for_reads(&self) -> Self {
        Self {
            query_only: self.backend == Backend::Sqlite,
            ..self.clone()
        }
    }

    pub(super) fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection of its own, outside the pool.
    pub(super) fn open(&self) -> Result<DbConn, diesel::r2d2::Error> {
        use diesel::r2d2::Error::{ConnectionError, QueryError};
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.target)
                .map(DbConn::Postgres)
                .map_err(ConnectionError),
            Backend::Sqlite => {
                let mut conn =
                    SqliteConnection::establish(&self.target).map_err(ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS).map_err(QueryError)?;
                if self.query_only {
                    conn.batch_execute("PRAGMA query_only = 1")
                        .map_err(QueryError)?;
                }
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

/// WAL lets readers run beside the one writer; FULL sync makes an acknowledged write survive a
/// power cut, not only a process crash.
/// `busy_timeout` comes first: connections opened together would otherwise fail on the lock
/// that switching to WAL takes.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        Ok(Pooled {
            conn: self.open()?,
            broken: false,
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), Self::Error> {
        diesel::sql_query("SELECT 1")
            .execute(&mut pooled.conn)
            .map(|_| ())
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// Marked by the caller that met a lost connection (a restarted database, a terminated
    /// backend), or left in a broken transaction.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        use diesel::r2d2::R2D2Connection;
        pooled.broken
            || match &mut pooled.conn {
                DbConn::Postgres(c) => c.is_broken(),
                DbConn::Sqlite(c) => c.is_broken(),
            }
    }
}

#[cfg(test)]
mod tests {
    use diesel::sql_types::Integer;

    use super::*;

    #[derive(diesel::QueryableByName)]
    struct Used {
        #[diesel(sql_type = Integer)]
        used: i32,
    }

    /// `.cargo/config.toml` builds SQLite with the planner stability guarantee; without it every
    /// statement with a LIMIT is parsed again on each use (see there).
    #[test]
    fn sqlite_is_built_to_keep_one_plan_per_statement() {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let option: Used =
            diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS used")
                .get_result(&mut conn)
                .expect("compile option");
        assert_eq!(
            option.used, 1,
            "build with LIBSQLITE3_FLAGS=-DSQLITE_ENABLE_QPSG"
        );
    }
}

#[cfg(test)]
mod read_only_tests {
    use super::*;

    #[test]
    fn sqlite_read_connections_refuse_writes() {
        let path =
            std::env::temp_dir().join(format!("hallpass-ro-{}.sqlite3", uuid::Uuid::now_v7()));
        let writable = Manager::new(&path.display().to_string()).expect("manager");
        let mut conn = writable.open().expect("writable");
        conn.batch_execute("CREATE TABLE t (x INTEGER)")
            .expect("create");
        let mut reader = writable.for_reads().open().expect("reader");
        let refused = reader.batch_execute("INSERT INTO t VALUES (1)");
        assert!(
            refused.is_err_and(|e| e.to_string().contains("readonly")),
            "a read connection wrote"
        );
        reader
            .batch_execute("SELECT * FROM t")
            .expect("reads still work");
        let _ = std::fs::remove_file(&path);
    }
}
