//! The rotating room code: six digits from HMAC-SHA256 of the room's secret and the 30-second
//! step (TOTP's truncation, RFC 6238), so every instance computes the same code without
//! storing it.
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const STEP_SECONDS: i64 = 30;
/// After a change, the previous code still works this long (a student mid-typing).
pub const GRACE_SECONDS: i64 = 15;

fn code_for_step(secret: &str, step: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bits = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", (bits & 0x7fff_ffff) % 1_000_000)
}

/// The code at `unix_seconds`, and the seconds until it changes.
pub fn current(secret: &str, unix_seconds: i64) -> (String, u64) {
    let step = unix_seconds.div_euclid(STEP_SECONDS);
    let left = STEP_SECONDS - unix_seconds.rem_euclid(STEP_SECONDS);
    (code_for_step(secret, step), left as u64)
}

/// Whether `given` is the current code, or the previous one within the grace window.
pub fn accepts(secret: &str, given: &str, unix_seconds: i64) -> bool {
    let step = unix_seconds.div_euclid(STEP_SECONDS);
    let given = given.trim();
    if constant_time_eq(given, &code_for_step(secret, step)) {
        return true;
    }
    unix_seconds.rem_euclid(STEP_SECONDS) < GRACE_SECONDS
        && constant_time_eq(given, &code_for_step(secret, step - 1))
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "a room secret";
    /// The start of a 30-second step.
    const STEP_START: i64 = 30 * 33_334;

    #[test]
    fn the_code_is_six_digits_and_rotates_every_thirty_seconds() {
        let (code, left) = current(SECRET, STEP_START + 20);
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(left, 10);
        assert_eq!(current(SECRET, STEP_START).0, code, "same step");
        assert_eq!(current(SECRET, STEP_START + 29).0, code, "same step");
        assert_ne!(current(SECRET, STEP_START + 30).0, code, "next step");
        assert_ne!(
            current("another room", STEP_START + 20).0,
            code,
            "each room has its own"
        );
    }

    #[test]
    fn the_previous_code_works_only_within_the_grace_window() {
        let (old, _) = current(SECRET, STEP_START + 19);
        let next_step = STEP_START + STEP_SECONDS;
        assert!(accepts(SECRET, &old, STEP_START + 19));
        assert!(
            accepts(SECRET, &old, next_step + GRACE_SECONDS - 1),
            "just changed: still accepted"
        );
        assert!(
            !accepts(SECRET, &old, next_step + GRACE_SECONDS),
            "grace over"
        );
        assert!(
            !accepts(SECRET, &old, next_step + STEP_SECONDS),
            "two steps later"
        );
        assert!(!accepts(SECRET, "12345", STEP_START + 19));
        assert!(!accepts(SECRET, "", STEP_START + 19));
    }
}
