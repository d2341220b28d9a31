use actix_web::{get, web};
use hallpass_shared::school::School;

use crate::auth::extract::AuthUser;
use crate::error::ApiError;

/// The caller's school and its settings.
#[utoipa::path(
    tag = "school",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The school", body = School),
    )
)]
#[get("/school")]
pub async fn get_school(AuthUser(user): AuthUser) -> Result<web::Json<School>, ApiError> {
    Ok(web::Json(user.school()?.view()))
}
