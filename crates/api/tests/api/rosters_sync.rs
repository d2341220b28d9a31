//! Sync semantics: a full import archives leavers and restores returners, additions never
//! archive, hand-made accounts are adopted or left alone, the safety hold, a stale preview,
//! cancel, and strict.
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::rosters::{apply, changes, counts, preview, search, settled, students_csv};
use crate::support::TestApp;

on_both_backends!(
    a_full_sync_archives_leavers_and_restores_returners,
    the_safety_hold_needs_a_confirmation,
    additions_never_archive,
    a_stale_preview_is_refused_and_nothing_is_written,
    a_canceled_preview_cannot_be_applied,
    a_strict_import_with_row_errors_imports_nothing,
);

fn roster(numbers: std::ops::RangeInclusive<u32>) -> Vec<u8> {
    let rows: Vec<(String, String, String)> = numbers
        .map(|n| (format!("S{n}"), format!("Kid{n}"), "Roster".to_owned()))
        .collect();
    let rows: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|(id, first, last)| (id.as_str(), first.as_str(), last.as_str(), "7"))
        .collect();
    students_csv(&rows)
}

async fn import_students(admin: &Api, file: Vec<u8>, fields: &[(&str, &str)]) -> Value {
    let mut all = vec![("role", "student")];
    all.extend_from_slice(fields);
    preview(admin, "roster.csv", file, &all).await
}

async fn status(admin: &Api, id: &str) -> String {
    admin.get(&format!("/users/{id}")).await.expect(200).body["status"]
        .as_str()
        .expect("present")
        .to_owned()
}

async fn hand_made(admin: &Api, identifier: &str) -> String {
    admin
        .post(
            "/users",
            json!({ "role": "student", "first_name": "Hand", "last_name": "Made",
                    "school_identifier": identifier }),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .expect("present")
        .to_owned()
}

async fn a_full_sync_archives_leavers_and_restores_returners(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let adopted = hand_made(&admin, "S5").await;
    let never_synced = hand_made(&admin, "H1").await;

    let first = import_students(&admin, roster(1..=20), &[]).await;
    assert_eq!(
        counts(&first)[..2],
        [19, 1],
        "S5 is adopted, not made twice: {first}"
    );
    let adoption = &changes(&admin, &first, "update").await[0];
    assert_eq!(adoption["user_id"], adopted.as_str());
    apply(&admin, &first).await;
    let s5 = admin
        .get(&format!("/users/{adopted}"))
        .await
        .expect(200)
        .body;
    assert_eq!(s5["source"], "import");
    assert_eq!(s5["first_name"], "Kid5");

    let leaving = import_students(&admin, roster(1..=19), &[]).await;
    assert_eq!(counts(&leaving)[..5], [0, 0, 1, 0, 19], "{leaving}");
    assert!(
        !leaving["result"]["needs_confirmation"]
            .as_bool()
            .expect("present"),
        "1 of 20 is under 10%"
    );
    let s20 = changes(&admin, &leaving, "archive").await[0]["user_id"]
        .as_str()
        .expect("present")
        .to_owned();
    apply(&admin, &leaving).await;
    assert_eq!(status(&admin, &s20).await, "suspended");
    assert_eq!(
        status(&admin, &never_synced).await,
        "active",
        "hand-made: never archived"
    );
    assert!(search(&admin, "Kid20").await.is_empty());

    let back = import_students(&admin, roster(1..=20), &[]).await;
    assert_eq!(counts(&back)[..5], [0, 0, 0, 1, 19], "{back}");
    apply(&admin, &back).await;
    assert_eq!(status(&admin, &s20).await, "active");
    assert_eq!(search(&admin, "Kid20").await.len(), 1);
}

async fn the_safety_hold_needs_a_confirmation(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    apply(&admin, &import_students(&admin, roster(1..=20), &[]).await).await;
    let big = import_students(&admin, roster(1..=15), &[]).await;
    assert_eq!(big["result"]["archive"], 5);
    assert_eq!(big["result"]["source_accounts"], 20);
    assert!(big["result"]["needs_confirmation"]
        .as_bool()
        .expect("present"));
    let id = big["id"].as_str().expect("present");
    let held = admin
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect_error(409, "archive_needs_confirmation");
    assert_eq!(
        held.body["error"]["details"],
        json!({ "archive": 5, "of": 20 })
    );
    assert_eq!(
        search(&admin, "Kid16").await.len(),
        1,
        "nothing archived yet"
    );
    assert_eq!(settled(&admin, id).await["state"], "ready", "still waiting");
    admin
        .post(
            &format!("/imports/{id}/apply"),
            json!({ "confirm_archive": true }),
        )
        .await
        .expect(200);
    assert!(search(&admin, "Kid16").await.is_empty());
}

async fn additions_never_archive(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    apply(&admin, &import_students(&admin, roster(1..=10), &[]).await).await;
    let job = import_students(&admin, roster(9..=12), &[("mode", "additions")]).await;
    assert_eq!(counts(&job)[..5], [2, 0, 0, 0, 2], "{job}");
    apply(&admin, &job).await;
    assert_eq!(
        search(&admin, "Kid1").await.len(),
        4,
        "Kid1, Kid10, Kid11, Kid12"
    );
}

async fn a_stale_preview_is_refused_and_nothing_is_written(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    apply(&admin, &import_students(&admin, roster(1..=3), &[]).await).await;
    let renamed = students_csv(&[
        ("S1", "Kiddo1", "Roster", "7"),
        ("S2", "Kid2", "Roster", "7"),
        ("S3", "Kid3", "Roster", "7"),
        ("S4", "Kid4", "Roster", "7"),
    ]);
    let job = import_students(&admin, renamed, &[]).await;
    assert_eq!(counts(&job)[..2], [1, 1], "{job}");
    let s1 = changes(&admin, &job, "update").await[0]["user_id"]
        .as_str()
        .expect("present")
        .to_owned();
    admin
        .patch(&format!("/users/{s1}"), json!({ "last_name": "Changed" }))
        .await
        .expect(200);
    let id = job["id"].as_str().expect("present");
    let stale = admin
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect_error(409, "preview_stale");
    assert_eq!(stale.body["error"]["details"]["changed"], 1);
    assert!(
        search(&admin, "Kid4").await.is_empty(),
        "the create was not written either"
    );
    let s1 = admin.get(&format!("/users/{s1}")).await.expect(200).body;
    assert_eq!(
        (s1["first_name"].as_str(), s1["last_name"].as_str()),
        (Some("Kid1"), Some("Changed"))
    );
}

async fn a_canceled_preview_cannot_be_applied(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let job = import_students(&admin, roster(1..=3), &[]).await;
    let id = job["id"].as_str().expect("present");
    let canceled = admin
        .delete(&format!("/imports/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(canceled["state"], "canceled");
    admin
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect_error(409, "import_not_ready");
    admin
        .delete(&format!("/imports/{id}"))
        .await
        .expect_error(409, "import_not_ready");
    assert!(search(&admin, "Kid1").await.is_empty());
    let history = admin.get("/imports").await.expect(200).body;
    assert_eq!(history["items"][0]["state"], "canceled");
}

async fn a_strict_import_with_row_errors_imports_nothing(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let file = students_csv(&[("S1", "Kid1", "Roster", "7"), ("S2", "", "", "7")]);
    let accepted = crate::support::rosters::import(
        &admin,
        "roster.csv",
        file.clone(),
        &[("role", "student"), ("strict", "true")],
    )
    .await
    .expect(202);
    let job = settled(&admin, accepted.body["id"].as_str().expect("present")).await;
    assert_eq!(job["state"], "failed", "{job}");
    assert_eq!(job["error"]["code"], "row_errors");
    let errors = changes(&admin, &job, "error").await;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 3);
    assert!(search(&admin, "Kid1").await.is_empty());
    // Without strict, the valid row goes in.
    let lenient = import_students(&admin, file, &[]).await;
    assert_eq!(counts(&lenient), [1, 0, 0, 0, 0, 0, 1]);
}
