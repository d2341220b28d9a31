//! A parent sees their student's ended passes, and nothing else about passes.
use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::on_both_backends;
use crate::passes::{go, hallway, id};
use crate::support::TestApp;

on_both_backends!(a_parent_sees_only_ended_passes);

fn later() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339()
}

async fn a_parent_sees_only_ended_passes(app: TestApp) {
    let h = hallway(&app, json!({ "restricted_now": true })).await;
    let library = h.admin.add_room("Library", &[]).await;
    let office = h.admin.add_room("Office", &[]).await;
    h.admin
        .send(
            reqwest::Method::PATCH,
            &format!("/rooms/{office}"),
            Some(&json!({ "restricted_future": true })),
        )
        .await
        .expect(200);
    let student = app.as_user(&h.student).await;
    let restroom_teacher = app.as_user(&h.restroom_teacher).await;
    let to = |room: &str| {
        json!({ "origin_room_id": h.classroom, "destination_room_id": room,
                "travel_type": "one_way", "duration_minutes": 5 })
    };
    let mut states = BTreeSet::new();
    let mut ended = Vec::new();
    for _ in 0..2 {
        let pass = student.post("/passes", to(&library)).await.expect(201);
        let done = h
            .admin
            .post(&format!("/passes/{}/end", id(&pass)), json!({}))
            .await
            .expect(200);
        ended.push(id(&done));
    }
    let denied = student.post("/passes", go(&h, "one_way")).await.expect(201);
    restroom_teacher
        .post(&format!("/passes/{}/deny", id(&denied)), json!({}))
        .await
        .expect(200);
    let canceled = student.post("/passes", go(&h, "one_way")).await.expect(201);
    student
        .post(&format!("/passes/{}/cancel", id(&canceled)), json!({}))
        .await
        .expect(200);
    let mut scheduled = to(&library);
    scheduled["start_at"] = json!(later());
    let mut pending = to(&office);
    pending["start_at"] = json!(later());
    for body in [scheduled, pending, to(&library)] {
        student.post("/passes", body).await.expect(201);
    }
    for pass in h.admin.get("/passes").await.expect(200).body["items"]
        .as_array()
        .expect("items")
    {
        states.insert(pass["state"].as_str().expect("state").to_owned());
    }
    let every_state: BTreeSet<String> = [
        "active",
        "canceled",
        "denied",
        "ended",
        "pending",
        "scheduled",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(states, every_state, "the student has a pass in every state");

    let parent_account = app.add_parent();
    let parent = app.as_user(&parent_account).await;
    let path = format!("/parent/students/{}/passes", h.student.id);
    parent.get(&path).await.expect_error(404, "not_found");
    parent
        .post(
            "/parent/students",
            json!({ "invite_code": app.invite_code(&h.student.id) }),
        )
        .await
        .expect(201);
    let page = parent.get(&path).await.expect(200).body;
    let items = page["items"].as_array().expect("items");
    let got: Vec<&str> = items
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    let newest_first: Vec<&str> = ended.iter().rev().map(String::as_str).collect();
    assert_eq!(got, newest_first);
    let keys: BTreeSet<&str> = items[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let allowed: BTreeSet<&str> = [
        "id",
        "origin_room",
        "destination_room",
        "travel_type",
        "duration_minutes",
        "started_at",
        "ended_at",
    ]
    .into();
    assert_eq!(keys, allowed, "nothing about staff, limits or messages");
    assert_eq!(items[0]["destination_room"], "Library");
    assert_eq!(page["next_cursor"], Value::Null);

    // Pages of one.
    let first = parent
        .get(&format!("{path}?limit=1"))
        .await
        .expect(200)
        .body;
    assert_eq!(first["items"][0]["id"], got[0]);
    let cursor = first["next_cursor"].as_str().expect("a next page");
    let second = parent
        .get(&format!("{path}?limit=1&cursor={cursor}"))
        .await
        .expect(200)
        .body;
    assert_eq!(second["items"][0]["id"], got[1]);
    assert_eq!(second["next_cursor"], Value::Null);
    parent
        .get(&format!("{path}?cursor=nonsense"))
        .await
        .expect_error(400, "validation_failed");
}
