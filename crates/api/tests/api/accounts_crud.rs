use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    an_admin_creates_and_edits_accounts,
    duplicates_name_the_field_and_the_account,
    bad_input_names_each_field_and_writes_nothing,
    statuses_govern_sign_in_lists_and_tokens,
    the_school_keeps_an_account_manager,
    assistants_act_for_teachers_of_the_school,
);

async fn an_admin_creates_and_edits_accounts(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let created = admin
        .post(
            "/users",
            json!({ "role": "teacher", "first_name": "Rosa", "last_name": "Parks", "email": "Rosa.Parks@School.test",
                    "password": "temporary pass 1" }),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(created["role"], "teacher");
    assert_eq!(created["status"], "active");
    assert_eq!(created["source"], "manual");
    assert_eq!(
        created["permissions"],
        json!(["hall_monitor", "send_passes"])
    );
    assert_eq!(created["activated_at"], Value::Null);
    let id = created["id"].as_str().expect("id");

    // The temporary password works once and must be changed.
    let session = app
        .login("rosa.parks@school.test", "temporary pass 1")
        .await
        .expect(200)
        .body;
    assert_eq!(session["user"]["must_change_password"], true);

    // A student without email or password: not activated; the email can be added later.
    let student = admin
        .post("/users", json!({ "role": "student", "first_name": "Ada", "last_name": "Lovelace", "grade": "9", "school_identifier": "000123" }))
        .await
        .expect(201)
        .body;
    assert_eq!(student["email"], Value::Null);
    assert_eq!(
        student["school_identifier"], "000123",
        "leading zeros are kept"
    );
    assert_eq!(student["permissions"], json!([]));
    let student_id = student["id"].as_str().expect("id");
    let changed = admin
        .patch(
            &format!("/users/{student_id}"),
            json!({ "email": "ada@school.test", "grade": "10", "last_name": "King" }),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["email"], "ada@school.test");
    assert_eq!(changed["grade"], "10");
    assert_eq!(changed["last_name"], "King");
    let changed = admin
        .patch(
            &format!("/users/{student_id}"),
            json!({ "email": "ada.king@school.test" }),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["email"], "ada.king@school.test");
    let cleared = admin
        .patch(&format!("/users/{student_id}"), json!({ "grade": null }))
        .await
        .expect(200)
        .body;
    assert_eq!(cleared["grade"], Value::Null);
    assert_eq!(
        cleared["email"], "ada.king@school.test",
        "absent fields stay"
    );

    // Role change resets permissions to the new role's defaults.
    let promoted = admin
        .patch(&format!("/users/{id}"), json!({ "role": "admin" }))
        .await
        .expect(200)
        .body;
    assert_eq!(promoted["permissions"].as_array().map(Vec::len), Some(8));
    let fetched = admin.get(&format!("/users/{id}")).await.expect(200).body;
    assert_eq!(fetched, promoted);
}

async fn duplicates_name_the_field_and_the_account(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let first = admin
        .post("/users", json!({ "role": "student", "first_name": "A", "last_name": "B", "email": "same@school.test", "school_identifier": "S-1" }))
        .await
        .expect(201)
        .body;
    let first_id = first["id"].as_str().expect("id");
    let by_email = admin
        .post("/users", json!({ "role": "student", "first_name": "C", "last_name": "D", "email": "SAME@school.TEST" }))
        .await
        .expect_error(409, "account_exists");
    assert_eq!(
        by_email.body["error"]["details"],
        json!({ "field": "email", "existing_user_id": first_id })
    );
    let by_identifier = admin
        .post("/users", json!({ "role": "student", "first_name": "C", "last_name": "D", "school_identifier": "S-1" }))
        .await
        .expect_error(409, "account_exists");
    assert_eq!(
        by_identifier.body["error"]["details"]["field"],
        "school_identifier"
    );
    assert_eq!(
        by_identifier.body["error"]["details"]["existing_user_id"],
        first_id
    );

    // An email taken in another school clashes too (sign-in is by email), without naming it.
    let foreign = admin
        .post("/users", json!({ "role": "teacher", "first_name": "C", "last_name": "D", "email": app.other_school.admin.email }))
        .await
        .expect_error(409, "account_exists");
    assert_eq!(
        foreign.body["error"]["details"]["existing_user_id"],
        Value::Null
    );
    // The same identifier in another school is fine.
    app.as_user(&app.other_school.admin)
        .await
        .post("/users", json!({ "role": "student", "first_name": "E", "last_name": "F", "school_identifier": "S-1" }))
        .await
        .expect(201);
    // Changing an email onto a taken one clashes; keeping one's own does not.
    let second = admin
        .post(
            "/users",
            json!({ "role": "student", "first_name": "G", "last_name": "H" }),
        )
        .await
        .expect(201)
        .body;
    let second_id = second["id"].as_str().expect("id");
    admin
        .patch(
            &format!("/users/{second_id}"),
            json!({ "email": "same@school.test" }),
        )
        .await
        .expect_error(409, "account_exists");
    admin
        .patch(
            &format!("/users/{first_id}"),
            json!({ "email": "same@school.test" }),
        )
        .await
        .expect(200);
}

async fn bad_input_names_each_field_and_writes_nothing(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let cases = [
        (
            json!({ "role": "student", "first_name": "", "last_name": "B" }),
            "first_name",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "   " }),
            "last_name",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "B", "email": "not-an-email" }),
            "email",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "B", "password": "short" }),
            "password",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "B", "grade": "twelfth grade" }),
            "grade",
        ),
        (
            json!({ "role": "parent", "first_name": "A", "last_name": "B" }),
            "role",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "B", "permissions": ["hall_monitor"] }),
            "permissions",
        ),
        (
            json!({ "role": "teacher", "first_name": "A", "last_name": "B", "acts_for": [app.school.admin.id] }),
            "acts_for",
        ),
        (
            json!({ "role": "student", "first_name": "A", "last_name": "B", "nickname": "x" }),
            "nickname",
        ),
    ];
    for (body, field) in cases {
        let reply = admin
            .post("/users", body.clone())
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"][field].is_array(),
            "{body} should name {field}: {:#}",
            reply.body
        );
    }
    for body in [
        json!({ "role": "wizard", "first_name": "A", "last_name": "B" }),
        json!({ "first_name": "A" }),
    ] {
        admin
            .post("/users", body)
            .await
            .expect_error(400, "validation_failed");
    }
    let listed = admin.get("/users?role=student").await.expect(200).body;
    assert_eq!(listed["items"], json!([]), "nothing was created");
    let student = app.add(Role::Student, &app.school.id);
    for body in [
        json!({ "status": "gone" }),
        json!({ "first_name": null }),
        json!({ "email": "nope" }),
    ] {
        admin
            .patch(&format!("/users/{}", student.id), body)
            .await
            .expect_error(400, "validation_failed");
    }
    admin
        .get("/users/not-an-id")
        .await
        .expect_error(404, "not_found");
}

async fn statuses_govern_sign_in_lists_and_tokens(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let disabled = app.add(Role::Student, &app.school.id);
    let suspended = app.add(Role::Student, &app.school.id);
    let disabled_api = app.as_user(&disabled).await;
    let suspended_api = app.as_user(&suspended).await;
    admin
        .patch(
            &format!("/users/{}", disabled.id),
            json!({ "status": "disabled" }),
        )
        .await
        .expect(200);
    admin
        .patch(
            &format!("/users/{}", suspended.id),
            json!({ "status": "suspended" }),
        )
        .await
        .expect(200);

    // Existing tokens stop at once; sign-in is refused.
    disabled_api
        .get("/me")
        .await
        .expect_error(403, "account_disabled");
    suspended_api
        .get("/me")
        .await
        .expect_error(403, "account_disabled");
    app.login(&disabled.email, &disabled.password)
        .await
        .expect_error(403, "account_disabled");
    app.login(&suspended.email, &suspended.password)
        .await
        .expect_error(403, "account_disabled");

    // Teachers still see disabled students (they can be sent passes), never suspended ones.
    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|u| u["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let seen = ids(&teacher.get("/users?role=student").await.expect(200).body);
    assert!(seen.contains(&disabled.id) && !seen.contains(&suspended.id));
    let searched = ids(&teacher
        .get(&format!("/users?role=student&q={}", &suspended.email[..12]))
        .await
        .expect(200)
        .body);
    assert!(!searched.contains(&suspended.id));
    teacher
        .get("/users?role=student&status=suspended")
        .await
        .expect_error(403, "forbidden");
    teacher
        .get(&format!("/users/{}", suspended.id))
        .await
        .expect_error(404, "not_found");

    // Admins see suspended accounts only through the suspended filter.
    assert!(!ids(&admin.get("/users?role=student").await.expect(200).body).contains(&suspended.id));
    assert_eq!(
        ids(&admin.get("/users?status=suspended").await.expect(200).body),
        vec![suspended.id.clone()]
    );

    // All data is kept: reactivating restores sign-in.
    admin
        .patch(
            &format!("/users/{}", suspended.id),
            json!({ "status": "active" }),
        )
        .await
        .expect(200);
    app.login(&suspended.email, &suspended.password)
        .await
        .expect(200);
}

async fn the_school_keeps_an_account_manager(app: TestApp) {
    let me = &app.school.admin;
    let admin = app.as_user(me).await;
    let path = format!("/users/{}", me.id);
    admin
        .patch(&path, json!({ "status": "suspended" }))
        .await
        .expect_error(409, "own_account");
    admin
        .patch(&path, json!({ "status": "disabled" }))
        .await
        .expect_error(409, "own_account");
    admin
        .patch(&path, json!({ "role": "teacher" }))
        .await
        .expect_error(409, "own_account");
    admin
        .send(reqwest::Method::DELETE, &path, None)
        .await
        .expect_error(409, "own_account");
    admin
        .post("/users/bulk-delete", json!({ "user_ids": [me.id] }))
        .await
        .expect_error(409, "own_account");
    admin
        .post(
            "/users/bulk",
            json!({ "user_ids": [me.id], "status": "suspended" }),
        )
        .await
        .expect_error(409, "own_account");
    // The only manager cannot drop manage_accounts…
    admin
        .patch(&path, json!({ "permissions": ["hall_monitor"] }))
        .await
        .expect_error(409, "last_account_manager");
    admin
        .post(
            "/users/bulk",
            json!({ "user_ids": [me.id], "revoke_permissions": ["manage_accounts"] }),
        )
        .await
        .expect_error(409, "last_account_manager");
    // …but can once another active admin exists.
    let second = app.add(Role::Admin, &app.school.id);
    admin
        .patch(&path, json!({ "permissions": ["hall_monitor"] }))
        .await
        .expect(200);
    // Now the second admin is the last manager: suspending them is refused.
    let as_second = app.as_user(&second).await;
    as_second.get("/users?role=admin").await.expect(200);
    let refused = app.as_user(me).await.get("/users?role=admin").await;
    assert_eq!(refused.status.as_u16(), 403);
    as_second
        .patch(&path, json!({ "permissions": ["manage_accounts"] }))
        .await
        .expect(200);
    as_second
        .patch(&path, json!({ "status": "suspended" }))
        .await
        .expect(200);
    as_second
        .patch(&path, json!({ "status": "active" }))
        .await
        .expect(200);
}

async fn assistants_act_for_teachers_of_the_school(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.add(Role::Teacher, &app.school.id);
    let foreign_teacher = app.add(Role::Teacher, &app.other_school.id);
    let assistant = admin
        .post("/users", json!({ "role": "assistant", "first_name": "Al", "last_name": "Ide", "email": "al@school.test", "password": "temporary pass 2" }))
        .await
        .expect(201)
        .body;
    let id = assistant["id"].as_str().expect("id");
    app.login("al@school.test", "temporary pass 2")
        .await
        .expect_error(403, "forbidden");
    admin
        .patch(
            &format!("/users/{id}"),
            json!({ "acts_for": [foreign_teacher.id] }),
        )
        .await
        .expect_error(400, "validation_failed");
    let linked = admin
        .patch(&format!("/users/{id}"), json!({ "acts_for": [teacher.id] }))
        .await
        .expect(200)
        .body;
    assert_eq!(linked["acts_for"], json!([teacher.id]));
    app.login("al@school.test", "temporary pass 2")
        .await
        .expect(200);
}
