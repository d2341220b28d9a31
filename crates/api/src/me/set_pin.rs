use actix_web::{put, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::rooms::SetPin;
use validator::Validate;

use crate::auth::extract::Staff;
use crate::auth::password;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Set your 4-digit PIN, which ends a pass in your rooms when typed on the student's device.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = SetPin,
    responses(
        (status = 204, description = "Saved"),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::PayloadTooLarge),
    )
)]
#[put("/me/pin")]
pub async fn set_pin(
    state: web::Data<AppState>,
    Staff(me): Staff,
    body: web::Json<SetPin>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let pin = body.into_inner().pin;
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::invalid_field("pin", "must be exactly 4 digits"));
    }
    let hash = password::hash(pin).await?;
    let id = me.id().to_owned();
    state
        .db
        .write(move |conn| {
            Ok(diesel::update(users::table.find(&id))
                .set((users::pin_hash.eq(hash), users::updated_at.eq(now())))
                .execute(conn)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
