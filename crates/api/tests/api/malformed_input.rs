use reqwest::Method;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(malformed_bodies_answer_400_never_500);

/// What is sent, where, and the status it must get.
type Case = (
    &'static str,
    Method,
    &'static str,
    &'static str,
    Vec<u8>,
    u16,
);

async fn malformed_bodies_answer_400_never_500(app: TestApp) {
    let anon = app.anon();
    let admin = app.as_user(&app.school.admin).await;
    let json = "application/json";
    let cases: Vec<Case> = vec![
        (
            "not JSON",
            Method::POST,
            "/auth/login",
            json,
            b"{not json".to_vec(),
            400,
        ),
        (
            "empty body",
            Method::POST,
            "/auth/login",
            json,
            Vec::new(),
            400,
        ),
        (
            "JSON array",
            Method::POST,
            "/auth/login",
            json,
            b"[1,2]".to_vec(),
            400,
        ),
        (
            "wrong type",
            Method::POST,
            "/auth/login",
            json,
            br#"{"email": 5, "password": "x"}"#.to_vec(),
            400,
        ),
        (
            "missing field",
            Method::POST,
            "/auth/login",
            json,
            br#"{"email": "a@b.c"}"#.to_vec(),
            400,
        ),
        (
            "unknown field",
            Method::POST,
            "/auth/login",
            json,
            br#"{"email": "a@b.c", "password": "x", "admin": true}"#.to_vec(),
            400,
        ),
        (
            "wrong content type",
            Method::POST,
            "/auth/login",
            "text/plain",
            br#"{"email": "a@b.c", "password": "x"}"#.to_vec(),
            400,
        ),
        (
            "invalid UTF-8",
            Method::POST,
            "/auth/login",
            json,
            vec![b'{', 0xff, 0xfe, b'}'],
            400,
        ),
        (
            "huge body",
            Method::POST,
            "/auth/login",
            json,
            vec![b' '; 1024 * 1024],
            413,
        ),
        (
            "null for a number",
            Method::PATCH,
            "/school",
            json,
            br#"{"default_pass_minutes": null}"#.to_vec(),
            400,
        ),
        (
            "string for a number",
            Method::PATCH,
            "/school",
            json,
            br#"{"default_pass_minutes": "5"}"#.to_vec(),
            400,
        ),
        (
            "overflowing number",
            Method::PATCH,
            "/school",
            json,
            br#"{"default_pass_minutes": 99999999999}"#.to_vec(),
            400,
        ),
    ];
    for (what, method, path, content_type, body, status) in cases {
        let client = if path == "/school" { &admin } else { &anon };
        let reply = client.send_raw(method, path, content_type, body).await;
        assert_eq!(reply.status.as_u16(), status, "{what}: {:#}", reply.body);
        let code = if status == 413 {
            "payload_too_large"
        } else {
            "validation_failed"
        };
        assert_eq!(reply.code(), code, "{what}: {:#}", reply.body);
    }
    let unknown = anon
        .send_raw(
            Method::POST,
            "/auth/login",
            json,
            br#"{"email": "a@b.c", "password": "x", "admin": true}"#.to_vec(),
        )
        .await;
    assert!(
        unknown.body["error"]["details"]["fields"]["admin"].is_array(),
        "{:#}",
        unknown.body
    );
    // Nothing was changed by any of it.
    assert_eq!(
        admin.get("/school").await.expect(200).body["default_pass_minutes"],
        5
    );
}
