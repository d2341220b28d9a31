//! Encounter prevention: students the school keeps out of the hallway at the same time.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::passes::PassPerson;
use crate::patch;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EncounterGroup {
    pub id: String,
    pub name: String,
    pub student_ids: Vec<String>,
    pub enabled: bool,
    pub notes: Option<String>,
}

/// `POST /encounter-groups`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEncounterGroup {
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    pub name: String,
    /// Two or more students of the school.
    #[validate(length(min = 2, max = 100, message = "must name 2 to 100 students"))]
    pub student_ids: Vec<String>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    #[validate(length(max = 500, message = "must be at most 500 characters"))]
    #[serde(default)]
    pub notes: Option<String>,
}

fn enabled_by_default() -> bool {
    true
}

/// `PATCH /encounter-groups/{id}`: absent fields stay; `notes: null` clears them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EncounterGroupPatch {
    #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub name: Option<String>,
    #[validate(length(min = 2, max = 100, message = "must name 2 to 100 students"))]
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub student_ids: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "patch::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub enabled: Option<bool>,
    #[validate(length(max = 500, message = "must be at most 500 characters"))]
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub notes: Option<Option<String>>,
}

/// One refused pass, in `GET /encounter-groups/prevented`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreventedEncounter {
    pub id: String,
    /// `null` when the group has since been deleted.
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    /// The student whose pass was refused.
    pub student: PassPerson,
    /// The student who was out.
    pub other_student: PassPerson,
    pub at: DateTime<Utc>,
}
