//! Finding accounts of one school, and turning rows into the API's `User`.
use std::collections::HashMap;

use diesel::prelude::*;
use hallpass_shared::user::{Permission, Role, User};

use super::row::UserRow;
use crate::db::schema::{assistant_teachers, user_permissions, users};
use crate::db::DbConn;
use crate::error::ApiError;

/// An account of `school_id`; another school's account is "not found", like a missing one.
pub fn in_school(conn: &mut DbConn, school_id: &str, id: &str) -> Result<UserRow, ApiError> {
    users::table
        .filter(users::id.eq(id))
        .filter(users::school_id.eq(school_id))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Account"))
}

/// An account the school's account managers may see: one of the school, or a parent (who
/// belongs to no school) linked to one of its students.
pub fn manageable(conn: &mut DbConn, school_id: &str, id: &str) -> Result<UserRow, ApiError> {
    let ids = [id.to_owned()];
    if crate::parents::links::parents_in_school(conn, school_id, &ids)?.is_empty() {
        return in_school(conn, school_id, id);
    }
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)?)
}

/// All of `ids` in `school_id`, or `404` naming the ones that are not.
pub fn all_in_school(
    conn: &mut DbConn,
    school_id: &str,
    ids: &[String],
) -> Result<Vec<UserRow>, ApiError> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        rows.extend(
            users::table
                .filter(users::id.eq_any(chunk))
                .filter(users::school_id.eq(school_id))
                .select(UserRow::as_select())
                .load(conn)?,
        );
    }
    if rows.len() < ids.len() {
        let found: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let missing: Vec<&String> = ids
            .iter()
            .filter(|id| !found.contains(id.as_str()))
            .collect();
        let message = format!(
            "{} of the named accounts were not found in your school; nothing was changed.",
            missing.len()
        );
        return Err(
            ApiError::coded(hallpass_shared::error::ErrorCode::NotFound, message).with_details(
                hallpass_shared::error_details::MissingAccounts {
                    missing_user_ids: missing.into_iter().cloned().collect(),
                },
            ),
        );
    }
    Ok(rows)
}

/// The API view of each row, with permissions (staff only hold them) and `acts_for`
/// (assistants only) loaded in a query each, when any row can have them.
pub fn views(conn: &mut DbConn, rows: &[UserRow]) -> Result<Vec<User>, ApiError> {
    let staff: Vec<&str> = rows
        .iter()
        .filter(|r| r.role.is_staff())
        .map(|r| r.id.as_str())
        .collect();
    let assistants: Vec<&str> = rows
        .iter()
        .filter(|r| r.role == Role::Assistant)
        .map(|r| r.id.as_str())
        .collect();
    let mut permissions = permissions_by_user(conn, &staff)?;
    let mut acts_for: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in assistants.chunks(5_000) {
        let links: Vec<(String, String)> = assistant_teachers::table
            .filter(assistant_teachers::assistant_id.eq_any(chunk))
            .select((
                assistant_teachers::assistant_id,
                assistant_teachers::teacher_id,
            ))
            .order(assistant_teachers::teacher_id)
            .load(conn)?;
        for (assistant, teacher) in links {
            acts_for.entry(assistant).or_default().push(teacher);
        }
    }
    rows.iter()
        .map(|row| {
            let mut granted = permissions.remove(&row.id).unwrap_or_default();
            granted.sort();
            row.view(granted, acts_for.remove(&row.id).unwrap_or_default())
        })
        .collect()
}

/// The permissions each of `ids` holds (ids holding none are left out).
pub fn permissions_by_user(
    conn: &mut DbConn,
    ids: &[&str],
) -> Result<HashMap<String, Vec<Permission>>, ApiError> {
    let mut permissions: HashMap<String, Vec<Permission>> = HashMap::new();
    for chunk in ids.chunks(5_000) {
        // Read as text: see `queries::permissions_of`.
        let granted: Vec<(String, String)> = user_permissions::table
            .filter(user_permissions::user_id.eq_any(chunk))
            .select((user_permissions::user_id, user_permissions::permission))
            .load(conn)?;
        for (user, permission) in granted {
            permissions
                .entry(user)
                .or_default()
                .extend(Permission::parse(&permission));
        }
    }
    Ok(permissions)
}

pub fn view(conn: &mut DbConn, row: &UserRow) -> Result<User, ApiError> {
    views(conn, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a view for one row")))
}
