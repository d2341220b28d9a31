use actix_web::{get, web};
use diesel::prelude::*;
use hallpass_shared::encounters::PreventedEncounter;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManagePassRules;
use crate::db::schema::{encounter_groups as groups, encounter_prevented as log};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::passes::row::people;
use crate::state::AppState;
use crate::time::to_utc;

/// The passes refused by encounter prevention, newest first (the last 500). Needs
/// `manage_pass_rules`.
#[utoipa::path(
    tag = "encounter prevention",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The log", body = Vec<PreventedEncounter>),
    )
)]
#[get("/encounter-groups/prevented")]
pub async fn prevented_log(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManagePassRules>,
) -> Result<web::Json<Vec<PreventedEncounter>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let entries = state
        .db
        .run(move |conn| load(conn, &school_id, None))
        .await?;
    Ok(web::Json(entries))
}

/// The school's log, newest first, or the one entry `only`.
pub fn load(
    conn: &mut DbConn,
    school_id: &str,
    only: Option<&str>,
) -> Result<Vec<PreventedEncounter>, ApiError> {
    type Entry = (
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        chrono::NaiveDateTime,
    );
    let mut query = log::table
        .left_join(groups::table)
        .filter(log::school_id.eq(school_id))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(log::id.eq(id));
    }
    let rows: Vec<Entry> = query
        .order((log::created_at.desc(), log::id.desc()))
        .limit(500)
        .select((
            log::id,
            log::group_id,
            groups::name.nullable(),
            log::student_id,
            log::other_student_id,
            log::created_at,
        ))
        .load(conn)?;
    let ids: Vec<&String> = rows.iter().flat_map(|r| [&r.3, &r.4]).collect();
    let ids: Vec<&str> = ids.into_iter().map(String::as_str).collect();
    let people = people(conn, &ids)?;
    let person = |id: &str| {
        people
            .get(id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Student"))
    };
    rows.iter()
        .map(|(id, group_id, group_name, student, other, at)| {
            Ok(PreventedEncounter {
                id: id.clone(),
                group_id: group_id.clone(),
                group_name: group_name.clone(),
                student: person(student)?,
                other_student: person(other)?,
                at: to_utc(*at),
            })
        })
        .collect()
}
