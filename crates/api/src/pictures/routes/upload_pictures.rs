use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use hallpass_shared::jobs::JobKind;
use hallpass_shared::pictures::PictureUpload;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::error::ApiError;
use crate::jobs::upload::{self, StoredFile};
use crate::jobs::JobRow;
use crate::pictures::upload_job::{ARCHIVE, FILES, MAPPING};
use crate::state::AppState;

/// Upload the photographer's pictures: a zip (`archive`) and/or single images (`files`), with
/// an optional `mapping` file. Answers `202` with the job once the upload is stored; its
/// progress and result are at `GET /profile-pictures/uploads/{id}`, and `job.updated` events
/// reach the uploader.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "Parts `archive` (a .zip), `files` (images) and `mapping` (CSV or text: email or school identifier, then file name)"),
    responses(
        (status = 202, description = "Stored and queued", body = PictureUpload,
            headers(("Location" = String, description = "The job"))),
    )
)]
#[post("/profile-pictures/uploads")]
pub async fn upload_pictures(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let school_id = caller.school()?.id.clone();
    let form = Multipart::new(req.headers(), payload);
    let (upload_id, files) = upload::store(
        &state.db,
        &state.clock,
        form,
        &[ARCHIVE, FILES, MAPPING],
        state.pictures.upload,
    )
    .await?;
    // One zip per upload, so the archive limits (entries, bytes decompressed) are the
    // upload's limits.
    let count = |field: &str| files.iter().filter(|file| file.field == field).count();
    if count(ARCHIVE) > 1 || count(MAPPING) > 1 {
        upload::discard(&state.db, upload_id).await;
        let field = if count(ARCHIVE) > 1 { ARCHIVE } else { MAPPING };
        return Err(ApiError::invalid_field(
            field,
            "send at most one; upload several zips one after the other",
        ));
    }
    if !files.iter().any(|file: &StoredFile| file.field != MAPPING) {
        upload::discard(&state.db, upload_id).await;
        return Err(ApiError::invalid_field(
            ARCHIVE,
            "send a zip of pictures (archive) or pictures (files)",
        ));
    }
    let job = JobRow::queued(
        upload_id,
        &school_id,
        JobKind::ProfilePictures,
        caller.id(),
        state.clock.now(),
    );
    let job = upload::enqueue(&state.db, &state.jobs, job, files).await?;
    Ok(HttpResponse::Accepted()
        .insert_header((
            header::LOCATION,
            format!(
                "{}/profile-pictures/uploads/{}",
                hallpass_shared::API_BASE,
                job.id
            ),
        ))
        .json(job.view::<hallpass_shared::pictures::PictureResult>()?))
}
