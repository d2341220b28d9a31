use crate::error::ApiError;

/// Accepts IANA names only (`America/Chicago`), as "per day" rules need a real zone.
pub fn validate(name: &str) -> Result<(), ApiError> {
    name.parse::<chrono_tz::Tz>().map(|_| ()).map_err(|_| {
        ApiError::invalid_field(
            "time_zone",
            "must be an IANA time zone such as America/Chicago",
        )
    })
}
