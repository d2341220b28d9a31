//! Sign-in, refresh and `GET /me` under load, against the real `hallpass` binary.
//!
//! `cargo bench -p hallpass-api --bench auth_load`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_SECONDS` per phase (default 10).
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

const ACCOUNTS: usize = 64;

/// One school with `ACCOUNTS` teachers sharing one password; returns their emails.
fn seed(url: &str) -> Vec<String> {
    let db = Db::open(url, 2).expect("open database");
    let new = NewSchool {
        name: "Bench High",
        time_zone: "UTC",
        admin_email: "admin@bench.test",
        admin_password: Some(PASSWORD),
    };
    let school = create_school(&db, &new).expect("school");
    let hash = password::hash_blocking(PASSWORD).expect("hash");
    let emails: Vec<String> = (0..ACCOUNTS)
        .map(|n| format!("teacher{n}@bench.test"))
        .collect();
    db.write_blocking(|conn| {
        for email in &emails {
            let account = NewAccount {
                school_id: Some(&school.school.id),
                role: Role::Teacher,
                first_name: "Bench",
                last_name: "Teacher",
                email: Some(email),
                school_identifier: None,
                grade: None,
                password_hash: Some(hash.clone()),
                must_change_password: false,
            };
            insert(conn, account, Utc::now().naive_utc())?;
        }
        Ok(())
    })
    .expect("seed accounts");
    emails
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let duration = seconds_per_phase();
    let (url, dir) = fresh_database();
    let emails = seed(&url);
    let server = start(&url, dir).await;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "hallpass auth benchmark: {}, {cores} cores, {}s per phase",
        backend(&url),
        duration.as_secs()
    );

    let hash = password::hash_blocking(PASSWORD).expect("hash");
    let one = Instant::now();
    for _ in 0..5 {
        assert!(password::verify_blocking(Some(&hash), PASSWORD));
    }
    println!(
        "argon2id verify (19 MiB, t=2, p=1), one core: {:.1}ms",
        one.elapsed().as_secs_f64() * 1000.0 / 5.0
    );

    let server = std::sync::Arc::new(server);
    let sign_ins: Vec<_> = emails
        .iter()
        .take(4)
        .map(|e| (server.clone(), e.clone()))
        .collect();
    let stats = run(duration, sign_ins, |(server, email)| async move {
        server.login(&email).await;
        (server, email)
    })
    .await;
    stats.print("POST /auth/login", 4);

    let mut sessions = Vec::new();
    for email in emails.iter().take(32) {
        let token = server.login(email).await["refresh_token"]
            .as_str()
            .expect("token")
            .to_owned();
        sessions.push((server.clone(), token));
    }
    let stats = run(duration, sessions, |(server, token)| async move {
        let response = server
            .http
            .post(format!("{}/auth/refresh", server.base))
            .json(&json!({ "refresh_token": token }))
            .send()
            .await
            .expect("refresh");
        assert!(
            response.status().is_success(),
            "refresh failed: {}",
            response.status()
        );
        let session: Value = response.json().await.expect("session");
        let next = session["refresh_token"].as_str().expect("token").to_owned();
        (server, next)
    })
    .await;
    stats.print("POST /auth/refresh", 32);

    let mut readers = Vec::new();
    for email in emails.iter().take(32) {
        let token = server.login(email).await["access_token"]
            .as_str()
            .expect("token")
            .to_owned();
        readers.push((server.clone(), token));
    }
    let stats = run(duration, readers, |(server, token)| async move {
        let response = server
            .http
            .get(format!("{}/me", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .expect("me");
        assert!(
            response.status().is_success(),
            "GET /me failed: {}",
            response.status()
        );
        let _ = response.bytes().await;
        (server, token)
    })
    .await;
    stats.print("GET /me", 32);
}
