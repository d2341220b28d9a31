use actix_web::{post, web};
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::{Pass, PassState};

use crate::auth::extract::AuthUser;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::passes::access::Viewer;
use crate::passes::act::act;
use crate::passes::row::PassRow;
use crate::passes::state::{next, Action};
use crate::passes::{activation, quota};
use crate::rooms::queries as rooms;
use crate::state::AppState;

/// Start a scheduled pass once its time has come: the student, or staff who see it.
///
/// A student's own pass to a room that now takes requests only (`restricted_now`) becomes a
/// request for the room's teachers instead (`state: pending`), unless a teacher approved it.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The active pass", body = Pass),
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
            next(pass.state, Action::Start, false)?;
            if pass.start_at.is_some_and(|start| start > at) {
                return Err(ApiError::coded(
                    ErrorCode::InvalidPassState,
                    "This pass cannot start before its time.",
                ));
            }
            if becomes_request(conn, viewer, pass)? {
                quota::check(conn, &pass.student_id, PassState::Pending)?;
                pass.state = PassState::Pending;
                pass.updated_at = at;
                return Ok(());
            }
            activation::check(conn, pass, at)?;
            activation::activate(pass, at);
            Ok(())
        },
    )
    .await?;
    Ok(web::Json(pass))
}

/// A student's own unapproved pass for later, started where passes for now need a teacher's
/// approval, becomes a request: the restriction is the one that applies when the pass starts,
/// so a pass "for later" a minute ahead cannot go around `restricted_now`.
fn becomes_request(conn: &mut DbConn, viewer: &Viewer, pass: &PassRow) -> Result<bool, ApiError> {
    let own_unapproved = !viewer.is_staff()
        && pass.state == PassState::Scheduled
        && pass.created_by.as_deref() == Some(pass.student_id.as_str())
        && pass.approved_by.is_none();
    if !own_unapproved {
        return Ok(false);
    }
    Ok(rooms::in_school(conn, &pass.school_id, &pass.destination_room_id)?.restricted_now)
}
