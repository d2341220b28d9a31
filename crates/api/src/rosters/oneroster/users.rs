//! `users.csv` (and, for 1.2, `roles.csv`): who is in the bundle, with what role at which org.
use std::collections::{HashMap, HashSet};

use super::super::table::{boolean, values, Table};
use super::manifest::{Manifest, Version};
use super::orgs::Org;
use super::{grade, Bundle, BundleError};

/// A OneRoster role, as the import treats it (DESIGN section 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterRole {
    Student,
    Teacher,
    /// Becomes an assistant acting for the teachers of its classes.
    Aide,
    /// `administrator`, `principal`, `siteAdministrator` at a school.
    Administrator,
    /// Guardians, parents and relatives: reported, never imported (families join with codes).
    Guardian,
    /// District or system administrators: reported, not imported.
    DistrictAdministrator,
    /// Any other role (`counselor`, `proctor`, `ext:…`): reported, not imported.
    Other,
}

impl RosterRole {
    fn from_name(name: &str) -> Self {
        match name.trim().to_ascii_lowercase().as_str() {
            "student" => RosterRole::Student,
            "teacher" => RosterRole::Teacher,
            "aide" => RosterRole::Aide,
            "administrator" | "principal" | "siteadministrator" => RosterRole::Administrator,
            "guardian" | "parent" | "relative" => RosterRole::Guardian,
            "districtadministrator" | "systemadministrator" => RosterRole::DistrictAdministrator,
            _ => RosterRole::Other,
        }
    }
}

/// A role at an org.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRole {
    pub role: RosterRole,
    /// As written, for the report (`counselor`).
    pub name: String,
    /// Empty when the export named none.
    pub org: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterUser {
    pub sourced_id: String,
    /// Where it is in `users.csv`, for errors.
    pub line: u64,
    pub to_be_deleted: bool,
    pub enabled: bool,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
    pub grade: Option<String>,
    pub roles: Vec<OrgRole>,
}

impl RosterUser {
    /// The role that counts: the first primary one, else the first.
    pub fn role(&self) -> Option<&OrgRole> {
        self.roles
            .iter()
            .find(|role| role.primary)
            .or(self.roles.first())
    }
}

const USERS: &str = "users.csv";
const ROLES: &str = "roles.csv";

pub fn read(
    bundle: &dyn Bundle,
    manifest: &Manifest,
    orgs: &[Org],
) -> Result<Vec<RosterUser>, BundleError> {
    let bytes = bundle.file(USERS).ok_or(BundleError::MissingFile(USERS))?;
    let required: &[&str] = match manifest.version {
        Version::V1_1 => &["sourcedId", "givenName", "familyName", "role"],
        Version::V1_2 => &["sourcedId", "givenName", "familyName"],
    };
    let table = |err| BundleError::from_table(USERS, err);
    let mut users_table =
        Table::open(crate::text_files::decode_owned(bytes), required).map_err(table)?;
    let mut roles = match manifest.version {
        Version::V1_1 => HashMap::new(),
        Version::V1_2 => roles_by_user(bundle)?,
    };
    let schools: HashSet<&str> = orgs
        .iter()
        .filter(|org| org.is_school())
        .map(|org| org.sourced_id.as_str())
        .collect();
    let mut users = Vec::new();
    while let Some(row) = users_table.next_row() {
        let row = row.map_err(table)?;
        let get = |column| users_table.get(&row, column);
        let optional = |column| Some(get(column).to_owned()).filter(|value| !value.is_empty());
        let sourced_id = get("sourcedId").to_owned();
        let mut user_roles = match manifest.version {
            Version::V1_1 => {
                let name = get("role").to_owned();
                let orgs = values(get("orgSourcedIds"));
                let role = RosterRole::from_name(&name);
                if orgs.is_empty() {
                    vec![OrgRole {
                        role,
                        name,
                        org: String::new(),
                        primary: true,
                    }]
                } else {
                    orgs.into_iter()
                        .map(|org| OrgRole {
                            role,
                            name: name.clone(),
                            org: org.to_owned(),
                            primary: true,
                        })
                        .collect()
                }
            }
            Version::V1_2 => roles.remove(&sourced_id).unwrap_or_default(),
        };
        // An administrator at no school the bundle names works for the district.
        for role in &mut user_roles {
            if role.role == RosterRole::Administrator
                && !role.org.is_empty()
                && !schools.contains(role.org.as_str())
            {
                role.role = RosterRole::DistrictAdministrator;
            }
        }
        users.push(RosterUser {
            line: row.line,
            to_be_deleted: get("status").eq_ignore_ascii_case("tobedeleted"),
            enabled: boolean(get("enabledUser"), true),
            given_name: get("givenName").to_owned(),
            family_name: get("familyName").to_owned(),
            email: optional("email"),
            identifier: optional("identifier"),
            grade: grade::from_cell(get("grades")),
            roles: user_roles,
            sourced_id,
        });
    }
    Ok(users)
}

/// 1.2's `roles.csv`, by user.
fn roles_by_user(bundle: &dyn Bundle) -> Result<HashMap<String, Vec<OrgRole>>, BundleError> {
    let bytes = bundle.file(ROLES).ok_or(BundleError::MissingFile(ROLES))?;
    let table = |err| BundleError::from_table(ROLES, err);
    let mut roles_table = Table::open(
        crate::text_files::decode_owned(bytes),
        &["userSourcedId", "roleType", "role", "orgSourcedId"],
    )
    .map_err(table)?;
    let mut roles: HashMap<String, Vec<OrgRole>> = HashMap::new();
    while let Some(row) = roles_table.next_row() {
        let row = row.map_err(table)?;
        let get = |column| roles_table.get(&row, column);
        if get("status").eq_ignore_ascii_case("tobedeleted") {
            continue;
        }
        let name = get("role").to_owned();
        roles
            .entry(get("userSourcedId").to_owned())
            .or_default()
            .push(OrgRole {
                role: RosterRole::from_name(&name),
                name,
                org: get("orgSourcedId").to_owned(),
                primary: get("roleType").eq_ignore_ascii_case("primary"),
            });
    }
    Ok(roles)
}

#[cfg(test)]
mod tests {
    use super::super::{fixture, orgs};
    use super::*;

    fn users_of(folder: &str) -> Vec<RosterUser> {
        let bundle = fixture(folder);
        let manifest = Manifest::read(&bundle).expect("manifest");
        let orgs = orgs::read(&bundle).expect("orgs");
        read(&bundle, &manifest, &orgs).expect("users")
    }

    fn by_id<'a>(users: &'a [RosterUser], id: &str) -> &'a RosterUser {
        users
            .iter()
            .find(|user| user.sourced_id == id)
            .unwrap_or_else(|| panic!("{id} is in the bundle"))
    }

    #[test]
    fn a_one_one_bulk_export_as_powerschool_writes_it() {
        let users = users_of("oneroster-1.1-bulk");
        assert_eq!(users.len(), 20);
        let role = |id| by_id(&users, id).role().expect("a role").role;
        assert_eq!(role("T233"), RosterRole::Teacher);
        assert_eq!(role("T260"), RosterRole::Aide);
        assert_eq!(role("T270"), RosterRole::Administrator);
        assert_eq!(role("T118"), RosterRole::DistrictAdministrator);
        assert_eq!(role("G881"), RosterRole::Guardian);
        assert_eq!(role("G882"), RosterRole::Guardian);
        assert!(!by_id(&users, "S10439").enabled);
        assert_eq!(by_id(&users, "S10434").grade.as_deref(), Some("9"));
        assert_eq!(by_id(&users, "S10434").given_name, "José");
        // The first row after a BOM, CRLF everywhere.
        assert_eq!(by_id(&users, "T233").line, 2);
        assert!(users.iter().all(|user| !user.to_be_deleted));
    }

    #[test]
    fn a_delta_marks_who_leaves() {
        let users = users_of("oneroster-1.1-delta");
        assert!(by_id(&users, "S10433").to_be_deleted);
        assert!(!by_id(&users, "S10444").to_be_deleted);
    }

    #[test]
    fn a_one_two_bundle_takes_roles_from_roles_csv() {
        let users = users_of("oneroster-1.2-bulk");
        assert_eq!(users.len(), 19);
        let mateo = by_id(&users, "26a0675f-8875-4f87-a45c-d5966430dd9e");
        assert_eq!(mateo.role().expect("a role").role, RosterRole::Student);
        assert_eq!(mateo.grade.as_deref(), Some("KG"));
        // Someone with roles at both schools keeps them all, the primary first in line.
        assert!(users.iter().any(|user| {
            let orgs: HashSet<&str> = user.roles.iter().map(|r| r.org.as_str()).collect();
            orgs.len() >= 2 && user.roles.iter().any(|r| !r.primary)
        }));
    }
}
