//! A signed-in connection to the school's OneRoster server, reading one page at a time.
use reqwest::header::ACCEPT;
use reqwest::{Response, StatusCode, Url};
use serde_json::Value;

use super::super::oneroster::manifest::Version;
use super::client::{host, Http};
use super::paging::Collection;
use super::{address, token, PullError, PullLimits, Server};

pub struct Session {
    http: Http,
    server: Server,
    base: Url,
    token_url: Url,
    version: Version,
    token: String,
    page_size: u32,
}

pub struct Page {
    pub records: Vec<Value>,
    /// `X-Total-Count`, when the server says it.
    pub total: Option<u64>,
}

impl Session {
    /// Checks both addresses, then signs in.
    pub async fn open(server: &Server, limits: &PullLimits) -> Result<Self, PullError> {
        let base = address::parse(&server.base_url, "base URL")?;
        let version = address::version(&base)?;
        let token_url = address::parse(&server.token_url, "token URL")?;
        let pins = address::resolve(
            &[&base, &token_url],
            limits.allow_private_addresses,
            limits.timeout,
        )
        .await?;
        let http = Http::new(limits, &pins)?;
        let token = token::fetch(&http, &token_url, server, version).await?;
        Ok(Session {
            http,
            server: server.clone(),
            base,
            token_url,
            version,
            token,
            page_size: limits.page_size.max(1),
        })
    }

    pub fn version(&self) -> Version {
        self.version
    }

    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// The page of `collection` from `offset`; `None` when the server has no such collection.
    /// A token refused on the way (it expired) is renewed once.
    pub async fn page(
        &mut self,
        collection: Collection,
        offset: u64,
    ) -> Result<Option<Page>, PullError> {
        let url = self.url(collection, offset);
        let mut renewed = false;
        loop {
            let response = self
                .http
                .send(&url, || {
                    self.http
                        .client()
                        .get(url.clone())
                        .bearer_auth(&self.token)
                        .header(ACCEPT, "application/json")
                })
                .await?;
            match response.status() {
                status if status.is_success() => {
                    return self.read(collection, &url, response).await.map(Some)
                }
                StatusCode::UNAUTHORIZED if !renewed => {
                    drop(response);
                    renewed = true;
                    self.token =
                        token::fetch(&self.http, &self.token_url, &self.server, self.version)
                            .await?;
                }
                status @ (StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) => {
                    return Err(PullError::new(
                        "oneroster_auth_failed",
                        format!(
                            "The OneRoster server refused this client its {} ({status}): check \
                             that the client may read rosters.",
                            collection.name()
                        ),
                    ))
                }
                StatusCode::NOT_FOUND => return Ok(None),
                status => {
                    return Err(PullError::new(
                        "oneroster_bad_answer",
                        format!("{} answered {status} for {}.", host(&url), url.path()),
                    ))
                }
            }
        }
    }

    /// The base URL names no server of this collection.
    pub fn not_found(&self, collection: Collection) -> PullError {
        let url = self.url(collection, 0);
        PullError::new(
            "oneroster_bad_address",
            format!(
                "{} has nothing at {}: check the base URL.",
                host(&url),
                url.path()
            ),
        )
    }

    fn url(&self, collection: Collection, offset: u64) -> Url {
        let mut url = self.base.clone();
        let path = format!("{}/{}", url.path().trim_end_matches('/'), collection.name());
        url.set_path(&path);
        url.set_query(None);
        url.query_pairs_mut()
            .append_pair("limit", &self.page_size.to_string())
            .append_pair("offset", &offset.to_string());
        url
    }

    async fn read(
        &self,
        collection: Collection,
        url: &Url,
        response: Response,
    ) -> Result<Page, PullError> {
        let total = response
            .headers()
            .get("x-total-count")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse().ok());
        let body = self.http.body(url, response).await?;
        let bad = |what: &str| {
            PullError::new(
                "oneroster_bad_answer",
                format!("{} answered {} with {what}.", host(url), url.path()),
            )
        };
        let Ok(Value::Object(mut answer)) = serde_json::from_slice::<Value>(&body) else {
            return Err(bad("something that is not a OneRoster JSON answer"));
        };
        let records = match answer.remove(collection.name()) {
            Some(Value::Array(records)) => records,
            Some(Value::Null) => Vec::new(),
            _ => return Err(bad(&format!("no \"{}\" list", collection.name()))),
        };
        Ok(Page { records, total })
    }
}
