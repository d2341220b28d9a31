//! Roster imports: 10,000 students in a OneRoster bundle, timed from the upload to the
//! `ready` preview, then the apply, then a re-import of the same bundle to its preview (which
//! changes nothing); account searches and the hallway before the import and after the apply
//! (the search cache reloads once per apply, not per row); then a 50 MB OneRoster `users.csv`
//! (about 220,000 users) for the server's peak memory.
//!
//! `cargo bench -p hallpass-api --bench rosters_load`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_STUDENTS` changes the count; `HALLPASS_BENCH_BIG_MB` the size
//! of the big bundle (0 skips it).
mod support;

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use std::sync::Arc;

use support::{backend, fresh_database, run, start, Server};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let students = count("HALLPASS_BENCH_STUDENTS", 10_000);
    let big_mb = count("HALLPASS_BENCH_BIG_MB", 50);
    let (url, dir) = fresh_database();
    let db = hallpass_api::db::Db::open(&url, 2).expect("open database");
    support::seed_school(&db, "rosters", 0, "unused");
    seed_baseline(&db, students);
    drop(db);
    let server = Arc::new(start(&url, dir).await);
    let token = server.token("admin@rosters.test").await;
    println!(
        "backend: {}\n{students} students in a OneRoster bundle",
        backend(&url)
    );
    let baseline = server.token("admin@baseline.test").await;
    reads(
        &server,
        &baseline,
        "a school with the same accounts made by hand (the baseline)",
    )
    .await;
    reads(&server, &token, "the importing school, before the import").await;

    let bundle = students_bundle(students);
    let (id, preview) = upload(&server, &token, "district.zip", bundle.clone(), "").await;
    println!(
        "  preview (upload to ready): {:.2} s",
        preview.as_secs_f64()
    );
    let started = Instant::now();
    let applied = server
        .post(&token, &format!("/imports/{id}/apply"), &json!({}))
        .await;
    assert_eq!(applied["state"], "succeeded", "{applied}");
    println!("  apply: {:.2} s", started.elapsed().as_secs_f64());
    let (again_id, again) = upload(&server, &token, "district.zip", bundle, "").await;
    println!(
        "  re-import of the same bundle, to its preview: {:.2} s",
        again.as_secs_f64()
    );
    let unchanged: Value = server
        .http
        .get(format!("{}/imports/{again_id}", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("poll")
        .json()
        .await
        .expect("json");
    println!("    its counts: {}", unchanged["result"]);
    reads(&server, &token, "the importing school, after the apply").await;

    if big_mb > 0 {
        let bundle = big_bundle(big_mb);
        let idle = server.memory_kib("VmRSS");
        let (_, took) = upload(&server, &token, "district.zip", bundle, "").await;
        let peak = server.memory_kib("VmHWM");
        println!(
            "\nA OneRoster bundle with a {big_mb} MB users.csv: preview in {:.2} s; server memory \
             {} MB before, peak {} MB (peak since start)",
            took.as_secs_f64(),
            idle / 1024,
            peak / 1024
        );
    }
}

/// A second school whose accounts are the bundle's, inserted directly: what search and the
/// hallway cost without any import.
fn seed_baseline(db: &hallpass_api::db::Db, students: usize) {
    use hallpass_api::users::queries::{insert, NewAccount};
    let id = support::seed_school(db, "baseline", 0, "unused");
    db.write_blocking(move |conn| {
        for n in 0..students {
            let (first, last) = (format!("Given{n}"), format!("Family{n}"));
            let (identifier, email) = (format!("B{n:07}"), format!("s{n:07}@baseline.example.org"));
            let account = NewAccount {
                school_id: Some(&id),
                role: hallpass_shared::user::Role::Student,
                first_name: &first,
                last_name: &last,
                email: Some(&email),
                school_identifier: Some(&identifier),
                grade: Some("9"),
                password_hash: None,
                must_change_password: false,
            };
            insert(conn, account, chrono::Utc::now().naive_utc())?;
        }
        Ok(())
    })
    .expect("seed the baseline school");
}

fn count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A 1.1 bundle of one school and `students` students.
fn students_bundle(students: usize) -> Vec<u8> {
    let mut users = String::from(USERS_HEADER);
    for n in 0..students {
        users.push_str(&user_row(n));
    }
    zip_bundle(users)
}

const USERS_HEADER: &str = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,\
    username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,\
    agentSourcedIds,grades,password\r\n";

fn user_row(n: usize) -> String {
    format!(
        "S{n:07},,,true,101,student,s{n:07},{{LDAP:{n}}},Given{n},Family{n},,B{n:07},\
         s{n:07}@big.example.org,,,,\"09,10\",\r\n"
    )
}

/// `GET /users?q=` and `GET /hallway` with 8 clients each, for 5 seconds.
async fn reads(server: &Arc<Server>, token: &str, when: &str) {
    println!("  {when}:");
    for (name, path) in [
        (
            "GET /users?role=student&q=",
            "/users?role=student&q=family1",
        ),
        ("GET /hallway", "/hallway"),
    ] {
        let clients: Vec<_> = (0..8).map(|_| (server.clone(), token.to_owned())).collect();
        let stats = run(
            Duration::from_secs(5),
            clients,
            move |(server, token)| async move {
                let response = server
                    .http
                    .get(format!("{}{path}", server.base))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .expect("read");
                assert!(
                    response.status().is_success(),
                    "{path}: {}",
                    response.status()
                );
                let _ = response.bytes().await;
                (server, token)
            },
        )
        .await;
        stats.print(&format!("    {name}"), 8);
    }
}

/// A 1.1 bundle whose `users.csv` is `mb` MB: one school, its students.
fn big_bundle(mb: usize) -> Vec<u8> {
    let mut users = String::from(USERS_HEADER);
    let mut n = 0;
    while users.len() < mb * 1_000_000 {
        users.push_str(&user_row(n));
        n += 1;
    }
    zip_bundle(users)
}

fn zip_bundle(users: String) -> Vec<u8> {
    let files = [
        (
            "manifest.csv",
            "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.users,bulk\r\n".to_owned(),
        ),
        (
            "orgs.csv",
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n101,,,Big High,school,101,\r\n".to_owned(),
        ),
        ("users.csv", users),
    ];
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, text) in files {
        writer.start_file(name, options).expect("entry");
        writer.write_all(text.as_bytes()).expect("write");
    }
    writer.finish().expect("zip").into_inner()
}

/// Uploads a file and waits for its preview: the job id, and the time from sending to `ready`.
async fn upload(
    server: &Server,
    token: &str,
    name: &str,
    bytes: Vec<u8>,
    role: &str,
) -> (String, Duration) {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    if !role.is_empty() {
        form = form.text("role", role.to_owned());
    }
    let started = Instant::now();
    let accepted: Value = server
        .http
        .post(format!("{}/imports", server.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .expect("upload")
        .json()
        .await
        .expect("json");
    let id = accepted["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{accepted}"))
        .to_owned();
    loop {
        let job: Value = server
            .http
            .get(format!("{}/imports/{id}", server.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("poll")
            .json()
            .await
            .expect("json");
        match job["state"].as_str() {
            Some("ready") => return (id, started.elapsed()),
            Some("failed") => panic!("the import failed: {job}"),
            _ => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}
