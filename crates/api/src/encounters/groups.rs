//! Encounter groups of a school: rows, members and their API view.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::encounters::EncounterGroup;
use hallpass_shared::user::Role;

use crate::db::schema::{encounter_group_members as members, encounter_groups as groups, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::on_backend;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = groups, treat_none_as_null = true)]
pub struct GroupRow {
    pub id: String,
    pub school_id: String,
    pub name: String,
    pub enabled: bool,
    pub notes: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn in_school(conn: &mut DbConn, school_id: &str, id: &str) -> Result<GroupRow, ApiError> {
    groups::table
        .filter(groups::id.eq(id))
        .filter(groups::school_id.eq(school_id))
        .select(GroupRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Encounter group"))
}

pub fn view(conn: &mut DbConn, row: &GroupRow) -> Result<EncounterGroup, ApiError> {
    let student_ids = members::table
        .filter(members::group_id.eq(&row.id))
        .select(members::student_id)
        .order(members::student_id)
        .load(conn)?;
    Ok(EncounterGroup {
        id: row.id.clone(),
        name: row.name.clone(),
        student_ids,
        enabled: row.enabled,
        notes: row.notes.clone(),
    })
}

/// Replaces the members; each must be a student of the school.
pub fn set_members(
    conn: &mut DbConn,
    school_id: &str,
    group_id: &str,
    student_ids: &[String],
) -> Result<(), ApiError> {
    let mut ids = student_ids.to_vec();
    ids.sort();
    ids.dedup();
    if ids.len() < 2 {
        return Err(ApiError::invalid_field(
            "student_ids",
            "must name at least 2 different students",
        ));
    }
    let students: i64 = users::table
        .filter(users::id.eq_any(&ids))
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Student))
        .count()
        .get_result(conn)?;
    if students as usize != ids.len() {
        return Err(ApiError::invalid_field(
            "student_ids",
            "must name students of your school",
        ));
    }
    diesel::delete(members::table.filter(members::group_id.eq(group_id))).execute(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .map(|s| (members::group_id.eq(group_id), members::student_id.eq(s)))
        .collect();
    on_backend!(conn, |c| diesel::insert_into(members::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}
