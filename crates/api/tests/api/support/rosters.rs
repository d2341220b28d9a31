//! Roster imports over HTTP: uploads, waiting for the preview, reading its rows.
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

use super::client::{Api, Reply};

/// `POST /imports` with `file` and the text fields.
pub async fn import(api: &Api, name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> Reply {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    for (field, value) in fields {
        form = form.text(field.to_string(), value.to_string());
    }
    send_form(api, form).await
}

pub async fn send_form(api: &Api, form: Form) -> Reply {
    let mut request = api
        .http
        .post(format!("{}/api/v1/imports", api.base))
        .multipart(form);
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// Polls the import until its preview is ready, or it ended.
pub async fn settled(api: &Api, id: &str) -> Value {
    for _ in 0..1_200 {
        let job = api.get(&format!("/imports/{id}")).await.expect(200).body;
        if ["ready", "succeeded", "failed", "canceled"]
            .contains(&job["state"].as_str().unwrap_or(""))
        {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import {id} did not settle in a minute");
}

/// Uploads, waits for the preview, and checks it is ready.
pub async fn preview(api: &Api, name: &str, bytes: Vec<u8>, fields: &[(&str, &str)]) -> Value {
    let accepted = import(api, name, bytes, fields).await.expect(202);
    let job = settled(api, accepted.body["id"].as_str().expect("id")).await;
    assert_eq!(job["state"], "ready", "{job}");
    job
}

pub async fn apply(api: &Api, job: &Value) -> Value {
    let id = job["id"].as_str().expect("id");
    let applied = api
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(applied["state"], "succeeded", "{applied}");
    applied
}

/// Every row of one kind of change.
pub async fn changes(api: &Api, job: &Value, kind: &str) -> Vec<Value> {
    let id = job["id"].as_str().expect("id");
    api.pages(&format!("/imports/{id}/changes?kind={kind}&limit=500"))
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// The counts of a preview's result, in the order create, update, archive, restore,
/// unchanged, skipped, errors.
pub fn counts(job: &Value) -> [u64; 7] {
    let r = &job["result"];
    [
        "create",
        "update",
        "archive",
        "restore",
        "unchanged",
        "skipped",
        "errors",
    ]
    .map(|k| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {job}")))
}

/// A fixture file's bytes.
pub fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/rosters/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// A fixture folder zipped, its files at the root.
pub fn bundle(folder: &str) -> Vec<u8> {
    let dir = format!(
        "{}/tests/fixtures/rosters/{folder}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut entries: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("file"))
        })
        .collect();
    entries.sort();
    let entries: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.clone()))
        .collect();
    super::pictures::zip(&entries)
}

/// A students' CSV: (identifier, first, last, grade) rows.
pub fn students_csv(rows: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let mut text = String::from("Student Number,First Name,Last Name,Grade\r\n");
    for (id, first, last, grade) in rows {
        text.push_str(&format!("{id},{first},{last},{grade}\r\n"));
    }
    text.into_bytes()
}

/// The school's accounts matching `q`, as `GET /users?q=` lists them.
pub async fn search(api: &Api, q: &str) -> Vec<Value> {
    api.get(&format!("/users?q={q}")).await.expect(200).body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}
