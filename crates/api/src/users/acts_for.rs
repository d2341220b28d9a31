use diesel::prelude::*;
use hallpass_shared::user::Role;

use super::changeable;
use super::rules::Actor;
use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;

/// Every id must be a teacher of the school whose account the actor may change: an assistant
/// sees a teacher's room codes and decides their requests, so naming a teacher hands out that
/// teacher's powers.
pub fn check_teachers(
    conn: &mut DbConn,
    actor: Actor,
    school_id: &str,
    ids: &[String],
) -> Result<(), ApiError> {
    let teachers: i64 = users::table
        .filter(users::id.eq_any(ids))
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Teacher))
        .count()
        .get_result(conn)?;
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    if teachers as usize != distinct.len() {
        return Err(ApiError::invalid_field(
            "acts_for",
            "must name teachers of your school",
        ));
    }
    let distinct: Vec<String> = distinct.into_iter().cloned().collect();
    changeable::all(conn, actor, school_id, &distinct).map(drop)
}
