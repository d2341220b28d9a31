//! Restrictions a student cannot go around: the one that applies when a pass starts, and caps
//! on what one student may keep waiting (requests, passes for later, event tickets).
use std::time::Duration;

use serde_json::{json, Value};

use crate::on_both_backends;
use crate::passes::{go, hallway, id, Hallway};
use crate::support::TestApp;

on_both_backends!(
    a_pass_for_later_to_a_room_restricted_now_becomes_a_request_when_it_starts,
    a_student_keeps_only_a_few_requests_and_passes_for_later,
    a_student_holds_only_a_few_event_tickets,
);

fn in_minutes(app: &TestApp, h: &Hallway, minutes: i64) -> Value {
    let mut body = go(h, "one_way");
    body["start_at"] =
        json!((app.clock.now().and_utc() + chrono::Duration::minutes(minutes)).to_rfc3339());
    body
}

async fn a_pass_for_later_to_a_room_restricted_now_becomes_a_request_when_it_starts(app: TestApp) {
    let h = hallway(
        &app,
        json!({ "restricted_now": true, "restricted_future": false }),
    )
    .await;
    let student = app.as_user(&h.student).await;
    let mut teachers_view = app.as_user(&h.restroom_teacher).await.subscribe().await;
    // "For later", two minutes ahead: allowed, since passes for later need no approval here…
    let later = student
        .post("/passes", in_minutes(&app, &h, 2))
        .await
        .expect(201);
    assert_eq!(later.body["state"], "scheduled");
    app.clock.advance(chrono::Duration::minutes(3));
    // …but when it starts, it is a pass for now, and those need the teacher.
    let started = student
        .post(&format!("/passes/{}/start", id(&later)), json!({}))
        .await
        .expect(200);
    assert_eq!(started.body["state"], "pending");
    let request = teachers_view
        .find("request.created", Duration::from_secs(5))
        .await
        .expect("the room's teacher hears of the request");
    assert_eq!(request["id"], id(&later).as_str());
    assert_eq!(h.admin.get("/hallway").await.expect(200).body, json!([]));
    let approved = app
        .as_user(&h.restroom_teacher)
        .await
        .post(&format!("/passes/{}/approve", id(&later)), json!({}))
        .await
        .expect(200);
    assert_eq!(approved.body["state"], "active");
    h.admin
        .post(&format!("/passes/{}/end", id(&later)), json!({}))
        .await
        .expect(200);

    // A pass for later that staff sent, or that a teacher approved, starts as it is.
    let mut sent = in_minutes(&app, &h, 2);
    sent["student_id"] = json!(h.student.id);
    let sent = app
        .as_user(&h.classroom_teacher)
        .await
        .post("/passes", sent)
        .await
        .expect(201);
    app.clock.advance(chrono::Duration::minutes(3));
    let started = student
        .post(&format!("/passes/{}/start", id(&sent)), json!({}))
        .await
        .expect(200);
    assert_eq!(started.body["state"], "active");
}

async fn a_student_keeps_only_a_few_requests_and_passes_for_later(app: TestApp) {
    let h = hallway(&app, json!({ "restricted_now": true })).await;
    let student = app.as_user(&h.student).await;
    for _ in 0..3 {
        let request = student.post("/passes", go(&h, "one_way")).await.expect(201);
        assert_eq!(request.body["state"], "pending");
    }
    let refused = student
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "pass_quota_reached");
    assert_eq!(refused.body["error"]["details"]["state"], "pending");
    assert_eq!(refused.body["error"]["details"]["limit"], 3);

    for minutes in 10..15 {
        let later = student
            .post("/passes", in_minutes(&app, &h, minutes))
            .await
            .expect(201);
        assert_eq!(later.body["state"], "scheduled");
    }
    student
        .post("/passes", in_minutes(&app, &h, 30))
        .await
        .expect_error(422, "pass_quota_reached");
    // Canceling one frees a place; staff are not capped.
    let mine = student
        .get("/passes?state=scheduled")
        .await
        .expect(200)
        .body;
    let first = mine["items"][0]["id"].as_str().expect("id");
    student
        .post(&format!("/passes/{first}/cancel"), json!({}))
        .await
        .expect(200);
    student
        .post("/passes", in_minutes(&app, &h, 30))
        .await
        .expect(201);
    let mut sent = in_minutes(&app, &h, 40);
    sent["student_id"] = json!(h.student.id);
    app.as_user(&h.classroom_teacher)
        .await
        .post("/passes", sent)
        .await
        .expect(201);
}

async fn a_student_holds_only_a_few_event_tickets(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    for _ in 0..10 {
        student
            .post("/hallway/ticket", Value::Null)
            .await
            .expect(200);
    }
    let limited = student
        .post("/hallway/ticket", Value::Null)
        .await
        .expect_error(429, "rate_limited");
    assert!(limited.headers.contains_key("retry-after"));
    // Another account is not affected, and the tickets free up as they expire.
    h.admin
        .post("/hallway/ticket", Value::Null)
        .await
        .expect(200);
    app.clock.advance(chrono::Duration::seconds(31));
    student
        .post("/hallway/ticket", Value::Null)
        .await
        .expect(200);
}
