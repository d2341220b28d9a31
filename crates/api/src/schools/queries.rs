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

#[derive(AsChangeset)]
#[diesel(table_name = schools)]
struct SchoolChanges {
    name: Option<String>,
    time_zone: Option<String>,
    default_pass_minutes: Option<i32>,
    overtime_buffer_minutes: Option<i32>,
    hallway_capacity: Option<Option<i32>>,
    profile_pictures_enabled: Option<bool>,
    updated_at: chrono::NaiveDateTime,
}

pub fn update(conn: &mut DbConn, id: &str, patch: SchoolPatch) -> Result<SchoolRow, ApiError> {
    let changes = SchoolChanges {
        name: patch.name.map(|n| n.trim().to_owned()),
        time_zone: patch.time_zone,
        default_pass_minutes: patch.default_pass_minutes,
        overtime_buffer_minutes: patch.overtime_buffer_minutes,
        hallway_capacity: patch.hallway_capacity,
        profile_pictures_enabled: patch.profile_pictures_enabled,
        updated_at: now(),
    };
    diesel::update(schools::table.find(id))
        .set(changes)
        .execute(conn)?;
    find(conn, id)
}
