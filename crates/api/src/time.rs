//! UTC everywhere: the database stores `TIMESTAMP` without zone, the API speaks RFC 3339.
use chrono::{DateTime, NaiveDateTime, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub fn to_utc(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}
