//! The server's password and PIN hashing: never more argon2 computations at once than the
//! machine has cores, each with working memory that is kept and reused. A flood of sign-ins
//! waits in a short line, or is told to come back (`503`), instead of taking 19 MiB each.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::password::{hash_with, verify_with, Memory};
use crate::error::ApiError;

/// Requests waiting for a hashing slot, beyond which new ones are turned away at once.
const MAX_WAITING: usize = 256;
/// How long a request waits for a slot before it is turned away.
const MAX_WAIT: Duration = Duration::from_secs(5);

pub struct Passwords {
    slots: Arc<Semaphore>,
    cores: usize,
    waiting: AtomicUsize,
    /// One working memory a slot, made on first use.
    memory: Arc<Mutex<Vec<Memory>>>,
}

impl Default for Passwords {
    fn default() -> Self {
        Self::with_slots(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }
}

/// One request's place in the line, given up however the request ends (a client that hangs up
/// drops the request's future mid-wait).
struct InLine<'a>(&'a AtomicUsize);

impl Drop for InLine<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Passwords {
    fn with_slots(cores: usize) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(cores)),
            cores,
            waiting: AtomicUsize::new(0),
            memory: Arc::default(),
        }
    }

    /// A hashing slot, after a short wait in line; `503 server_busy` when the line is long or
    /// does not move.
    async fn slot(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(permit);
        }
        let busy = ApiError::Busy {
            retry_after_secs: 1,
        };
        let _in_line = InLine(&self.waiting);
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
            return Err(busy);
        }
        match tokio::time::timeout(MAX_WAIT, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy),
        }
    }

    /// Runs argon2 work on the blocking pool with a slot's memory. The slot goes with the work,
    /// not with the request: a request dropped mid-hash (a client that hangs up) must not free
    /// the slot while its 19 MiB are still in use.
    async fn run<T: Send + 'static>(
        &self,
        slot: OwnedSemaphorePermit,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let mut memory = lock(&pool).pop().unwrap_or_default();
            let result = work(&mut memory);
            lock(&pool).push(memory);
            drop(slot);
            result
        })
        .await
        .map_err(ApiError::internal)
    }

    /// Runs argon2 work in a slot, after a short wait in line.
    async fn in_slot<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let slot = self.slot().await?;
        self.run(slot, work).await
    }

    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        self.in_slot(move |memory| hash_with(memory, &password))
            .await?
    }

    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, ApiError> {
        self.in_slot(move |memory| verify_with(memory, stored.as_deref(), &password))
            .await
    }

    /// Whether `given` matches any of `hashes` (a room's teachers' PINs), in one slot.
    pub async fn matches_any(&self, hashes: Vec<String>, given: String) -> Result<bool, ApiError> {
        if hashes.is_empty() {
            return Ok(false);
        }
        self.in_slot(move |memory| {
            hashes
                .iter()
                .any(|hash| verify_with(memory, Some(hash), &given))
        })
        .await
    }

    /// Hashes many passwords, one slot at a time on each core: a sheet of hundreds uses the
    /// whole machine, yet a sign-in that arrives meanwhile waits for one hash, not the sheet.
    pub async fn hash_many(&self, passwords: Vec<String>) -> Result<Vec<String>, ApiError> {
        let next = AtomicUsize::new(0);
        let worker = || async {
            let mut hashed = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(plain) = passwords.get(index).cloned() else {
                    return Ok::<_, ApiError>(hashed);
                };
                // No line limit: the sheet waits its turn, hash by hash.
                let slot = self
                    .slots
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(ApiError::internal)?;
                let hash = self
                    .run(slot, move |memory| hash_with(memory, &plain))
                    .await??;
                hashed.push((index, hash));
            }
        };
        let done = futures_util::future::join_all((0..self.cores).map(|_| worker())).await;
        let mut hashes = vec![String::new(); passwords.len()];
        for part in done {
            for (index, hash) in part? {
                hashes[index] = hash;
            }
        }
        Ok(hashes)
    }
}

fn lock(pool: &Mutex<Vec<Memory>>) -> std::sync::MutexGuard<'_, Vec<Memory>> {
    pool.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn until(condition: impl Fn() -> bool) {
        tokio::time::timeout(Duration::from_secs(5), async {
            while !condition() {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
        .await
        .expect("the condition within 5 s");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_dropped_mid_hash_leaves_the_slot_with_the_work() {
        let passwords = Arc::new(Passwords::with_slots(1));
        let hashing = tokio::spawn({
            let passwords = passwords.clone();
            async move { passwords.hash("a password".into()).await }
        });
        until(|| passwords.slots.available_permits() == 0).await;
        // The client hangs up: actix drops the request's future.
        hashing.abort();
        let _ = hashing.await;
        assert_eq!(
            passwords.slots.available_permits(),
            0,
            "the slot is free while its 19 MiB are still in use"
        );
        until(|| passwords.slots.available_permits() == 1).await;
        assert_eq!(
            lock(&passwords.memory).len(),
            1,
            "the memory went back to the pool"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_dropped_in_line_gives_its_place_back() {
        let passwords = Arc::new(Passwords::with_slots(1));
        let busy = passwords
            .slots
            .clone()
            .try_acquire_owned()
            .expect("the slot");
        let waiting = tokio::spawn({
            let passwords = passwords.clone();
            async move { passwords.hash("a password".into()).await }
        });
        until(|| passwords.waiting.load(Ordering::SeqCst) == 1).await;
        waiting.abort();
        let _ = waiting.await;
        assert_eq!(passwords.waiting.load(Ordering::SeqCst), 0);
        drop(busy);
        passwords.hash("a password".into()).await.expect("hashed");
    }
}
