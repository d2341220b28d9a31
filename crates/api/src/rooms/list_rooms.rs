use actix_web::{get, web};
use hallpass_shared::rooms::Room;

use super::queries;
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The school's rooms, in name order: everyone in the school needs them to make passes.
#[utoipa::path(
    tag = "rooms",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rooms", body = Vec<Room>),
    )
)]
#[get("/rooms")]
pub async fn list_rooms(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<web::Json<Vec<Room>>, ApiError> {
    let school_id = user.school()?.id.clone();
    Ok(web::Json(
        state
            .db
            .run(move |conn| queries::all(conn, &school_id))
            .await?,
    ))
}
