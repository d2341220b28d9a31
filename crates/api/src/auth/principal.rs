//! The signed-in user, reloaded from the database on every request.
use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Me, Permission, Role};

use crate::db::schema::{schools, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::schools::row::SchoolRow;
use crate::users::queries::{acts_for_of, permissions_of};
use crate::users::row::UserRow;

#[derive(Debug, Clone)]
pub struct Principal {
    pub user: UserRow,
    pub role: Role,
    pub status: AccountStatus,
    pub school: Option<SchoolRow>,
    pub permissions: Vec<Permission>,
    pub acts_for: Vec<String>,
}

impl Principal {
    pub fn load(conn: &mut DbConn, user_id: &str) -> Result<Option<Self>, ApiError> {
        let found: Option<(UserRow, Option<SchoolRow>)> = users::table
            .left_join(schools::table)
            .filter(users::id.eq(user_id))
            .select((UserRow::as_select(), Option::<SchoolRow>::as_select()))
            .first(conn)
            .optional()?;
        let Some((user, school)) = found else {
            return Ok(None);
        };
        let role = user.role;
        // Only staff can hold permissions (`users::rules`): students and parents skip the query.
        let permissions = if role.is_staff() {
            permissions_of(conn, &user.id)?
        } else {
            Vec::new()
        };
        let acts_for = if role == Role::Assistant {
            acts_for_of(conn, &user.id)?
        } else {
            Vec::new()
        };
        Ok(Some(Self {
            status: user.status,
            role,
            user,
            school,
            permissions,
            acts_for,
        }))
    }

    pub fn id(&self) -> &str {
        &self.user.id
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The school this user belongs to; parents have none and are refused.
    pub fn school(&self) -> Result<&SchoolRow, ApiError> {
        self.school
            .as_ref()
            .ok_or_else(|| ApiError::forbidden("This account belongs to no school."))
    }

    /// Why this account may not use the API right now, if it may not.
    pub fn refusal(&self) -> Option<ApiError> {
        if self.status != AccountStatus::Active {
            return Some(ApiError::coded(
                hallpass_shared::error::ErrorCode::AccountDisabled,
                "This account is not active. Please ask your school for help.",
            ));
        }
        if self.role == Role::Assistant && self.acts_for.is_empty() {
            return Some(ApiError::forbidden(
                "An assistant account needs at least one teacher before it can sign in.",
            ));
        }
        None
    }

    pub fn me(&self) -> Result<Me, ApiError> {
        Ok(Me {
            user: self
                .user
                .view(self.permissions.clone(), self.acts_for.clone())?,
            school: self.school.as_ref().map(SchoolRow::view),
            must_change_password: self.user.must_change_password,
            hide_profile_pictures: self.user.hide_profile_pictures,
        })
    }
}
