//! What a pull fetched, written page by page as a OneRoster bulk CSV bundle with the columns the
//! readers in `oneroster/` look for: 1.1 puts a user's `role` and `orgSourcedIds` in
//! `users.csv`; 1.2 writes its roles to `roles.csv`, primary or secondary.
use std::collections::HashMap;

use serde_json::Value;

use super::super::oneroster::manifest::Version;
use super::super::oneroster::Files;
use super::json::{items, list, reference, references, text};
use super::paging::Collection;
use super::PullError;

const ORGS: [&str; 7] = [
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
];
const USERS_1_1: [&str; 13] = [
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "grades",
];
const USERS_1_2: [&str; 12] = [
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "username",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "grades",
    "primaryOrgSourcedId",
];
const ROLES: [&str; 9] = [
    "sourcedId",
    "status",
    "dateLastModified",
    "userSourcedId",
    "roleType",
    "role",
    "beginDate",
    "endDate",
    "orgSourcedId",
];
const ENROLLMENTS: [&str; 10] = [
    "sourcedId",
    "status",
    "dateLastModified",
    "classSourcedId",
    "schoolSourcedId",
    "userSourcedId",
    "role",
    "primary",
    "beginDate",
    "endDate",
];

type Csv = csv::Writer<Vec<u8>>;

pub struct Writer {
    version: Version,
    orgs: Csv,
    users: Csv,
    /// 1.2 only.
    roles: Option<Csv>,
    /// `None` once the server is known to have no enrollments.
    enrollments: Option<Csv>,
}

impl Writer {
    pub fn new(version: Version) -> Result<Self, PullError> {
        let users = match version {
            Version::V1_1 => &USERS_1_1[..],
            Version::V1_2 => &USERS_1_2[..],
        };
        Ok(Writer {
            version,
            orgs: file(&ORGS)?,
            users: file(users)?,
            roles: match version {
                Version::V1_1 => None,
                Version::V1_2 => Some(file(&ROLES)?),
            },
            enrollments: Some(file(&ENROLLMENTS)?),
        })
    }

    pub fn add(&mut self, collection: Collection, records: &[Value]) -> Result<(), PullError> {
        for record in records {
            match collection {
                Collection::Orgs => write(&mut self.orgs, &org(record))?,
                Collection::Users => self.user(record)?,
                Collection::Enrollments => {
                    if let Some(enrollments) = &mut self.enrollments {
                        write(enrollments, &enrollment(record))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The server has no such collection: the bundle leaves its file out.
    pub fn absent(&mut self, collection: Collection) {
        if collection == Collection::Enrollments {
            self.enrollments = None;
        }
    }

    pub fn finish(self) -> Result<Files, PullError> {
        let mut files = HashMap::new();
        files.insert("manifest.csv".to_owned(), self.manifest()?);
        files.insert("orgs.csv".to_owned(), bytes(self.orgs)?);
        files.insert("users.csv".to_owned(), bytes(self.users)?);
        if let Some(roles) = self.roles {
            files.insert("roles.csv".to_owned(), bytes(roles)?);
        }
        if let Some(enrollments) = self.enrollments {
            files.insert("enrollments.csv".to_owned(), bytes(enrollments)?);
        }
        Ok(Files(files))
    }

    fn user(&mut self, user: &Value) -> Result<(), PullError> {
        let roles = roles_of(user);
        match &mut self.roles {
            None => write(&mut self.users, &user_1_1(user, &roles)),
            Some(roles_file) => {
                let id = text(user, "sourcedId");
                for (n, role) in roles.iter().enumerate() {
                    write(roles_file, &role_row(&id, n, role))?;
                }
                write(&mut self.users, &user_1_2(user))
            }
        }
    }

    fn manifest(&self) -> Result<Vec<u8>, PullError> {
        let version = match self.version {
            Version::V1_1 => "1.1",
            Version::V1_2 => "1.2",
        };
        let mut manifest = file(&["propertyName", "value"])?;
        let mut rows = vec![
            ("manifest.version", "1.0"),
            ("oneroster.version", version),
            ("file.orgs", "bulk"),
            ("file.users", "bulk"),
        ];
        if self.roles.is_some() {
            rows.push(("file.roles", "bulk"));
        }
        let enrollments = if self.enrollments.is_some() {
            "bulk"
        } else {
            "absent"
        };
        rows.push(("file.enrollments", enrollments));
        for (name, value) in rows {
            write(&mut manifest, &[name.to_owned(), value.to_owned()])?;
        }
        bytes(manifest)
    }
}

/// A role at an org, as either version gives it.
struct Role {
    role_type: String,
    role: String,
    org: String,
    begin: String,
    end: String,
}

/// 1.2's `roles`; else (1.1, or a 1.2 server answering as 1.1) `role` at each of `orgs`.
fn roles_of(user: &Value) -> Vec<Role> {
    let listed: Vec<Role> = items(user.get("roles"))
        .map(|role| Role {
            role_type: text(role, "roleType"),
            role: text(role, "role"),
            org: reference(role, "org"),
            begin: text(role, "beginDate"),
            end: text(role, "endDate"),
        })
        .collect();
    if !listed.is_empty() {
        return listed;
    }
    let role = text(user, "role");
    if role.is_empty() {
        return Vec::new();
    }
    let mut orgs = references(user, "orgs");
    if orgs.is_empty() {
        orgs.push(String::new());
    }
    orgs.into_iter()
        .map(|org| Role {
            role_type: "primary".to_owned(),
            role: role.clone(),
            org,
            begin: String::new(),
            end: String::new(),
        })
        .collect()
}

fn org(org: &Value) -> Vec<String> {
    vec![
        text(org, "sourcedId"),
        text(org, "status"),
        text(org, "dateLastModified"),
        text(org, "name"),
        text(org, "type"),
        text(org, "identifier"),
        reference(org, "parent"),
    ]
}

/// 1.1 has one role per user: the primary one, at each org it is held at.
fn user_1_1(user: &Value, roles: &[Role]) -> Vec<String> {
    let main = roles
        .iter()
        .find(|role| role.role_type.eq_ignore_ascii_case("primary"))
        .or(roles.first());
    let role = main.map_or("", |main| main.role.as_str());
    let orgs: Vec<&str> = roles
        .iter()
        .filter(|held| held.role == role && !held.org.is_empty())
        .map(|held| held.org.as_str())
        .collect();
    vec![
        text(user, "sourcedId"),
        text(user, "status"),
        text(user, "dateLastModified"),
        text(user, "enabledUser"),
        orgs.join(","),
        role.to_owned(),
        text(user, "username"),
        text(user, "givenName"),
        text(user, "familyName"),
        text(user, "middleName"),
        text(user, "identifier"),
        text(user, "email"),
        list(user, "grades"),
    ]
}

fn user_1_2(user: &Value) -> Vec<String> {
    vec![
        text(user, "sourcedId"),
        text(user, "status"),
        text(user, "dateLastModified"),
        text(user, "enabledUser"),
        text(user, "username"),
        text(user, "givenName"),
        text(user, "familyName"),
        text(user, "middleName"),
        text(user, "identifier"),
        text(user, "email"),
        list(user, "grades"),
        reference(user, "primaryOrg"),
    ]
}

fn role_row(user: &str, n: usize, role: &Role) -> Vec<String> {
    vec![
        format!("{user}-role-{n}"),
        String::new(),
        String::new(),
        user.to_owned(),
        role.role_type.clone(),
        role.role.clone(),
        role.begin.clone(),
        role.end.clone(),
        role.org.clone(),
    ]
}

fn enrollment(enrollment: &Value) -> Vec<String> {
    vec![
        text(enrollment, "sourcedId"),
        text(enrollment, "status"),
        text(enrollment, "dateLastModified"),
        reference(enrollment, "class"),
        reference(enrollment, "school"),
        reference(enrollment, "user"),
        text(enrollment, "role"),
        text(enrollment, "primary"),
        text(enrollment, "beginDate"),
        text(enrollment, "endDate"),
    ]
}

fn file(header: &[&str]) -> Result<Csv, PullError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header).map_err(unwritable)?;
    Ok(csv)
}

fn write(csv: &mut Csv, row: &[String]) -> Result<(), PullError> {
    csv.write_record(row).map_err(unwritable)
}

fn bytes(csv: Csv) -> Result<Vec<u8>, PullError> {
    csv.into_inner().map_err(|err| unwritable(err.into_error()))
}

/// Writing to memory fails only when memory does.
fn unwritable(err: impl std::fmt::Display) -> PullError {
    PullError::new(
        "internal_error",
        format!("The pulled roster could not be written: {err}."),
    )
}
