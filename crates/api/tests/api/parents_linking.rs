//! Parents link to students with invite codes; wrong, replaced and withdrawn codes link
//! nobody, and guessing is limited.
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::app::limit;
use crate::support::{Backend, Options, TestApp};

on_both_backends!(
    a_parent_adds_lists_and_removes_students,
    wrong_replaced_and_suspended_codes_link_nobody,
    suspended_and_deleted_students_leave_the_list,
    only_students_hold_codes,
);

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect()
}

fn add(code: &str) -> Value {
    json!({ "invite_code": code })
}

async fn a_parent_adds_lists_and_removes_students(app: TestApp) {
    let (first, second) = (
        app.add(Role::Student, &app.school.id),
        app.add(Role::Student, &app.other_school.id),
    );
    let parent = app.as_user(&app.add_parent()).await;
    assert_eq!(
        parent.get("/parent/students").await.expect(200).body,
        json!([])
    );

    // Typed in lower case with a dash and spaces, as a family might.
    let code = app.invite_code(&first.id);
    let typed = format!(" {}-{} ", &code[..4].to_lowercase(), &code[4..]);
    let linked = parent
        .post("/parent/students", add(&typed))
        .await
        .expect(201)
        .body;
    assert_eq!(linked["id"], first.id.as_str());
    assert_eq!(linked["school_name"], "Roosevelt High");
    assert_eq!(linked["school_time_zone"], "America/Chicago");
    assert_eq!(linked["has_picture"], false);
    assert!(linked.get("email").is_none() && linked.get("invite_code").is_none());
    // Twice is still once; a child at another school is fine.
    parent
        .post("/parent/students", add(&code))
        .await
        .expect(201);
    parent
        .post("/parent/students", add(&app.invite_code(&second.id)))
        .await
        .expect(201);
    let list = parent.get("/parent/students").await.expect(200).body;
    let mut expected = vec![first.id.as_str(), second.id.as_str()];
    expected.sort();
    let mut got = ids(&list);
    got.sort();
    assert_eq!(got, expected);

    let path = format!("/parent/students/{}", first.id);
    parent.send(Method::DELETE, &path, None).await.expect(204);
    parent
        .send(Method::DELETE, &path, None)
        .await
        .expect_error(404, "not_found");
    assert_eq!(
        ids(&parent.get("/parent/students").await.expect(200).body),
        vec![second.id.as_str()]
    );
}

async fn wrong_replaced_and_suspended_codes_link_nobody(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let parent = app.as_user(&app.add_parent()).await;
    for wrong in ["ABCDEFGH", "short", "2345678", "ABCD0OIL", "!!!!!!!!"] {
        let reply = parent
            .post("/parent/students", add(wrong))
            .await
            .expect_error(422, "invite_code_invalid");
        assert!(
            !reply.message().to_lowercase().contains("student"),
            "{}",
            reply.message()
        );
    }
    parent
        .post("/parent/students", add(""))
        .await
        .expect_error(400, "validation_failed");

    // A new code replaces the old one at once.
    let old = app.invite_code(&student.id);
    let admin = app.as_user(&app.school.admin).await;
    let new = admin
        .post(&format!("/users/{}/invite-code", student.id), json!({}))
        .await
        .expect(200)
        .body;
    let new = new["invite_code"].as_str().expect("code").to_owned();
    assert_ne!(new, old);
    assert_eq!(new, app.invite_code(&student.id));
    parent
        .post("/parent/students", add(&old))
        .await
        .expect_error(422, "invite_code_invalid");
    parent.post("/parent/students", add(&new)).await.expect(201);

    // A suspended student's code links nobody, with the same answer as a wrong code.
    let suspended = app.add(Role::Student, &app.school.id);
    app.set_column_status(&suspended.id, "suspended");
    let wrong = parent
        .post("/parent/students", add("ABCDEFGH"))
        .await
        .expect_error(422, "invite_code_invalid");
    let refused = parent
        .post("/parent/students", add(&app.invite_code(&suspended.id)))
        .await
        .expect_error(422, "invite_code_invalid");
    assert_eq!(refused.body, wrong.body);
    // A disabled student can still be followed.
    let disabled = app.add(Role::Student, &app.school.id);
    app.set_column_status(&disabled.id, "disabled");
    parent
        .post("/parent/students", add(&app.invite_code(&disabled.id)))
        .await
        .expect(201);

    // Bulk regeneration: all named students, or none.
    let other_school_student = app.add(Role::Student, &app.other_school.id);
    admin
        .post(
            "/users/invite-codes",
            json!({ "user_ids": [student.id, other_school_student.id] }),
        )
        .await
        .expect_error(404, "not_found");
    assert_eq!(app.invite_code(&student.id), new);
    let teacher = app.add(Role::Teacher, &app.school.id);
    admin
        .post(
            "/users/invite-codes",
            json!({ "user_ids": [student.id, teacher.id] }),
        )
        .await
        .expect_error(400, "validation_failed");
    let renewed = admin
        .post(
            "/users/invite-codes",
            json!({ "user_ids": [student.id, disabled.id] }),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(renewed["items"].as_array().map(Vec::len), Some(2));
    assert_ne!(app.invite_code(&student.id), new);
}

async fn suspended_and_deleted_students_leave_the_list(app: TestApp) {
    let (kept, suspended, deleted) = (
        app.add(Role::Student, &app.school.id),
        app.add(Role::Student, &app.school.id),
        app.add(Role::Student, &app.school.id),
    );
    let parent = app.as_user(&app.add_parent()).await;
    for student in [&kept, &suspended, &deleted] {
        parent
            .post("/parent/students", add(&app.invite_code(&student.id)))
            .await
            .expect(201);
    }
    let admin = app.as_user(&app.school.admin).await;
    admin
        .patch(
            &format!("/users/{}", suspended.id),
            json!({ "status": "suspended" }),
        )
        .await
        .expect(200);
    admin
        .send(Method::DELETE, &format!("/users/{}", deleted.id), None)
        .await
        .expect(200);
    assert_eq!(
        ids(&parent.get("/parent/students").await.expect(200).body),
        vec![kept.id.as_str()]
    );
    parent
        .get(&format!("/parent/students/{}/passes", suspended.id))
        .await
        .expect_error(404, "not_found");
    // Lifting the suspension brings the student back.
    admin
        .patch(
            &format!("/users/{}", suspended.id),
            json!({ "status": "active" }),
        )
        .await
        .expect(200);
    assert_eq!(
        ids(&parent.get("/parent/students").await.expect(200).body).len(),
        2
    );
}

/// Throttling is in memory and backend-neutral, so SQLite alone is enough here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_codes_is_limited_per_parent_and_per_address() {
    let mut options = Options::default();
    options.limits.invite_per_address = limit(8);
    options.limits.invite_per_parent = limit(3);
    let app = TestApp::spawn_with(Backend::Sqlite, options).await;
    let student = app.add(Role::Student, &app.school.id);
    let guesser = app.as_user(&app.add_parent()).await;
    for _ in 0..3 {
        guesser
            .post("/parent/students", add("ABCDEFGH"))
            .await
            .expect_error(422, "invite_code_invalid");
    }
    // Blocked: even the right code does not get through, so a lucky guess is no use.
    let limited = guesser
        .post("/parent/students", add(&app.invite_code(&student.id)))
        .await
        .expect_error(429, "rate_limited");
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(retry_after >= 1);
    assert_eq!(
        guesser.get("/parent/students").await.expect(200).body,
        json!([])
    );

    // Other parents at the same address share the address's budget.
    for _ in 0..5 {
        let parent = app.as_user(&app.add_parent()).await;
        let reply = parent.post("/parent/students", add("ABCDEFGH")).await;
        if reply.status.as_u16() == 429 {
            return;
        }
        reply.expect_error(422, "invite_code_invalid");
    }
    panic!("the address's limit never applied");
}

fn stored_code(app: &TestApp, user_id: &str) -> Option<String> {
    use diesel::prelude::*;
    use hallpass_api::db::schema::users;
    let id = user_id.to_owned();
    app.db
        .run_blocking(move |conn| {
            Ok(users::table
                .find(&id)
                .select(users::invite_code)
                .first::<Option<String>>(conn)?)
        })
        .expect("read the code")
}

async fn only_students_hold_codes(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let parent = app.as_user(&app.add_parent()).await;
    parent
        .post("/parent/students", add(&app.invite_code(&student.id)))
        .await
        .expect(201);
    let admin = app.as_user(&app.school.admin).await;
    let path = format!("/users/{}", student.id);
    admin
        .patch(&path, json!({ "role": "teacher" }))
        .await
        .expect(200);
    assert_eq!(stored_code(&app, &student.id), None);
    assert_eq!(
        parent.get("/parent/students").await.expect(200).body,
        json!([])
    );
    admin
        .patch(&path, json!({ "role": "student" }))
        .await
        .expect(200);
    assert!(stored_code(&app, &student.id).is_some());

    // Students from before invite codes get theirs at start-up.
    let id = student.id.clone();
    let coded = app
        .db
        .write_blocking(move |conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::users;
            diesel::update(users::table.find(&id))
                .set(users::invite_code.eq(None::<String>))
                .execute(conn)?;
            hallpass_api::parents::codes::backfill(conn)
        })
        .expect("backfill");
    assert_eq!(coded, 1);
    assert!(stored_code(&app, &student.id).is_some());
}
