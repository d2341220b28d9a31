//! A collection read page by page with `limit` and `offset`, until a page shorter than the
//! limit (or past `X-Total-Count`, for a server that gives fewer than asked).
use serde_json::Value;

use super::json;
use super::session::Session;
use super::{PullError, PullLimits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Orgs,
    Users,
    Enrollments,
}

impl Collection {
    pub const ALL: [Collection; 3] = [Collection::Orgs, Collection::Users, Collection::Enrollments];

    /// Its path under the base URL, and its list's key in the JSON answer.
    pub fn name(self) -> &'static str {
        match self {
            Collection::Orgs => "orgs",
            Collection::Users => "users",
            Collection::Enrollments => "enrollments",
        }
    }
}

/// Hands each page's records to `take`; `Ok(false)` when the server has no enrollments at all.
pub async fn each_page(
    session: &mut Session,
    collection: Collection,
    limits: &PullLimits,
    mut take: impl FnMut(&[Value]) -> Result<(), PullError>,
) -> Result<bool, PullError> {
    let limit = u64::from(session.page_size());
    let mut offset = 0u64;
    let mut previous_first: Option<String> = None;
    loop {
        let Some(page) = session.page(collection, offset).await? else {
            return match (offset, collection) {
                (0, Collection::Enrollments) => Ok(false),
                (0, _) => Err(session.not_found(collection)),
                // A server that answers 404 past its last record.
                _ => Ok(true),
            };
        };
        let count = page.records.len() as u64;
        let first = page
            .records
            .first()
            .map(|record| json::text(record, "sourcedId"))
            .filter(|id| !id.is_empty());
        if first.is_some() && first == previous_first {
            return Err(offset_ignored(collection));
        }
        if offset + count > limits.max_records {
            return Err(too_many(collection, limits.max_records));
        }
        take(&page.records)?;
        offset += count;
        let short = count < limit && page.total.is_none_or(|total| offset >= total);
        if count == 0 || short {
            return Ok(true);
        }
        previous_first = first;
    }
}

fn offset_ignored(collection: Collection) -> PullError {
    PullError::new(
        "oneroster_bad_answer",
        format!(
            "The OneRoster server answered the same page of {} twice: it ignores offset, so its \
             roster cannot be read in pages.",
            collection.name()
        ),
    )
}

fn too_many(collection: Collection, max: u64) -> PullError {
    PullError::new(
        "oneroster_too_large",
        format!(
            "The OneRoster server holds more than {max} {}, more than one sync reads. Nothing \
             was imported.",
            collection.name()
        ),
    )
}
