use actix_web::{get, web};
use hallpass_shared::jobs::JobKind;
use hallpass_shared::page::Page;
use hallpass_shared::pictures::{PictureResult, PictureUpload};
use serde::Deserialize;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::error::ApiError;
use crate::jobs::queue;
use crate::paging;
use crate::state::AppState;

/// A picture upload: its state, progress and, once done, what became of each file.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The upload's id")),
    responses(
        (status = 200, description = "The upload", body = PictureUpload),
    )
)]
#[get("/profile-pictures/uploads/{id}")]
pub async fn get_upload(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    id: web::Path<String>,
) -> Result<web::Json<PictureUpload>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let row = state
        .db
        .run(move |conn| queue::find(conn, &school_id, JobKind::ProfilePictures, &id))
        .await?
        .ok_or_else(|| ApiError::not_found("Upload"))?;
    Ok(web::Json(row.view::<PictureResult>()?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UploadsQuery {
    /// From `next_cursor` of the page before.
    pub cursor: Option<String>,
    /// 1 to 500; 50 by default.
    pub limit: Option<u32>,
}

/// The school's picture uploads, newest first.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    params(UploadsQuery),
    responses(
        (status = 200, description = "One page of uploads", body = Page<PictureUpload>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/profile-pictures/uploads")]
pub async fn list_uploads(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    query: web::Query<UploadsQuery>,
) -> Result<web::Json<Page<PictureUpload>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let after = paging::after(query.cursor.as_deref())?;
    let limit = paging::limit(query.limit);
    let (rows, next_cursor) = state
        .db
        .run(move |conn| {
            queue::list(
                conn,
                &school_id,
                JobKind::ProfilePictures,
                after.clone(),
                limit,
            )
        })
        .await?;
    let items = rows
        .iter()
        .map(|row| row.view::<PictureResult>())
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}
