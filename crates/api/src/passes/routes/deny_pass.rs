use actix_web::{post, web};
use hallpass_shared::passes::Pass;

use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::passes::act::act;
use crate::passes::state::{next, Action};
use crate::state::AppState;

/// Deny a request. For the destination room's teachers and their assistants.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The denied request", body = Pass),
        (status = 409, response = crate::openapi::InvalidPassState),
    )
)]
#[post("/passes/{id}/deny")]
pub async fn deny(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    id: web::Path<String>,
) -> Result<web::Json<Pass>, ApiError> {
    let decider = caller.id().to_owned();
    let pass = act(
        &state,
        &caller,
        id.into_inner(),
        move |_, viewer, pass, at| {
            if !viewer.can_decide(pass) {
                return Err(ApiError::forbidden(
                    "Only the destination room's teachers decide this request.",
                ));
            }
            let to = next(pass.state, Action::Deny, false)?;
            pass.state = to;
            pass.approved_by = Some(decider);
            pass.updated_at = at;
            Ok(())
        },
    )
    .await?;
    Ok(web::Json(pass))
}
