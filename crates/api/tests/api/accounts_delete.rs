//! Deleting an account removes every row that names it.
use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(deleting_removes_every_trace);

/// Every table with a column that names a user, and that column.
const USER_COLUMNS: &[(&str, &str)] = &[
    ("users", "id"),
    ("user_permissions", "user_id"),
    ("assistant_teachers", "assistant_id"),
    ("assistant_teachers", "teacher_id"),
    ("refresh_tokens", "user_id"),
    ("room_teachers", "teacher_id"),
    ("passes", "student_id"),
    ("passes", "created_by"),
    ("passes", "approved_by"),
    ("encounter_group_members", "student_id"),
    ("encounter_prevented", "student_id"),
    ("encounter_prevented", "other_student_id"),
    ("parent_students", "parent_id"),
    ("parent_students", "student_id"),
];

fn rows_naming(app: &TestApp, user_id: &str) -> Vec<String> {
    use diesel::sql_types::{BigInt, Text};
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let id = user_id.to_owned();
    app.db
        .run_blocking(move |conn| {
            use diesel::RunQueryDsl;
            let mut found = Vec::new();
            for (table, column) in USER_COLUMNS {
                let count: Count = diesel::sql_query(format!(
                    "SELECT COUNT(*) AS n FROM {table} WHERE {column} = $1"
                ))
                .bind::<Text, _>(&id)
                .get_result(conn)?;
                if count.n > 0 {
                    found.push(format!("{table}.{column}"));
                }
            }
            Ok(found)
        })
        .expect("count rows")
}

async fn deleting_removes_every_trace(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.add(Role::Teacher, &app.school.id);
    app.sign_in(&teacher).await;
    let assistant = admin
        .post("/users", json!({ "role": "assistant", "first_name": "A", "last_name": "Ide", "acts_for": [teacher.id] }))
        .await
        .expect(201)
        .body;
    assert!(!rows_naming(&app, &teacher.id).is_empty());
    let deleted = admin
        .send(
            reqwest::Method::DELETE,
            &format!("/users/{}", teacher.id),
            None,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(deleted, json!({ "count": 1, "warning": null }));
    assert_eq!(rows_naming(&app, &teacher.id), Vec::<String>::new());
    admin
        .get(&format!("/users/{}", teacher.id))
        .await
        .expect_error(404, "not_found");
    let assistant = admin
        .get(&format!("/users/{}", assistant["id"].as_str().expect("id")))
        .await
        .expect(200)
        .body;
    assert_eq!(assistant["acts_for"], json!([]));
    app.login(&teacher.email, &teacher.password)
        .await
        .expect_error(401, "unauthenticated");

    // A student with passes, a group and a logged refusal leaves nothing behind either.
    let rooms: Vec<String> = {
        let mut ids = Vec::new();
        for name in ["Room 1", "Room 2"] {
            let room = admin
                .post("/rooms", json!({ "name": name, "travel_types": ["one_way"], "default_minutes": 5, "max_minutes": 10 }))
                .await
                .expect(201)
                .body;
            ids.push(room["id"].as_str().expect("id").to_owned());
        }
        ids
    };
    let (leaver, classmate) = (
        app.add(Role::Student, &app.school.id),
        app.add(Role::Student, &app.school.id),
    );
    admin
        .post(
            "/encounter-groups",
            json!({ "name": "Pair", "student_ids": [leaver.id, classmate.id] }),
        )
        .await
        .expect(201);
    let go = json!({ "origin_room_id": rooms[0], "destination_room_id": rooms[1], "travel_type": "one_way", "duration_minutes": 5 });
    app.as_user(&classmate)
        .await
        .post("/passes", go.clone())
        .await
        .expect(201);
    app.as_user(&leaver)
        .await
        .post("/passes", go)
        .await
        .expect_error(422, "encounter_prevented");
    let parent = app.add_parent();
    app.as_user(&parent)
        .await
        .post(
            "/parent/students",
            json!({ "invite_code": app.invite_code(&leaver.id) }),
        )
        .await
        .expect(201);
    assert!(rows_naming(&app, &leaver.id).len() >= 4);
    assert!(!rows_naming(&app, &parent.id).is_empty());
    admin
        .send(
            reqwest::Method::DELETE,
            &format!("/users/{}", leaver.id),
            None,
        )
        .await
        .expect(200);
    assert_eq!(rows_naming(&app, &leaver.id), Vec::<String>::new());
    // The parent stays, without the link.
    assert!(!rows_naming(&app, &parent.id).contains(&"parent_students.parent_id".to_owned()));

    // An imported account's deletion warns that the next sync brings it back.
    let imported = app.add(Role::Student, &app.school.id);
    let id = imported.id.clone();
    app.db
        .run_blocking(move |conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::users;
            Ok(diesel::update(users::table.find(&id))
                .set(users::source.eq("import"))
                .execute(conn)?)
        })
        .expect("mark imported");
    let deleted = admin
        .post("/users/bulk-delete", json!({ "user_ids": [imported.id] }))
        .await
        .expect(200)
        .body;
    assert!(
        deleted["warning"]
            .as_str()
            .is_some_and(|w| w.contains("sync")),
        "{deleted:#}"
    );
}
