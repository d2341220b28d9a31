//! What must hold for a pass to become active. Runs inside the school's serialized write, so
//! two requests can never both pass a check.
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::PassState;

use super::row::PassRow;
use crate::db::schema::{passes, schools};
use crate::db::DbConn;
use crate::error::ApiError;

pub fn emergency_refusal() -> ApiError {
    ApiError::coded(
        ErrorCode::EmergencyMode,
        "Passes are paused: the school is in emergency mode.",
    )
}

pub fn emergency(conn: &mut DbConn, school_id: &str) -> Result<bool, ApiError> {
    Ok(schools::table
        .find(school_id)
        .select(schools::emergency_active)
        .first(conn)?)
}

/// What the checks need of the school, read once.
#[derive(Queryable, Selectable)]
#[diesel(table_name = schools)]
pub struct SchoolRules {
    pub emergency_active: bool,
    pub time_zone: String,
    pub pass_limit_per_day: Option<i32>,
    pub pass_limit_count_staff_created: bool,
    pub hallway_capacity: Option<i32>,
}

pub fn check(conn: &mut DbConn, pass: &PassRow, at: NaiveDateTime) -> Result<(), ApiError> {
    let school: SchoolRules = schools::table
        .find(&pass.school_id)
        .select(SchoolRules::as_select())
        .first(conn)?;
    if school.emergency_active {
        return Err(emergency_refusal());
    }
    let out: i64 = passes::table
        .filter(passes::student_id.eq(&pass.student_id))
        .filter(passes::state.eq_any([PassState::Active, PassState::Waiting]))
        .filter(passes::id.ne(&pass.id))
        .count()
        .get_result(conn)?;
    if out > 0 {
        return Err(ApiError::coded(
            ErrorCode::PassAlreadyActive,
            "This student already has an active pass, or one waiting in line.",
        ));
    }
    super::limits::check(conn, pass, at, &school)?;
    crate::encounters::check::check(conn, &pass.student_id)?;
    super::capacity::check(conn, pass, at, school.hallway_capacity)
}

/// Marks `pass` active from `now`.
pub fn activate(pass: &mut PassRow, now: NaiveDateTime) {
    pass.state = PassState::Active;
    pass.started_at = Some(now);
    pass.expected_end_at = Some(now + Duration::minutes(i64::from(pass.duration_minutes)));
    pass.turn_expires_at = None;
    pass.updated_at = now;
}
