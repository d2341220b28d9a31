use actix_web::{get, web};
use hallpass_shared::rooms::RoomCode;
use hallpass_shared::user::Role;

use super::{queries, rotating_code};
use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::state::AppState;

/// The room's current code, for its teachers (and their assistants) to show students.
#[utoipa::path(
    tag = "rooms",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The room's id")),
    responses(
        (status = 200, description = "The current code", body = RoomCode),
    )
)]
#[get("/rooms/{id}/code")]
pub async fn room_code(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    id: web::Path<String>,
) -> Result<web::Json<RoomCode>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let (room, teachers) = state
        .db
        .run(move |conn| {
            let room = queries::in_school(conn, &school_id, &id)?;
            let teachers = queries::teachers_of(conn, &room.id)?;
            Ok((room, teachers))
        })
        .await?;
    let teaches = teachers.iter().any(|t| t == caller.id());
    let assists =
        caller.role == Role::Assistant && caller.acts_for.iter().any(|t| teachers.contains(t));
    if !teaches && !assists {
        return Err(ApiError::forbidden(
            "Only this room's teachers and their assistants see its code.",
        ));
    }
    let (code, expires_in) =
        rotating_code::current(&room.code_secret, state.clock.now_utc().timestamp());
    Ok(web::Json(RoomCode { code, expires_in }))
}
