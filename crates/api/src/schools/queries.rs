use diesel::prelude::*;
use hallpass_shared::school::SchoolPatch;

use super::row::SchoolRow;
use crate::db::schema::schools;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::time::now;

pub fn find(conn: &mut DbConn, id: &str) -> Result<SchoolRow, ApiError> {
    schools::table
        .find(id)
        .select(SchoolRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("School"))
}

pub fn count(conn: &mut DbConn) -> Result<i64, ApiError> {
    Ok(schools::table.count().get_result(conn)?)
}

pub fn find_by_name(conn: &mut DbConn, name: &str) -> Result<Option<SchoolRow>, ApiError> {
    Ok(schools::table
        .filter(schools::name.eq(name))
        .select(SchoolRow::as_select())
        .first(conn)
        .optional()?)
}

/// The settings `PATCH /school` changes, written as a whole: the rest of the row (emergency
/// mode, the accounts version its triggers keep) is left to its own writers.
#[derive(AsChangeset)]
#[diesel(table_name = schools, treat_none_as_null = true)]
struct Settings<'a> {
    name: &'a str,
    time_zone: &'a str,
    default_pass_minutes: i32,
    overtime_buffer_minutes: i32,
    hallway_capacity: Option<i32>,
    profile_pictures_enabled: bool,
    updated_at: chrono::NaiveDateTime,
}

pub fn update(conn: &mut DbConn, id: &str, patch: SchoolPatch) -> Result<SchoolRow, ApiError> {
    let mut row = find(conn, id)?;
    patch.name.map(|n| n.trim().to_owned()).apply(&mut row.name);
    patch.time_zone.apply(&mut row.time_zone);
    patch
        .default_pass_minutes
        .apply(&mut row.default_pass_minutes);
    patch
        .overtime_buffer_minutes
        .apply(&mut row.overtime_buffer_minutes);
    patch.hallway_capacity.apply(&mut row.hallway_capacity);
    patch
        .profile_pictures_enabled
        .apply(&mut row.profile_pictures_enabled);
    row.updated_at = now();
    let settings = Settings {
        name: &row.name,
        time_zone: &row.time_zone,
        default_pass_minutes: row.default_pass_minutes,
        overtime_buffer_minutes: row.overtime_buffer_minutes,
        hallway_capacity: row.hallway_capacity,
        profile_pictures_enabled: row.profile_pictures_enabled,
        updated_at: row.updated_at,
    };
    diesel::update(schools::table.find(id))
        .set(settings)
        .execute(conn)?;
    Ok(row)
}
