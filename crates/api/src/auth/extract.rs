//! Extractors that declare who may call a handler. Each reloads the user from the database,
//! so a disabled account or a revoked permission counts on the very next request.
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use hallpass_shared::error::ErrorCode;
use hallpass_shared::user::Role;

use super::permissions::Required;
use super::principal::Principal;
use crate::error::ApiError;
use crate::state::AppState;

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Any signed-in, active user, even one who must still change a temporary password.
/// Only `/me` and `/me/password` take this.
pub struct SignedIn(pub Principal);

/// A signed-in student or staff member who has no pending password change. Parents are
/// refused: they reach only `/me`, `/auth/*` and `/parent/*`.
pub struct AuthUser(pub Principal);

/// A signed-in parent who has no pending password change.
pub struct Parent(pub Principal);

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

/// The caller, loaded by [`load_caller`] before the handler's extractors run.
struct Loaded(Result<Principal, ApiError>);

/// Loads the caller of every request that carries a bearer token, before extraction starts.
///
/// actix polls a handler's extractors together and answers the first error that is ready: a
/// malformed body (ready at once) would beat an access check (which waits for the database),
/// and a caller without access would learn what the body should be. With the caller loaded
/// here, the access extractor is ready at once and, being first in the signature, answers first.
pub async fn load_caller(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(token) = bearer(req.request()) {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let loaded = authenticate(state, Some(token)).await;
        req.extensions_mut().insert(Loaded(loaded));
    }
    next.call(req).await
}

fn signed_in(req: &HttpRequest) -> Extracted<Principal> {
    if let Some(Loaded(loaded)) = req.extensions_mut().remove::<Loaded>() {
        return Box::pin(std::future::ready(loaded));
    }
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

/// What [`AuthUser`] admits: no pending password change, and not a parent. For routes that
/// authenticate another way (the event stream's ticket).
pub(crate) fn school_member(principal: Principal) -> Result<Principal, ApiError> {
    let principal = without_pending_password_change(principal)?;
    if principal.role == Role::Parent {
        return Err(ApiError::forbidden(
            "Parent accounts see their students on the parent pages only.",
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
        Box::pin(async move { Ok(AuthUser(school_member(principal.await?)?)) })
    }
}

impl FromRequest for Parent {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let principal = signed_in(req);
        Box::pin(async move {
            let principal = without_pending_password_change(principal.await?)?;
            if principal.role != Role::Parent {
                return Err(ApiError::forbidden("Only parent accounts can do this."));
            }
            Ok(Parent(principal))
        })
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
