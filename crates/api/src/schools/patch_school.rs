use actix_web::{patch, web};
use hallpass_shared::school::{School, SchoolPatch};
use validator::Validate;

use super::{queries, time_zone};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageSchool;
use crate::error::ApiError;
use crate::state::AppState;

/// Change the school's name, time zone and pass settings. Needs `manage_school`.
#[utoipa::path(
    tag = "school",
    security(("bearer" = [])),
    request_body = SchoolPatch,
    responses(
        (status = 200, description = "The updated school", body = School),
    )
)]
#[patch("/school")]
pub async fn patch_school(
    state: web::Data<AppState>,
    Permitted(admin, ..): Permitted<ManageSchool>,
    body: web::Json<SchoolPatch>,
) -> Result<web::Json<School>, ApiError> {
    body.validate()?;
    let patch = body.into_inner();
    if let Some(name) = patch.name.as_set() {
        if name.trim().is_empty() {
            return Err(ApiError::invalid_field("name", "must not be blank"));
        }
    }
    if let Some(zone) = patch.time_zone.as_set() {
        time_zone::validate(zone)?;
    }
    let school_id = admin.school()?.id.clone();
    let school = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            queries::update(conn, &school_id, patch)
        })
        .await?;
    Ok(web::Json(school.view()))
}
