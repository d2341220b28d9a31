//! A preview's rows, kept in `import_changes` until the import is applied or canceled.
use diesel::prelude::*;
use hallpass_shared::rosters::{ChangeKind, FieldChange, ImportChange};
use hallpass_shared::user::Role;
use serde::{Deserialize, Serialize};

use super::plan::{Change, Target};
use crate::db::schema::import_changes;
use crate::db::DbConn;
use crate::error::ApiError;

/// What `data` holds.
#[derive(Debug, Serialize, Deserialize)]
struct Data {
    name: String,
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<Target>,
}

#[derive(Debug, Insertable, Queryable, Selectable)]
#[diesel(table_name = import_changes)]
struct ChangeRow {
    job_id: String,
    seq: i32,
    kind: ChangeKind,
    user_id: Option<String>,
    external_id: Option<String>,
    file: Option<String>,
    line: Option<i64>,
    data: String,
}

/// Rows per insert: well under SQLite's limit on bound values.
const BATCH: usize = 500;

/// Replaces the job's rows with `changes` (a job run again after a crash writes them again).
pub fn replace(
    conn: &mut DbConn,
    job_id: &str,
    file: &str,
    changes: &[Change],
) -> Result<(), ApiError> {
    diesel::delete(import_changes::table.filter(import_changes::job_id.eq(job_id)))
        .execute(conn)?;
    for (batch_at, batch) in changes.chunks(BATCH).enumerate() {
        let rows = batch
            .iter()
            .enumerate()
            .map(|(at, change)| row(job_id, file, batch_at * BATCH + at, change))
            .collect::<Result<Vec<_>, ApiError>>()?;
        crate::on_backend!(conn, |c| diesel::insert_into(import_changes::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}

fn row(job_id: &str, file: &str, seq: usize, change: &Change) -> Result<ChangeRow, ApiError> {
    let data = Data {
        name: change.name.clone(),
        role: change.role,
        fields: change.fields.clone(),
        message: change.message.clone(),
        seen: change.seen.clone(),
        target: change.target.clone(),
    };
    Ok(ChangeRow {
        job_id: job_id.to_owned(),
        seq: i32::try_from(seq).map_err(ApiError::internal)?,
        kind: change.kind,
        user_id: change.user_id.clone(),
        external_id: change.key.clone(),
        file: change.line.map(|_| file.to_owned()),
        line: change
            .line
            .map(|line| i64::try_from(line).unwrap_or(i64::MAX)),
        data: serde_json::to_string(&data).map_err(ApiError::internal)?,
    })
}

/// The rows to apply: every change that writes.
pub fn to_apply(conn: &mut DbConn, job_id: &str) -> Result<Vec<Change>, ApiError> {
    let rows: Vec<ChangeRow> = import_changes::table
        .filter(import_changes::job_id.eq(job_id))
        .filter(import_changes::kind.eq_any([
            ChangeKind::Create,
            ChangeKind::Update,
            ChangeKind::Archive,
            ChangeKind::Restore,
        ]))
        .order(import_changes::seq)
        .select(ChangeRow::as_select())
        .load(conn)?;
    rows.into_iter().map(change).collect()
}

fn change(row: ChangeRow) -> Result<Change, ApiError> {
    let data: Data = serde_json::from_str(&row.data).map_err(ApiError::internal)?;
    Ok(Change {
        kind: row.kind,
        user_id: row.user_id,
        key: row.external_id,
        name: data.name,
        role: data.role,
        line: row.line.map(|line| u64::try_from(line).unwrap_or(0)),
        fields: data.fields,
        message: data.message,
        seen: data.seen,
        target: data.target,
    })
}

/// One page of the preview's rows of `kind` (every kind but `unchanged` when `None`), in file
/// order, after `after` (a `seq`).
pub fn page(
    conn: &mut DbConn,
    job_id: &str,
    kind: Option<ChangeKind>,
    after: Option<i32>,
    limit: u32,
) -> Result<(Vec<ImportChange>, Option<i32>), ApiError> {
    let mut query = import_changes::table
        .filter(import_changes::job_id.eq(job_id))
        .filter(import_changes::seq.gt(after.unwrap_or(-1)))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(import_changes::kind.eq(kind));
    }
    let mut rows: Vec<ChangeRow> = query
        .order(import_changes::seq)
        .limit(i64::from(limit) + 1)
        .select(ChangeRow::as_select())
        .load(conn)?;
    let next = (rows.len() > limit as usize).then(|| rows[limit as usize - 1].seq);
    rows.truncate(limit as usize);
    let changes = rows
        .into_iter()
        .map(|row| {
            let (file, line) = (row.file.clone(), row.line);
            let mut change = change(row)?;
            if let (ChangeKind::Create, Some(target)) = (change.kind, &change.target) {
                change.fields = super::plan::create_fields(target);
            }
            Ok(ImportChange {
                kind: change.kind,
                user_id: change.user_id,
                external_id: change.key,
                name: change.name,
                role: change.role,
                fields: change.fields,
                file,
                line: line.map(|line| u64::try_from(line).unwrap_or(0)),
                message: change.message,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok((changes, next))
}

pub fn delete(conn: &mut DbConn, job_id: &str) -> Result<(), ApiError> {
    diesel::delete(import_changes::table.filter(import_changes::job_id.eq(job_id)))
        .execute(conn)?;
    Ok(())
}
