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

fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .expect("VmRSS")
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
    seed_school(&db, "fanout", passes, &hash);
    drop(db);
    let server = start(&url, dir).await;
    println!("hallpass fan-out benchmark: {}", backend(&url));
    let admin = server.token("admin@fanout.test").await;
    let (origin, destination) = server.two_rooms(&admin).await;
    let mut students = Vec::new();
    for n in 0..passes {
        students.push(server.login(&format!("student{n}@fanout.test")).await["user"]["id"].clone());
    }

    let before = resident_kib(server.pid());
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(String, Instant)>();
    for _ in 0..SUBSCRIBERS {
        // One connection each, as 1,000 browsers would have.
        let http = reqwest::Client::new();
        let ticket = server.post(&admin, "/hallway/ticket", &Value::Null).await;
        let response = http
            .get(format!(
                "{}/hallway/events?ticket={}",
                server.base,
                ticket["ticket"].as_str().expect("ticket")
            ))
            .send()
            .await
            .expect("subscribe");
        assert!(response.status().is_success());
        let arrived = arrived.clone();
        tokio::spawn(async move {
            let mut reader = sse::SseReader::new(response);
            while let Some(frame) = reader.next().await {
                if frame.name == "pass.created" {
                    let pass: Value = serde_json::from_str(&frame.data).expect("json");
                    let id = pass["id"].as_str().unwrap_or_default().to_owned();
                    let _ = arrived.send((id, Instant::now()));
                }
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = resident_kib(server.pid());
    println!(
        "{SUBSCRIBERS} subscribers: server RSS {before} KiB -> {after} KiB, {:.1} KiB per subscriber",
        (after.saturating_sub(before)) as f64 / SUBSCRIBERS as f64
    );

    let mut to_all = Vec::new();
    let mut each = Vec::new();
    for student in students {
        let body = json!({ "student_id": student, "origin_room_id": origin, "destination_room_id": destination,
                           "travel_type": "one_way", "duration_minutes": 5 });
        let pass = server.post(&admin, "/passes", &body).await;
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
        let latencies: Vec<Duration> = seen
            .iter()
            .map(|at| at.saturating_duration_since(returned))
            .collect();
        to_all.push(*latencies.iter().max().expect("arrivals"));
        each.extend(latencies);
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
