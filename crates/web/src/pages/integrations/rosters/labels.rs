//! What people read for an import's states, modes, kinds of change and fields.
use hallpass_shared::jobs::JobState;
use hallpass_shared::rosters::{ChangeKind, ImportMode, ImportResult, RosterImport};

use crate::pages::integrations::numbers::count;

pub fn state_name(state: JobState) -> &'static str {
    match state {
        JobState::Queued => "Waiting to be read",
        JobState::Running => "Being read",
        JobState::Ready => "Preview ready",
        JobState::Applying => "Being applied",
        JobState::Succeeded => "Applied",
        JobState::Failed => "Failed",
        JobState::Canceled => "Discarded",
    }
}

pub fn mode_name(mode: ImportMode) -> &'static str {
    match mode {
        ImportMode::Full => "Full sync",
        ImportMode::Additions => "Additions only",
    }
}

pub fn mode_explanation(mode: ImportMode) -> &'static str {
    match mode {
        ImportMode::Full => {
            "The roster is the whole list: accounts it leaves out are archived (suspended, \
             their data kept), and restored if they come back."
        }
        ImportMode::Additions => "Adds and updates accounts; never archives any.",
    }
}

/// The preview's tabs, in order.
pub const TABS: [ChangeKind; 6] = [
    ChangeKind::Create,
    ChangeKind::Update,
    ChangeKind::Archive,
    ChangeKind::Restore,
    ChangeKind::Skipped,
    ChangeKind::Error,
];

pub fn tab_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Create => "New",
        ChangeKind::Update => "Changed",
        ChangeKind::Archive => "Leaving",
        ChangeKind::Restore => "Restored",
        ChangeKind::Unchanged => "Unchanged",
        ChangeKind::Skipped => "Skipped",
        ChangeKind::Error => "Errors",
    }
}

/// The tab's table caption.
pub fn list_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Create => "New accounts",
        ChangeKind::Update => "Accounts that change",
        ChangeKind::Archive => "Accounts leaving (archived)",
        ChangeKind::Restore => "Archived accounts coming back",
        ChangeKind::Unchanged => "Unchanged accounts",
        ChangeKind::Skipped => "Rows not imported",
        ChangeKind::Error => "Rows with errors",
    }
}

/// How many rows the preview holds of `kind`.
pub fn count_of(result: &ImportResult, kind: ChangeKind) -> u32 {
    match kind {
        ChangeKind::Create => result.create,
        ChangeKind::Update => result.update,
        ChangeKind::Archive => result.archive,
        ChangeKind::Restore => result.restore,
        ChangeKind::Unchanged => result.unchanged,
        ChangeKind::Skipped => result.skipped,
        ChangeKind::Error => result.errors,
    }
}

/// "12 new, 3 changed, 1 error", leaving out what is none; "No changes" when all are.
pub fn counts(result: &ImportResult) -> String {
    let parts: Vec<String> = TABS
        .iter()
        .filter_map(|kind| {
            let n = count_of(result, *kind);
            let name = match (kind, n) {
                (ChangeKind::Error, 1) => "error",
                (ChangeKind::Error, _) => "errors",
                (ChangeKind::Skipped, _) => "skipped",
                (ChangeKind::Create, _) => "new",
                (ChangeKind::Update, _) => "changed",
                (ChangeKind::Archive, _) => "leaving",
                _ => "restored",
            };
            (n != 0).then(|| format!("{} {name}", count(i64::from(n))))
        })
        .collect();
    if parts.is_empty() {
        "No changes".into()
    } else {
        parts.join(", ")
    }
}

/// What an import did or would do, or why it failed.
pub fn outcome(job: &RosterImport) -> String {
    match (&job.result, &job.error) {
        (_, Some(error)) if job.state == JobState::Failed => error.message.clone(),
        (Some(result), _) => counts(result),
        _ => String::new(),
    }
}

/// Where the import came from: the file's name, or the OneRoster server.
pub fn source_name(result: Option<&ImportResult>) -> String {
    match result {
        Some(ImportResult {
            file_name: Some(name),
            ..
        }) => name.clone(),
        Some(_) => "OneRoster sync".into(),
        None => "—".into(),
    }
}

pub fn field_name(field: &str) -> &str {
    match field {
        "first_name" => "First name",
        "last_name" => "Last name",
        "email" => "Email",
        "school_identifier" => "School ID",
        "grade" => "Grade",
        "role" => "Role",
        "status" => "Status",
        other => other,
    }
}
