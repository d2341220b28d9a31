//! A bundle as the import sees it: the accounts to make or match for the chosen school, and
//! the people counted but not imported.
use std::collections::BTreeSet;

use hallpass_shared::user::Role;

use super::enrollments::teachers_of_aides;
use super::manifest::{Manifest, Mode};
use super::school::{choose, ChoiceError, SchoolChoice};
use super::users::{RosterRole, RosterUser};
use super::{orgs, users, Bundle, BundleError};

/// One account the bundle gives the school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The `sourcedId`: the account's `external_id`.
    pub key: String,
    pub line: u64,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
    pub grade: Option<String>,
    pub enabled: bool,
    /// A delta's `tobedeleted`: archive it.
    pub leaving: bool,
    /// For an assistant, the `sourcedId`s of the teachers they act for.
    pub acts_for: BTreeSet<String>,
}

/// People the bundle has that an import never makes accounts for (DESIGN section 10).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NotImported {
    /// Guardians, parents, relatives: families join with the school's invite codes.
    pub guardians: u32,
    pub district_administrators: u32,
    /// Any other role (`counselor`, `proctor`, …), by name.
    pub other_roles: Vec<(String, u32)>,
}

/// A person of the bundle that the import leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub key: String,
    pub line: u64,
    pub name: String,
    pub message: String,
}

#[derive(Debug)]
pub struct Roster {
    /// `false` for a delta: leaving out a row changes nothing.
    pub whole: bool,
    pub candidates: Vec<Candidate>,
    pub not_imported: NotImported,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug)]
pub enum RosterError {
    Bundle(BundleError),
    ChooseSchool(Vec<SchoolChoice>),
}

impl From<BundleError> for RosterError {
    fn from(err: BundleError) -> Self {
        RosterError::Bundle(err)
    }
}

pub fn read(bundle: &dyn Bundle, org: Option<&str>) -> Result<Roster, RosterError> {
    let manifest = Manifest::read(bundle)?;
    let orgs = orgs::read(bundle)?;
    let users = users::read(bundle, &manifest, &orgs)?;
    let chosen = choose(&orgs, &users, org)
        .map_err(|ChoiceError::ChooseSchool(choices)| RosterError::ChooseSchool(choices))?;
    let acting = teachers_of_aides(bundle, &users)?;
    let mut not_imported = NotImported::default();
    let mut candidates = Vec::new();
    let mut skipped = Vec::new();
    for user in &users {
        let Some(role) = chosen.role_of(user) else {
            continue;
        };
        let account_role = match role.role {
            RosterRole::Student => Role::Student,
            RosterRole::Teacher => Role::Teacher,
            RosterRole::Aide => Role::Assistant,
            RosterRole::Administrator => Role::Admin,
            RosterRole::Guardian => {
                not_imported.guardians += 1;
                skipped.push(skip(
                    user,
                    "A guardian: families join with the school's invite codes.",
                ));
                continue;
            }
            RosterRole::DistrictAdministrator => {
                not_imported.district_administrators += 1;
                skipped.push(skip(
                    user,
                    "A district administrator: not an account of one school.",
                ));
                continue;
            }
            RosterRole::Other => {
                count(&mut not_imported.other_roles, &role.name);
                skipped.push(skip(
                    user,
                    &format!("The role \"{}\" has no account in Hallpass.", role.name),
                ));
                continue;
            }
        };
        candidates.push(candidate(user, account_role, &acting));
    }
    Ok(Roster {
        whole: manifest.mode("users") != Mode::Delta,
        candidates,
        not_imported,
        skipped,
    })
}

fn candidate(
    user: &RosterUser,
    role: Role,
    acting: &std::collections::HashMap<String, BTreeSet<String>>,
) -> Candidate {
    Candidate {
        key: user.sourced_id.clone(),
        line: user.line,
        role,
        first_name: user.given_name.clone(),
        last_name: user.family_name.clone(),
        email: user.email.clone(),
        identifier: user.identifier.clone(),
        grade: user.grade.clone().filter(|_| role == Role::Student),
        enabled: user.enabled,
        leaving: user.to_be_deleted,
        acts_for: if role == Role::Assistant {
            acting.get(&user.sourced_id).cloned().unwrap_or_default()
        } else {
            BTreeSet::new()
        },
    }
}

fn skip(user: &RosterUser, message: &str) -> Skipped {
    Skipped {
        key: user.sourced_id.clone(),
        line: user.line,
        name: format!("{} {}", user.given_name, user.family_name)
            .trim()
            .to_owned(),
        message: message.to_owned(),
    }
}

fn count(counts: &mut Vec<(String, u32)>, name: &str) {
    match counts.iter_mut().find(|(known, _)| known == name) {
        Some((_, n)) => *n += 1,
        None => counts.push((name.to_owned(), 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn the_one_one_bulk_gives_seventeen_accounts_and_reports_three() {
        let roster = read(&fixture("oneroster-1.1-bulk"), None).expect("roster");
        assert!(roster.whole);
        assert_eq!(roster.candidates.len(), 17);
        assert_eq!(roster.not_imported.guardians, 2);
        assert_eq!(roster.not_imported.district_administrators, 1);
        let aide = roster
            .candidates
            .iter()
            .find(|c| c.key == "T260")
            .expect("the aide");
        assert_eq!(aide.role, Role::Assistant);
        assert_eq!(aide.acts_for, BTreeSet::from(["T233".to_owned()]));
        let by_role = |role| roster.candidates.iter().filter(|c| c.role == role).count();
        assert_eq!(
            (
                by_role(Role::Student),
                by_role(Role::Teacher),
                by_role(Role::Admin)
            ),
            (12, 3, 1)
        );
    }

    #[test]
    fn a_delta_is_not_the_whole_truth() {
        let roster = read(&fixture("oneroster-1.1-delta"), None).expect("roster");
        assert!(!roster.whole);
        assert!(roster
            .candidates
            .iter()
            .any(|c| c.key == "S10433" && c.leaving));
    }

    #[test]
    fn a_district_bundle_needs_its_school() {
        let bundle = fixture("oneroster-1.2-bulk");
        assert!(matches!(
            read(&bundle, None),
            Err(RosterError::ChooseSchool(choices)) if choices.len() == 2
        ));
        let roster =
            read(&bundle, Some("616babe7-ff79-4436-b04f-dff78c03657e")).expect("elementary");
        assert!(!roster.candidates.is_empty());
    }
}
