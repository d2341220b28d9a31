//! Requests and answers of the Accounts routes (`/users…`).
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::patch::Patch;
use crate::user::{AccountStatus, Permission, Role};

/// Most accounts one bulk call may name.
pub const BULK_MAX: u64 = 10_000;

/// `POST /users`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Any role but `parent`: parents sign themselves up.
    pub role: Role,
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub first_name: String,
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub last_name: String,
    /// The sign-in name. Unique in the whole installation, compared without case.
    #[validate(custom(function = "crate::email::valid_email"), length(max = 254))]
    #[serde(default)]
    pub email: Option<String>,
    /// The student number from the school's information system; unique in the school.
    #[validate(length(min = 1, max = 64, message = "must be 1 to 64 characters"))]
    #[serde(default)]
    pub school_identifier: Option<String>,
    #[validate(length(min = 1, max = 8, message = "must be 1 to 8 characters"))]
    #[serde(default)]
    pub grade: Option<String>,
    /// A temporary password: the user must change it at first sign-in. Without one, the
    /// account is not activated until staff print or reset its password.
    #[validate(length(min = 8, max = 128, message = "must be 8 to 128 characters"))]
    #[serde(default)]
    pub password: Option<String>,
    /// Default: the role's permissions (admins all, teachers `hall_monitor` and `send_passes`).
    #[serde(default)]
    pub permissions: Option<Vec<Permission>>,
    /// For assistants: the teachers they act for (at least one to sign in).
    #[serde(default)]
    pub acts_for: Option<Vec<String>>,
}

crate::patch_body! {
    /// `PATCH /users/{id}`: absent fields stay; `null` clears `email`, `school_identifier`, `grade`.
    #[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(deny_unknown_fields)]
    pub struct UserPatch {
        pub role: Patch<Role>,
        pub status: Patch<AccountStatus>,
        #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
        pub first_name: Patch<String>,
        #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
        pub last_name: Patch<String>,
        #[validate(custom(function = "crate::email::valid_email"), length(max = 254))]
        pub email: Patch<Option<String>>,
        #[validate(length(min = 1, max = 64, message = "must be 1 to 64 characters"))]
        pub school_identifier: Patch<Option<String>>,
        #[validate(length(min = 1, max = 8, message = "must be 1 to 8 characters"))]
        pub grade: Patch<Option<String>>,
        /// Sets a temporary password, to be changed at the next sign-in.
        #[validate(length(min = 8, max = 128, message = "must be 8 to 128 characters"))]
        pub password: Patch<String>,
        pub permissions: Patch<Vec<Permission>>,
        pub acts_for: Patch<Vec<String>>,
    }
}

/// `GET /users` filters. Suspended accounts appear only with `status=suspended`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub status: Option<AccountStatus>,
    /// Matches names, email and school identifier, without case.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub q: Option<String>,
    /// Default 50, at most 500.
    #[validate(range(min = 1, max = 500, message = "must be between 1 and 500"))]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `POST /users/bulk`: every change applies to every named account, or nothing does.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkUpdate {
    #[validate(length(min = 1, max = 10000, message = "must name 1 to 10000 accounts"))]
    pub user_ids: Vec<String>,
    #[serde(default)]
    pub status: Option<AccountStatus>,
    #[serde(default)]
    pub grant_permissions: Option<Vec<Permission>>,
    #[serde(default)]
    pub revoke_permissions: Option<Vec<Permission>>,
}

/// `POST /users/bulk-delete`, and the ids of `POST /users/password-sheets`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserIds {
    #[validate(length(min = 1, max = 10000, message = "must name 1 to 10000 accounts"))]
    pub user_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    /// How many accounts were changed or deleted.
    pub count: usize,
    /// Set when an imported account was deleted: the next full sync brings it back unless it
    /// also leaves the source.
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemporaryPassword {
    /// Shown once: only its hash is kept.
    pub temporary_password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SheetLayout {
    /// As many cards a page as fit, with cut lines.
    PaperSaver,
    /// One account a page.
    SeparatePages,
}

/// `POST /users/password-sheets`: resets the named students' passwords and answers a printable
/// HTML document with one card each.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordSheetRequest {
    #[validate(length(min = 1, max = 2000, message = "must name 1 to 2000 accounts"))]
    pub user_ids: Vec<String>,
    pub layout: SheetLayout,
}
