use actix_web::{delete, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;

use super::queries;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageRooms;
use crate::db::schema::{passes, rooms};
use crate::error::ApiError;
use crate::state::AppState;

/// Delete a room. Needs `manage_rooms`.
#[utoipa::path(
    tag = "rooms",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The room's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, response = crate::openapi::RoomInUse),
    )
)]
#[delete("/rooms/{id}")]
pub async fn delete_room(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageRooms>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            queries::in_school(conn, &school_id, &id)?;
            let used: i64 = passes::table
                .filter(passes::origin_room_id.eq(&id).or(passes::destination_room_id.eq(&id)))
                .count()
                .get_result(conn)?;
            if used > 0 {
                return Err(ApiError::coded(
                    ErrorCode::RoomInUse,
                    "This room has passes, so deleting it would lose their history. Disable it instead.",
                ));
            }
            let teachers = queries::teachers_of(conn, &id)?;
            let deleted = diesel::delete(rooms::table.find(&id)).execute(conn)?;
            queries::touch_teachers(conn, &teachers)?;
            Ok(deleted)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
