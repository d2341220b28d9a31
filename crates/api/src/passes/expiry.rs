//! Ends passes that ran past their time and the school's overtime buffer, and cancels scheduled
//! passes not started within it. Each update is guarded by the state it expects, so several
//! instances sweeping at once never end a pass twice.
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::passes::{EndedReason, PassState};

use super::capacity;
use super::row::PassRow;
use crate::clock::Clock;
use crate::db::schema::{passes, schools};
use crate::db::{Db, DbConn};
use crate::error::ApiError;
use crate::events::passes::{Change, PassChanges};
use crate::events::Bus;

/// What one sweep did: (passes ended, scheduled passes canceled), by id.
pub fn sweep(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> Result<(Vec<String>, Vec<String>), ApiError> {
    let ended = expire(
        conn,
        now,
        PassState::Active,
        PassState::Ended,
        EndedReason::AutoExpired,
    )?;
    let canceled = expire(
        conn,
        now,
        PassState::Scheduled,
        PassState::Canceled,
        EndedReason::NotStarted,
    )?;
    Ok((ended, canceled))
}

fn expire(
    conn: &mut DbConn,
    now: NaiveDateTime,
    from: PassState,
    to: PassState,
    reason: EndedReason,
) -> Result<Vec<String>, ApiError> {
    let mut query = passes::table
        .inner_join(schools::table)
        .filter(passes::state.eq(from))
        .into_boxed();
    // Only passes already past the deadline itself; the school's buffer is applied below.
    query = if from == PassState::Active {
        query.filter(passes::expected_end_at.le(now))
    } else {
        query.filter(passes::start_at.le(now))
    };
    let candidates: Vec<(String, Option<NaiveDateTime>, Option<NaiveDateTime>, i32)> = query
        .select((
            passes::id,
            passes::expected_end_at,
            passes::start_at,
            schools::overtime_buffer_minutes,
        ))
        .load(conn)?;
    let due: Vec<String> = candidates
        .into_iter()
        .filter(|(_, end, start, buffer)| {
            let deadline = if from == PassState::Active {
                *end
            } else {
                *start
            };
            deadline.is_some_and(|d| d + chrono::Duration::minutes(i64::from(*buffer)) <= now)
        })
        .map(|(id, ..)| id)
        .collect();
    let mut changed = Vec::new();
    for chunk in due.chunks(1_000) {
        changed.extend(
            diesel::update(
                passes::table
                    .filter(passes::id.eq_any(chunk))
                    .filter(passes::state.eq(from)),
            )
            .set((
                passes::state.eq(to),
                passes::ended_at.eq(now),
                passes::ended_reason.eq(reason),
                passes::updated_at.eq(now),
            ))
            .returning(passes::id)
            .get_results::<String>(conn)?,
        );
    }
    Ok(changed)
}

/// Sweeps every `every` for as long as the server runs (or until the handle is aborted), then
/// moves each school's line: places freed, turns lapsed.
pub fn spawn(
    db: Db,
    clock: Arc<Clock>,
    bus: Arc<Bus>,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            if let Err(err) = sweep_and_tell(&db, &clock, &bus).await {
                tracing::warn!(error = %err, "could not sweep expired passes");
            }
        }
    })
}

async fn sweep_and_tell(db: &Db, clock: &Clock, bus: &Bus) -> Result<(), ApiError> {
    let now = clock.now();
    let events = db
        .write(move |conn| {
            let (ended, canceled) = sweep(conn, now)?;
            if !ended.is_empty() || !canceled.is_empty() {
                tracing::info!(
                    ended = ended.len(),
                    canceled = canceled.len(),
                    "expired passes"
                );
            }
            let mut changes = PassChanges::default();
            for chunk in ended.chunks(1_000).chain(canceled.chunks(1_000)) {
                let rows = passes::table
                    .filter(passes::id.eq_any(chunk))
                    .select(PassRow::as_select())
                    .load(conn)?;
                changes.extend(rows, Change::Updated);
            }
            changes.events(conn)
        })
        .await?;
    let schools = db.run(capacity::schools_with_line).await?;
    let mut moved = Vec::new();
    for school_id in schools {
        moved.extend(
            db.write_for_school(&school_id.clone(), move |conn| {
                let mut changes = PassChanges::default();
                changes.extend(
                    capacity::advance(conn, &school_id, now)?.changed,
                    Change::Updated,
                );
                changes.events(conn)
            })
            .await?,
        );
    }
    for event in events.into_iter().chain(moved) {
        bus.publish(event);
    }
    Ok(())
}
