use actix_web::{post, web};
use hallpass_shared::auth::{ChangePasswordRequest, Session};
use validator::Validate;

use crate::auth::extract::SignedIn;
use crate::auth::principal::Principal;
use crate::auth::session::session;
use crate::auth::{password_rules, refresh_tokens};
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;
use crate::users::queries::set_password;

/// Change your password (and clear a pending temporary one).
///
/// Every other session of the account is signed out; the answer carries a new token pair for
/// this one. Wrong current passwords are limited per account (`429` with `Retry-After`).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a new token pair", body = Session),
        (status = 403, response = crate::openapi::SignedInForbidden),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    SignedIn(me): SignedIn,
    body: web::Json<ChangePasswordRequest>,
) -> Result<web::Json<Session>, ApiError> {
    body.validate()?;
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    state.throttles.password_change_attempt(me.id())?;
    if !state
        .passwords
        .verify(me.user.password_hash.clone(), current_password)
        .await?
    {
        tracing::warn!(
            user_id = me.id(),
            "a wrong current password at POST /me/password"
        );
        return Err(ApiError::invalid_field(
            "current_password",
            "is not your current password",
        ));
    }
    state.throttles.password_change_succeeded(me.id());
    password_rules::check("new_password", &new_password)?;
    let hash = state.passwords.hash(new_password).await?;
    let user_id = me.id().to_owned();
    let (principal, refresh_token) = state
        .db
        .write(move |conn| {
            let at = now();
            set_password(conn, &user_id, &hash, false, at)?;
            refresh_tokens::revoke_all_of_user(conn, &user_id, at)?;
            let token = refresh_tokens::issue(conn, &user_id, None, at)?;
            let principal =
                Principal::load(conn, &user_id)?.ok_or_else(|| ApiError::not_found("Account"))?;
            Ok((principal, token))
        })
        .await?;
    Ok(web::Json(session(&state, &principal, refresh_token)?))
}
