//! Room and hallway capacity, and the line for a full room.
//!
//! A room's `capacity` caps the active passes to it, the school's `hallway_capacity` the active
//! passes of the school. A student who finds it full may wait in line (`waiting`). When a place
//! frees, the first in line gets a turn (`turn_expires_at`, 30 s) and holds the place; a turn
//! that lapses cancels the pass (`turn_missed`) and the place goes to the next. The line moves
//! inside the school's serialized write, after every pass change and on each expiry sweep, so
//! every instance agrees and no timer is needed.
use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{CapacityReached, CapacityScope};
use hallpass_shared::passes::{EndedReason, PassState};

use super::queries;
use super::row::PassRow;
use crate::db::schema::{passes, rooms, schools};
use crate::db::DbConn;
use crate::error::ApiError;

pub const TURN_SECONDS: i64 = 30;

/// How full the school's hallway and rooms are right now.
struct Load {
    hallway_capacity: Option<i32>,
    active_total: i64,
    active_by_room: HashMap<String, i64>,
    room_capacity: HashMap<String, Option<i32>>,
}

impl Load {
    /// `None` when neither the school (`hallway_capacity`) nor any of its rooms has a capacity.
    fn read(
        conn: &mut DbConn,
        school_id: &str,
        hallway_capacity: Option<i32>,
    ) -> Result<Option<Self>, ApiError> {
        let room_capacity: HashMap<String, Option<i32>> = rooms::table
            .filter(rooms::school_id.eq(school_id))
            .filter(rooms::capacity.is_not_null())
            .select((rooms::id, rooms::capacity))
            .load::<(String, Option<i32>)>(conn)?
            .into_iter()
            .collect();
        if hallway_capacity.is_none() && room_capacity.is_empty() {
            return Ok(None);
        }
        let active_by_room: HashMap<String, i64> = passes::table
            .filter(passes::school_id.eq(school_id))
            .filter(passes::state.eq(PassState::Active))
            .group_by(passes::destination_room_id)
            .select((passes::destination_room_id, diesel::dsl::count_star()))
            .load::<(String, i64)>(conn)?
            .into_iter()
            .collect();
        Ok(Some(Self {
            hallway_capacity,
            active_total: active_by_room.values().sum(),
            active_by_room,
            room_capacity,
        }))
    }

    /// Whether one more pass to `room_id` fits beside `held` places already promised.
    fn fits(&self, room_id: &str, held: &Held) -> Result<(), CapacityScope> {
        let room_used = self.active_by_room.get(room_id).copied().unwrap_or(0)
            + held.by_room.get(room_id).copied().unwrap_or(0);
        if let Some(Some(cap)) = self.room_capacity.get(room_id) {
            if room_used >= i64::from(*cap) {
                return Err(CapacityScope::Room);
            }
        }
        if let Some(cap) = self.hallway_capacity {
            if self.active_total + held.total >= i64::from(cap) {
                return Err(CapacityScope::Hallway);
            }
        }
        Ok(())
    }
}

/// Places promised to waiting passes whose turn has come.
#[derive(Default)]
struct Held {
    total: i64,
    by_room: HashMap<String, i64>,
}

impl Held {
    fn add(&mut self, room_id: &str) {
        self.total += 1;
        *self.by_room.entry(room_id.to_owned()).or_default() += 1;
    }
}

fn has_turn(pass: &PassRow, now: NaiveDateTime) -> bool {
    pass.turn_expires_at.is_some_and(|until| until >= now)
}

/// The school's waiting passes, first in line first.
fn line(conn: &mut DbConn, school_id: &str) -> Result<Vec<PassRow>, ApiError> {
    Ok(passes::table
        .filter(passes::school_id.eq(school_id))
        .filter(passes::state.eq(PassState::Waiting))
        .order((passes::created_at.asc(), passes::id.asc()))
        .select(PassRow::as_select())
        .load(conn)?)
}

/// Refuses to start `pass` when its room or the hallway is full, counting the places held by
/// others' turns. A waiting pass starts only in its turn. Run [`advance`] first in the same
/// transaction: then whoever waits without a turn does not fit, and nobody passes the line.
pub fn check(
    conn: &mut DbConn,
    pass: &PassRow,
    now: NaiveDateTime,
    hallway_capacity: Option<i32>,
) -> Result<(), ApiError> {
    if pass.state == PassState::Waiting && !has_turn(pass, now) {
        return Err(ApiError::coded(
            ErrorCode::InvalidPassState,
            "It is not this pass's turn yet.",
        ));
    }
    let Some(load) = Load::read(conn, &pass.school_id, hallway_capacity)? else {
        return Ok(());
    };
    let mut held = Held::default();
    for other in line(conn, &pass.school_id)? {
        if other.id != pass.id && has_turn(&other, now) {
            held.add(&other.destination_room_id);
        }
    }
    load.fits(&pass.destination_room_id, &held).map_err(full)
}

fn full(scope: CapacityScope) -> ApiError {
    let message = match scope {
        CapacityScope::Room => "That room is full right now. You can wait in line.",
        CapacityScope::Hallway => "The hallway is full right now. You can wait in line.",
    };
    ApiError::coded(ErrorCode::CapacityReached, message).with_details(CapacityReached { scope })
}

/// What moving the line did.
pub struct Advanced {
    /// Passes whose turn came or lapsed, saved.
    pub changed: Vec<PassRow>,
    /// Whether anyone was in line: when nobody was, only a change that makes a pass wait can
    /// give the line something to do before this transaction ends.
    pub anyone_waited: bool,
}

/// Cancels lapsed turns and gives turns to the first in line where places are free.
pub fn advance(
    conn: &mut DbConn,
    school_id: &str,
    now: NaiveDateTime,
) -> Result<Advanced, ApiError> {
    let waiting = line(conn, school_id)?;
    if waiting.is_empty() {
        return Ok(Advanced {
            changed: Vec::new(),
            anyone_waited: false,
        });
    }
    let hallway_capacity = schools::table
        .find(school_id)
        .select(schools::hallway_capacity)
        .first(conn)?;
    let load = Load::read(conn, school_id, hallway_capacity)?;
    let mut held = Held::default();
    let mut changed = Vec::new();
    let mut in_line = Vec::new();
    for mut pass in waiting {
        if pass.turn_expires_at.is_some_and(|until| until < now) {
            pass.state = PassState::Canceled;
            pass.ended_at = Some(now);
            pass.ended_reason = Some(EndedReason::TurnMissed);
            pass.turn_expires_at = None;
            pass.updated_at = now;
            changed.push(pass);
        } else {
            if has_turn(&pass, now) {
                held.add(&pass.destination_room_id);
            }
            in_line.push(pass);
        }
    }
    for mut pass in in_line {
        let fits = load
            .as_ref()
            .is_none_or(|load| load.fits(&pass.destination_room_id, &held).is_ok());
        if pass.turn_expires_at.is_none() && fits {
            held.add(&pass.destination_room_id);
            pass.turn_expires_at = Some(now + Duration::seconds(TURN_SECONDS));
            pass.updated_at = now;
            changed.push(pass);
        }
    }
    for pass in &changed {
        queries::save(conn, pass)?;
    }
    Ok(Advanced {
        changed,
        anyone_waited: true,
    })
}

/// Schools with someone in line, for the sweep.
pub fn schools_with_line(conn: &mut DbConn) -> Result<Vec<String>, ApiError> {
    Ok(passes::table
        .filter(passes::state.eq(PassState::Waiting))
        .select(passes::school_id)
        .distinct()
        .load(conn)?)
}
