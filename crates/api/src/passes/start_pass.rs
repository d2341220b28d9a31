use actix_web::{post, web};
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::Pass;

use super::act::act;
use super::activation;
use super::state::{next, Action};
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;

/// Start a scheduled pass once its time has come: the student, or staff who see it.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The active pass", body = Pass),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::InvalidPassState),
        (status = 422, response = crate::openapi::PassRefused),
    )
)]
#[post("/passes/{id}/start")]
pub async fn start_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<Pass>, ApiError> {
    let pass = act(
        &state,
        &caller,
        id.into_inner(),
        |conn, viewer, pass, at| {
            if !viewer.owns(pass) && !viewer.is_staff() {
                return Err(ApiError::forbidden(
                    "Only the student or staff start a pass.",
                ));
            }
            next(pass.state()?, Action::Start, false)?;
            if pass.start_at.is_some_and(|start| start > at) {
                return Err(ApiError::coded(
                    ErrorCode::InvalidPassState,
                    "This pass cannot start before its time.",
                ));
            }
            activation::check(conn, pass, at)?;
            activation::activate(pass, at);
            Ok(())
        },
    )
    .await?;
    Ok(web::Json(pass))
}
