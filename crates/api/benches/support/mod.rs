//! What every load benchmark needs: a fresh database, the release `hallpass` binary on it, and
//! timed client loops with percentiles.
// Each benchmark compiles this module on its own and uses only part of it.
#![allow(dead_code)]
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::{json, Value};

pub const PASSWORD: &str = "benchmark password";

pub struct Server {
    child: Child,
    pub base: String,
    pub http: reqwest::Client,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `HALLPASS_BENCH_DATABASE=postgres` for a fresh PostgreSQL database, else a SQLite file.
pub fn fresh_database() -> (String, std::path::PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("hallpass_bench_{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = match std::env::var("HALLPASS_BENCH_DATABASE").as_deref() {
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
    };
    (url, dir)
}

pub fn seconds_per_phase() -> Duration {
    Duration::from_secs(
        std::env::var("HALLPASS_BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(10),
    )
}

/// Starts the binary on `url` and waits until it answers.
pub async fn start(url: &str, dir: std::path::PathBuf) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_hallpass"))
        .arg("serve")
        .env("HALLPASS_DATABASE_URL", url)
        .env("HALLPASS_DATA_DIR", &dir)
        .env("HALLPASS_BIND", format!("127.0.0.1:{port}"))
        // Every request comes from one address here; the throttle is not what is measured.
        .env("HALLPASS_LOGIN_BURST_PER_IP", "1000000")
        .env("HALLPASS_LOGIN_BURST_PER_ACCOUNT", "1000000")
        // The fan-out benchmark opens its thousands of streams as one admin.
        .env("HALLPASS_STREAMS_PER_ACCOUNT", "100000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hallpass");
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let server = Server {
        child,
        base,
        http,
        dir,
    };
    for _ in 0..400 {
        let ready = server
            .http
            .get(format!("{}/health", server.base))
            .send()
            .await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("hallpass did not become ready");
}

impl Server {
    /// A line of the server's `/proc/<pid>/status` in KiB: `VmRSS` now, `VmHWM` the peak.
    pub fn memory_kib(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                status.lines().find_map(|line| {
                    let rest = line.strip_prefix(field)?.strip_prefix(':')?;
                    rest.trim().trim_end_matches("kB").trim().parse().ok()
                })
            })
            .unwrap_or(0)
    }

    pub async fn login(&self, email: &str) -> Value {
        let response = self
            .http
            .post(format!("{}/auth/login", self.base))
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
}

pub struct Stats {
    pub requests: usize,
    pub elapsed: Duration,
    pub latencies: Vec<Duration>,
}

impl Stats {
    pub fn percentile(&self, p: f64) -> f64 {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }

    pub fn print(&self, name: &str, clients: usize) {
        println!(
            "{name:<34} clients={clients:<3} requests={:<7} rps={:>8.0}  p50={:>7.2}ms  p95={:>7.2}ms  p99={:>7.2}ms",
            self.requests,
            self.requests as f64 / self.elapsed.as_secs_f64(),
            self.percentile(0.50),
            self.percentile(0.95),
            self.percentile(0.99),
        );
    }
}

/// One loop per state for `duration`; each step is one timed request.
pub async fn run<S, F, Fut>(duration: Duration, states: Vec<S>, step: F) -> Stats
where
    S: Send + 'static,
    F: Fn(S) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = S> + Send,
{
    let step = Arc::new(step);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for mut state in states {
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

pub fn backend(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    }
}

/// A school with an admin (`admin@<slug>.test`) and `students` students
/// (`student<n>@<slug>.test`), all with [`PASSWORD`]. Returns the school's id.
pub fn seed_school(db: &hallpass_api::db::Db, slug: &str, students: usize, hash: &str) -> String {
    use hallpass_api::schools::create::{create_school, NewSchool};
    use hallpass_api::users::queries::{insert, NewAccount};
    let admin_email = format!("admin@{slug}.test");
    let new = NewSchool {
        name: slug,
        time_zone: "America/Chicago",
        admin_email: &admin_email,
        admin_password: Some(PASSWORD),
    };
    let school_id = create_school(db, &new).expect("school").school.id;
    let id = school_id.clone();
    db.write_blocking(move |conn| {
        for n in 0..students {
            let email = format!("student{n}@{slug}.test");
            let account = NewAccount {
                school_id: Some(&id),
                role: hallpass_shared::user::Role::Student,
                first_name: "Student",
                last_name: &format!("{n:04}"),
                email: Some(&email),
                school_identifier: None,
                grade: Some("10"),
                password_hash: Some(hash.to_owned()),
                must_change_password: false,
            };
            insert(conn, account, chrono::Utc::now().naive_utc())?;
        }
        Ok(())
    })
    .expect("seed students");
    school_id
}

impl Server {
    /// The access token of `email`.
    pub async fn token(&self, email: &str) -> String {
        self.login(email).await["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// POSTs `body` as `token`; panics unless the answer is a success.
    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "POST {path}: {status} {answer}");
        answer
    }

    /// Two rooms with no code to end a pass, for load: answers (origin, destination).
    pub async fn two_rooms(&self, admin_token: &str) -> (String, String) {
        let mut ids = Vec::new();
        for name in ["Room 101", "Library"] {
            let body = json!({ "name": name, "travel_types": ["one_way"], "default_minutes": 5,
                               "max_minutes": 10, "teacher_ids": [] });
            let room = self.post(admin_token, "/rooms", &body).await;
            ids.push(room["id"].as_str().expect("room id").to_owned());
        }
        (ids[0].clone(), ids[1].clone())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// `per_student` ended passes for every student of the school, one a day going back from
/// yesterday: the history a school builds up over a year, which the queries of a new pass must
/// not walk.
pub fn seed_history(
    db: &hallpass_api::db::Db,
    school_id: &str,
    (origin, destination): &(String, String),
    per_student: usize,
) {
    use diesel::prelude::*;
    use hallpass_api::db::schema::{passes, users};
    let (school_id, origin, destination) =
        (school_id.to_owned(), origin.clone(), destination.clone());
    db.write_blocking(move |conn| {
        let students: Vec<String> = users::table
            .filter(users::school_id.eq(&school_id))
            .filter(users::role.eq("student"))
            .select(users::id)
            .load(conn)?;
        let today = chrono::Utc::now().naive_utc();
        for student in &students {
            for day in 1..=per_student {
                let start = today - chrono::Duration::days(day as i64);
                let end = start + chrono::Duration::minutes(4);
                diesel::insert_into(passes::table)
                    .values((
                        passes::id.eq(hallpass_api::ids::new_id()),
                        passes::school_id.eq(&school_id),
                        passes::student_id.eq(student),
                        passes::origin_room_id.eq(&origin),
                        passes::destination_room_id.eq(&destination),
                        passes::travel_type.eq("one_way"),
                        passes::duration_minutes.eq(5),
                        passes::state.eq("ended"),
                        passes::started_at.eq(Some(start)),
                        passes::expected_end_at.eq(Some(start + chrono::Duration::minutes(5))),
                        passes::ended_at.eq(Some(end)),
                        passes::ended_reason.eq(Some("student")),
                        passes::created_by.eq(Some(student)),
                        passes::created_at.eq(start),
                        passes::updated_at.eq(end),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
    .expect("seed history");
}

/// Past passes per student before a load phase (`HALLPASS_BENCH_HISTORY`, default 200: a
/// year of school days at about one a day).
pub fn history_per_student() -> usize {
    std::env::var("HALLPASS_BENCH_HISTORY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}
