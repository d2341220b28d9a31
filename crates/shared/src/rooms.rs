//! Rooms: where passes start and end, and how a pass to them may be made.
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::patch::Patch;

text_enum!(
    TravelType {
        /// The student goes and stays (ends at the destination).
        OneWay = "one_way",
        /// The student goes and comes back (ends at the origin).
        RoundTrip = "round_trip",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Room {
    pub id: String,
    pub name: String,
    pub number: Option<String>,
    /// A free grouping such as `Restroom`, `Office` or `Classroom`.
    pub category: Option<String>,
    pub travel_types: Vec<TravelType>,
    pub default_minutes: i32,
    pub max_minutes: i32,
    /// Most students out to this room at once; `null` for no cap.
    pub capacity: Option<i32>,
    /// A pass for now to this room is a request its teachers approve.
    pub restricted_now: bool,
    /// A pass for later to this room is a request its teachers approve.
    pub restricted_future: bool,
    /// Ending a pass here needs the room code or a teacher's PIN.
    pub end_requires_code: bool,
    pub teacher_ids: Vec<String>,
    pub enabled: bool,
}

/// `POST /rooms`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub name: String,
    #[validate(length(min = 1, max = 20, message = "must be 1 to 20 characters"))]
    #[serde(default)]
    pub number: Option<String>,
    #[validate(length(min = 1, max = 40, message = "must be 1 to 40 characters"))]
    #[serde(default)]
    pub category: Option<String>,
    #[validate(length(min = 1, max = 2, message = "must allow one_way, round_trip or both"))]
    pub travel_types: Vec<TravelType>,
    #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
    pub default_minutes: i32,
    #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
    pub max_minutes: i32,
    #[validate(range(
        min = 1,
        max = 10000,
        message = "must be at least 1, or null for no cap"
    ))]
    #[serde(default)]
    pub capacity: Option<i32>,
    #[serde(default)]
    pub restricted_now: bool,
    #[serde(default)]
    pub restricted_future: bool,
    #[serde(default)]
    pub end_requires_code: bool,
    #[serde(default)]
    pub teacher_ids: Vec<String>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

crate::patch_body! {
    /// `PATCH /rooms/{id}`: absent fields stay; `null` clears `number`, `category`, `capacity`.
    #[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(deny_unknown_fields)]
    pub struct RoomPatch {
        #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
        pub name: Patch<String>,
        #[validate(length(min = 1, max = 20, message = "must be 1 to 20 characters"))]
        pub number: Patch<Option<String>>,
        #[validate(length(min = 1, max = 40, message = "must be 1 to 40 characters"))]
        pub category: Patch<Option<String>>,
        #[validate(length(min = 1, max = 2, message = "must allow one_way, round_trip or both"))]
        pub travel_types: Patch<Vec<TravelType>>,
        #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
        pub default_minutes: Patch<i32>,
        #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
        pub max_minutes: Patch<i32>,
        #[validate(range(
            min = 1,
            max = 10000,
            message = "must be at least 1, or null for no cap"
        ))]
        pub capacity: Patch<Option<i32>>,
        pub restricted_now: Patch<bool>,
        pub restricted_future: Patch<bool>,
        pub end_requires_code: Patch<bool>,
        pub teacher_ids: Patch<Vec<String>>,
        pub enabled: Patch<bool>,
    }
}

/// `GET /rooms/{id}/code`: the code a student types to end a pass here.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomCode {
    /// Six digits. It changes every 30 seconds; the previous one is still accepted briefly.
    pub code: String,
    /// Seconds until it changes.
    pub expires_in: u64,
}

/// `PUT /me/pin`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPin {
    /// Exactly four digits.
    #[validate(length(equal = 4, message = "must be exactly 4 digits"))]
    pub pin: String,
}
