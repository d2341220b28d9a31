//! Account rules that need no HTTP: who may hold what, and what a change may not do.
use hallpass_shared::user::{AccountStatus, Permission, Role};

use crate::error::ApiError;

/// Staff may hold permissions; students and parents hold none.
pub fn check_permissions_allowed(role: Role, permissions: &[Permission]) -> Result<(), ApiError> {
    if !permissions.is_empty() && !role.is_staff() {
        return Err(ApiError::invalid_field(
            "permissions",
            "students and parents cannot hold permissions",
        ));
    }
    Ok(())
}

/// Accounts are created by the school for every role but parents, who sign themselves up.
pub fn check_creatable(role: Role) -> Result<(), ApiError> {
    if role == Role::Parent {
        return Err(ApiError::invalid_field(
            "role",
            "parents sign up themselves",
        ));
    }
    Ok(())
}

/// `acts_for` is for assistants only.
pub fn check_acts_for_allowed(role: Role, acts_for: &[String]) -> Result<(), ApiError> {
    if !acts_for.is_empty() && role != Role::Assistant {
        return Err(ApiError::invalid_field(
            "acts_for",
            "only assistants act for teachers",
        ));
    }
    Ok(())
}

/// What a change would do to the caller's own account.
pub struct OwnChange {
    pub status: Option<AccountStatus>,
    pub role_changes: bool,
    pub deletes: bool,
}

/// Nobody locks themselves out: no suspending, disabling, deleting or re-roling oneself.
pub fn check_own_change(change: &OwnChange) -> Result<(), ApiError> {
    let leaves_active = change.status.is_some_and(|s| s != AccountStatus::Active);
    if leaves_active || change.role_changes || change.deletes {
        return Err(ApiError::coded(
            hallpass_shared::error::ErrorCode::OwnAccount,
            "You cannot suspend, disable, delete or change the role of your own account. Ask another admin.",
        ));
    }
    Ok(())
}

pub fn no_manager_left() -> ApiError {
    ApiError::coded(
        hallpass_shared::error::ErrorCode::LastAccountManager,
        "This would leave the school with no active account that can manage accounts.",
    )
}

/// The warning an integration-synced account's deletion carries.
pub const SYNCED_DELETE_WARNING: &str =
    "Some deleted accounts came from an import: the next full sync brings them back unless they also leave the source.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_hold_permissions() {
        assert!(check_permissions_allowed(Role::Teacher, &[Permission::HallMonitor]).is_ok());
        assert!(check_permissions_allowed(Role::Student, &[Permission::HallMonitor]).is_err());
        assert!(check_permissions_allowed(Role::Student, &[]).is_ok());
    }

    #[test]
    fn nobody_locks_themselves_out() {
        let change = |status, role_changes, deletes| OwnChange {
            status,
            role_changes,
            deletes,
        };
        assert!(check_own_change(&change(Some(AccountStatus::Active), false, false)).is_ok());
        assert!(check_own_change(&change(None, false, false)).is_ok());
        assert!(check_own_change(&change(Some(AccountStatus::Disabled), false, false)).is_err());
        assert!(check_own_change(&change(Some(AccountStatus::Suspended), false, false)).is_err());
        assert!(check_own_change(&change(None, true, false)).is_err());
        assert!(check_own_change(&change(None, false, true)).is_err());
    }

    #[test]
    fn parents_are_not_created_by_schools() {
        assert!(check_creatable(Role::Parent).is_err());
        assert!(check_creatable(Role::Assistant).is_ok());
    }
}
