//! The demo's families: one parent with two children at the school, one with one.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::user::Role;

use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::parents::links;
use crate::users::queries::{insert, NewAccount};

/// (first name, last name, email, the school identifiers of their children)
pub const PARENTS: &[(&str, &str, &str, &[&str])] = &[
    (
        "Dana",
        "Lee",
        "dana.lee@family.example",
        &["240100", "240101"],
    ),
    (
        "Chris",
        "Williams",
        "chris.williams@family.example",
        &["240102"],
    ),
];

pub fn seed(
    conn: &mut DbConn,
    school_id: &str,
    hash: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    for (first, last, email, children) in PARENTS {
        let parent = insert(
            conn,
            NewAccount {
                school_id: None,
                role: Role::Parent,
                first_name: first,
                last_name: last,
                email: Some(email),
                school_identifier: None,
                grade: None,
                password_hash: Some(hash.to_owned()),
                must_change_password: false,
            },
            at,
        )?;
        let child_ids: Vec<String> = users::table
            .filter(users::school_id.eq(school_id))
            .filter(users::school_identifier.eq_any(*children))
            .select(users::id)
            .load(conn)?;
        for child in child_ids {
            links::link(conn, &parent.id, &child, at)?;
        }
    }
    Ok(())
}
