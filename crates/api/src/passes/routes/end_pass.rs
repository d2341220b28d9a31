use actix_web::{post, web};
use hallpass_shared::passes::{EndPass, EndedReason, Pass};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::passes::act::act;
use crate::passes::end_proof;
use crate::passes::state::{next, Action};
use crate::rooms::queries as rooms;
use crate::state::AppState;

/// End an active pass.
///
/// Staff who see the pass can always end it. The student ends their own; where the ending
/// room (the destination one way, the origin round trip) has `end_requires_code`, they give
/// its current room code or the PIN of one of its teachers. Wrong codes and PINs are limited
/// per student and per pass (`429` with `Retry-After`), and a student who runs out of tries is
/// reported to the room's teachers (`code.failures` on the live hallway).
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    request_body = EndPass,
    responses(
        (status = 200, description = "The ended pass", body = Pass),
        (status = 409, response = crate::openapi::InvalidPassState),
        (status = 422, response = crate::openapi::PassRefused),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/passes/{id}/end")]
pub async fn end_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
    body: Option<web::Json<EndPass>>,
) -> Result<web::Json<Pass>, ApiError> {
    let proof = body.map(web::Json::into_inner).unwrap_or_default();
    proof.validate()?;
    let pass_id = id.into_inner();
    let proven = caller.role == Role::Student
        && end_proof::accepted(&state, &caller, &pass_id, &proof).await?;
    let pass = act(&state, &caller, pass_id, move |conn, viewer, pass, at| {
        let to = next(pass.state, Action::End, false)?;
        let reason = if viewer.is_staff() {
            EndedReason::Staff
        } else if viewer.owns(pass) {
            if !proven {
                let room = rooms::in_school(conn, &pass.school_id, pass.ending_room_id())?;
                if room.end_requires_code {
                    return Err(end_proof::needs_proof(&room));
                }
            }
            EndedReason::Student
        } else {
            return Err(ApiError::forbidden("Only the student or staff end a pass."));
        };
        pass.state = to;
        pass.ended_at = Some(at);
        pass.ended_reason = Some(reason);
        pass.updated_at = at;
        Ok(())
    })
    .await?;
    Ok(web::Json(pass))
}
