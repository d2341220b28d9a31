//! Which parents see which students.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::parents::{LinkedStudent, ParentLink};
use hallpass_shared::user::{AccountStatus, Role};

use crate::db::schema::{parent_students, schools, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::time::to_utc;

/// The student holding `code`, unless suspended: a suspended student's code links nobody.
pub fn student_by_code(conn: &mut DbConn, code: &str) -> Result<Option<String>, ApiError> {
    Ok(users::table
        .filter(users::invite_code.eq(code))
        .filter(users::role.eq(Role::Student))
        .filter(users::status.ne(AccountStatus::Suspended))
        .select(users::id)
        .first(conn)
        .optional()?)
}

/// Links a parent to a student; linking twice changes nothing.
pub fn link(
    conn: &mut DbConn,
    parent_id: &str,
    student_id: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    let row = (
        parent_students::parent_id.eq(parent_id),
        parent_students::student_id.eq(student_id),
        parent_students::created_at.eq(at),
    );
    crate::on_backend!(conn, |c| diesel::insert_into(parent_students::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

pub fn unlink(conn: &mut DbConn, parent_id: &str, student_id: &str) -> Result<usize, ApiError> {
    Ok(diesel::delete(
        parent_students::table
            .filter(parent_students::parent_id.eq(parent_id))
            .filter(parent_students::student_id.eq(student_id)),
    )
    .execute(conn)?)
}

pub fn unlink_all_of_student(conn: &mut DbConn, student_id: &str) -> Result<usize, ApiError> {
    Ok(
        diesel::delete(parent_students::table.filter(parent_students::student_id.eq(student_id)))
            .execute(conn)?,
    )
}

/// The students a parent sees: linked, still students, not suspended.
pub fn students_of(
    conn: &mut DbConn,
    parent_id: &str,
    only: Option<&str>,
) -> Result<Vec<LinkedStudent>, ApiError> {
    let mut query = parent_students::table
        .inner_join(users::table.on(users::id.eq(parent_students::student_id)))
        .inner_join(schools::table.on(users::school_id.eq(schools::id.nullable())))
        .filter(parent_students::parent_id.eq(parent_id))
        .filter(users::role.eq(Role::Student))
        .filter(users::status.ne(AccountStatus::Suspended))
        .into_boxed();
    if let Some(student_id) = only {
        query = query.filter(users::id.eq(student_id.to_owned()));
    }
    let rows: Vec<(String, String, String, Option<String>, String, String)> = query
        .order((users::first_name, users::last_name, users::id))
        .select((
            users::id,
            users::first_name,
            users::last_name,
            users::grade,
            schools::name,
            schools::time_zone,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, first_name, last_name, grade, school_name, school_time_zone)| LinkedStudent {
                id,
                first_name,
                last_name,
                grade,
                school_name,
                school_time_zone,
                // There are no profile pictures yet.
                has_picture: false,
            },
        )
        .collect())
}

/// A parent's links to students of `school_id` (what that school's admins may see).
pub fn links_in_school(
    conn: &mut DbConn,
    school_id: &str,
    parent_id: &str,
) -> Result<Vec<ParentLink>, ApiError> {
    let rows: Vec<(String, String, String, Option<String>, NaiveDateTime)> = parent_students::table
        .inner_join(users::table.on(users::id.eq(parent_students::student_id)))
        .filter(parent_students::parent_id.eq(parent_id))
        .filter(users::school_id.eq(school_id))
        .order((users::last_name, users::first_name, users::id))
        .select((
            users::id,
            users::first_name,
            users::last_name,
            users::grade,
            parent_students::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(student_id, first_name, last_name, grade, at)| ParentLink {
                student_id,
                first_name,
                last_name,
                grade,
                linked_at: to_utc(at),
            },
        )
        .collect())
}

/// Removes a parent's links to the students of `school_id`; answers how many links the parent
/// still has, to other schools' students.
pub fn unlink_from_school(
    conn: &mut DbConn,
    school_id: &str,
    parent_id: &str,
) -> Result<i64, ApiError> {
    let students = users::table
        .filter(users::school_id.eq(school_id))
        .select(users::id);
    diesel::delete(
        parent_students::table
            .filter(parent_students::parent_id.eq(parent_id))
            .filter(parent_students::student_id.eq_any(students)),
    )
    .execute(conn)?;
    Ok(parent_students::table
        .filter(parent_students::parent_id.eq(parent_id))
        .count()
        .get_result(conn)?)
}

/// Which of `parent_ids` are linked to a student of `school_id`: the parents its admins manage.
pub fn parents_in_school(
    conn: &mut DbConn,
    school_id: &str,
    parent_ids: &[String],
) -> Result<Vec<String>, ApiError> {
    let mut found: Vec<String> = Vec::new();
    for chunk in parent_ids.chunks(5_000) {
        found.extend(
            parent_students::table
                .inner_join(users::table.on(users::id.eq(parent_students::student_id)))
                .filter(users::school_id.eq(school_id))
                .filter(parent_students::parent_id.eq_any(chunk))
                .select(parent_students::parent_id)
                .distinct()
                .load::<String>(conn)?,
        );
    }
    Ok(found)
}
