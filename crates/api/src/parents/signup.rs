use actix_web::{post, web, HttpRequest, HttpResponse};
use hallpass_shared::parents::{ParentSignup, SignupAccepted};
use hallpass_shared::user::Role;
use validator::Validate;

use crate::auth::password_rules;
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;
use crate::users::queries::{find_by_email, insert, NewAccount};
use crate::users::row::email_key;

/// What every accepted sign-up answers, so that nobody learns whether an email has an account.
pub const ACCEPTED: &str = "Thank you. If this email was new, your parent account is ready. \
    Sign in with your email and password; if you already had an account, sign in with it.";

/// Create a parent account. Public; limited per client address and per email, apart from
/// sign-in.
///
/// Answers `202` with the same body whether or not the email already has an account (the
/// password is hashed either way, so the time is the same too). Create no session: sign in
/// next with the same email and password.
#[utoipa::path(
    tag = "auth",
    request_body = ParentSignup,
    responses(
        (status = 202, description = "Accepted; sign in next", body = SignupAccepted),
        (status = 429, response = crate::openapi::RateLimited),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/auth/parent-signup")]
pub async fn parent_signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ParentSignup>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let new = body.into_inner();
    for (field, value) in [
        ("first_name", &new.first_name),
        ("last_name", &new.last_name),
    ] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid_field(field, "must not be blank"));
        }
    }
    password_rules::check("password", &new.password)?;
    state
        .throttles
        .signup_attempt(state.client_ip(&req), &email_key(&new.email))?;
    let hash = state.passwords.hash(new.password.clone()).await?;
    let written = state
        .db
        .write(move |conn| {
            if find_by_email(conn, &new.email)?.is_some() {
                return Ok(());
            }
            let account = NewAccount {
                school_id: None,
                role: Role::Parent,
                first_name: &new.first_name,
                last_name: &new.last_name,
                email: Some(&new.email),
                school_identifier: None,
                grade: None,
                password_hash: Some(hash),
                must_change_password: false,
            };
            insert(conn, account, now()).map(drop)
        })
        .await;
    // A sign-up for the same email that won the race: the same answer as any taken email.
    match written {
        Err(error) if error.is_unique_violation() => {}
        other => other?,
    }
    Ok(HttpResponse::Accepted().json(SignupAccepted {
        message: ACCEPTED.to_owned(),
    }))
}
