//! Admins replace invite codes; the old code stops working at once.
use actix_web::{post, web};
use hallpass_shared::accounts::UserIds;
use hallpass_shared::parents::{InviteCode, InviteCodes};
use hallpass_shared::user::Role;
use validator::Validate;

use super::codes;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::error::ApiError;
use crate::state::AppState;
use crate::users::lookup::all_in_school;

/// Give a student a new invite code. Needs `manage_accounts`.
///
/// Parents already linked stay linked; the old code links nobody from now on.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    responses(
        (status = 200, description = "The new code", body = InviteCode),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[post("/users/{id}/invite-code")]
pub async fn regenerate_one(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    id: web::Path<String>,
) -> Result<web::Json<InviteCode>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let mut codes = regenerate(&state, school_id, vec![id.into_inner()]).await?;
    codes
        .pop()
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("Account"))
}

/// Give each named student a new invite code: all of them, or none when one is unknown or
/// not a student. Needs `manage_accounts`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = UserIds,
    responses(
        (status = 200, description = "The new codes", body = InviteCodes),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[post("/users/invite-codes")]
pub async fn regenerate_many(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    body: web::Json<UserIds>,
) -> Result<web::Json<InviteCodes>, ApiError> {
    body.validate()?;
    let school_id = caller.school()?.id.clone();
    let items = regenerate(&state, school_id, body.into_inner().user_ids).await?;
    Ok(web::Json(InviteCodes { items }))
}

async fn regenerate(
    state: &AppState,
    school_id: String,
    mut ids: Vec<String>,
) -> Result<Vec<InviteCode>, ApiError> {
    ids.sort();
    ids.dedup();
    state
        .db
        .write(move |conn| {
            let rows = all_in_school(conn, &school_id, &ids)?;
            if rows.iter().any(|r| r.role != Role::Student) {
                return Err(ApiError::invalid_field(
                    "user_ids",
                    "only students have invite codes",
                ));
            }
            rows.iter()
                .map(|row| {
                    Ok(InviteCode {
                        user_id: row.id.clone(),
                        invite_code: codes::replace(conn, &row.id)?,
                    })
                })
                .collect()
        })
        .await
}
