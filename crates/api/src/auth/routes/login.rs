use actix_web::{post, web, HttpRequest};
use hallpass_shared::auth::{LoginRequest, Session};
use validator::Validate;

use crate::auth::client_ip::client_ip;
use crate::auth::principal::Principal;
use crate::auth::session::session;
use crate::auth::{password, refresh_tokens};
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;
use crate::users::queries::{find_by_email, mark_activated};
use crate::users::row::email_key;

/// Sign in with email and password.
///
/// Answers the same way for an unknown email and a wrong password. The first sign-in
/// activates an account. Throttled per client address and per account.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::BadCredentials),
        (status = 403, response = crate::openapi::SignedInForbidden),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<Session>, ApiError> {
    body.validate()?;
    let LoginRequest {
        email,
        password: given,
    } = body.into_inner();
    state
        .throttle
        .check(client_ip(&req, state.trust_proxy), &email_key(&email))?;

    let found = state
        .db
        .run(move |conn| find_by_email(conn, &email))
        .await?;
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let matches = password::verify(stored.clone(), given).await?;
    let (Some(user), true, Some(_)) = (found, matches, stored) else {
        return Err(ApiError::unauthenticated("Email or password is incorrect."));
    };

    let (principal, refresh_token) = state
        .db
        .write(move |conn| {
            let mut principal =
                Principal::load(conn, &user.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
            if let Some(refusal) = principal.refusal() {
                return Err(refusal);
            }
            let at = now();
            mark_activated(conn, principal.id(), at)?;
            principal.user.activated_at.get_or_insert(at);
            let token = refresh_tokens::issue(conn, principal.id(), None, at)?;
            Ok((principal, token))
        })
        .await?;
    Ok(web::Json(session(&state, &principal, refresh_token)?))
}
