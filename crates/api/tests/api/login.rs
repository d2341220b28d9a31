use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    signs_in_and_returns_the_user,
    wrong_password_and_unknown_email_answer_alike,
    disabled_and_suspended_accounts_cannot_sign_in,
    a_student_without_a_password_cannot_sign_in,
    an_assistant_needs_a_teacher,
    email_is_case_insensitive,
);

async fn signs_in_and_returns_the_user(app: TestApp) {
    let admin = &app.school.admin;
    let session = app
        .login(&admin.email, &admin.password)
        .await
        .expect(200)
        .body;
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 900);
    assert!(session["refresh_token"]
        .as_str()
        .is_some_and(|t| t.len() >= 40));
    let user = &session["user"];
    assert_eq!(user["id"], admin.id.as_str());
    assert_eq!(user["role"], "admin");
    assert_eq!(user["status"], "active");
    assert_eq!(user["school"]["id"], app.school.id.as_str());
    assert_eq!(user["must_change_password"], false);
    assert!(
        user["activated_at"].is_string(),
        "the first sign-in activates: {user:#}"
    );
    assert_eq!(
        user["permissions"].as_array().map(Vec::len),
        Some(8),
        "admins start with every permission"
    );

    let token = session["access_token"].as_str().expect("token");
    let me = app.api.with_token(token).get("/me").await.expect(200).body;
    assert_eq!(me["email"], admin.email.as_str());
    assert_eq!(me["school"]["name"], "Roosevelt High");

    let teacher = app.add(Role::Teacher, &app.school.id);
    let me = app
        .as_user(&teacher)
        .await
        .get("/me")
        .await
        .expect(200)
        .body;
    assert_eq!(me["permissions"], json!(["hall_monitor", "send_passes"]));
}

async fn wrong_password_and_unknown_email_answer_alike(app: TestApp) {
    let wrong = app
        .login(&app.school.admin.email, "not the password")
        .await
        .expect_error(401, "unauthenticated");
    let unknown = app
        .login("nobody@nowhere.test", "not the password")
        .await
        .expect_error(401, "unauthenticated");
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.message(), "Email or password is incorrect.");
}

async fn disabled_and_suspended_accounts_cannot_sign_in(app: TestApp) {
    for status in ["disabled", "suspended"] {
        let student = app.add(Role::Student, &app.school.id);
        app.set_column_status(&student.id, status);
        app.login(&student.email, &student.password)
            .await
            .expect_error(403, "account_disabled");
        // A wrong password still answers 401: the status is only told to someone who knows it.
        app.login(&student.email, "wrong password")
            .await
            .expect_error(401, "unauthenticated");
    }
}

async fn a_student_without_a_password_cannot_sign_in(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let id = student.id.clone();
    app.db
        .run_blocking(move |conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::users;
            Ok(diesel::update(users::table.find(&id))
                .set(users::password_hash.eq(None::<String>))
                .execute(conn)?)
        })
        .expect("clear password");
    app.login(&student.email, "")
        .await
        .expect_error(400, "validation_failed");
    app.login(&student.email, &student.password)
        .await
        .expect_error(401, "unauthenticated");
}

async fn an_assistant_needs_a_teacher(app: TestApp) {
    let lone = app.add(Role::Assistant, &app.school.id);
    let refused = app
        .login(&lone.email, &lone.password)
        .await
        .expect_error(403, "forbidden");
    assert!(refused.message().contains("teacher"));

    let assistant = app.add_assistant(&app.school.id);
    let me = app
        .as_user(&assistant)
        .await
        .get("/me")
        .await
        .expect(200)
        .body;
    assert_eq!(me["acts_for"].as_array().map(Vec::len), Some(1));
}

async fn email_is_case_insensitive(app: TestApp) {
    let admin = &app.school.admin;
    app.login(&admin.email.to_uppercase(), &admin.password)
        .await
        .expect(200);
}
