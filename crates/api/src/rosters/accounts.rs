//! The school's accounts as an import compares them, read in a few queries.
use std::collections::{BTreeSet, HashMap, HashSet};

use diesel::prelude::*;
use hallpass_shared::rosters::RosterSource;
use hallpass_shared::user::{AccountStatus, Permission, Role};

use super::plan::Account;
use crate::db::schema::{assistant_teachers, user_permissions, users};
use crate::db::DbConn;
use crate::error::ApiError;

type Columns = (
    String,
    Role,
    AccountStatus,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Every account of the school but parents'.
pub fn of_school(conn: &mut DbConn, school_id: &str) -> Result<Vec<Account>, ApiError> {
    let rows: Vec<Columns> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.ne(Role::Parent))
        .order(users::id)
        .select((
            users::id,
            users::role,
            users::status,
            users::first_name,
            users::last_name,
            users::email,
            users::school_identifier,
            users::grade,
            users::import_source,
            users::external_id,
        ))
        .load(conn)?;
    let key_of: HashMap<&str, &str> = rows
        .iter()
        .filter_map(|row| Some((row.0.as_str(), row.9.as_deref()?)))
        .collect();
    let assistants: Vec<&str> = rows
        .iter()
        .filter(|row| row.1 == Role::Assistant)
        .map(|row| row.0.as_str())
        .collect();
    let mut acting: HashMap<String, BTreeSet<String>> = HashMap::new();
    for chunk in assistants.chunks(5_000) {
        let pairs: Vec<(String, String)> = assistant_teachers::table
            .filter(assistant_teachers::assistant_id.eq_any(chunk))
            .select((
                assistant_teachers::assistant_id,
                assistant_teachers::teacher_id,
            ))
            .load(conn)?;
        for (assistant, teacher) in pairs {
            // A teacher the source does not know is kept by hand: the import leaves it alone.
            if let Some(key) = key_of.get(teacher.as_str()) {
                acting
                    .entry(assistant)
                    .or_default()
                    .insert((*key).to_owned());
            }
        }
    }
    let granted: Vec<(String, String)> = user_permissions::table
        .inner_join(users::table)
        .filter(users::school_id.eq(school_id))
        .select((user_permissions::user_id, user_permissions::permission))
        .load(conn)?;
    let mut permissions: HashMap<String, Vec<Permission>> = HashMap::new();
    for (user, name) in granted {
        if let Some(permission) = Permission::parse(&name) {
            permissions.entry(user).or_default().push(permission);
        }
    }
    let accounts = rows
        .iter()
        .map(|row| Account {
            id: row.0.clone(),
            role: row.1,
            status: row.2,
            first_name: row.3.clone(),
            last_name: row.4.clone(),
            email: row.5.clone(),
            identifier: row.6.clone(),
            grade: row.7.clone(),
            import_source: row.8.as_deref().and_then(RosterSource::parse),
            external_id: row.9.clone(),
            acts_for: acting.remove(&row.0).unwrap_or_default(),
            permissions: permissions.remove(&row.0).unwrap_or_default(),
        })
        .collect();
    Ok(accounts)
}

/// Of `emails` (lowercase), those that sign in to an account outside the school.
pub fn emails_elsewhere(
    conn: &mut DbConn,
    school_id: &str,
    emails: &[String],
) -> Result<HashSet<String>, ApiError> {
    let mut found = HashSet::new();
    for chunk in emails.chunks(5_000) {
        let keys: Vec<Option<String>> = users::table
            .filter(users::email_key.eq_any(chunk))
            .filter(
                users::school_id
                    .ne(school_id)
                    .or(users::school_id.is_null()),
            )
            .select(users::email_key)
            .load(conn)?;
        found.extend(keys.into_iter().flatten());
    }
    Ok(found)
}
