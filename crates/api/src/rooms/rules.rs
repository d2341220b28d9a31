use hallpass_shared::rooms::TravelType;

use crate::error::ApiError;

/// A pass's default length fits under the room's maximum, and travel types are not repeated.
pub fn check(
    travel_types: &[TravelType],
    default_minutes: i32,
    max_minutes: i32,
) -> Result<(), ApiError> {
    if travel_types.len() == 2 && travel_types[0] == travel_types[1] {
        return Err(ApiError::invalid_field(
            "travel_types",
            "must not repeat a travel type",
        ));
    }
    if default_minutes > max_minutes {
        return Err(ApiError::invalid_field(
            "default_minutes",
            "must not be more than max_minutes",
        ));
    }
    Ok(())
}

pub fn check_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid_field("name", "must not be blank"));
    }
    Ok(())
}
