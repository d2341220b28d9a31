//! argon2id at OWASP's parameters (19 MiB, t=2, p=1). The server runs these through
//! [`Passwords`](super::password_gate::Passwords), on the blocking pool and a core at a time.
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::Rng;

use crate::error::ApiError;

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid")
}

/// argon2's working memory (19 MiB), kept between computations: allocating it anew each time
/// leaves glibc's heaps fragmented, and a server that had checked a few hundred passwords held
/// gigabytes it no longer used.
pub type Memory = Vec<Block>;

/// `memory` sized for `params`, reusing what it holds. argon2 writes every block before it
/// reads it, so the previous contents do not matter.
fn blocks<'m>(memory: &'m mut Memory, params: &Params) -> &'m mut [Block] {
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    &mut memory[..params.block_count()]
}

pub fn hash_with(memory: &mut Memory, password: &str) -> Result<String, ApiError> {
    let failed =
        |e: &dyn std::fmt::Display| ApiError::internal(anyhow::anyhow!("hashing a password: {e}"));
    let params = params();
    let salt = SaltString::generate(&mut OsRng);
    let mut raw_salt = [0u8; 64];
    let raw_salt = salt.decode_b64(&mut raw_salt).map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            raw_salt,
            &mut out,
            blocks(memory, &params),
        )
        .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params).try_into().map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` is the one `stored` was made from (with the parameters it names), or,
/// without `stored`, checked against a dummy hash so that an unknown email costs the same time
/// as a wrong password.
pub fn verify_with(memory: &mut Memory, stored: Option<&str>, password: &str) -> bool {
    let stored = stored.unwrap_or_else(|| dummy_hash());
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let algorithm = Algorithm::try_from(parsed.algorithm);
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from);
    let (Ok(algorithm), Ok(version), Ok(params)) = (algorithm, version, Params::try_from(&parsed))
    else {
        return false;
    };
    let mut raw_salt = [0u8; 64];
    let Ok(raw_salt) = salt.decode_b64(&mut raw_salt) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            raw_salt,
            &mut out,
            blocks(memory, &params),
        )
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// For work outside the server (start-up, the CLI, seeding): its own memory.
pub fn hash_blocking(password: &str) -> Result<String, ApiError> {
    hash_with(&mut Memory::new(), password)
}

pub fn verify_blocking(stored: Option<&str>, password: &str) -> bool {
    verify_with(&mut Memory::new(), stored, password)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("not-a-real-password").unwrap_or_default())
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

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    #[test]
    fn hashes_are_standard_phc_strings_either_way() {
        let mut memory = Memory::new();
        let ours = hash_with(&mut memory, "correct horse").expect("hash");
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        // The argon2 crate's own verifier accepts ours, and ours accepts its.
        let parsed = PasswordHash::new(&ours).expect("parse");
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        assert!(standard.verify_password(b"correct horse", &parsed).is_ok());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = standard
            .hash_password(b"battery staple", &salt)
            .expect("hash")
            .to_string();
        assert!(verify_with(&mut memory, Some(&theirs), "battery staple"));
        assert!(!verify_with(&mut memory, Some(&theirs), "battery stapler"));
        assert!(verify_with(&mut memory, Some(&ours), "correct horse"));
        assert!(!verify_with(
            &mut memory,
            Some("not a hash"),
            "correct horse"
        ));
        assert!(!verify_with(&mut memory, None, "not-a-real-passwor"));
    }
}
