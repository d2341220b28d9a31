//! A plain email check without a regex engine, which would add most of a megabyte to the SPA.
use validator::ValidationError;

use crate::patch::Patch;

/// `local@domain.tld`: one `@`, no spaces, a dotted domain of non-empty labels.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && !text.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
        })
}

/// For `#[validate(custom(function = "crate::email::valid_email"))]`, on a `String` or a
/// PATCH body's `Patch<Option<String>>` (absent or `null` passes).
pub fn valid_email<T: MaybeEmail + ?Sized>(value: &T) -> Result<(), ValidationError> {
    match value.email() {
        Some(text) if !is_email(text) => {
            Err(ValidationError::new("email").with_message("must be an email address".into()))
        }
        _ => Ok(()),
    }
}

/// A field that may hold an email to check.
pub trait MaybeEmail {
    fn email(&self) -> Option<&str>;
}

impl MaybeEmail for str {
    fn email(&self) -> Option<&str> {
        Some(self)
    }
}

impl MaybeEmail for String {
    fn email(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: MaybeEmail + ?Sized> MaybeEmail for &T {
    fn email(&self) -> Option<&str> {
        (**self).email()
    }
}

impl MaybeEmail for Patch<Option<String>> {
    fn email(&self) -> Option<&str> {
        self.as_set().and_then(Option::as_deref)
    }
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn accepts_school_addresses() {
        for good in [
            "a@b.co",
            "jordan.lee@lincoln-high.example",
            "x+tag@sub.school.k12.us",
        ] {
            assert!(is_email(good), "{good}");
        }
    }

    #[test]
    fn refuses_what_cannot_be_an_address() {
        for bad in [
            "", "plain", "@b.co", "a@", "a@b", "a@@b.co", "a b@c.co", "a@b..co", "a@-b.co",
            "a@b.co,", "<a@b.co>",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
