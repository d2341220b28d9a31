//! The shape every pass action shares: find the pass in the caller's school, hide it when the
//! caller cannot see it, change it under the school's lock at the clock's `now`, move the line
//! for full rooms, save, answer it and tell the live hallway.
use chrono::NaiveDateTime;
use hallpass_shared::passes::{Pass, PassState};

use super::access::{visible, Viewer};
use super::row::{Known, PassRow};
use super::{capacity, queries};
use crate::auth::principal::Principal;
use crate::db::DbConn;
use crate::encounters::report::report_if_prevented;
use crate::error::ApiError;
use crate::events::passes::{Change, PassChanges};
use crate::state::AppState;

pub async fn act<F>(
    state: &AppState,
    caller: &Principal,
    pass_id: String,
    change: F,
) -> Result<Pass, ApiError>
where
    F: FnOnce(&mut DbConn, &Viewer, &mut PassRow, NaiveDateTime) -> Result<(), ApiError>
        + Send
        + 'static,
{
    let school_id = caller.school()?.id.clone();
    let principal = caller.clone();
    let at = state.clock.now();
    let outcome = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let viewer = Viewer::load(conn, &principal)?;
            let mut changes = PassChanges::default();
            // Lapsed turns first, so that the line is current for the checks.
            let before = capacity::advance(conn, &school_id, at)?;
            changes.extend(before.changed, Change::Updated);
            let mut pass = visible(&viewer, queries::in_school(conn, &school_id, &pass_id)?)?;
            change(conn, &viewer, &mut pass, at)?;
            queries::save(conn, &pass)?;
            let waits = pass.state == PassState::Waiting;
            changes.add(pass.clone(), Change::Updated);
            if before.anyone_waited || waits {
                changes.extend(
                    capacity::advance(conn, &school_id, at)?.changed,
                    Change::Updated,
                );
            }
            let enabled = principal
                .school
                .as_ref()
                .is_some_and(|school| school.profile_pictures_enabled);
            let known = Known::default().person(&principal.user, enabled);
            changes.answer(conn, &pass.id, known)
        })
        .await;
    let (pass, events) = report_if_prevented(state, caller, outcome).await?;
    state.publish(events);
    Ok(pass)
}
