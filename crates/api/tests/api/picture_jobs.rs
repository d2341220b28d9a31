//! The job runner under picture uploads: one worker per job across instances, and a worker
//! whose lease another takes stops without harm.
use std::time::Duration;

use crate::on_both_backends;
use crate::pictures::{finished, student, upload};
use crate::support::pictures::{jpeg, zip};
use crate::support::TestApp;

on_both_backends!(
    two_instances_process_each_upload_once,
    a_job_whose_lease_is_taken_stops_and_frees_its_runner
);

async fn two_instances_process_each_upload_once(app: TestApp) {
    let second = app.second_instance().await;
    let admin = app.as_user(&app.school.admin).await;
    let on_second = second
        .api
        .with_token(admin.token.as_deref().expect("token"));
    for n in 0..6 {
        student(&admin, &format!("T{n}"), None).await;
    }
    // Uploads to both instances at once: each instance's runner races the other's for each.
    let mut ids = Vec::new();
    for n in 0..6 {
        let api = if n % 2 == 0 { &admin } else { &on_second };
        let name = format!("T{n}.jpg");
        let accepted = upload(api, vec![("files", &name, jpeg(64, 80))])
            .await
            .expect(202);
        ids.push(accepted.body["id"].as_str().expect("id").to_owned());
    }
    for id in &ids {
        let job = finished(&admin, id).await;
        assert_eq!(job["state"], "succeeded", "{job}");
        assert_eq!(job["result"]["matched"], 1, "{job}");
    }
    let ids_read = ids.clone();
    let attempts: Vec<i32> = app
        .db
        .run_blocking(move |conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::jobs;
            Ok(jobs::table
                .filter(jobs::id.eq_any(&ids_read))
                .select(jobs::attempts)
                .load(conn)?)
        })
        .expect("read the jobs");
    assert_eq!(attempts, vec![1; 6], "each job taken exactly once");
}

/// Another worker taking the job mid-processing (this one stalled past its lease) stops this
/// one without writing the job's outcome, and its runner goes on to the next job.
async fn a_job_whose_lease_is_taken_stops_and_frees_its_runner(app: TestApp) {
    use diesel::prelude::*;
    use hallpass_api::db::schema::jobs;

    let admin = app.as_user(&app.school.admin).await;
    let count = 120;
    for n in 0..count {
        student(&admin, &format!("L{n}"), None).await;
    }
    student(&admin, "NEXT", None).await;
    let big = jpeg(1600, 2000);
    let entries: Vec<(String, Vec<u8>)> = (0..count)
        .map(|n| (format!("L{n}.jpg"), big.clone()))
        .collect();
    let entries: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.clone()))
        .collect();
    let accepted = upload(&admin, vec![("archive", "big.zip", zip(&entries))])
        .await
        .expect(202);
    let id = accepted.body["id"].as_str().expect("id").to_owned();
    // Once it is under way, another (imaginary) worker takes it over.
    let mut under_way = false;
    for _ in 0..2_000 {
        let job = admin
            .get(&format!("/profile-pictures/uploads/{id}"))
            .await
            .expect(200)
            .body;
        if job["state"] == "running" && job["progress"]["done"].as_i64().unwrap_or(0) > 0 {
            under_way = true;
            break;
        }
        assert_ne!(
            job["state"], "succeeded",
            "the job ended before it could be taken over"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(under_way, "the job started");
    let taken = id.clone();
    app.db
        .write_blocking(move |conn| {
            let later = chrono::Utc::now().naive_utc() + chrono::Duration::hours(1);
            Ok(diesel::update(jobs::table.find(&taken))
                .set((
                    jobs::lease_owner.eq("another-instance"),
                    jobs::lease_expires_at.eq(later),
                ))
                .execute(conn)?)
        })
        .expect("take the lease");

    // The runner is free again: the next upload is processed.
    let next = upload(&admin, vec![("files", "NEXT.jpg", jpeg(64, 80))])
        .await
        .expect(202);
    let next = finished(&admin, next.body["id"].as_str().expect("id")).await;
    assert_eq!(next["state"], "succeeded", "{next}");
    // And the first worker wrote nothing over the new holder's job.
    let job = admin
        .get(&format!("/profile-pictures/uploads/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(job["state"], "running", "{job}");
    let owner: Option<String> = app
        .db
        .run_blocking(move |conn| {
            Ok(jobs::table
                .find(&id)
                .select(jobs::lease_owner)
                .first(conn)?)
        })
        .expect("read the job");
    assert_eq!(owner.as_deref(), Some("another-instance"));
}
