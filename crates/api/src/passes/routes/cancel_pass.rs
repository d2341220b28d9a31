use actix_web::{post, web};
use hallpass_shared::passes::Pass;

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::passes::act::act;
use crate::passes::state::{next, Action};
use crate::state::AppState;

/// Cancel a request, a scheduled pass or a place in line: the student, or staff who see it.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The canceled pass", body = Pass),
        (status = 409, response = crate::openapi::InvalidPassState),
    )
)]
#[post("/passes/{id}/cancel")]
pub async fn cancel_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<Pass>, ApiError> {
    let pass = act(&state, &caller, id.into_inner(), |_, viewer, pass, at| {
        if !viewer.owns(pass) && !viewer.is_staff() {
            return Err(ApiError::forbidden(
                "Only the student or staff cancel a pass.",
            ));
        }
        let to = next(pass.state, Action::Cancel, false)?;
        pass.state = to;
        pass.turn_expires_at = None;
        pass.updated_at = at;
        Ok(())
    })
    .await?;
    Ok(web::Json(pass))
}
