use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::TestApp;

on_both_backends!(
    groups_are_managed_by_permission,
    students_of_a_group_are_kept_apart,
    fifty_simultaneous_starts_leave_one_active
);

async fn two_rooms(admin: &Api) -> (String, String) {
    (
        admin.add_room("Room 101", &[]).await,
        admin.add_room("Restroom", &[]).await,
    )
}

fn out(origin: &str, destination: &str) -> Value {
    json!({ "origin_room_id": origin, "destination_room_id": destination, "travel_type": "round_trip", "duration_minutes": 5 })
}

async fn groups_are_managed_by_permission(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let (a, b) = (
        app.add(Role::Student, &app.school.id),
        app.add(Role::Student, &app.school.id),
    );
    let created = admin
        .post("/encounter-groups", json!({ "name": "Hallway conflict", "student_ids": [a.id, b.id], "notes": "since March" }))
        .await
        .expect(201)
        .body;
    assert_eq!(created["enabled"], true);
    let id = created["id"].as_str().expect("id");
    assert_eq!(
        admin
            .get("/encounter-groups")
            .await
            .expect(200)
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let changed = admin
        .patch(
            &format!("/encounter-groups/{id}"),
            json!({ "enabled": false, "notes": null }),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["enabled"], false);
    assert_eq!(changed["notes"], Value::Null);

    // Students, teachers without the permission, and other schools never see groups.
    let student = app.as_user(&a).await;
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    for api in [&student, &teacher] {
        api.get("/encounter-groups")
            .await
            .expect_error(403, "forbidden");
        api.get("/encounter-groups/prevented")
            .await
            .expect_error(403, "forbidden");
        api.post(
            "/encounter-groups",
            json!({ "name": "x", "student_ids": [a.id, b.id] }),
        )
        .await
        .expect_error(403, "forbidden");
    }
    let other = app.as_user(&app.other_school.admin).await;
    assert_eq!(
        other.get("/encounter-groups").await.expect(200).body,
        json!([])
    );
    other
        .patch(
            &format!("/encounter-groups/{id}"),
            json!({ "enabled": true }),
        )
        .await
        .expect_error(404, "not_found");

    let foreign = app.add(Role::Student, &app.other_school.id);
    let teacher_account = app.add(Role::Teacher, &app.school.id);
    for (body, field) in [
        (json!({ "name": "x", "student_ids": [a.id] }), "student_ids"),
        (
            json!({ "name": "x", "student_ids": [a.id, a.id] }),
            "student_ids",
        ),
        (
            json!({ "name": "x", "student_ids": [a.id, foreign.id] }),
            "student_ids",
        ),
        (
            json!({ "name": "x", "student_ids": [a.id, teacher_account.id] }),
            "student_ids",
        ),
        (json!({ "name": " ", "student_ids": [a.id, b.id] }), "name"),
        (
            json!({ "name": "x", "student_ids": [a.id, b.id], "colour": 1 }),
            "colour",
        ),
    ] {
        let reply = admin
            .post("/encounter-groups", body.clone())
            .await
            .expect_error(400, "validation_failed");
        assert!(
            reply.body["error"]["details"]["fields"][field].is_array(),
            "{body}: {:#}",
            reply.body
        );
    }
    assert_eq!(
        admin
            .get("/encounter-groups")
            .await
            .expect(200)
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    admin
        .send(Method::DELETE, &format!("/encounter-groups/{id}"), None)
        .await
        .expect(204);
    admin
        .send(Method::DELETE, &format!("/encounter-groups/{id}"), None)
        .await
        .expect_error(404, "not_found");
}

async fn students_of_a_group_are_kept_apart(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let (room, restroom) = two_rooms(&admin).await;
    let [a, b, c] = [0, 1, 2].map(|_| app.add(Role::Student, &app.school.id));
    admin
        .post(
            "/encounter-groups",
            json!({ "name": "A and B", "student_ids": [a.id, b.id] }),
        )
        .await
        .expect(201);
    admin
        .post(
            "/encounter-groups",
            json!({ "name": "B and C", "student_ids": [b.id, c.id] }),
        )
        .await
        .expect(201);
    let off = admin
        .post(
            "/encounter-groups",
            json!({ "name": "Old", "student_ids": [a.id, c.id], "enabled": false }),
        )
        .await
        .expect(201);
    let (api_a, api_b, api_c) = (
        app.as_user(&a).await,
        app.as_user(&b).await,
        app.as_user(&c).await,
    );

    let pass_a = api_a
        .post("/passes", out(&room, &restroom))
        .await
        .expect(201);
    // C shares only a disabled group with A.
    let pass_c = api_c
        .post("/passes", out(&room, &restroom))
        .await
        .expect(201);
    // B shares a group with each: refused, and told nothing more.
    let refused = api_b
        .post("/passes", out(&room, &restroom))
        .await
        .expect_error(422, "encounter_prevented");
    assert_eq!(
        refused.message(),
        "Sorry, you can't start your pass right now."
    );
    assert!(
        refused.body["error"].get("details").is_none(),
        "{:#}",
        refused.body
    );
    // Staff sending B a pass learn which group.
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let mut sent = out(&room, &restroom);
    sent["student_id"] = json!(b.id);
    let staff_refusal = teacher
        .post("/passes", sent.clone())
        .await
        .expect_error(422, "encounter_prevented");
    let group = staff_refusal.body["error"]["details"]["group_name"]
        .as_str()
        .expect("group");
    assert!(group == "A and B" || group == "B and C");

    for pass in [&pass_a, &pass_c] {
        admin
            .post(
                &format!("/passes/{}/end", pass.body["id"].as_str().expect("id")),
                json!({}),
            )
            .await
            .expect(200);
    }
    let pass_b = api_b
        .post("/passes", out(&room, &restroom))
        .await
        .expect(201);
    let refused = api_c
        .post("/passes", out(&room, &restroom))
        .await
        .expect_error(422, "encounter_prevented");
    assert_eq!(
        refused.message(),
        "Sorry, you can't start your pass right now."
    );
    admin
        .post(
            &format!("/passes/{}/end", pass_b.body["id"].as_str().expect("id")),
            json!({}),
        )
        .await
        .expect(200);

    // Every refusal is in the log, with the group, for pass-rule managers.
    let log = admin
        .get("/encounter-groups/prevented")
        .await
        .expect(200)
        .body;
    let log = log.as_array().expect("log");
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_eq!(log[0]["student"]["id"], c.id.as_str());
    assert_eq!(log[0]["other_student"]["id"], b.id.as_str());
    assert_eq!(log[0]["group_name"], "B and C");
    let _ = off;
}

async fn fifty_simultaneous_starts_leave_one_active(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let (room, restroom) = two_rooms(&admin).await;
    let students: Vec<_> = (0..50)
        .map(|_| app.add(Role::Student, &app.school.id))
        .collect();
    let ids: Vec<&str> = students.iter().map(|s| s.id.as_str()).collect();
    admin
        .post(
            "/encounter-groups",
            json!({ "name": "Fifty", "student_ids": ids }),
        )
        .await
        .expect(201);
    let apis = futures_util::future::join_all(students.iter().map(|s| app.as_user(s))).await;
    let replies = futures_util::future::join_all(
        apis.iter()
            .map(|api| api.post("/passes", out(&room, &restroom))),
    )
    .await;
    let started = replies.iter().filter(|r| r.status.as_u16() == 201).count();
    assert_eq!(
        started,
        1,
        "{:?}",
        replies
            .iter()
            .map(|r| r.code().to_owned())
            .collect::<Vec<_>>()
    );
    assert!(replies
        .iter()
        .filter(|r| r.status.as_u16() != 201)
        .all(|r| r.code() == "encounter_prevented"));
    let active = admin.get("/passes?state=active").await.expect(200).body;
    assert_eq!(active["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        admin
            .get("/encounter-groups/prevented")
            .await
            .expect(200)
            .body
            .as_array()
            .map(Vec::len),
        Some(49)
    );
}
