//! What one school's account managers do to accounts that other schools share, or that the
//! school cannot do without: a parent of children at two schools, and the last account manager
//! under concurrent demotions.
use diesel::RunQueryDsl;
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

on_both_backends!(
    deleting_a_parent_removes_them_from_this_school_only,
    two_managers_demoting_each_other_at_once_leave_one,
);

async fn deleting_a_parent_removes_them_from_this_school_only(app: TestApp) {
    let here = app.add(Role::Student, &app.school.id);
    let there = app.add(Role::Student, &app.other_school.id);
    let account = app.add_parent();
    let parent = app.as_user(&account).await;
    for student in [&here, &there] {
        parent
            .post(
                "/parent/students",
                json!({ "invite_code": app.invite_code(&student.id) }),
            )
            .await
            .expect(201);
    }
    let this_school = app.as_user(&app.school.admin).await;
    this_school
        .send(Method::DELETE, &format!("/users/{}", account.id), None)
        .await
        .expect(200);
    // The parent still signs in and still sees the other school's child, only.
    let parent = app.as_user(&account).await;
    let students = parent.get("/parent/students").await.expect(200).body;
    let ids: Vec<&str> = students
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, [there.id.as_str()]);
    this_school
        .get(&format!("/users/{}", account.id))
        .await
        .expect_error(404, "not_found");
    // When the last school lets them go, the account goes.
    app.as_user(&app.other_school.admin)
        .await
        .post("/users/bulk-delete", json!({ "user_ids": [account.id] }))
        .await
        .expect(200);
    app.login(&account.email, &account.password)
        .await
        .expect_error(401, "unauthenticated");
}

/// Two managers each disable the other at the same moment, round after round: at most one of
/// the two demotions may succeed, so the school always keeps an account manager. (Without the
/// per-school lock, both went through in the second round on PostgreSQL.)
async fn two_managers_demoting_each_other_at_once_leave_one(app: TestApp) {
    let first = app.add(Role::Admin, &app.school.id);
    let second = app.add(Role::Admin, &app.school.id);
    let admin = app.as_user(&app.school.admin).await;
    for manager in [&first, &second] {
        admin
            .patch(
                &format!("/users/{}", manager.id),
                json!({ "permissions": ["manage_accounts"] }),
            )
            .await
            .expect(200);
    }
    app.set_column_status(&app.school.admin.id, "disabled");
    if app.backend == Backend::Postgres {
        // The search's accounts-version trigger updates the school's row on every change to
        // users, which happens to serialize them too. The rule must not rest on that.
        app.db
            .run_blocking(|conn| {
                Ok(
                    diesel::sql_query("DROP TRIGGER users_updated_move_accounts_version ON users")
                        .execute(conn)?,
                )
            })
            .expect("drop the trigger");
    }
    let (a, b) = (app.as_user(&first).await, app.as_user(&second).await);
    // Each demotion comes with a class's worth of other accounts, so that the two transactions
    // overlap, as two busy managers' would.
    let (class_a, class_b) = (app.add_students(300), app.add_students(300));
    let disable = |manager: &str, class: &[String]| {
        let mut ids = class.to_vec();
        ids.push(manager.to_owned());
        json!({ "user_ids": ids, "status": "disabled" })
    };
    for round in 0..10 {
        let (one, two) = tokio::join!(
            a.post("/users/bulk", disable(&second.id, &class_a)),
            b.post("/users/bulk", disable(&first.id, &class_b)),
        );
        let succeeded = [&one, &two]
            .iter()
            .filter(|reply| reply.status.as_u16() == 200)
            .count();
        assert!(
            succeeded <= 1,
            "round {round}: both demotions went through, leaving no account manager"
        );
        for reply in [one, two] {
            if reply.status.as_u16() != 200 {
                let code = reply.code().to_owned();
                assert!(
                    ["last_account_manager", "account_disabled"].contains(&code.as_str()),
                    "round {round}: {code}"
                );
            }
        }
        app.set_column_status(&first.id, "active");
        app.set_column_status(&second.id, "active");
    }
}
