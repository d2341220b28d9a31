use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(bulk_changes_apply_to_all, bulk_changes_are_all_or_nothing);

async fn bulk_changes_apply_to_all(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teachers: Vec<_> = (0..3)
        .map(|_| app.add(Role::Teacher, &app.school.id))
        .collect();
    let ids: Vec<&str> = teachers.iter().map(|t| t.id.as_str()).collect();
    let done = admin
        .post("/users/bulk", json!({ "user_ids": ids, "grant_permissions": ["manage_rooms", "view_reports"], "revoke_permissions": ["send_passes"] }))
        .await
        .expect(200)
        .body;
    assert_eq!(done["count"], 3);
    for teacher in &teachers {
        let user = admin
            .get(&format!("/users/{}", teacher.id))
            .await
            .expect(200)
            .body;
        assert_eq!(
            user["permissions"],
            json!(["hall_monitor", "manage_rooms", "view_reports"])
        );
    }
    admin
        .post(
            "/users/bulk",
            json!({ "user_ids": ids, "status": "disabled" }),
        )
        .await
        .expect(200);
    for teacher in &teachers {
        app.login(&teacher.email, &teacher.password)
            .await
            .expect_error(403, "account_disabled");
    }
    // Granting twice is harmless.
    admin
        .post(
            "/users/bulk",
            json!({ "user_ids": ids, "grant_permissions": ["manage_rooms"] }),
        )
        .await
        .expect(200);
}

async fn bulk_changes_are_all_or_nothing(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let students: Vec<_> = (0..2)
        .map(|_| app.add(Role::Student, &app.school.id))
        .collect();
    let foreign = app.add(Role::Student, &app.other_school.id);
    let teacher = app.add(Role::Teacher, &app.school.id);
    let unknown = "0193e1c2-0000-7000-8000-000000000000";
    for stranger in [foreign.id.as_str(), unknown] {
        let ids = [students[0].id.as_str(), students[1].id.as_str(), stranger];
        let refused = admin
            .post(
                "/users/bulk",
                json!({ "user_ids": ids, "status": "suspended" }),
            )
            .await
            .expect_error(404, "not_found");
        assert_eq!(
            refused.body["error"]["details"]["missing_user_ids"],
            json!([stranger])
        );
        admin
            .post("/users/bulk-delete", json!({ "user_ids": ids }))
            .await
            .expect_error(404, "not_found");
    }
    // Granting a permission to a student among teachers refuses the whole call.
    admin
        .post("/users/bulk", json!({ "user_ids": [teacher.id, students[0].id], "grant_permissions": ["manage_rooms"] }))
        .await
        .expect_error(400, "validation_failed");
    admin
        .post("/users/bulk", json!({ "user_ids": [], "status": "active" }))
        .await
        .expect_error(400, "validation_failed");
    admin
        .post("/users/bulk", json!({ "user_ids": [teacher.id] }))
        .await
        .expect_error(400, "validation_failed");
    // Nothing changed.
    for student in &students {
        let user = admin
            .get(&format!("/users/{}", student.id))
            .await
            .expect(200)
            .body;
        assert_eq!(user["status"], "active");
    }
    let user = admin
        .get(&format!("/users/{}", teacher.id))
        .await
        .expect(200)
        .body;
    assert_eq!(user["permissions"], json!(["hall_monitor", "send_passes"]));
    app.as_user(&app.other_school.admin)
        .await
        .get(&format!("/users/{}", foreign.id))
        .await
        .expect(200);
}
