use actix_web::http::header::{self, HeaderValue};
use actix_web::{delete, get, put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use futures_util::StreamExt;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::pictures::RejectedReason;
use hallpass_shared::user::Role;

use crate::auth::extract::{SignedIn, Staff};
use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::pictures::access::{may_manage, may_see};
use crate::pictures::process::process;
use crate::pictures::store::{self, PictureRow};
use crate::state::AppState;

/// A student's picture (JPEG, at most 320×400), with an `ETag`; `If-None-Match` answers `304`.
///
/// Staff of the school see it while pictures are enabled; account managers and
/// `manage_integrations` always; a student, their own. Everyone else gets `404`.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    responses(
        (status = 200, description = "The picture", content_type = "image/jpeg", body = Vec<u8>),
        (status = 304, description = "Not modified since the `ETag` sent"),
    )
)]
#[get("/users/{id}/picture")]
pub async fn get_picture(
    state: web::Data<AppState>,
    SignedIn(viewer): SignedIn,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let student_id = id.into_inner();
    // The picture's bytes are read only for a viewer who may see them.
    let found = state
        .db
        .run(move |conn| match school_of_student(conn, &student_id)? {
            Some(school_id) if may_see(&viewer, &school_id, &student_id) => {
                store::find(conn, &student_id)
            }
            _ => Ok(None),
        })
        .await?;
    let Some(picture) = found else {
        return Err(ApiError::not_found("Picture"));
    };
    let etag = format!("\"{}\"", picture.version);
    let cache = (
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    if matches {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header(cache)
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(picture.content_type)
        .insert_header((header::ETAG, etag))
        .insert_header(cache)
        .body(picture.bytes))
}

/// The school of a student, `None` for anyone else.
fn school_of_student(conn: &mut DbConn, id: &str) -> Result<Option<String>, ApiError> {
    Ok(users::table
        .find(id)
        .filter(users::role.eq(Role::Student))
        .select(users::school_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// The student, if the caller may manage pictures and the student is in their school.
async fn managed_student(
    state: &AppState,
    caller: &crate::auth::principal::Principal,
    id: String,
) -> Result<(String, String), ApiError> {
    let school_id = caller.school()?.id.clone();
    if !may_manage(caller) {
        return Err(ApiError::forbidden(
            "You need the manage_accounts or manage_integrations permission to do this.",
        ));
    }
    let school = school_id.clone();
    let found = state
        .db
        .run(move |conn| school_of_student(conn, &id).map(|s| (id.clone(), s)))
        .await?;
    match found {
        (id, Some(of)) if of == school => Ok((school_id, id)),
        _ => Err(ApiError::not_found("Student")),
    }
}

/// Replace a student's picture. The body is the image (`Content-Type: image/jpeg`, `image/png`
/// or `image/webp`); it is turned upright, fitted to 320×400 and stripped of metadata. A body
/// that is not a usable picture keeps the old one.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    request_body(content_type = "image/jpeg", description = "The picture (JPEG, PNG or WebP)"),
    responses(
        (status = 204, description = "Saved"),
    )
)]
#[put("/users/{id}/picture")]
pub async fn put_picture(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    req: HttpRequest,
    id: web::Path<String>,
    mut body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let (school_id, id) = managed_student(&state, &caller, id.into_inner()).await?;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if !["image/jpeg", "image/png", "image/webp"]
        .iter()
        .any(|accepted| content_type.starts_with(accepted))
    {
        return Err(ApiError::malformed(
            "Send the picture as the body, with Content-Type image/jpeg, image/png or image/webp.",
        ));
    }
    let limits = state.pictures.job.image;
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk
            .map_err(|err| ApiError::malformed(format!("The body could not be read: {err}.")))?;
        if (bytes.len() + chunk.len()) as u64 > limits.max_bytes {
            return Err(ApiError::coded(
                ErrorCode::PayloadTooLarge,
                format!(
                    "A picture may be at most {} MB.",
                    limits.max_bytes / 1_000_000
                ),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    let jpeg = web::block(move || process(&bytes, &limits))
        .await
        .map_err(ApiError::internal)?
        .map_err(|reason| ApiError::invalid_field("picture", refusal(reason)))?;
    let row = PictureRow::jpeg(id, &school_id, jpeg, state.clock.now());
    state
        .db
        .write(move |conn| store::save(conn, &school_id, &[row]))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn refusal(reason: RejectedReason) -> &'static str {
    match reason {
        RejectedReason::NotAnImage => "is not a JPEG, PNG or WebP picture that can be read",
        RejectedReason::TooLarge => "is too large",
        RejectedReason::TooManyPixels => "has too many pixels",
        RejectedReason::UnsafeArchiveEntry => "cannot be used",
    }
}

/// Delete a student's picture.
#[utoipa::path(
    tag = "profile-pictures",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    responses(
        (status = 204, description = "Deleted (or there was none)"),
    )
)]
#[delete("/users/{id}/picture")]
pub async fn delete_picture(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (school_id, id) = managed_student(&state, &caller, id.into_inner()).await?;
    state
        .db
        .write(move |conn| store::delete(conn, &school_id, Some(&[id])))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
