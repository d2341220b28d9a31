use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    another_schools_objects_are_not_found,
    school_settings_change_only_the_callers_school
);

async fn another_schools_objects_are_not_found(app: TestApp) {
    let admin_a = app.as_user(&app.school.admin).await;
    let teacher_a = app.add(Role::Teacher, &app.school.id);
    let student_b = app.add(Role::Student, &app.other_school.id);

    admin_a
        .get(&format!("/users/{}", teacher_a.id))
        .await
        .expect(200);
    admin_a
        .get(&format!("/users/{}", app.other_school.admin.id))
        .await
        .expect_error(404, "not_found");
    admin_a
        .get(&format!("/users/{}", student_b.id))
        .await
        .expect_error(404, "not_found");
    // The same answer as for an id that exists nowhere.
    let missing = admin_a
        .get("/users/0193e1c2-0000-7000-8000-000000000000")
        .await
        .expect_error(404, "not_found");
    let foreign = admin_a.get(&format!("/users/{}", student_b.id)).await;
    assert_eq!(missing.body, foreign.body);
}

async fn school_settings_change_only_the_callers_school(app: TestApp) {
    let admin_a = app.as_user(&app.school.admin).await;
    let admin_b = app.as_user(&app.other_school.admin).await;
    let school = admin_a
        .patch("/school", json!({ "name": "Roosevelt High School" }))
        .await
        .expect(200)
        .body;
    assert_eq!(school["id"], app.school.id.as_str());
    let other = admin_b.get("/school").await.expect(200).body;
    assert_eq!(other["id"], app.other_school.id.as_str());
    assert_eq!(other["name"], "Jefferson Middle");
}
