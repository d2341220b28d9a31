use actix_web::{get, web};
use hallpass_shared::user::{AccountStatus, Permission, Role, User};

use super::lookup::{in_school, manageable, view};
use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::pictures::access;
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
    let mut user = state
        .db
        .run(move |conn| {
            let row = if manages_accounts {
                manageable(conn, &school_id, &id)?
            } else {
                in_school(conn, &school_id, &id)?
            };
            if !manages_accounts {
                if row.role != Role::Student {
                    return Err(ApiError::forbidden(
                        "You need the manage_accounts permission to do this.",
                    ));
                }
                if row.status == AccountStatus::Suspended {
                    return Err(ApiError::not_found("Account"));
                }
            }
            view(conn, &row)
        })
        .await?;
    access::hide_unless_shown(&caller, std::slice::from_mut(&mut user));
    Ok(web::Json(user))
}
