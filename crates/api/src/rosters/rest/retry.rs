//! How long to wait before asking again after a `429` or a `5xx`: the server's `Retry-After`
//! (seconds, or an HTTP date), else a backoff from 2 s that doubles; never more than the cap.
use std::time::Duration;

use chrono::{DateTime, Utc};

const FIRST_BACKOFF: Duration = Duration::from_secs(2);

/// The wait before retry number `retries + 1`.
pub fn wait(
    retry_after: Option<&str>,
    retries: u32,
    max_wait: Duration,
    now: DateTime<Utc>,
) -> Duration {
    retry_after
        .and_then(|value| asked(value, now))
        .unwrap_or_else(|| FIRST_BACKOFF.saturating_mul(2u32.saturating_pow(retries)))
        .min(max_wait)
}

fn asked(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (at.with_timezone(&Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: Duration = Duration::from_secs(120);

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-10-21T07:28:00Z")
            .expect("a date")
            .with_timezone(&Utc)
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(wait(Some("1"), 0, CAP, now()), Duration::from_secs(1));
        assert_eq!(wait(Some(" 30 "), 3, CAP, now()), Duration::from_secs(30));
        let date = "Tue, 21 Oct 2025 07:28:45 GMT";
        assert_eq!(wait(Some(date), 0, CAP, now()), Duration::from_secs(45));
        let past = "Tue, 21 Oct 2025 07:00:00 GMT";
        assert_eq!(wait(Some(past), 0, CAP, now()), Duration::ZERO);
    }

    #[test]
    fn without_retry_after_the_wait_doubles_from_two_seconds() {
        let waits: Vec<u64> = (0..4)
            .map(|retries| wait(None, retries, CAP, now()).as_secs())
            .collect();
        assert_eq!(waits, vec![2, 4, 8, 16]);
        assert_eq!(wait(Some("soon"), 1, CAP, now()), Duration::from_secs(4));
    }

    #[test]
    fn no_wait_is_longer_than_the_cap() {
        let cap = Duration::from_secs(10);
        assert_eq!(wait(Some("3600"), 0, cap, now()), cap);
        assert_eq!(wait(None, 20, cap, now()), cap);
    }
}
