//! `409 account_exists`: the school learns which field clashes and with which account, and
//! fixes it itself.
use diesel::prelude::*;
use hallpass_shared::error_details::AccountExists;

use super::row::email_key;
use crate::db::schema::users;
use crate::db::DbConn;
use crate::error::ApiError;

pub struct Candidate<'a> {
    pub school_id: &'a str,
    pub email: Option<&'a str>,
    pub school_identifier: Option<&'a str>,
    /// The account being changed, which may keep its own values.
    pub except_id: Option<&'a str>,
}

pub fn check(conn: &mut DbConn, candidate: &Candidate<'_>) -> Result<(), ApiError> {
    let except = candidate.except_id.unwrap_or("");
    if let Some(email) = candidate.email {
        let clash: Option<(String, Option<String>)> = users::table
            .filter(users::email_key.eq(email_key(email)))
            .filter(users::id.ne(except))
            .select((users::id, users::school_id))
            .first(conn)
            .optional()?;
        if let Some((id, school)) = clash {
            // Another school's account is not named: its id is none of this school's business.
            let existing = (school.as_deref() == Some(candidate.school_id)).then_some(id.as_str());
            return Err(exists(
                "email",
                "An account with this email already exists.",
                existing,
            ));
        }
    }
    if let Some(identifier) = candidate.school_identifier {
        let clash: Option<String> = users::table
            .filter(users::school_id.eq(candidate.school_id))
            .filter(users::school_identifier.eq(identifier.trim()))
            .filter(users::id.ne(except))
            .select(users::id)
            .first(conn)
            .optional()?;
        if let Some(id) = clash {
            return Err(exists(
                "school_identifier",
                "An account with this school identifier already exists in your school.",
                Some(&id),
            ));
        }
    }
    Ok(())
}

fn exists(field: &str, message: &str, existing: Option<&str>) -> ApiError {
    ApiError::coded(hallpass_shared::error::ErrorCode::AccountExists, message).with_details(
        AccountExists {
            field: field.to_owned(),
            existing_user_id: existing.map(str::to_owned),
        },
    )
}
