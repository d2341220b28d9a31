use actix_web::{patch, web};
use diesel::prelude::*;
use hallpass_shared::accounts::UserPatch;
use hallpass_shared::user::{Role, User};
use validator::Validate;

use super::changeable::{self, Changeable};
use super::duplicates::{self, Candidate};
use super::lookup::view;
use super::queries::set_acts_for;
use super::row::email_key;
use super::rules::{self, Actor, OwnChange, Standing};
use super::{acts_for, permissions};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::auth::refresh_tokens;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Change an account: names, email (add, change or remove), identifier, grade, role, status,
/// permissions, `acts_for`, or a new temporary password. Needs `manage_accounts`.
///
/// A status change counts on the user's very next request. Nobody can suspend, disable or
/// re-role themselves, and the school always keeps an active account manager. Only admins
/// change permissions, make admins or change an admin's account; nobody changes an account
/// holding a permission they lack, or grants one they do not hold (`403`).
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    request_body = UserPatch,
    responses(
        (status = 200, description = "The changed account", body = User),
        (status = 409, response = crate::openapi::AccountConflict),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    id: web::Path<String>,
    body: web::Json<UserPatch>,
) -> Result<web::Json<User>, ApiError> {
    body.validate()?;
    let patch = body.into_inner();
    for (field, value) in [
        ("first_name", &patch.first_name),
        ("last_name", &patch.last_name),
    ] {
        if value.as_set().is_some_and(|v| v.trim().is_empty()) {
            return Err(ApiError::invalid_field(field, "must not be blank"));
        }
    }
    let hash = match patch.password.as_set() {
        Some(plain) => Some(state.passwords.hash(plain.clone()).await?),
        None => None,
    };
    let id = id.into_inner();
    let is_self = id == caller.id();
    let school_id = caller.school()?.id.clone();
    let user = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let actor = Actor::from(&caller);
            let Changeable { mut row, before } = changeable::one(conn, actor, &school_id, &id)?;
            let current = before.role;
            let role = patch.role.as_set().copied().unwrap_or(current);
            rules::check_creatable(role)?;
            if is_self {
                rules::check_own_change(&OwnChange {
                    status: patch.status.as_set().copied(),
                    role_changes: role != current,
                    deletes: false,
                })?;
            }
            let granted = match (patch.permissions.as_set(), role != current) {
                (Some(granted), _) => Some(granted.clone()),
                (None, true) => Some(role.default_permissions().to_vec()),
                (None, false) => None,
            };
            if let Some(granted) = &granted {
                rules::check_permissions_allowed(role, granted)?;
            }
            let after = Standing::new(role, granted.as_deref().unwrap_or(&before.permissions));
            rules::check_standing(actor, Some(&before), &after)?;
            let teachers = patch.acts_for.as_set().cloned();
            if let Some(teachers) = &teachers {
                rules::check_acts_for_allowed(role, teachers)?;
                acts_for::check_teachers(conn, actor, &school_id, teachers)?;
            }
            let candidate = Candidate {
                school_id: &school_id,
                email: patch.email.as_set().and_then(|e| e.as_deref()),
                school_identifier: patch.school_identifier.as_set().and_then(|s| s.as_deref()),
                except_id: Some(&id),
            };
            duplicates::check(conn, &candidate)?;

            let at = now();
            apply(&mut row, patch, role);
            if role != current {
                invite_code_for_role(conn, &mut row, role)?;
            }
            if let Some(hash) = &hash {
                row.password_hash = Some(hash.clone());
                row.must_change_password = true;
            }
            row.updated_at = at;
            diesel::update(users::table.find(&id))
                .set(&row)
                .execute(conn)?;
            if let Some(granted) = &granted {
                permissions::replace(conn, &id, granted)?;
            }
            if role != Role::Assistant {
                set_acts_for(conn, &id, &[])?;
            } else if let Some(teachers) = &teachers {
                set_acts_for(conn, &id, teachers)?;
            }
            if hash.is_some() {
                refresh_tokens::revoke_all_of_user(conn, &id, at)?;
            }
            permissions::ensure_account_manager_remains(conn, &school_id)?;
            view(conn, &row)
        })
        .await?;
    Ok(web::Json(user))
}

/// Only students have invite codes, and parents stay linked to students only.
fn invite_code_for_role(
    conn: &mut crate::db::DbConn,
    row: &mut super::row::UserRow,
    role: Role,
) -> Result<(), ApiError> {
    if role == Role::Student {
        row.invite_code = Some(crate::parents::codes::unused(conn)?);
    } else {
        row.invite_code = None;
        crate::parents::links::unlink_all_of_student(conn, &row.id)?;
    }
    Ok(())
}

fn apply(row: &mut super::row::UserRow, patch: UserPatch, role: Role) {
    let trimmed = |text: String| text.trim().to_owned();
    row.role = role;
    patch.status.apply(&mut row.status);
    patch.first_name.map(trimmed).apply(&mut row.first_name);
    patch.last_name.map(trimmed).apply(&mut row.last_name);
    if let Some(email) = patch.email.as_set() {
        row.email_key = email.as_deref().map(email_key);
    }
    patch.email.map(|e| e.map(trimmed)).apply(&mut row.email);
    patch
        .school_identifier
        .map(|s| s.map(trimmed))
        .apply(&mut row.school_identifier);
    patch.grade.apply(&mut row.grade);
    row.refresh_search_key();
}
