//! Per-address and per-account limits that an attacker can neither dodge (with forged
//! forwarding headers, or a fresh IPv6 address each time) nor turn against the account's owner.
use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::app::limit;
use crate::support::client::Api;
use crate::support::{Options, TestApp};

on_both_backends!(
    options = five_wrong_sign_ins_an_address;
    forged_forwarding_headers_do_not_escape_the_address_limit,
    an_ipv6_client_has_one_limit_for_its_64,
);
on_both_backends!(
    options = three_wrong_sign_ins_an_account;
    the_owner_signs_in_while_another_address_hammers_the_account,
    sign_ups_do_not_spend_the_accounts_sign_ins,
);
on_both_backends!(
    options = five_wrong_sign_ins_from_new_addresses;
    guesses_spread_over_many_addresses_are_held_off_but_the_owner_gets_in,
);
on_both_backends!(
    options = three_wrong_current_passwords;
    wrong_current_passwords_are_limited_per_account,
);

/// Behind one trusted proxy, which appends the address it saw to `X-Forwarded-For`.
fn behind_a_proxy() -> Options {
    let mut options = Options::default();
    options.proxy.trust = true;
    options.proxy.hops = 1;
    options
}

fn five_wrong_sign_ins_an_address() -> Options {
    let mut options = behind_a_proxy();
    options.limits.login_per_address = limit(5);
    options
}

fn three_wrong_sign_ins_an_account() -> Options {
    let mut options = behind_a_proxy();
    options.limits.login_per_account = limit(3);
    options
}

fn five_wrong_sign_ins_from_new_addresses() -> Options {
    let mut options = behind_a_proxy();
    options.limits.login_per_account_anywhere = limit(5);
    options.limits.login_per_address = limit(3);
    options
}

fn three_wrong_current_passwords() -> Options {
    let mut options = Options::default();
    options.limits.password_change = limit(3);
    options
}

/// A client the proxy saw at `address`, having itself written `forged` in front.
fn via_proxy(app: &TestApp, forged: &str, address: &str) -> Api {
    app.anon()
        .with_header("x-forwarded-for", &format!("{forged}, {address}"))
        .with_header("forwarded", &format!("for={forged}"))
}

async fn sign_in(api: &Api, email: &str, password: &str) -> u16 {
    api.post(
        "/auth/login",
        json!({ "email": email, "password": password }),
    )
    .await
    .status
    .as_u16()
}

async fn forged_forwarding_headers_do_not_escape_the_address_limit(app: TestApp) {
    for n in 0..5 {
        let client = via_proxy(&app, &format!("10.9.8.{n}"), "198.51.100.7");
        assert_eq!(
            sign_in(&client, &format!("x{n}@nowhere.test"), "guess").await,
            401
        );
    }
    let admin = &app.school.admin;
    let forged = via_proxy(&app, "10.9.8.200", "198.51.100.7");
    forged
        .post(
            "/auth/login",
            json!({ "email": admin.email, "password": admin.password }),
        )
        .await
        .expect_error(429, "rate_limited");
    // A client the proxy saw elsewhere is not limited.
    let elsewhere = via_proxy(&app, "10.9.8.1", "198.51.100.8");
    assert_eq!(
        sign_in(&elsewhere, &admin.email, &admin.password).await,
        200
    );
}

async fn an_ipv6_client_has_one_limit_for_its_64(app: TestApp) {
    for n in 1..=5 {
        let client = app
            .anon()
            .with_header("x-forwarded-for", &format!("2001:db8:7:7::{n:x}"));
        assert_eq!(sign_in(&client, "ghost@nowhere.test", "guess").await, 401);
    }
    let same_64 = app
        .anon()
        .with_header("x-forwarded-for", "2001:db8:7:7:ffff::1");
    assert_eq!(sign_in(&same_64, "ghost@nowhere.test", "guess").await, 429);
    let next_64 = app.anon().with_header("x-forwarded-for", "2001:db8:7:8::1");
    assert_eq!(sign_in(&next_64, "ghost@nowhere.test", "guess").await, 401);
}

async fn the_owner_signs_in_while_another_address_hammers_the_account(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let attacker = app.anon().with_header("x-forwarded-for", "203.0.113.66");
    let school = app.anon().with_header("x-forwarded-for", "198.51.100.7");
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(sign_in(&attacker, &teacher.email, "guess").await);
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429, 429, 429, 429]);
    // The teacher, from school, signs in; right passwords spend nothing, so again and again.
    for _ in 0..5 {
        assert_eq!(
            sign_in(&school, &teacher.email, &teacher.password).await,
            200
        );
    }
    // The attacker is still held off, even with the right password.
    assert_eq!(
        sign_in(&attacker, &teacher.email, &teacher.password).await,
        429
    );
    // Two typos at school still leave the teacher a try.
    for _ in 0..2 {
        assert_eq!(sign_in(&school, &teacher.email, "typo").await, 401);
    }
    assert_eq!(
        sign_in(&school, &teacher.email, &teacher.password).await,
        200
    );
}

async fn sign_ups_do_not_spend_the_accounts_sign_ins(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let attacker = app.anon().with_header("x-forwarded-for", "198.51.100.7");
    for _ in 0..6 {
        attacker
            .post(
                "/auth/parent-signup",
                json!({ "first_name": "A", "last_name": "B", "email": teacher.email,
                        "password": "a long enough password" }),
            )
            .await;
    }
    assert_eq!(
        sign_in(&attacker, &teacher.email, &teacher.password).await,
        200
    );
}

async fn wrong_current_passwords_are_limited_per_account(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let api = app.as_user(&teacher).await;
    let change = |current: &str| json!({ "current_password": current, "new_password": "a brand new password" });
    for _ in 0..3 {
        api.post("/me/password", change("guess"))
            .await
            .expect_error(400, "validation_failed");
    }
    let limited = api
        .post("/me/password", change(&teacher.password))
        .await
        .expect_error(429, "rate_limited");
    assert!(limited.headers.contains_key("retry-after"));
    // The old password still signs in: nothing changed.
    app.login(&teacher.email, &teacher.password)
        .await
        .expect(200);
    // Another account is not affected.
    let other = app.add(Role::Teacher, &app.school.id);
    app.as_user(&other)
        .await
        .post("/me/password", change(&other.password))
        .await
        .expect(200);
}

async fn guesses_spread_over_many_addresses_are_held_off_but_the_owner_gets_in(app: TestApp) {
    let teacher = app.add(Role::Teacher, &app.school.id);
    let school = app.anon().with_header("x-forwarded-for", "198.51.100.7");
    assert_eq!(
        sign_in(&school, &teacher.email, &teacher.password).await,
        200
    );
    let from = |n: u32| {
        app.anon()
            .with_header("x-forwarded-for", &format!("203.0.113.{n}"))
    };
    for n in 1..=5 {
        assert_eq!(sign_in(&from(n), &teacher.email, "guess").await, 401);
    }
    assert_eq!(sign_in(&from(6), &teacher.email, "guess").await, 429);
    // Held off from everywhere new, even with the right password…
    assert_eq!(
        sign_in(&from(7), &teacher.email, &teacher.password).await,
        429
    );
    // …but the teacher signs in where they did before.
    assert_eq!(
        sign_in(&school, &teacher.email, &teacher.password).await,
        200
    );
    // And a known address is not held to its own limit for that account: a flood of wrong
    // sign-ins for other accounts from the school's address does not lock its teachers out.
    for n in 0..5 {
        sign_in(&school, &format!("nobody{n}@nowhere.test"), "guess").await;
    }
    assert_eq!(sign_in(&school, "nobody@nowhere.test", "guess").await, 429);
    assert_eq!(
        sign_in(&school, &teacher.email, &teacher.password).await,
        200
    );
}
