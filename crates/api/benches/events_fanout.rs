//! Live hallway fan-out: 1,000 subscribers on one instance. Measures, per pass, the time from
//! `POST /passes` returning to the `pass.created` event reaching every subscriber, and the
//! server's memory per subscriber.
//!
//! `cargo bench -p hallpass-api --bench events_fanout`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_PASSES` (default 200).
mod support;

#[path = "../tests/api/support/sse.rs"]
mod sse;

use std::time::{Duration, Instant};

use hallpass_api::auth::password;
use hallpass_api::db::Db;
use serde_json::{json, Value};
use support::{backend, fresh_database, seed_school, start, PASSWORD};
use tokio::sync::mpsc;

const SUBSCRIBERS: usize = 1_000;
const WARM_UP: usize = 5;

fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Sends one pass; answers, for each subscriber, the time from the answer to the event.
async fn time_one(
    server: &support::Server,
    admin: &str,
    body: &Value,
    arrivals: &mut mpsc::UnboundedReceiver<(String, Instant)>,
) -> Vec<Duration> {
    let pass = server.post(admin, "/passes", body).await;
    let returned = Instant::now();
    let id = pass["id"].as_str().expect("id").to_owned();
    let mut seen = Vec::with_capacity(SUBSCRIBERS);
    while seen.len() < SUBSCRIBERS {
        let (got, at) = tokio::time::timeout(Duration::from_secs(10), arrivals.recv())
            .await
            .expect("every subscriber within 10 s")
            .expect("arrival");
        if got == id {
            seen.push(at);
        }
    }
    // An event can be read before the POST's answer is: that counts as no wait at all.
    seen.iter()
        .map(|at| at.saturating_duration_since(returned))
        .collect()
}

/// Opens `count` streams, one connection each as browsers would; answers their reader tasks.
async fn subscribe(
    server: &support::Server,
    admin: &str,
    count: usize,
    arrived: &mpsc::UnboundedSender<(String, Instant)>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut readers = Vec::with_capacity(count);
    for _ in 0..count {
        let http = reqwest::Client::new();
        let ticket = server.post(admin, "/hallway/ticket", &Value::Null).await;
        let ticket = ticket["ticket"].as_str().expect("ticket");
        let response = http
            .get(format!("{}/hallway/events?ticket={ticket}", server.base))
            .send()
            .await
            .expect("subscribe");
        assert!(response.status().is_success());
        let arrived = arrived.clone();
        readers.push(tokio::spawn(async move {
            let mut reader = sse::SseReader::new(response);
            while let Some(frame) = reader.next().await {
                if frame.name == "pass.created" {
                    let pass: Value = serde_json::from_str(&frame.data).expect("json");
                    let id = pass["id"].as_str().unwrap_or_default().to_owned();
                    let _ = arrived.send((id, Instant::now()));
                }
            }
        }));
    }
    readers
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let passes: usize = std::env::var("HALLPASS_BENCH_PASSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let (url, dir) = fresh_database();
    let hash = password::hash_blocking(PASSWORD).expect("hash");
    let db = Db::open(&url, 2).expect("open database");
    seed_school(&db, "fanout", passes + WARM_UP, &hash);
    drop(db);
    let server = start(&url, dir).await;
    println!("hallpass fan-out benchmark: {}", backend(&url));
    let admin = server.token("admin@fanout.test").await;
    let (origin, destination) = server.two_rooms(&admin).await;
    let mut students = Vec::new();
    for n in 0..passes + WARM_UP {
        students.push(server.login(&format!("student{n}@fanout.test")).await["user"]["id"].clone());
    }

    // Memory per subscriber: the growth from 1,000 to 2,000 subscribers, so that what the
    // server allocated before (sign-ins' argon2 buffers, caches) does not count.
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(String, Instant)>();
    subscribe(&server, &admin, SUBSCRIBERS, &arrived).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let with_1000 = resident_kib(server.pid());
    let extra = subscribe(&server, &admin, SUBSCRIBERS, &arrived).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let with_2000 = resident_kib(server.pid());
    println!(
        "server RSS with {SUBSCRIBERS} subscribers {with_1000} KiB, with {} {with_2000} KiB: {:.1} KiB per subscriber",
        2 * SUBSCRIBERS,
        with_2000.saturating_sub(with_1000) as f64 / SUBSCRIBERS as f64
    );
    for task in extra {
        task.abort();
    }
    let mut to_all = Vec::new();
    let mut each = Vec::new();
    for (n, student) in students.iter().enumerate() {
        let body = json!({ "student_id": student, "origin_room_id": origin, "destination_room_id": destination,
                           "travel_type": "one_way", "duration_minutes": 5 });
        let latencies = time_one(&server, &admin, &body, &mut arrivals).await;
        // The first events also reach (and close) the dropped streams: not timed.
        if n >= WARM_UP {
            to_all.push(*latencies.iter().max().expect("arrivals"));
            each.extend(latencies);
        }
    }

    let percentile = |values: &mut Vec<Duration>, p: f64| {
        values.sort();
        values[((values.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
    };
    println!(
        "POST /passes returned -> pass.created at all {SUBSCRIBERS}: p50={:.1}ms p95={:.1}ms p99={:.1}ms (over {} passes)",
        percentile(&mut to_all, 0.50),
        percentile(&mut to_all, 0.95),
        percentile(&mut to_all, 0.99),
        to_all.len()
    );
    println!(
        "  per delivery: p50={:.1}ms p99={:.1}ms",
        percentile(&mut each, 0.50),
        percentile(&mut each, 0.99)
    );
}
