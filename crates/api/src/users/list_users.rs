use actix_web::{get, web};
use hallpass_shared::accounts::UserQuery;
use hallpass_shared::page::Page;
use hallpass_shared::user::{AccountStatus, Permission, Role, User};
use validator::Validate;

use super::listing::{self, Filter};
use super::lookup::views;
use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::paging::{self, decode_cursor};
use crate::pictures::access;
use crate::state::AppState;

/// List the school's accounts, in name order.
///
/// Any staff member may list `role=student` (the student directory, without suspended
/// students). Every other listing needs `manage_accounts`. Suspended accounts appear only with
/// `status=suspended`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(UserQuery),
    responses(
        (status = 200, description = "One page of accounts", body = Page<User>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: web::Query<UserQuery>,
) -> Result<web::Json<Page<User>>, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    if !caller.has(Permission::ManageAccounts) {
        let directory =
            query.role == Some(Role::Student) && query.status != Some(AccountStatus::Suspended);
        if !directory {
            return Err(ApiError::forbidden(
                "You need the manage_accounts permission to list accounts other than students.",
            ));
        }
    }
    let filter = Filter {
        school_id: caller.school()?.id.clone(),
        role: query.role,
        status: query.status,
        q: query.q,
        limit: paging::limit(query.limit),
        after: query.cursor.as_deref().map(decode_cursor).transpose()?,
    };
    let cache = state.accounts.clone();
    let mut page = state
        .db
        .run(move |conn| {
            let (rows, next_cursor) = listing::page(conn, &cache, &filter)?;
            Ok(Page {
                items: views(conn, &rows)?,
                next_cursor,
            })
        })
        .await?;
    access::hide_unless_shown(&caller, &mut page.items);
    Ok(web::Json(page))
}
