use diesel::{sql_query, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConn;

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Any fixed number: it names the lock, so instances starting together migrate one at a time.
const MIGRATION_LOCK: i64 = 0x4841_4c4c_5041_5353;

pub(super) fn run(conn: &mut DbConn) -> anyhow::Result<()> {
    let applied = match conn {
        DbConn::Sqlite(c) => c
            .run_pending_migrations(SQLITE)
            .map_err(anyhow::Error::msg)?
            .len(),
        DbConn::Postgres(c) => {
            sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(c)?;
            let result = c.run_pending_migrations(POSTGRES).map(|done| done.len());
            sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(c)?;
            result.map_err(anyhow::Error::msg)?
        }
    };
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}
