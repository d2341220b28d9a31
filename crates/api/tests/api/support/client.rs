//! A small HTTP client that speaks to the API like an integrator would.
use reqwest::{Method, StatusCode};
use serde_json::Value;

#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
    /// Sent with every request, as a proxy in front of the server would add them.
    pub headers: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The error code of an error answer (`""` otherwise).
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }

    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected answer: {:#}",
            self.body
        );
        self
    }

    /// Asserts an error answer: status, code and the one error shape.
    #[track_caller]
    pub fn expect_error(self, status: u16, code: &str) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected answer: {:#}",
            self.body
        );
        assert_eq!(self.code(), code, "unexpected code: {:#}", self.body);
        assert!(
            !self.message().is_empty(),
            "an error without a message: {:#}",
            self.body
        );
        self
    }
}

impl Api {
    /// Adds a room (both travel types, 5 minutes by default, 15 at most) and answers its id.
    pub async fn add_room(&self, name: &str, teacher_ids: &[&str]) -> String {
        let body = serde_json::json!({ "name": name, "travel_types": ["one_way", "round_trip"],
            "default_minutes": 5, "max_minutes": 15, "teacher_ids": teacher_ids });
        self.post("/rooms", body).await.expect(201).body["id"]
            .as_str()
            .expect("id")
            .to_owned()
    }

    /// The items of every page of a listing, following `next_cursor` from `path` (which already
    /// has a query string) to the last page.
    pub async fn pages(&self, path: &str) -> Vec<Vec<Value>> {
        let mut pages = Vec::new();
        let mut next = path.to_owned();
        loop {
            let page = self.get(&next).await.expect(200).body;
            pages.push(page["items"].as_array().expect("items").clone());
            match page["next_cursor"].as_str() {
                Some(cursor) => next = format!("{path}&cursor={cursor}"),
                None => return pages,
            }
        }
    }

    pub fn api_http(&self) -> &reqwest::Client {
        &self.http
    }

    /// This client with one more header on every request.
    pub fn with_header(&self, name: &str, value: &str) -> Self {
        let mut api = self.clone();
        api.headers.push((name.to_owned(), value.to_owned()));
        api
    }

    pub fn with_token(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let mut request = self
            .http
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(body) = body {
            request = request.json(body);
        }
        self.finish(request).await
    }

    /// A request with a raw body, for malformed input.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let request = self
            .http
            .request(method, format!("{}/api/v1{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        self.finish(request).await
    }

    async fn finish(&self, mut request: reqwest::RequestBuilder) -> Reply {
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PATCH, path, Some(&body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(&body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }
}
