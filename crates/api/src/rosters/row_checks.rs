//! The checks a roster row passes before it becomes a change: the account rules' limits on
//! each field, and no email, identifier or account claimed twice.
use std::collections::HashMap;

use hallpass_shared::rosters::RosterSource;

use super::oneroster::roster::Candidate;
use super::plan::Account;

/// Why the row cannot go to the account it matched (or to a new one): its email or identifier
/// belongs to another account of the school.
pub fn clash(
    row: &Candidate,
    source: RosterSource,
    account: Option<&Account>,
    by_email: &HashMap<String, usize>,
    by_identifier: &HashMap<&str, usize>,
    accounts: &[Account],
) -> Option<String> {
    let other = |at: &usize| account.is_none_or(|a| a.id != accounts[*at].id);
    if let Some(email) = &row.email {
        if let Some(at) = by_email.get(&email.to_lowercase()).filter(|at| other(at)) {
            return Some(format!(
                "{email} is the email of {} already.",
                accounts[*at].name()
            ));
        }
    }
    if let Some(identifier) = &row.identifier {
        if let Some(at) = by_identifier
            .get(identifier.as_str())
            .filter(|at| other(at))
        {
            return Some(format!(
                "{identifier} is the school identifier of {} already.",
                accounts[*at].name()
            ));
        }
    }
    match account.and_then(|a| Some((a, a.import_source?))) {
        Some((account, theirs)) if theirs != source => Some(format!(
            "{} is imported from the {theirs} roster; one source keeps an account.",
            account.name(),
        )),
        _ => None,
    }
}

pub fn in_file_twice(
    row: &Candidate,
    emails: &mut HashMap<String, u64>,
    identifiers: &mut HashMap<String, u64>,
) -> Option<String> {
    if let Some(email) = &row.email {
        if let Some(first) = emails.insert(email.to_lowercase(), row.line) {
            return Some(format!("{email} is on line {first} already."));
        }
    }
    if let Some(identifier) = &row.identifier {
        if let Some(first) = identifiers.insert(identifier.clone(), row.line) {
            return Some(format!("{identifier} is on line {first} already."));
        }
    }
    None
}

/// What the account rules of `POST /users` refuse in a row.
pub fn invalid(row: &Candidate) -> Option<String> {
    let too_long = |value: &str, most: usize| value.chars().count() > most;
    if too_long(&row.first_name, 80) || too_long(&row.last_name, 80) {
        return Some("A name may have at most 80 characters.".into());
    }
    if row.identifier.as_deref().is_some_and(|i| too_long(i, 64)) {
        return Some("A school identifier may have at most 64 characters.".into());
    }
    if row.grade.as_deref().is_some_and(|g| too_long(g, 8)) {
        return Some("A grade may have at most 8 characters.".into());
    }
    if let Some(email) = &row.email {
        if too_long(email, 254) || hallpass_shared::email::valid_email(email).is_err() {
            return Some(format!("{email} is not an email address."));
        }
    }
    None
}
