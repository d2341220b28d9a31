//! Single-use tickets for the event stream: `EventSource` cannot send an `Authorization`
//! header, and an access token in a URL would outlive the request in logs.
use actix_web::{post, web};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hallpass_shared::events::EventTicket;

use crate::auth::extract::AuthUser;
use crate::auth::refresh_tokens::{digest, random_token};
use crate::db::schema::event_tickets;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::state::AppState;

const LIFETIME_SECONDS: u32 = 30;
/// Unused tickets one account may hold: a page opens one stream, a few tabs a few.
const MAX_UNUSED: i64 = 10;

/// Get a ticket for `GET /hallway/events?ticket=`: single use, valid for 30 seconds. An
/// account holds at most 10 unused tickets at once (`429`).
#[utoipa::path(
    tag = "hallway",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket", body = EventTicket),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/hallway/ticket")]
pub async fn new_ticket(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
) -> Result<web::Json<EventTicket>, ApiError> {
    let ticket = random_token();
    let (hash, user_id) = (digest(&ticket), caller.id().to_owned());
    let now = state.clock.now();
    let expires_at = now + Duration::seconds(i64::from(LIFETIME_SECONDS));
    state
        .db
        .write(move |conn| {
            let unused: i64 = event_tickets::table
                .filter(event_tickets::user_id.eq(&user_id))
                .filter(event_tickets::expires_at.gt(now))
                .count()
                .get_result(conn)?;
            if unused >= MAX_UNUSED {
                return Err(ApiError::RateLimited {
                    retry_after_secs: u64::from(LIFETIME_SECONDS),
                });
            }
            diesel::insert_into(event_tickets::table)
                .values((
                    event_tickets::token_hash.eq(hash),
                    event_tickets::user_id.eq(user_id),
                    event_tickets::expires_at.eq(expires_at),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(web::Json(EventTicket {
        ticket,
        expires_in: LIFETIME_SECONDS,
    }))
}

/// The user a ticket was issued to; the ticket is spent either way.
pub async fn redeem(state: &AppState, ticket: String) -> Result<String, ApiError> {
    let now = state.clock.now();
    let hash = digest(&ticket);
    let user_id = state
        .db
        .write(move |conn| {
            let found: Option<(String, NaiveDateTime)> = event_tickets::table
                .find(&hash)
                .select((event_tickets::user_id, event_tickets::expires_at))
                .first(conn)
                .optional()?;
            let spent = diesel::delete(event_tickets::table.find(&hash)).execute(conn)?;
            Ok(found.filter(|(_, expires_at)| spent == 1 && *expires_at > now))
        })
        .await?;
    user_id
        .map(|(id, _)| id)
        .ok_or_else(|| ApiError::unauthenticated("This ticket is unknown, used or expired."))
}

pub fn delete_expired(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(
        diesel::delete(event_tickets::table.filter(event_tickets::expires_at.le(now)))
            .execute(conn)?,
    )
}
