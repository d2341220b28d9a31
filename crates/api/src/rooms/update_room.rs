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
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::RoomExists),
        (status = 413, response = crate::openapi::PayloadTooLarge),
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
    if let Some(name) = &patch.name {
        rules::check_name(name)?;
    }
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let room = state
        .db
        .write(move |conn| {
            let mut row = queries::in_school(conn, &school_id, &id)?;
            if let Some(name) = &patch.name {
                queries::check_name_free(conn, &school_id, name, &id)?;
                row.name = name.trim().to_owned();
            }
            if let Some(number) = patch.number {
                row.number = number.map(|n| n.trim().to_owned());
            }
            if let Some(category) = patch.category {
                row.category = category.map(|c| c.trim().to_owned());
            }
            if let Some(types) = &patch.travel_types {
                row.set_travel_types(types);
            }
            row.default_minutes = patch.default_minutes.unwrap_or(row.default_minutes);
            row.max_minutes = patch.max_minutes.unwrap_or(row.max_minutes);
            row.capacity = patch.capacity.unwrap_or(row.capacity);
            row.restricted_now = patch.restricted_now.unwrap_or(row.restricted_now);
            row.restricted_future = patch.restricted_future.unwrap_or(row.restricted_future);
            row.end_requires_code = patch.end_requires_code.unwrap_or(row.end_requires_code);
            row.enabled = patch.enabled.unwrap_or(row.enabled);
            rules::check(
                &patch
                    .travel_types
                    .clone()
                    .unwrap_or_else(|| row.travel_types()),
                row.default_minutes,
                row.max_minutes,
            )?;
            row.updated_at = now();
            diesel::update(rooms::table.find(&id))
                .set(&row)
                .execute(conn)?;
            if let Some(teachers) = &patch.teacher_ids {
                queries::set_teachers(conn, &school_id, &id, teachers)?;
            }
            Ok(row.view(queries::teachers_of(conn, &id)?))
        })
        .await?;
    Ok(web::Json(room))
}
