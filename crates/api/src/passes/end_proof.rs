//! A student ending their own pass where the room asks for its code or a teacher's PIN.
//!
//! The proof is checked before the school's serialized write, and wrong proofs are limited per
//! student and per pass: a 4-digit PIN opens every room of its teacher, so it must not be
//! walked from 0000 to 9999. A student who runs out of tries is reported to the room's teachers.
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::events::{CodeFailures, CODE_FAILURES};
use hallpass_shared::passes::{EndPass, PassState};

use super::queries;
use crate::auth::principal::Principal;
use crate::db::schema::{room_teachers, users};
use crate::error::ApiError;
use crate::events::{Audience, Event};
use crate::rooms::queries as rooms;
use crate::rooms::rotating_code;
use crate::rooms::row::RoomRow;
use crate::state::AppState;

/// Whether the room code or PIN `student` gave to end the pass `pass_id` is accepted: `true`
/// when its ending room asks for none or the proof is right. `false` when no proof was given
/// (the pass action then checks the room, in the write it takes anyway, so that the common
/// end costs no extra read) or the pass is not theirs or not active (the action refuses as it
/// does). Wrong proofs answer `422 invalid_room_code`, and too many `429`.
pub async fn accepted(
    state: &AppState,
    student: &Principal,
    pass_id: &str,
    proof: &EndPass,
) -> Result<bool, ApiError> {
    if proof.room_code.is_none() && proof.pin.is_none() {
        return Ok(false);
    }
    let school_id = student.school()?.id.clone();
    let (pass, student_id) = (pass_id.to_owned(), student.id().to_owned());
    let wants_pin = proof.pin.is_some();
    let found = state
        .db
        .run(move |conn| {
            let pass = queries::in_school(conn, &school_id, &pass)?;
            if pass.student_id != student_id || pass.state != PassState::Active {
                return Ok(None);
            }
            let room = rooms::in_school(conn, &school_id, pass.ending_room_id())?;
            let pins: Vec<Option<String>> = if room.end_requires_code && wants_pin {
                users::table
                    .inner_join(room_teachers::table.on(room_teachers::teacher_id.eq(users::id)))
                    .filter(room_teachers::room_id.eq(&room.id))
                    .select(users::pin_hash)
                    .load(conn)?
            } else {
                Vec::new()
            };
            Ok(Some((room, pins.into_iter().flatten().collect::<Vec<_>>())))
        })
        .await?;
    let Some((room, pins)) = found else {
        return Ok(false);
    };
    if !room.end_requires_code {
        return Ok(true);
    }
    state.throttles.code_attempt(student.id(), pass_id)?;
    let now = state.clock.now().and_utc().timestamp();
    let code_ok = proof
        .room_code
        .as_deref()
        .is_some_and(|given| rotating_code::accepts(&room.code_secret, given, now));
    let right = code_ok
        || match proof.pin.clone() {
            Some(pin) => pin_matches(state, &room, pins, pin).await?,
            None => false,
        };
    if right {
        state.throttles.code_succeeded(student.id(), pass_id);
        return Ok(true);
    }
    tracing::warn!(
        student_id = student.id(),
        pass_id,
        room_id = room.id,
        kind = if proof.pin.is_some() {
            "pin"
        } else {
            "room_code"
        },
        "a wrong room code or PIN to end a pass"
    );
    let student_blocked = state.throttles.code_check(student.id());
    let room_paused = state.throttles.pin_check(&room.id);
    if let Err(ApiError::RateLimited { retry_after_secs }) = student_blocked.and(room_paused) {
        alert_teachers(state, student, pass_id, &room, retry_after_secs);
    }
    Err(needs_proof(&room))
}

/// Whether `pin` is one of the room's teachers' PINs. Wrong PINs are also limited per room,
/// whoever types them: students taking turns must not walk the PINs either.
async fn pin_matches(
    state: &AppState,
    room: &RoomRow,
    pins: Vec<String>,
    pin: String,
) -> Result<bool, ApiError> {
    state.throttles.pin_attempt(&room.id)?;
    let right = state.passwords.matches_any(pins, pin).await?;
    if right {
        state.throttles.pin_succeeded(&room.id);
    }
    Ok(right)
}

pub fn needs_proof(room: &RoomRow) -> ApiError {
    ApiError::coded(
        ErrorCode::InvalidRoomCode,
        format!(
            "Enter the code shown in {} or a teacher's PIN to end this pass.",
            room.name
        ),
    )
}

fn alert_teachers(
    state: &AppState,
    student: &Principal,
    pass_id: &str,
    room: &RoomRow,
    blocked_for_seconds: u64,
) {
    let data = CodeFailures {
        pass_id: pass_id.to_owned(),
        student_id: student.id().to_owned(),
        student_name: format!("{} {}", student.user.first_name, student.user.last_name),
        room_id: room.id.clone(),
        room_name: room.name.clone(),
        blocked_for_seconds,
    };
    tracing::warn!(
        student_id = student.id(),
        room_id = room.id,
        "a student ran out of room code and PIN tries; the room's teachers are told"
    );
    let audience = Audience::Deciders {
        room_id: room.id.clone(),
    };
    match Event::new(&room.school_id, CODE_FAILURES, audience, &data) {
        Ok(event) => state.publish(vec![event]),
        Err(err) => tracing::error!(error = %err, "could not build the code failures event"),
    }
}
