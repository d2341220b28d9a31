//! Accounts at scale: 10,000 accounts in one school.
//!
//! `cargo bench -p hallpass-api --bench accounts_load`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_SECONDS` for the search phase (default 10).
mod support;

use std::time::Instant;

use chrono::Utc;
use hallpass_api::auth::password;
use hallpass_api::db::Db;
use hallpass_api::schools::create::{create_school, NewSchool};
use hallpass_api::users::queries::{insert, NewAccount};
use hallpass_shared::user::Role;
use serde_json::{json, Value};
use support::{backend, fresh_database, run, seconds_per_phase, start, PASSWORD};

const ACCOUNTS: usize = 10_000;
const FIRST: &[&str] = &[
    "Ann", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kofi",
    "Lena",
];
const LAST: &[&str] = &[
    "Anderson", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Huang", "Ivanova", "Jones",
];
/// Three-letter searches a teacher might type, common and rare.
const SEARCHES: &[&str] = &[
    "ann", "ben", "che", "dia", "eva", "gar", "hua", "jon", "son", "ina", "4242", "zzz",
];

/// One school: an admin and `ACCOUNTS` students (teachers are a few of them). Returns their ids.
fn seed(url: &str) -> Vec<String> {
    let db = Db::open(url, 2).expect("open database");
    let new = NewSchool {
        name: "Bench High",
        time_zone: "UTC",
        admin_email: "admin@bench.test",
        admin_password: Some(PASSWORD),
    };
    let school = create_school(&db, &new).expect("school");
    db.write_blocking(|conn| {
        let mut ids = Vec::with_capacity(ACCOUNTS);
        for n in 0..ACCOUNTS {
            let email = format!("student{n}@bench.test");
            let identifier = format!("{}", 100_000 + n);
            let grade = (9 + n % 4).to_string();
            let account = NewAccount {
                school_id: Some(&school.school.id),
                role: Role::Student,
                first_name: FIRST[n % FIRST.len()],
                last_name: LAST[(n / FIRST.len()) % LAST.len()],
                email: Some(&email),
                school_identifier: Some(&identifier),
                grade: Some(&grade),
                password_hash: None,
                must_change_password: false,
            };
            ids.push(insert(conn, account, Utc::now().naive_utc())?.id);
        }
        Ok(ids)
    })
    .expect("seed accounts")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let duration = seconds_per_phase();
    let (url, dir) = fresh_database();
    let seeded = Instant::now();
    let ids = seed(&url);
    println!(
        "hallpass accounts benchmark: {}, {ACCOUNTS} accounts seeded in {:.1}s",
        backend(&url),
        seeded.elapsed().as_secs_f64()
    );
    let server = std::sync::Arc::new(start(&url, dir).await);
    let token = server.login("admin@bench.test").await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();

    let clients: Vec<_> = (0..16)
        .map(|n| (server.clone(), token.clone(), n))
        .collect();
    let stats = run(duration, clients, |(server, token, n)| async move {
        let q = SEARCHES[n % SEARCHES.len()];
        let response = server
            .http
            .get(format!("{}/users?role=student&q={q}", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .expect("list");
        assert!(
            response.status().is_success(),
            "GET /users failed: {}",
            response.status()
        );
        let _ = response.bytes().await;
        (server, token, n + 1)
    })
    .await;
    stats.print("GET /users?role=student&q=<3 chars>", 16);

    let bulk = |status: &'static str| {
        let (server, token, ids) = (server.clone(), token.clone(), ids[..5_000].to_vec());
        async move {
            let started = Instant::now();
            let response = server
                .http
                .post(format!("{}/users/bulk", server.base))
                .bearer_auth(&token)
                .json(&json!({ "user_ids": ids, "status": status }))
                .send()
                .await
                .expect("bulk");
            let body: Value = response.json().await.expect("json");
            assert_eq!(body["count"], 5_000, "{body}");
            started.elapsed()
        }
    };
    for status in ["disabled", "active", "suspended", "active"] {
        println!(
            "POST /users/bulk status={status:<9} 5,000 accounts: {:>7.0}ms",
            bulk(status).await.as_secs_f64() * 1000.0
        );
    }

    let hash = Instant::now();
    password::hash_blocking(PASSWORD).expect("hash");
    let one = hash.elapsed();
    let started = Instant::now();
    let response = server
        .http
        .post(format!("{}/users/password-sheets", server.base))
        .bearer_auth(&token)
        .json(&json!({ "user_ids": ids[..500], "layout": "paper_saver" }))
        .send()
        .await
        .expect("sheet");
    assert!(
        response.status().is_success(),
        "sheet failed: {}",
        response.status()
    );
    let html = response.text().await.expect("html");
    assert_eq!(html.matches("<section class=\"card\">").count(), 500);
    println!(
        "POST /users/password-sheets 500 students: {:.2}s (one argon2id hash: {:.1}ms; 500 on one core would be {:.1}s)",
        started.elapsed().as_secs_f64(),
        one.as_secs_f64() * 1000.0,
        one.as_secs_f64() * 500.0
    );
}
