//! Ends passes that ran past their time and the school's overtime buffer, and cancels scheduled
//! passes not started within it. Each update is guarded by the state it expects, so several
//! instances sweeping at once never end a pass twice.
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::passes::{EndedReason, PassState};

use crate::clock::Clock;
use crate::db::schema::{passes, schools};
use crate::db::text_enum::to_text;
use crate::db::{Db, DbConn};
use crate::error::ApiError;

/// What one sweep did: (passes ended, scheduled passes canceled).
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> Result<(usize, usize), ApiError> {
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
) -> Result<usize, ApiError> {
    let mut query = passes::table
        .inner_join(schools::table)
        .filter(passes::state.eq(to_text(from)))
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
    let mut changed = 0;
    for chunk in due.chunks(1_000) {
        changed += diesel::update(
            passes::table
                .filter(passes::id.eq_any(chunk))
                .filter(passes::state.eq(to_text(from))),
        )
        .set((
            passes::state.eq(to_text(to)),
            passes::ended_at.eq(now),
            passes::ended_reason.eq(to_text(reason)),
            passes::updated_at.eq(now),
        ))
        .execute(conn)?;
    }
    Ok(changed)
}

/// Sweeps every `every` for as long as the server runs (or until the handle is aborted).
pub fn spawn(db: Db, clock: Arc<Clock>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let now = clock.now();
            match db.write(move |conn| sweep(conn, now)).await {
                Ok((0, 0)) => {}
                Ok((ended, canceled)) => tracing::info!(ended, canceled, "expired passes"),
                Err(err) => tracing::warn!(error = %err, "could not sweep expired passes"),
            }
        }
    })
}
