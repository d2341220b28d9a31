use actix_web::{get, web};
use diesel::prelude::*;
use hallpass_shared::passes::{HallwayPass, HallwayQuery, HallwaySort};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::extract::Staff;
use crate::db::schema::passes;
use crate::error::ApiError;
use crate::passes::access::Viewer;
use crate::passes::row::{views, PassRow};
use crate::state::AppState;

/// Who is out now: the active passes the caller may see, with an overtime flag.
///
/// Admins and staff with `hall_monitor` see every active pass; other staff the passes from or
/// to their rooms. `mine=true` keeps only the caller's rooms.
#[utoipa::path(
    tag = "hallway",
    security(("bearer" = [])),
    params(HallwayQuery),
    responses(
        (status = 200, description = "Active passes", body = Vec<HallwayPass>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
#[get("/hallway")]
pub async fn hallway(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: web::Query<HallwayQuery>,
) -> Result<web::Json<Vec<HallwayPass>>, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let school_id = caller.school()?.id.clone();
    let now = state.clock.now_utc();
    let (passes, sort) = state
        .db
        .run(move |conn| {
            let viewer = Viewer::load(conn, &caller)?;
            let mut select = passes::table
                .filter(passes::school_id.eq(&school_id))
                .filter(passes::state.eq("active"))
                .into_boxed();
            let sees_all = viewer.role == Role::Admin || viewer.hall_monitor;
            if query.mine || !sees_all {
                select = select.filter(
                    passes::origin_room_id
                        .eq_any(viewer.rooms.clone())
                        .or(passes::destination_room_id.eq_any(viewer.rooms.clone())),
                );
            }
            if let Some(room) = &query.room_id {
                select = select.filter(
                    passes::origin_room_id
                        .eq(room.clone())
                        .or(passes::destination_room_id.eq(room.clone())),
                );
            }
            let rows: Vec<PassRow> = select.select(PassRow::as_select()).load(conn)?;
            let mut passes = views(conn, &rows)?;
            if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                let q = q.to_lowercase();
                passes.retain(|p| {
                    format!("{} {}", p.student.first_name, p.student.last_name)
                        .to_lowercase()
                        .contains(&q)
                });
            }
            Ok((passes, query.sort.unwrap_or(HallwaySort::Expires)))
        })
        .await?;
    let mut out: Vec<HallwayPass> = passes
        .into_iter()
        .map(|pass| HallwayPass {
            overtime: pass.expected_end_at.is_some_and(|end| end < now),
            pass,
        })
        .collect();
    match sort {
        HallwaySort::Expires => out.sort_by_key(|p| p.pass.expected_end_at),
        HallwaySort::Name => out.sort_by(|a, b| {
            let name = |p: &HallwayPass| {
                (
                    p.pass.student.last_name.clone(),
                    p.pass.student.first_name.clone(),
                )
            };
            name(a).cmp(&name(b))
        }),
        HallwaySort::Destination => out.sort_by(|a, b| {
            a.pass
                .destination_room
                .name
                .cmp(&b.pass.destination_room.name)
        }),
    }
    Ok(web::Json(out))
}
