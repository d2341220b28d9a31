use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::user::{AccountSource, AccountStatus, Permission, Role};

use super::row::{email_key, UserRow};
use crate::db::schema::{assistant_teachers, user_permissions, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::ids::new_id;

/// What it takes to create an account; permissions start at the role's defaults.
pub struct NewAccount<'a> {
    pub school_id: Option<&'a str>,
    pub role: Role,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: Option<&'a str>,
    pub school_identifier: Option<&'a str>,
    pub grade: Option<&'a str>,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
}

pub fn insert(
    conn: &mut DbConn,
    account: NewAccount<'_>,
    now: NaiveDateTime,
) -> Result<UserRow, ApiError> {
    let invite_code = match account.role {
        Role::Student => Some(crate::parents::codes::unused(conn)?),
        _ => None,
    };
    let mut row = UserRow {
        id: new_id(),
        school_id: account.school_id.map(str::to_owned),
        role: account.role,
        status: AccountStatus::Active,
        first_name: account.first_name.trim().to_owned(),
        last_name: account.last_name.trim().to_owned(),
        email: account.email.map(|e| e.trim().to_owned()),
        email_key: account.email.map(email_key),
        school_identifier: account.school_identifier.map(|s| s.trim().to_owned()),
        grade: account.grade.map(str::to_owned),
        password_hash: account.password_hash,
        must_change_password: account.must_change_password,
        source: AccountSource::Manual,
        activated_at: None,
        hide_profile_pictures: false,
        created_at: now,
        updated_at: now,
        search_key: String::new(),
        pin_hash: None,
        pass_limit_per_day: None,
        invite_code,
        picture_version: None,
        import_source: None,
        external_id: None,
    };
    row.refresh_search_key();
    diesel::insert_into(users::table)
        .values(&row)
        .execute(conn)?;
    let grants: Vec<_> = account
        .role
        .default_permissions()
        .iter()
        .map(|p| {
            (
                user_permissions::user_id.eq(&row.id),
                user_permissions::permission.eq(*p),
            )
        })
        .collect();
    if !grants.is_empty() {
        crate::on_backend!(conn, |c| diesel::insert_into(user_permissions::table)
            .values(&grants)
            .execute(c))?;
    }
    Ok(row)
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(users::table
        .filter(users::email_key.eq(email_key(email)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn permissions_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<Permission>, ApiError> {
    // Read as text: a permission this version does not know (left by a newer one, before a
    // rollback) is skipped rather than failing every request of the account.
    let names: Vec<String> = user_permissions::table
        .filter(user_permissions::user_id.eq(user_id))
        .select(user_permissions::permission)
        .load(conn)?;
    let mut permissions: Vec<Permission> =
        names.iter().filter_map(|n| Permission::parse(n)).collect();
    permissions.sort();
    Ok(permissions)
}

pub fn acts_for_of(conn: &mut DbConn, assistant_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(assistant_teachers::table
        .filter(assistant_teachers::assistant_id.eq(assistant_id))
        .select(assistant_teachers::teacher_id)
        .order(assistant_teachers::teacher_id)
        .load(conn)?)
}

pub fn set_password(
    conn: &mut DbConn,
    user_id: &str,
    hash: &str,
    must_change: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(hash),
            users::must_change_password.eq(must_change),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The first successful sign-in activates an account.
pub fn mark_activated(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::activated_at.is_null()),
    )
    .set(users::activated_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Replaces the teachers an assistant acts for.
pub fn set_acts_for(
    conn: &mut DbConn,
    assistant_id: &str,
    teacher_ids: &[String],
) -> Result<(), ApiError> {
    diesel::delete(
        assistant_teachers::table.filter(assistant_teachers::assistant_id.eq(assistant_id)),
    )
    .execute(conn)?;
    if teacher_ids.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = teacher_ids
        .iter()
        .map(|t| {
            (
                assistant_teachers::assistant_id.eq(assistant_id),
                assistant_teachers::teacher_id.eq(t),
            )
        })
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(assistant_teachers::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}
