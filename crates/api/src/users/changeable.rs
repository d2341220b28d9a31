//! The accounts a caller may change, found and checked against the account rules in one step:
//! every route that changes, resets, prints or deletes accounts loads them here.
use super::lookup::{all_in_school, in_school, permissions_by_user};
use super::row::UserRow;
use super::rules::{check_may_change, Actor, Standing};
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

/// Checks rows already loaded (such as parents, who belong to no school).
pub fn checked(
    conn: &mut DbConn,
    actor: Actor,
    rows: Vec<UserRow>,
) -> Result<Vec<Changeable>, ApiError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut permissions = permissions_by_user(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let held = permissions.remove(&row.id).unwrap_or_default();
            let before = Standing::new(row.role()?, &held);
            check_may_change(actor, &before)?;
            Ok(Changeable { row, before })
        })
        .collect()
}
