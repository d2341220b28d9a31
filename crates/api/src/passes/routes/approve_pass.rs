use actix_web::{post, web};
use hallpass_shared::passes::{Pass, PassState};

use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::passes::act::act;
use crate::passes::activation;
use crate::passes::state::{next, Action};
use crate::state::AppState;

/// Approve a request. For the destination room's teachers and their assistants.
///
/// A request for now starts at once (if the student may go now); one for later is scheduled.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The approved pass", body = Pass),
        (status = 409, response = crate::openapi::InvalidPassState),
        (status = 422, response = crate::openapi::PassRefused),
    )
)]
#[post("/passes/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    id: web::Path<String>,
) -> Result<web::Json<Pass>, ApiError> {
    let approver = caller.id().to_owned();
    let pass = act(
        &state,
        &caller,
        id.into_inner(),
        move |conn, viewer, pass, at| {
            if !viewer.can_decide(pass) {
                return Err(ApiError::forbidden(
                    "Only the destination room's teachers decide this request.",
                ));
            }
            let later = pass.start_at.is_some_and(|start| start > at);
            let to = next(pass.state, Action::Approve, later)?;
            pass.approved_by = Some(approver);
            pass.updated_at = at;
            if to == PassState::Active {
                activation::check(conn, pass, at)?;
                activation::activate(pass, at);
            } else {
                pass.state = to;
            }
            Ok(())
        },
    )
    .await?;
    Ok(web::Json(pass))
}
