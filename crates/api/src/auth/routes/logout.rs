use actix_web::{post, web, HttpResponse};
use hallpass_shared::auth::RefreshRequest;
use validator::Validate;

use crate::auth::refresh_tokens;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Sign out: revokes the refresh token and every token rotated from the same sign-in.
///
/// Answers 204 for unknown tokens too. Access tokens already issued expire on their own
/// within 15 minutes.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let token = body.into_inner().refresh_token;
    state
        .db
        .write(move |conn| refresh_tokens::revoke(conn, &token, now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
