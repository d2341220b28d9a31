//! Starting a session: the one place that turns a user into a token pair.
use hallpass_shared::auth::Session;

use super::jwt::ACCESS_TOKEN_SECONDS;
use super::principal::Principal;
use crate::error::ApiError;
use crate::state::AppState;

/// Issues an access token and a refresh token (already stored) for `principal`.
pub fn session(
    state: &AppState,
    principal: &Principal,
    refresh_token: String,
) -> Result<Session, ApiError> {
    Ok(Session {
        access_token: state.tokens.issue(principal.id(), chrono::Utc::now())?,
        token_type: "Bearer".to_owned(),
        expires_in: ACCESS_TOKEN_SECONDS as u64,
        refresh_token,
        user: principal.me()?,
    })
}
