use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::patch::Patch;

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

crate::patch_body! {
    /// `PATCH /school`: absent fields stay as they are; `hallway_capacity: null` removes the cap.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(deny_unknown_fields)]
    pub struct SchoolPatch {
        #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
        pub name: Patch<String>,
        /// An IANA time zone name such as `America/Chicago`.
        pub time_zone: Patch<String>,
        #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
        pub default_pass_minutes: Patch<i32>,
        #[validate(range(min = 0, max = 240, message = "must be between 0 and 240 minutes"))]
        pub overtime_buffer_minutes: Patch<i32>,
        #[validate(range(
            min = 1,
            max = 100000,
            message = "must be at least 1, or null for no cap"
        ))]
        pub hallway_capacity: Patch<Option<i32>>,
        pub profile_pictures_enabled: Patch<bool>,
    }
}
