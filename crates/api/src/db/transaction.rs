use diesel::connection::{AnsiTransactionManager, TransactionManager};

use super::DbConn;
use crate::error::ApiError;

/// A transaction that will write. On SQLite it takes the write lock up front
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
/// "database is locked" when another writer got in between, and waiting does not help it.
pub fn write_transaction<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    begin(conn)?;
    finish_transaction(conn, work)
}

/// Begins a write transaction.
pub(super) fn begin(conn: &mut DbConn) -> Result<(), ApiError> {
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    Ok(())
}

/// Runs `work` in the transaction [`begin`] opened, then commits it, or rolls it back.
pub(super) fn finish_transaction<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let outcome = work(conn);
    let finished = match (&outcome, conn) {
        (Ok(_), DbConn::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConn::Postgres(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConn::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConn::Postgres(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (outcome, finished) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(commit)) => Err(commit.into()),
        (Err(err), _) => Err(err),
    }
}
