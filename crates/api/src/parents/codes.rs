//! Giving students invite codes: at creation, at start-up for older students, and on demand.
use diesel::prelude::*;
use hallpass_shared::user::Role;

use super::invite_code;
use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;

/// A code no account holds. The unique index stays the last word; a clash is a one in a
/// hundred billion event, so trying again is enough.
pub fn unused(conn: &mut DbConn) -> Result<String, ApiError> {
    loop {
        let code = invite_code::generate();
        let taken: i64 = users::table
            .filter(users::invite_code.eq(&code))
            .count()
            .get_result(conn)?;
        if taken == 0 {
            return Ok(code);
        }
    }
}

/// Gives `user_id` a new code; the old one stops working at once.
pub fn replace(conn: &mut DbConn, user_id: &str) -> Result<String, ApiError> {
    let code = unused(conn)?;
    diesel::update(users::table.find(user_id))
        .set(users::invite_code.eq(&code))
        .execute(conn)?;
    Ok(code)
}

/// Codes for students that have none: those made before invite codes existed, or re-roled.
pub fn backfill(conn: &mut DbConn) -> Result<usize, ApiError> {
    let missing: Vec<String> = users::table
        .filter(users::role.eq(Role::Student))
        .filter(users::invite_code.is_null())
        .select(users::id)
        .load(conn)?;
    for id in &missing {
        replace(conn, id)?;
    }
    Ok(missing.len())
}
