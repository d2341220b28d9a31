//! Logs a prevented encounter and says it to each caller as they may hear it: a student learns
//! only that they cannot go now; staff learn which group.
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::EncounterPrevented;
use hallpass_shared::events::ENCOUNTER_PREVENTED;

use crate::auth::principal::Principal;
use crate::db::schema::encounter_prevented;
use crate::error::{ApiError, Prevented};
use crate::events::{Audience, Event};
use crate::ids::new_id;
use crate::state::AppState;

/// Logs a refused start (and tells the rule keepers live), then answers the caller: staff
/// learn the group, a student only that they cannot go now.
pub async fn report_if_prevented<T>(
    state: &AppState,
    caller: &Principal,
    outcome: Result<T, ApiError>,
) -> Result<T, ApiError> {
    let prevented = match outcome {
        Err(ApiError::Prevented(prevented)) => *prevented,
        other => return other,
    };
    let Prevented {
        group_id,
        group_name,
        student_id,
        other_student_id: other,
    } = prevented.clone();
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
        .with_details(EncounterPrevented {
            group_id,
            group_name,
        }));
    }
    Err(ApiError::Prevented(Box::new(prevented)))
}
