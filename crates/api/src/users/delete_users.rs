use actix_web::{delete, post, web};
use diesel::prelude::*;
use hallpass_shared::accounts::{BulkResult, UserIds};
use hallpass_shared::user::AccountSource;
use validator::Validate;

use super::changeable;
use super::permissions::ensure_account_manager_remains;
use super::rules::{self, Actor, OwnChange, SYNCED_DELETE_WARNING};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::parents::links::{parents_in_school, unlink_from_school};
use crate::state::AppState;

/// Delete an account and everything tied to it, permanently. Needs `manage_accounts`.
///
/// An account that came from an import answers with a `warning`: the next full sync brings
/// it back unless it also leaves the source. A parent is removed from this school's students;
/// their account is deleted once no student of any school is linked to it. Only admins delete
/// admins; nobody deletes an account holding a permission they lack.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "Deleted", body = BulkResult),
        (status = 409, response = crate::openapi::AccountConflict),
    )
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    id: web::Path<String>,
) -> Result<web::Json<BulkResult>, ApiError> {
    delete_all(&state, &caller, vec![id.into_inner()]).await
}

/// Delete several accounts: all of them, or none when one is unknown or refused.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = UserIds,
    responses(
        (status = 200, description = "Deleted", body = BulkResult),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::AccountConflict),
    )
)]
#[post("/users/bulk-delete")]
pub async fn bulk_delete(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    body: web::Json<UserIds>,
) -> Result<web::Json<BulkResult>, ApiError> {
    body.validate()?;
    delete_all(&state, &caller, body.into_inner().user_ids).await
}

async fn delete_all(
    state: &AppState,
    caller: &crate::auth::principal::Principal,
    mut ids: Vec<String>,
) -> Result<web::Json<BulkResult>, ApiError> {
    ids.sort();
    ids.dedup();
    if ids.iter().any(|id| id == caller.id()) {
        rules::check_own_change(&OwnChange {
            status: None,
            role_changes: false,
            deletes: true,
        })?;
    }
    let school_id = caller.school()?.id.clone();
    let caller = caller.clone();
    let result = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            // Parents belong to no school; its admins may remove the ones linked to its students.
            let parents = parents_in_school(conn, &school_id, &ids)?;
            let others: Vec<String> = ids
                .iter()
                .filter(|id| !parents.contains(id))
                .cloned()
                .collect();
            let accounts = changeable::all(conn, Actor::from(&caller), &school_id, &others)?;
            let synced = accounts
                .iter()
                .any(|a| a.row.source == AccountSource::Import);
            // A parent may have children at other schools too: this school only unlinks them,
            // and the account goes when no child is left.
            let mut leaving = Vec::new();
            for parent in &parents {
                if unlink_from_school(conn, &school_id, parent)? == 0 {
                    leaving.push(parent.clone());
                }
            }
            // Assistants of a deleted teacher lose that teacher's rooms.
            crate::rooms::queries::touch_teachers(conn, &others)?;
            leaving.extend(others);
            // Foreign keys cascade: permissions, links, tokens (and later passes, pictures).
            for chunk in leaving.chunks(5_000) {
                diesel::delete(users::table.filter(users::id.eq_any(chunk))).execute(conn)?;
            }
            let count = accounts.len() + parents.len();
            ensure_account_manager_remains(conn, &school_id)?;
            Ok(BulkResult {
                count,
                warning: synced.then(|| SYNCED_DELETE_WARNING.to_owned()),
            })
        })
        .await?;
    Ok(web::Json(result))
}
