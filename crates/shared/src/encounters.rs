//! Encounter prevention: students the school keeps out of the hallway at the same time.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::passes::PassPerson;
use crate::patch::Patch;

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

crate::patch_body! {
    /// `PATCH /encounter-groups/{id}`: absent fields stay; `notes: null` clears them.
    #[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(deny_unknown_fields)]
    pub struct EncounterGroupPatch {
        #[validate(length(min = 1, max = 80, message = "must be 1 to 80 characters"))]
        pub name: Patch<String>,
        #[validate(length(min = 2, max = 100, message = "must name 2 to 100 students"))]
        pub student_ids: Patch<Vec<String>>,
        pub enabled: Patch<bool>,
        #[validate(length(max = 500, message = "must be at most 500 characters"))]
        pub notes: Patch<Option<String>>,
    }
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
