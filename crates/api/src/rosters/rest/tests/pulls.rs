use std::sync::Mutex;
use std::time::Duration;

use super::fake::{Fake, Script, SECRET};
use super::{failure, ids, limits, pull_from, students};
use crate::rosters::rest::{pull, test, PullLimits};

#[tokio::test]
async fn a_wrong_secret_is_refused_and_never_repeated() {
    let fake = Fake::start(Script::default());
    let mut server = fake.server();
    server.client_secret = "not-the-secret".to_owned();
    let err = failure(pull(&server, &limits(), &|_| {}).await);
    assert_eq!(err.code, "oneroster_auth_failed");
    assert!(!err.message.contains("not-the-secret") && !err.message.contains(SECRET));
    // Basic, then the form for servers that want it there; nothing else was asked.
    assert_eq!(fake.seen_for("token").len(), 2);
    assert_eq!(fake.seen().len(), 2);
}

#[tokio::test]
async fn the_credentials_go_by_basic_auth_or_else_in_the_form() {
    let basic = Fake::start(Script::default());
    pull_from(&basic, &limits())
        .await
        .expect("signed in by Basic");
    assert_eq!(basic.seen_for("token").len(), 1);
    let form = Fake::start(Script {
        form_credentials_only: true,
        ..Script::default()
    });
    pull_from(&form, &limits())
        .await
        .expect("signed in by the form");
    let statuses: Vec<u16> = form
        .seen_for("token")
        .iter()
        .map(|seen| seen.status)
        .collect();
    assert_eq!(statuses, vec![401, 200]);
}

#[tokio::test]
async fn pages_are_read_until_a_short_page() {
    let fake = Fake::start(Script {
        users: students(5),
        ..Script::default()
    });
    let fetched = Mutex::new(Vec::new());
    let record = |count: u64| fetched.lock().expect("progress").push(count);
    let files = pull(&fake.server(), &limits(), &record)
        .await
        .expect("pulled");
    assert_eq!(fake.offsets_of("users"), vec![0, 2, 4]);
    assert!(fake
        .seen_for("users")
        .iter()
        .all(|seen| seen.limit == Some(2)));
    assert_eq!(ids(&files, "users.csv"), ["S1", "S2", "S3", "S4", "S5"]);
    // One org, then the users' pages, then the (empty) enrollments.
    assert_eq!(fetched.into_inner().expect("progress"), vec![1, 3, 5, 6, 6]);
}

#[tokio::test]
async fn a_full_last_page_is_followed_by_an_empty_one() {
    let fake = Fake::start(Script {
        users: students(4),
        ..Script::default()
    });
    let files = pull_from(&fake, &limits()).await.expect("pulled");
    assert_eq!(fake.offsets_of("users"), vec![0, 2, 4]);
    assert_eq!(ids(&files, "users.csv").len(), 4);
}

#[tokio::test]
async fn a_server_giving_fewer_than_asked_is_read_to_its_total() {
    let fake = Fake::start(Script {
        users: students(5),
        max_limit: Some(2),
        ..Script::default()
    });
    let asking_for_ten = PullLimits {
        page_size: 10,
        ..limits()
    };
    let files = pull_from(&fake, &asking_for_ten).await.expect("pulled");
    assert_eq!(fake.offsets_of("users"), vec![0, 2, 4]);
    assert_eq!(ids(&files, "users.csv").len(), 5);
}

#[tokio::test]
async fn a_server_that_ignores_offset_is_a_bad_answer() {
    let fake = Fake::start(Script {
        users: students(6),
        ignore_offset: true,
        ..Script::default()
    });
    // Without the guard, the cap on records would stop it, with another error.
    let bounded = PullLimits {
        max_records: 100,
        ..limits()
    };
    let err = failure(pull_from(&fake, &bounded).await);
    assert_eq!(err.code, "oneroster_bad_answer");
    assert!(err.message.contains("offset"), "{}", err.message);
    assert_eq!(fake.offsets_of("users"), vec![0, 2]);
}

#[tokio::test]
async fn more_records_than_the_limit_fail_rather_than_import_in_part() {
    let fake = Fake::start(Script {
        users: students(5),
        ..Script::default()
    });
    let three = PullLimits {
        max_records: 3,
        ..limits()
    };
    let err = failure(pull_from(&fake, &three).await);
    assert_eq!(err.code, "oneroster_too_large");
    assert_eq!(fake.offsets_of("users"), vec![0, 2]);
}

#[tokio::test]
async fn retry_after_is_waited_before_asking_again() {
    let fake = Fake::start(Script {
        users: students(1),
        too_many_requests: 1,
        retry_after: Some("1"),
        ..Script::default()
    });
    pull_from(&fake, &limits()).await.expect("pulled");
    let users = fake.seen_for("users");
    let statuses: Vec<u16> = users.iter().map(|seen| seen.status).collect();
    assert_eq!(statuses, vec![429, 200]);
    assert!(users[1].at - users[0].at >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_server_error_is_retried_after_a_backoff() {
    let fake = Fake::start(Script {
        users: students(1),
        unavailable: 1,
        ..Script::default()
    });
    pull_from(&fake, &limits()).await.expect("pulled");
    let users = fake.seen_for("users");
    let statuses: Vec<u16> = users.iter().map(|seen| seen.status).collect();
    assert_eq!(statuses, vec![503, 200]);
    assert!(users[1].at - users[0].at >= Duration::from_secs(2));
}

#[tokio::test]
async fn too_many_requests_after_the_last_retry_is_rate_limited() {
    let fake = Fake::start(Script {
        users: students(1),
        too_many_requests: 10,
        retry_after: Some("0"),
        ..Script::default()
    });
    let two = PullLimits {
        max_retries: 2,
        ..limits()
    };
    let err = failure(pull_from(&fake, &two).await);
    assert_eq!(err.code, "oneroster_rate_limited");
    assert_eq!(fake.seen_for("users").len(), 3);
}

#[tokio::test]
async fn a_long_retry_after_is_cut_to_the_cap() {
    let fake = Fake::start(Script {
        users: students(1),
        too_many_requests: 1,
        retry_after: Some("3600"),
        ..Script::default()
    });
    let capped = PullLimits {
        max_wait: Duration::from_millis(200),
        ..limits()
    };
    tokio::time::timeout(Duration::from_secs(30), pull_from(&fake, &capped))
        .await
        .expect("the wait was capped")
        .expect("pulled");
}

#[tokio::test]
async fn a_token_refused_mid_pull_is_renewed_once() {
    let fake = Fake::start(Script {
        users: students(3),
        token_uses: Some(2),
        ..Script::default()
    });
    let files = pull_from(&fake, &limits()).await.expect("pulled");
    assert_eq!(ids(&files, "users.csv").len(), 3);
    assert!(fake.seen_for("token").len() >= 2);
    // A server that refuses every token: one renewal, then the pull stops.
    let refusing = Fake::start(Script {
        token_uses: Some(0),
        ..Script::default()
    });
    let err = failure(pull_from(&refusing, &limits()).await);
    assert_eq!(err.code, "oneroster_auth_failed");
    assert_eq!(refusing.seen_for("token").len(), 2);
    assert_eq!(refusing.seen_for("orgs").len(), 2);
}

#[tokio::test]
async fn an_answer_larger_than_the_cap_is_refused() {
    let fake = Fake::start(Script {
        users: students(1),
        padding: 10_000,
        ..Script::default()
    });
    let small = PullLimits {
        max_page_bytes: 4096,
        ..limits()
    };
    let err = failure(pull_from(&fake, &small).await);
    assert_eq!(err.code, "oneroster_bad_answer");
    assert!(err.message.contains("larger than"), "{}", err.message);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = Fake::start(Script::default());
    let fake = Fake::start(Script {
        redirect_users_to: Some(format!("{}/ims/oneroster/v1p1/users", elsewhere.origin)),
        ..Script::default()
    });
    let err = failure(pull_from(&fake, &limits()).await);
    assert_eq!(err.code, "oneroster_bad_answer");
    assert!(elsewhere.seen().is_empty());
}

#[tokio::test]
async fn a_server_that_does_not_answer_in_time_is_unreachable() {
    let fake = Fake::start(Script {
        stall: Some(Duration::from_secs(3)),
        ..Script::default()
    });
    let impatient = PullLimits {
        timeout: Duration::from_millis(300),
        ..limits()
    };
    let err = failure(pull_from(&fake, &impatient).await);
    assert_eq!(err.code, "oneroster_unreachable");
    assert!(err.message.contains("127.0.0.1"), "{}", err.message);
}

#[tokio::test]
async fn nothing_listening_is_unreachable_with_the_host_named() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let fake = Fake::start(Script::default());
    let mut server = fake.server();
    server.token_url = format!("http://127.0.0.1:{port}/oauth/token");
    let err = failure(pull(&server, &limits(), &|_| {}).await);
    assert_eq!(err.code, "oneroster_unreachable");
    assert!(err.message.contains("127.0.0.1"), "{}", err.message);
}

#[tokio::test]
async fn a_private_address_is_refused_unless_allowed() {
    let fake = Fake::start(Script::default());
    let strict = PullLimits::default();
    let err = failure(pull(&fake.server(), &strict, &|_| {}).await);
    assert_eq!(err.code, "oneroster_address_refused");
    assert!(err.message.contains("127.0.0.1"), "{}", err.message);
    let err = failure(test(&fake.server(), &strict).await);
    assert_eq!(err.code, "oneroster_address_refused");
    assert!(fake.seen().is_empty());
}

#[tokio::test]
async fn a_base_url_without_a_version_is_a_bad_address() {
    let fake = Fake::start(Script::default());
    let mut server = fake.server();
    server.base_url = format!("{}/api/oneroster", fake.origin);
    let err = failure(pull(&server, &limits(), &|_| {}).await);
    assert_eq!(err.code, "oneroster_bad_address");
    assert!(err.message.contains("/ims/oneroster/rostering/v1p2"));
    assert!(fake.seen().is_empty());
    // The path tolerates a trailing slash.
    server.base_url = format!("{}/ims/oneroster/v1p1/", fake.origin);
    pull(&server, &limits(), &|_| {}).await.expect("pulled");
}
