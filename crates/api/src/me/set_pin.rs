use actix_web::{put, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::rooms::SetPin;
use validator::Validate;

use crate::auth::extract::Staff;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Set your 4-digit PIN, which ends a pass in your rooms when typed on the student's device.
///
/// PINs that students guess first are refused: one digit repeated (`7777`), pairs (`1212`,
/// `1122`), runs up or down (`1234`, `6543`) and years from 1900 to 2099.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = SetPin,
    responses(
        (status = 204, description = "Saved"),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::ServerBusy),
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
    if is_guessable(&pin) {
        return Err(ApiError::invalid_field(
            "pin",
            "is too easy to guess: avoid repeated digits, runs like 1234, and years",
        ));
    }
    state.throttles.pin_change_attempt(me.id())?;
    let hash = state.passwords.hash(pin).await?;
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

/// The PINs a student would try first.
fn is_guessable(pin: &str) -> bool {
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let [a, b, c, e] = d[..] else {
        return false;
    };
    let step = b - a;
    let run = step.abs() == 1 && c - b == step && e - c == step;
    let pairs = (a == c && b == e) || (a == b && c == e);
    let year = matches!(pin.get(..2), Some("19" | "20"));
    (a == b && b == c && c == e) || run || pairs || year
}

#[cfg(test)]
mod tests {
    use super::is_guessable;

    #[test]
    fn the_pins_students_try_first_are_refused() {
        for pin in [
            "0000", "7777", "1234", "6789", "9876", "3210", "1212", "1122", "1999", "2024",
        ] {
            assert!(is_guessable(pin), "{pin}");
        }
        for pin in ["4821", "0417", "3958", "8136", "2813"] {
            assert!(!is_guessable(pin), "{pin}");
        }
    }
}
