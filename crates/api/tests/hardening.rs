//! The `hallpass` binary under attack: floods of password checks stay within bounded memory,
//! and a weak JWT secret file stops the server from starting.
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "process/mod.rs"]
mod process;

use process::{login, serve, temp_dir, Server, BIN};

const ADMIN: (&str, &str) = ("it@hardened.test", "an admin password to keep");

fn hardened_server(dir: &std::path::Path) -> Server {
    serve(
        dir,
        &[
            ("HALLPASS_BOOTSTRAP_SCHOOL_NAME", "Hardened High"),
            ("HALLPASS_BOOTSTRAP_ADMIN_EMAIL", ADMIN.0),
            ("HALLPASS_BOOTSTRAP_ADMIN_PASSWORD", ADMIN.1),
            // Every sign-in below comes from 127.0.0.1: take the per-address limit out of the way,
            // so that only the hashing gate stands between the flood and the memory.
            ("HALLPASS_LOGIN_BURST_PER_IP", "100000"),
        ],
        &[],
    )
}

/// The most memory the process has held at once (`VmHWM`), in MiB.
fn peak_rss_mib(server: &Server) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
        .expect("/proc/<pid>/status");
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kib / 1024.0
}

/// 200 requests at once, answered with their statuses.
async fn flood(requests: impl Fn(usize) -> reqwest::RequestBuilder) -> Vec<u16> {
    let sent: Vec<_> = (0..200).map(|n| requests(n).send()).collect();
    futures_util::future::join_all(sent)
        .await
        .into_iter()
        .map(|reply| reply.expect("an answer").status().as_u16())
        .collect()
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[tokio::test]
async fn floods_of_password_checks_stay_within_bounded_memory() {
    let dir = temp_dir();
    let server = hardened_server(&dir);
    let (status, session) = login(&server, ADMIN.0, ADMIN.1).await;
    assert_eq!(status, 200, "{session:#}");
    let token = session["access_token"].as_str().expect("token").to_owned();
    let http = reqwest::Client::new();
    let before = peak_rss_mib(&server);

    // 200 wrong current passwords at once from one account: a few are checked, the rest are
    // refused before any hashing.
    let started = Instant::now();
    let changes = flood(|_| {
        http.post(format!("{}/me/password", server.base))
            .bearer_auth(&token)
            .json(&json!({ "current_password": "a wrong guess", "new_password": "a brand new password" }))
    })
    .await;
    println!(
        "200 parallel POST /me/password: {} × 400, {} × 429, others {:?}, in {:?}",
        count(&changes, 400),
        count(&changes, 429),
        changes
            .iter()
            .filter(|s| ![400, 429].contains(*s))
            .collect::<Vec<_>>(),
        started.elapsed()
    );
    assert!(count(&changes, 429) >= 190, "{changes:?}");
    assert_eq!(count(&changes, 400) + count(&changes, 429), 200);
    let after_changes = peak_rss_mib(&server);

    // 200 sign-ins at once, each a full argon2 check: they wait for a hashing slot (one a
    // core), or are told to come back (503), instead of taking 19 MiB each at once.
    let started = Instant::now();
    let sign_ins = flood(|n| {
        http.post(format!("{}/auth/login", server.base)).json(
            &json!({ "email": format!("nobody{n}@hardened.test"), "password": "a wrong guess" }),
        )
    })
    .await;
    let peak = peak_rss_mib(&server);
    println!(
        "200 parallel POST /auth/login: {} × 401, {} × 503, in {:?}",
        count(&sign_ins, 401),
        count(&sign_ins, 503),
        started.elapsed()
    );
    println!(
        "peak RSS: {before:.1} MiB before, {after_changes:.1} MiB after the password changes, {peak:.1} MiB after the sign-ins"
    );
    assert_eq!(
        count(&sign_ins, 401) + count(&sign_ins, 503),
        200,
        "{sign_ins:?}"
    );
    assert!(count(&sign_ins, 401) >= 50, "{sign_ins:?}");
    // Unbounded, 200 checks at once would hold 200 × 19 MiB = 3.8 GiB; bounded but with fresh
    // memory for each check, glibc's heaps kept about 3.5 GiB after this flood.
    assert!(peak < 200.0, "peak RSS {peak:.1} MiB");

    // The admin still signs in with the password nobody changed.
    let (status, _) = login(&server, ADMIN.0, ADMIN.1).await;
    assert_eq!(status, 200);
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}

/// Starts `hallpass serve` on `dir` and waits for it to exit by itself: its status and stderr.
fn start_expecting_exit(dir: &std::path::Path) -> (bool, String) {
    let mut child = Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HALLPASS_DATA_DIR", dir)
        .env("HALLPASS_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hallpass");
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait") {
            let output = child.wait_with_output().expect("output");
            return (
                status.success(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("hallpass kept running with a weak JWT secret file");
}

#[test]
fn a_weak_jwt_secret_file_stops_the_server() {
    for weak in ["", "\n", "short-secret"] {
        let dir = temp_dir();
        std::fs::write(dir.join("jwt-secret"), weak).expect("write the secret file");
        let (succeeded, stderr) = start_expecting_exit(&dir);
        assert!(!succeeded, "{weak:?}");
        assert!(
            stderr.contains("JWT secret") && stderr.contains("fewer than 32"),
            "{weak:?}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("jwt-secret")).expect("still there"),
            weak,
            "the file is left for the operator"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[tokio::test]
async fn a_generated_jwt_secret_is_written_whole_and_kept() {
    let dir = temp_dir();
    let first = serve(&dir, &[], &[]);
    drop(first);
    let secret = std::fs::read_to_string(dir.join("jwt-secret")).expect("generated");
    assert_eq!(secret.len(), 96, "48 random bytes, hex");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("jwt-secret."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(serve(&dir, &[], &[]));
    assert_eq!(
        std::fs::read_to_string(dir.join("jwt-secret")).expect("kept"),
        secret
    );
    let _ = std::fs::remove_dir_all(dir);
}
