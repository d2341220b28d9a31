use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;

/// Every id must be a teacher of the school.
pub fn check_teachers(conn: &mut DbConn, school_id: &str, ids: &[String]) -> Result<(), ApiError> {
    let teachers: i64 = users::table
        .filter(users::id.eq_any(ids))
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq("teacher"))
        .count()
        .get_result(conn)?;
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    if teachers as usize != distinct.len() {
        return Err(ApiError::invalid_field(
            "acts_for",
            "must name teachers of your school",
        ));
    }
    Ok(())
}
