//! A school's OneRoster server over HTTP: saved without its secret ever shown, tested, synced
//! now (token, paging, a `429`), a wrong secret reported clearly, and the schedule, which
//! starts each due sync once even with two instances.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::rosters::{apply, counts, search, settled};
use crate::support::TestApp;

on_both_backends!(
    a_sync_pulls_every_page_through_a_429_and_applies,
    a_wrong_secret_is_reported_and_the_secret_never_shown,
    the_schedule_starts_a_due_sync_once,
);

const CLIENT: &str = "hallpass";
const SECRET: &str = "the-right-secret-Xk29";
const STUDENTS: usize = 12;

/// What the fake server saw: (path, offset) of each users request, and 429s sent.
#[derive(Default)]
struct Seen {
    users_offsets: Vec<String>,
    throttled: u32,
}

struct Fake {
    base: String,
    seen: Arc<Mutex<Seen>>,
    _server: actix_web::dev::ServerHandle,
}

async fn fake_server() -> Fake {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let state = seen.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = listener.local_addr().expect("address").port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(state.clone()))
            .route("/oauth/token", web::post().to(token))
            .route("/ims/oneroster/v1p1/orgs", web::get().to(orgs))
            .route("/ims/oneroster/v1p1/users", web::get().to(users))
            .route(
                "/ims/oneroster/v1p1/enrollments",
                web::get().to(|| async { HttpResponse::Ok().json(json!({ "enrollments": [] })) }),
            )
    })
    .workers(1)
    .listen(listener)
    .expect("listen")
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    Fake {
        base: format!("http://127.0.0.1:{port}"),
        seen,
        _server: handle,
    }
}

async fn token(req: HttpRequest) -> HttpResponse {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT}:{SECRET}"))
    );
    let given = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if given != expected {
        return HttpResponse::Unauthorized().json(json!({ "error": "invalid_client" }));
    }
    HttpResponse::Ok()
        .json(json!({ "access_token": "tok-1", "token_type": "bearer", "expires_in": 3600 }))
}

fn signed_in(req: &HttpRequest) -> bool {
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        == Some("Bearer tok-1")
}

fn page(req: &HttpRequest) -> (usize, usize) {
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .expect("query");
    let number = |key: &str, default| {
        query
            .get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    (number("offset", 0), number("limit", 100))
}

async fn orgs(req: HttpRequest) -> HttpResponse {
    if !signed_in(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok().json(json!({ "orgs": [
        { "sourcedId": "sch-1", "status": "active", "name": "Lincoln High School", "type": "school" }
    ] }))
}

async fn users(req: HttpRequest, seen: web::Data<Arc<Mutex<Seen>>>) -> HttpResponse {
    if !signed_in(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    let (offset, limit) = page(&req);
    {
        let mut seen = seen.lock().expect("lock");
        seen.users_offsets.push(offset.to_string());
        // The second page is throttled once.
        if offset > 0 && seen.throttled == 0 {
            seen.throttled += 1;
            return HttpResponse::TooManyRequests()
                .insert_header(("Retry-After", "1"))
                .finish();
        }
    }
    let users: Vec<Value> = (offset..(offset + limit).min(STUDENTS))
        .map(|n| {
            json!({ "sourcedId": format!("u{n}"), "status": "active", "enabledUser": "true",
                    "role": "student", "orgs": [{ "sourcedId": "sch-1", "type": "org" }],
                    "givenName": format!("Pulled{n}"), "familyName": "Student",
                    "identifier": format!("P{n:03}"), "grades": ["09"] })
        })
        .collect();
    HttpResponse::Ok().json(json!({ "users": users }))
}

fn settings(fake: &Fake, secret: Option<&str>) -> Value {
    json!({
        "base_url": format!("{}/ims/oneroster/v1p1", fake.base),
        "token_url": format!("{}/oauth/token", fake.base),
        "client_id": CLIENT,
        "client_secret": secret,
        "auto_apply": false,
    })
}

async fn a_sync_pulls_every_page_through_a_429_and_applies(app: TestApp) {
    let fake = fake_server().await;
    let admin = app.as_user(&app.school.admin).await;
    admin
        .put("/integrations/oneroster", settings(&fake, Some(SECRET)))
        .await
        .expect(200);
    let tested = admin
        .post("/integrations/oneroster/test", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(tested["ok"], true, "{tested}");
    assert_eq!(tested["schools"][0]["name"], "Lincoln High School");

    let accepted = admin
        .post("/integrations/oneroster/sync", json!({}))
        .await
        .expect(202);
    let job = settled(&admin, accepted.body["id"].as_str().expect("id")).await;
    assert_eq!(job["state"], "ready", "{job}");
    assert_eq!(counts(&job)[0], STUDENTS as u64, "{job}");
    assert_eq!(job["result"]["file_name"], Value::Null);
    let seen = fake.seen.lock().expect("lock").users_offsets.clone();
    // Pages of 5 (the tests' page size): 0, 5 (throttled, then again), 10 (a short page).
    assert_eq!(seen, vec!["0", "5", "5", "10"], "{seen:?}");
    apply(&admin, &job).await;
    assert_eq!(search(&admin, "Pulled11").await.len(), 1);
    let connection = admin.get("/integrations/oneroster").await.expect(200).body;
    assert_eq!(
        connection["last_import"]["state"], "succeeded",
        "{connection}"
    );
    assert!(connection["last_sync_at"].is_string());
}

async fn a_wrong_secret_is_reported_and_the_secret_never_shown(app: TestApp) {
    let fake = fake_server().await;
    let admin = app.as_user(&app.school.admin).await;
    let saved = admin
        .put(
            "/integrations/oneroster",
            settings(&fake, Some("not-the-secret-77")),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(saved["has_secret"], true);
    let read = admin.get("/integrations/oneroster").await.expect(200).body;
    for answer in [&saved, &read] {
        let text = answer.to_string();
        assert!(
            !text.contains("not-the-secret-77") && !text.contains("client_secret"),
            "{text}"
        );
    }
    let tested = admin
        .post("/integrations/oneroster/test", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(tested["ok"], false);
    let message = tested["message"].as_str().expect("message").to_lowercase();
    assert!(
        message.contains("client") || message.contains("secret"),
        "{message}"
    );
    assert!(!message.contains("not-the-secret-77"));

    let accepted = admin
        .post("/integrations/oneroster/sync", json!({}))
        .await
        .expect(202);
    let job = settled(&admin, accepted.body["id"].as_str().expect("id")).await;
    assert_eq!(job["state"], "failed");
    assert_eq!(job["error"]["code"], "oneroster_auth_failed");

    // Saving again without a secret keeps the saved one; a new client id needs a new one.
    admin
        .put("/integrations/oneroster", settings(&fake, None))
        .await
        .expect(200);
    let mut other = settings(&fake, None);
    other["client_id"] = json!("someone-else");
    admin
        .put("/integrations/oneroster", other)
        .await
        .expect_error(400, "validation_failed");
    // The saved secret is never sent to a new address.
    let mut elsewhere = settings(&fake, None);
    elsewhere["token_url"] = json!("http://127.0.0.1:9/steal");
    admin
        .put("/integrations/oneroster", elsewhere)
        .await
        .expect_error(400, "validation_failed");
    let mut bad = settings(&fake, Some(SECRET));
    bad["base_url"] = json!(format!("{}/api/users", fake.base));
    admin
        .put("/integrations/oneroster", bad)
        .await
        .expect_error(400, "validation_failed");
    // Another school sees no connection.
    let other_admin = app.as_user(&app.other_school.admin).await;
    assert_eq!(
        other_admin
            .get("/integrations/oneroster")
            .await
            .expect(200)
            .body,
        Value::Null
    );
    other_admin
        .post("/integrations/oneroster/sync", json!({}))
        .await
        .expect(404);
}

async fn the_schedule_starts_a_due_sync_once(app: TestApp) {
    let fake = fake_server().await;
    let _second = app.second_instance().await;
    let admin = app.as_user(&app.school.admin).await;
    let mut every = settings(&fake, Some(SECRET));
    every["every_minutes"] = json!(15);
    let saved = admin
        .put("/integrations/oneroster", every)
        .await
        .expect(200)
        .body;
    assert!(saved["next_sync_at"].is_string(), "{saved}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        admin.get("/imports").await.expect(200).body["items"],
        json!([]),
        "not due yet"
    );

    app.clock.advance(chrono::Duration::minutes(16));
    let mut jobs = Vec::new();
    for _ in 0..100 {
        jobs = admin.get("/imports").await.expect(200).body["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !jobs.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Both instances looked several times; one sync was started.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let jobs = admin.get("/imports").await.expect(200).body["items"]
        .as_array()
        .cloned()
        .unwrap_or(jobs);
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert_eq!(
        jobs[0]["created_by"],
        Value::Null,
        "started by the schedule"
    );
    let job = settled(&admin, jobs[0]["id"].as_str().expect("id")).await;
    assert_eq!(job["state"], "ready", "{job}");
    let connection = admin.get("/integrations/oneroster").await.expect(200).body;
    assert!(
        connection["next_sync_at"].as_str() > saved["next_sync_at"].as_str(),
        "{connection}"
    );
}
