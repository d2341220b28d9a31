use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::{Api, Reply};
use crate::support::{Account, TestApp};

on_both_backends!(
    a_student_goes_and_ends_with_the_code_or_a_pin,
    requests_to_restricted_rooms_are_decided_by_the_rooms_teachers,
    passes_for_later_and_passes_sent_by_staff,
    emergency_mode_ends_and_refuses_passes,
    bad_passes_are_refused_with_the_field_named,
    simultaneous_passes_leave_one_active,
);

/// A school with a classroom (origin) and a restroom that needs the code to end a pass.
pub struct Hallway {
    pub classroom: String,
    pub restroom: String,
    pub classroom_teacher: Account,
    pub restroom_teacher: Account,
    pub student: Account,
    pub admin: Api,
}

pub async fn hallway(app: &TestApp, restroom: Value) -> Hallway {
    let admin = app.as_user(&app.school.admin).await;
    let classroom_teacher = app.add(Role::Teacher, &app.school.id);
    let restroom_teacher = app.add(Role::Teacher, &app.school.id);
    let classroom = admin
        .post("/rooms", json!({ "name": "Room 101", "travel_types": ["one_way", "round_trip"], "default_minutes": 5,
                                "max_minutes": 20, "teacher_ids": [classroom_teacher.id] }))
        .await
        .expect(201)
        .body;
    let mut body = json!({ "name": "Restroom", "travel_types": ["one_way", "round_trip"], "default_minutes": 5,
                           "max_minutes": 10, "end_requires_code": true, "teacher_ids": [restroom_teacher.id] });
    for (key, value) in restroom.as_object().expect("object") {
        body[key] = value.clone();
    }
    let restroom = admin.post("/rooms", body).await.expect(201).body;
    Hallway {
        classroom: classroom["id"].as_str().expect("id").to_owned(),
        restroom: restroom["id"].as_str().expect("id").to_owned(),
        classroom_teacher,
        restroom_teacher,
        student: app.add(Role::Student, &app.school.id),
        admin,
    }
}

pub fn go(hallway: &Hallway, travel: &str) -> Value {
    json!({ "origin_room_id": hallway.classroom, "destination_room_id": hallway.restroom, "travel_type": travel, "duration_minutes": 5 })
}

/// The room's current code, as its teacher sees it.
pub async fn room_code(app: &TestApp, teacher: &Account, room: &str) -> String {
    app.as_user(teacher)
        .await
        .get(&format!("/rooms/{room}/code"))
        .await
        .expect(200)
        .body["code"]
        .as_str()
        .expect("code")
        .to_owned()
}

pub fn id(reply: &Reply) -> String {
    reply.body["id"].as_str().expect("id").to_owned()
}

async fn a_student_goes_and_ends_with_the_code_or_a_pin(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    let pass = student.post("/passes", go(&h, "one_way")).await.expect(201);
    assert_eq!(pass.body["state"], "active");
    assert_eq!(pass.body["student"]["id"], h.student.id.as_str());
    assert_eq!(pass.body["destination_room"]["name"], "Restroom");
    let started =
        chrono::DateTime::parse_from_rfc3339(pass.body["started_at"].as_str().expect("started"))
            .expect("time");
    let expected =
        chrono::DateTime::parse_from_rfc3339(pass.body["expected_end_at"].as_str().expect("end"))
            .expect("time");
    assert_eq!((expected - started).num_minutes(), 5);
    let end = format!("/passes/{}/end", id(&pass));

    student
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "pass_already_active");
    student
        .post(&end, json!({}))
        .await
        .expect_error(422, "invalid_room_code");
    student
        .post(&end, json!({ "room_code": "000000", "pin": "9999" }))
        .await
        .expect_error(422, "invalid_room_code");
    let teacher = app.as_user(&h.restroom_teacher).await;
    teacher
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": "4821" })))
        .await
        .expect(204);
    // Another teacher's PIN does not end a pass in this room.
    app.as_user(&h.classroom_teacher)
        .await
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": "5937" })))
        .await
        .expect(204);
    student
        .post(&end, json!({ "pin": "5937" }))
        .await
        .expect_error(422, "invalid_room_code");
    let ended = student
        .post(&end, json!({ "pin": "4821" }))
        .await
        .expect(200)
        .body;
    assert_eq!(ended["state"], "ended");
    assert_eq!(ended["ended_reason"], "student");
    student
        .post(&end, json!({ "pin": "4821" }))
        .await
        .expect_error(409, "invalid_pass_state");

    // With the room code the teacher shows.
    let pass = student.post("/passes", go(&h, "one_way")).await.expect(201);
    let code = teacher
        .get(&format!("/rooms/{}/code", h.restroom))
        .await
        .expect(200)
        .body["code"]
        .clone();
    student
        .post(
            &format!("/passes/{}/end", id(&pass)),
            json!({ "room_code": code }),
        )
        .await
        .expect(200);

    // A round trip ends back in the classroom, which needs no code.
    let pass = student
        .post("/passes", go(&h, "round_trip"))
        .await
        .expect(201);
    student
        .send(Method::POST, &format!("/passes/{}/end", id(&pass)), None)
        .await
        .expect(200);

    // Staff can always end a pass.
    let pass = student.post("/passes", go(&h, "one_way")).await.expect(201);
    let ended = h
        .admin
        .post(&format!("/passes/{}/end", id(&pass)), json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(ended["ended_reason"], "staff");
}

async fn requests_to_restricted_rooms_are_decided_by_the_rooms_teachers(app: TestApp) {
    let h = hallway(&app, json!({ "restricted_now": true })).await;
    let student = app.as_user(&h.student).await;
    let request = student.post("/passes", go(&h, "one_way")).await.expect(201);
    assert_eq!(request.body["state"], "pending");
    let path = |action: &str| format!("/passes/{}/{action}", id(&request));
    student
        .post(&path("approve"), json!({}))
        .await
        .expect_error(403, "forbidden");
    app.as_user(&h.classroom_teacher)
        .await
        .post(&path("approve"), json!({}))
        .await
        .expect_error(403, "forbidden");
    let approved = app
        .as_user(&h.restroom_teacher)
        .await
        .post(&path("approve"), json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(approved["state"], "active");
    assert_eq!(
        approved["approved_by"]["id"],
        h.restroom_teacher.id.as_str()
    );
    student
        .post(&path("cancel"), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");
    h.admin.post(&path("end"), json!({})).await.expect(200);

    let denied = student.post("/passes", go(&h, "one_way")).await.expect(201);
    let denied = app
        .as_user(&h.restroom_teacher)
        .await
        .post(&format!("/passes/{}/deny", id(&denied)), json!({}))
        .await
        .expect(200);
    assert_eq!(denied.body["state"], "denied");
    let canceled = student.post("/passes", go(&h, "one_way")).await.expect(201);
    let canceled = student
        .post(&format!("/passes/{}/cancel", id(&canceled)), json!({}))
        .await
        .expect(200);
    assert_eq!(canceled.body["state"], "canceled");
    // Staff who send a pass to a restricted room need no approval.
    let teacher = app.as_user(&h.classroom_teacher).await;
    let sent = teacher
        .post(
            "/passes",
            json!({ "student_id": h.student.id, "origin_room_id": h.classroom,
        "destination_room_id": h.restroom, "travel_type": "one_way", "duration_minutes": 5 }),
        )
        .await
        .expect(201);
    assert_eq!(sent.body["state"], "active");
}

async fn passes_for_later_and_passes_sent_by_staff(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    let later = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let mut body = go(&h, "one_way");
    body["start_at"] = json!(later);
    let scheduled = student.post("/passes", body).await.expect(201);
    assert_eq!(scheduled.body["state"], "scheduled");
    student
        .post(&format!("/passes/{}/start", id(&scheduled)), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");
    student
        .post(&format!("/passes/{}/cancel", id(&scheduled)), json!({}))
        .await
        .expect(200);

    let send = |student_id: &str| {
        json!({ "student_id": student_id, "origin_room_id": h.classroom,
        "destination_room_id": h.restroom, "travel_type": "one_way", "duration_minutes": 5 })
    };
    let teacher = app.as_user(&h.classroom_teacher).await;
    let sent = teacher
        .post("/passes", send(&h.student.id))
        .await
        .expect(201)
        .body;
    assert_eq!(sent["created_by"]["id"], h.classroom_teacher.id.as_str());
    let disabled = app.add(Role::Student, &app.school.id);
    app.set_column_status(&disabled.id, "disabled");
    teacher
        .post("/passes", send(&disabled.id))
        .await
        .expect(201);
    let suspended = app.add(Role::Student, &app.school.id);
    app.set_column_status(&suspended.id, "suspended");
    teacher
        .post("/passes", send(&suspended.id))
        .await
        .expect_error(404, "not_found");
    let foreign = app.add(Role::Student, &app.other_school.id);
    teacher
        .post("/passes", send(&foreign.id))
        .await
        .expect_error(404, "not_found");
    teacher
        .post("/passes", send(&h.restroom_teacher.id))
        .await
        .expect_error(404, "not_found");
    h.admin
        .patch(
            &format!("/users/{}", h.classroom_teacher.id),
            json!({ "permissions": ["hall_monitor"] }),
        )
        .await
        .expect(200);
    teacher
        .post("/passes", send(&disabled.id))
        .await
        .expect_error(403, "forbidden");
    student
        .post("/passes", send(&disabled.id))
        .await
        .expect_error(403, "forbidden");
}

async fn emergency_mode_ends_and_refuses_passes(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    let pass = student.post("/passes", go(&h, "one_way")).await.expect(201);
    app.as_user(&h.classroom_teacher)
        .await
        .post("/school/emergency", json!({ "active": true }))
        .await
        .expect_error(403, "forbidden");
    let school = h
        .admin
        .post("/school/emergency", json!({ "active": true }))
        .await
        .expect(200)
        .body;
    assert_eq!(school["emergency_active"], true);
    let ended = student
        .get(&format!("/passes/{}", id(&pass)))
        .await
        .expect(200)
        .body;
    assert_eq!(ended["state"], "ended");
    assert_eq!(ended["ended_reason"], "emergency");
    student
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "emergency_mode");
    h.admin
        .post("/school/emergency", json!({ "active": false }))
        .await
        .expect(200);
    student.post("/passes", go(&h, "one_way")).await.expect(201);
    // The other school is untouched.
    let other = app
        .as_user(&app.other_school.admin)
        .await
        .get("/school")
        .await
        .expect(200)
        .body;
    assert_eq!(other["emergency_active"], false);
}

async fn bad_passes_are_refused_with_the_field_named(app: TestApp) {
    let h = hallway(&app, json!({ "travel_types": ["one_way"] })).await;
    let student = app.as_user(&h.student).await;
    let foreign_room = app
        .as_user(&app.other_school.admin)
        .await
        .post("/rooms", json!({ "name": "Gym", "travel_types": ["one_way"], "default_minutes": 5, "max_minutes": 10 }))
        .await
        .expect(201)
        .body;
    let past = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    for (change, field) in [
        (
            json!({ "destination_room_id": h.classroom }),
            "destination_room_id",
        ),
        (
            json!({ "destination_room_id": foreign_room["id"] }),
            "destination_room_id",
        ),
        (json!({ "origin_room_id": "nope" }), "origin_room_id"),
        (json!({ "travel_type": "round_trip" }), "travel_type"),
        (json!({ "duration_minutes": 11 }), "duration_minutes"),
        (json!({ "duration_minutes": 0 }), "duration_minutes"),
        (json!({ "start_at": past }), "start_at"),
        (json!({ "teleport": true }), "teleport"),
    ] {
        let mut body = go(&h, "one_way");
        for (key, value) in change.as_object().expect("object") {
            body[key] = value.clone();
        }
        let reply = student
            .post("/passes", body.clone())
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"][field].is_array(),
            "{body} should name {field}: {:#}",
            reply.body
        );
    }
    h.admin
        .patch(
            &format!("/rooms/{}", h.restroom),
            json!({ "enabled": false }),
        )
        .await
        .expect(200);
    student
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "room_restricted");
    assert_eq!(
        h.admin.get("/passes").await.expect(200).body["items"],
        json!([]),
        "nothing was created"
    );
    // A room with passes is disabled, not deleted.
    h.admin
        .patch(
            &format!("/rooms/{}", h.restroom),
            json!({ "enabled": true }),
        )
        .await
        .expect(200);
    student.post("/passes", go(&h, "one_way")).await.expect(201);
    h.admin
        .send(Method::DELETE, &format!("/rooms/{}", h.restroom), None)
        .await
        .expect_error(409, "room_in_use");
}

async fn simultaneous_passes_leave_one_active(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    let replies = futures_util::future::join_all(
        (0..10).map(|_| student.post("/passes", go(&h, "round_trip"))),
    )
    .await;
    let created = replies.iter().filter(|r| r.status.as_u16() == 201).count();
    assert_eq!(
        created,
        1,
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.code().to_owned()))
            .collect::<Vec<_>>()
    );
    assert!(replies
        .iter()
        .filter(|r| r.status.as_u16() != 201)
        .all(|r| r.code() == "pass_already_active"));
    let active = h
        .admin
        .get(&format!("/passes?state=active&student_id={}", h.student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(active["items"].as_array().map(Vec::len), Some(1));
}
