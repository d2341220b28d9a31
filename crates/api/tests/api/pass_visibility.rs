//! Who sees which pass, and how lists of passes page.
use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::passes::{go, hallway, id};
use crate::support::TestApp;

on_both_backends!(who_sees_which_pass);

async fn who_sees_which_pass(app: TestApp) {
    let h = hallway(&app, json!({})).await;
    let student = app.as_user(&h.student).await;
    let pass = student.post("/passes", go(&h, "one_way")).await.expect(201);
    let path = format!("/passes/{}", id(&pass));
    let ids = |page: Value| {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|p| p["id"].clone())
            .collect::<Vec<_>>()
    };

    student.get(&path).await.expect(200);
    app.as_user(&h.restroom_teacher)
        .await
        .get(&path)
        .await
        .expect(200);
    app.as_user(&h.classroom_teacher)
        .await
        .get(&path)
        .await
        .expect(200);
    h.admin.get(&path).await.expect(200);
    let other_student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    other_student
        .get(&path)
        .await
        .expect_error(404, "not_found");
    assert!(ids(other_student.get("/passes").await.expect(200).body).is_empty());
    app.as_user(&app.other_school.admin)
        .await
        .get(&path)
        .await
        .expect_error(404, "not_found");

    // A teacher of other rooms sees active passes only with hall_monitor.
    let monitor = app.add(Role::Teacher, &app.school.id);
    let monitor_api = app.as_user(&monitor).await;
    monitor_api.get(&path).await.expect(200);
    assert_eq!(
        ids(monitor_api
            .get("/passes?state=active")
            .await
            .expect(200)
            .body),
        vec![pass.body["id"].clone()]
    );
    h.admin
        .patch(
            &format!("/users/{}", monitor.id),
            json!({ "permissions": ["send_passes"] }),
        )
        .await
        .expect(200);
    monitor_api.get(&path).await.expect_error(404, "not_found");
    monitor_api
        .post(&format!("{path}/end"), json!({}))
        .await
        .expect_error(404, "not_found");

    // Ended passes stay with the rooms' teachers, not with hall monitors.
    h.admin
        .post(&format!("{path}/end"), json!({}))
        .await
        .expect(200);
    h.admin
        .patch(
            &format!("/users/{}", monitor.id),
            json!({ "permissions": ["hall_monitor"] }),
        )
        .await
        .expect(200);
    monitor_api.get(&path).await.expect_error(404, "not_found");
    app.as_user(&h.restroom_teacher)
        .await
        .get(&path)
        .await
        .expect(200);

    // Lists page newest first, with filters.
    for _ in 0..3 {
        let pass = student
            .post("/passes", go(&h, "round_trip"))
            .await
            .expect(201);
        student
            .post(&format!("/passes/{}/end", id(&pass)), json!({}))
            .await
            .expect(200);
    }
    let first = h
        .admin
        .get(&format!("/passes?student_id={}&limit=2", h.student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2));
    let cursor = first["next_cursor"].as_str().expect("cursor");
    let second = h
        .admin
        .get(&format!(
            "/passes?student_id={}&limit=2&cursor={cursor}",
            h.student.id
        ))
        .await
        .expect(200)
        .body;
    assert_eq!(second["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(second["next_cursor"], Value::Null);
    assert_eq!(
        ids(h.admin.get("/passes?state=ended").await.expect(200).body).len(),
        4
    );
    h.admin
        .get("/passes?state=gone")
        .await
        .expect_error(400, "validation_failed");
    h.admin
        .get("/passes?cursor=nope")
        .await
        .expect_error(400, "validation_failed");
}
