use actix_web::{post, web};
use hallpass_shared::accounts::TemporaryPassword;

use super::changeable;
use super::queries::set_password;
use super::rules::Actor;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::auth::{password, refresh_tokens};
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Give an account a new temporary password, shown once. Needs `manage_accounts`.
///
/// The user must change it at their next sign-in; their other sessions end now. Only an admin
/// resets an admin's password, and nobody resets the password of an account holding a
/// permission they lack (`403`).
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The temporary password", body = TemporaryPassword),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/users/{id}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    id: web::Path<String>,
) -> Result<web::Json<TemporaryPassword>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    // Refused before the hash is spent: an admin's password is reset only by an admin.
    {
        let (school_id, id, caller) = (school_id.clone(), id.clone(), caller.clone());
        state
            .db
            .run(move |conn| changeable::one(conn, Actor::from(&caller), &school_id, &id))
            .await?;
    }
    let temporary = password::temporary();
    let hash = state.passwords.hash(temporary.clone()).await?;
    state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            changeable::one(conn, Actor::from(&caller), &school_id, &id)?;
            let at = now();
            set_password(conn, &id, &hash, true, at)?;
            refresh_tokens::revoke_all_of_user(conn, &id, at)
        })
        .await?;
    Ok(web::Json(TemporaryPassword {
        temporary_password: temporary,
    }))
}
