use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    a_temporary_password_must_be_changed_first,
    password_change_validates_its_input
);

async fn a_temporary_password_must_be_changed_first(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    app.set_must_change_password(&teacher.id);
    let (api, first) = app.sign_in(&teacher).await;
    assert_eq!(first["user"]["must_change_password"], true);

    // Only /me, /me/password and /auth/* answer until the password is changed.
    api.get("/me").await.expect(200);
    api.get("/school")
        .await
        .expect_error(403, "password_change_required");
    api.get(&format!("/users/{}", teacher.id))
        .await
        .expect_error(403, "password_change_required");

    let changed = api
        .post("/me/password", json!({ "current_password": teacher.password, "new_password": "a brand new passphrase" }))
        .await
        .expect(200)
        .body;
    assert_eq!(changed["user"]["must_change_password"], false);
    let fresh = app
        .api
        .with_token(changed["access_token"].as_str().expect("token"));
    fresh.get("/school").await.expect(200);

    // Older sessions are signed out; the old password no longer works, the new one does.
    app.anon()
        .post(
            "/auth/refresh",
            json!({ "refresh_token": first["refresh_token"] }),
        )
        .await
        .expect_error(401, "unauthenticated");
    app.anon()
        .post(
            "/auth/refresh",
            json!({ "refresh_token": changed["refresh_token"] }),
        )
        .await
        .expect(200);
    app.login(&teacher.email, &teacher.password)
        .await
        .expect_error(401, "unauthenticated");
    app.login(&teacher.email, "a brand new passphrase")
        .await
        .expect(200);
}

async fn password_change_validates_its_input(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let api = app.as_user(&teacher).await;
    let wrong = api
        .post(
            "/me/password",
            json!({ "current_password": "not it", "new_password": "long enough password" }),
        )
        .await
        .expect_error(400, "validation_failed");
    assert!(wrong.body["error"]["details"]["fields"]["current_password"].is_array());
    let short = api
        .post(
            "/me/password",
            json!({ "current_password": teacher.password, "new_password": "short" }),
        )
        .await
        .expect_error(400, "validation_failed");
    assert!(short.body["error"]["details"]["fields"]["new_password"].is_array());
    api.post(
        "/me/password",
        json!({ "current_password": teacher.password, "new_password": "          " }),
    )
    .await
    .expect_error(400, "validation_failed");
    // One of the most common passwords is refused (OWASP ASVS 2.1.7).
    api.post(
        "/me/password",
        json!({ "current_password": teacher.password, "new_password": "Password123" }),
    )
    .await
    .expect_error(400, "validation_failed");
    // Nothing changed: the original password still signs in.
    app.login(&teacher.email, &teacher.password)
        .await
        .expect(200);
}
