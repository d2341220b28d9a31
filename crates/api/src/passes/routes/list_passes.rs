use actix_web::{get, web};
use diesel::prelude::*;
use hallpass_shared::page::Page;
use hallpass_shared::passes::{Pass, PassQuery, PassState};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::extract::AuthUser;
use crate::before_cursor;
use crate::db::schema::passes;
use crate::error::ApiError;
use crate::paging;
use crate::passes::access::{visible, Viewer};
use crate::passes::queries;
use crate::passes::row::{view, views, PassRow};
use crate::state::AppState;

/// The passes the caller may see, newest first.
///
/// Students see their own; teachers and assistants the passes from or to their rooms (and, with
/// `hall_monitor`, every active pass); admins every pass of the school.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(PassQuery),
    responses(
        (status = 200, description = "One page of passes", body = Page<Pass>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/passes")]
pub async fn list_passes(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    query: web::Query<PassQuery>,
) -> Result<web::Json<Page<Pass>>, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let school_id = caller.school()?.id.clone();
    let after = paging::after(query.cursor.as_deref())?;
    let limit = paging::limit(query.limit);
    let page = state
        .db
        .run(move |conn| {
            let viewer = Viewer::load(conn, &caller)?;
            let mut select = passes::table
                .filter(passes::school_id.eq(&school_id))
                .into_boxed();
            select = match viewer.role {
                Role::Admin => select,
                Role::Student => select.filter(passes::student_id.eq(&viewer.id)),
                Role::Teacher | Role::Assistant => {
                    let active = PassState::Active;
                    let mine = passes::origin_room_id
                        .eq_any(viewer.rooms.clone())
                        .or(passes::destination_room_id.eq_any(viewer.rooms.clone()))
                        .or(passes::created_by
                            .eq(viewer.id.clone())
                            .and(passes::created_by.is_not_null()));
                    if viewer.hall_monitor {
                        select.filter(mine.or(passes::state.eq(active)))
                    } else {
                        select.filter(mine)
                    }
                }
                Role::Parent => {
                    return Err(ApiError::forbidden(
                        "Parents see past passes on the parent pages.",
                    ))
                }
            };
            if let Some(state) = query.state {
                select = select.filter(passes::state.eq(state));
            }
            if let Some(student) = &query.student_id {
                select = select.filter(passes::student_id.eq(student.clone()));
            }
            if let Some(room) = &query.room_id {
                select = select.filter(
                    passes::origin_room_id
                        .eq(room.clone())
                        .or(passes::destination_room_id.eq(room.clone())),
                );
            }
            if let Some(from) = query.from {
                select = select.filter(passes::created_at.ge(from.naive_utc()));
            }
            if let Some(to) = query.to {
                select = select.filter(passes::created_at.lt(to.naive_utc()));
            }
            let select = before_cursor!(select, passes::created_at, passes::id, after.clone());
            let rows: Vec<PassRow> = select
                .order((passes::created_at.desc(), passes::id.desc()))
                .limit(i64::from(limit) + 1)
                .select(PassRow::as_select())
                .load(conn)?;
            let (rows, next_cursor) =
                paging::newest_first(rows, limit, |row| Some((row.created_at, &row.id)));
            Ok(Page {
                items: views(conn, &rows)?,
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}

/// One pass the caller may see.
#[utoipa::path(
    tag = "passes",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The pass's id")),
    responses(
        (status = 200, description = "The pass", body = Pass),
    )
)]
#[get("/passes/{id}")]
pub async fn get_pass(
    state: web::Data<AppState>,
    AuthUser(caller): AuthUser,
    id: web::Path<String>,
) -> Result<web::Json<Pass>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let pass = state
        .db
        .run(move |conn| {
            let viewer = Viewer::load(conn, &caller)?;
            let row = visible(&viewer, queries::in_school(conn, &school_id, &id)?)?;
            view(conn, &row)
        })
        .await?;
    Ok(web::Json(pass))
}
