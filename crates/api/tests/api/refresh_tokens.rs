use chrono::Duration;
use hallpass_api::auth::refresh_tokens::REUSE_INTERVAL_SECONDS;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    refresh_rotates_the_pair,
    reusing_a_rotated_token_revokes_the_family,
    a_retry_within_the_reuse_interval_gets_the_same_token,
    a_retry_after_its_answer_was_used_revokes_the_family,
    sign_out_revokes_the_family,
    a_disabled_user_cannot_refresh,
    unknown_tokens_are_refused,
    concurrent_refreshes_of_different_sessions_all_succeed,
    a_token_raced_against_itself_rotates_once,
);

async fn refresh(app: &TestApp, token: &str) -> crate::support::client::Reply {
    app.anon()
        .post("/auth/refresh", json!({ "refresh_token": token }))
        .await
}

fn refresh_token(session: &serde_json::Value) -> String {
    session["refresh_token"]
        .as_str()
        .expect("refresh_token")
        .to_owned()
}

async fn refresh_rotates_the_pair(app: TestApp) {
    let (_, first) = app.sign_in(&app.school.admin).await;
    let second = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    assert_ne!(refresh_token(&first), refresh_token(&second));
    assert_eq!(second["user"]["id"], app.school.admin.id.as_str());
    let token = second["access_token"].as_str().expect("access");
    app.api.with_token(token).get("/me").await.expect(200);
    let third = refresh(&app, &refresh_token(&second))
        .await
        .expect(200)
        .body;
    assert_ne!(refresh_token(&second), refresh_token(&third));
}

/// Presenting `token` again is refused as a reuse.
async fn expect_reuse_detected(app: &TestApp, token: &str) {
    let reused = refresh(app, token)
        .await
        .expect_error(401, "unauthenticated");
    assert!(
        reused.message().contains("used twice"),
        "{}",
        reused.message()
    );
}

async fn reusing_a_rotated_token_revokes_the_family(app: TestApp) {
    let (_, first) = app.sign_in(&app.school.admin).await;
    let second = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    app.clock
        .advance(Duration::seconds(REUSE_INTERVAL_SECONDS) + Duration::milliseconds(1));
    // A thief replays the first token: refused, and the legitimate newer token dies with it.
    expect_reuse_detected(&app, &refresh_token(&first)).await;
    refresh(&app, &refresh_token(&second))
        .await
        .expect_error(401, "unauthenticated");
    // Another sign-in of the same user is a different family and keeps working.
    let (_, other) = app.sign_in(&app.school.admin).await;
    refresh(&app, &refresh_token(&other)).await.expect(200);
}

async fn a_retry_within_the_reuse_interval_gets_the_same_token(app: TestApp) {
    let (_, first) = app.sign_in(&app.school.admin).await;
    let second = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    // The answer was lost (a reload, another tab that read the old token): the client retries.
    app.clock
        .advance(Duration::seconds(REUSE_INTERVAL_SECONDS) - Duration::seconds(1));
    let retried = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    assert_eq!(refresh_token(&retried), refresh_token(&second));
    assert_eq!(retried["user"]["id"], app.school.admin.id.as_str());
    let token = retried["access_token"].as_str().expect("access");
    app.api.with_token(token).get("/me").await.expect(200);
    // The family goes on, single-use as before.
    let third = refresh(&app, &refresh_token(&retried))
        .await
        .expect(200)
        .body;
    refresh(&app, &refresh_token(&third)).await.expect(200);
}

async fn a_retry_after_its_answer_was_used_revokes_the_family(app: TestApp) {
    let (_, first) = app.sign_in(&app.school.admin).await;
    let second = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    let third = refresh(&app, &refresh_token(&second))
        .await
        .expect(200)
        .body;
    // Within the interval still, but the second token was spent: not a retry, a reuse.
    expect_reuse_detected(&app, &refresh_token(&first)).await;
    refresh(&app, &refresh_token(&third))
        .await
        .expect_error(401, "unauthenticated");
}

async fn sign_out_revokes_the_family(app: TestApp) {
    let (_, first) = app.sign_in(&app.school.admin).await;
    let second = refresh(&app, &refresh_token(&first)).await.expect(200).body;
    app.anon()
        .post(
            "/auth/logout",
            json!({ "refresh_token": refresh_token(&second) }),
        )
        .await
        .expect(204);
    refresh(&app, &refresh_token(&second))
        .await
        .expect_error(401, "unauthenticated");
    // Unknown tokens sign out quietly too.
    app.anon()
        .post("/auth/logout", json!({ "refresh_token": "never-issued" }))
        .await
        .expect(204);
}

async fn a_disabled_user_cannot_refresh(app: TestApp) {
    let teacher = app.add(hallpass_shared::user::Role::Teacher, &app.school.id);
    let (_, session) = app.sign_in(&teacher).await;
    app.set_column_status(&teacher.id, "disabled");
    refresh(&app, &refresh_token(&session))
        .await
        .expect_error(403, "account_disabled");
}

async fn unknown_tokens_are_refused(app: TestApp) {
    refresh(&app, "not-a-token")
        .await
        .expect_error(401, "unauthenticated");
    refresh(&app, "")
        .await
        .expect_error(400, "validation_failed");
}

async fn concurrent_refreshes_of_different_sessions_all_succeed(app: TestApp) {
    let mut tokens = Vec::new();
    for _ in 0..12 {
        tokens.push(refresh_token(&app.sign_in(&app.school.admin).await.1));
    }
    for _round in 0..3 {
        let replies = futures_util::future::join_all(tokens.iter().map(|t| refresh(&app, t))).await;
        tokens = replies
            .into_iter()
            .map(|r| refresh_token(&r.expect(200).body))
            .collect();
    }
}

async fn a_token_raced_against_itself_rotates_once(app: TestApp) {
    let token = refresh_token(&app.sign_in(&app.school.admin).await.1);
    let replies = futures_util::future::join_all((0..10).map(|_| refresh(&app, &token))).await;
    // One use rotates; the others are retries and get the same new token.
    let tokens: std::collections::BTreeSet<_> = replies
        .into_iter()
        .map(|r| refresh_token(&r.expect(200).body))
        .collect();
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    let next = tokens.first().expect("one token");
    refresh(&app, next).await.expect(200);
}
