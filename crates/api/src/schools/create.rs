//! Creating a school with its first admin: bootstrap, `hallpass create-school`, demo and tests.
use hallpass_shared::user::Role;

use super::row::SchoolRow;
use crate::auth::password;
use crate::db::Db;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::time::now;
use crate::users::queries::{insert, NewAccount};
use crate::users::row::UserRow;

pub const DEFAULT_TIME_ZONE: &str = "America/Chicago";

pub struct NewSchool<'a> {
    pub name: &'a str,
    pub time_zone: &'a str,
    pub admin_email: &'a str,
    /// `None`: a temporary password is generated and must be changed at first sign-in.
    pub admin_password: Option<&'a str>,
}

pub struct CreatedSchool {
    pub school: SchoolRow,
    pub admin: UserRow,
    /// Set when the admin's password was generated: shown once, never stored in plain text.
    pub temporary_password: Option<String>,
}

/// Blocking: hashes a password; call from the CLI, start-up or the blocking pool.
pub fn create_school(db: &Db, new: &NewSchool<'_>) -> Result<CreatedSchool, ApiError> {
    super::time_zone::validate(new.time_zone)?;
    let temporary_password = new.admin_password.is_none().then(password::temporary);
    let plain = new
        .admin_password
        .map(str::to_owned)
        .or_else(|| temporary_password.clone())
        .unwrap_or_default();
    let hash = password::hash_blocking(&plain)?;
    let at = now();
    let school = SchoolRow {
        id: new_id(),
        name: new.name.trim().to_owned(),
        time_zone: new.time_zone.to_owned(),
        default_pass_minutes: 5,
        overtime_buffer_minutes: 15,
        hallway_capacity: None,
        profile_pictures_enabled: false,
        emergency_active: false,
        created_at: at,
        updated_at: at,
        pass_limit_per_day: None,
        pass_limit_count_staff_created: false,
    };
    let admin = db.write_blocking(|conn| {
        diesel::insert_into(crate::db::schema::schools::table)
            .values(&school)
            .execute(conn)?;
        insert(
            conn,
            NewAccount {
                school_id: Some(&school.id),
                role: Role::Admin,
                first_name: "Admin",
                last_name: "Account",
                email: Some(new.admin_email),
                school_identifier: None,
                grade: None,
                password_hash: Some(hash),
                must_change_password: temporary_password.is_some(),
            },
            at,
        )
    })?;
    Ok(CreatedSchool {
        school,
        admin,
        temporary_password,
    })
}

use diesel::RunQueryDsl as _;
