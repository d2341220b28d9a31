use actix_web::{post, web};
use hallpass_shared::auth::{RefreshRequest, Session};
use validator::Validate;

use crate::auth::principal::Principal;
use crate::auth::refresh_tokens::{self, Rotation};
use crate::auth::session::session;
use crate::error::ApiError;
use crate::state::AppState;

/// Trade a refresh token for a new pair.
///
/// Refresh tokens are single-use. Presenting one that was already used revokes every token of
/// its sign-in, which signs out a thief and the victim alike until the victim signs in again.
///
/// One exception lets a client retry a refresh whose answer it lost (a page reload, a dropped
/// connection, another tab that read the old token): a token presented again within 10 seconds
/// of its first use, while the refresh token it was traded for is still unused, is answered
/// with that same refresh token (and a new access token).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and refresh token", body = Session),
        (status = 401, response = crate::openapi::BadCredentials),
        (status = 403, response = crate::openapi::SignedInForbidden),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<Session>, ApiError> {
    body.validate()?;
    let token = body.into_inner().refresh_token;
    let (key, now) = (state.refresh_successors.clone(), state.clock.now());
    // The rotation commits on its own, so a detected reuse stays revoked.
    let rotation = state
        .db
        .write(move |conn| refresh_tokens::rotate(conn, &key, &token, now))
        .await?;
    let (user_id, refresh_token) = match rotation {
        Rotation::Rotated { user_id, token } => (user_id, token),
        Rotation::Refused => {
            return Err(ApiError::unauthenticated(
                "Your session has ended. Please sign in again.",
            ))
        }
        Rotation::ReuseDetected => return Err(ApiError::unauthenticated(
            "This session was used twice, so it was signed out for safety. Please sign in again.",
        )),
    };
    let principal = state
        .db
        .run(move |conn| Principal::load(conn, &user_id))
        .await?
        .ok_or_else(|| ApiError::unauthenticated("This account no longer exists."))?;
    if let Some(refusal) = principal.refusal() {
        return Err(refusal);
    }
    Ok(web::Json(session(&state, &principal, refresh_token)?))
}
