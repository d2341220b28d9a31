//! What a self-chosen password must be (OWASP ASVS 2.1): 8 to 128 characters, any characters,
//! and not one of the most common passwords.
use std::collections::HashSet;
use std::sync::OnceLock;

use hallpass_shared::auth::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};

use crate::error::ApiError;

/// The entries of 8 characters or more of Django's `common-passwords.txt.gz` (20,000 common
/// passwords compiled by Royce Williams, lowercased); shorter ones fail the length rule anyway.
const COMMON: &str = include_str!("common-passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().map(str::trim).collect())
}

pub fn is_common(password: &str) -> bool {
    common().contains(password.trim().to_lowercase().as_str())
}

/// `400 validation_failed` naming `field` when `password` breaks a rule.
pub fn check(field: &str, password: &str) -> Result<(), ApiError> {
    let chars = password.chars().count() as u64;
    if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&chars) {
        return Err(ApiError::invalid_field(
            field,
            format!("must be {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters"),
        ));
    }
    if password.trim().is_empty() {
        return Err(ApiError::invalid_field(field, "must not be only spaces"));
    }
    if is_common(password) {
        return Err(ApiError::invalid_field(
            field,
            "is one of the most common passwords; please choose another",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("password"));
        assert!(is_common("Password1"));
        assert!(is_common("12345678"));
        assert!(!is_common("correct horse battery staple"));
        assert!(check("password", "iloveyou").is_err());
        assert!(check("password", "short").is_err());
        assert!(check("password", &"x".repeat(129)).is_err());
        assert!(check("password", &"é".repeat(64)).is_ok());
    }
}
