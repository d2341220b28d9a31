//! `hallpass simulate` (and `serve --demo --simulate`): a staff member who keeps sending
//! students out and bringing them back, through the public API like any integrator, so that
//! the live hallway moves.
use std::time::Duration;

use anyhow::{bail, Context};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};

/// Where and as whom to simulate.
#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// The server's address.
    #[arg(
        long,
        env = "HALLPASS_SIMULATE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub url: String,
    /// A staff account with `send_passes`.
    #[arg(long, env = "HALLPASS_SIMULATE_EMAIL")]
    pub email: String,
    #[arg(long, env = "HALLPASS_SIMULATE_PASSWORD")]
    pub password: String,
    /// About how many students are out at once.
    #[arg(long, default_value_t = 12)]
    pub out: usize,
    /// Seconds between two moves.
    #[arg(long, default_value_t = 2.0)]
    pub every: f64,
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    async fn sign_in(args: &SimulateArgs) -> anyhow::Result<Self> {
        let http = reqwest::Client::new();
        let base = format!("{}/api/v1", args.url.trim_end_matches('/'));
        let session: Value = http
            .post(format!("{base}/auth/login"))
            .json(&json!({ "email": args.email, "password": args.password }))
            .send()
            .await
            .context("reaching the server")?
            .error_for_status()
            .context("signing in")?
            .json()
            .await?;
        let token = session["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        Ok(Self { http, base, token })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let status = response.status();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        if status.as_u16() == 401 {
            bail!("the session ended");
        }
        Ok(if status.is_success() {
            answer
        } else {
            Value::Null
        })
    }
}

fn ids(list: &Value) -> Vec<String> {
    let items = list.get("items").unwrap_or(list);
    items
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs until the process stops, signing in again when the session ends.
pub async fn run(args: SimulateArgs) -> anyhow::Result<()> {
    loop {
        let client = Client::sign_in(&args).await?;
        println!(
            "Simulating a busy hallway at {} as {}",
            args.url, args.email
        );
        if let Err(err) = moves(&client, &args).await {
            tracing::info!(error = %err, "simulation restarts");
        }
    }
}

async fn moves(client: &Client, args: &SimulateArgs) -> anyhow::Result<()> {
    use reqwest::Method;
    let rooms = client.call(Method::GET, "/rooms", None).await?;
    let rooms: Vec<&Value> = rooms
        .as_array()
        .map(|r| r.iter().filter(|room| room["enabled"] == true).collect())
        .unwrap_or_default();
    let students = ids(&client
        .call(
            Method::GET,
            "/users?role=student&status=active&limit=100",
            None,
        )
        .await?);
    if rooms.len() < 2 || students.is_empty() {
        bail!("the school needs two rooms and some students to simulate");
    }
    loop {
        tokio::time::sleep(Duration::from_secs_f64(args.every)).await;
        let hallway = client.call(Method::GET, "/hallway", None).await?;
        let out = hallway.as_array().map_or(0, Vec::len);
        let send = rand::thread_rng().gen_bool(if out < args.out { 0.8 } else { 0.2 });
        if send {
            let (student, origin, destination, minutes) = {
                let mut rng = rand::thread_rng();
                let mut pair: Vec<&Value> = rooms.choose_multiple(&mut rng, 2).copied().collect();
                pair.shuffle(&mut rng);
                let student = students.choose(&mut rng).cloned().unwrap_or_default();
                (
                    student,
                    pair[0]["id"].clone(),
                    pair[1],
                    rng.gen_range(3..=8),
                )
            };
            let travel = destination["travel_types"][0].clone();
            let minutes = minutes.min(destination["max_minutes"].as_i64().unwrap_or(5));
            let body = json!({ "student_id": student, "origin_room_id": origin,
                               "destination_room_id": destination["id"], "travel_type": travel,
                               "duration_minutes": minutes, "override_limit": true });
            client.call(Method::POST, "/passes", Some(body)).await?;
        } else if let Some(pass) = ids(&hallway).choose(&mut rand::thread_rng()) {
            client
                .call(
                    Method::POST,
                    &format!("/passes/{pass}/end"),
                    Some(json!({})),
                )
                .await?;
        }
    }
}
