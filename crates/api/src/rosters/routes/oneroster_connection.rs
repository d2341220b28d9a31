//! The school's OneRoster server: saved by an admin (its syncs import every role), shown
//! without its secret.
use actix_web::{delete, get, put, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::rosters::{ImportMode, OneRosterConnection, OneRosterSettings};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::auth::principal::Principal;
use crate::db::schema::oneroster_connections;
use crate::error::ApiError;
use crate::rosters::sync::{self, ConnectionRow};
use crate::state::AppState;

/// A sync creates and archives accounts of every role, admins included: only an admin sets one
/// up or starts one.
pub fn admin_only(caller: &Principal) -> Result<(), ApiError> {
    if caller.role != Role::Admin {
        return Err(ApiError::forbidden(
            "Only an admin can connect the school's OneRoster server.",
        ));
    }
    Ok(())
}

/// The school's OneRoster connection, its last sync and its next; `null` when none is saved.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    responses((status = 200, description = "The connection, or `null`", body = Option<OneRosterConnection>))
)]
#[get("/integrations/oneroster")]
pub async fn get_connection(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
) -> Result<web::Json<Option<OneRosterConnection>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let view = state
        .db
        .run(move |conn| match sync::find(conn, &school_id)? {
            Some(row) => row.view(conn).map(Some),
            None => Ok(None),
        })
        .await?;
    Ok(web::Json(view))
}

/// Save the connection. `client_secret` is write-only: absent keeps the saved one. With
/// `every_minutes`, the first scheduled sync runs that many minutes from now.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    request_body = OneRosterSettings,
    responses((status = 200, description = "Saved", body = OneRosterConnection))
)]
#[put("/integrations/oneroster")]
pub async fn put_connection(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    body: web::Json<OneRosterSettings>,
) -> Result<web::Json<OneRosterConnection>, ApiError> {
    admin_only(&caller)?;
    body.validate()?;
    let settings = body.into_inner();
    let base = crate::rosters::rest::address::parse(&settings.base_url, "base_url")
        .map_err(|err| ApiError::invalid_field("base_url", err.message.clone()))?;
    crate::rosters::rest::address::version(&base)
        .map_err(|err| ApiError::invalid_field("base_url", err.message))?;
    crate::rosters::rest::address::parse(&settings.token_url, "token_url")
        .map_err(|err| ApiError::invalid_field("token_url", err.message))?;
    let school_id = caller.school()?.id.clone();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |conn| {
            let saved = sync::find(conn, &school_id)?;
            let secret = match (&settings.client_secret, &saved) {
                (Some(secret), _) => secret.clone(),
                // The saved secret goes only where it went before: a new address or client
                // needs it typed again, so that nobody can send it to a server of their own.
                (None, Some(saved))
                    if saved.client_id == settings.client_id.trim()
                        && saved.base_url == settings.base_url.trim()
                        && saved.token_url == settings.token_url.trim() =>
                {
                    saved.client_secret.clone()
                }
                (None, _) => {
                    return Err(ApiError::invalid_field(
                        "client_secret",
                        "is needed with a new client id or a new address",
                    ))
                }
            };
            let mut row = ConnectionRow {
                school_id: school_id.clone(),
                base_url: settings.base_url.trim().to_owned(),
                token_url: settings.token_url.trim().to_owned(),
                client_id: settings.client_id.trim().to_owned(),
                client_secret: secret,
                org_sourced_id: settings.org_sourced_id.clone(),
                every_minutes: settings.every_minutes.and_then(|n| i32::try_from(n).ok()),
                mode: settings.mode.unwrap_or(ImportMode::Full),
                auto_apply: settings.auto_apply,
                last_job_id: saved.as_ref().and_then(|s| s.last_job_id.clone()),
                last_sync_at: saved.as_ref().and_then(|s| s.last_sync_at),
                next_sync_at: None,
                updated_at: now,
            };
            row.next_sync_at = row.next_after(now);
            crate::on_backend!(conn, |c| diesel::insert_into(oneroster_connections::table)
                .values(&row)
                .on_conflict(oneroster_connections::school_id)
                .do_update()
                .set(&row)
                .execute(c))?;
            row.view(conn)
        })
        .await?;
    Ok(web::Json(view))
}

/// Remove the connection: no more syncs. Imported accounts stay as they are.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"))
)]
#[delete("/integrations/oneroster")]
pub async fn delete_connection(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&caller)?;
    let school_id = caller.school()?.id.clone();
    let deleted = state
        .db
        .write(move |conn| {
            Ok(diesel::delete(oneroster_connections::table.find(&school_id)).execute(conn)?)
        })
        .await?;
    if deleted == 0 {
        return Err(ApiError::not_found("OneRoster connection"));
    }
    Ok(HttpResponse::NoContent().finish())
}
