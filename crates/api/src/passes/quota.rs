//! How many requests and passes for later a student may have waiting at once, so that one
//! student cannot flood the room's teachers or the school's tables.
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::PassQuotaReached;
use hallpass_shared::passes::PassState;

use crate::db::schema::passes;
use crate::db::DbConn;
use crate::error::ApiError;

pub const MAX_PENDING: i64 = 3;
pub const MAX_SCHEDULED: i64 = 5;

/// Before a student makes a pass that would be `state`: refuses one over the quota.
pub fn check(conn: &mut DbConn, student_id: &str, state: PassState) -> Result<(), ApiError> {
    let (limit, what) = match state {
        PassState::Pending => (MAX_PENDING, "requests waiting for a teacher"),
        PassState::Scheduled => (MAX_SCHEDULED, "passes for later"),
        _ => return Ok(()),
    };
    let held: i64 = passes::table
        .filter(passes::student_id.eq(student_id))
        .filter(passes::state.eq(state))
        .filter(passes::created_by.eq(student_id))
        .count()
        .get_result(conn)?;
    if held >= limit {
        return Err(ApiError::coded(
            ErrorCode::PassQuotaReached,
            format!(
                "You already have {held} {what}. Cancel one, or wait until one is decided or used."
            ),
        )
        .with_details(PassQuotaReached { state, limit }));
    }
    Ok(())
}
