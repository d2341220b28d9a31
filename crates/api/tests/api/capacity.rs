//! Room and hallway capacity, the line and its 30-second turn, on the test clock.
use std::time::Duration;

use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::passes::{go, hallway, id, Hallway};
use crate::support::client::Api;
use crate::support::TestApp;

on_both_backends!(
    a_full_room_refuses_or_puts_the_student_in_line,
    the_first_in_line_has_thirty_seconds_then_the_next_goes,
    the_sweep_moves_the_line_without_any_request,
    the_hallway_capacity_caps_the_whole_school,
    a_room_of_three_under_twenty_simultaneous_starts_has_three_out,
);

async fn full_restroom(app: &TestApp, capacity: i32) -> Hallway {
    hallway(
        app,
        json!({ "capacity": capacity, "end_requires_code": false }),
    )
    .await
}

async fn student(app: &TestApp) -> (String, Api) {
    let account = app.add(Role::Student, &app.school.id);
    (account.id.clone(), app.as_user(&account).await)
}

fn wait(h: &Hallway) -> Value {
    let mut body = go(h, "one_way");
    body["wait_if_full"] = json!(true);
    body
}

async fn pass(api: &Api, pass_id: &str) -> Value {
    api.get(&format!("/passes/{pass_id}"))
        .await
        .expect(200)
        .body
}

async fn a_full_room_refuses_or_puts_the_student_in_line(app: TestApp) {
    let h = full_restroom(&app, 1).await;
    let first = app.as_user(&h.student).await;
    let out = first.post("/passes", go(&h, "one_way")).await.expect(201);
    assert_eq!(out.body["state"], "active");

    let (_, second) = student(&app).await;
    let refused = second
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "capacity_reached");
    assert_eq!(refused.body["error"]["details"]["scope"], "room");
    let waiting = second.post("/passes", wait(&h)).await.expect(201).body;
    assert_eq!(waiting["state"], "waiting");
    assert_eq!(waiting["place_in_line"], 1);
    assert_eq!(waiting["turn_expires_at"], Value::Null);
    let (_, third) = student(&app).await;
    let behind = third.post("/passes", wait(&h)).await.expect(201).body;
    assert_eq!(behind["place_in_line"], 2);

    // One place in line at a time, and no start before the turn.
    second
        .post("/passes", wait(&h))
        .await
        .expect_error(422, "pass_already_active");
    let waiting_id = waiting["id"].as_str().expect("id");
    second
        .post(&format!("/passes/{waiting_id}/start"), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");

    // Leaving the line lets the next move up.
    second
        .post(&format!("/passes/{waiting_id}/cancel"), json!({}))
        .await
        .expect(200);
    let behind = pass(&third, behind["id"].as_str().expect("id")).await;
    assert_eq!(behind["place_in_line"], 1);
    // The room stays full for a newcomer: only the line may take the next place.
    assert_eq!(
        first
            .post(&format!("/passes/{}/end", id(&out)), json!({}))
            .await
            .expect(200)
            .body["state"],
        "ended"
    );
    let (_, newcomer) = student(&app).await;
    newcomer
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "capacity_reached");
}

async fn the_first_in_line_has_thirty_seconds_then_the_next_goes(app: TestApp) {
    let h = full_restroom(&app, 1).await;
    let first = app.as_user(&h.student).await;
    let out = id(&first.post("/passes", go(&h, "one_way")).await.expect(201));
    let (_, second) = student(&app).await;
    let second_pass = id(&second.post("/passes", wait(&h)).await.expect(201));
    let (_, third) = student(&app).await;
    let third_pass = id(&third.post("/passes", wait(&h)).await.expect(201));

    let teacher = app.as_user(&h.restroom_teacher).await;
    teacher
        .post(&format!("/passes/{out}/end"), json!({}))
        .await
        .expect(200);
    let turn = pass(&second, &second_pass).await;
    let until = chrono::DateTime::parse_from_rfc3339(
        turn["turn_expires_at"]
            .as_str()
            .expect("the first in line has a turn"),
    )
    .expect("time");
    let left = (until.with_timezone(&chrono::Utc) - app.clock.now_utc()).num_milliseconds();
    assert!((28_000..=30_000).contains(&left), "{left} ms left");
    assert_eq!(
        pass(&third, &third_pass).await["turn_expires_at"],
        Value::Null
    );
    third
        .post(&format!("/passes/{third_pass}/start"), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");

    // The turn lapses: the place goes to the next, who starts.
    app.clock.advance(chrono::Duration::seconds(31));
    let started = third
        .post(&format!("/passes/{third_pass}/start"), json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(started["state"], "active");
    assert_eq!(started["turn_expires_at"], Value::Null);
    let missed = pass(&second, &second_pass).await;
    assert_eq!(missed["state"], "canceled");
    assert_eq!(missed["ended_reason"], "turn_missed");
    second
        .post(&format!("/passes/{second_pass}/start"), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");
}

async fn the_sweep_moves_the_line_without_any_request(app: TestApp) {
    let h = full_restroom(&app, 1).await;
    let first = app.as_user(&h.student).await;
    let out = id(&first.post("/passes", go(&h, "one_way")).await.expect(201));
    let (_, second) = student(&app).await;
    let second_pass = id(&second.post("/passes", wait(&h)).await.expect(201));
    let (_, third) = student(&app).await;
    let third_pass = id(&third.post("/passes", wait(&h)).await.expect(201));

    // The first pass runs past its time and the school's 15-minute buffer: the sweep ends it
    // and gives the second a turn; nobody calls the API meanwhile.
    app.clock.advance(chrono::Duration::minutes(21));
    let turn = eventually(&second, &second_pass, |p| p["turn_expires_at"].is_string()).await;
    assert_eq!(pass(&first, &out).await["ended_reason"], "auto_expired");
    assert_eq!(turn["state"], "waiting");

    app.clock.advance(chrono::Duration::seconds(31));
    let next = eventually(&third, &third_pass, |p| p["turn_expires_at"].is_string()).await;
    assert_eq!(next["state"], "waiting");
    assert_eq!(
        pass(&second, &second_pass).await["ended_reason"],
        "turn_missed"
    );
}

/// The pass once `done` holds for it (the test server sweeps every 50 ms), or a failure.
async fn eventually(api: &Api, pass_id: &str, done: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..100 {
        let seen = pass(api, pass_id).await;
        if done(&seen) {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "pass {pass_id} never got there: {:#}",
        pass(api, pass_id).await
    );
}

async fn the_hallway_capacity_caps_the_whole_school(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    h.admin
        .patch("/school", json!({ "hallway_capacity": 1 }))
        .await
        .expect(200);
    let office = h.admin.add_room("Office", &[]).await;
    let first = app.as_user(&h.student).await;
    first.post("/passes", go(&h, "one_way")).await.expect(201);
    let (_, second) = student(&app).await;
    let to_office = json!({ "origin_room_id": h.classroom, "destination_room_id": office,
                            "travel_type": "one_way", "duration_minutes": 5 });
    let refused = second
        .post("/passes", to_office.clone())
        .await
        .expect_error(422, "capacity_reached");
    assert_eq!(refused.body["error"]["details"]["scope"], "hallway");
    // Staff sending a pass meet the same cap.
    let teacher = app.as_user(&h.classroom_teacher).await;
    let mut sent = to_office.clone();
    sent["student_id"] = json!(app.add(Role::Student, &app.school.id).id);
    teacher
        .post("/passes", sent)
        .await
        .expect_error(422, "capacity_reached");
    h.admin
        .patch("/school", json!({ "hallway_capacity": null }))
        .await
        .expect(200);
    second.post("/passes", to_office).await.expect(201);
}

async fn a_room_of_three_under_twenty_simultaneous_starts_has_three_out(app: TestApp) {
    let h = full_restroom(&app, 3).await;
    let mut students = Vec::new();
    for _ in 0..20 {
        students.push(student(&app).await.1);
    }
    let body = go(&h, "one_way");
    let replies =
        futures_util::future::join_all(students.iter().map(|s| s.post("/passes", body.clone())))
            .await;
    let created = replies.iter().filter(|r| r.status.as_u16() == 201).count();
    let outcomes: Vec<_> = replies
        .iter()
        .map(|r| (r.status.as_u16(), r.code().to_owned()))
        .collect();
    assert_eq!(created, 3, "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .all(|(status, code)| *status == 201 || code == "capacity_reached"),
        "{outcomes:?}"
    );
    let active = h
        .admin
        .get(&format!("/passes?state=active&room_id={}", h.restroom))
        .await
        .expect(200)
        .body;
    assert_eq!(active["items"].as_array().map(Vec::len), Some(3));
}
