//! Long work survives `kill -9`: a picture upload killed in the middle of processing is taken
//! again after the restart and finishes.
use std::time::{Duration, Instant};

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

#[path = "process/mod.rs"]
mod process;

#[path = "api/support/pictures.rs"]
#[allow(dead_code)]
mod pictures;

use process::{login, serve, temp_dir, Server};

const ADMIN: (&str, &str) = ("office@crash.test", "an office password to keep");
const STUDENTS: usize = 160;

fn server(dir: &std::path::Path) -> Server {
    serve(
        dir,
        &[
            ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "Crash High"),
            ("HALLPASS_BOOTSTRAP_ADMIN_EMAIL", ADMIN.0),
            ("HALLPASS_BOOTSTRAP_ADMIN_PASSWORD", ADMIN.1),
            ("HALLPASS_JOB_LEASE_SECONDS", "2"),
        ],
        &[],
    )
}

async fn sign_in(server: &Server) -> String {
    let (status, session) = login(server, ADMIN.0, ADMIN.1).await;
    assert_eq!(status, 200, "{session:#}");
    session["access_token"].as_str().expect("token").to_owned()
}

async fn job(http: &reqwest::Client, server: &Server, token: &str, id: &str) -> Value {
    http.get(format!("{}/profile-pictures/uploads/{id}", server.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn an_upload_killed_mid_processing_finishes_after_the_restart() {
    let dir = temp_dir();
    let first = server(&dir);
    let token = sign_in(&first).await;
    let http = reqwest::Client::new();
    for n in 0..STUDENTS {
        let created = http
            .post(format!("{}/users", first.base))
            .bearer_auth(&token)
            .json(
                &json!({ "role": "student", "first_name": "Crash", "last_name": format!("{n}"),
                           "school_identifier": format!("C{n:04}") }),
            )
            .send()
            .await
            .expect("answer");
        assert_eq!(created.status(), 201);
    }
    let portrait = pictures::jpeg(640, 800);
    let entries: Vec<(String, Vec<u8>)> = (0..STUDENTS)
        .map(|n| (format!("Photos/C{n:04}.jpg"), portrait.clone()))
        .collect();
    let entries: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(path, bytes)| (path.as_str(), bytes.clone()))
        .collect();
    let archive = pictures::zip(&entries);
    let accepted: Value = http
        .post(format!("{}/profile-pictures/uploads", first.base))
        .bearer_auth(&token)
        .multipart(Form::new().part("archive", Part::bytes(archive).file_name("photos.zip")))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    let id = accepted["id"].as_str().expect("a job").to_owned();

    // Kill it once processing has begun and before it ends.
    let started = Instant::now();
    let mut first = first;
    loop {
        let now = job(&http, &first, &token, &id).await;
        let done = now["progress"]["done"].as_i64().unwrap_or(0);
        assert_ne!(
            now["state"], "succeeded",
            "finished before the kill; make the upload larger"
        );
        if now["state"] == "running" && done > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "never started: {now}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.child.kill().expect("SIGKILL");
    first.child.wait().expect("reaped");
    drop(first);

    let second = server(&dir);
    let token = sign_in(&second).await;
    let started = Instant::now();
    let finished = loop {
        let now = job(&http, &second, &token, &id).await;
        if ["succeeded", "failed"].contains(&now["state"].as_str().unwrap_or("")) {
            break now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(180),
            "the job stayed {} after the restart",
            now["state"]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(finished["state"], "succeeded", "{finished:#}");
    assert_eq!(
        finished["result"]["matched"], STUDENTS as u64,
        "{finished:#}"
    );
    assert_eq!(finished["progress"]["done"], STUDENTS as u64);
}
