//! The "Make a pass" form's values, and the request they make.
use chrono::NaiveTime;
use hallpass_shared::passes::NewPass;
use hallpass_shared::rooms::TravelType;
use leptos::prelude::*;

use crate::components::FieldErrors;
use crate::time::{now, today_at};

/// The form as typed.
#[derive(Clone, Copy)]
pub struct Draft {
    pub origin: RwSignal<String>,
    pub destination: RwSignal<String>,
    pub travel_type: RwSignal<TravelType>,
    pub minutes: RwSignal<String>,
    pub later: RwSignal<bool>,
    pub start_time: RwSignal<String>,
    pub message: RwSignal<String>,
}

impl Draft {
    /// The request the form describes, or what is wrong with it.
    pub fn to_request(self, time_zone: &str) -> Result<NewPass, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut complain = |field: &str, text: &str| {
            errors.entry(field.into()).or_default().push(text.into());
        };
        let origin_room_id = self.origin.get_untracked();
        let destination_room_id = self.destination.get_untracked();
        if origin_room_id.is_empty() {
            complain("origin_room_id", "Choose where you are now.");
        }
        if destination_room_id.is_empty() {
            complain("destination_room_id", "Choose where you are going.");
        }
        let duration_minutes = self
            .minutes
            .get_untracked()
            .trim()
            .parse::<i32>()
            .unwrap_or(0);
        if duration_minutes < 1 {
            complain("duration_minutes", "Enter how many minutes you need.");
        }
        let mut start_at = None;
        if self.later.get_untracked() {
            let time = NaiveTime::parse_from_str(&self.start_time.get_untracked(), "%H:%M").ok();
            match time.and_then(|time| today_at(time, time_zone)) {
                Some(at) if at > now() => start_at = Some(at),
                Some(_) => complain("start_at", "Choose a time later today."),
                None => complain("start_at", "Enter a time such as 1:30 PM."),
            }
        }
        let text = self.message.get_untracked().trim().to_owned();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewPass {
            student_id: None,
            origin_room_id,
            destination_room_id,
            travel_type: self.travel_type.get_untracked(),
            duration_minutes,
            start_at,
            message: (!text.is_empty()).then_some(text),
            override_limit: false,
            wait_if_full: false,
        })
    }
}
