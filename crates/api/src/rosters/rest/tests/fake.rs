//! A OneRoster server on 127.0.0.1 for the tests, on its own thread, that behaves as its
//! `Script` says and records every request it answers.
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use serde_json::{json, Value};

use super::super::Server;

pub const V1_1: &str = "/ims/oneroster/v1p1";
pub const V1_2: &str = "/ims/oneroster/rostering/v1p2";
pub const TOKEN_PATH: &str = "/oauth/token";
pub const CLIENT_ID: &str = "hallpass-client";
pub const SECRET: &str = "s3cret-Value-never-shown";

pub struct Script {
    pub prefix: &'static str,
    /// The `scope` the token request must ask for.
    pub scope: Option<&'static str>,
    /// Refuse HTTP Basic; take `client_id` and `client_secret` in the form only.
    pub form_credentials_only: bool,
    pub orgs: Vec<Value>,
    pub users: Vec<Value>,
    /// `None`: no enrollments endpoint (404).
    pub enrollments: Option<Vec<Value>>,
    /// Answer every page from the start.
    pub ignore_offset: bool,
    /// Serve fewer than asked, saying `X-Total-Count`.
    pub max_limit: Option<usize>,
    /// The first N users requests answer `429`, with this `Retry-After`.
    pub too_many_requests: u32,
    pub retry_after: Option<&'static str>,
    /// The first N users requests answer `503`.
    pub unavailable: u32,
    /// How many collection requests one token is good for.
    pub token_uses: Option<u32>,
    /// Users requests answer `302` to this address.
    pub redirect_users_to: Option<String>,
    /// Every answer waits this long.
    pub stall: Option<Duration>,
    /// Bytes of padding in each users answer.
    pub padding: usize,
}

impl Default for Script {
    fn default() -> Self {
        Script {
            prefix: V1_1,
            scope: None,
            form_credentials_only: false,
            orgs: vec![
                json!({"sourcedId": "sch-1", "name": "Lincoln High School", "type": "school"}),
            ],
            users: Vec::new(),
            enrollments: Some(Vec::new()),
            ignore_offset: false,
            max_limit: None,
            too_many_requests: 0,
            retry_after: None,
            unavailable: 0,
            token_uses: None,
            redirect_users_to: None,
            stall: None,
            padding: 0,
        }
    }
}

/// One request the server answered.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `token`, or the collection's name.
    pub what: String,
    pub offset: Option<u64>,
    pub limit: Option<u64>,
    pub status: u16,
    pub at: Instant,
}

struct State {
    script: Script,
    seen: Vec<Seen>,
    tokens_issued: u32,
    token: Option<String>,
    token_used: u32,
    throttled: u32,
    failed: u32,
}

type Shared = web::Data<Mutex<State>>;

pub struct Fake {
    pub origin: String,
    state: Shared,
    handle: ServerHandle,
}

impl Fake {
    pub fn start(script: Script) -> Fake {
        let state: Shared = web::Data::new(Mutex::new(State {
            script,
            seen: Vec::new(),
            tokens_issued: 0,
            token: None,
            token_used: 0,
            throttled: 0,
            failed: 0,
        }));
        let (sender, receiver) = std::sync::mpsc::channel();
        let shared = state.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || {
                    App::new()
                        .app_data(shared.clone())
                        .route(TOKEN_PATH, web::post().to(token))
                        .default_service(web::to(collection))
                })
                .workers(1)
                .disable_signals()
                .shutdown_timeout(0)
                .bind(("127.0.0.1", 0))
                .expect("a port on 127.0.0.1");
                let address = *server.addrs().first().expect("bound");
                let server = server.run();
                sender
                    .send((address, server.handle()))
                    .expect("the test waits for the server");
                server.await.expect("the fake server runs");
            });
        });
        let (address, handle) = receiver.recv().expect("the fake server starts");
        Fake {
            origin: format!("http://{address}"),
            state,
            handle,
        }
    }

    pub fn server(&self) -> Server {
        let prefix = lock(&self.state).script.prefix;
        Server {
            base_url: format!("{}{prefix}", self.origin),
            token_url: format!("{}{TOKEN_PATH}", self.origin),
            client_id: CLIENT_ID.to_owned(),
            client_secret: SECRET.to_owned(),
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.state).seen.clone()
    }

    /// The requests for `what` (`token`, `users`, …).
    pub fn seen_for(&self, what: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|seen| seen.what == what)
            .collect()
    }

    pub fn offsets_of(&self, what: &str) -> Vec<u64> {
        self.seen_for(what)
            .iter()
            .filter_map(|seen| seen.offset)
            .collect()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        // The stop is sent at once; its future only waits for it.
        drop(self.handle.stop(false));
    }
}

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

async fn token(
    request: HttpRequest,
    form: web::Form<HashMap<String, String>>,
    state: Shared,
) -> HttpResponse {
    let stall = lock(&state).script.stall;
    if let Some(stall) = stall {
        actix_web::rt::time::sleep(stall).await;
    }
    let mut state = lock(&state);
    let response = state.token(&request, &form);
    state.record("token", &request, &response);
    response
}

async fn collection(request: HttpRequest, state: Shared) -> HttpResponse {
    let stall = lock(&state).script.stall;
    if let Some(stall) = stall {
        actix_web::rt::time::sleep(stall).await;
    }
    let mut state = lock(&state);
    let prefix = state.script.prefix;
    let name = request
        .path()
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(request.path())
        .to_owned();
    let response = state.collection(&name, &request);
    state.record(&name, &request, &response);
    response
}

fn query(request: &HttpRequest, key: &str) -> Option<u64> {
    web::Query::<HashMap<String, String>>::from_query(request.query_string())
        .ok()?
        .get(key)?
        .parse()
        .ok()
}

impl State {
    fn record(&mut self, what: &str, request: &HttpRequest, response: &HttpResponse) {
        self.seen.push(Seen {
            what: what.to_owned(),
            offset: query(request, "offset"),
            limit: query(request, "limit"),
            status: response.status().as_u16(),
            at: Instant::now(),
        });
    }

    fn token(&mut self, request: &HttpRequest, form: &HashMap<String, String>) -> HttpResponse {
        let field = |name: &str| form.get(name).map(String::as_str);
        if field("grant_type") != Some("client_credentials") {
            return HttpResponse::BadRequest().json(json!({"error": "unsupported_grant_type"}));
        }
        if self.script.scope.is_some() && field("scope") != self.script.scope {
            return HttpResponse::BadRequest().json(json!({"error": "invalid_scope"}));
        }
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{SECRET}"))
        );
        let sent_basic = request
            .headers()
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            == Some(basic.as_str());
        let sent_form =
            field("client_id") == Some(CLIENT_ID) && field("client_secret") == Some(SECRET);
        let signed_in = if self.script.form_credentials_only {
            sent_form
        } else {
            sent_basic
        };
        if !signed_in {
            return HttpResponse::Unauthorized().json(json!({"error": "invalid_client"}));
        }
        self.tokens_issued += 1;
        let token = format!("token-{}", self.tokens_issued);
        self.token = Some(token.clone());
        self.token_used = 0;
        HttpResponse::Ok()
            .json(json!({"access_token": token, "token_type": "bearer", "expires_in": 3600}))
    }

    fn collection(&mut self, name: &str, request: &HttpRequest) -> HttpResponse {
        if !self.authorized(request) {
            return HttpResponse::Unauthorized().json(json!({"error": "invalid_token"}));
        }
        if name == "users" {
            if let Some(refusal) = self.users_refusal() {
                return refusal;
            }
        }
        let records = match name {
            "orgs" => &self.script.orgs,
            "users" => &self.script.users,
            "enrollments" => match &self.script.enrollments {
                Some(enrollments) => enrollments,
                None => return HttpResponse::NotFound().finish(),
            },
            _ => return HttpResponse::NotFound().finish(),
        };
        let offset = if self.script.ignore_offset {
            0
        } else {
            query(request, "offset").unwrap_or(0)
        };
        let mut limit = query(request, "limit").unwrap_or(100) as usize;
        if let Some(max) = self.script.max_limit {
            limit = limit.min(max);
        }
        let page: Vec<&Value> = records.iter().skip(offset as usize).take(limit).collect();
        let mut answer = serde_json::Map::new();
        answer.insert(name.to_owned(), json!(page));
        if name == "users" && self.script.padding > 0 {
            answer.insert("padding".to_owned(), "x".repeat(self.script.padding).into());
        }
        let mut response = HttpResponse::Ok();
        if self.script.max_limit.is_some() {
            response.insert_header(("X-Total-Count", records.len().to_string()));
        }
        response.json(answer)
    }

    fn authorized(&mut self, request: &HttpRequest) -> bool {
        let Some(token) = &self.token else {
            return false;
        };
        let sent = request
            .headers()
            .get("authorization")
            .and_then(|value| value.to_str().ok());
        if sent != Some(format!("Bearer {token}").as_str()) {
            return false;
        }
        if self
            .script
            .token_uses
            .is_some_and(|uses| self.token_used >= uses)
        {
            return false;
        }
        self.token_used += 1;
        true
    }

    fn users_refusal(&mut self) -> Option<HttpResponse> {
        if self.throttled < self.script.too_many_requests {
            self.throttled += 1;
            let mut response = HttpResponse::TooManyRequests();
            if let Some(after) = self.script.retry_after {
                response.insert_header(("Retry-After", after));
            }
            return Some(response.finish());
        }
        if self.failed < self.script.unavailable {
            self.failed += 1;
            return Some(HttpResponse::ServiceUnavailable().finish());
        }
        let to = self.script.redirect_users_to.clone()?;
        Some(
            HttpResponse::Found()
                .insert_header(("Location", to))
                .finish(),
        )
    }
}
