use hallpass_shared::encounters::PreventedEncounter;
use hallpass_shared::events::{self, CodeFailures};
use hallpass_shared::jobs::{self, Job};
use hallpass_shared::passes::Pass;
use serde::Deserialize;

/// One event of the stream, decoded.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    PassCreated(Pass),
    PassUpdated(Pass),
    /// Ended, denied or canceled.
    PassEnded(Pass),
    RequestCreated(Pass),
    Emergency(bool),
    EncounterPrevented(PreventedEncounter),
    /// A student ran out of tries at a room's code or PIN (to the room's teachers).
    CodeFailures(CodeFailures),
    /// A job the user started moved on (its result is read from the API once it is done).
    JobUpdated(Job<serde::de::IgnoredAny>),
    /// Events may have been missed: refetch.
    Resync,
}

/// Every event name the stream sends.
pub const NAMES: [&str; 9] = [
    events::PASS_CREATED,
    events::PASS_UPDATED,
    events::PASS_ENDED,
    events::REQUEST_CREATED,
    events::EMERGENCY,
    events::ENCOUNTER_PREVENTED,
    events::CODE_FAILURES,
    jobs::JOB_UPDATED,
    events::RESYNC,
];

#[derive(Deserialize)]
struct EmergencyData {
    active: bool,
}

impl LiveEvent {
    /// The event named `name` with `data`, or `None` for an unknown or unreadable one.
    pub fn decode(name: &str, data: &str) -> Option<LiveEvent> {
        let pass = || serde_json::from_str::<Pass>(data).ok();
        Some(match name {
            events::PASS_CREATED => LiveEvent::PassCreated(pass()?),
            events::PASS_UPDATED => LiveEvent::PassUpdated(pass()?),
            events::PASS_ENDED => LiveEvent::PassEnded(pass()?),
            events::REQUEST_CREATED => LiveEvent::RequestCreated(pass()?),
            events::EMERGENCY => {
                LiveEvent::Emergency(serde_json::from_str::<EmergencyData>(data).ok()?.active)
            }
            events::ENCOUNTER_PREVENTED => {
                LiveEvent::EncounterPrevented(serde_json::from_str(data).ok()?)
            }
            events::CODE_FAILURES => LiveEvent::CodeFailures(serde_json::from_str(data).ok()?),
            jobs::JOB_UPDATED => LiveEvent::JobUpdated(serde_json::from_str(data).ok()?),
            events::RESYNC => LiveEvent::Resync,
            _ => return None,
        })
    }

    /// The pass the event is about, if any.
    pub fn pass(&self) -> Option<&Pass> {
        match self {
            LiveEvent::PassCreated(pass)
            | LiveEvent::PassUpdated(pass)
            | LiveEvent::PassEnded(pass)
            | LiveEvent::RequestCreated(pass) => Some(pass),
            LiveEvent::Emergency(_)
            | LiveEvent::EncounterPrevented(_)
            | LiveEvent::CodeFailures(_)
            | LiveEvent::JobUpdated(_)
            | LiveEvent::Resync => None,
        }
    }
}
