use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::rosters::RosterSource;
use hallpass_shared::user::{AccountSource, AccountStatus, Permission, Role, User};

use crate::db::schema::users;
use crate::error::ApiError;
use crate::pictures::access;
use crate::time::to_utc;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserRow {
    pub id: String,
    pub school_id: Option<String>,
    pub role: Role,
    pub status: AccountStatus,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub school_identifier: Option<String>,
    pub grade: Option<String>,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
    pub source: AccountSource,
    pub activated_at: Option<NaiveDateTime>,
    pub hide_profile_pictures: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub search_key: String,
    pub pin_hash: Option<String>,
    pub pass_limit_per_day: Option<i32>,
    /// Students only: what a parent types to link to them.
    pub invite_code: Option<String>,
    /// The version of the student's picture, `None` without one. Written only with the picture
    /// (`pictures::store`), never by saving an account, so an edit cannot undo an upload.
    #[diesel(skip_update)]
    pub picture_version: Option<String>,
    /// The roster that keeps the account, for an imported or adopted one.
    pub import_source: Option<RosterSource>,
    /// The key that roster knows it by (`sourcedId`, identifier or email).
    pub external_id: Option<String>,
}

impl UserRow {
    /// Recomputes `search_key` after a change to a name, email or identifier.
    pub fn refresh_search_key(&mut self) {
        self.search_key = search_key(
            &self.first_name,
            &self.last_name,
            self.email.as_deref(),
            self.school_identifier.as_deref(),
        );
    }

    pub fn view(
        &self,
        permissions: Vec<Permission>,
        acts_for: Vec<String>,
    ) -> Result<User, ApiError> {
        Ok(User {
            id: self.id.clone(),
            role: self.role,
            status: self.status,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            school_identifier: self.school_identifier.clone(),
            grade: self.grade.clone(),
            permissions,
            acts_for,
            source: self.source,
            activated_at: self.activated_at.map(to_utc),
            has_picture: self.picture_version.is_some(),
            // Routes that show accounts to staff clear it where pictures are hidden from them
            // (`pictures::access::hide_unless_shown`).
            picture_url: access::url(&self.id, self.picture_version.as_deref(), true),
            created_at: to_utc(self.created_at),
            updated_at: to_utc(self.updated_at),
        })
    }
}

/// The lookup key for sign-in: emails compare without case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// What `GET /users?q=` matches against: lowercase names, email and identifier.
pub fn search_key(
    first: &str,
    last: &str,
    email: Option<&str>,
    identifier: Option<&str>,
) -> String {
    format!(
        "{first} {last} {} {}",
        email.unwrap_or(""),
        identifier.unwrap_or("")
    )
    .to_lowercase()
}
