//! Periodic tidying: forget recovered throttle keys, delete expired refresh tokens and unused
//! event tickets, and what uploads that never finished left behind.
use std::sync::Arc;
use std::time::Duration;

use crate::auth::refresh_tokens;
use crate::auth::throttle::Throttles;
use crate::db::Db;
use crate::hallway::tickets;
use crate::jobs::upload;
use crate::time::now;

const EVERY: Duration = Duration::from_secs(600);

pub fn spawn(db: Db, throttles: Arc<Throttles>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        loop {
            ticks.tick().await;
            throttles.tidy();
            match db
                .write(|conn| {
                    tickets::delete_expired(conn, now())?;
                    upload::delete_abandoned(conn, now() - chrono::Duration::hours(6))?;
                    refresh_tokens::delete_expired(conn, now())
                })
                .await
            {
                Ok(deleted) if deleted > 0 => {
                    tracing::info!(deleted, "expired refresh tokens deleted")
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "could not delete expired refresh tokens"),
            }
        }
    })
}
