use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use hallpass_shared::rosters::{ConnectionTest, ImportResult, RosterImport};

use super::oneroster_connection::admin_only;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::error::ApiError;
use crate::rosters::{rest, sync};
use crate::state::AppState;

/// Sign in to the saved server and list its schools, without importing anything.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    responses((status = 200, description = "What the server answered", body = ConnectionTest))
)]
#[post("/integrations/oneroster/test")]
pub async fn test_connection(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
) -> Result<web::Json<ConnectionTest>, ApiError> {
    admin_only(&caller)?;
    let school_id = caller.school()?.id.clone();
    let connection = state
        .db
        .run(move |conn| sync::find(conn, &school_id))
        .await?
        .ok_or_else(|| ApiError::not_found("OneRoster connection"))?;
    let answer = match rest::test(&connection.server(), &state.rosters.pull).await {
        Ok(schools) => ConnectionTest {
            ok: true,
            message: format!(
                "Signed in. The server holds {} school{}.",
                schools.len(),
                if schools.len() == 1 { "" } else { "s" }
            ),
            schools,
        },
        Err(err) => ConnectionTest {
            ok: false,
            message: err.message,
            schools: Vec::new(),
        },
    };
    Ok(web::Json(answer))
}

/// Sync now: an import job that pulls the server. A sync already queued or running is
/// answered instead of a second one.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    responses((status = 202, description = "Queued", body = RosterImport,
        headers(("Location" = String, description = "The import"))))
)]
#[post("/integrations/oneroster/sync")]
pub async fn sync_now(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&caller)?;
    let school_id = caller.school()?.id.clone();
    let by = caller.id().to_owned();
    let now = state.clock.now();
    let job = state
        .db
        .write(move |conn| {
            let connection = sync::find(conn, &school_id)?
                .ok_or_else(|| ApiError::not_found("OneRoster connection"))?;
            sync::enqueue(conn, &connection, Some(&by), now)
        })
        .await?;
    state.jobs.wake.notify_one();
    Ok(HttpResponse::Accepted()
        .insert_header((
            header::LOCATION,
            format!("{}/imports/{}", hallpass_shared::API_BASE, job.id),
        ))
        .json(job.view::<ImportResult>()?))
}
