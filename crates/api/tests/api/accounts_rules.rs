//! The account rules: `manage_accounts` alone never leads to more. Only admins change
//! permissions, make admins or touch an admin's account; nobody grants a permission they do
//! not hold, or changes an account holding one they lack.
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::{Api, Reply};
use crate::support::{Account, TestApp};

on_both_backends!(
    a_registrar_cannot_reach_an_admin_in_any_account_route,
    a_registrar_cannot_grant_or_gain_permissions,
    a_registrar_manages_students_and_staff_like_themselves,
    a_registrar_cannot_take_over_a_teachers_assistant,
    an_admin_grants_only_what_they_hold,
);

/// A teacher holding only `manage_accounts`, signed in.
async fn registrar(app: &TestApp) -> (Account, Api) {
    let account = with_permissions(app, Role::Teacher, json!(["manage_accounts"])).await;
    let api = app.as_user(&account).await;
    (account, api)
}

async fn with_permissions(app: &TestApp, role: Role, permissions: Value) -> Account {
    let account = app.add(role, &app.school.id);
    app.as_user(&app.school.admin)
        .await
        .patch(
            &format!("/users/{}", account.id),
            json!({ "permissions": permissions }),
        )
        .await
        .expect(200);
    account
}

#[track_caller]
fn refused(reply: Reply) {
    reply.expect_error(403, "forbidden");
}

async fn account(app: &TestApp, id: &str) -> Value {
    app.as_user(&app.school.admin)
        .await
        .get(&format!("/users/{id}"))
        .await
        .expect(200)
        .body
}

async fn a_registrar_cannot_reach_an_admin_in_any_account_route(app: TestApp) {
    let (_, registrar) = registrar(&app).await;
    let admin = &app.school.admin;
    let before = account(&app, &admin.id).await;
    let user = format!("/users/{}", admin.id);
    let ids = json!({ "user_ids": [admin.id] });

    refused(
        registrar
            .patch(&user, json!({ "first_name": "Mallory" }))
            .await,
    );
    refused(
        registrar
            .patch(&user, json!({ "status": "disabled" }))
            .await,
    );
    refused(registrar.patch(&user, json!({ "role": "teacher" })).await);
    refused(
        registrar
            .patch(&user, json!({ "email": "mallory@evil.test" }))
            .await,
    );
    refused(
        registrar
            .patch(&user, json!({ "password": "a temporary password of mine" }))
            .await,
    );
    refused(
        registrar
            .post(&format!("{user}/reset-password"), Value::Null)
            .await,
    );
    refused(
        registrar
            .post(
                "/users/password-sheets",
                json!({ "user_ids": [admin.id], "layout": "paper_saver" }),
            )
            .await,
    );
    refused(
        registrar
            .post(
                "/users/bulk",
                json!({ "user_ids": [admin.id], "status": "suspended" }),
            )
            .await,
    );
    refused(
        registrar
            .post(
                "/users/bulk",
                json!({ "user_ids": [admin.id], "revoke_permissions": ["manage_accounts"] }),
            )
            .await,
    );
    refused(registrar.send(Method::DELETE, &user, None).await);
    refused(registrar.post("/users/bulk-delete", ids).await);

    // The admin is untouched and still signs in with their own password.
    assert_eq!(account(&app, &admin.id).await, before);
    app.login(&admin.email, &admin.password).await.expect(200);
}

async fn a_registrar_cannot_grant_or_gain_permissions(app: TestApp) {
    let (me, registrar) = registrar(&app).await;
    let own = format!("/users/{}", me.id);
    // Not to themselves…
    refused(
        registrar
            .post(
                "/users/bulk",
                json!({ "user_ids": [me.id], "grant_permissions": ["manage_school"] }),
            )
            .await,
    );
    refused(
        registrar
            .patch(
                &own,
                json!({ "permissions": ["manage_accounts", "manage_school"] }),
            )
            .await,
    );
    registrar
        .patch(&own, json!({ "role": "admin" }))
        .await
        .expect_error(409, "own_account");
    // …nor to anyone else, not even the ones they hold…
    let teacher = with_permissions(&app, Role::Teacher, json!([])).await;
    for grant in ["manage_school", "manage_accounts"] {
        refused(
            registrar
                .post(
                    "/users/bulk",
                    json!({ "user_ids": [teacher.id], "grant_permissions": [grant] }),
                )
                .await,
        );
    }
    refused(
        registrar
            .patch(
                &format!("/users/{}", teacher.id),
                json!({ "role": "admin" }),
            )
            .await,
    );
    // …nor by making admins or teachers with permissions they lack.
    let new = |role: &str, permissions: Option<Value>| {
        let mut body = json!({ "role": role, "first_name": "New", "last_name": role,
                               "email": format!("{role}-{}@new.test", uuid::Uuid::now_v7().simple()) });
        if let Some(permissions) = permissions {
            body["permissions"] = permissions;
        }
        body
    };
    refused(registrar.post("/users", new("admin", None)).await);
    refused(
        registrar
            .post("/users", new("admin", Some(json!([]))))
            .await,
    );
    refused(registrar.post("/users", new("teacher", None)).await);
    refused(
        registrar
            .post("/users", new("teacher", Some(json!(["hall_monitor"]))))
            .await,
    );
    // An assistant would act with a teacher's powers, which the registrar lacks.
    let powerful = app.add(Role::Teacher, &app.school.id);
    app.as_user(&app.school.admin)
        .await
        .patch(
            &format!("/users/{}", powerful.id),
            json!({ "permissions": ["hall_monitor"] }),
        )
        .await
        .expect(200);
    let mut assistant = new("assistant", None);
    assistant["acts_for"] = json!([powerful.id]);
    refused(registrar.post("/users", assistant).await);

    let mine = account(&app, &me.id).await;
    assert_eq!(mine["permissions"], json!(["manage_accounts"]));
    assert_eq!(mine["role"], "teacher");
    assert_eq!(account(&app, &teacher.id).await["permissions"], json!([]));
}

async fn a_registrar_manages_students_and_staff_like_themselves(app: TestApp) {
    let (_, registrar) = registrar(&app).await;
    let student = app.add(Role::Student, &app.school.id);
    let path = format!("/users/{}", student.id);
    registrar
        .patch(&path, json!({ "first_name": "Renamed", "grade": "10" }))
        .await
        .expect(200);
    registrar
        .post(&format!("{path}/reset-password"), Value::Null)
        .await
        .expect(200);
    // A teacher without permissions, with no more than the registrar holds, and an assistant
    // for such a teacher.
    let created = registrar
        .post(
            "/users",
            json!({ "role": "teacher", "first_name": "Plain", "last_name": "Teacher",
                    "email": "plain.teacher@roosevelt.test", "permissions": [] }),
        )
        .await
        .expect(201)
        .body;
    let plain = created["id"].as_str().expect("id");
    registrar
        .post(
            "/users",
            json!({ "role": "teacher", "first_name": "Second", "last_name": "Registrar",
                    "email": "second.registrar@roosevelt.test", "permissions": ["manage_accounts"] }),
        )
        .await
        .expect(201);
    registrar
        .post(
            "/users",
            json!({ "role": "assistant", "first_name": "Aide", "last_name": "Plain",
                    "email": "aide@roosevelt.test", "acts_for": [plain] }),
        )
        .await
        .expect(201);
    // A role change that keeps the permissions as they are is not a permission change.
    registrar
        .patch(&path, json!({ "role": "teacher", "permissions": [] }))
        .await
        .expect(200);
    // But a teacher holding more than the registrar is out of reach.
    let teacher = with_permissions(&app, Role::Teacher, json!(["hall_monitor"])).await;
    refused(
        registrar
            .patch(
                &format!("/users/{}", teacher.id),
                json!({ "first_name": "X" }),
            )
            .await,
    );
    refused(
        registrar
            .post(
                &format!("/users/{}/reset-password", teacher.id),
                Value::Null,
            )
            .await,
    );
    registrar
        .send(Method::DELETE, &format!("/users/{plain}"), None)
        .await
        .expect(200);
}

async fn an_admin_grants_only_what_they_hold(app: TestApp) {
    // A second admin whose manage_school was taken away.
    let limited = app.add(Role::Admin, &app.school.id);
    let admin = app.as_user(&app.school.admin).await;
    admin
        .patch(
            &format!("/users/{}", limited.id),
            json!({ "permissions": ["manage_accounts", "hall_monitor"] }),
        )
        .await
        .expect(200);
    let limited = app.as_user(&limited).await;
    let teacher = with_permissions(&app, Role::Teacher, json!([])).await;
    refused(
        limited
            .post(
                "/users/bulk",
                json!({ "user_ids": [teacher.id], "grant_permissions": ["manage_school"] }),
            )
            .await,
    );
    // Nor can they reach the admin who holds it…
    refused(
        limited
            .post(
                &format!("/users/{}/reset-password", app.school.admin.id),
                Value::Null,
            )
            .await,
    );
    // …but they grant what they hold.
    limited
        .post(
            "/users/bulk",
            json!({ "user_ids": [teacher.id], "grant_permissions": ["hall_monitor"] }),
        )
        .await
        .expect(200);
    assert_eq!(
        account(&app, &teacher.id).await["permissions"],
        json!(["hall_monitor"])
    );
}

/// An assistant holds no permission, but sees their teachers' room codes and decides their
/// requests: reaching the assistant would be reaching the teachers.
async fn a_registrar_cannot_take_over_a_teachers_assistant(app: TestApp) {
    let (_, registrar) = registrar(&app).await;
    let assistant = app.add_assistant(&app.school.id);
    let path = format!("/users/{}", assistant.id);
    refused(
        registrar
            .post(&format!("{path}/reset-password"), Value::Null)
            .await,
    );
    refused(
        registrar
            .post(
                "/users/password-sheets",
                json!({ "user_ids": [assistant.id], "layout": "paper_saver" }),
            )
            .await,
    );
    refused(
        registrar
            .patch(&path, json!({ "email": "mine@evil.test" }))
            .await,
    );
    refused(registrar.send(Method::DELETE, &path, None).await);
    app.login(&assistant.email, &assistant.password)
        .await
        .expect(200);
    // An assistant of a teacher who holds no more than the registrar is theirs to manage.
    let plain = with_permissions(&app, Role::Teacher, json!([])).await;
    let created = registrar
        .post(
            "/users",
            json!({ "role": "assistant", "first_name": "Aide", "last_name": "Plain",
                    "email": "aide.plain@roosevelt.test", "acts_for": [plain.id] }),
        )
        .await
        .expect(201)
        .body;
    registrar
        .post(
            &format!(
                "/users/{}/reset-password",
                created["id"].as_str().expect("id")
            ),
            Value::Null,
        )
        .await
        .expect(200);
}
