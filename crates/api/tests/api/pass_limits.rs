use chrono::{Duration, TimeZone, Timelike};
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::TestApp;

on_both_backends!(
    the_limit_resets_at_midnight_in_the_schools_time_zone,
    excluded_rooms_overrides_and_staff_passes,
    limits_are_set_by_permission_and_validated,
    simultaneous_requests_with_one_pass_left_get_one,
);

struct Setup {
    admin: Api,
    classroom: String,
    restroom: String,
    nurse: String,
}

async fn setup(app: &TestApp) -> Setup {
    let admin = app.as_user(&app.school.admin).await;
    let mut ids = Vec::new();
    for name in ["Room 101", "Restroom", "Nurse"] {
        ids.push(admin.add_room(name, &[]).await);
    }
    Setup {
        admin,
        classroom: ids[0].clone(),
        restroom: ids[1].clone(),
        nurse: ids[2].clone(),
    }
}

fn pass_to(s: &Setup, room: &str) -> Value {
    json!({ "origin_room_id": s.classroom, "destination_room_id": room, "travel_type": "round_trip", "duration_minutes": 5 })
}

/// Makes a pass and ends it; answers the creation's status and code.
async fn go_and_return(api: &Api, body: Value) -> (u16, String) {
    let reply = api.post("/passes", body).await;
    if reply.status.as_u16() == 201 {
        let id = reply.body["id"].as_str().expect("id");
        api.post(&format!("/passes/{id}/end"), json!({}))
            .await
            .expect(200);
    }
    (reply.status.as_u16(), reply.code().to_owned())
}

/// Moves the server's clock to `hour:minute` today in Chicago (or tomorrow, if that is past).
fn set_chicago_time(app: &TestApp, hour: u32, minute: u32) {
    let now = app.clock.now_utc();
    let local = chrono_tz::America::Chicago.from_utc_datetime(&now.naive_utc());
    let mut target = local
        .with_hour(hour)
        .and_then(|t| t.with_minute(minute))
        .expect("time");
    if target <= local {
        target += Duration::days(1);
    }
    app.clock.advance(target.with_timezone(&chrono::Utc) - now);
}

async fn the_limit_resets_at_midnight_in_the_schools_time_zone(app: TestApp) {
    let s = setup(&app).await;
    s.admin
        .send(Method::PUT, "/pass-limits", Some(&json!({ "per_day": 2 })))
        .await
        .expect(200);
    let student = app.add(Role::Student, &app.school.id);
    let api = app.as_user(&student).await;
    // 23:58 in Chicago is already tomorrow in UTC: a UTC day would reset too early or late.
    set_chicago_time(&app, 23, 58);
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    assert_eq!(
        go_and_return(&api, pass_to(&s, &s.restroom)).await,
        (422, "pass_limit_reached".to_owned())
    );
    let left = api
        .get(&format!("/users/{}/pass-limit/remaining", student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(
        left,
        json!({ "per_day": 2, "used_today": 2, "remaining": 0 })
    );
    // Three minutes later it is a new school day.
    app.clock.advance(Duration::minutes(3));
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    let left = api
        .get(&format!("/users/{}/pass-limit/remaining", student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(left["remaining"], 1);
}

async fn excluded_rooms_overrides_and_staff_passes(app: TestApp) {
    let s = setup(&app).await;
    let limits = json!({ "per_day": 1, "excluded_room_ids": [s.nurse] });
    let saved = s
        .admin
        .send(Method::PUT, "/pass-limits", Some(&limits))
        .await
        .expect(200)
        .body;
    assert_eq!(saved["excluded_room_ids"], json!([s.nurse]));
    assert_eq!(s.admin.get("/pass-limits").await.expect(200).body, saved);
    let student = app.add(Role::Student, &app.school.id);
    let api = app.as_user(&student).await;
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 422);
    // The nurse is never limited and never counts.
    assert_eq!(go_and_return(&api, pass_to(&s, &s.nurse)).await.0, 201);

    // Staff-sent passes do not count (yet), and staff may override on purpose.
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let mut sent = pass_to(&s, &s.restroom);
    sent["student_id"] = json!(student.id);
    assert_eq!(go_and_return(&teacher, sent.clone()).await.0, 201);
    s.admin
        .send(Method::PUT, "/pass-limits", Some(&json!({ "per_day": 1, "excluded_room_ids": [s.nurse], "count_staff_created": true })))
        .await
        .expect(200);
    assert_eq!(
        go_and_return(&teacher, sent.clone()).await,
        (422, "pass_limit_reached".to_owned())
    );
    sent["override_limit"] = json!(true);
    assert_eq!(go_and_return(&teacher, sent).await.0, 201);
    // A student's own override is ignored.
    let mut own = pass_to(&s, &s.restroom);
    own["override_limit"] = json!(true);
    assert_eq!(go_and_return(&api, own).await.0, 422);

    // A student's own limit replaces the school's; null goes back to it.
    let path = format!("/users/{}/pass-limit", student.id);
    s.admin
        .send(Method::PUT, &path, Some(&json!({ "per_day": 10 })))
        .await
        .expect(204);
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    s.admin
        .send(Method::PUT, &path, Some(&json!({ "per_day": null })))
        .await
        .expect(204);
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 422);
}

async fn limits_are_set_by_permission_and_validated(app: TestApp) {
    let s = setup(&app).await;
    let student = app.add(Role::Student, &app.school.id);
    let as_student = app.as_user(&student).await;
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    teacher.get("/pass-limits").await.expect(200);
    as_student
        .get("/pass-limits")
        .await
        .expect_error(403, "forbidden");
    for api in [&teacher, &as_student] {
        api.send(Method::PUT, "/pass-limits", Some(&json!({ "per_day": 3 })))
            .await
            .expect_error(403, "forbidden");
        api.send(
            Method::PUT,
            &format!("/users/{}/pass-limit", student.id),
            Some(&json!({ "per_day": 3 })),
        )
        .await
        .expect_error(403, "forbidden");
    }
    let foreign_room = app
        .as_user(&app.other_school.admin)
        .await
        .post("/rooms", json!({ "name": "Gym", "travel_types": ["one_way"], "default_minutes": 5, "max_minutes": 10 }))
        .await
        .expect(201)
        .body;
    for (body, field) in [
        (json!({ "per_day": 0 }), "per_day"),
        (
            json!({ "per_day": 3, "excluded_room_ids": [foreign_room["id"]] }),
            "excluded_room_ids",
        ),
        (json!({ "per_day": 3, "weekly": 9 }), "weekly"),
    ] {
        let reply = s
            .admin
            .send(Method::PUT, "/pass-limits", Some(&body))
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"][field].is_array(),
            "{body}: {:#}",
            reply.body
        );
    }
    assert_eq!(
        s.admin.get("/pass-limits").await.expect(200).body["per_day"],
        Value::Null,
        "nothing was saved"
    );
    let other_student = app.add(Role::Student, &app.other_school.id);
    s.admin
        .send(
            Method::PUT,
            &format!("/users/{}/pass-limit", other_student.id),
            Some(&json!({ "per_day": 3 })),
        )
        .await
        .expect_error(404, "not_found");
    let classmate = app.add(Role::Student, &app.school.id);
    as_student
        .get(&format!("/users/{}/pass-limit/remaining", classmate.id))
        .await
        .expect_error(404, "not_found");
}

async fn simultaneous_requests_with_one_pass_left_get_one(app: TestApp) {
    let s = setup(&app).await;
    s.admin
        .send(Method::PUT, "/pass-limits", Some(&json!({ "per_day": 2 })))
        .await
        .expect(200);
    let student = app.add(Role::Student, &app.school.id);
    let api = app.as_user(&student).await;
    assert_eq!(go_and_return(&api, pass_to(&s, &s.restroom)).await.0, 201);
    let replies = futures_util::future::join_all(
        (0..10).map(|_| api.post("/passes", pass_to(&s, &s.restroom))),
    )
    .await;
    assert_eq!(
        replies.iter().filter(|r| r.status.as_u16() == 201).count(),
        1
    );
    let left = api
        .get(&format!("/users/{}/pass-limit/remaining", student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(left["used_today"], 2);
}
