//! The server's password and PIN hashing: never more argon2 computations at once than the
//! machine has cores, each with working memory that is kept and reused. A flood of sign-ins
//! waits in a short line, or is told to come back (`503`), instead of taking 19 MiB each.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

use super::password::{hash_with, verify_with, Memory};
use crate::error::ApiError;

/// Requests waiting for a hashing slot, beyond which new ones are turned away at once.
const MAX_WAITING: usize = 256;
/// How long a request waits for a slot before it is turned away.
const MAX_WAIT: Duration = Duration::from_secs(5);

pub struct Passwords {
    slots: Semaphore,
    cores: usize,
    waiting: AtomicUsize,
    /// One working memory a slot, made on first use.
    memory: Mutex<Vec<Memory>>,
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            slots: Semaphore::new(cores),
            cores,
            waiting: AtomicUsize::new(0),
            memory: Mutex::default(),
        }
    }
}

impl Passwords {
    /// A hashing slot, after a short wait in line; `503 server_busy` when the line is long or
    /// does not move.
    async fn slot(&self) -> Result<SemaphorePermit<'_>, ApiError> {
        if let Ok(permit) = self.slots.try_acquire() {
            return Ok(permit);
        }
        let busy = ApiError::Busy {
            retry_after_secs: 1,
        };
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(busy);
        }
        let waited = tokio::time::timeout(MAX_WAIT, self.slots.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match waited {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy),
        }
    }

    /// Runs argon2 work in a slot held by the caller, on the blocking pool, with a slot's
    /// memory.
    async fn run<T: Send + 'static>(
        &self,
        _slot: SemaphorePermit<'_>,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let mut memory = self.lock_memory().pop().unwrap_or_default();
        let (result, memory) = tokio::task::spawn_blocking(move || {
            let result = work(&mut memory);
            (result, memory)
        })
        .await
        .map_err(ApiError::internal)?;
        self.lock_memory().push(memory);
        Ok(result)
    }

    fn lock_memory(&self) -> std::sync::MutexGuard<'_, Vec<Memory>> {
        self.memory.lock().unwrap_or_else(|e| e.into_inner())
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
                let slot = self.slots.acquire().await.map_err(ApiError::internal)?;
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
