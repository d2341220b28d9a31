//! Picture uploads: 2,000 vendor portraits (640×800 JPEG) and 500 phone photos (4032×3024),
//! timed from the `202` to `succeeded`, with the server's peak memory above idle; beside them,
//! in the same run, a plain single-threaded baseline doing the same decode, resize and encode
//! with the `image` crate alone. Then `GET /users/{id}/picture` (200 and 304) at 16 clients.
//!
//! `cargo bench -p hallpass-api --bench pictures_load`; `HALLPASS_BENCH_DATABASE=postgres` for
//! PostgreSQL; `HALLPASS_BENCH_PORTRAITS` and `HALLPASS_BENCH_PHONE_PHOTOS` change the counts;
//! `HALLPASS_BENCH_HOLD_SECONDS` keeps the server up at the end for `wrk`.
mod support;

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use hallpass_api::db::Db;
use image::{ImageEncoder, Rgb, RgbImage};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use support::{fresh_database, run, seconds_per_phase, start, Server, PASSWORD};

/// Distinct pictures generated; the uploads cycle through them (the server decodes every file).
const DISTINCT: usize = 12;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let portraits = count("HALLPASS_BENCH_PORTRAITS", 2_000);
    let phones = count("HALLPASS_BENCH_PHONE_PHOTOS", 500);
    let (url, dir) = fresh_database();
    let db = Db::open(&url, 2).expect("open database");
    let students = portraits.max(phones);
    seed(&db, students);
    drop(db);
    let server = start(&url, dir).await;
    let token = server.token("admin@pictures.test").await;
    println!(
        "backend: {}",
        if url.starts_with("postgres") {
            "postgres"
        } else {
            "sqlite"
        }
    );

    let portrait_files: Vec<Vec<u8>> = (0..DISTINCT).map(|n| photo(640, 800, n)).collect();
    let average = portrait_files.iter().map(Vec::len).sum::<usize>() / DISTINCT;
    println!(
        "\n{portraits} vendor portraits, 640x800 JPEG, {} KB on average",
        average / 1000
    );
    upload_and_time(&server, &token, &portrait_files, portraits).await;
    baseline(&portrait_files, portraits);

    let phone_files: Vec<Vec<u8>> = (0..DISTINCT / 3).map(|n| photo(4032, 3024, n)).collect();
    let average = phone_files.iter().map(Vec::len).sum::<usize>() / phone_files.len();
    println!(
        "\n{phones} phone photos, 4032x3024 JPEG, {} KB on average",
        average / 1000
    );
    upload_and_time(&server, &token, &phone_files, phones).await;
    baseline(&phone_files, phones);

    serving(&server, &token).await;
}

fn count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A school with an admin and `students` students, school identifiers `P00000`….
fn seed(db: &Db, students: usize) {
    use hallpass_api::schools::create::{create_school, NewSchool};
    use hallpass_api::users::queries::{insert, NewAccount};
    let new = NewSchool {
        name: "Pictures High",
        time_zone: "America/Chicago",
        admin_email: "admin@pictures.test",
        admin_password: Some(PASSWORD),
    };
    let id = create_school(db, &new).expect("school").school.id;
    db.write_blocking(move |conn| {
        for n in 0..students {
            let identifier = format!("P{n:05}");
            let account = NewAccount {
                school_id: Some(&id),
                role: hallpass_shared::user::Role::Student,
                first_name: "Student",
                last_name: &identifier,
                email: None,
                school_identifier: Some(&identifier),
                grade: Some("10"),
                password_hash: None,
                must_change_password: false,
            };
            insert(conn, account, chrono::Utc::now().naive_utc())?;
        }
        Ok(())
    })
    .expect("seed students");
}

/// A photo-like JPEG: smooth shapes with grain, so that it weighs what a camera's does.
fn photo(width: u32, height: u32, seed: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_u32.wrapping_mul(seed as u32 + 1);
    let picture = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as u8;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let wave = ((fx * 9.0 + seed as f32).sin() * (fy * 7.0).cos() * 60.0) as i32;
        let channel = |base: f32| (base + wave as f32).clamp(0.0, 230.0) as u8 + grain;
        Rgb([channel(fx * 200.0), channel(fy * 180.0), channel(120.0)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode");
    out
}

fn zip_of(files: &[Vec<u8>], count: usize) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Vendors store JPEGs without compressing them again.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for n in 0..count {
        writer
            .start_file(format!("Export/Photos/P{n:05}.JPG"), options)
            .expect("entry");
        writer.write_all(&files[n % files.len()]).expect("write");
    }
    writer.finish().expect("zip").into_inner()
}

async fn upload_and_time(server: &Server, token: &str, files: &[Vec<u8>], count: usize) {
    let archive = zip_of(files, count);
    let megabytes = archive.len() / 1_000_000;
    let idle = server.memory_kib("VmRSS");
    let sent = Instant::now();
    let accepted: Value = server
        .http
        .post(format!("{}/profile-pictures/uploads", server.base))
        .bearer_auth(token)
        .multipart(Form::new().part("archive", Part::bytes(archive).file_name("export.zip")))
        .send()
        .await
        .expect("upload")
        .json()
        .await
        .expect("job");
    let stored_in = sent.elapsed();
    let id = accepted["id"].as_str().expect("a job").to_owned();
    let accepted_at = Instant::now();
    let job = loop {
        let job: Value = server
            .http
            .get(format!("{}/profile-pictures/uploads/{id}", server.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("poll")
            .json()
            .await
            .expect("job");
        if job["state"] == "succeeded" || job["state"] == "failed" {
            break job;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let processed_in = accepted_at.elapsed();
    let peak = server.memory_kib("VmHWM");
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["result"]["matched"], count as u64, "{}", job["result"]);
    println!(
        "  upload of {megabytes} MB stored in {:.1} s; 202 -> succeeded in {:.2} s ({:.0} pictures/s)",
        stored_in.as_secs_f64(),
        processed_in.as_secs_f64(),
        count as f64 / processed_in.as_secs_f64()
    );
    println!(
        "  server memory: idle {} MB before the upload, peak {} MB (peak since start)",
        idle / 1024,
        peak / 1024
    );
}

/// The same decode, resize to fit 320x400 and JPEG encode, on one thread with `image` alone.
fn baseline(files: &[Vec<u8>], count: usize) {
    let started = Instant::now();
    for n in 0..count {
        let picture = image::load_from_memory(&files[n % files.len()]).expect("decode");
        let fitted = picture.resize(320, 400, image::imageops::FilterType::Lanczos3);
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&fitted.to_rgb8())
            .expect("encode");
    }
    let took = started.elapsed();
    println!(
        "  baseline (image crate alone, one thread, no upload or database): {:.2} s ({:.0} pictures/s)",
        took.as_secs_f64(),
        count as f64 / took.as_secs_f64()
    );
}

/// One client's loop state: its requests go round the pictures.
struct Client {
    http: reqwest::Client,
    urls: std::sync::Arc<Vec<String>>,
    token: String,
    etag: Option<String>,
    next: usize,
}

async fn serving(server: &Server, token: &str) {
    let students: Value = server
        .http
        .get(format!("{}/users?role=student&limit=100", server.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("students")
        .json()
        .await
        .expect("page");
    let urls: Vec<String> = students["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| {
            format!(
                "{}/users/{}/picture",
                server.base,
                s["id"].as_str().expect("id")
            )
        })
        .collect();
    let first = server
        .http
        .get(&urls[0])
        .bearer_auth(token)
        .send()
        .await
        .expect("picture");
    let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
    let urls = std::sync::Arc::new(urls);
    let clients = |etag: Option<&str>| {
        (0..16)
            .map(|n| Client {
                http: server.http.clone(),
                urls: urls.clone(),
                token: token.to_owned(),
                etag: etag.map(str::to_owned),
                next: n,
            })
            .collect::<Vec<_>>()
    };
    let step = |mut client: Client| async move {
        let url = &client.urls[client.next % client.urls.len()];
        let mut request = client.http.get(url).bearer_auth(&client.token);
        if let Some(etag) = &client.etag {
            request = request.header("if-none-match", etag);
        }
        let status = request.send().await.expect("answer").status().as_u16();
        assert!(status == 200 || status == 304, "{status}");
        if client.etag.is_none() {
            client.next += 1;
        }
        client
    };
    let duration = seconds_per_phase();
    println!(
        "\nGET /users/{{id}}/picture, in-repo reqwest loop ({} s each)",
        duration.as_secs()
    );
    run(duration, clients(None), step)
        .await
        .print("  200, 100 pictures in turn", 16);
    run(duration, clients(Some(&etag)), step)
        .await
        .print("  304, If-None-Match", 16);
    println!(
        "  for req/s with a client that does not share the server's cores (wrk from Debian):\n  \
         wrk -t 2 -c 16 -d 10s --latency -H 'Authorization: Bearer {token}' {url}\n  \
         wrk -t 2 -c 16 -d 10s --latency -H 'Authorization: Bearer {token}' -H 'If-None-Match: {etag}' {url}",
        url = urls[0]
    );
    // `HALLPASS_BENCH_HOLD_SECONDS` keeps the server up that long, for those commands.
    let hold = count("HALLPASS_BENCH_HOLD_SECONDS", 0);
    if hold > 0 {
        println!("  (the server stays up for {hold} s)");
        tokio::time::sleep(Duration::from_secs(hold as u64)).await;
    }
}
