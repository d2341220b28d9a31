//! `/parent/students`: a parent links, lists and unlinks their students.
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use hallpass_shared::error::ErrorCode;
use hallpass_shared::parents::{LinkStudent, LinkedStudent};
use validator::Validate;

use super::{invite_code, links};
use crate::auth::extract::Parent;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

fn invalid_code() -> ApiError {
    ApiError::coded(
        ErrorCode::InviteCodeInvalid,
        "This invite code does not work. Check it against the school's letter, or ask the school for a new one.",
    )
}

/// Add a student with the invite code the school gave you. Parents only.
///
/// A wrong, replaced or withdrawn code answers `422 invite_code_invalid`, which says nothing
/// about any student. Tries are limited per parent and per client address (`429`).
#[utoipa::path(
    tag = "parents",
    security(("bearer" = [])),
    request_body = LinkStudent,
    responses(
        (status = 201, description = "Linked (or already linked)", body = LinkedStudent),
        (status = 422, response = crate::openapi::InviteCodeInvalid),
        (status = 429, response = crate::openapi::RateLimited),
    )
)]
#[post("/parent/students")]
pub async fn link_student(
    state: web::Data<AppState>,
    req: HttpRequest,
    Parent(parent): Parent,
    body: web::Json<LinkStudent>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    state
        .throttles
        .invite_attempt(state.client_ip(&req), parent.id())?;
    let code = invite_code::normalize(&body.invite_code).ok_or_else(invalid_code)?;
    let parent_id = parent.id().to_owned();
    let student = state
        .db
        .write(move |conn| {
            let student_id = links::student_by_code(conn, &code)?.ok_or_else(invalid_code)?;
            links::link(conn, &parent_id, &student_id, now())?;
            links::students_of(conn, &parent_id, Some(&student_id))?
                .pop()
                .ok_or_else(invalid_code)
        })
        .await?;
    Ok(HttpResponse::Created().json(student))
}

/// Your students, by first name. Suspended and deleted students are not listed.
#[utoipa::path(
    tag = "parents",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The linked students", body = Vec<LinkedStudent>),
    )
)]
#[get("/parent/students")]
pub async fn list_students(
    state: web::Data<AppState>,
    Parent(parent): Parent,
) -> Result<web::Json<Vec<LinkedStudent>>, ApiError> {
    let parent_id = parent.id().to_owned();
    let students = state
        .db
        .run(move |conn| links::students_of(conn, &parent_id, None))
        .await?;
    Ok(web::Json(students))
}

/// Remove a student from your list. Adding them again takes the invite code.
#[utoipa::path(
    tag = "parents",
    security(("bearer" = [])),
    params(("student_id" = String, Path, description = "The student's id")),
    responses(
        (status = 204, description = "Removed"),
    )
)]
#[delete("/parent/students/{student_id}")]
pub async fn unlink_student(
    state: web::Data<AppState>,
    Parent(parent): Parent,
    student_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let parent_id = parent.id().to_owned();
    let removed = state
        .db
        .write(move |conn| links::unlink(conn, &parent_id, &student_id))
        .await?;
    if removed == 0 {
        return Err(ApiError::not_found("Student"));
    }
    Ok(HttpResponse::NoContent().finish())
}
