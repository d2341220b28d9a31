//! argon2id at OWASP's parameters (19 MiB, t=2, p=1), always on the blocking pool.
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;

use crate::error::ApiError;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_blocking(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("hashing a password: {e}")))
}

/// Verifies against `stored`, or against a dummy hash when there is none, so that an unknown
/// email costs the same time as a wrong password.
pub fn verify_blocking(stored: Option<&str>, password: &str) -> bool {
    let stored = stored.unwrap_or_else(|| dummy_hash());
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("not-a-real-password").unwrap_or_default())
}

pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(ApiError::internal)?
}

pub async fn verify(stored: Option<String>, password: String) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || verify_blocking(stored.as_deref(), &password))
        .await
        .map_err(ApiError::internal)
}

/// Letters and digits that cannot be mistaken for one another on a printed card.
const UNAMBIGUOUS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A temporary password a student can type from paper: `xxxxx-xxxxx` (about 49 bits).
pub fn temporary() -> String {
    let mut rng = rand::thread_rng();
    let mut pick = || UNAMBIGUOUS[rng.gen_range(0..UNAMBIGUOUS.len())] as char;
    let first: String = (0..5).map(|_| pick()).collect();
    let second: String = (0..5).map(|_| pick()).collect();
    format!("{first}-{second}")
}

/// Hashes many passwords on every core (argon2 dominates a sheet of hundreds). Blocking.
pub fn hash_many_blocking(passwords: &[String]) -> Result<Vec<String>, ApiError> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = passwords.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = passwords
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| hash_blocking(p))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut hashes = Vec::with_capacity(passwords.len());
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| ApiError::internal(anyhow::anyhow!("a hashing thread panicked")))?;
            hashes.extend(part?);
        }
        Ok(hashes)
    })
}
