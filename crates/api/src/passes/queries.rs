use diesel::prelude::*;

use super::row::PassRow;
use crate::db::schema::passes;
use crate::db::DbConn;
use crate::error::ApiError;

pub fn in_school(conn: &mut DbConn, school_id: &str, id: &str) -> Result<PassRow, ApiError> {
    passes::table
        .filter(passes::id.eq(id))
        .filter(passes::school_id.eq(school_id))
        .select(PassRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Pass"))
}

pub fn save(conn: &mut DbConn, row: &PassRow) -> Result<(), ApiError> {
    diesel::update(passes::table.find(&row.id))
        .set(row)
        .execute(conn)?;
    Ok(())
}
