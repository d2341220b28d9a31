use actix_web::{get, put, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::passes::{PassLimits, RemainingPasses, StudentPassLimit};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::extract::{AuthUser, Permitted, Staff};
use crate::auth::permissions::ManagePassRules;
use crate::db::schema::{pass_limit_excluded_rooms, rooms, schools, users};
use crate::error::ApiError;
use crate::passes::limits;
use crate::state::AppState;
use crate::users::lookup;

/// The school's daily pass limit. For staff.
#[utoipa::path(
    tag = "pass limits",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The limits", body = PassLimits),
    )
)]
#[get("/pass-limits")]
pub async fn get_pass_limits(
    state: web::Data<AppState>,
    Staff(caller): Staff,
) -> Result<web::Json<PassLimits>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let excluded_room_ids = state
        .db
        .run(move |conn| {
            Ok(pass_limit_excluded_rooms::table
                .filter(pass_limit_excluded_rooms::school_id.eq(&school_id))
                .select(pass_limit_excluded_rooms::room_id)
                .order(pass_limit_excluded_rooms::room_id)
                .load(conn)?)
        })
        .await?;
    let school = caller.school()?;
    Ok(web::Json(PassLimits {
        per_day: school.pass_limit_per_day,
        excluded_room_ids,
        count_staff_created: school.pass_limit_count_staff_created,
    }))
}

/// Set the school's daily pass limit. Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "pass limits",
    security(("bearer" = [])),
    request_body = PassLimits,
    responses(
        (status = 200, description = "The limits", body = PassLimits),
    )
)]
#[put("/pass-limits")]
pub async fn put_pass_limits(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
    body: web::Json<PassLimits>,
) -> Result<web::Json<PassLimits>, ApiError> {
    body.validate()?;
    let mut limits = body.into_inner();
    limits.excluded_room_ids.sort();
    limits.excluded_room_ids.dedup();
    let school_id = caller.school()?.id.clone();
    let saved = limits.clone();
    state
        .db
        .write(move |conn| {
            let known: i64 = rooms::table
                .filter(rooms::id.eq_any(&limits.excluded_room_ids))
                .filter(rooms::school_id.eq(&school_id))
                .count()
                .get_result(conn)?;
            if known as usize != limits.excluded_room_ids.len() {
                return Err(ApiError::invalid_field(
                    "excluded_room_ids",
                    "must name rooms of your school",
                ));
            }
            diesel::update(schools::table.find(&school_id))
                .set((
                    schools::pass_limit_per_day.eq(limits.per_day),
                    schools::pass_limit_count_staff_created.eq(limits.count_staff_created),
                ))
                .execute(conn)?;
            diesel::delete(
                pass_limit_excluded_rooms::table
                    .filter(pass_limit_excluded_rooms::school_id.eq(&school_id)),
            )
            .execute(conn)?;
            for room in &limits.excluded_room_ids {
                diesel::insert_into(pass_limit_excluded_rooms::table)
                    .values((
                        pass_limit_excluded_rooms::room_id.eq(room),
                        pass_limit_excluded_rooms::school_id.eq(&school_id),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await?;
    Ok(web::Json(saved))
}

/// Give a student their own daily limit (`null`: the school's). Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "pass limits",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    request_body = StudentPassLimit,
    responses(
        (status = 204, description = "Saved"),
    )
)]
#[put("/users/{id}/pass-limit")]
pub async fn put_student_limit(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
    id: web::Path<String>,
    body: web::Json<StudentPassLimit>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let per_day = body.into_inner().per_day;
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            let student = lookup::in_school(conn, &school_id, &id)?;
            if student.role != Role::Student {
                return Err(ApiError::not_found("Student"));
            }
            Ok(diesel::update(users::table.find(&id))
                .set(users::pass_limit_per_day.eq(per_day))
                .execute(conn)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How many passes a student has left today: the student themself, or staff.
#[utoipa::path(
    tag = "pass limits",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The student's id")),
    responses(
        (status = 200, description = "Today's count", body = RemainingPasses),
    )
)]
#[get("/users/{id}/pass-limit/remaining")]
pub async fn remaining(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<RemainingPasses>, ApiError> {
    let id = id.into_inner();
    if !caller.role.is_staff() && id != caller.id() {
        return Err(ApiError::not_found("Student"));
    }
    let school_id = caller.school()?.id.clone();
    let at = state.clock.now();
    let left = state
        .db
        .run(move |conn| {
            let student = lookup::in_school(conn, &school_id, &id)?;
            if student.role != Role::Student {
                return Err(ApiError::not_found("Student"));
            }
            limits::remaining(conn, &school_id, &id, at)
        })
        .await?;
    Ok(web::Json(left))
}
