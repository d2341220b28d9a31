//! Ending a pass with a room code: only the ending room's current (or just previous) code.
use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::passes::{go, hallway, id, room_code};
use crate::support::TestApp;

on_both_backends!(
    an_old_code_or_another_rooms_code_ends_nothing,
    only_the_student_or_staff_who_see_it_end_a_pass,
);

async fn an_old_code_or_another_rooms_code_ends_nothing(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let nurse_teacher = app.add(Role::Teacher, &app.school.id);
    let nurse = h
        .admin
        .post(
            "/rooms",
            json!({ "name": "Nurse", "travel_types": ["one_way"], "default_minutes": 5,
                                "max_minutes": 10, "end_requires_code": true,
                                "teacher_ids": [nurse_teacher.id] }),
        )
        .await
        .expect(201);
    let student = app.as_user(&h.student).await;
    let pass = id(&student.post("/passes", go(&h, "one_way")).await.expect(201));
    let end = format!("/passes/{pass}/end");

    let nurse_code = room_code(&app, &nurse_teacher, &id(&nurse)).await;
    let restroom_code = room_code(&app, &h.restroom_teacher, &h.restroom).await;
    if nurse_code != restroom_code {
        student
            .post(&end, json!({ "room_code": nurse_code }))
            .await
            .expect_error(422, "invalid_room_code");
    }
    // Two 30-second steps later the code shown now is no longer accepted.
    app.clock.advance(chrono::Duration::seconds(61));
    student
        .post(&end, json!({ "room_code": restroom_code }))
        .await
        .expect_error(422, "invalid_room_code");
    let still = h.admin.get(&format!("/passes/{pass}")).await.expect(200);
    assert_eq!(still.body["state"], "active");
}

async fn only_the_student_or_staff_who_see_it_end_a_pass(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let student = app.as_user(&h.student).await;
    let pass = id(&student.post("/passes", go(&h, "one_way")).await.expect(201));
    let end = format!("/passes/{pass}/end");
    let classmate = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    classmate
        .post(&end, json!({}))
        .await
        .expect_error(404, "not_found");
    let other_school = app.as_user(&app.other_school.admin).await;
    other_school
        .post(&end, json!({}))
        .await
        .expect_error(404, "not_found");
    app.anon()
        .post(&end, json!({}))
        .await
        .expect_error(401, "unauthenticated");
    // Cancel is for requests, scheduled and waiting passes only.
    student
        .post(&format!("/passes/{pass}/cancel"), json!({}))
        .await
        .expect_error(409, "invalid_pass_state");
    student.post(&end, json!({})).await.expect(200);
}
