use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    rooms_are_managed_by_permission,
    rooms_validate_their_input,
    room_codes_are_for_the_rooms_staff,
    teachers_set_a_pin
);

fn restroom(teacher_ids: &[&str]) -> Value {
    json!({ "name": "Restroom B", "number": "B-12", "category": "Restroom", "travel_types": ["round_trip"],
            "default_minutes": 5, "max_minutes": 10, "capacity": 2, "end_requires_code": true, "teacher_ids": teacher_ids })
}

async fn rooms_are_managed_by_permission(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.add(Role::Teacher, &app.school.id);
    let created = admin
        .post("/rooms", restroom(&[&teacher.id]))
        .await
        .expect(201)
        .body;
    assert_eq!(created["travel_types"], json!(["round_trip"]));
    assert_eq!(created["teacher_ids"], json!([teacher.id]));
    assert_eq!(created["enabled"], true);
    assert!(
        created.get("code_secret").is_none(),
        "the secret never leaves the server"
    );
    let id = created["id"].as_str().expect("id");

    // Everyone in the school lists rooms (students make passes to them); nobody else does.
    let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    assert_eq!(
        student
            .get("/rooms")
            .await
            .expect(200)
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let other = app.as_user(&app.other_school.admin).await;
    assert_eq!(other.get("/rooms").await.expect(200).body, json!([]));
    other
        .patch(&format!("/rooms/{id}"), json!({ "name": "Mine" }))
        .await
        .expect_error(404, "not_found");
    other
        .send(Method::DELETE, &format!("/rooms/{id}"), None)
        .await
        .expect_error(404, "not_found");

    // Changing rooms needs manage_rooms: students and plain teachers are refused.
    let as_teacher = app.as_user(&teacher).await;
    for api in [&student, &as_teacher] {
        api.post("/rooms", restroom(&[]))
            .await
            .expect_error(403, "forbidden");
        api.patch(&format!("/rooms/{id}"), json!({ "enabled": false }))
            .await
            .expect_error(403, "forbidden");
        api.send(Method::DELETE, &format!("/rooms/{id}"), None)
            .await
            .expect_error(403, "forbidden");
    }
    app.anon()
        .get("/rooms")
        .await
        .expect_error(401, "unauthenticated");
    admin
        .post(
            "/users/bulk",
            json!({ "user_ids": [teacher.id], "grant_permissions": ["manage_rooms"] }),
        )
        .await
        .expect(200);
    let changed = as_teacher
        .patch(&format!("/rooms/{id}"), json!({ "capacity": null, "travel_types": ["one_way", "round_trip"], "teacher_ids": [] }))
        .await
        .expect(200)
        .body;
    assert_eq!(changed["capacity"], Value::Null);
    assert_eq!(changed["travel_types"], json!(["one_way", "round_trip"]));
    assert_eq!(changed["teacher_ids"], json!([]));
    assert_eq!(changed["name"], "Restroom B", "absent fields stay");
    as_teacher
        .send(Method::DELETE, &format!("/rooms/{id}"), None)
        .await
        .expect(204);
    admin
        .patch(&format!("/rooms/{id}"), json!({ "enabled": true }))
        .await
        .expect_error(404, "not_found");
}

async fn rooms_validate_their_input(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let foreign_teacher = app.add(Role::Teacher, &app.other_school.id);
    let student = app.add(Role::Student, &app.school.id);
    let mut cases = Vec::new();
    for (field, value) in [
        ("travel_types", json!([])),
        ("travel_types", json!(["one_way", "one_way"])),
        ("travel_types", json!(["teleport"])),
        ("default_minutes", json!(0)),
        ("default_minutes", json!(11)),
        ("max_minutes", json!(241)),
        ("capacity", json!(0)),
        ("name", json!("  ")),
        ("teacher_ids", json!([foreign_teacher.id])),
        ("teacher_ids", json!([student.id])),
        ("colour", json!("red")),
    ] {
        let mut body = restroom(&[]);
        body[field] = value;
        cases.push((field, body));
    }
    for (field, body) in cases {
        let reply = admin
            .post("/rooms", body.clone())
            .await
            .expect_error(400, "validation_failed");
        let named = reply.body["error"]["details"]["fields"][field].is_array();
        // serde names unknown enum values without the field; everything else names it.
        assert!(
            named || field == "travel_types",
            "{body} should name {field}: {:#}",
            reply.body
        );
    }
    assert_eq!(
        admin.get("/rooms").await.expect(200).body,
        json!([]),
        "nothing was created"
    );
    admin.post("/rooms", restroom(&[])).await.expect(201);
    let clash = admin
        .post("/rooms", restroom(&[]))
        .await
        .expect_error(409, "room_exists");
    assert_eq!(clash.body["error"]["details"]["field"], "name");
    // Another school may use the same name.
    app.as_user(&app.other_school.admin)
        .await
        .post("/rooms", restroom(&[]))
        .await
        .expect(201);
}

async fn room_codes_are_for_the_rooms_staff(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let assistant = app.add_assistant(&app.school.id);
    let me = app
        .as_user(&assistant)
        .await
        .get("/me")
        .await
        .expect(200)
        .body;
    let teacher_id = me["acts_for"][0].as_str().expect("teacher").to_owned();
    let room = admin
        .post("/rooms", restroom(&[&teacher_id]))
        .await
        .expect(201)
        .body;
    let path = format!("/rooms/{}/code", room["id"].as_str().expect("id"));

    let seen = app
        .as_user(&assistant)
        .await
        .get(&path)
        .await
        .expect(200)
        .body;
    let code = seen["code"].as_str().expect("code");
    assert_eq!(code.len(), 6);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    assert!((1..=30).contains(&seen["expires_in"].as_u64().expect("expires_in")));

    admin.get(&path).await.expect_error(403, "forbidden");
    app.as_user(&app.add(Role::Teacher, &app.school.id))
        .await
        .get(&path)
        .await
        .expect_error(403, "forbidden");
    app.as_user(&app.add(Role::Student, &app.school.id))
        .await
        .get(&path)
        .await
        .expect_error(403, "forbidden");
    app.as_user(&app.other_school.admin)
        .await
        .get(&path)
        .await
        .expect_error(404, "not_found");
}

async fn teachers_set_a_pin(app: TestApp) {
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    teacher
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": "4821" })))
        .await
        .expect(204);
    for pin in ["12a4", "12345", "123", ""] {
        teacher
            .send(Method::PUT, "/me/pin", Some(&json!({ "pin": pin })))
            .await
            .expect_error(400, "validation_failed");
    }
    let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    student
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": "1234" })))
        .await
        .expect_error(403, "forbidden");
}
