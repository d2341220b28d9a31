//! UTC everywhere: the database stores `TIMESTAMP` without zone, the API speaks RFC 3339.
use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// Now, to the microsecond: what PostgreSQL keeps, so an answer equals a later read.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

pub fn to_utc(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}
