//! A pull from a school's OneRoster 1.1 or 1.2 REST server (DESIGN section 10), written as the
//! same in-memory bundle a CSV export gives, so that `oneroster::roster::read` reads both alike.
//!
//! The admin of one school types the addresses and the server fetches them: every host is
//! checked against private addresses first (`address`), redirects are never followed, and each
//! answer is bounded in time and size.
pub mod address;
mod bundle;
mod client;
mod json;
mod paging;
mod retry;
mod session;
mod token;

#[cfg(test)]
mod tests;

use std::time::Duration;

use hallpass_shared::rosters::SchoolChoice;

use super::oneroster::Files;
use paging::Collection;
use session::Session;

/// Where the school's OneRoster server is, and the client it gave the school.
#[derive(Clone)]
pub struct Server {
    /// Up to the version's path: `…/ims/oneroster/v1p1` or `…/ims/oneroster/rostering/v1p2`.
    pub base_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("base_url", &self.base_url)
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct PullLimits {
    /// The `limit` asked for on each page.
    pub page_size: u32,
    /// Per collection: a server holding more is refused rather than imported in part.
    pub max_records: u64,
    /// For `429` and `5xx` answers.
    pub max_retries: u32,
    /// The longest one `Retry-After` (or backoff) is waited.
    pub max_wait: Duration,
    /// Per request, from sending it to its answer's last byte.
    pub timeout: Duration,
    /// The largest answer read for one page (or token).
    pub max_page_bytes: usize,
    /// Let the addresses be loopback or private (the tests, a server on the same network).
    pub allow_private_addresses: bool,
}

impl Default for PullLimits {
    fn default() -> Self {
        PullLimits {
            page_size: 1000,
            max_records: 500_000,
            max_retries: 5,
            max_wait: Duration::from_secs(120),
            timeout: Duration::from_secs(60),
            max_page_bytes: 64 * 1024 * 1024,
            allow_private_addresses: false,
        }
    }
}

/// Why a pull failed. `message` is a sentence for the school's admin; it never holds the
/// client secret or a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullError {
    pub code: &'static str,
    pub message: String,
}

impl PullError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        PullError {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PullError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for PullError {}

/// Pulls the orgs, users and enrollments into a bulk bundle; `progress` is told the number of
/// records fetched so far after each page.
pub async fn pull(
    server: &Server,
    limits: &PullLimits,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Files, PullError> {
    let mut session = Session::open(server, limits).await?;
    let mut bundle = bundle::Writer::new(session.version())?;
    let mut fetched = 0u64;
    for collection in Collection::ALL {
        let found = paging::each_page(&mut session, collection, limits, |records| {
            bundle.add(collection, records)?;
            fetched += records.len() as u64;
            progress(fetched);
            Ok(())
        })
        .await?;
        if !found {
            bundle.absent(collection);
        }
    }
    bundle.finish()
}

/// Signs in and reads the first page of orgs: the schools the server holds, to choose the
/// school's org from (`users` is not counted: 0).
pub async fn test(server: &Server, limits: &PullLimits) -> Result<Vec<SchoolChoice>, PullError> {
    let mut session = Session::open(server, limits).await?;
    let page = session
        .page(Collection::Orgs, 0)
        .await?
        .ok_or_else(|| session.not_found(Collection::Orgs))?;
    Ok(page
        .records
        .iter()
        .filter(|org| json::text(org, "type").eq_ignore_ascii_case("school"))
        .map(|org| SchoolChoice {
            sourced_id: json::text(org, "sourcedId"),
            name: json::text(org, "name"),
            users: 0,
        })
        .collect())
}
