//! An event stream is authorized when it opens and then stays open for up to 15 minutes. So
//! that it cannot outlive what its account lost (disabled, deleted, `hall_monitor` revoked),
//! each instance watches the accounts of its open streams: every [`POLL_EVERY`] it reads their
//! `updated_at` in one query, and a stream whose account changed reloads its rights, or ends.
//!
//! Every change to an account's status, role, permissions or teachers writes `updated_at`.
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tokio::sync::{watch, Notify};

use crate::db::schema::users;
use crate::db::Db;

pub const POLL_EVERY: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct StreamRights {
    accounts: Mutex<HashMap<String, Watched>>,
}

struct Watched {
    updated_at: NaiveDateTime,
    /// The account's open streams, oldest first: each one's number and its "close" signal.
    streams: VecDeque<(u64, Arc<Notify>)>,
    changed: watch::Sender<()>,
}

/// One stream's watch on its account; forgets the account when the last stream closes.
pub struct Watch {
    user_id: String,
    number: u64,
    changes: watch::Receiver<()>,
    replaced: Arc<Notify>,
    rights: Arc<StreamRights>,
}

/// Numbers streams, so that a closing stream finds its own entry.
static NEXT_STREAM: AtomicU64 = AtomicU64::new(0);

impl StreamRights {
    /// Watches `user_id`, as it was at `updated_at` when the stream was authorized. Past
    /// `at_most` open streams, the account's oldest one is told to close: the newest tab wins
    /// (a closed tab's stream is only noticed at its next heartbeat).
    pub fn watch(
        self: &Arc<Self>,
        user_id: &str,
        updated_at: NaiveDateTime,
        at_most: usize,
    ) -> Watch {
        let mut accounts = self.lock();
        let watched = accounts
            .entry(user_id.to_owned())
            .or_insert_with(|| Watched {
                updated_at,
                streams: VecDeque::new(),
                changed: watch::channel(()).0,
            });
        let number = NEXT_STREAM.fetch_add(1, Ordering::Relaxed);
        let replaced = Arc::new(Notify::new());
        watched.streams.push_back((number, replaced.clone()));
        while watched.streams.len() > at_most.max(1) {
            if let Some((_, oldest)) = watched.streams.pop_front() {
                oldest.notify_one();
            }
        }
        // A stream authorized before a change this instance already saw must reload too.
        let mut changes = watched.changed.subscribe();
        if watched.updated_at != updated_at {
            changes.mark_changed();
        }
        Watch {
            user_id: user_id.to_owned(),
            number,
            changes,
            replaced,
            rights: self.clone(),
        }
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
    /// Notified when a newer stream of the account took this one's place.
    pub fn replaced_signal(&self) -> Arc<Notify> {
        self.replaced.clone()
    }

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
            watched.streams.retain(|(number, _)| *number != self.number);
            if watched.streams.is_empty() {
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
        let mut changed = rights.watch("a", at(1), 10);
        let mut same = rights.watch("b", at(1), 10);
        let mut gone = rights.watch("c", at(1), 10);
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
        let first = rights.watch("a", at(1), 10);
        let second = rights.watch("a", at(1), 10);
        drop(first);
        assert_eq!(rights.watched_ids(), vec!["a".to_owned()]);
        drop(second);
        assert!(rights.watched_ids().is_empty());
    }

    #[tokio::test]
    async fn past_the_limit_the_oldest_stream_gives_way() {
        let rights = Arc::new(StreamRights::default());
        let oldest = rights.watch("a", at(1), 2);
        let middle = rights.watch("a", at(1), 2);
        let _newest = rights.watch("a", at(1), 2);
        let gave_way = |watch: &Watch| {
            futures_util::FutureExt::now_or_never(watch.replaced_signal().notified()).is_some()
        };
        assert!(gave_way(&oldest));
        assert!(!gave_way(&middle));
        drop(oldest);
        assert_eq!(rights.lock()["a"].streams.len(), 2);
    }

    #[tokio::test]
    async fn a_stream_authorized_before_a_seen_change_reloads_at_once() {
        let rights = Arc::new(StreamRights::default());
        let _open = rights.watch("a", at(1), 10);
        rights.saw(&["a".to_owned()], &HashMap::from([("a".to_owned(), at(2))]));
        let mut late = rights.watch("a", at(1), 10);
        assert!(futures_util::FutureExt::now_or_never(late.changed()).is_some());
    }
}
