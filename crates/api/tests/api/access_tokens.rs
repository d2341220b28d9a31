//! Attacks on access tokens, made with the server's own secret where that makes them sharper.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use hallpass_shared::user::Role;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{TestApp, JWT_SECRET};

on_both_backends!(
    forged_and_malformed_tokens_are_refused,
    a_disabled_users_token_stops_working_at_once,
    a_deleted_users_token_stops_working,
);

fn sign(claims: &Value, secret: &str) -> String {
    encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("encode")
}

fn claims(sub: &str) -> Value {
    let now = Utc::now().timestamp();
    json!({ "iss": "hallpass", "aud": "hallpass-api", "sub": sub, "exp": now + 600, "nbf": now, "iat": now, "typ": "access" })
}

fn with(sub: &str, key: &str, value: Value) -> Value {
    let mut claims = claims(sub);
    claims[key] = value;
    claims
}

async fn forged_and_malformed_tokens_are_refused(app: TestApp) {
    let id = app.school.admin.id.as_str();
    let now = Utc::now().timestamp();
    // The control: a token made exactly like the server's is accepted.
    app.api
        .with_token(&sign(&claims(id), JWT_SECRET))
        .get("/me")
        .await
        .expect(200);

    let (_, session) = app.sign_in(&app.school.admin).await;
    let real = session["access_token"].as_str().expect("token").to_owned();
    let mut tampered = real.clone();
    let last = tampered.pop().expect("a character");
    tampered.push(if last == 'A' { 'B' } else { 'A' });

    let header_none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims(id).to_string());
    let alg_none = format!("{header_none}.{body}.");
    // Claims of someone else pasted onto a real signature.
    let parts: Vec<&str> = real.split('.').collect();
    let swapped = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims(&app.other_school.admin.id).to_string()),
        parts[2]
    );

    let attacks = [
        ("tampered signature", tampered),
        ("alg none", alg_none),
        ("swapped claims", swapped),
        (
            "other secret",
            sign(&claims(id), "another-secret-that-is-also-32-bytes-long"),
        ),
        (
            "expired",
            sign(&with(id, "exp", json!(now - 3600)), JWT_SECRET),
        ),
        (
            "not yet valid",
            sign(&with(id, "nbf", json!(now + 3600)), JWT_SECRET),
        ),
        (
            "wrong audience",
            sign(&with(id, "aud", json!("someone-else")), JWT_SECRET),
        ),
        (
            "wrong issuer",
            sign(&with(id, "iss", json!("evil")), JWT_SECRET),
        ),
        (
            "refresh type",
            sign(&with(id, "typ", json!("refresh")), JWT_SECRET),
        ),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (what, token) in attacks {
        let reply = app.api.with_token(&token).get("/me").await;
        assert_eq!(
            reply.status.as_u16(),
            401,
            "{what} was not refused: {:#}",
            reply.body
        );
        assert_eq!(reply.code(), "unauthenticated", "{what}");
    }
    app.anon()
        .get("/me")
        .await
        .expect_error(401, "unauthenticated");
    let basic = app
        .api
        .http
        .get(format!("{}/api/v1/me", app.api.base))
        .header("authorization", "Basic YTpi");
    assert_eq!(basic.send().await.expect("answer").status().as_u16(), 401);
}

async fn a_disabled_users_token_stops_working_at_once(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let api = app.as_user(&teacher).await;
    api.get("/school").await.expect(200);
    app.set_column_status(&teacher.id, "disabled");
    api.get("/school")
        .await
        .expect_error(403, "account_disabled");
    api.get("/me").await.expect_error(403, "account_disabled");
    app.set_column_status(&teacher.id, "suspended");
    api.get("/me").await.expect_error(403, "account_disabled");
    app.set_column_status(&teacher.id, "active");
    api.get("/me").await.expect(200);
}

async fn a_deleted_users_token_stops_working(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let api = app.as_user(&teacher).await;
    let id = teacher.id.clone();
    app.db
        .run_blocking(move |conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::users;
            Ok(diesel::delete(users::table.find(&id)).execute(conn)?)
        })
        .expect("delete");
    api.get("/me").await.expect_error(401, "unauthenticated");
}
