//! Live hallway events (`GET /hallway/events`, Server-Sent Events).
//!
//! Each event's `event:` field is one of the names below. The `data:` of the pass events is the
//! pass as `GET /passes/{id}` answers it, sent only to subscribers who may see it.
use serde::{Deserialize, Serialize};

/// A pass was made (any state but `pending`, which is `request.created`).
pub const PASS_CREATED: &str = "pass.created";
/// A pass changed state or got its turn in line; not ended.
pub const PASS_UPDATED: &str = "pass.updated";
/// A pass ended, was denied or canceled.
pub const PASS_ENDED: &str = "pass.ended";
/// A request for a restricted room, to the teachers (and assistants) who can approve it.
pub const REQUEST_CREATED: &str = "request.created";
/// Emergency mode started or stopped; `data` is `{"active": bool}`.
pub const EMERGENCY: &str = "emergency";
/// A start was refused by encounter prevention; `data` is the prevented-log entry. Only to
/// staff with `manage_pass_rules`.
pub const ENCOUNTER_PREVENTED: &str = "encounter.prevented";
/// The subscriber missed events: refetch `GET /hallway` (and anything else shown live).
pub const RESYNC: &str = "resync";

/// `POST /hallway/ticket`: a single-use ticket for `GET /hallway/events?ticket=`, because
/// `EventSource` cannot send an `Authorization` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventTicket {
    pub ticket: String,
    /// Seconds until the ticket can no longer open a stream.
    pub expires_in: u32,
}

/// A student keeps entering wrong room codes or PINs to end a pass, and is blocked from trying
/// for a while: to the teachers (and assistants) of the room where the pass ends.
pub const CODE_FAILURES: &str = "code.failures";

/// The `data` of a [`CODE_FAILURES`] event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeFailures {
    pub pass_id: String,
    pub student_id: String,
    pub student_name: String,
    pub room_id: String,
    pub room_name: String,
    /// Seconds until the student may try again.
    pub blocked_for_seconds: u64,
}
