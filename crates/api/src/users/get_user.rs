use actix_web::{get, web};
use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Permission, Role, User};

use super::queries::{acts_for_of, permissions_of};
use super::row::UserRow;
use crate::auth::extract::Staff;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;

/// One account of the caller's school.
///
/// Any staff member may read a student (to find them and send passes), but suspended students
/// stay hidden without `manage_accounts`. Every other account needs `manage_accounts`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = User),
        (status = 401, response = crate::openapi::Unauthenticated),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    id: web::Path<String>,
) -> Result<web::Json<User>, ApiError> {
    let school_id = caller.school()?.id.clone();
    let manages_accounts = caller.has(Permission::ManageAccounts);
    let id = id.into_inner();
    let user = state
        .db
        .run(move |conn| {
            let row: UserRow = users::table
                .filter(users::id.eq(&id))
                .filter(users::school_id.eq(&school_id))
                .select(UserRow::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::not_found("Account"))?;
            let is_student = row.role()? == Role::Student;
            if !manages_accounts {
                if !is_student {
                    return Err(ApiError::forbidden(
                        "You need the manage_accounts permission to do this.",
                    ));
                }
                if row.status()? == AccountStatus::Suspended {
                    return Err(ApiError::not_found("Account"));
                }
            }
            let acts_for = if row.role()? == Role::Assistant {
                acts_for_of(conn, &row.id)?
            } else {
                Vec::new()
            };
            row.view(permissions_of(conn, &row.id)?, acts_for)
        })
        .await?;
    Ok(web::Json(user))
}
