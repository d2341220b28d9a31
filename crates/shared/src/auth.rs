use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::user::Me;

/// Shortest and longest password accepted when one is set (OWASP ASVS 2.1).
pub const PASSWORD_MIN_CHARS: u64 = 8;
pub const PASSWORD_MAX_CHARS: u64 = 128;

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254, message = "must be 1 to 254 characters"))]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters"))]
    pub password: String,
}

/// A new access token (a JWT that lives `expires_in` seconds) and a new single-use refresh token.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    pub expires_in: u64,
    /// Opaque and single-use: each refresh returns a new one, and reusing an old one signs
    /// out every session that came from the same sign-in.
    pub refresh_token: String,
    pub user: Me,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 1024, message = "must be 1 to 1024 characters"))]
    pub current_password: String,
    #[validate(length(min = 8, max = 128, message = "must be 8 to 128 characters"))]
    pub new_password: String,
}
