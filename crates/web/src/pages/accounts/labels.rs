//! What people read for each role, status and permission.
use hallpass_shared::user::{AccountStatus, Permission, Role};

/// The roles a school creates accounts for (parents sign themselves up); only admins make admins.
pub fn creatable_roles(by_admin: bool) -> &'static [Role] {
    if by_admin {
        &[Role::Student, Role::Teacher, Role::Assistant, Role::Admin]
    } else {
        &[Role::Student, Role::Teacher, Role::Assistant]
    }
}

pub fn role_plural(role: Role) -> &'static str {
    match role {
        Role::Student => "Students",
        Role::Teacher => "Teachers",
        Role::Assistant => "Assistants",
        Role::Admin => "Admins",
        Role::Parent => "Parents",
    }
}

/// "1 student", "3 students".
pub fn count_of(count: usize, role: Role) -> String {
    if count == 1 {
        format!("1 {role}")
    } else {
        format!("{count} {}", role_plural(role).to_ascii_lowercase())
    }
}

pub fn status_name(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "Active",
        AccountStatus::Disabled => "Disabled",
        AccountStatus::Suspended => "Suspended",
    }
}

pub fn status_explanation(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "Can sign in, and is listed for all staff.",
        AccountStatus::Disabled => {
            "Cannot sign in, but is still listed, and teachers can still send passes to them."
        }
        AccountStatus::Suspended => {
            "Hidden everywhere: cannot sign in, be sent passes or be linked by parents. \
             All data is kept; make the account active again to bring it back."
        }
    }
}

/// The list's status filter: `None` lists active and disabled accounts.
pub const STATUS_FILTERS: &[Option<AccountStatus>] = &[
    None,
    Some(AccountStatus::Active),
    Some(AccountStatus::Disabled),
    Some(AccountStatus::Suspended),
];

pub fn status_filter_name(filter: Option<AccountStatus>) -> &'static str {
    match filter {
        None => "Active and disabled",
        Some(status) => status_name(status),
    }
}

pub fn permission_name(permission: Permission) -> &'static str {
    match permission {
        Permission::HallMonitor => "Hall monitor",
        Permission::SendPasses => "Send passes",
        Permission::ManageAccounts => "Manage accounts",
        Permission::ManageRooms => "Manage rooms",
        Permission::ManagePassRules => "Manage pass rules",
        Permission::ManageIntegrations => "Manage integrations",
        Permission::ViewReports => "View reports",
        Permission::ManageSchool => "Manage school",
    }
}

pub fn permission_explanation(permission: Permission) -> &'static str {
    match permission {
        Permission::HallMonitor => "Sees every active pass in the school, not only their rooms'.",
        Permission::SendPasses => "Makes passes for students.",
        Permission::ManageAccounts => {
            "Adds, changes and deletes accounts, and prints or resets passwords."
        }
        Permission::ManageRooms => "Adds and changes rooms and who teaches in them.",
        Permission::ManagePassRules => "Sets pass limits and encounter prevention.",
        Permission::ManageIntegrations => "Runs imports and uploads profile pictures.",
        Permission::ViewReports => "Sees the school's pass reports.",
        Permission::ManageSchool => "Changes school settings and turns emergency mode on or off.",
    }
}

/// A permission's checkbox id (and name), which must be `'static` for the field component.
pub fn permission_field_id(permission: Permission) -> &'static str {
    match permission {
        Permission::HallMonitor => "permission-hall_monitor",
        Permission::SendPasses => "permission-send_passes",
        Permission::ManageAccounts => "permission-manage_accounts",
        Permission::ManageRooms => "permission-manage_rooms",
        Permission::ManagePassRules => "permission-manage_pass_rules",
        Permission::ManageIntegrations => "permission-manage_integrations",
        Permission::ViewReports => "permission-view_reports",
        Permission::ManageSchool => "permission-manage_school",
    }
}

/// A short summary for the list: "All", "None" or the names.
pub fn permissions_summary(permissions: &[Permission]) -> String {
    match permissions.len() {
        0 => "None".into(),
        n if n == Permission::ALL.len() => "All".into(),
        _ => permissions
            .iter()
            .map(|permission| permission_name(*permission))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
