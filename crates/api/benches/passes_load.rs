//! Passes under load: create then end, 32 students at once over 10 schools, each student with a
//! year of past passes; then `GET /hallway` with 500 students out.
//!
//! `cargo bench -p hallpass-api --bench passes_load`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_SECONDS` per phase (default 10); `HALLPASS_BENCH_HISTORY` past
//! passes per student (default 200).
mod support;

use std::sync::Arc;
use std::time::Instant;

use hallpass_api::auth::password;
use hallpass_api::db::Db;
use serde_json::json;
use support::{
    backend, fresh_database, history_per_student, run, seconds_per_phase, seed_history,
    seed_school, start, PASSWORD,
};

const SCHOOLS: usize = 10;
const CLIENTS: usize = 32;
const OUT_AT_ONCE: usize = 500;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let duration = seconds_per_phase();
    let (url, dir) = fresh_database();
    let hash = password::hash_blocking(PASSWORD).expect("hash");
    let db = Db::open(&url, 2).expect("open database");
    let school_ids: Vec<String> = (0..SCHOOLS)
        .map(|school| seed_school(&db, &format!("school{school}"), CLIENTS, &hash))
        .collect();
    seed_school(&db, "busy", OUT_AT_ONCE, &hash);
    let server = Arc::new(start(&url, dir).await);

    // Client n is student n of school n % 10.
    let mut clients = Vec::new();
    let mut rooms = Vec::new();
    for school in 0..SCHOOLS {
        let admin = server.token(&format!("admin@school{school}.test")).await;
        rooms.push(server.two_rooms(&admin).await);
    }
    let history = history_per_student();
    let seeded = Instant::now();
    for (school_id, rooms) in school_ids.iter().zip(&rooms) {
        seed_history(&db, school_id, rooms, history);
    }
    drop(db);
    println!(
        "hallpass passes benchmark: {}, {history} past passes per student ({} in all, seeded in {:.1}s)",
        backend(&url),
        history * CLIENTS * SCHOOLS,
        seeded.elapsed().as_secs_f64()
    );
    for n in 0..CLIENTS {
        let school = n % SCHOOLS;
        let token = server
            .token(&format!("student{n}@school{school}.test"))
            .await;
        let (origin, destination) = rooms[school].clone();
        let body = json!({ "origin_room_id": origin, "destination_room_id": destination,
                           "travel_type": "one_way", "duration_minutes": 5 });
        clients.push((server.clone(), token, body));
    }
    let stats = run(duration, clients, |(server, token, body)| async move {
        let pass = server.post(&token, "/passes", &body).await;
        let id = pass["id"].as_str().expect("pass id");
        let ended = server
            .post(&token, &format!("/passes/{id}/end"), &json!({}))
            .await;
        assert_eq!(ended["state"], "ended");
        (server, token, body)
    })
    .await;
    stats.print("POST /passes + POST /passes/{id}/end", CLIENTS);
    println!(
        "  = {:.0} passes made and ended per second ({} requests per second)",
        stats.requests as f64 / stats.elapsed.as_secs_f64(),
        2.0 * stats.requests as f64 / stats.elapsed.as_secs_f64()
    );

    let admin = server.token("admin@busy.test").await;
    let (origin, destination) = server.two_rooms(&admin).await;
    let seeded = Instant::now();
    for n in 0..OUT_AT_ONCE {
        let student = format!("student{n}@busy.test");
        let id = server.login(&student).await["user"]["id"].clone();
        let body = json!({ "student_id": id, "origin_room_id": origin, "destination_room_id": destination,
                           "travel_type": "one_way", "duration_minutes": 10 });
        server.post(&admin, "/passes", &body).await;
    }
    println!(
        "{OUT_AT_ONCE} students sent out in {:.1}s",
        seeded.elapsed().as_secs_f64()
    );
    let readers: Vec<_> = (0..16).map(|_| (server.clone(), admin.clone())).collect();
    let stats = run(duration, readers, |(server, admin)| async move {
        let response = server
            .http
            .get(format!("{}/hallway", server.base))
            .bearer_auth(&admin)
            .send()
            .await
            .expect("hallway");
        assert!(response.status().is_success(), "{}", response.status());
        // Counted, not parsed: the client's JSON work is not what is measured.
        let body = response.text().await.expect("body");
        assert_eq!(body.matches("\"overtime\":").count(), OUT_AT_ONCE);
        (server, admin)
    })
    .await;
    stats.print("GET /hallway (500 out)", 16);
}
