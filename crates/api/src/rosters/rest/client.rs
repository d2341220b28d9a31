//! The HTTP client of one pull: pinned addresses, no redirects, a timeout per request and a cap
//! on each answer's size. `429` and `5xx` answers are asked again after a wait.
use std::time::Duration;

use chrono::Utc;
use reqwest::header::RETRY_AFTER;
use reqwest::{redirect, Client, RequestBuilder, Response, StatusCode, Url};

use super::address::Pin;
use super::{retry, PullError, PullLimits};

pub struct Http {
    client: Client,
    limits: PullLimits,
}

impl Http {
    /// A proxy from the environment (`HTTPS_PROXY`) resolves hosts itself: through one, the
    /// pins do not apply and a host that resolves elsewhere later (DNS rebinding) is reached.
    pub fn new(limits: &PullLimits, pins: &[Pin]) -> Result<Self, PullError> {
        let mut builder = Client::builder()
            // The bearer token and the secret go only to the hosts the admin named.
            .redirect(redirect::Policy::none())
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout)
            .user_agent(concat!("Hallpass/", env!("CARGO_PKG_VERSION")));
        for pin in pins {
            builder = builder.resolve_to_addrs(&pin.host, &pin.addresses);
        }
        let client = builder.build().map_err(|err| {
            PullError::new(
                "internal_error",
                format!("The HTTP client could not start: {}.", cause(&err)),
            )
        })?;
        Ok(Http {
            client,
            limits: limits.clone(),
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Sends what `request` builds, again after a `429` or a `5xx`, at most `max_retries` times.
    pub async fn send(
        &self,
        url: &Url,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<Response, PullError> {
        let mut retries = 0;
        loop {
            let response = request()
                .send()
                .await
                .map_err(|err| self.unreachable(url, &err))?;
            let status = response.status();
            if status != StatusCode::TOO_MANY_REQUESTS && !status.is_server_error() {
                return Ok(response);
            }
            if retries >= self.limits.max_retries {
                return Err(gave_up(url, status, retries));
            }
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|value| value.to_str().ok());
            let wait = retry::wait(retry_after, retries, self.limits.max_wait, Utc::now());
            drop(response);
            retries += 1;
            tokio::time::sleep(wait).await;
        }
    }

    /// The answer's body, refused past `max_page_bytes` (counted as it arrives).
    pub async fn body(&self, url: &Url, mut response: Response) -> Result<Vec<u8>, PullError> {
        let cap = self.limits.max_page_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > cap as u64)
        {
            return Err(too_large(url, cap));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| self.unreachable(url, &err))?
        {
            if body.len() + chunk.len() > cap {
                return Err(too_large(url, cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn unreachable(&self, url: &Url, err: &reqwest::Error) -> PullError {
        let host = host(url);
        let message = if err.is_timeout() {
            format!(
                "{host} did not answer within {}.",
                seconds(self.limits.timeout)
            )
        } else if err.is_connect() {
            format!("Could not connect to {host}: {}.", cause(err))
        } else {
            format!("The connection to {host} failed: {}.", cause(err))
        };
        PullError::new("oneroster_unreachable", message)
    }
}

pub fn host(url: &Url) -> &str {
    url.host_str().unwrap_or_default()
}

/// The innermost error: "connection refused", "invalid peer certificate", not the URL again.
fn cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut inner = err;
    while let Some(source) = inner.source() {
        inner = source;
    }
    inner.to_string()
}

fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

fn gave_up(url: &Url, status: StatusCode, retries: u32) -> PullError {
    let host = host(url);
    if status == StatusCode::TOO_MANY_REQUESTS {
        PullError::new(
            "oneroster_rate_limited",
            format!(
                "{host} still answered \"too many requests\" after {retries} retries. Try again \
                 later."
            ),
        )
    } else {
        PullError::new(
            "oneroster_server_error",
            format!("{host} answered {status} after {retries} retries."),
        )
    }
}

fn too_large(url: &Url, cap: usize) -> PullError {
    PullError::new(
        "oneroster_bad_answer",
        format!(
            "{} sent an answer larger than {} for {}.",
            host(url),
            size(cap),
            url.path()
        ),
    )
}

fn size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}
