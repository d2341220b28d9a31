use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    password_sheets_activate_students,
    a_reset_password_is_shown_once_and_ends_sessions
);

/// The temporary password printed on the card of `email`.
fn password_on_card(html: &str, email: &str) -> String {
    let card = html
        .split("<section class=\"card\">")
        .find(|card| card.contains(email))
        .expect("a card");
    let after = card
        .split("<dt>Temporary password</dt><dd>")
        .nth(1)
        .expect("a password");
    after
        .split("</dd>")
        .next()
        .expect("password end")
        .to_owned()
}

async fn password_sheets_activate_students(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let student = admin
            .post("/users", json!({ "role": "student", "first_name": format!("Kid{n}"), "last_name": "Doe", "email": format!("kid{n}@school.test") }))
            .await
            .expect(201)
            .body;
        ids.push(student["id"].as_str().expect("id").to_owned());
    }
    app.login("kid0@school.test", "anything at all")
        .await
        .expect_error(401, "unauthenticated");

    for layout in ["paper_saver", "separate_pages"] {
        let response = admin
            .api_http()
            .post(format!("{}/api/v1/users/password-sheets", admin.base))
            .bearer_auth(admin.token.as_deref().expect("token"))
            .json(&json!({ "user_ids": ids, "layout": layout }))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/html"));
        assert_eq!(response.headers()["cache-control"], "no-store");
        let html = response.text().await.expect("html");
        assert_eq!(html.matches("<section class=\"card\">").count(), 3);
        assert!(html.contains(if layout == "paper_saver" {
            "paper-saver"
        } else {
            "separate-pages"
        }));
        assert!(
            html.contains("Kid1 Doe")
                && html.contains("Roosevelt High")
                && html.contains("Sign in at")
        );
        // The printed password signs the student in, who must then choose their own.
        let printed = password_on_card(&html, "kid1@school.test");
        let session = app
            .login("kid1@school.test", &printed)
            .await
            .expect(200)
            .body;
        assert_eq!(session["user"]["must_change_password"], true);
        assert!(session["user"]["activated_at"].is_string());
        let api = app
            .api
            .with_token(session["access_token"].as_str().expect("token"));
        api.get("/school")
            .await
            .expect_error(403, "password_change_required");
        api.post(
            "/me/password",
            json!({ "current_password": printed, "new_password": format!("my own {layout}") }),
        )
        .await
        .expect(200);
    }
    // A card needs a sign-in name: accounts without email are named, and nothing is reset.
    let nameless = admin
        .post(
            "/users",
            json!({ "role": "student", "first_name": "No", "last_name": "Mail" }),
        )
        .await
        .expect(201)
        .body;
    let refused = admin
        .post(
            "/users/password-sheets",
            json!({ "user_ids": [ids[2], nameless["id"]], "layout": "paper_saver" }),
        )
        .await
        .expect_error(422, "no_sign_in_name");
    assert_eq!(
        refused.body["error"]["details"]["user_ids"],
        json!([nameless["id"]])
    );
    app.login("kid1@school.test", "my own separate_pages")
        .await
        .expect(200);
    admin
        .post(
            "/users/password-sheets",
            json!({ "user_ids": ids, "layout": "poster" }),
        )
        .await
        .expect_error(400, "validation_failed");
}

async fn a_reset_password_is_shown_once_and_ends_sessions(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let student = app.add(Role::Student, &app.school.id);
    let (_, session) = app.sign_in(&student).await;
    let reset = admin
        .post(
            &format!("/users/{}/reset-password", student.id),
            Value::Null,
        )
        .await
        .expect(200)
        .body;
    let temporary = reset["temporary_password"].as_str().expect("password");
    assert!(temporary.len() >= 10);
    app.anon()
        .post(
            "/auth/refresh",
            json!({ "refresh_token": session["refresh_token"] }),
        )
        .await
        .expect_error(401, "unauthenticated");
    app.login(&student.email, &student.password)
        .await
        .expect_error(401, "unauthenticated");
    let fresh = app.login(&student.email, temporary).await.expect(200).body;
    assert_eq!(fresh["user"]["must_change_password"], true);
}
