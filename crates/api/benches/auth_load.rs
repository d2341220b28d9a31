//! Load benchmark for sign-in, refresh and `GET /me` against the real `hallpass` binary.
//!
//! `cargo bench -p hallpass-api --bench auth_load` (SQLite), or with
//! `HALLPASS_BENCH_DATABASE=postgres` (a fresh database on the local PostgreSQL).
//! `HALLPASS_BENCH_SECONDS` sets how long each throughput phase runs (default 10).
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::{Connection, PgConnection, RunQueryDsl};
use hallpass_api::auth::password;
use hallpass_api::db::Db;
use hallpass_api::schools::create::{create_school, NewSchool};
use hallpass_api::users::queries::{insert, NewAccount};
use hallpass_shared::user::Role;
use serde_json::{json, Value};

const PASSWORD: &str = "benchmark password";
const ACCOUNTS: usize = 64;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Stats {
    requests: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Stats {
    fn percentile(&self, p: f64) -> f64 {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }

    fn print(&self, name: &str, clients: usize) {
        println!(
            "{name:<28} clients={clients:<3} requests={:<7} rps={:>8.0}  p50={:>7.2}ms  p95={:>7.2}ms  p99={:>7.2}ms",
            self.requests,
            self.requests as f64 / self.elapsed.as_secs_f64(),
            self.percentile(0.50),
            self.percentile(0.95),
            self.percentile(0.99),
        );
    }
}

fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("HALLPASS_BENCH_DATABASE").as_deref() {
        Ok("postgres") => {
            let server = std::env::var("HALLPASS_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
            let name = format!("hallpass_bench_{}", uuid::Uuid::now_v7().simple());
            let mut admin =
                PgConnection::establish(&format!("{server}/postgres")).expect("PostgreSQL");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .expect("create database");
            format!("{server}/{name}")
        }
        _ => dir.join("hallpass.sqlite3").display().to_string(),
    }
}

/// Seeds one school with `ACCOUNTS` teachers sharing one password; returns their emails.
fn seed(url: &str) -> Vec<String> {
    let db = Db::open(url, 2).expect("open database");
    let school = create_school(
        &db,
        &NewSchool {
            name: "Bench High",
            time_zone: "UTC",
            admin_email: "admin@bench.test",
            admin_password: Some(PASSWORD),
        },
    )
    .expect("school");
    let hash = password::hash_blocking(PASSWORD).expect("hash");
    let emails: Vec<String> = (0..ACCOUNTS)
        .map(|n| format!("teacher{n}@bench.test"))
        .collect();
    db.run_blocking(|conn| {
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

fn start(url: &str, dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_hallpass"))
        .arg("serve")
        .env("HALLPASS_DATABASE_URL", url)
        .env("HALLPASS_DATA_DIR", dir)
        .env("HALLPASS_BIND", format!("127.0.0.1:{port}"))
        // One client address sends every sign-in here; the throttle is not what is measured.
        .env("HALLPASS_LOGIN_BURST_PER_IP", "1000000")
        .env("HALLPASS_LOGIN_BURST_PER_ACCOUNT", "1000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hallpass");
    Server(child)
}

async fn wait_ready(http: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if http
            .get(format!("{base}/health"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("hallpass did not become ready");
}

async fn login(http: &reqwest::Client, base: &str, email: &str) -> Value {
    let response = http
        .post(format!("{base}/auth/login"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .expect("login");
    assert!(
        response.status().is_success(),
        "login failed: {}",
        response.status()
    );
    response.json().await.expect("session")
}

/// Runs `clients` loops for `duration`; each loop step is one timed request.
async fn run<S, F, Fut>(clients: usize, duration: Duration, states: Vec<S>, step: F) -> Stats
where
    S: Send + 'static,
    F: Fn(S) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = S> + Send,
{
    let step = Arc::new(step);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for mut state in states.into_iter().take(clients) {
        let step = step.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < duration {
                let at = Instant::now();
                state = step(state).await;
                latencies.push(at.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("client"));
    }
    let elapsed = started.elapsed();
    latencies.sort();
    Stats {
        requests: latencies.len(),
        elapsed,
        latencies,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let seconds: u64 = std::env::var("HALLPASS_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let duration = Duration::from_secs(seconds);
    let dir =
        std::env::temp_dir().join(format!("hallpass_bench_{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = database_url(&dir);
    let backend = if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    let emails = seed(&url);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let _server = start(&url, &dir, port);
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    wait_ready(&http, &base).await;

    println!(
        "hallpass auth benchmark: {backend}, {} cores, {seconds}s per phase",
        std::thread::available_parallelism().map_or(0, |n| n.get())
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

    let sign_ins: Vec<(reqwest::Client, String, String)> = emails
        .iter()
        .map(|e| (http.clone(), base.clone(), e.clone()))
        .collect();
    let stats = run(4, duration, sign_ins, |(http, base, email)| async move {
        login(&http, &base, &email).await;
        (http, base, email)
    })
    .await;
    stats.print("POST /auth/login", 4);

    let mut sessions = Vec::new();
    for email in emails.iter().take(32) {
        let session = login(&http, &base, email).await;
        sessions.push((
            http.clone(),
            base.clone(),
            session["refresh_token"].as_str().expect("token").to_owned(),
        ));
    }
    let stats = run(32, duration, sessions, |(http, base, token)| async move {
        let response = http
            .post(format!("{base}/auth/refresh"))
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
        (http, base, next)
    })
    .await;
    stats.print("POST /auth/refresh", 32);

    let mut readers = Vec::new();
    for email in emails.iter().take(32) {
        let session = login(&http, &base, email).await;
        readers.push((
            http.clone(),
            base.clone(),
            session["access_token"].as_str().expect("token").to_owned(),
        ));
    }
    let stats = run(32, duration, readers, |(http, base, token)| async move {
        let response = http
            .get(format!("{base}/me"))
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
        (http, base, token)
    })
    .await;
    stats.print("GET /me", 32);
    let _ = std::fs::remove_dir_all(&dir);
}
