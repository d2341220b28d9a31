use actix_web::{delete, post, web};
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::jobs::{JobKind, JobState};
use hallpass_shared::rosters::{ApplyImport, ImportResult, RosterImport};

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::db::schema::jobs;
use crate::error::ApiError;
use crate::jobs::{publish, queue};
use crate::rosters::apply::{apply, Applying};
use crate::state::AppState;

/// Apply the preview, all of it in one transaction. An archived account is signed out at once
/// and gone from every list and search; a new one can be found and sent a pass.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import's id")),
    request_body = ApplyImport,
    responses(
        (status = 200, description = "Applied: the import, now `succeeded`", body = RosterImport),
        (status = 409, response = crate::openapi::ApplyRefused),
    )
)]
#[post("/imports/{id}/apply")]
pub async fn apply_import(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<web::Json<RosterImport>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let (id, by) = (id.into_inner(), caller.id().to_owned());
    let by_admin = caller.role == hallpass_shared::user::Role::Admin;
    // An empty body applies without confirming.
    let body: ApplyImport = if body.iter().all(u8::is_ascii_whitespace) {
        ApplyImport::default()
    } else {
        serde_json::from_slice(&body).map_err(|err| {
            ApiError::malformed(format!("The body is not an apply request: {err}."))
        })?
    };
    let confirm_archive = body.confirm_archive;
    let now = state.clock.now();
    let job = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let applying = Applying {
                school_id: &school_id,
                job_id: &id,
                by: Some(&by),
                by_admin,
                confirm_archive,
                from: JobState::Ready,
                now,
            };
            apply(conn, &applying)
        })
        .await?;
    publish(&state.events, &job);
    Ok(web::Json(job.view::<ImportResult>()?))
}

/// Cancel a preview: nothing of it is applied.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import's id")),
    responses(
        (status = 200, description = "Canceled", body = RosterImport),
        (status = 409, response = crate::openapi::ImportNotReady),
    )
)]
#[delete("/imports/{id}")]
pub async fn cancel_import(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    id: web::Path<String>,
) -> Result<web::Json<RosterImport>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let now = state.clock.now();
    let by_admin = caller.role == hallpass_shared::user::Role::Admin;
    let by = caller.id().to_owned();
    let job = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let mut job = queue::find(conn, &school_id, JobKind::RosterImport, &id)?
                .ok_or_else(|| ApiError::not_found("Import"))?;
            if !by_admin && job.created_by.as_deref() != Some(by.as_str()) {
                return Err(ApiError::forbidden(
                    "Only the person who started this import, or an admin, can cancel it.",
                ));
            }
            if job.state != JobState::Ready {
                return Err(ApiError::coded(
                    ErrorCode::ImportNotReady,
                    format!(
                        "This import is {}; only a preview can be canceled.",
                        job.state
                    ),
                ));
            }
            job.state = JobState::Canceled;
            job.finished_at = Some(now);
            job.updated_at = now;
            diesel::update(jobs::table.find(&job.id))
                .set((
                    jobs::state.eq(job.state),
                    jobs::finished_at.eq(job.finished_at),
                    jobs::updated_at.eq(now),
                ))
                .execute(conn)?;
            Ok(job)
        })
        .await?;
    publish(&state.events, &job);
    Ok(web::Json(job.view::<ImportResult>()?))
}
