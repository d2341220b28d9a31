//! Running the `hallpass` binary from a test, as an operator would.
#![allow(dead_code)]
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_hallpass");

/// A running `hallpass serve`, killed on drop.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub output: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(data_dir: &std::path::Path, envs: &[(&str, &str)], args: &[&str]) -> Server {
    let child = Command::new(BIN)
        .arg("serve")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HALLPASS_DATA_DIR", data_dir)
        .env("HALLPASS_BIND", "127.0.0.1:0")
        .env("HALLPASS_WORKERS", "1")
        .env("RUST_LOG", "warn")
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start hallpass");
    // Owned by `Server` from here on, so a failed start still kills the child.
    let mut server = Server {
        child,
        base: String::new(),
        output: Vec::new(),
    };
    let stdout = server.child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let line = received
            .recv_timeout(Duration::from_secs(60))
            .expect("hallpass printed its address");
        let address = line
            .strip_prefix("Hallpass is running at ")
            .map(|rest| rest.split('/').nth(2).unwrap_or("").to_owned());
        server.output.push(line);
        if let Some(address) = address {
            // The demo sign-ins follow the address line.
            while let Ok(line) = received.recv_timeout(Duration::from_millis(300)) {
                server.output.push(line);
            }
            server.base = format!("http://{address}/api/v1");
            return server;
        }
    }
}

pub fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hallpass_cli_{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub async fn login(server: &Server, email: &str, password: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/auth/login", server.base))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .expect("answer");
    (
        response.status().as_u16(),
        response.json().await.expect("json"),
    )
}

pub async fn health(server: &Server) -> Value {
    reqwest::get(format!("{}/health", server.base))
        .await
        .expect("answer")
        .json()
        .await
        .expect("json")
}
