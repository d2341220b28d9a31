use actix_web::{post, web, HttpResponse};
use hallpass_shared::rooms::NewRoom;
use validator::Validate;

use super::row::RoomRow;
use super::{queries, rules};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageRooms;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::state::AppState;
use crate::time::now;

/// Add a room. Needs `manage_rooms`.
#[utoipa::path(
    tag = "rooms",
    security(("bearer" = [])),
    request_body = NewRoom,
    responses(
        (status = 201, description = "Created", body = hallpass_shared::rooms::Room),
        (status = 409, response = crate::openapi::RoomExists),
    )
)]
#[post("/rooms")]
pub async fn create_room(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageRooms>,
    body: web::Json<NewRoom>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let new = body.into_inner();
    rules::check_name(&new.name)?;
    rules::check(&new.travel_types, new.default_minutes, new.max_minutes)?;
    let school_id = caller.school()?.id.clone();
    let room = state
        .db
        .write(move |conn| {
            queries::check_name_free(conn, &school_id, &new.name, "")?;
            let at = now();
            let mut row = RoomRow {
                id: new_id(),
                school_id: school_id.clone(),
                name: new.name.trim().to_owned(),
                number: new.number.map(|n| n.trim().to_owned()),
                category: new.category.map(|c| c.trim().to_owned()),
                one_way: false,
                round_trip: false,
                default_minutes: new.default_minutes,
                max_minutes: new.max_minutes,
                capacity: new.capacity,
                restricted_now: new.restricted_now,
                restricted_future: new.restricted_future,
                end_requires_code: new.end_requires_code,
                enabled: new.enabled,
                code_secret: crate::auth::refresh_tokens::random_token(),
                created_at: at,
                updated_at: at,
            };
            row.set_travel_types(&new.travel_types);
            diesel::insert_into(crate::db::schema::rooms::table)
                .values(&row)
                .execute(conn)?;
            queries::set_teachers(conn, &school_id, &row.id, &new.teacher_ids)?;
            Ok(row.view(queries::teachers_of(conn, &row.id)?))
        })
        .await?;
    Ok(HttpResponse::Created().json(room))
}

use diesel::RunQueryDsl as _;
