use actix_web::{get, web};
use hallpass_shared::jobs::JobKind;
use hallpass_shared::page::Page;
use hallpass_shared::rosters::{ChangeKind, ChangeQuery, ImportChange, ImportResult, RosterImport};
use serde::Deserialize;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::error::ApiError;
use crate::jobs::queue;
use crate::paging;
use crate::rosters::changes;
use crate::state::AppState;

/// An import: its state, progress and, once read, its preview's counts.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import's id")),
    responses((status = 200, description = "The import", body = RosterImport))
)]
#[get("/imports/{id}")]
pub async fn get_import(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    id: web::Path<String>,
) -> Result<web::Json<RosterImport>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let row = state
        .db
        .run(move |conn| queue::find(conn, &school_id, JobKind::RosterImport, &id))
        .await?
        .ok_or_else(|| ApiError::not_found("Import"))?;
    Ok(web::Json(row.view::<ImportResult>()?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportsQuery {
    /// From `next_cursor` of the page before.
    pub cursor: Option<String>,
    /// 1 to 500; 50 by default.
    pub limit: Option<u32>,
}

/// The school's imports and syncs, newest first: the history.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    params(ImportsQuery),
    responses(
        (status = 200, description = "One page of imports", body = Page<RosterImport>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/imports")]
pub async fn list_imports(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    query: web::Query<ImportsQuery>,
) -> Result<web::Json<Page<RosterImport>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let after = paging::after(query.cursor.as_deref())?;
    let limit = paging::limit(query.limit);
    let (rows, next_cursor) = state
        .db
        .run(move |conn| {
            queue::list(
                conn,
                &school_id,
                JobKind::RosterImport,
                after.clone(),
                limit,
            )
        })
        .await?;
    let items = rows
        .iter()
        .map(|row| row.view::<ImportResult>())
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}

/// The preview's rows, in file order: what each creates, changes (field by field, old → new),
/// archives or restores, what was skipped and why, and each error with its file and line.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import's id"), ChangeQuery),
    responses(
        (status = 200, description = "One page of changes", body = Page<ImportChange>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/imports/{id}/changes")]
pub async fn list_changes(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    id: web::Path<String>,
    query: web::Query<ChangeQuery>,
) -> Result<web::Json<Page<ImportChange>>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let id = id.into_inner();
    let query = query.into_inner();
    let after: Option<i32> = query
        .cursor
        .as_deref()
        .map(paging::decode_cursor)
        .transpose()?;
    let limit = paging::limit(query.limit);
    let kind: Option<ChangeKind> = query.kind;
    let (items, next) = state
        .db
        .run(move |conn| {
            queue::find(conn, &school_id, JobKind::RosterImport, &id)?
                .ok_or_else(|| ApiError::not_found("Import"))?;
            changes::page(conn, &id, kind, after, limit)
        })
        .await?;
    Ok(web::Json(Page {
        items,
        next_cursor: next.map(|seq| paging::encode_cursor(&seq)),
    }))
}
