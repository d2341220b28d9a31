//! Daily pass limits, counted per school day in the school's time zone.
use chrono::{Days, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::RemainingPasses;

use super::activation::SchoolRules;
use super::row::PassRow;
use crate::db::schema::{pass_limit_excluded_rooms, passes, schools, users};
use crate::db::DbConn;
use crate::error::ApiError;

/// The UTC bounds of the school day that contains `at`.
pub fn school_day(time_zone: &str, at: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    let tz: Tz = time_zone.parse().unwrap_or(Tz::UTC);
    let local_date = tz.from_utc_datetime(&at).date_naive();
    let midnight = |date: chrono::NaiveDate| {
        let local = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        // A midnight that a DST change skips starts the day at its first real instant.
        tz.from_local_datetime(&local)
            .earliest()
            .map_or(local, |t| t.naive_utc())
    };
    (midnight(local_date), midnight(local_date + Days::new(1)))
}

struct Rules {
    time_zone: String,
    per_day: Option<i32>,
    count_staff_created: bool,
    excluded: Vec<String>,
}

fn rules(conn: &mut DbConn, school_id: &str, student_id: &str) -> Result<Rules, ApiError> {
    let school: SchoolRules = schools::table
        .find(school_id)
        .select(SchoolRules::as_select())
        .first(conn)?;
    let own = own_limit(conn, student_id)?;
    rules_with(conn, school_id, &school, own)
}

fn own_limit(conn: &mut DbConn, student_id: &str) -> Result<Option<i32>, ApiError> {
    Ok(users::table
        .find(student_id)
        .select(users::pass_limit_per_day)
        .first(conn)?)
}

fn rules_with(
    conn: &mut DbConn,
    school_id: &str,
    school: &SchoolRules,
    own: Option<i32>,
) -> Result<Rules, ApiError> {
    let excluded = pass_limit_excluded_rooms::table
        .filter(pass_limit_excluded_rooms::school_id.eq(school_id))
        .select(pass_limit_excluded_rooms::room_id)
        .load(conn)?;
    Ok(Rules {
        time_zone: school.time_zone.clone(),
        per_day: own.or(school.pass_limit_per_day),
        count_staff_created: school.pass_limit_count_staff_created,
        excluded,
    })
}

/// Passes of the school day that count, besides `except`.
fn used(
    conn: &mut DbConn,
    rules: &Rules,
    student_id: &str,
    at: NaiveDateTime,
    except: &str,
) -> Result<i64, ApiError> {
    let (start, end) = school_day(&rules.time_zone, at);
    let mut counted = passes::table
        .filter(passes::student_id.eq(student_id))
        .filter(passes::started_at.ge(start))
        .filter(passes::started_at.lt(end))
        .filter(passes::id.ne(except))
        .filter(passes::destination_room_id.ne_all(rules.excluded.clone()))
        .into_boxed();
    if !rules.count_staff_created {
        counted = counted.filter(passes::created_by.eq(student_id));
    }
    Ok(counted.count().get_result(conn)?)
}

/// Refuses a pass that would go past the student's limit for the day.
pub fn check(
    conn: &mut DbConn,
    pass: &PassRow,
    at: NaiveDateTime,
    school: &SchoolRules,
) -> Result<(), ApiError> {
    let staff_made = pass.created_by.as_deref() != Some(pass.student_id.as_str());
    if pass.limit_override || (staff_made && !school.pass_limit_count_staff_created) {
        return Ok(());
    }
    let own = own_limit(conn, &pass.student_id)?;
    if own.or(school.pass_limit_per_day).is_none() {
        return Ok(());
    }
    let rules = rules_with(conn, &pass.school_id, school, own)?;
    let excluded = rules.excluded.contains(&pass.destination_room_id);
    let Some(limit) = rules
        .per_day
        .filter(|_| !excluded && (!staff_made || rules.count_staff_created))
    else {
        return Ok(());
    };
    if used(conn, &rules, &pass.student_id, at, &pass.id)? >= i64::from(limit) {
        return Err(ApiError::coded(
            ErrorCode::PassLimitReached,
            format!("No passes left today: the limit is {limit} a day."),
        ));
    }
    Ok(())
}

pub fn remaining(
    conn: &mut DbConn,
    school_id: &str,
    student_id: &str,
    at: NaiveDateTime,
) -> Result<RemainingPasses, ApiError> {
    let rules = rules(conn, school_id, student_id)?;
    let used_today = used(conn, &rules, student_id, at, "")?;
    Ok(RemainingPasses {
        per_day: rules.per_day,
        used_today,
        remaining: rules
            .per_day
            .map(|limit| (i64::from(limit) - used_today).max(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn the_school_day_follows_the_schools_time_zone() {
        // 03:30 UTC on the 10th is still the 9th in Chicago (UTC-6 in winter).
        let (start, end) = school_day("America/Chicago", at("2026-12-10 03:30"));
        assert_eq!(start, at("2026-12-09 06:00"));
        assert_eq!(end, at("2026-12-10 06:00"));
        let (start, _) = school_day("UTC", at("2026-12-10 03:30"));
        assert_eq!(start, at("2026-12-10 00:00"));
    }

    #[test]
    fn a_day_with_a_dst_change_is_23_or_25_hours() {
        let (start, end) = school_day("America/Chicago", at("2026-03-08 12:00"));
        assert_eq!((end - start).num_hours(), 23);
        let (start, end) = school_day("America/Chicago", at("2026-11-01 12:00"));
        assert_eq!((end - start).num_hours(), 25);
    }
}
