//! Parent accounts: sign-up, linking to students by invite code, their past passes, and the
//! invite codes admins hand out.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::rooms::TravelType;

/// `POST /auth/parent-signup`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ParentSignup {
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub first_name: String,
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub last_name: String,
    #[validate(custom(function = "crate::email::valid_email"), length(max = 254))]
    pub email: String,
    /// 8 to 128 characters, and not one of the most common passwords.
    #[validate(length(min = 8, max = 128, message = "must be 8 to 128 characters"))]
    pub password: String,
}

/// The one answer to every accepted sign-up, whether or not the email already had an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupAccepted {
    pub message: String,
}

/// `POST /parent/students`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkStudent {
    /// The 8-character code from the school; case, spaces and dashes do not matter.
    #[validate(length(min = 1, max = 32, message = "must be 1 to 32 characters"))]
    pub invite_code: String,
}

/// A student as their parent sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedStudent {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub grade: Option<String>,
    pub school_name: String,
    /// The school's IANA time zone: days and times of passes are the school's.
    pub school_time_zone: String,
    pub has_picture: bool,
}

/// An ended pass as a parent sees it: where, when and how long; nothing about limits, groups
/// or the staff involved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentPass {
    pub id: String,
    pub origin_room: String,
    pub destination_room: String,
    pub travel_type: TravelType,
    /// The length the pass was made for.
    pub duration_minutes: i32,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
}

/// `GET /parent/students/{student_id}/passes`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ParentPassQuery {
    #[validate(range(min = 1, max = 500, message = "must be between 1 and 500"))]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// A student's current invite code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteCode {
    pub user_id: String,
    pub invite_code: String,
}

/// `POST /users/invite-codes`: the new codes, one per named student.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteCodes {
    pub items: Vec<InviteCode>,
}

/// `GET /invite-codes.csv` and `.xlsx`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct InviteExportQuery {
    /// Only students of this grade.
    #[validate(length(min = 1, max = 8, message = "must be 1 to 8 characters"))]
    pub grade: Option<String>,
}

/// A parent's link to a student of the admin's school (`GET /users/{id}/parent-links`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentLink {
    pub student_id: String,
    pub first_name: String,
    pub last_name: String,
    pub grade: Option<String>,
    pub linked_at: DateTime<Utc>,
}
