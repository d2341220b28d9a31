use actix_web::{post, web, HttpResponse};
use chrono::Duration;
use diesel::RunQueryDsl as _;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::{NewPass, Pass, PassState};
use hallpass_shared::user::{AccountStatus, Permission, Role};
use validator::Validate;

use crate::auth::extract::AuthUser;
use crate::db::schema::passes;
use crate::db::DbConn;
use crate::encounters::report::report_if_prevented;
use crate::error::ApiError;
use crate::events::passes::{Change, PassChanges};
use crate::ids::new_id;
use crate::passes::row::{Known, PassRow};
use crate::passes::{activation, capacity, quota};
use crate::rooms::queries as rooms;
use crate::rooms::row::RoomRow;
use crate::state::AppState;
use crate::users::lookup;
use crate::users::row::UserRow;

/// Make a pass, for now or for later.
///
/// A student makes their own; staff with `send_passes` name a student (disabled students
/// included). A student's pass to a room restricted for that time becomes a request
/// (`pending`) for the room's teachers. A pass for now starts at once; when its room or the
/// hallway is full it is refused (`422 capacity_reached`), or waits in line with `wait_if_full`.
/// A student has at most 3 requests waiting and 5 passes for later of their own making
/// (`422 pass_quota_reached`).
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    request_body = NewPass,
    responses(
        (status = 201, description = "The new pass", body = Pass),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::PassRefused),
    )
)]
#[post("/passes")]
pub async fn create_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    body: web::Json<NewPass>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let new = body.into_inner();
    let by_staff = caller.role.is_staff();
    let student_id = match (caller.role, &new.student_id) {
        (Role::Student, None) => caller.id().to_owned(),
        (Role::Student, Some(id)) if id == caller.id() => id.clone(),
        (Role::Student, Some(_)) => {
            return Err(ApiError::forbidden(
                "Students make passes for themselves only.",
            ))
        }
        (_, _) if !by_staff => {
            return Err(ApiError::forbidden("Only students and staff make passes."))
        }
        (_, None) => return Err(ApiError::invalid_field("student_id", "name the student")),
        (_, Some(_)) if !caller.has(Permission::SendPasses) => {
            return Err(ApiError::forbidden(
                "You need the send_passes permission to do this.",
            ))
        }
        (_, Some(id)) => id.clone(),
    };
    if new.origin_room_id == new.destination_room_id {
        return Err(ApiError::invalid_field(
            "destination_room_id",
            "must differ from the origin",
        ));
    }
    let school_id = caller.school()?.id.clone();
    let creator = caller.id().to_owned();
    let clock = state.clock.clone();
    // Read outside the school's serialized write, which only the rule checks need.
    let (student, origin, destination) = {
        let (school_id, new) = (school_id.clone(), new.clone());
        state
            .db
            .run(move |conn| places(conn, &school_id, &student_id, &new))
            .await?
    };
    let pictures = caller.school()?.profile_pictures_enabled;
    let known = Known::default()
        .person(&student, pictures)
        .person(&caller.user, pictures)
        .room(&origin.id, &origin.name)
        .room(&destination.id, &destination.name);
    let outcome = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let at = clock.now();
            let mut changes = PassChanges::default();
            changes.extend(
                capacity::advance(conn, &school_id, at)?.changed,
                Change::Updated,
            );
            let start_at = new
                .start_at
                .map(|t| t.naive_utc())
                .filter(|t| *t > at + Duration::minutes(1));
            if new
                .start_at
                .is_some_and(|t| t.naive_utc() < at - Duration::minutes(5))
            {
                return Err(ApiError::invalid_field(
                    "start_at",
                    "must not be in the past",
                ));
            }
            let restricted = if start_at.is_some() {
                destination.restricted_future
            } else {
                destination.restricted_now
            };
            let state = match (restricted && !by_staff, start_at.is_some()) {
                (true, _) => PassState::Pending,
                (false, true) => PassState::Scheduled,
                (false, false) => PassState::Active,
            };
            if !by_staff {
                quota::check(conn, &student.id, state)?;
            }
            let mut row = PassRow {
                id: new_id(),
                school_id: school_id.clone(),
                student_id: student.id.clone(),
                origin_room_id: origin.id,
                destination_room_id: destination.id,
                travel_type: new.travel_type,
                duration_minutes: new.duration_minutes,
                state,
                start_at,
                started_at: None,
                expected_end_at: None,
                ended_at: None,
                ended_reason: None,
                created_by: Some(creator),
                approved_by: None,
                message: new
                    .message
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty()),
                created_at: at,
                updated_at: at,
                limit_override: new.override_limit && by_staff,
                turn_expires_at: None,
            };
            if state == PassState::Active {
                match activation::check(conn, &row, at) {
                    Ok(()) => activation::activate(&mut row, at),
                    Err(full) if full.code() == ErrorCode::CapacityReached && new.wait_if_full => {
                        row.state = PassState::Waiting
                    }
                    Err(refused) => return Err(refused),
                }
            } else if activation::emergency(conn, &school_id)? {
                return Err(activation::emergency_refusal());
            }
            diesel::insert_into(passes::table)
                .values(&row)
                .execute(conn)?;
            let id = row.id.clone();
            changes.add(row, Change::Created);
            changes.answer(conn, &id, known)
        })
        .await;
    let (pass, events) = report_if_prevented(&state, &caller, outcome).await?;
    state.publish(events);
    Ok(HttpResponse::Created().json(pass))
}

/// The student and the two rooms, checked: a student of the school who is not suspended, and
/// enabled rooms that allow this travel type and length.
fn places(
    conn: &mut DbConn,
    school_id: &str,
    student_id: &str,
    new: &NewPass,
) -> Result<(UserRow, RoomRow, RoomRow), ApiError> {
    let student = lookup::in_school(conn, school_id, student_id)?;
    if student.role != Role::Student || student.status == AccountStatus::Suspended {
        return Err(ApiError::not_found("Student"));
    }
    let field =
        |name: &'static str| move |_| ApiError::invalid_field(name, "is not a room of your school");
    let origin =
        rooms::in_school(conn, school_id, &new.origin_room_id).map_err(field("origin_room_id"))?;
    let destination = rooms::in_school(conn, school_id, &new.destination_room_id)
        .map_err(field("destination_room_id"))?;
    if !origin.enabled || !destination.enabled {
        return Err(ApiError::coded(
            ErrorCode::RoomRestricted,
            "That room is not taking passes right now.",
        ));
    }
    if !destination.travel_types().contains(&new.travel_type) {
        return Err(ApiError::invalid_field(
            "travel_type",
            "is not allowed for this destination",
        ));
    }
    if new.duration_minutes > destination.max_minutes {
        return Err(ApiError::invalid_field(
            "duration_minutes",
            format!(
                "must be at most {} minutes for this room",
                destination.max_minutes
            ),
        ));
    }
    Ok((student, origin, destination))
}
