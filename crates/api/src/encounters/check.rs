use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use serde_json::json;

use crate::db::schema::{encounter_group_members as members, encounter_groups as groups, passes};
use crate::db::DbConn;
use crate::error::ApiError;

/// Refuses a pass while another member of an enabled group of the student is out. The error
/// carries the group and the other student so that `report` can log it; it is reshaped before
/// anyone sees it.
pub fn check(conn: &mut DbConn, student_id: &str) -> Result<(), ApiError> {
    let group_ids: Vec<String> = members::table
        .inner_join(groups::table)
        .filter(members::student_id.eq(student_id))
        .filter(groups::enabled.eq(true))
        .select(members::group_id)
        .load(conn)?;
    if group_ids.is_empty() {
        return Ok(());
    }
    let blocker: Option<(String, String, String)> = members::table
        .inner_join(groups::table)
        .inner_join(passes::table.on(passes::student_id.eq(members::student_id)))
        .filter(members::group_id.eq_any(&group_ids))
        .filter(members::student_id.ne(student_id))
        .filter(passes::state.eq("active"))
        .select((groups::id, groups::name, members::student_id))
        .first(conn)
        .optional()?;
    match blocker {
        None => Ok(()),
        Some((group_id, group_name, other)) => Err(ApiError::coded(ErrorCode::EncounterPrevented, "encounter prevented")
            .with_details(json!({ "group_id": group_id, "group_name": group_name, "student_id": student_id, "other_student_id": other }))),
    }
}
