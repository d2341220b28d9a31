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

/// `n` codes no account has, and all different: for many new students at once.
pub fn unused_many(conn: &mut DbConn, n: usize) -> Result<Vec<String>, ApiError> {
    let mut codes: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    while codes.len() < n {
        let fresh: Vec<String> = (codes.len()..n).map(|_| invite_code::generate()).collect();
        let mut taken = std::collections::HashSet::new();
        for chunk in fresh.chunks(5_000) {
            let found: Vec<Option<String>> = users::table
                .filter(users::invite_code.eq_any(chunk))
                .select(users::invite_code)
                .load(conn)?;
            taken.extend(found.into_iter().flatten());
        }
        codes.extend(fresh.into_iter().filter(|code| !taken.contains(code)));
    }
    Ok(codes.into_iter().collect())
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
