use actix_web::{post, web};
use diesel::prelude::*;
use hallpass_shared::accounts::{BulkResult, BulkUpdate};
use validator::Validate;

use super::changeable::{self, Changeable};
use super::permissions::{ensure_account_manager_remains, grant, revoke};
use super::rules::{self, Actor, OwnChange, Standing};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Change the status and permissions of many accounts at once, all or nothing.
///
/// One unknown or other-school id, one refused change, and nothing changes at all. Only
/// admins grant or revoke permissions (and only those they hold); nobody changes an admin's
/// account without being one, or an account holding a permission they lack.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = BulkUpdate,
    responses(
        (status = 200, description = "Changed", body = BulkResult),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::AccountConflict),
    )
)]
#[post("/users/bulk")]
pub async fn bulk_update(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    body: web::Json<BulkUpdate>,
) -> Result<web::Json<BulkResult>, ApiError> {
    body.validate()?;
    let BulkUpdate {
        mut user_ids,
        status,
        grant_permissions,
        revoke_permissions,
    } = body.into_inner();
    let granted = grant_permissions.unwrap_or_default();
    let revoked = revoke_permissions.unwrap_or_default();
    if status.is_none() && granted.is_empty() && revoked.is_empty() {
        return Err(ApiError::invalid_field(
            "status",
            "give a status or permissions to grant or revoke",
        ));
    }
    if granted.iter().any(|p| revoked.contains(p)) {
        return Err(ApiError::invalid_field(
            "grant_permissions",
            "cannot grant and revoke the same permission",
        ));
    }
    user_ids.sort();
    user_ids.dedup();
    if user_ids.iter().any(|id| id == caller.id()) {
        rules::check_own_change(&OwnChange {
            status,
            role_changes: false,
            deletes: false,
        })?;
    }
    let school_id = caller.school()?.id.clone();
    let result = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let actor = Actor::from(&caller);
            let accounts = changeable::all(conn, actor, &school_id, &user_ids)?;
            for Changeable { before, .. } in &accounts {
                rules::check_permissions_allowed(before.role, &granted).map_err(|_| {
                    ApiError::invalid_field(
                        "grant_permissions",
                        "students and parents cannot hold permissions",
                    )
                })?;
                let mut held = before.permissions.clone();
                held.extend(granted.iter().copied());
                held.retain(|p| !revoked.contains(p));
                rules::check_standing(actor, Some(before), &Standing::new(before.role, &held))?;
            }
            if let Some(status) = status {
                for chunk in user_ids.chunks(5_000) {
                    diesel::update(users::table.filter(users::id.eq_any(chunk)))
                        .set((users::status.eq(status), users::updated_at.eq(now())))
                        .execute(conn)?;
                }
            }
            grant(conn, &user_ids, &granted)?;
            revoke(conn, &user_ids, &revoked)?;
            if status.is_none() {
                for chunk in user_ids.chunks(5_000) {
                    diesel::update(users::table.filter(users::id.eq_any(chunk)))
                        .set(users::updated_at.eq(now()))
                        .execute(conn)?;
                }
            }
            ensure_account_manager_remains(conn, &school_id)?;
            Ok(BulkResult {
                count: accounts.len(),
                warning: None,
            })
        })
        .await?;
    Ok(web::Json(result))
}
