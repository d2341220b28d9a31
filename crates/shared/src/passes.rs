//! Hall passes: requests, scheduled and active passes, and how they end.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::rooms::TravelType;

text_enum!(
    PassState {
        /// A request to a restricted room, waiting for its teachers.
        Pending = "pending",
        /// Approved or made for later; starts at `start_at`.
        Scheduled = "scheduled",
        /// In line for a full room or hallway; starts when its turn comes (`turn_expires_at`).
        Waiting = "waiting",
        /// The student is out.
        Active = "active",
        Ended = "ended",
        Denied = "denied",
        Canceled = "canceled",
    }
);

text_enum!(
    EndedReason {
        /// The student ended it (with the room code or a PIN where the room asks for one).
        Student = "student",
        /// A staff member ended it.
        Staff = "staff",
        /// It ran past its time and the school's overtime buffer.
        AutoExpired = "auto_expired",
        /// Emergency mode ended every active pass.
        Emergency = "emergency",
        /// A scheduled pass was not started in time.
        NotStarted = "not_started",
        /// A waiting pass was not started within its 30-second turn; the place went to the next.
        TurnMissed = "turn_missed",
    }
);

/// A person as a pass shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PassPerson {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    /// The student's picture; `null` without one, or while the school's pictures are disabled.
    #[serde(default)]
    pub picture_url: Option<String>,
}

/// A room as a pass shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PassRoom {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pass {
    pub id: String,
    pub student: PassPerson,
    pub origin_room: PassRoom,
    pub destination_room: PassRoom,
    pub travel_type: TravelType,
    pub duration_minutes: i32,
    pub state: PassState,
    /// When a scheduled pass may start; `null` for a pass made for now.
    pub start_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub expected_end_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_reason: Option<EndedReason>,
    pub created_by: Option<PassPerson>,
    pub approved_by: Option<PassPerson>,
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
    /// A waiting pass whose turn has come must start before this time.
    #[serde(default)]
    pub turn_expires_at: Option<DateTime<Utc>>,
    /// A waiting pass's place in line, from 1.
    #[serde(default)]
    pub place_in_line: Option<i64>,
}

/// `POST /passes`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPass {
    /// Staff name the student; a student leaves it out (or names themselves).
    #[serde(default)]
    pub student_id: Option<String>,
    pub origin_room_id: String,
    pub destination_room_id: String,
    pub travel_type: TravelType,
    #[validate(range(min = 1, max = 240, message = "must be between 1 and 240 minutes"))]
    pub duration_minutes: i32,
    /// A time in the future makes a pass for later.
    #[serde(default)]
    pub start_at: Option<DateTime<Utc>>,
    #[validate(length(max = 280, message = "must be at most 280 characters"))]
    #[serde(default)]
    pub message: Option<String>,
    /// Staff only: start the pass even past the student's daily limit (recorded).
    #[serde(default)]
    pub override_limit: bool,
    /// When the destination or the hallway is full: wait in line (`waiting`) instead of
    /// answering `422 capacity_reached`.
    #[serde(default)]
    pub wait_if_full: bool,
}

/// `GET` and `PUT /pass-limits`: the school's daily limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PassLimits {
    /// Passes a student may start per school day; `null` for no limit.
    #[validate(range(
        min = 1,
        max = 100,
        message = "must be between 1 and 100, or null for no limit"
    ))]
    pub per_day: Option<i32>,
    /// Passes to these rooms neither count nor are limited.
    #[serde(default)]
    pub excluded_room_ids: Vec<String>,
    /// Whether passes staff send count too.
    #[serde(default)]
    pub count_staff_created: bool,
}

/// `PUT /users/{id}/pass-limit`: the student's own daily limit; `null` uses the school's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StudentPassLimit {
    #[validate(range(
        min = 0,
        max = 100,
        message = "must be between 0 and 100, or null for the school's"
    ))]
    pub per_day: Option<i32>,
}

/// `GET /users/{id}/pass-limit/remaining`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemainingPasses {
    /// The limit that applies to this student; `null` for none.
    pub per_day: Option<i32>,
    pub used_today: i64,
    /// `null` when there is no limit.
    pub remaining: Option<i64>,
}

/// `GET /passes` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PassQuery {
    pub state: Option<PassState>,
    pub student_id: Option<String>,
    /// Passes from or to this room.
    pub room_id: Option<String>,
    /// Made at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Made before this time.
    pub to: Option<DateTime<Utc>>,
    #[validate(range(min = 1, max = 500, message = "must be between 1 and 500"))]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// `POST /passes/{id}/end`: where the room asks for it, the room code or a teacher's PIN.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndPass {
    #[validate(length(max = 12, message = "must be at most 12 characters"))]
    #[serde(default)]
    pub room_code: Option<String>,
    #[validate(length(max = 12, message = "must be at most 12 characters"))]
    #[serde(default)]
    pub pin: Option<String>,
}

/// `POST /school/emergency`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    pub active: bool,
}

/// An active pass on the hallway dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HallwayPass {
    #[serde(flatten)]
    pub pass: Pass,
    /// Past `expected_end_at`: the dashboard shows it in red and counts up.
    pub overtime: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HallwaySort {
    /// Soonest to end (or longest overtime) first.
    Expires,
    /// By the student's last name.
    Name,
    /// By the destination room's name.
    Destination,
}

/// `GET /hallway` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct HallwayQuery {
    /// Matches the student's name, without case.
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub q: Option<String>,
    /// Passes from or to this room.
    pub room_id: Option<String>,
    /// Only passes from or to the caller's rooms.
    #[serde(default)]
    pub mine: bool,
    pub sort: Option<HallwaySort>,
}
