//! An apply killed half-way writes nothing: after the restart the preview is still `ready`
//! (or, if the kill came after the commit, `succeeded` with every account), never a part.
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

#[path = "process/mod.rs"]
mod process;

use process::{login, serve, temp_dir, Server};

const ADMIN: (&str, &str) = ("office@imports.test", "an office password to keep");
const STUDENTS: usize = 10_000;

fn server(dir: &std::path::Path) -> Server {
    serve(
        dir,
        &[
            ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "Import High"),
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

async fn get(http: &reqwest::Client, server: &Server, token: &str, path: &str) -> Value {
    http.get(format!("{}{path}", server.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json")
}

async fn found(http: &reqwest::Client, server: &Server, token: &str, q: &str) -> bool {
    let page = get(http, server, token, &format!("/users?q={q}")).await;
    !page["items"].as_array().expect("items").is_empty()
}

#[tokio::test]
async fn an_apply_killed_half_way_writes_nothing_and_can_be_applied_again() {
    let dir = temp_dir();
    let first = server(&dir);
    let token = sign_in(&first).await;
    let http = reqwest::Client::new();
    let mut csv = String::from("Student Number,First Name,Last Name,Grade\n");
    for n in 0..STUDENTS {
        csv.push_str(&format!("K{n:05},Kid,Number{n:05},9\n"));
    }
    let form = Form::new()
        .part(
            "file",
            Part::bytes(csv.into_bytes()).file_name("students.csv"),
        )
        .text("role", "student");
    let accepted: Value = http
        .post(format!("{}/imports", first.base))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    let id = accepted["id"].as_str().expect("a job").to_owned();
    let path = format!("/imports/{id}");
    for _ in 0..600 {
        if get(&http, &first, &token, &path).await["state"] == "ready" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        get(&http, &first, &token, &path).await["result"]["create"],
        STUDENTS
    );

    // Kill the server while it applies.
    let apply = {
        let (http, url, token) = (
            http.clone(),
            format!("{}{path}/apply", first.base),
            token.clone(),
        );
        tokio::spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&json!({}))
                .send()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    let mut first = first;
    first.child.kill().expect("SIGKILL");
    first.child.wait().expect("reaped");
    let answered = apply.await.expect("the request task");
    drop(first);

    let second = server(&dir);
    let token = sign_in(&second).await;
    let job = get(&http, &second, &token, &path).await;
    let (first_kid, last_kid) = (
        found(&http, &second, &token, "K00000").await,
        found(&http, &second, &token, "K09999").await,
    );
    eprintln!("after the restart the import is {}", job["state"]);
    match job["state"].as_str() {
        Some("ready") => {
            assert!(
                !first_kid && !last_kid,
                "a rolled-back apply wrote accounts: {job}"
            );
            assert!(answered.is_err() || !answered.expect("present").status().is_success());
            let applied = http
                .post(format!("{}{path}/apply", second.base))
                .bearer_auth(&token)
                .json(&json!({}))
                .send()
                .await
                .expect("answer");
            assert_eq!(applied.status(), 200);
            assert!(found(&http, &second, &token, "K00000").await);
            assert!(found(&http, &second, &token, "K09999").await);
        }
        Some("succeeded") => assert!(first_kid && last_kid, "a committed apply lost accounts"),
        other => panic!("the import is {other:?} after the restart: {job}"),
    }
}
