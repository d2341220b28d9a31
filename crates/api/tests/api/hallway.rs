use std::time::Duration as Wait;

use chrono::Duration;
use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::TestApp;

on_both_backends!(the_hallway_shows_who_is_out, overdue_passes_end_themselves);

fn names(hallway: &Value) -> Vec<String> {
    hallway
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p["student"]["last_name"].as_str().expect("name").to_owned())
        .collect()
}

async fn the_hallway_shows_who_is_out(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.add(Role::Teacher, &app.school.id);
    let (math, art, office) = (
        admin.add_room("Math", &[&teacher.id]).await,
        admin.add_room("Art", &[]).await,
        admin.add_room("Office", &[]).await,
    );
    for (last, origin, minutes) in [("Zed", &math, 10), ("Abe", &art, 5), ("Moe", &art, 15)] {
        let student = app.add(Role::Student, &app.school.id);
        let id = student.id.clone();
        app.db
            .run_blocking(move |conn| {
                use diesel::prelude::*;
                use hallpass_api::db::schema::users;
                Ok(diesel::update(users::table.find(&id))
                    .set(users::last_name.eq(last))
                    .execute(conn)?)
            })
            .expect("rename");
        let body = json!({ "origin_room_id": origin, "destination_room_id": office, "travel_type": "one_way", "duration_minutes": minutes });
        app.as_user(&student)
            .await
            .post("/passes", body)
            .await
            .expect(201);
    }

    // Soonest to end first by default; by name; by destination.
    assert_eq!(
        names(&admin.get("/hallway").await.expect(200).body),
        ["Abe", "Zed", "Moe"]
    );
    assert_eq!(
        names(&admin.get("/hallway?sort=name").await.expect(200).body),
        ["Abe", "Moe", "Zed"]
    );
    assert_eq!(
        names(&admin.get("/hallway?q=ZE").await.expect(200).body),
        ["Zed"]
    );
    assert_eq!(
        names(
            &admin
                .get(&format!("/hallway?room_id={art}&sort=name"))
                .await
                .expect(200)
                .body
        ),
        ["Abe", "Moe"]
    );

    // A teacher with hall_monitor sees everyone; "my rooms" narrows it; without it, only theirs.
    let as_teacher = app.as_user(&teacher).await;
    assert_eq!(
        names(&as_teacher.get("/hallway").await.expect(200).body).len(),
        3
    );
    assert_eq!(
        names(&as_teacher.get("/hallway?mine=true").await.expect(200).body),
        ["Zed"]
    );
    admin
        .patch(
            &format!("/users/{}", teacher.id),
            json!({ "permissions": ["send_passes"] }),
        )
        .await
        .expect(200);
    assert_eq!(
        names(&as_teacher.get("/hallway").await.expect(200).body),
        ["Zed"]
    );
    let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    student.get("/hallway").await.expect_error(403, "forbidden");
    assert_eq!(
        app.as_user(&app.other_school.admin)
            .await
            .get("/hallway")
            .await
            .expect(200)
            .body,
        json!([])
    );
    admin
        .get("/hallway?sort=age")
        .await
        .expect_error(400, "validation_failed");

    // Overtime once a pass runs past its time.
    let overtime = |hallway: &Value| -> Vec<bool> {
        hallway
            .as_array()
            .expect("list")
            .iter()
            .map(|p| p["overtime"].as_bool().expect("flag"))
            .collect()
    };
    assert_eq!(
        overtime(&admin.get("/hallway").await.expect(200).body),
        [false, false, false]
    );
    app.clock.advance(Duration::minutes(6));
    assert_eq!(
        overtime(&admin.get("/hallway").await.expect(200).body),
        [true, false, false]
    );
}

/// Polls until the pass reaches `state` (the sweep runs every 50 ms in tests).
async fn eventually(api: &Api, pass: &str, state: &str) -> Value {
    for _ in 0..100 {
        let seen = api.get(&format!("/passes/{pass}")).await.expect(200).body;
        if seen["state"] == state {
            return seen;
        }
        tokio::time::sleep(Wait::from_millis(50)).await;
    }
    panic!("pass {pass} never became {state}");
}

async fn overdue_passes_end_themselves(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let (from, to) = (
        admin.add_room("Math", &[]).await,
        admin.add_room("Office", &[]).await,
    );
    let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    let go = json!({ "origin_room_id": from, "destination_room_id": to, "travel_type": "one_way", "duration_minutes": 5 });
    let pass = student.post("/passes", go.clone()).await.expect(201).body;
    let id = pass["id"].as_str().expect("id");
    // Five minutes plus the school's 15-minute buffer: still active a minute before, ended after.
    app.clock.advance(Duration::minutes(19));
    tokio::time::sleep(Wait::from_millis(200)).await;
    assert_eq!(
        student.get(&format!("/passes/{id}")).await.expect(200).body["state"],
        "active"
    );
    app.clock.advance(Duration::minutes(2));
    let ended = eventually(&student, id, "ended").await;
    assert_eq!(ended["ended_reason"], "auto_expired");

    // A pass for later starts once its time comes, and is canceled if nobody starts it.
    let mut later = go.clone();
    later["start_at"] = json!((app.clock.now_utc() + Duration::minutes(30)).to_rfc3339());
    let first = student
        .post("/passes", later.clone())
        .await
        .expect(201)
        .body;
    let second = student.post("/passes", later).await.expect(201).body;
    app.clock.advance(Duration::minutes(30));
    let started = student
        .post(
            &format!("/passes/{}/start", first["id"].as_str().expect("id")),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(started.body["state"], "active");
    student
        .post(
            &format!("/passes/{}/end", first["id"].as_str().expect("id")),
            json!({}),
        )
        .await
        .expect(200);
    app.clock.advance(Duration::minutes(16));
    let canceled = eventually(&student, second["id"].as_str().expect("id"), "canceled").await;
    assert_eq!(canceled["ended_reason"], "not_started");
}
