//! The `details` of an error answer: one struct for each code that carries any. Clients read
//! `error.code` first, then the details of that kind.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::passes::PassState;

/// Marks the structs an error's `details` may be, so that nothing else is sent as details.
pub trait Details: Serialize {}

/// `validation_failed`: the messages for each field that needs correcting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvalidFields {
    pub fields: BTreeMap<String, Vec<String>>,
}

/// `account_exists`: the field that clashes, and the account that has it (`null` when it
/// belongs to another school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountExists {
    pub field: String,
    /// Always sent, `null` when empty.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub existing_user_id: Option<String>,
}

/// `room_exists`: the field that clashes (`name`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NameTaken {
    pub field: String,
}

/// `not_found` for a list of accounts: the ones that are not in the school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MissingAccounts {
    pub missing_user_ids: Vec<String>,
}

/// `no_sign_in_name`: the accounts without an email to sign in with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoSignInName {
    pub user_ids: Vec<String>,
}

/// `capacity_reached`: what is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityReached {
    pub scope: CapacityScope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CapacityScope {
    /// The destination room.
    Room,
    /// The school's hallway.
    Hallway,
}

/// `encounter_prevented`, to staff only: the group that keeps the student in. Students get no
/// details: they never learn who is out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EncounterPrevented {
    pub group_id: String,
    pub group_name: String,
}

/// `pass_quota_reached`: which kind of pass the student has as many of as allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PassQuotaReached {
    pub state: PassState,
    pub limit: i64,
}

/// `rate_limited`: the seconds to wait (also in `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RateLimited {
    pub retry_after_seconds: u64,
}

/// `missing_columns`: what the file lacks, as people name it (`last name`,
/// `email or school identifier`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MissingColumns {
    pub columns: Vec<String>,
}

/// `choose_school`: the bundle's schools, with how many users each has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseSchool {
    pub schools: Vec<crate::rosters::SchoolChoice>,
}

/// `archive_needs_confirmation`: the preview archives `archive` of `of` accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ArchiveNeedsConfirmation {
    pub archive: u32,
    pub of: u32,
}

/// `preview_stale`: how many of the preview's accounts changed after it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviewStale {
    pub changed: u32,
}

impl Details for InvalidFields {}
impl Details for MissingColumns {}
impl Details for ChooseSchool {}
impl Details for ArchiveNeedsConfirmation {}
impl Details for PreviewStale {}
impl Details for AccountExists {}
impl Details for NameTaken {}
impl Details for MissingAccounts {}
impl Details for NoSignInName {}
impl Details for CapacityReached {}
impl Details for EncounterPrevented {}
impl Details for PassQuotaReached {}
impl Details for RateLimited {}

/// Every kind of `details`, for the spec: which one an answer carries follows from its code.
/// Each kind refuses unknown fields, so that exactly one of them matches an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ErrorDetails {
    InvalidFields(InvalidFields),
    AccountExists(AccountExists),
    NameTaken(NameTaken),
    MissingAccounts(MissingAccounts),
    NoSignInName(NoSignInName),
    CapacityReached(CapacityReached),
    EncounterPrevented(EncounterPrevented),
    PassQuotaReached(PassQuotaReached),
    RateLimited(RateLimited),
    MissingColumns(MissingColumns),
    ChooseSchool(ChooseSchool),
    ArchiveNeedsConfirmation(ArchiveNeedsConfirmation),
    PreviewStale(PreviewStale),
}
