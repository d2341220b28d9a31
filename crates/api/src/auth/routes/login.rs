use actix_web::{post, web, HttpRequest};
use hallpass_shared::auth::{LoginRequest, Session};
use validator::Validate;

use crate::auth::principal::Principal;
use crate::auth::refresh_tokens;
use crate::auth::session::session;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;
use crate::users::queries::{find_by_email, mark_activated};
use crate::users::row::email_key;

/// Sign in with email and password.
///
/// Answers the same way for an unknown email and a wrong password. The first sign-in
/// activates an account. Wrong passwords are limited per client address, per account from
/// each address, and per account from addresses it never signed in from: a guesser elsewhere
/// cannot lock the account's owner out, nor spread guesses over many addresses.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 401, response = crate::openapi::BadCredentials),
        (status = 403, response = crate::openapi::SignedInForbidden),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::ServerBusy),
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
    // Spent now and given back on success: wrong passwords count, and a flood of parallel
    // guesses finds the limit spent.
    let attempt = state
        .throttles
        .login_attempt(state.client_ip(&req), &email_key(&email))?;

    let found = state
        .db
        .run(move |conn| find_by_email(conn, &email))
        .await?;
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let matches = state.passwords.verify(stored.clone(), given).await?;
    let (Some(user), true, Some(_)) = (found, matches, stored) else {
        return Err(ApiError::unauthenticated("Email or password is incorrect."));
    };
    state.throttles.login_succeeded(attempt);

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
