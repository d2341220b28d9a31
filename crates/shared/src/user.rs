use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::school::School;

text_enum!(
    Role {
        Student = "student",
        Teacher = "teacher",
        /// Acts for the teachers named in `acts_for`.
        Assistant = "assistant",
        Admin = "admin",
        Parent = "parent",
    }
);

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Teacher | Role::Assistant | Role::Admin)
    }

    /// The permissions an account of this role starts with.
    pub fn default_permissions(self) -> &'static [Permission] {
        match self {
            Role::Admin => Permission::ALL,
            Role::Teacher => &[Permission::HallMonitor, Permission::SendPasses],
            Role::Student | Role::Assistant | Role::Parent => &[],
        }
    }
}

text_enum!(
    AccountStatus {
        /// Can sign in; visible to all staff.
        Active = "active",
        /// Cannot sign in; still listed; can still be sent passes.
        Disabled = "disabled",
        /// Cannot sign in; hidden everywhere but the admins' suspended filter.
        Suspended = "suspended",
    }
);

text_enum!(
    Permission {
        /// Sees every active pass in the school.
        HallMonitor = "hall_monitor",
        SendPasses = "send_passes",
        ManageAccounts = "manage_accounts",
        ManageRooms = "manage_rooms",
        /// Pass limits and encounter prevention.
        ManagePassRules = "manage_pass_rules",
        /// Imports and profile pictures.
        ManageIntegrations = "manage_integrations",
        ViewReports = "view_reports",
        /// School settings and emergency mode.
        ManageSchool = "manage_school",
    }
);

text_enum!(
    AccountSource {
        Manual = "manual",
        /// Created by an import: the next full sync brings it back if deleted here only.
        Import = "import",
    }
);

/// An account as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: String,
    pub role: Role,
    pub status: AccountStatus,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub school_identifier: Option<String>,
    pub grade: Option<String>,
    pub permissions: Vec<Permission>,
    /// For assistants: the ids of the teachers they act for.
    pub acts_for: Vec<String>,
    pub source: AccountSource,
    /// When the account was first signed in to; `null` until then.
    pub activated_at: Option<DateTime<Utc>>,
    pub has_picture: bool,
    /// The student's picture; `null` without one, or while the school's pictures are disabled
    /// (account managers and `manage_integrations` still get it, to check an upload first).
    #[serde(default)]
    pub picture_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl User {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// The signed-in user, with what the SPA needs to shape itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    /// `null` for parents, who belong to no school.
    pub school: Option<School>,
    /// Until this is cleared by `POST /me/password`, every other call answers 403.
    pub must_change_password: bool,
    pub hide_profile_pictures: bool,
}
