//! What every list shares: the page size, and an opaque cursor holding where a page ended.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDateTime;
use hallpass_shared::page::{DEFAULT_LIMIT, MAX_LIMIT};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ApiError;

pub fn limit(requested: Option<u32>) -> u32 {
    requested.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// The sort key of a page's last row, as the `next_cursor` clients pass back.
pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

pub fn decode_cursor<K: DeserializeOwned>(text: &str) -> Result<K, ApiError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| ApiError::invalid_field("cursor", "is not a cursor this list gave out"))
}

/// Where a newest-first page of (time, id) ended: the rows after it come next.
pub type After = Option<(NaiveDateTime, String)>;

/// The `?cursor=` of a newest-first list, read.
pub fn after(cursor: Option<&str>) -> Result<After, ApiError> {
    cursor.map(decode_cursor).transpose()
}

/// Keeps the rows of a newest-first `query` that come after `after`, by `time` then `id`:
/// `before_cursor!(select, passes::created_at, passes::id, after)`.
#[macro_export]
macro_rules! before_cursor {
    ($query:expr, $time:expr, $id:expr, $after:expr) => {
        match $after {
            Some((at, id)) => $query.filter($time.lt(at).or($time.eq(at).and($id.lt(id)))),
            None => $query,
        }
    };
}

/// One page of `rows` read with `limit + 1`, and the cursor of the next page when there is
/// one: the (time, id) of the page's last row.
pub fn newest_first<R>(
    mut rows: Vec<R>,
    limit: u32,
    key: impl Fn(&R) -> Option<(NaiveDateTime, &str)>,
) -> (Vec<R>, Option<String>) {
    if rows.len() <= limit as usize {
        return (rows, None);
    }
    rows.truncate(limit as usize);
    let next = rows.last().and_then(&key).map(|k| encode_cursor(&k));
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let key = ("Lee".to_owned(), "Jordan".to_owned(), "0193".to_owned());
        assert_eq!(
            decode_cursor::<(String, String, String)>(&encode_cursor(&key)).ok(),
            Some(key)
        );
        assert!(decode_cursor::<(String, String, String)>("not a cursor").is_err());
        assert!(
            decode_cursor::<(i64, String)>(&encode_cursor(&("a", "b"))).is_err(),
            "another list's cursor"
        );
    }
}
