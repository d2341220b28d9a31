//! The preview: what an import would do to the school's accounts, worked out without writing
//! (DESIGN section 10, "Sync semantics"). Plain data in, plain data out.
use std::collections::{BTreeSet, HashMap, HashSet};

use hallpass_shared::rosters::{ChangeKind, FieldChange, ImportMode, RosterSource};
use hallpass_shared::user::{AccountStatus, Role};
use serde::{Deserialize, Serialize};

use super::input::Input;
use super::oneroster::roster::Candidate;
use super::row_checks::{clash, in_file_twice, invalid};

/// An account of the school, as an import compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub role: Role,
    pub status: AccountStatus,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
    pub grade: Option<String>,
    pub import_source: Option<RosterSource>,
    pub external_id: Option<String>,
    /// For an assistant, the source keys of the teachers it acts for.
    pub acts_for: BTreeSet<String>,
    pub permissions: Vec<hallpass_shared::user::Permission>,
}

impl Account {
    /// What the preview read of the account: when it differs at apply, the preview is stale.
    pub fn seen(&self) -> String {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}|{}|{}|{}|{}",
            self.role,
            self.status,
            self.first_name,
            self.last_name,
            text(&self.email).to_lowercase(),
            text(&self.identifier),
            text(&self.grade),
            self.import_source.map_or("", |s| s.as_str()),
            text(&self.external_id),
        )
    }

    pub(super) fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// What the account should be after the apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub key: String,
    pub role: Role,
    pub status: AccountStatus,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
    pub grade: Option<String>,
    /// Source keys of the teachers an assistant acts for; `None` keeps them.
    pub acts_for: Option<BTreeSet<String>>,
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub user_id: Option<String>,
    pub key: Option<String>,
    pub name: String,
    pub role: Option<Role>,
    pub line: Option<u64>,
    pub fields: Vec<FieldChange>,
    pub message: Option<String>,
    /// The account as the preview read it.
    pub seen: Option<String>,
    pub target: Option<Target>,
}

/// How the preview ends.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub unchanged: u32,
    /// Accounts of the source and the covered roles, not archived: what `archive` is part of.
    pub source_accounts: u32,
    pub roles: Vec<Role>,
}

impl Plan {
    pub fn count(&self, kind: ChangeKind) -> u32 {
        let n = self.changes.iter().filter(|c| c.kind == kind).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The safety hold: a sync archiving more than `percent` of the source's accounts.
    pub fn holds(&self, percent: u32) -> bool {
        let archive = u64::from(self.count(ChangeKind::Archive));
        archive > 0 && archive * 100 > u64::from(percent) * u64::from(self.source_accounts)
    }
}

/// Whether the importer may make this change; `Some(reason)` when not (an admin account and a
/// caller who is not an admin, or the caller's own account).
pub type May<'a> = &'a dyn Fn(Option<&Account>, Role) -> Option<String>;

pub struct Settings<'a> {
    pub mode: ImportMode,
    /// Emails (lowercase) held by accounts of other schools: an email signs in to one account.
    pub emails_elsewhere: &'a HashSet<String>,
    pub may: May<'a>,
    /// Whether the import sets which teachers an assistant acts for (an admin's, or a sync's):
    /// reaching an assistant's teachers is reaching those teachers' classes.
    pub assign_teachers: bool,
}

pub fn plan(input: &Input, accounts: &[Account], settings: &Settings) -> Plan {
    let source = input.source;
    let roles: Vec<Role> = input
        .rows
        .iter()
        .map(|row| row.role)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let by_key: HashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.import_source == Some(source))
        .filter_map(|(at, a)| Some((a.external_id.as_deref()?, at)))
        .collect();
    let by_email: HashMap<String, usize> = accounts
        .iter()
        .enumerate()
        .filter_map(|(at, a)| Some((a.email.as_deref()?.to_lowercase(), at)))
        .collect();
    let by_identifier: HashMap<&str, usize> = accounts
        .iter()
        .enumerate()
        .filter_map(|(at, a)| Some((a.identifier.as_deref()?, at)))
        .collect();
    let mut plan = Plan {
        roles: roles.clone(),
        ..Plan::default()
    };
    for error in &input.errors {
        plan.changes
            .push(Change::error(error.line, error.message.clone(), ""));
    }
    for skipped in &input.skipped {
        let mut change = Change::error(skipped.line, skipped.message.clone(), &skipped.name);
        change.kind = ChangeKind::Skipped;
        change.key = Some(skipped.key.clone());
        plan.changes.push(change);
    }
    let mut matched: HashSet<usize> = HashSet::new();
    // Emails and identifiers the file gives to accounts, so that two rows cannot share one.
    let mut emails_taken: HashMap<String, u64> = HashMap::new();
    let mut identifiers_taken: HashMap<String, u64> = HashMap::new();
    for row in &input.rows {
        let found = by_key.get(row.key.as_str()).copied().or_else(|| {
            let by_mail = row
                .email
                .as_ref()
                .and_then(|e| by_email.get(&e.to_lowercase()));
            let by_id = row
                .identifier
                .as_ref()
                .and_then(|i| by_identifier.get(i.as_str()));
            by_mail.or(by_id).copied()
        });
        let account = found.map(|at| &accounts[at]);
        if let Some(problem) = invalid(row).or_else(|| {
            found
                .filter(|at| matched.contains(at))
                .map(|_| "Another row of the file is this account already.".to_owned())
        }) {
            plan.changes
                .push(Change::error(row.line, problem, &row.name()));
            continue;
        }
        if let Some(problem) = clash(row, source, account, &by_email, &by_identifier, accounts)
            .or_else(|| {
                let email = row.email.as_ref()?.to_lowercase();
                let elsewhere = settings.emails_elsewhere.contains(&email);
                elsewhere.then(|| format!("{email} signs in to an account of another school."))
            })
            .or_else(|| in_file_twice(row, &mut emails_taken, &mut identifiers_taken))
        {
            plan.changes
                .push(Change::error(row.line, problem, &row.name()));
            continue;
        }
        if let Some(at) = found {
            matched.insert(at);
        }
        if let Some(reason) = (settings.may)(account, row.role) {
            let mut change = Change::error(row.line, reason, &row.name());
            change.kind = ChangeKind::Skipped;
            change.key = Some(row.key.clone());
            plan.changes.push(change);
            continue;
        }
        match account {
            None if row.leaving => plan.unchanged += 1,
            None => plan.changes.push(create(row, settings.assign_teachers)),
            Some(account) => match compare(row, account, source, settings.assign_teachers) {
                Some(change) => plan.changes.push(change),
                None => plan.unchanged += 1,
            },
        }
    }
    let covered = |account: &Account| {
        account.import_source == Some(source)
            && account.external_id.is_some()
            && roles.contains(&account.role)
            && account.status != AccountStatus::Suspended
    };
    plan.source_accounts =
        u32::try_from(accounts.iter().filter(|a| covered(a)).count()).unwrap_or(u32::MAX);
    if settings.mode == ImportMode::Full && !input.delta {
        for (at, account) in accounts.iter().enumerate() {
            if matched.contains(&at) || !covered(account) {
                continue;
            }
            if let Some(reason) = (settings.may)(Some(account), account.role) {
                let mut change = Change::error(0, reason, &account.name());
                change.kind = ChangeKind::Skipped;
                change.line = None;
                change.user_id = Some(account.id.clone());
                plan.changes.push(change);
                continue;
            }
            plan.changes.push(archive(account));
        }
    }
    plan
}

impl Candidate {
    fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    fn status(&self) -> AccountStatus {
        if self.enabled {
            AccountStatus::Active
        } else {
            AccountStatus::Disabled
        }
    }
}

impl Change {
    fn error(line: u64, message: String, name: &str) -> Self {
        Change {
            kind: ChangeKind::Error,
            user_id: None,
            key: None,
            name: name.trim().to_owned(),
            role: None,
            line: Some(line),
            fields: Vec::new(),
            message: Some(message),
            seen: None,
            target: None,
        }
    }
}

fn target(row: &Candidate, status: AccountStatus, assign_teachers: bool) -> Target {
    Target {
        key: row.key.clone(),
        role: row.role,
        status,
        first_name: row.first_name.trim().to_owned(),
        last_name: row.last_name.trim().to_owned(),
        email: row.email.clone(),
        identifier: row.identifier.clone(),
        grade: row.grade.clone(),
        acts_for: (assign_teachers && row.role == Role::Assistant && !row.acts_for.is_empty())
            .then(|| row.acts_for.clone()),
    }
}

fn create(row: &Candidate, assign_teachers: bool) -> Change {
    Change {
        kind: ChangeKind::Create,
        user_id: None,
        key: Some(row.key.clone()),
        name: row.name(),
        role: Some(row.role),
        line: Some(row.line),
        // Worked out from the target when the row is read (`create_fields`): a large
        // district's preview need not hold every field twice.
        fields: Vec::new(),
        message: None,
        seen: None,
        target: Some(target(row, row.status(), assign_teachers)),
    }
}

/// What a new account's row shows: every field it is given.
pub fn create_fields(target: &Target) -> Vec<FieldChange> {
    let mut fields = vec![
        to("first_name", Some(&target.first_name)),
        to("last_name", Some(&target.last_name)),
        to("role", Some(target.role.as_str())),
    ];
    for (field, value) in [
        ("email", &target.email),
        ("school_identifier", &target.identifier),
        ("grade", &target.grade),
    ] {
        if value.is_some() {
            fields.push(to(field, value.as_deref()));
        }
    }
    if target.status != AccountStatus::Active {
        fields.push(to("status", Some(target.status.as_str())));
    }
    fields
}

fn to(field: &str, value: Option<&str>) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        from: None,
        to: value.map(str::to_owned),
    }
}

/// The change a row makes to the account it matched, if any. A field the source leaves empty
/// is kept; a OneRoster `enabledUser` decides active or disabled; an archived account comes
/// back.
fn compare(
    row: &Candidate,
    account: &Account,
    source: RosterSource,
    assign_teachers: bool,
) -> Option<Change> {
    if row.leaving {
        return (account.status != AccountStatus::Suspended).then(|| archive(account));
    }
    let status = match (source, account.status) {
        (_, AccountStatus::Suspended) => row.status(),
        (RosterSource::Oneroster, _) => row.status(),
        (RosterSource::Spreadsheet, current) => current,
    };
    let mut target = target(row, status, assign_teachers);
    target.email = target.email.or_else(|| account.email.clone());
    target.identifier = target.identifier.or_else(|| account.identifier.clone());
    target.grade = match row.role {
        Role::Student => target.grade.or_else(|| account.grade.clone()),
        _ => None,
    };
    let mut fields = Vec::new();
    let mut differs = |field: &str, from: Option<&str>, to: Option<&str>| {
        if from != to {
            fields.push(FieldChange {
                field: field.to_owned(),
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            });
        }
    };
    differs(
        "first_name",
        Some(&account.first_name),
        Some(&target.first_name),
    );
    differs(
        "last_name",
        Some(&account.last_name),
        Some(&target.last_name),
    );
    let same_email = account.email.as_deref().map(str::to_lowercase)
        == target.email.as_deref().map(str::to_lowercase);
    if !same_email {
        differs("email", account.email.as_deref(), target.email.as_deref());
    }
    differs(
        "school_identifier",
        account.identifier.as_deref(),
        target.identifier.as_deref(),
    );
    differs("grade", account.grade.as_deref(), target.grade.as_deref());
    differs(
        "role",
        Some(account.role.as_str()),
        Some(target.role.as_str()),
    );
    if let Some(teachers) = &target.acts_for {
        if *teachers != account.acts_for {
            let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
            differs(
                "acts_for",
                Some(&join(&account.acts_for)),
                Some(&join(teachers)),
            );
        }
    }
    let restores = account.status == AccountStatus::Suspended;
    if !restores {
        differs(
            "status",
            Some(account.status.as_str()),
            Some(target.status.as_str()),
        );
    }
    let adopts = account.external_id.as_deref() != Some(row.key.as_str())
        || account.import_source != Some(source);
    if fields.is_empty() && !restores && !adopts {
        return None;
    }
    Some(Change {
        kind: if restores {
            ChangeKind::Restore
        } else {
            ChangeKind::Update
        },
        user_id: Some(account.id.clone()),
        key: Some(row.key.clone()),
        name: row.name(),
        role: Some(row.role),
        line: Some(row.line),
        message: adopts.then(|| "An account made by hand, now kept by the import.".to_owned()),
        fields,
        seen: Some(account.seen()),
        target: Some(target),
    })
}

fn archive(account: &Account) -> Change {
    Change {
        kind: ChangeKind::Archive,
        user_id: Some(account.id.clone()),
        key: account.external_id.clone(),
        name: account.name(),
        role: Some(account.role),
        line: None,
        fields: Vec::new(),
        message: None,
        seen: Some(account.seen()),
        target: None,
    }
}
