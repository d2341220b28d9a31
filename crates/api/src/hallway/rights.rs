//! An event stream is authorized when it opens and then stays open for up to 15 minutes. So
//! that it cannot outlive what its account lost (disabled, deleted, `hall_monitor` revoked),
//! each instance watches the accounts of its open streams: every [`POLL_EVERY`] it reads their
//! `updated_at` in one query, and a stream whose account changed reloads its rights, or ends.
//!
//! Every change to an account's status, role, permissions or teachers writes `updated_at`.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tokio::sync::watch;

use crate::db::schema::users;
use crate::db::Db;

pub const POLL_EVERY: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct StreamRights {
    accounts: Mutex<HashMap<String, Watched>>,
}

struct Watched {
    updated_at: NaiveDateTime,
    streams: usize,
    changed: watch::Sender<()>,
}

/// One stream's watch on its account; forgets the account when the last stream closes.
pub struct Watch {
    user_id: String,
    changes: watch::Receiver<()>,
    rights: Arc<StreamRights>,
}

impl StreamRights {
    /// Watches `user_id`, as it was at `updated_at` when the stream was authorized.
    pub fn watch(self: &Arc<Self>, user_id: &str, updated_at: NaiveDateTime) -> Watch {
        let mut accounts = self.lock();
        let watched = accounts
            .entry(user_id.to_owned())
            .or_insert_with(|| Watched {
                updated_at,
                streams: 0,
                changed: watch::channel(()).0,
            });
        watched.streams += 1;
        // A stream authorized before a change this instance already saw must reload too.
        let mut changes = watched.changed.subscribe();
        if watched.updated_at != updated_at {
            changes.mark_changed();
        }
        Watch {
            user_id: user_id.to_owned(),
            changes,
            rights: self.clone(),
        }
    }

    /// The streams open for `user_id` on this instance.
    pub fn open_streams(&self, user_id: &str) -> usize {
        self.lock()
            .get(user_id)
            .map_or(0, |watched| watched.streams)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Watched>> {
        self.accounts.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn watched_ids(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    /// Tells the streams of every account whose `updated_at` moved, or that is gone.
    fn saw(&self, ids: &[String], current: &HashMap<String, NaiveDateTime>) {
        let mut accounts = self.lock();
        for id in ids {
            let Some(watched) = accounts.get_mut(id) else {
                continue;
            };
            match current.get(id) {
                Some(at) if *at == watched.updated_at => {}
                Some(at) => {
                    watched.updated_at = *at;
                    watched.changed.send_replace(());
                }
                None => {
                    watched.changed.send_replace(());
                }
            }
        }
    }

    async fn poll(&self, db: &Db) -> Result<(), crate::error::ApiError> {
        let ids = self.watched_ids();
        if ids.is_empty() {
            return Ok(());
        }
        let current = {
            let ids = ids.clone();
            db.run(move |conn| {
                let mut current = HashMap::with_capacity(ids.len());
                for chunk in ids.chunks(5_000) {
                    let rows: Vec<(String, NaiveDateTime)> = users::table
                        .filter(users::id.eq_any(chunk))
                        .select((users::id, users::updated_at))
                        .load(conn)?;
                    current.extend(rows);
                }
                Ok(current)
            })
            .await?
        };
        self.saw(&ids, &current);
        Ok(())
    }
}

impl Watch {
    /// Resolves when the account changed since the stream last loaded its rights.
    pub async fn changed(&mut self) {
        if self.changes.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut accounts = self.rights.lock();
        if let Some(watched) = accounts.get_mut(&self.user_id) {
            watched.streams -= 1;
            if watched.streams == 0 {
                accounts.remove(&self.user_id);
            }
        }
    }
}

pub fn spawn(db: Db, rights: Arc<StreamRights>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(POLL_EVERY);
        loop {
            ticks.tick().await;
            if let Err(err) = rights.poll(&db).await {
                tracing::warn!(error = %err, "could not check the event streams' accounts");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(seconds, 0)
            .expect("a time")
            .naive_utc()
    }

    #[tokio::test]
    async fn a_changed_or_deleted_account_wakes_its_streams_only() {
        let rights = Arc::new(StreamRights::default());
        let mut changed = rights.watch("a", at(1));
        let mut same = rights.watch("b", at(1));
        let mut gone = rights.watch("c", at(1));
        let ids = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let current = HashMap::from([("a".to_owned(), at(2)), ("b".to_owned(), at(1))]);
        rights.saw(&ids, &current);
        let woke =
            |watch: &mut Watch| futures_util::FutureExt::now_or_never(watch.changed()).is_some();
        assert!(woke(&mut changed));
        assert!(!woke(&mut same));
        assert!(woke(&mut gone));
        assert!(!woke(&mut changed), "once per change");
    }

    #[tokio::test]
    async fn the_last_stream_to_close_forgets_the_account() {
        let rights = Arc::new(StreamRights::default());
        let first = rights.watch("a", at(1));
        let second = rights.watch("a", at(1));
        drop(first);
        assert_eq!(rights.watched_ids(), vec!["a".to_owned()]);
        drop(second);
        assert!(rights.watched_ids().is_empty());
    }

    #[tokio::test]
    async fn a_stream_authorized_before_a_seen_change_reloads_at_once() {
        let rights = Arc::new(StreamRights::default());
        let _open = rights.watch("a", at(1));
        rights.saw(&["a".to_owned()], &HashMap::from([("a".to_owned(), at(2))]));
        let mut late = rights.watch("a", at(1));
        assert!(futures_util::FutureExt::now_or_never(late.changed()).is_some());
    }
}
