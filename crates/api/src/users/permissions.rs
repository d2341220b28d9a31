//! Granting and revoking permissions, and the one invariant over them: every school keeps an
//! active account that can manage accounts.
use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Permission, Role};

use super::rules::no_manager_left;
use crate::db::schema::{user_permissions, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::on_backend;

pub fn replace(
    conn: &mut DbConn,
    user_id: &str,
    permissions: &[Permission],
) -> Result<(), ApiError> {
    diesel::delete(user_permissions::table.filter(user_permissions::user_id.eq(user_id)))
        .execute(conn)?;
    grant(conn, &[user_id.to_owned()], permissions)
}

pub fn grant(
    conn: &mut DbConn,
    user_ids: &[String],
    permissions: &[Permission],
) -> Result<(), ApiError> {
    let rows: Vec<_> = user_ids
        .iter()
        .flat_map(|id| {
            permissions.iter().map(move |p| {
                (
                    user_permissions::user_id.eq(id.as_str()),
                    user_permissions::permission.eq(*p),
                )
            })
        })
        .collect();
    // Two binds a row: chunks stay far below both backends' bind limits.
    for chunk in rows.chunks(5_000) {
        on_backend!(conn, |c| diesel::insert_into(user_permissions::table)
            .values(chunk)
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    Ok(())
}

pub fn revoke(
    conn: &mut DbConn,
    user_ids: &[String],
    permissions: &[Permission],
) -> Result<(), ApiError> {
    for chunk in user_ids.chunks(5_000) {
        diesel::delete(
            user_permissions::table
                .filter(user_permissions::user_id.eq_any(chunk))
                .filter(user_permissions::permission.eq_any(permissions)),
        )
        .execute(conn)?;
    }
    Ok(())
}

/// Call inside the write transaction, after the change: refuses it when no manager is left.
pub fn ensure_account_manager_remains(conn: &mut DbConn, school_id: &str) -> Result<(), ApiError> {
    let managers: i64 = users::table
        .inner_join(user_permissions::table)
        .filter(users::school_id.eq(school_id))
        .filter(users::status.eq(AccountStatus::Active))
        .filter(users::role.eq_any([Role::Admin, Role::Teacher, Role::Assistant]))
        .filter(user_permissions::permission.eq(Permission::ManageAccounts))
        .count()
        .get_result(conn)?;
    if managers == 0 {
        return Err(no_manager_left());
    }
    Ok(())
}
