//! Extractors that declare who may call a handler. Each reloads the user from the database,
//! so a disabled account or a revoked permission counts on the very next request.
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use hallpass_shared::error::ErrorCode;

use super::permissions::Required;
use super::principal::Principal;
use crate::error::ApiError;
use crate::state::AppState;

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Any signed-in, active user, even one who must still change a temporary password.
/// Only `/me` and `/me/password` take this.
pub struct SignedIn(pub Principal);

/// A signed-in user who has no pending password change.
pub struct AuthUser(pub Principal);

/// A teacher, assistant or admin.
pub struct Staff(pub Principal);

/// Staff holding the permission `P`.
pub struct Permitted<P: Required>(pub Principal, pub PhantomData<P>);

pub(crate) fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

async fn authenticate(
    state: Option<web::Data<AppState>>,
    token: Option<String>,
) -> Result<Principal, ApiError> {
    let state =
        state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState is not registered")))?;
    let token = token
        .ok_or_else(|| ApiError::unauthenticated("Sign in first: no access token was sent."))?;
    let user_id = state.tokens.verify(&token)?;
    load_active(&state, user_id).await
}

/// The user, if they may still use the API at all (see `Principal::refusal`).
pub(crate) async fn load_active(state: &AppState, user_id: String) -> Result<Principal, ApiError> {
    let principal = state
        .db
        .run(move |conn| Principal::load(conn, &user_id))
        .await?
        .ok_or_else(|| ApiError::unauthenticated("This account no longer exists."))?;
    match principal.refusal() {
        Some(refusal) => Err(refusal),
        None => Ok(principal),
    }
}

fn signed_in(req: &HttpRequest) -> Extracted<Principal> {
    Box::pin(authenticate(
        req.app_data::<web::Data<AppState>>().cloned(),
        bearer(req),
    ))
}

pub(crate) fn without_pending_password_change(principal: Principal) -> Result<Principal, ApiError> {
    if principal.user.must_change_password {
        return Err(ApiError::coded(
            ErrorCode::PasswordChangeRequired,
            "Please choose a new password before continuing.",
        ));
    }
    Ok(principal)
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let principal = signed_in(req);
        Box::pin(async move { Ok(SignedIn(principal.await?)) })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let principal = signed_in(req);
        Box::pin(async move { Ok(AuthUser(without_pending_password_change(principal.await?)?)) })
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let principal = signed_in(req);
        Box::pin(async move {
            let principal = without_pending_password_change(principal.await?)?;
            if !principal.role.is_staff() {
                return Err(ApiError::forbidden("Only school staff can do this."));
            }
            Ok(Staff(principal))
        })
    }
}

impl<P: Required + 'static> FromRequest for Permitted<P> {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let principal = signed_in(req);
        Box::pin(async move {
            let principal = without_pending_password_change(principal.await?)?;
            if !principal.role.is_staff() || !principal.has(P::PERMISSION) {
                return Err(ApiError::forbidden(format!(
                    "You need the {} permission to do this.",
                    P::PERMISSION
                )));
            }
            Ok(Permitted(principal, PhantomData))
        })
    }
}
