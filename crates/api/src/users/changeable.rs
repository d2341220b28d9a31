//! The accounts a caller may change, found and checked against the account rules in one step:
//! every route that changes, resets, prints or deletes accounts loads them here.
use diesel::prelude::*;
use hallpass_shared::user::Role;

use super::lookup::{all_in_school, in_school, permissions_by_user};
use super::row::UserRow;
use super::rules::{check_may_change, Actor, Standing};
use crate::db::schema::assistant_teachers;
use crate::db::DbConn;
use crate::error::ApiError;

/// An account of the school that the actor may change, and its standing before the change.
pub struct Changeable {
    pub row: UserRow,
    pub before: Standing,
}

/// `ids` of `school_id`: `404` when one is missing, `403` when the actor may change one not.
pub fn all(
    conn: &mut DbConn,
    actor: Actor,
    school_id: &str,
    ids: &[String],
) -> Result<Vec<Changeable>, ApiError> {
    let rows = all_in_school(conn, school_id, ids)?;
    checked(conn, actor, rows)
}

pub fn one(
    conn: &mut DbConn,
    actor: Actor,
    school_id: &str,
    id: &str,
) -> Result<Changeable, ApiError> {
    let row = in_school(conn, school_id, id)?;
    checked(conn, actor, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Account"))
}

/// Checks rows already loaded. An assistant stands for the teachers they act for (their room
/// codes, requests and passes), so reaching the assistant means reaching those teachers too.
pub fn checked(
    conn: &mut DbConn,
    actor: Actor,
    rows: Vec<UserRow>,
) -> Result<Vec<Changeable>, ApiError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut permissions = permissions_by_user(conn, &ids)?;
    let accounts = rows
        .into_iter()
        .map(|row| {
            let held = permissions.remove(&row.id).unwrap_or_default();
            let before = Standing::new(row.role, &held);
            check_may_change(actor, &before)?;
            Ok(Changeable { row, before })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let assistants: Vec<&str> = accounts
        .iter()
        .filter(|a| a.before.role == Role::Assistant)
        .map(|a| a.row.id.as_str())
        .collect();
    if !assistants.is_empty() {
        let teachers = teachers_of(conn, &assistants)?;
        let teachers: Vec<&str> = teachers.iter().map(String::as_str).collect();
        for held in permissions_by_user(conn, &teachers)?.values() {
            check_may_change(actor, &Standing::new(Role::Teacher, held))?;
        }
    }
    Ok(accounts)
}

/// The teachers the assistants `ids` act for.
fn teachers_of(conn: &mut DbConn, ids: &[&str]) -> Result<Vec<String>, ApiError> {
    let mut teachers = Vec::new();
    for chunk in ids.chunks(5_000) {
        teachers.extend(
            assistant_teachers::table
                .filter(assistant_teachers::assistant_id.eq_any(chunk))
                .select(assistant_teachers::teacher_id)
                .distinct()
                .load::<String>(conn)?,
        );
    }
    Ok(teachers)
}
