use actix_web::{post, web};
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::{EndPass, EndedReason, Pass};
use hallpass_shared::user::Role;
use validator::Validate;

use super::act::act;
use super::queries;
use super::state::{next, Action};
use crate::auth::extract::AuthUser;
use crate::auth::password;
use crate::auth::principal::Principal;
use crate::db::schema::{room_teachers, users};
use crate::db::text_enum::to_text;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::rooms::{code, queries as rooms};
use crate::state::AppState;

/// End an active pass.
///
/// Staff who see the pass can always end it. The student ends their own; where the ending
/// room (the destination one way, the origin round trip) has `end_requires_code`, they give
/// its current room code or the PIN of one of its teachers.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    request_body = EndPass,
    responses(
        (status = 200, description = "The ended pass", body = Pass),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::InvalidPassState),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::PassRefused),
    )
)]
#[post("/passes/{id}/end")]
pub async fn end_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
    body: Option<web::Json<EndPass>>,
) -> Result<web::Json<Pass>, ApiError> {
    let proof = body.map(web::Json::into_inner).unwrap_or_default();
    proof.validate()?;
    let pass_id = id.into_inner();
    // Argon2 takes tens of milliseconds: verify a PIN before taking the school's write lock.
    let pin_ok = match proof.pin.clone() {
        Some(pin) if caller.role == Role::Student => {
            pin_matches(&state, &caller, &pass_id, pin).await?
        }
        _ => false,
    };
    let pass = act(&state, &caller, pass_id, move |conn, viewer, pass, at| {
        let to = next(pass.state()?, Action::End, false)?;
        let reason = if viewer.is_staff() {
            EndedReason::Staff
        } else if viewer.owns(pass) {
            check_proof(conn, pass, &proof, at.and_utc().timestamp(), pin_ok)?;
            EndedReason::Student
        } else {
            return Err(ApiError::forbidden("Only the student or staff end a pass."));
        };
        pass.set_state(to);
        pass.ended_at = Some(at);
        pass.ended_reason = Some(to_text(reason));
        pass.updated_at = at;
        Ok(())
    })
    .await?;
    Ok(web::Json(pass))
}

/// Whether `pin` is the PIN of a teacher of the room where the caller's pass would end.
async fn pin_matches(
    state: &AppState,
    caller: &Principal,
    pass_id: &str,
    pin: String,
) -> Result<bool, ApiError> {
    let school_id = caller.school()?.id.clone();
    let (pass_id, student_id) = (pass_id.to_owned(), caller.id().to_owned());
    let hashes: Vec<String> = state
        .db
        .run(move |conn| {
            let pass = queries::in_school(conn, &school_id, &pass_id)?;
            if pass.student_id != student_id {
                return Ok(Vec::new());
            }
            let pins: Vec<Option<String>> = users::table
                .inner_join(room_teachers::table.on(room_teachers::teacher_id.eq(users::id)))
                .filter(room_teachers::room_id.eq(pass.ending_room_id()))
                .select(users::pin_hash)
                .load(conn)?;
            Ok(pins.into_iter().flatten().collect())
        })
        .await?;
    tokio::task::spawn_blocking(move || {
        hashes
            .iter()
            .any(|hash| password::verify_blocking(Some(hash), &pin))
    })
    .await
    .map_err(ApiError::internal)
}

/// Where the ending room asks for it: the current room code, or a PIN checked beforehand.
fn check_proof(
    conn: &mut DbConn,
    pass: &super::row::PassRow,
    proof: &EndPass,
    now: i64,
    pin_ok: bool,
) -> Result<(), ApiError> {
    let room = rooms::in_school(conn, &pass.school_id, pass.ending_room_id())?;
    let code_ok = proof
        .room_code
        .as_deref()
        .is_some_and(|given| code::accepts(&room.code_secret, given, now));
    if !room.end_requires_code || code_ok || pin_ok {
        return Ok(());
    }
    Err(ApiError::coded(
        ErrorCode::InvalidRoomCode,
        format!(
            "Enter the code shown in {} or a teacher's PIN to end this pass.",
            room.name
        ),
    ))
}
