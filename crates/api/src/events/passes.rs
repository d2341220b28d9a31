//! The events a pass change sends.
use hallpass_shared::events::{PASS_CREATED, PASS_ENDED, PASS_UPDATED, REQUEST_CREATED};
use hallpass_shared::passes::{Pass, PassState};

use super::audience::PassAudience;
use super::{Audience, Event};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::passes::row::{views_knowing, Known, PassRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
}

/// Passes changed in one transaction, in order; a pass changed twice is sent once, as it ended.
#[derive(Default)]
pub struct PassChanges(Vec<(PassRow, Change)>);

impl PassChanges {
    pub fn add(&mut self, row: PassRow, change: Change) {
        match self.0.iter_mut().find(|(seen, _)| seen.id == row.id) {
            Some(slot) => slot.0 = row,
            None => self.0.push((row, change)),
        }
    }

    pub fn extend(&mut self, rows: Vec<PassRow>, change: Change) {
        for row in rows {
            self.add(row, change);
        }
    }

    /// The events, built inside the transaction (names need the database), sent after it.
    pub fn events(self, conn: &mut DbConn) -> Result<Vec<Event>, ApiError> {
        Ok(self.views_and_events(conn, Known::default())?.1)
    }

    /// The events, and the API view of the pass `main` (one of the changes) for the answer.
    pub fn answer(
        self,
        conn: &mut DbConn,
        main: &str,
        known: Known,
    ) -> Result<(Pass, Vec<Event>), ApiError> {
        let (passes, events) = self.views_and_events(conn, known)?;
        let pass = passes
            .into_iter()
            .find(|pass| pass.id == main)
            .ok_or_else(|| ApiError::not_found("Pass"))?;
        Ok((pass, events))
    }

    fn views_and_events(
        self,
        conn: &mut DbConn,
        known: Known,
    ) -> Result<(Vec<Pass>, Vec<Event>), ApiError> {
        let rows: Vec<PassRow> = self.0.iter().map(|(row, _)| row.clone()).collect();
        let passes = views_knowing(conn, &rows, known)?;
        let events = self
            .0
            .iter()
            .zip(&passes)
            .map(|((row, change), pass)| event(row, pass, *change).map_err(ApiError::internal))
            .collect::<Result<_, _>>()?;
        Ok((passes, events))
    }
}

fn event(row: &PassRow, pass: &Pass, change: Change) -> serde_json::Result<Event> {
    let (name, audience) = match (change, pass.state) {
        // A pass becomes a request when made, or when a student starts a pass for later to
        // a room that now takes requests only.
        (_, PassState::Pending) => (
            REQUEST_CREATED,
            Audience::Deciders {
                room_id: row.destination_room_id.clone(),
            },
        ),
        (Change::Created, _) => (PASS_CREATED, pass_audience(row)),
        (_, PassState::Ended | PassState::Denied | PassState::Canceled) => {
            (PASS_ENDED, pass_audience(row))
        }
        (Change::Updated, _) => (PASS_UPDATED, pass_audience(row)),
    };
    Event::new(&row.school_id, name, audience, pass)
}

fn pass_audience(row: &PassRow) -> Audience {
    Audience::Pass(PassAudience {
        student_id: row.student_id.clone(),
        origin_room_id: row.origin_room_id.clone(),
        destination_room_id: row.destination_room_id.clone(),
        created_by: row.created_by.clone(),
        out: row.started_at.is_some(),
    })
}
