//! How passes read on screen, the same for students and staff.
use chrono::{DateTime, Utc};
use hallpass_shared::passes::{EndedReason, Pass, PassState};
use hallpass_shared::rooms::TravelType;

use crate::time::{clock_text, format_in_zone, Style};

pub fn state_name(state: PassState) -> &'static str {
    match state {
        PassState::Pending => "Request sent",
        PassState::Scheduled => "Scheduled",
        PassState::Waiting => "Waiting in line",
        PassState::Active => "Active",
        PassState::Ended => "Ended",
        PassState::Denied => "Denied",
        PassState::Canceled => "Canceled",
    }
}

pub fn ended_reason_text(reason: EndedReason) -> &'static str {
    match reason {
        EndedReason::Student => "ended by the student",
        EndedReason::Staff => "ended by staff",
        EndedReason::AutoExpired => "ended itself after overtime",
        EndedReason::Emergency => "ended by emergency mode",
        EndedReason::NotStarted => "not started in time",
        EndedReason::TurnMissed => "turn in line missed",
    }
}

/// How a finished pass finished: "ended by staff", "denied", "canceled".
pub fn outcome(pass: &Pass) -> &'static str {
    match (pass.ended_reason, pass.state) {
        (Some(reason), _) => ended_reason_text(reason),
        (None, PassState::Denied) => "denied",
        (None, PassState::Canceled) => "canceled",
        (None, state) => state_name(state),
    }
}

pub fn travel_type_name(travel_type: TravelType) -> &'static str {
    match travel_type {
        TravelType::OneWay => "One way",
        TravelType::RoundTrip => "Round trip",
    }
}

/// "Room 101 → Library"
pub fn route(pass: &Pass) -> String {
    format!("{} → {}", pass.origin_room.name, pass.destination_room.name)
}

pub fn student_name(pass: &Pass) -> String {
    format!("{} {}", pass.student.first_name, pass.student.last_name)
}

/// Time left on an active pass ("4:05 left"), or how far over it is ("+1:10 over").
pub fn time_left(pass: &Pass, now: DateTime<Utc>) -> Option<(String, bool)> {
    let end = pass.expected_end_at?;
    let left = end - now;
    if left.num_seconds() >= 0 {
        Some((format!("{} left", clock_text(left)), false))
    } else {
        Some((format!("+{} over", clock_text(left)), true))
    }
}

/// `at` in the school's time zone, or UTC when it is unknown.
pub fn when(at: DateTime<Utc>, time_zone: Option<&str>, style: Style) -> String {
    match time_zone {
        Some(zone) => format_in_zone(at, zone, style),
        None => at.to_rfc3339(),
    }
}
