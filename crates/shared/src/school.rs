use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::patch;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct School {
    pub id: String,
    pub name: String,
    /// IANA name, e.g. `America/Chicago`; "per day" rules use it.
    pub time_zone: String,
    pub default_pass_minutes: i32,
    /// Minutes past a pass's expected end before it ends itself.
    pub overtime_buffer_minutes: i32,
    /// Most students out at once in the whole school; `null` for no cap.
    pub hallway_capacity: Option<i32>,
    pub profile_pictures_enabled: bool,
    pub emergency_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `PATCH /school`: absent fields stay as they are; `hallway_capacity: null` removes the cap.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchoolPatch {
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub name: Option<String>,
    /// An IANA time zone name such as `America/Chicago`.
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub time_zone: Option<String>,
    #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub default_pass_minutes: Option<i32>,
    #[validate(range(min = 0, max = 240, message = "must be between 0 and 240 minutes"))]
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub overtime_buffer_minutes: Option<i32>,
    #[validate(range(
        min = 1,
        max = 100000,
        message = "must be at least 1, or null for no cap"
    ))]
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>))]
    pub hallway_capacity: Option<Option<i32>>,
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub profile_pictures_enabled: Option<bool>,
}
