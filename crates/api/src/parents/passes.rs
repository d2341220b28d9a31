use actix_web::{get, web};
use diesel::prelude::*;
use hallpass_shared::page::Page;
use hallpass_shared::parents::{ParentPass, ParentPassQuery};
use hallpass_shared::passes::PassState;
use validator::Validate;

use super::links;
use crate::auth::extract::Parent;
use crate::before_cursor;
use crate::db::schema::passes;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::paging;
use crate::passes::row::{rooms_of, PassRow};
use crate::state::AppState;
use crate::time::to_utc;

/// A linked student's past passes, the most recently ended first. Parents only.
///
/// Only ended passes that started: never pending, scheduled, active, denied or canceled ones,
/// and nothing about limits, groups or the staff involved.
#[utoipa::path(
    tag = "parents",
    security(("bearer" = [])),
    params(
        ("student_id" = String, Path, description = "The student's id"),
        ParentPassQuery
    ),
    responses(
        (status = 200, description = "One page of ended passes", body = Page<ParentPass>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/parent/students/{student_id}/passes")]
pub async fn student_passes(
    state: web::Data<AppState>,
    Parent(parent): Parent,
    student_id: web::Path<String>,
    query: web::Query<ParentPassQuery>,
) -> Result<web::Json<Page<ParentPass>>, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let after = paging::after(query.cursor.as_deref())?;
    let limit = paging::limit(query.limit);
    let parent_id = parent.id().to_owned();
    let student_id = student_id.into_inner();
    let page = state
        .db
        .run(move |conn| {
            if links::students_of(conn, &parent_id, Some(&student_id))?.is_empty() {
                return Err(ApiError::not_found("Student"));
            }
            let select = passes::table
                .filter(passes::student_id.eq(&student_id))
                .filter(passes::state.eq(PassState::Ended))
                .filter(passes::started_at.is_not_null())
                .filter(passes::ended_at.is_not_null())
                .into_boxed();
            let select = before_cursor!(select, passes::ended_at, passes::id, after.clone());
            let rows: Vec<PassRow> = select
                .order((passes::ended_at.desc(), passes::id.desc()))
                .limit(i64::from(limit) + 1)
                .select(PassRow::as_select())
                .load(conn)?;
            let (rows, next_cursor) = paging::newest_first(rows, limit, |row| {
                row.ended_at.map(|at| (at, row.id.as_str()))
            });
            Ok(Page {
                items: views(conn, &rows)?,
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}

fn views(conn: &mut DbConn, rows: &[PassRow]) -> Result<Vec<ParentPass>, ApiError> {
    let rooms = rooms_of(conn, rows)?;
    let name = |id: &str| {
        rooms
            .get(id)
            .map(|room| room.name.clone())
            .unwrap_or_default()
    };
    rows.iter()
        .filter_map(|row| Some((row, row.started_at?, row.ended_at?)))
        .map(|(row, started, ended)| {
            Ok(ParentPass {
                id: row.id.clone(),
                origin_room: name(&row.origin_room_id),
                destination_room: name(&row.destination_room_id),
                travel_type: row.travel_type,
                duration_minutes: row.duration_minutes,
                started_at: to_utc(started),
                ended_at: to_utc(ended),
            })
        })
        .collect()
}
