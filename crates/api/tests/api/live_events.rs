//! The live hallway stream: who receives which event, tickets, and two instances.
use std::time::{Duration, Instant};

use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::passes::{go, hallway, id};
use crate::support::{Backend, TestApp};

on_both_backends!(
    passes_come_and_go_live_for_those_who_may_see_them,
    requests_reach_the_rooms_deciders_only,
    emergencies_reach_everyone_and_prevented_encounters_the_rule_keepers,
    tickets_are_single_use_short_lived_and_not_for_parents,
);

async fn passes_come_and_go_live_for_those_who_may_see_them(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let teacher = app.as_user(&h.restroom_teacher).await;
    let student = app.as_user(&h.student).await;
    let other = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    let mut staff_view = teacher.subscribe().await;
    let mut own_view = student.subscribe().await;
    let mut other_view = other.subscribe().await;

    let pass = id(&student.post("/passes", go(&h, "one_way")).await.expect(201));
    let created = staff_view.expect("pass.created").await;
    assert_eq!(created["id"], pass.as_str());
    assert_eq!(created["state"], "active");
    assert_eq!(created["student"]["id"], h.student.id.as_str());
    assert_eq!(own_view.expect("pass.created").await["id"], pass.as_str());

    teacher
        .post(&format!("/passes/{pass}/end"), json!({}))
        .await
        .expect(200);
    let ended = own_view.expect("pass.ended").await;
    assert_eq!(
        (ended["id"].as_str(), ended["ended_reason"].as_str()),
        (Some(pass.as_str()), Some("staff"))
    );
    staff_view.expect("pass.ended").await;

    // The other student received none of that: their first event is their own pass.
    let theirs = id(&other.post("/passes", go(&h, "one_way")).await.expect(201));
    assert_eq!(
        other_view.expect("pass.created").await["id"],
        theirs.as_str()
    );

    // The expiry sweep tells the hallway too.
    app.clock.advance(chrono::Duration::minutes(21));
    let expired = other_view.expect("pass.ended").await;
    assert_eq!(expired["ended_reason"], "auto_expired");
    staff_view.expect("pass.created").await;
    assert_eq!(staff_view.expect("pass.ended").await["id"], theirs.as_str());
}

async fn requests_reach_the_rooms_deciders_only(app: TestApp) {
    let h = hallway(
        &app,
        json!({ "restricted_now": true, "end_requires_code": false }),
    )
    .await;
    let decider = app.as_user(&h.restroom_teacher).await;
    let origin_teacher = app.as_user(&h.classroom_teacher).await;
    let mut inbox = decider.subscribe().await;
    let mut origin_view = origin_teacher.subscribe().await;

    let student = app.as_user(&h.student).await;
    let request = student.post("/passes", go(&h, "one_way")).await.expect(201);
    assert_eq!(request.body["state"], "pending");
    let received = inbox.expect("request.created").await;
    assert_eq!(received["id"], id(&request).as_str());

    decider
        .post(&format!("/passes/{}/approve", id(&request)), json!({}))
        .await
        .expect(200);
    assert_eq!(inbox.expect("pass.updated").await["state"], "active");
    // The origin's teacher sees the pass once it is out, and never got the request.
    assert_eq!(origin_view.expect("pass.updated").await["state"], "active");
}

async fn emergencies_reach_everyone_and_prevented_encounters_the_rule_keepers(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let other = app.add(Role::Student, &app.school.id);
    h.admin
        .post(
            "/encounter-groups",
            json!({ "name": "Apart", "student_ids": [h.student.id, other.id] }),
        )
        .await
        .expect(201);
    app.as_user(&h.student)
        .await
        .post("/passes", go(&h, "one_way"))
        .await
        .expect(201);
    let mut admin_view = h.admin.subscribe().await;
    let bystander = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    let mut student_view = bystander.subscribe().await;

    app.as_user(&other)
        .await
        .post("/passes", go(&h, "one_way"))
        .await
        .expect_error(422, "encounter_prevented");
    let prevented = admin_view.expect("encounter.prevented").await;
    assert_eq!(prevented["student"]["id"], other.id.as_str());
    assert_eq!(prevented["group_name"], "Apart");

    h.admin
        .post("/school/emergency", json!({ "active": true }))
        .await
        .expect(200);
    assert_eq!(
        admin_view.expect("emergency").await,
        json!({ "active": true })
    );
    // A student hears of the emergency, and heard nothing of the encounter before it.
    assert_eq!(
        student_view.expect("emergency").await,
        json!({ "active": true })
    );
}

async fn tickets_are_single_use_short_lived_and_not_for_parents(app: TestApp) {
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let ticket = |reply: crate::support::client::Reply| {
        reply.expect(200).body["ticket"]
            .as_str()
            .expect("ticket")
            .to_owned()
    };
    let first = ticket(teacher.post("/hallway/ticket", Value::Null).await);
    assert_eq!(
        teacher
            .open_stream(&format!("?ticket={first}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        teacher
            .open_stream(&format!("?ticket={first}"))
            .await
            .status(),
        401,
        "a ticket opens one stream"
    );
    let late = ticket(teacher.post("/hallway/ticket", Value::Null).await);
    app.clock.advance(chrono::Duration::seconds(31));
    assert_eq!(
        teacher
            .open_stream(&format!("?ticket={late}"))
            .await
            .status(),
        401
    );
    assert_eq!(teacher.open_stream("?ticket=made-up").await.status(), 401);
    assert_eq!(teacher.open_stream("").await.status(), 401);
    app.anon()
        .post("/hallway/ticket", Value::Null)
        .await
        .expect_error(401, "unauthenticated");

    // Integrators may send their access token instead.
    let token = teacher.token.clone().expect("token");
    let with_header = teacher
        .http
        .get(format!("{}/api/v1/hallway/events", teacher.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("answer");
    assert_eq!(with_header.status(), 200);

    // A ticket of an account disabled since opens nothing.
    let student = app.add(Role::Student, &app.school.id);
    let student_api = app.as_user(&student).await;
    let pending = ticket(student_api.post("/hallway/ticket", Value::Null).await);
    app.set_column_status(&student.id, "disabled");
    assert_eq!(
        student_api
            .open_stream(&format!("?ticket={pending}"))
            .await
            .status(),
        403
    );
}

/// Two `hallpass` processes' worth of server on one PostgreSQL database: a pass started
/// through one reaches a subscriber of the other within a second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_share_the_hallway() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let second = app.second_instance().await;
    let teacher = app.as_user(&h.restroom_teacher).await;
    let mut on_second = second
        .api
        .with_token(teacher.token.as_deref().expect("token"))
        .subscribe()
        .await;

    let student = app.as_user(&h.student).await;
    let sent = Instant::now();
    let pass = id(&student.post("/passes", go(&h, "one_way")).await.expect(201));
    let received = on_second.expect("pass.created").await;
    let took = sent.elapsed();
    assert_eq!(received["id"], pass.as_str());
    assert!(took < Duration::from_secs(1), "took {took:?}");
}
