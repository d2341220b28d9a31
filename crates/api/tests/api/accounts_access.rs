//! Who may call each Accounts route: no token, a student, a teacher without
//! `manage_accounts`, an admin of another school, and the school's own admin.
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    every_accounts_route_checks_who_calls,
    a_granted_teacher_can_manage_accounts
);

/// Each route with a body that would succeed for the school's admin.
fn routes(student_id: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, "/users?role=teacher".into(), None),
        (
            Method::POST,
            "/users".into(),
            Some(json!({ "role": "student", "first_name": "New", "last_name": "Kid" })),
        ),
        (
            Method::PATCH,
            format!("/users/{student_id}"),
            Some(json!({ "grade": "10" })),
        ),
        (
            Method::POST,
            "/users/bulk".into(),
            Some(json!({ "user_ids": [student_id], "status": "disabled" })),
        ),
        (
            Method::POST,
            format!("/users/{student_id}/reset-password"),
            None,
        ),
        (
            Method::POST,
            "/users/password-sheets".into(),
            Some(json!({ "user_ids": [student_id], "layout": "paper_saver" })),
        ),
        (
            Method::POST,
            "/users/bulk-delete".into(),
            Some(json!({ "user_ids": [student_id] })),
        ),
        (Method::DELETE, format!("/users/{student_id}"), None),
    ]
}

async fn every_accounts_route_checks_who_calls(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let as_student = app.as_user(&student).await;
    let as_teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let as_assistant = app.as_user(&app.add_assistant(&app.school.id)).await;
    let as_other_admin = app.as_user(&app.other_school.admin).await;

    for (method, path, body) in routes(&student.id) {
        let what = format!("{method} {path}");
        let anon = app.anon().send(method.clone(), &path, body.as_ref()).await;
        assert_eq!(
            anon.status.as_u16(),
            401,
            "{what} without a token: {:#}",
            anon.body
        );
        for (who, api) in [
            ("student", &as_student),
            ("teacher", &as_teacher),
            ("assistant", &as_assistant),
        ] {
            let reply = api.send(method.clone(), &path, body.as_ref()).await;
            assert_eq!(
                reply.status.as_u16(),
                403,
                "{what} as a {who}: {:#}",
                reply.body
            );
            assert_eq!(reply.code(), "forbidden", "{what} as a {who}");
        }
        // Another school's admin may call the route but never reaches this school's accounts.
        let foreign = as_other_admin
            .send(method.clone(), &path, body.as_ref())
            .await;
        if path.contains(&student.id)
            || body
                .as_ref()
                .is_some_and(|b| b.to_string().contains(&student.id))
        {
            assert_eq!(
                foreign.status.as_u16(),
                404,
                "{what} by another school's admin: {:#}",
                foreign.body
            );
        }
    }
    // Nothing above changed the student.
    let admin = app.as_user(&app.school.admin).await;
    let seen = admin
        .get(&format!("/users/{}", student.id))
        .await
        .expect(200)
        .body;
    assert_eq!(seen["status"], "active");
    assert_eq!(seen["grade"], Value::Null);
    app.login(&student.email, &student.password)
        .await
        .expect(200);

    // Another school's admin lists only their own school.
    let listed = as_other_admin
        .get("/users?role=student")
        .await
        .expect(200)
        .body;
    assert!(listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|u| u["id"] != student.id.as_str()));

    // Each route works for the school's own admin (the delete last, as it removes the student).
    for (method, path, body) in routes(&student.id) {
        let reply = admin.send(method.clone(), &path, body.as_ref()).await;
        assert!(
            reply.status.is_success(),
            "{method} {path} as the admin: {:#}",
            reply.body
        );
        if path == "/users/bulk" {
            admin
                .post(
                    "/users/bulk",
                    json!({ "user_ids": [student.id], "status": "active" }),
                )
                .await
                .expect(200);
        }
        if path == "/users/bulk-delete" {
            break;
        }
    }
}

async fn a_granted_teacher_can_manage_accounts(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let admin = app.as_user(&app.school.admin).await;
    let api = app.as_user(&teacher).await;
    api.get("/users?role=teacher")
        .await
        .expect_error(403, "forbidden");
    admin
        .patch(
            &format!("/users/{}", teacher.id),
            json!({ "permissions": ["manage_accounts"] }),
        )
        .await
        .expect(200);
    // The same token: permissions are reloaded on every request.
    api.get("/users?role=teacher").await.expect(200);
    admin
        .patch(
            &format!("/users/{}", teacher.id),
            json!({ "permissions": [] }),
        )
        .await
        .expect(200);
    api.get("/users?role=teacher")
        .await
        .expect_error(403, "forbidden");
}
