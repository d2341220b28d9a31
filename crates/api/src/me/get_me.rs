use actix_web::{get, web};
use hallpass_shared::user::Me;

use crate::auth::extract::SignedIn;
use crate::error::ApiError;

/// The signed-in user, with role, status, permissions, school and `must_change_password`.
///
/// Answers even while a temporary password is pending, so the client knows to ask for a new one.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 403, response = crate::openapi::SignedInForbidden),
    )
)]
#[get("/me")]
pub async fn get_me(SignedIn(me): SignedIn) -> Result<web::Json<Me>, ApiError> {
    Ok(web::Json(me.me()?))
}
