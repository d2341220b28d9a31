use hallpass_shared::user::Role;

use crate::support::app::limit;
use crate::support::{Backend, Options, TestApp};

/// Throttling is in memory and backend-neutral, so SQLite alone is enough here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_throttled_per_account() {
    let mut options = Options::default();
    options.limits.login_per_account = limit(3);
    let app = TestApp::spawn_with(Backend::Sqlite, options).await;
    let admin = &app.school.admin;
    for _ in 0..3 {
        app.login(&admin.email, "guess")
            .await
            .expect_error(401, "unauthenticated");
    }
    let limited = app
        .login(&admin.email, &admin.password)
        .await
        .expect_error(429, "rate_limited");
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(
        (1..=3600).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    // Unknown emails are throttled the same way, so the limit reveals nothing.
    for _ in 0..3 {
        app.login("ghost@nowhere.test", "guess")
            .await
            .expect_error(401, "unauthenticated");
    }
    app.login("ghost@nowhere.test", "guess")
        .await
        .expect_error(429, "rate_limited");
    // Other accounts are unaffected.
    let teacher = app.add(Role::Teacher, &app.school.id);
    app.login(&teacher.email, &teacher.password)
        .await
        .expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_throttled_per_address() {
    let mut options = Options::default();
    options.limits.login_per_address = limit(5);
    let app = TestApp::spawn_with(Backend::Sqlite, options).await;
    for n in 0..5 {
        app.login(&format!("user{n}@nowhere.test"), "guess")
            .await
            .expect_error(401, "unauthenticated");
    }
    app.login(&app.school.admin.email, &app.school.admin.password)
        .await
        .expect_error(429, "rate_limited");
}
