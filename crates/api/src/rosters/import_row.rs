//! What an import was asked to do, beside its job row.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::rosters::{ImportMode, RosterSource};
use hallpass_shared::user::Role;

use crate::db::schema::roster_imports;
use crate::db::DbConn;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = roster_imports)]
pub struct ImportRow {
    pub job_id: String,
    pub source: RosterSource,
    /// The `format` the form named; detected when `None`.
    pub format: Option<RosterSource>,
    pub role: Option<Role>,
    pub mode: ImportMode,
    pub org: Option<String>,
    pub strict: bool,
    pub file_name: Option<String>,
    /// A pull from the school's OneRoster server, not an upload.
    pub pulled: bool,
    pub auto_apply: bool,
    pub applied_by: Option<String>,
    pub applied_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut DbConn, job_id: &str) -> Result<ImportRow, ApiError> {
    Ok(roster_imports::table
        .find(job_id)
        .select(ImportRow::as_select())
        .first(conn)?)
}
