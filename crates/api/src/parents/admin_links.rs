//! Admins see which parents follow their students, and can remove a link.
use actix_web::{delete, get, web, HttpResponse};
use hallpass_shared::parents::ParentLink;

use super::links;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::error::ApiError;
use crate::state::AppState;

/// A parent's links to students of your school. Needs `manage_accounts`.
///
/// A parent with no link to your school is "not found", like a missing account.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The parent's id")),
    responses(
        (status = 200, description = "The links, by student name", body = Vec<ParentLink>),
    )
)]
#[get("/users/{id}/parent-links")]
pub async fn parent_links(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ParentLink>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let found = state
        .db
        .run(move |conn| links::links_in_school(conn, &school_id, &id))
        .await?;
    if found.is_empty() {
        return Err(ApiError::not_found("Parent"));
    }
    Ok(web::Json(found))
}

/// Remove a parent's link to a student of your school. Needs `manage_accounts`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(
        ("parent_id" = String, Path, description = "The parent's id"),
        ("student_id" = String, Path, description = "The student's id")
    ),
    responses(
        (status = 204, description = "Removed"),
    )
)]
#[delete("/users/{parent_id}/parent-links/{student_id}")]
pub async fn remove_parent_link(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let school_id = caller.school()?.id.clone();
    let (parent_id, student_id) = path.into_inner();
    let removed = state
        .db
        .write(move |conn| {
            crate::users::lookup::in_school(conn, &school_id, &student_id)?;
            links::unlink(conn, &parent_id, &student_id)
        })
        .await?;
    if removed == 0 {
        return Err(ApiError::not_found("Link"));
    }
    Ok(HttpResponse::NoContent().finish())
}
