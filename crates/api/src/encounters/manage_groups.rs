use actix_web::{delete, get, patch, post, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::encounters::{EncounterGroup, EncounterGroupPatch, NewEncounterGroup};
use validator::Validate;

use super::groups::{in_school, set_members, view, GroupRow};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManagePassRules;
use crate::db::schema::encounter_groups as groups;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::state::AppState;

fn check_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid_field("name", "must not be blank"));
    }
    Ok(())
}

/// The school's encounter groups. Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "encounter prevention",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The groups", body = Vec<EncounterGroup>),
    )
)]
#[get("/encounter-groups")]
pub async fn list_groups(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
) -> Result<web::Json<Vec<EncounterGroup>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let list = state
        .db
        .run(move |conn| {
            let rows: Vec<GroupRow> = groups::table
                .filter(groups::school_id.eq(&school_id))
                .order((groups::name, groups::id))
                .select(GroupRow::as_select())
                .load(conn)?;
            rows.iter().map(|row| view(conn, row)).collect()
        })
        .await?;
    Ok(web::Json(list))
}

/// Keep two or more students out of the hallway at the same time. Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "encounter prevention",
    security(("bearer" = [])),
    request_body = NewEncounterGroup,
    responses(
        (status = 201, description = "Created", body = EncounterGroup),
    )
)]
#[post("/encounter-groups")]
pub async fn create_group(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
    body: web::Json<NewEncounterGroup>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let new = body.into_inner();
    check_name(&new.name)?;
    let school_id = caller.school()?.id.clone();
    let at = state.clock.now();
    let group = state
        .db
        .write(move |conn| {
            let row = GroupRow {
                id: new_id(),
                school_id: school_id.clone(),
                name: new.name.trim().to_owned(),
                enabled: new.enabled,
                notes: new
                    .notes
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
                created_at: at,
                updated_at: at,
            };
            diesel::insert_into(groups::table)
                .values(&row)
                .execute(conn)?;
            set_members(conn, &school_id, &row.id, &new.student_ids)?;
            view(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Created().json(group))
}

/// Change an encounter group. Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "encounter prevention",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    request_body = EncounterGroupPatch,
    responses(
        (status = 200, description = "The changed group", body = EncounterGroup),
    )
)]
#[patch("/encounter-groups/{id}")]
pub async fn update_group(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
    id: web::Path<String>,
    body: web::Json<EncounterGroupPatch>,
) -> Result<web::Json<EncounterGroup>, ApiError> {
    body.validate()?;
    let patch = body.into_inner();
    if let Some(name) = patch.name.as_set() {
        check_name(name)?;
    }
    let school_id = caller.school()?.id.clone();
    let at = state.clock.now();
    let id = id.into_inner();
    let group = state
        .db
        .write(move |conn| {
            let mut row = in_school(conn, &school_id, &id)?;
            patch.name.map(|n| n.trim().to_owned()).apply(&mut row.name);
            patch.enabled.apply(&mut row.enabled);
            patch
                .notes
                .map(|n| n.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()))
                .apply(&mut row.notes);
            row.updated_at = at;
            diesel::update(groups::table.find(&id))
                .set(&row)
                .execute(conn)?;
            if let Some(students) = patch.student_ids.as_set() {
                set_members(conn, &school_id, &id, students)?;
            }
            view(conn, &row)
        })
        .await?;
    Ok(web::Json(group))
}

/// Delete an encounter group (its log entries stay, without the group). Needs `manage_pass_rules`.
#[utoipa::path(
    tag = "encounter prevention",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The group's id")),
    responses(
        (status = 204, description = "Deleted"),
    )
)]
#[delete("/encounter-groups/{id}")]
pub async fn delete_group(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            in_school(conn, &school_id, &id)?;
            Ok(diesel::delete(groups::table.find(&id)).execute(conn)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
