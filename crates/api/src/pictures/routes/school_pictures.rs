use actix_web::http::header;
use actix_web::{delete, get, web, HttpResponse};
use hallpass_shared::pictures::DeletedPictures;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::error::ApiError;
use crate::pictures::store;
use crate::state::AppState;

/// Delete every picture of the school (SmartPass needs its support team for this).
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many were deleted", body = DeletedPictures),
    )
)]
#[delete("/profile-pictures")]
pub async fn delete_all_pictures(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
) -> Result<web::Json<DeletedPictures>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let deleted = state
        .db
        .write(move |conn| store::delete(conn, &school_id, None))
        .await?;
    Ok(web::Json(DeletedPictures {
        deleted: u32::try_from(deleted).unwrap_or(u32::MAX),
    }))
}

/// The mapping file's template: a header row, then one row per picture with the student's email
/// or school identifier and the picture's file name.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The template", content_type = "text/csv", body = String),
    )
)]
#[get("/profile-pictures/template.csv")]
pub async fn mapping_template(
    Permitted(_caller, _): Permitted<ManageIntegrations>,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"profile-pictures-mapping.csv\"",
        ))
        .body("Email or school identifier,File name\r\nstudent@school.example,student.jpg\r\n000123,000123.jpg\r\n")
}
