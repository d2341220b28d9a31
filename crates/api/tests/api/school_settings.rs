use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    admins_change_settings_and_others_may_not,
    settings_are_validated,
    student_directory_rules
);

async fn admins_change_settings_and_others_may_not(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let before = admin.get("/school").await.expect(200).body;
    assert_eq!(before["time_zone"], "America/Chicago");
    assert_eq!(before["overtime_buffer_minutes"], 15);
    assert_eq!(before["hallway_capacity"], serde_json::Value::Null);

    let after = admin
        .patch("/school", json!({ "time_zone": "America/New_York", "default_pass_minutes": 7, "hallway_capacity": 40 }))
        .await
        .expect(200)
        .body;
    assert_eq!(after["time_zone"], "America/New_York");
    assert_eq!(after["default_pass_minutes"], 7);
    assert_eq!(after["hallway_capacity"], 40);
    assert_eq!(after["name"], before["name"], "absent fields stay");
    let cleared = admin
        .patch("/school", json!({ "hallway_capacity": null }))
        .await
        .expect(200)
        .body;
    assert_eq!(cleared["hallway_capacity"], serde_json::Value::Null);
    assert_eq!(cleared["default_pass_minutes"], 7);

    for role in [Role::Teacher, Role::Student] {
        let user = app.add(role, &app.school.id);
        let api = app.as_user(&user).await;
        api.get("/school").await.expect(200);
        api.patch("/school", json!({ "name": "Hacked" }))
            .await
            .expect_error(403, "forbidden");
    }
    let assistant = app.add_assistant(&app.school.id);
    app.as_user(&assistant)
        .await
        .patch("/school", json!({ "name": "Hacked" }))
        .await
        .expect_error(403, "forbidden");
    app.anon()
        .patch("/school", json!({ "name": "Hacked" }))
        .await
        .expect_error(401, "unauthenticated");
    assert_eq!(admin.get("/school").await.body["name"], before["name"]);
}

async fn settings_are_validated(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let cases = [
        (json!({ "time_zone": "Mars/Olympus" }), "time_zone"),
        (json!({ "default_pass_minutes": 0 }), "default_pass_minutes"),
        (
            json!({ "overtime_buffer_minutes": -1 }),
            "overtime_buffer_minutes",
        ),
        (json!({ "hallway_capacity": 0 }), "hallway_capacity"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": "   " }), "name"),
        (json!({ "colour": "blue" }), "colour"),
    ];
    for (body, field) in cases {
        let reply = admin
            .patch("/school", body.clone())
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"][field].is_array(),
            "{body} should name {field}: {:#}",
            reply.body
        );
    }
    let school = admin.get("/school").await.expect(200).body;
    assert_eq!(
        school["time_zone"], "America/Chicago",
        "nothing was half-written"
    );
    assert_eq!(school["name"], "Roosevelt High");
}

async fn student_directory_rules(app: TestApp) {
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let student = app.add(Role::Student, &app.school.id);
    let other_teacher = app.add(Role::Teacher, &app.school.id);
    teacher
        .get(&format!("/users/{}", student.id))
        .await
        .expect(200);
    teacher
        .get(&format!("/users/{}", other_teacher.id))
        .await
        .expect_error(403, "forbidden");
    app.set_column_status(&student.id, "suspended");
    teacher
        .get(&format!("/users/{}", student.id))
        .await
        .expect_error(404, "not_found");
    let admin = app.as_user(&app.school.admin).await;
    assert_eq!(
        admin
            .get(&format!("/users/{}", student.id))
            .await
            .expect(200)
            .body["status"],
        "suspended"
    );
    let as_student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    as_student
        .get(&format!("/users/{}", student.id))
        .await
        .expect_error(403, "forbidden");
}
