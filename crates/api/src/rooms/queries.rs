use std::collections::HashMap;

use diesel::prelude::*;
use hallpass_shared::rooms::Room;
use hallpass_shared::user::Role;

use super::row::RoomRow;
use crate::db::schema::{assistant_teachers, room_teachers, rooms, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::on_backend;

pub fn in_school(conn: &mut DbConn, school_id: &str, id: &str) -> Result<RoomRow, ApiError> {
    rooms::table
        .filter(rooms::id.eq(id))
        .filter(rooms::school_id.eq(school_id))
        .select(RoomRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Room"))
}

pub fn teachers_of(conn: &mut DbConn, room_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(room_teachers::table
        .filter(room_teachers::room_id.eq(room_id))
        .select(room_teachers::teacher_id)
        .order(room_teachers::teacher_id)
        .load(conn)?)
}

/// Every room of the school, in name order, with its teachers.
pub fn all(conn: &mut DbConn, school_id: &str) -> Result<Vec<Room>, ApiError> {
    let rows: Vec<RoomRow> = rooms::table
        .filter(rooms::school_id.eq(school_id))
        .order((rooms::name, rooms::id))
        .select(RoomRow::as_select())
        .load(conn)?;
    let links: Vec<(String, String)> = room_teachers::table
        .inner_join(rooms::table)
        .filter(rooms::school_id.eq(school_id))
        .select((room_teachers::room_id, room_teachers::teacher_id))
        .order(room_teachers::teacher_id)
        .load(conn)?;
    let mut teachers: HashMap<String, Vec<String>> = HashMap::new();
    for (room, teacher) in links {
        teachers.entry(room).or_default().push(teacher);
    }
    Ok(rows
        .iter()
        .map(|row| row.view(teachers.remove(&row.id).unwrap_or_default()))
        .collect())
}

/// Replaces the room's teachers; each must be a teacher of the school.
pub fn set_teachers(
    conn: &mut DbConn,
    school_id: &str,
    room_id: &str,
    teacher_ids: &[String],
) -> Result<(), ApiError> {
    let mut ids = teacher_ids.to_vec();
    ids.sort();
    ids.dedup();
    let teachers: i64 = users::table
        .filter(users::id.eq_any(&ids))
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Teacher))
        .count()
        .get_result(conn)?;
    if teachers as usize != ids.len() {
        return Err(ApiError::invalid_field(
            "teacher_ids",
            "must name teachers of your school",
        ));
    }
    let before = teachers_of(conn, room_id)?;
    diesel::delete(room_teachers::table.filter(room_teachers::room_id.eq(room_id)))
        .execute(conn)?;
    let mut touched: Vec<String> = before.into_iter().chain(ids.iter().cloned()).collect();
    touched.sort();
    touched.dedup();
    touch_teachers(conn, &touched)?;
    if ids.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = ids
        .iter()
        .map(|t| {
            (
                room_teachers::room_id.eq(room_id),
                room_teachers::teacher_id.eq(t),
            )
        })
        .collect();
    on_backend!(conn, |c| diesel::insert_into(room_teachers::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

/// `409` when another room of the school has this name.
pub fn check_name_free(
    conn: &mut DbConn,
    school_id: &str,
    name: &str,
    except: &str,
) -> Result<(), ApiError> {
    let taken: i64 = rooms::table
        .filter(rooms::school_id.eq(school_id))
        .filter(rooms::name.eq(name.trim()))
        .filter(rooms::id.ne(except))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::coded(
            hallpass_shared::error::ErrorCode::RoomExists,
            "A room with this name already exists.",
        )
        .with_details(hallpass_shared::error_details::NameTaken {
            field: "name".to_owned(),
        }));
    }
    Ok(())
}

/// Marks teachers whose rooms changed, and the assistants who act for them, as changed: their
/// open event streams reload what they may see (`hallway::rights`).
pub fn touch_teachers(conn: &mut DbConn, teacher_ids: &[String]) -> Result<(), ApiError> {
    if teacher_ids.is_empty() {
        return Ok(());
    }
    let assistants = assistant_teachers::table
        .filter(assistant_teachers::teacher_id.eq_any(teacher_ids))
        .select(assistant_teachers::assistant_id);
    diesel::update(
        users::table.filter(
            users::id
                .eq_any(teacher_ids)
                .or(users::id.eq_any(assistants)),
        ),
    )
    .set(users::updated_at.eq(crate::time::now()))
    .execute(conn)?;
    Ok(())
}
