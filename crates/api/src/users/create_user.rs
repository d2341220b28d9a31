use actix_web::{post, web, HttpResponse};
use hallpass_shared::accounts::NewUser;
use hallpass_shared::user::User;
use validator::Validate;

use super::duplicates::{self, Candidate};
use super::lookup::view;
use super::queries::{insert, set_acts_for, NewAccount};
use super::rules::{Actor, Standing};
use super::{acts_for, permissions, rules};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Add an account. Needs `manage_accounts`.
///
/// With `password`, the user must change it at first sign-in. Without one (students, usually)
/// the account waits for staff to print or reset a password. A clashing email or school
/// identifier answers `409 account_exists` naming the field and the existing account. Only
/// admins create admins, and nobody grants a permission they do not hold (a role's default
/// permissions included): `403`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = NewUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 409, response = crate::openapi::AccountExists),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let new = body.into_inner();
    rules::check_creatable(new.role)?;
    let granted = new
        .permissions
        .clone()
        .unwrap_or_else(|| new.role.default_permissions().to_vec());
    rules::check_permissions_allowed(new.role, &granted)?;
    rules::check_standing(
        Actor::from(&caller),
        None,
        &Standing::new(new.role, &granted),
    )?;
    let teachers = new.acts_for.clone().unwrap_or_default();
    rules::check_acts_for_allowed(new.role, &teachers)?;
    for (field, value) in [
        ("first_name", &new.first_name),
        ("last_name", &new.last_name),
    ] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid_field(field, "must not be blank"));
        }
    }
    let hash = match &new.password {
        Some(plain) => Some(state.passwords.hash(plain.clone()).await?),
        None => None,
    };
    let school_id = caller.school()?.id.clone();
    let user = state
        .db
        .write(move |conn| {
            let candidate = Candidate {
                school_id: &school_id,
                email: new.email.as_deref(),
                school_identifier: new.school_identifier.as_deref(),
                except_id: None,
            };
            duplicates::check(conn, &candidate)?;
            acts_for::check_teachers(conn, Actor::from(&caller), &school_id, &teachers)?;
            let account = NewAccount {
                school_id: Some(&school_id),
                role: new.role,
                first_name: &new.first_name,
                last_name: &new.last_name,
                email: new.email.as_deref(),
                school_identifier: new.school_identifier.as_deref(),
                grade: new.grade.as_deref(),
                must_change_password: hash.is_some(),
                password_hash: hash,
            };
            let row = insert(conn, account, now())?;
            permissions::replace(conn, &row.id, &granted)?;
            if !teachers.is_empty() {
                set_acts_for(conn, &row.id, &teachers)?;
            }
            view(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Created().json(user))
}
