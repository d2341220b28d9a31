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
pub(super) struct Manager {
    backend: Backend,
    target: String,
}

impl Manager {
    pub(super) fn new(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_owned(),
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
        })
    }

    pub(super) fn backend(&self) -> Backend {
        self.backend
    }
}

/// WAL lets readers run beside the one writer; FULL sync makes an acknowledged write survive a
/// power cut, not only a process crash.
/// `busy_timeout` comes first: connections opened together would otherwise fail on the lock
/// that switching to WAL takes.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        use diesel::r2d2::Error::ConnectionError;
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.target)
                .map(DbConn::Postgres)
                .map_err(ConnectionError),
            Backend::Sqlite => {
                let mut conn =
                    SqliteConnection::establish(&self.target).map_err(ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
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
