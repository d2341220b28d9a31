//! Logs a prevented encounter and says it to each caller as they may hear it: a student learns
//! only that they cannot go now; staff learn which group.
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::events::ENCOUNTER_PREVENTED;
use serde_json::json;

use crate::auth::principal::Principal;
use crate::db::schema::encounter_prevented;
use crate::error::ApiError;
use crate::events::{Audience, Event};
use crate::ids::new_id;
use crate::state::AppState;

pub const STUDENT_MESSAGE: &str = "Sorry, you can't start your pass right now.";

pub async fn report_if_prevented<T>(
    state: &AppState,
    caller: &Principal,
    outcome: Result<T, ApiError>,
) -> Result<T, ApiError> {
    let err = match outcome {
        Err(err) if err.code() == ErrorCode::EncounterPrevented => err,
        other => return other,
    };
    let details = match &err {
        ApiError::Coded {
            details: Some(details),
            ..
        } => details.clone(),
        _ => return Err(err),
    };
    let text = |key: &str| details[key].as_str().unwrap_or_default().to_owned();
    let (group_id, group_name) = (text("group_id"), text("group_name"));
    let (student_id, other) = (text("student_id"), text("other_student_id"));
    let school_id = caller.school()?.id.clone();
    let at = state.clock.now();
    let logged_group = group_id.clone();
    let event = state
        .db
        .write(move |conn| {
            let id = new_id();
            diesel::insert_into(encounter_prevented::table)
                .values((
                    encounter_prevented::id.eq(&id),
                    encounter_prevented::school_id.eq(&school_id),
                    encounter_prevented::group_id.eq(Some(&logged_group)),
                    encounter_prevented::student_id.eq(&student_id),
                    encounter_prevented::other_student_id.eq(&other),
                    encounter_prevented::created_at.eq(at),
                ))
                .execute(conn)?;
            let entry = super::prevented_log::load(conn, &school_id, Some(&id))?;
            Event::new(
                &school_id,
                ENCOUNTER_PREVENTED,
                Audience::PassRules,
                &entry.first(),
            )
            .map_err(ApiError::internal)
        })
        .await?;
    state.publish(vec![event]);
    if caller.role.is_staff() {
        return Err(ApiError::coded(
            ErrorCode::EncounterPrevented,
            format!("Not now: a student of the encounter group \"{group_name}\" is out."),
        )
        .with_details(json!({ "group_id": group_id, "group_name": group_name })));
    }
    Err(ApiError::coded(
        ErrorCode::EncounterPrevented,
        STUDENT_MESSAGE,
    ))
}
