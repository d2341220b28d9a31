use diesel::prelude::*;
use hallpass_shared::passes::PassState;

use crate::db::schema::{encounter_group_members as members, encounter_groups as groups, passes};
use crate::db::DbConn;
use crate::error::{ApiError, Prevented};

/// Refuses a pass while another member of an enabled group of the student is out. The error
/// carries the group and the other student so that `report` can log them; its own answer names
/// nobody, and `report` gives staff the group.
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
        .filter(passes::state.eq(PassState::Active))
        .select((groups::id, groups::name, members::student_id))
        .first(conn)
        .optional()?;
    match blocker {
        None => Ok(()),
        Some((group_id, group_name, other)) => Err(ApiError::Prevented(Box::new(Prevented {
            group_id,
            group_name,
            student_id: student_id.to_owned(),
            other_student_id: other,
        }))),
    }
}
