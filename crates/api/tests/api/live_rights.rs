//! An open event stream loses, within seconds, what its account loses: a disabled account's
//! stream closes, and a teacher whose `hall_monitor` is revoked stops seeing others' passes.
use std::time::Duration;

use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::passes::{go, hallway, Hallway};
use crate::support::live::Live;
use crate::support::TestApp;

on_both_backends!(
    a_disabled_accounts_stream_closes,
    a_revoked_hall_monitor_stops_seeing_others_passes,
    a_teacher_taken_off_a_room_stops_seeing_its_passes,
    an_account_holds_only_a_few_streams_open,
);

/// The watch reads accounts every 2 seconds; this leaves room for the reload.
const WITHIN: Duration = Duration::from_secs(6);

/// After the watch's next read: another student goes out, and `live` must not hear of it.
async fn assert_stops_seeing_new_passes(app: &TestApp, h: &Hallway, live: &mut Live, lost: &str) {
    tokio::time::sleep(WITHIN).await;
    let other = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    other.post("/passes", go(h, "one_way")).await.expect(201);
    assert!(
        live.find("pass.created", Duration::from_secs(2))
            .await
            .is_none(),
        "the stream kept {lost}"
    );
}

async fn a_disabled_accounts_stream_closes(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let mut live = app.as_user(&student).await.subscribe().await;
    app.as_user(&app.school.admin)
        .await
        .patch(
            &format!("/users/{}", student.id),
            json!({ "status": "disabled" }),
        )
        .await
        .expect(200);
    live.expect_end(WITHIN).await;
}

async fn a_revoked_hall_monitor_stops_seeing_others_passes(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let monitor = app.add(Role::Teacher, &app.school.id);
    let path = format!("/users/{}", monitor.id);
    h.admin
        .patch(&path, json!({ "permissions": ["hall_monitor"] }))
        .await
        .expect(200);
    let mut live = app.as_user(&monitor).await.subscribe().await;
    let student = app.as_user(&h.student).await;
    student.post("/passes", go(&h, "one_way")).await.expect(201);
    assert!(
        live.find("pass.created", Duration::from_secs(5))
            .await
            .is_some(),
        "a hall monitor sees every pass"
    );

    h.admin
        .patch(&path, json!({ "permissions": [] }))
        .await
        .expect(200);
    assert_stops_seeing_new_passes(&app, &h, &mut live, "the revoked permission").await;
    // The stream itself stays open for what the teacher may still see.
    h.admin
        .post("/school/emergency", json!({ "active": true }))
        .await
        .expect(200);
    assert!(live
        .find("emergency", Duration::from_secs(5))
        .await
        .is_some());
}

async fn a_teacher_taken_off_a_room_stops_seeing_its_passes(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    // No hall_monitor: the teacher sees the room's passes only as its teacher.
    h.admin
        .patch(
            &format!("/users/{}", h.restroom_teacher.id),
            json!({ "permissions": [] }),
        )
        .await
        .expect(200);
    let mut live = app.as_user(&h.restroom_teacher).await.subscribe().await;
    let student = app.as_user(&h.student).await;
    student.post("/passes", go(&h, "one_way")).await.expect(201);
    assert!(live
        .find("pass.created", Duration::from_secs(5))
        .await
        .is_some());
    h.admin
        .patch(
            &format!("/rooms/{}", h.restroom),
            json!({ "teacher_ids": [] }),
        )
        .await
        .expect(200);
    assert_stops_seeing_new_passes(&app, &h, &mut live, "the room").await;
}

async fn an_account_holds_only_a_few_streams_open(app: TestApp) {
    let h = hallway(&app, json!({ "end_requires_code": false })).await;
    let student = app.as_user(&h.student).await;
    let mut open = Vec::new();
    for _ in 0..10 {
        open.push(student.subscribe().await);
    }
    // The eleventh takes the oldest one's place: the newest tab wins.
    let mut newest = student.subscribe().await;
    open[0].expect_end(Duration::from_secs(5)).await;
    student.post("/passes", go(&h, "one_way")).await.expect(201);
    newest.expect("pass.created").await;
    open[1].expect("pass.created").await;
}
