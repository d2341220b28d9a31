//! Pulls from a fake OneRoster server on 127.0.0.1 (`fake`): signing in, paging, waiting,
//! the guards against hostile servers (`pulls`), and what the bundle reads as (`rosters`).
mod fake;
mod pulls;
mod rosters;

use serde_json::{json, Value};

use super::super::oneroster::{Bundle, Files};
use super::{pull, PullError, PullLimits};
use fake::Fake;

/// Small pages so that a few records span several, and 127.0.0.1 allowed.
fn limits() -> PullLimits {
    PullLimits {
        page_size: 2,
        allow_private_addresses: true,
        ..PullLimits::default()
    }
}

async fn pull_from(fake: &Fake, limits: &PullLimits) -> Result<Files, PullError> {
    pull(&fake.server(), limits, &|_| {}).await
}

fn failure<T>(result: Result<T, PullError>) -> PullError {
    match result {
        Ok(_) => panic!("the pull should fail"),
        Err(err) => err,
    }
}

/// Students `S1`… at `sch-1`, as a 1.1 server sends them.
fn students(count: usize) -> Vec<Value> {
    (1..=count)
        .map(|n| {
            json!({
                "sourcedId": format!("S{n}"), "status": "active", "enabledUser": "true",
                "role": "student", "orgs": [{"sourcedId": "sch-1", "type": "org"}],
                "givenName": format!("Student{n}"), "familyName": "Test", "grades": ["09"],
            })
        })
        .collect()
}

/// The `sourcedId`s of a file of the bundle, in order.
fn ids(files: &Files, name: &str) -> Vec<String> {
    let bytes = files
        .file(name)
        .unwrap_or_else(|| panic!("{name} is in the bundle"));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let column = reader
        .headers()
        .expect("a header")
        .iter()
        .position(|header| header == "sourcedId")
        .expect("a sourcedId column");
    reader
        .records()
        .map(|record| record.expect("a row")[column].to_owned())
        .collect()
}
