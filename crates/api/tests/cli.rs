//! The `hallpass` binary as an operator runs it: configuration by environment variables,
//! bootstrap, demo data and `create-school`, on SQLite and PostgreSQL.
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

#[path = "api/support/database.rs"]
#[allow(dead_code)]
mod database;

use database::{Backend, TestDatabase};

#[path = "process/mod.rs"]
mod process;

use process::{health, login, serve, temp_dir, Server, BIN};

#[tokio::test]
async fn sqlite_bootstrap_prints_a_temporary_password_and_keeps_the_jwt_secret() {
    let dir = temp_dir();
    let bootstrap = [
        ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "Central High"),
        ("HALLPASS_BOOTSTRAP_ADMIN_EMAIL", "principal@central.test"),
    ];
    let first = serve(&dir, &bootstrap, &[]);
    assert_eq!(health(&first).await["database"], "sqlite");
    let printed = first
        .output
        .iter()
        .find_map(|l| l.split("temporary password: ").nth(1))
        .expect("a printed password");
    let password = printed
        .split_whitespace()
        .next()
        .expect("password")
        .to_owned();
    let (status, session) = login(&first, "principal@central.test", &password).await;
    assert_eq!(status, 200, "{session:#}");
    assert_eq!(session["user"]["must_change_password"], true);
    assert_eq!(session["user"]["school"]["name"], "Central High");
    assert!(dir.join("jwt-secret").is_file());
    drop(first);

    // A restart neither bootstraps again nor invalidates tokens: the secret was kept.
    let second = serve(&dir, &bootstrap, &[]);
    assert!(!second
        .output
        .iter()
        .any(|l| l.contains("temporary password")));
    let me = reqwest::Client::new()
        .get(format!("{}/me", second.base))
        .bearer_auth(session["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("answer");
    assert_eq!(me.status().as_u16(), 200);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn postgres_serves_with_a_configured_admin_password() {
    let database = TestDatabase::create(Backend::Postgres);
    let dir = temp_dir();
    let server = serve(
        &dir,
        &[
            ("HALLPASS_DATABASE_URL", &database.url),
            (
                "HALLPASS_JWT_SECRET",
                "a-configured-secret-of-at-least-32-bytes",
            ),
            ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "District Academy"),
            ("HALLPASS_BOOTSTRAP_ADMIN_EMAIL", "it@district.test"),
            ("HALLPASS_BOOTSTRAP_ADMIN_PASSWORD", "a real admin password"),
        ],
        &[],
    );
    assert_eq!(health(&server).await["database"], "postgres");
    let (status, session) = login(&server, "it@district.test", "a real admin password").await;
    assert_eq!(status, 200, "{session:#}");
    assert_eq!(session["user"]["must_change_password"], false);
    assert!(
        !dir.join("jwt-secret").exists(),
        "a configured secret is not replaced"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn create_school_adds_a_second_school() {
    let dir = temp_dir();
    let status = Command::new(BIN)
        .args([
            "create-school",
            "--name",
            "North Elementary",
            "--admin-email",
            "office@north.test",
        ])
        .args(["--admin-password", "north office password"])
        .env("HALLPASS_DATA_DIR", &dir)
        .status()
        .expect("run create-school");
    assert!(status.success());
    let server = serve(&dir, &[], &[]);
    let (status, session) = login(&server, "office@north.test", "north office password").await;
    assert_eq!(status, 200, "{session:#}");
    assert_eq!(session["user"]["school"]["name"], "North Elementary");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn demo_prints_sign_ins_that_work() {
    let dir = temp_dir();
    for (envs, args) in [
        (vec![], vec!["--demo"]),
        (vec![("HALLPASS_DEMO", "1")], vec![]),
    ] {
        let server = serve(&dir, &envs, &args);
        let printed = server.output.join("\n");
        assert!(printed.contains("Demo sign-ins"), "{printed}");
        for role in ["admin", "teacher", "assistant", "student", "parent"] {
            let email = server
                .output
                .iter()
                .find_map(|l| {
                    l.trim()
                        .strip_prefix(role)
                        .map(|rest| rest.trim().to_owned())
                })
                .unwrap_or_else(|| panic!("a {role} sign-in in {printed}"));
            let (status, session) = login(&server, &email, "hallpass-demo").await;
            assert_eq!(status, 200, "{role}: {session:#}");
            assert_eq!(session["user"]["role"], role);
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[path = "api/support/sse.rs"]
mod sse;

/// Two `hallpass serve` processes on one PostgreSQL database, as behind a load balancer: a
/// pass started through one reaches a live-hallway subscriber of the other within a second.
#[tokio::test]
async fn two_processes_on_one_postgres_share_the_live_hallway() {
    let database = TestDatabase::create(Backend::Postgres);
    let envs = [
        ("HALLPASS_DATABASE_URL", database.url.as_str()),
        (
            "HALLPASS_JWT_SECRET",
            "a-secret-both-instances-share-32-bytes",
        ),
        ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "District Academy"),
        ("HALLPASS_BOOTSTRAP_ADMIN_EMAIL", "it@district.test"),
        ("HALLPASS_BOOTSTRAP_ADMIN_PASSWORD", "a real admin password"),
    ];
    let (dir_a, dir_b) = (temp_dir(), temp_dir());
    let (a, b) = (serve(&dir_a, &envs, &[]), serve(&dir_b, &envs, &[]));
    let (_, session) = login(&a, "it@district.test", "a real admin password").await;
    let token = session["access_token"].as_str().expect("token").to_owned();
    let http = reqwest::Client::new();
    let post = |server: &Server, path: &str, body: Value| {
        http.post(format!("{}{path}", server.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let id = |answer: Value| answer["id"].as_str().expect("id").to_owned();
    let mut rooms = Vec::new();
    for name in ["Room 12", "Library"] {
        let body = json!({ "name": name, "travel_types": ["one_way"], "default_minutes": 5,
                           "max_minutes": 10, "teacher_ids": [] });
        rooms.push(id(post(&a, "/rooms", body)
            .await
            .expect("room")
            .json()
            .await
            .expect("json")));
    }
    let student = json!({ "role": "student", "first_name": "Sam", "last_name": "Rivera" });
    let student = id(post(&a, "/users", student)
        .await
        .expect("student")
        .json()
        .await
        .expect("json"));

    // Subscribe on B with a ticket issued by B.
    let ticket: Value = post(&b, "/hallway/ticket", Value::Null)
        .await
        .expect("ticket")
        .json()
        .await
        .expect("json");
    let stream = http
        .get(format!(
            "{}/hallway/events?ticket={}",
            b.base,
            ticket["ticket"].as_str().expect("ticket")
        ))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    let mut events = sse::SseReader::new(stream);

    let pass = json!({ "student_id": student, "origin_room_id": rooms[0],
                       "destination_room_id": rooms[1], "travel_type": "one_way",
                       "duration_minutes": 5 });
    let sent = std::time::Instant::now();
    let created = post(&a, "/passes", pass).await.expect("pass");
    assert_eq!(created.status(), 201);
    let pass_id = id(created.json().await.expect("json"));
    let frame = tokio::time::timeout(Duration::from_secs(1), events.next())
        .await
        .unwrap_or_else(|_| panic!("no event on the other process within 1 s"))
        .expect("the stream stays open");
    assert_eq!(frame.name, "pass.created");
    let received: Value = serde_json::from_str(&frame.data).expect("json");
    assert_eq!(received["id"], pass_id.as_str());
    println!(
        "a pass made through A reached B's subscriber in {:?}",
        sent.elapsed()
    );
    drop((a, b));
    let _ = std::fs::remove_dir_all(dir_a);
    let _ = std::fs::remove_dir_all(dir_b);
}
