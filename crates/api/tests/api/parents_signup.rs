//! `POST /auth/parent-signup`: the password rules, and an answer that never tells whether an
//! email already has an account.
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    bad_sign_ups_name_the_field,
    sign_up_then_sign_in,
    the_answer_reveals_no_account
);

fn signup(email: &str, password: &str) -> Value {
    json!({ "first_name": "Dana", "last_name": "Lee", "email": email, "password": password })
}

async fn bad_sign_ups_name_the_field(app: TestApp) {
    let anon = app.anon();
    let long = "x".repeat(129);
    let cases = [
        (signup("dana@family.test", "short7!"), "password"),
        (signup("dana@family.test", &long), "password"),
        (signup("dana@family.test", "password1"), "password"),
        (signup("dana@family.test", "Iloveyou123"), "password"),
        (signup("dana@family.test", "        "), "password"),
        (signup("not-an-email", "a long enough secret"), "email"),
        (
            json!({ "first_name": "", "last_name": "Lee", "email": "d@family.test", "password": "a long enough secret" }),
            "first_name",
        ),
        (
            json!({ "first_name": "Dana", "last_name": "  ", "email": "d@family.test", "password": "a long enough secret" }),
            "last_name",
        ),
    ];
    for (body, field) in cases {
        let reply = anon
            .post("/auth/parent-signup", body.clone())
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"]
                .get(field)
                .is_some(),
            "{body}: {:#}",
            reply.body
        );
    }
    let missing = json!({ "first_name": "Dana", "email": "d@family.test", "password": "a long enough secret" });
    anon.post("/auth/parent-signup", missing)
        .await
        .expect_error(400, "validation_failed");
    // 128 characters of anything is fine (ASVS: at least 64 allowed, no composition rules).
    anon.post(
        "/auth/parent-signup",
        signup("long@family.test", &"é".repeat(128)),
    )
    .await
    .expect(202);
}

async fn sign_up_then_sign_in(app: TestApp) {
    let reply = app
        .anon()
        .post(
            "/auth/parent-signup",
            signup("Dana.Lee@Family.test", "a long enough secret"),
        )
        .await
        .expect(202);
    assert!(reply.body.get("access_token").is_none());
    let session = app
        .login("dana.lee@family.test", "a long enough secret")
        .await
        .expect(200)
        .body;
    assert_eq!(session["user"]["role"], "parent");
    assert_eq!(session["user"]["school"], Value::Null);
    assert_eq!(session["user"]["permissions"], json!([]));
    assert_eq!(session["user"]["must_change_password"], false);
}

async fn the_answer_reveals_no_account(app: TestApp) {
    let anon = app.anon();
    let new = anon
        .post(
            "/auth/parent-signup",
            signup("new@family.test", "a long enough secret"),
        )
        .await
        .expect(202);
    // A staff member's address and an already-registered parent's get the same answer …
    for taken in [app.school.admin.email.as_str(), "NEW@family.test"] {
        let again = anon
            .post("/auth/parent-signup", signup(taken, "another long secret"))
            .await
            .expect(202);
        assert_eq!(again.body, new.body);
        assert_eq!(
            again.headers.get("content-type"),
            new.headers.get("content-type")
        );
    }
    // … and change nothing: the first password still works, the second does not.
    app.login("new@family.test", "a long enough secret")
        .await
        .expect(200);
    app.login("new@family.test", "another long secret")
        .await
        .expect_error(401, "unauthenticated");
    app.login(&app.school.admin.email, &app.school.admin.password)
        .await
        .expect(200);

    // Simultaneous sign-ups for one email: one account, and the same answer for each.
    let race = (0..6).map(|_| {
        let anon = app.anon();
        async move {
            anon.post(
                "/auth/parent-signup",
                signup("race@family.test", "a long enough secret"),
            )
            .await
        }
    });
    for reply in futures_util::future::join_all(race).await {
        assert_eq!(reply.expect(202).body, new.body);
    }
    app.login("race@family.test", "a long enough secret")
        .await
        .expect(200);
}
