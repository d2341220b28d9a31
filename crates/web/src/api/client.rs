use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use hallpass_shared::auth::{RefreshRequest, Session};
use hallpass_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use hallpass_shared::user::Me;
use hallpass_shared::API_BASE;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::cross_tab;
use super::error::ApiError;
use super::http::{self, Method, Response};
use super::tokens::RefreshTokenStore;

/// What the client tells the session layer about the signed-in user.
#[derive(Debug, Clone)]
pub enum AuthEvent {
    /// A sign-in, refresh or password change produced a fresh session for this user.
    SignedIn(Box<Me>),
    /// There is no usable refresh token any more: the user must sign in again.
    SignedOut,
    /// The server refuses everything but a password change until one is made.
    PasswordChangeRequired,
}

/// Whether a call carries the access token (and may refresh it on a 401).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Auth {
    Anonymous,
    Bearer,
}

/// The Web Locks name under which the tabs of this origin take turns to refresh.
const REFRESH_LOCK: &str = "hallpass.refresh";

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<Session, ApiError>>>;
type Listener = Rc<dyn Fn(AuthEvent)>;

/// A cheap-to-clone handle on the one API client of the page.
#[derive(Clone)]
pub struct Api {
    inner: Rc<Inner>,
}

struct Inner {
    base_url: String,
    /// Only in memory: a page reload gets a new one from the refresh token.
    access_token: RefCell<Option<String>>,
    refresh_token: RefreshTokenStore,
    /// Refresh tokens are single-use, so concurrent 401s must share one refresh.
    refresh_in_flight: RefCell<Option<RefreshFuture>>,
    listener: RefCell<Option<Listener>>,
}

impl Api {
    /// A client for the API of the server that served this page.
    pub fn for_this_origin() -> Self {
        let origin = web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default();
        Self::new(format!("{origin}{API_BASE}"))
    }

    pub fn new(base_url: String) -> Self {
        Self {
            inner: Rc::new(Inner {
                base_url,
                access_token: RefCell::new(None),
                refresh_token: RefreshTokenStore::default(),
                refresh_in_flight: RefCell::new(None),
                listener: RefCell::new(None),
            }),
        }
    }

    /// Registers the one listener for sign-in, sign-out and forced password changes.
    pub fn on_auth_event(&self, listener: impl Fn(AuthEvent) + 'static) {
        *self.inner.listener.borrow_mut() = Some(Rc::new(listener));
    }

    /// The API's address, such as `https://school.example/api/v1`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub fn has_refresh_token(&self) -> bool {
        self.inner.refresh_token.get().is_some()
    }

    fn emit(&self, event: AuthEvent) {
        // Cloned out first: the listener may well call back into this client.
        let listener = self.inner.listener.borrow().clone();
        if let Some(listener) = listener {
            listener(event);
        }
    }

    /// Keeps a new token pair and announces the user it belongs to.
    pub(super) fn start_session(&self, session: Session) -> Me {
        self.inner.refresh_token.set(&session.refresh_token);
        self.continue_session(session)
    }

    /// Takes up a session whose refresh token is stored already. (Storing it again after a
    /// refresh could overwrite the newer token of another tab that refreshed since.)
    fn continue_session(&self, session: Session) -> Me {
        *self.inner.access_token.borrow_mut() = Some(session.access_token);
        self.emit(AuthEvent::SignedIn(Box::new(session.user.clone())));
        session.user
    }

    /// Forgets both tokens and announces that nobody is signed in.
    pub(super) fn end_session(&self) {
        self.inner.refresh_token.clear();
        self.forget_session();
    }

    /// Forgets the access token and announces that nobody is signed in; the stored refresh
    /// token is left to whoever manages it.
    fn forget_session(&self) {
        self.inner.access_token.borrow_mut().take();
        self.emit(AuthEvent::SignedOut);
    }

    pub(super) fn refresh_token(&self) -> Option<String> {
        self.inner.refresh_token.get()
    }

    /// Exchanges the refresh token for a new pair. Callers that arrive while a refresh is
    /// under way wait for that one instead of spending the (already rotated) token again.
    pub async fn refresh(&self) -> Result<Session, ApiError> {
        let in_flight = self.inner.refresh_in_flight.borrow().clone();
        let refresh = match in_flight {
            Some(refresh) => refresh,
            None => {
                let this = self.clone();
                let refresh = async move { this.refresh_now().await }
                    .boxed_local()
                    .shared();
                *self.inner.refresh_in_flight.borrow_mut() = Some(refresh.clone());
                refresh
            }
        };
        refresh.await
    }

    async fn refresh_now(&self) -> Result<Session, ApiError> {
        let this = self.clone();
        let result =
            cross_tab::exclusively(
                REFRESH_LOCK,
                async move { this.spend_refresh_token().await },
            )
            .await
            .unwrap_or(Err(ApiError::Network));
        self.inner.refresh_in_flight.borrow_mut().take();
        match &result {
            Ok(session) => {
                self.continue_session(session.clone());
            }
            // The token was refused (expired, revoked or reused): only a new sign-in helps.
            // Network trouble and throttling keep it, for the next attempt.
            Err(error) if error.refuses_credentials() => self.forget_session(),
            Err(_) => {}
        }
        result
    }

    /// Exchanges the stored refresh token and stores its successor; runs under the cross-tab
    /// lock, so it reads the token another tab may just have rotated (or, when localStorage
    /// lags behind the lock, the old one, which the server then answers like the first time).
    async fn spend_refresh_token(&self) -> Result<Session, ApiError> {
        let Some(refresh_token) = self.inner.refresh_token.get() else {
            return Err(ApiError::Api {
                status: 401,
                detail: ErrorDetail {
                    code: ErrorCode::Unauthenticated,
                    message: "Please sign in.".into(),
                    details: None,
                },
            });
        };
        let request = RefreshRequest {
            refresh_token: refresh_token.clone(),
        };
        let body = to_json(&request)?;
        let response = self
            .send_once(Method::Post, "/auth/refresh", Some(&body), Auth::Anonymous)
            .await?;
        match check(response).await {
            Ok(response) => {
                let session: Session = decode(response).await?;
                self.inner.refresh_token.set(&session.refresh_token);
                Ok(session)
            }
            Err(error) => {
                // Unless another tab has signed in again meanwhile, the refused token is useless.
                if error.refuses_credentials()
                    && self.inner.refresh_token.get().as_ref() == Some(&refresh_token)
                {
                    self.inner.refresh_token.clear();
                }
                Err(error)
            }
        }
    }

    /// A call to `path`, sent with the access token unless `.anonymous()` says otherwise.
    pub(super) fn get<'a>(&'a self, path: &'a str) -> Call<'a> {
        Call::new(self, Method::Get, path)
    }

    pub(super) fn post<'a>(&'a self, path: &'a str) -> Call<'a> {
        Call::new(self, Method::Post, path)
    }

    pub(super) fn put<'a>(&'a self, path: &'a str) -> Call<'a> {
        Call::new(self, Method::Put, path)
    }

    pub(super) fn patch<'a>(&'a self, path: &'a str) -> Call<'a> {
        Call::new(self, Method::Patch, path)
    }

    pub(super) fn delete<'a>(&'a self, path: &'a str) -> Call<'a> {
        Call::new(self, Method::Delete, path)
    }

    /// Sends a request; with `Auth::Bearer`, a 401 triggers one refresh and one retry. Boxed,
    /// and generic over nothing: every call of the client shares this one copy.
    fn send<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        body: Option<&'a str>,
        auth: Auth,
    ) -> LocalBoxFuture<'a, Result<Response, ApiError>> {
        async move {
            let token_sent = self.inner.access_token.borrow().clone();
            let mut response = self.send_once(method, path, body, auth).await?;
            if auth == Auth::Bearer && response.status() == 401 {
                // A token that changed while this call was out came from a refresh already made.
                if *self.inner.access_token.borrow() == token_sent {
                    // Without a refresh token (signed out in another tab) this fails and signs out.
                    self.refresh().await?;
                }
                response = self.send_once(method, path, body, auth).await?;
            }
            let result = check(response).await;
            if let Err(error) = &result {
                if error.code() == Some(ErrorCode::PasswordChangeRequired) {
                    self.emit(AuthEvent::PasswordChangeRequired);
                }
            }
            result
        }
        .boxed_local()
    }

    /// Uploads `body` (a form's files or one file) to `path` with the access token, reporting
    /// the bytes sent; a 401 refreshes once and sends it again. Answers the body's text.
    pub(super) fn upload<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        body: http::UploadBody<'a>,
        content_type: Option<&'a str>,
        progress: Option<Rc<dyn Fn(u64, u64)>>,
    ) -> LocalBoxFuture<'a, Result<String, ApiError>> {
        async move {
            let url = format!("{}{path}", self.inner.base_url);
            let send = |token: Option<String>| {
                let progress = progress.clone();
                let url = url.clone();
                async move {
                    let request = http::Upload {
                        method,
                        url: &url,
                        body,
                        content_type,
                        bearer: token.as_deref(),
                        progress,
                    };
                    http::upload(request).await.map_err(|_| ApiError::Network)
                }
            };
            let token_sent = self.inner.access_token.borrow().clone();
            let (mut status, mut text) = send(token_sent.clone()).await?;
            if status == 401 {
                if *self.inner.access_token.borrow() == token_sent {
                    self.refresh().await?;
                }
                let token = self.inner.access_token.borrow().clone();
                (status, text) = send(token).await?;
            }
            if (200..300).contains(&status) {
                Ok(text)
            } else {
                Err(refusal(status, &text))
            }
        }
        .boxed_local()
    }

    async fn send_once(
        &self,
        method: Method,
        path: &str,
        body: Option<&str>,
        auth: Auth,
    ) -> Result<Response, ApiError> {
        let url = format!("{}{path}", self.inner.base_url);
        let token = match auth {
            Auth::Bearer => self.inner.access_token.borrow().clone(),
            Auth::Anonymous => None,
        };
        let request = http::Request {
            method,
            url: &url,
            json: body,
            bearer: token.as_deref(),
        };
        http::fetch(request).await.map_err(|_| ApiError::Network)
    }
}

/// One API call: `api.post("/rooms").body(&new).json().await`.
#[must_use = "a call does nothing until it is sent"]
pub(super) struct Call<'a> {
    api: &'a Api,
    method: Method,
    path: &'a str,
    body: Result<Option<String>, ApiError>,
    auth: Auth,
}

impl<'a> Call<'a> {
    fn new(api: &'a Api, method: Method, path: &'a str) -> Self {
        Call {
            api,
            method,
            path,
            body: Ok(None),
            auth: Auth::Bearer,
        }
    }

    /// Sends `body` as JSON.
    pub fn body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = to_json(body).map(Some);
        self
    }

    /// Without the access token (sign-in, sign-up, refresh, sign-out).
    pub fn anonymous(mut self) -> Self {
        self.auth = Auth::Anonymous;
        self
    }

    /// The successful answer, whose body the caller reads.
    pub async fn send(self) -> Result<Response, ApiError> {
        let body = self.body?;
        self.api
            .send(self.method, self.path, body.as_deref(), self.auth)
            .await
    }

    /// The successful answer's JSON.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        decode(self.send().await?).await
    }

    /// The successful answer's body as a `Blob`, kept on the browser's side (pictures, files).
    pub async fn blob(self) -> Result<web_sys::Blob, ApiError> {
        let response = self.send().await?;
        let status = response.status();
        response
            .blob()
            .await
            .map_err(|_| ApiError::Unexpected { status })
    }

    /// Success or failure only; the answer's body is not read.
    pub async fn done(self) -> Result<(), ApiError> {
        self.send().await.map(drop)
    }
}

fn to_json<B: Serialize + ?Sized>(body: &B) -> Result<String, ApiError> {
    // The wire types always serialize; were one not to, the call fails before it is sent, as
    // a request the browser could not send does.
    serde_json::to_string(body).map_err(|_| ApiError::Network)
}

/// Turns every non-2xx answer into an `ApiError`, reading the API's error shape.
async fn check(response: Response) -> Result<Response, ApiError> {
    if response.is_success() {
        return Ok(response);
    }
    let (status, text) = read(response).await?;
    Err(refusal(status, &text))
}

/// The error a non-2xx answer's body describes.
fn refusal(status: u16, text: &str) -> ApiError {
    match serde_json::from_str::<ErrorBody>(text) {
        Ok(body) => ApiError::Api {
            status,
            detail: body.error,
        },
        Err(_) => ApiError::Unexpected { status },
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let (status, text) = read(response).await?;
    serde_json::from_str(&text).map_err(|_| ApiError::Unexpected { status })
}

/// The answer's status and its body as text.
pub(super) async fn read(response: Response) -> Result<(u16, String), ApiError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|_| ApiError::Unexpected { status })?;
    Ok((status, text))
}
