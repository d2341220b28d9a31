//! Room codes and PINs cannot be walked: wrong ones are limited per student and per pass, a
//! blocked student is refused even the right one, and the room's teachers are told.
use std::time::Duration;

use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::passes::{go, hallway, id, room_code, Hallway};
use crate::support::app::limit;
use crate::support::client::Api;
use crate::support::{Options, TestApp};

on_both_backends!(
    options = five_wrong_tries;
    wrong_pins_are_limited_and_the_rooms_teachers_told,
    right_codes_never_count,
);
on_both_backends!(
    options = three_wrong_tries_a_pass;
    each_pass_has_its_own_limit,
);
on_both_backends!(
    options = three_wrong_pins_a_room;
    students_taking_turns_cannot_walk_a_rooms_pins,
    pin_changes_are_limited,
);

fn three_wrong_pins_a_room() -> Options {
    let mut options = Options::default();
    options.limits.pin_per_room = limit(3);
    options.limits.pin_change = limit(3);
    options
}

fn five_wrong_tries() -> Options {
    let mut options = Options::default();
    options.limits.code_per_student = limit(5);
    options.limits.code_per_pass = limit(5);
    options
}

fn three_wrong_tries_a_pass() -> Options {
    let mut options = Options::default();
    options.limits.code_per_pass = limit(3);
    options
}

async fn code_now(app: &TestApp, h: &Hallway) -> String {
    room_code(app, &h.restroom_teacher, &h.restroom).await
}

async fn set_pin(app: &TestApp, h: &Hallway, pin: &str) {
    app.as_user(&h.restroom_teacher)
        .await
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": pin })))
        .await
        .expect(204);
}

async fn go_out(student: &Api, h: &Hallway) -> String {
    id(&student.post("/passes", go(h, "one_way")).await.expect(201))
}

async fn wrong_pins_are_limited_and_the_rooms_teachers_told(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    set_pin(&app, &h, "4821").await;
    let mut teachers_view = app.as_user(&h.restroom_teacher).await.subscribe().await;
    let student = app.as_user(&h.student).await;
    let pass = go_out(&student, &h).await;
    let end = format!("/passes/{pass}/end");
    // An empty try is no guess.
    student
        .post(&end, json!({}))
        .await
        .expect_error(422, "invalid_room_code");
    for pin in ["0000", "0001", "0002", "0003", "0004"] {
        student
            .post(&end, json!({ "pin": pin }))
            .await
            .expect_error(422, "invalid_room_code");
    }
    // Blocked: the right PIN does not get through either, so walking 0000–9999 is no use.
    let limited = student
        .post(&end, json!({ "pin": "4821" }))
        .await
        .expect_error(429, "rate_limited");
    let wait: u64 = limited.headers["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(wait >= 60, "Retry-After {wait}");
    let code = code_now(&app, &h).await;
    student
        .post(&end, json!({ "room_code": code }))
        .await
        .expect_error(429, "rate_limited");
    assert_eq!(
        h.admin
            .get(&format!("/passes/{pass}"))
            .await
            .expect(200)
            .body["state"],
        "active"
    );

    // The room's teacher hears of it, named.
    let alert = teachers_view
        .find("code.failures", Duration::from_secs(5))
        .await
        .expect("a code.failures event");
    assert_eq!(alert["pass_id"], pass.as_str());
    assert_eq!(alert["student_id"], h.student.id.as_str());
    assert_eq!(alert["room_id"], h.restroom.as_str());
    assert!(alert["blocked_for_seconds"].as_u64().expect("seconds") >= 60);

    // Another student is not affected, and staff can always end the blocked pass.
    let other = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    let theirs = go_out(&other, &h).await;
    other
        .post(&format!("/passes/{theirs}/end"), json!({ "pin": "4821" }))
        .await
        .expect(200);
    app.as_user(&h.restroom_teacher)
        .await
        .post(&end, json!({}))
        .await
        .expect(200);
}

async fn right_codes_never_count(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    set_pin(&app, &h, "4821").await;
    let student = app.as_user(&h.student).await;
    for round in 0..7 {
        let pass = go_out(&student, &h).await;
        let proof = if round % 2 == 0 {
            json!({ "pin": "4821" })
        } else {
            json!({ "room_code": code_now(&app, &h).await })
        };
        student
            .post(&format!("/passes/{pass}/end"), proof)
            .await
            .expect(200);
    }
}

async fn each_pass_has_its_own_limit(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    set_pin(&app, &h, "4821").await;
    let student = app.as_user(&h.student).await;
    let first = go_out(&student, &h).await;
    for _ in 0..3 {
        student
            .post(&format!("/passes/{first}/end"), json!({ "pin": "1357" }))
            .await
            .expect_error(422, "invalid_room_code");
    }
    student
        .post(&format!("/passes/{first}/end"), json!({ "pin": "4821" }))
        .await
        .expect_error(429, "rate_limited");
    h.admin
        .post(&format!("/passes/{first}/end"), json!({}))
        .await
        .expect(200);
    let second = go_out(&student, &h).await;
    student
        .post(&format!("/passes/{second}/end"), json!({ "pin": "4821" }))
        .await
        .expect(200);
}

async fn students_taking_turns_cannot_walk_a_rooms_pins(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    set_pin(&app, &h, "4821").await;
    let mut teachers_view = app.as_user(&h.restroom_teacher).await.subscribe().await;
    for pin in ["1357", "1358", "1359"] {
        let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
        let pass = go_out(&student, &h).await;
        student
            .post(&format!("/passes/{pass}/end"), json!({ "pin": pin }))
            .await
            .expect_error(422, "invalid_room_code");
    }
    assert!(teachers_view
        .find("code.failures", Duration::from_secs(5))
        .await
        .is_some());
    // The room takes no more PINs for now, from anyone, not even the right one…
    let next = app.as_user(&h.student).await;
    let pass = go_out(&next, &h).await;
    let end = format!("/passes/{pass}/end");
    next.post(&end, json!({ "pin": "4821" }))
        .await
        .expect_error(429, "rate_limited");
    // …but the code shown in the room still ends the pass.
    next.post(&end, json!({ "room_code": code_now(&app, &h).await }))
        .await
        .expect(200);
}

async fn pin_changes_are_limited(app: TestApp) {
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    for pin in ["4821", "5937", "3958"] {
        teacher
            .send(Method::PUT, "/me/pin", Some(&json!({ "pin": pin })))
            .await
            .expect(204);
    }
    teacher
        .send(Method::PUT, "/me/pin", Some(&json!({ "pin": "8136" })))
        .await
        .expect_error(429, "rate_limited");
}
