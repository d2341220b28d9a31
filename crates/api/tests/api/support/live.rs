//! Subscribing to the live hallway the way the SPA does: a ticket, then the stream.
use std::time::Duration;

use serde_json::Value;

use super::client::Api;
use super::sse::SseReader;

pub struct Live(SseReader);

impl Api {
    pub async fn subscribe(&self) -> Live {
        let ticket = self.post("/hallway/ticket", Value::Null).await.expect(200);
        let ticket = ticket.body["ticket"].as_str().expect("ticket");
        let response = self.open_stream(&format!("?ticket={ticket}")).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().ok(),
            Some("text/event-stream")
        );
        Live(SseReader::new(response))
    }

    /// `GET /hallway/events<query>` without this client's token.
    pub async fn open_stream(&self, query: &str) -> reqwest::Response {
        self.http
            .get(format!("{}/api/v1/hallway/events{query}", self.base))
            .send()
            .await
            .expect("the server answers")
    }
}

impl Live {
    /// The next event this subscriber receives: it must be `name`, within 5 seconds.
    pub async fn expect(&mut self, name: &str) -> Value {
        let frame = tokio::time::timeout(Duration::from_secs(5), self.0.next())
            .await
            .unwrap_or_else(|_| panic!("no event within 5 s; expected {name}"))
            .expect("the stream ended");
        assert_eq!(frame.name, name, "unexpected event: {}", frame.data);
        serde_json::from_str(&frame.data).expect("JSON data")
    }

    /// Skips events until the stream ends; panics unless it ends within `within`.
    pub async fn expect_end(&mut self, within: Duration) {
        tokio::time::timeout(within, async { while self.0.next().await.is_some() {} })
            .await
            .unwrap_or_else(|_| panic!("the stream was still open after {within:?}"));
    }

    /// The data of the first event named `name` within `within` (others are skipped), or
    /// `None` when none comes.
    pub async fn find(&mut self, name: &str, within: Duration) -> Option<Value> {
        tokio::time::timeout(within, async {
            while let Some(frame) = self.0.next().await {
                if frame.name == name {
                    return serde_json::from_str(&frame.data).ok();
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
    }
}
