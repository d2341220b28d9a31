use actix_web::{patch, web};
use diesel::prelude::*;
use hallpass_shared::rooms::{Room, RoomPatch};
use validator::Validate;

use super::{queries, rules};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageRooms;
use crate::db::schema::rooms;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Change a room. Needs `manage_rooms`.
#[utoipa::path(
    tag = "rooms",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The room's id")),
    request_body = RoomPatch,
    responses(
        (status = 200, description = "The changed room", body = Room),
        (status = 409, response = crate::openapi::RoomExists),
    )
)]
#[patch("/rooms/{id}")]
pub async fn update_room(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageRooms>,
    id: web::Path<String>,
    body: web::Json<RoomPatch>,
) -> Result<web::Json<Room>, ApiError> {
    body.validate()?;
    let patch = body.into_inner();
    if let Some(name) = patch.name.as_set() {
        rules::check_name(name)?;
    }
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let room = state
        .db
        .write(move |conn| {
            let mut row = queries::in_school(conn, &school_id, &id)?;
            if let Some(name) = patch.name.as_set() {
                queries::check_name_free(conn, &school_id, name, &id)?;
            }
            let trimmed = |text: String| text.trim().to_owned();
            patch.name.map(trimmed).apply(&mut row.name);
            patch.number.map(|n| n.map(trimmed)).apply(&mut row.number);
            patch
                .category
                .map(|c| c.map(trimmed))
                .apply(&mut row.category);
            if let Some(types) = patch.travel_types.as_set() {
                row.set_travel_types(types);
            }
            patch.default_minutes.apply(&mut row.default_minutes);
            patch.max_minutes.apply(&mut row.max_minutes);
            patch.capacity.apply(&mut row.capacity);
            patch.restricted_now.apply(&mut row.restricted_now);
            patch.restricted_future.apply(&mut row.restricted_future);
            patch.end_requires_code.apply(&mut row.end_requires_code);
            patch.enabled.apply(&mut row.enabled);
            let types = patch.travel_types.as_set().cloned();
            rules::check(
                &types.unwrap_or_else(|| row.travel_types()),
                row.default_minutes,
                row.max_minutes,
            )?;
            row.updated_at = now();
            diesel::update(rooms::table.find(&id))
                .set(&row)
                .execute(conn)?;
            if let Some(teachers) = patch.teacher_ids.as_set() {
                queries::set_teachers(conn, &school_id, &id, teachers)?;
            }
            Ok(row.view(queries::teachers_of(conn, &id)?))
        })
        .await?;
    Ok(web::Json(room))
}
