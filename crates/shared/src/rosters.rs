//! Rosters: accounts imported from spreadsheets and OneRoster, previewed, then applied
//! (DESIGN section 10).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::jobs::Job;
use crate::user::Role;

/// `GET /imports/{id}`: an import, as a job. It ends `ready` with its preview, then
/// `succeeded` once applied, or `canceled`.
pub type RosterImport = Job<ImportResult>;

text_enum!(
    /// Where imported accounts come from. A full sync is the whole truth for its source only.
    RosterSource {
        /// A CSV or XLSX file; accounts keyed by school identifier, else email.
        Spreadsheet = "spreadsheet",
        /// A OneRoster CSV bundle or REST server; accounts keyed by `sourcedId`.
        Oneroster = "oneroster",
    }
);

text_enum!(
    /// What an import does with accounts of its source that it does not hold.
    ImportMode {
        /// The file is the whole truth for its source and the roles it covers: accounts
        /// missing from it are archived (suspended), and restored when they come back.
        Full = "full",
        /// Creates and updates only; never archives.
        Additions = "additions",
    }
);

text_enum!(
    /// What a preview row does.
    ChangeKind {
        Create = "create",
        Update = "update",
        /// Leaves the source: suspended, its data kept.
        Archive = "archive",
        /// Back in the source after being archived: active again.
        Restore = "restore",
        Unchanged = "unchanged",
        /// Read, but not imported (a guardian, a district administrator, another school's).
        Skipped = "skipped",
        /// A row that could not be read.
        Error = "error",
    }
);

/// What an import's preview found (`ready`), or what its apply did (`succeeded`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub source: RosterSource,
    pub mode: ImportMode,
    /// A OneRoster delta bundle: rows left out change nothing, `tobedeleted` rows archive.
    pub delta: bool,
    /// The uploaded file's name; `null` for a pull from a OneRoster server.
    pub file_name: Option<String>,
    /// The roles the import covers; a full sync archives only accounts of these roles.
    pub roles: Vec<Role>,
    pub create: u32,
    pub update: u32,
    pub archive: u32,
    pub restore: u32,
    pub unchanged: u32,
    pub skipped: u32,
    pub errors: u32,
    /// Accounts of this source and these roles in the school now: what `archive` is a part of.
    pub source_accounts: u32,
    /// `true` when applying needs `confirm_archive` (the safety hold).
    pub needs_confirmation: bool,
    /// The hold's limit, in percent of `source_accounts`.
    pub hold_percent: u32,
    /// When the preview was applied; `null` before.
    pub applied_at: Option<DateTime<Utc>>,
}

/// One field an update changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// `first_name`, `last_name`, `email`, `school_identifier`, `grade`, `role`, `status`.
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// `GET /imports/{id}/changes`: one row of the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportChange {
    pub kind: ChangeKind,
    /// The account it changes; `null` for a new account, a skipped row or an error.
    pub user_id: Option<String>,
    /// The key the source knows it by (`sourcedId`, or the identifier or email).
    pub external_id: Option<String>,
    /// The person's name as the file (or the account) has it; empty for an unreadable row.
    pub name: String,
    pub role: Option<Role>,
    /// For `create`, every field (`from` is `null`); for `update`, what changes.
    pub fields: Vec<FieldChange>,
    /// The file and 1-based line the row came from.
    pub file: Option<String>,
    pub line: Option<u64>,
    /// Why a row was skipped, or what is wrong with it.
    pub message: Option<String>,
}

/// `GET /imports/{id}/changes` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ChangeQuery {
    /// One kind of change; every kind but `unchanged` when absent.
    pub kind: Option<ChangeKind>,
    pub cursor: Option<String>,
    /// 1 to 500; default 100.
    pub limit: Option<u32>,
}

/// `POST /imports/{id}/apply`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplyImport {
    /// Needed when the preview holds (`needs_confirmation`): it archives a large part of the
    /// source's accounts.
    #[serde(default)]
    pub confirm_archive: bool,
}

/// `PUT /integrations/oneroster`: the school's OneRoster server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OneRosterSettings {
    /// Up to the version's path: `https://sis.example.org/ims/oneroster/v1p1` or
    /// `…/ims/oneroster/rostering/v1p2`.
    #[validate(url(message = "must be an http or https address"), length(max = 500))]
    pub base_url: String,
    /// The OAuth 2.0 token endpoint (client credentials).
    #[validate(url(message = "must be an http or https address"), length(max = 500))]
    pub token_url: String,
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub client_id: String,
    /// Write-only: never returned. Absent keeps the saved one.
    #[validate(length(min = 1, max = 500, message = "must be 1 to 500 characters"))]
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The school's org on the server, when the server holds several schools.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    #[serde(default)]
    pub org_sourced_id: Option<String>,
    /// Sync every N minutes (15 to 10,080); `null` syncs only on "Sync now".
    #[validate(range(min = 15, max = 10080, message = "must be 15 to 10080 minutes"))]
    #[serde(default)]
    pub every_minutes: Option<u32>,
    #[serde(default)]
    pub mode: Option<ImportMode>,
    /// Apply each sync's preview at once, unless the safety hold stops it.
    #[serde(default)]
    pub auto_apply: bool,
}

/// `GET /integrations/oneroster`: the saved connection, without its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OneRosterConnection {
    pub base_url: String,
    pub token_url: String,
    pub client_id: String,
    /// A secret is saved (it is never shown).
    pub has_secret: bool,
    pub org_sourced_id: Option<String>,
    pub every_minutes: Option<u32>,
    pub mode: ImportMode,
    pub auto_apply: bool,
    /// The last sync's import; `null` before the first.
    pub last_import: Option<RosterImport>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// When the schedule syncs next; `null` without a schedule.
    pub next_sync_at: Option<DateTime<Utc>>,
}

/// `POST /integrations/oneroster/test`: whether the server answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectionTest {
    pub ok: bool,
    /// What went wrong, or what was found (`"Signed in; 3 schools."`).
    pub message: String,
    /// The schools the server holds, to pick `org_sourced_id` from.
    pub schools: Vec<SchoolChoice>,
}

/// A school a bundle or server holds, with how many of its users it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolChoice {
    pub sourced_id: String,
    pub name: String,
    pub users: u32,
}
