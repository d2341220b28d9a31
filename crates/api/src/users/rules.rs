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

/// Who is changing accounts: what they are and what they hold.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub role: Role,
    pub permissions: &'a [Permission],
}

impl<'a> From<&'a crate::auth::principal::Principal> for Actor<'a> {
    fn from(principal: &'a crate::auth::principal::Principal) -> Self {
        Self {
            role: principal.role,
            permissions: &principal.permissions,
        }
    }
}

impl Actor<'_> {
    fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// What of `permissions` this actor does not hold.
    fn lacks(&self, permissions: &[Permission]) -> Vec<Permission> {
        let mut lacking: Vec<Permission> = permissions
            .iter()
            .filter(|p| !self.permissions.contains(p))
            .copied()
            .collect();
        lacking.sort();
        lacking.dedup();
        lacking
    }
}

/// An account's role and permissions, before or after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub role: Role,
    pub permissions: Vec<Permission>,
}

impl Standing {
    pub fn new(role: Role, permissions: &[Permission]) -> Self {
        let mut permissions = permissions.to_vec();
        permissions.sort();
        permissions.dedup();
        Self { role, permissions }
    }
}

fn names(permissions: &[Permission]) -> String {
    let names: Vec<&str> = permissions.iter().map(|p| p.as_str()).collect();
    names.join(", ")
}

/// The account rules for holders of `manage_accounts`, whom every account route asks before
/// it touches an account (its fields, status, password, codes, or deleting it):
/// only an admin touches an admin's account, and nobody touches an account that holds a
/// permission they lack. So a registrar holding only `manage_accounts` manages students and
/// staff like themselves, and can never reach an account that could do more than they can.
pub fn check_may_change(actor: Actor, target: &Standing) -> Result<(), ApiError> {
    if target.role == Role::Admin && !actor.is_admin() {
        return Err(ApiError::forbidden(
            "Only an admin can change an admin's account.",
        ));
    }
    let lacking = actor.lacks(&target.permissions);
    if !lacking.is_empty() {
        return Err(ApiError::forbidden(format!(
            "This account holds permissions you do not have ({}). Ask an admin.",
            names(&lacking)
        )));
    }
    Ok(())
}

/// Whether `actor` may give an account this role and these permissions (`before` is `None`
/// for a new account): only an admin makes an admin or changes an existing account's
/// permissions (a role change that resets them included), and nobody grants a permission
/// they do not hold. A new account's default permissions count as granted.
pub fn check_standing(
    actor: Actor,
    before: Option<&Standing>,
    after: &Standing,
) -> Result<(), ApiError> {
    if after.role == Role::Admin
        && before.is_none_or(|b| b.role != Role::Admin)
        && !actor.is_admin()
    {
        return Err(ApiError::forbidden("Only an admin can make an admin."));
    }
    if let Some(before) = before {
        if before.permissions != after.permissions && !actor.is_admin() {
            return Err(ApiError::forbidden(
                "Only an admin can change an account's permissions.",
            ));
        }
    }
    let added: Vec<Permission> = after
        .permissions
        .iter()
        .filter(|p| before.is_none_or(|b| !b.permissions.contains(p)))
        .copied()
        .collect();
    let lacking = actor.lacks(&added);
    if !lacking.is_empty() {
        return Err(ApiError::forbidden(format!(
            "You cannot grant permissions you do not hold ({}).",
            names(&lacking)
        )));
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

    const REGISTRAR: &[Permission] = &[Permission::ManageAccounts];

    fn registrar() -> Actor<'static> {
        Actor {
            role: Role::Teacher,
            permissions: REGISTRAR,
        }
    }

    fn admin(permissions: &'static [Permission]) -> Actor<'static> {
        Actor {
            role: Role::Admin,
            permissions,
        }
    }

    #[test]
    fn only_admins_touch_admins_and_nobody_touches_more_powerful_accounts() {
        let student = Standing::new(Role::Student, &[]);
        let teacher = Standing::new(Role::Teacher, Role::Teacher.default_permissions());
        let peer = Standing::new(Role::Teacher, REGISTRAR);
        let an_admin = Standing::new(Role::Admin, Permission::ALL);
        assert!(check_may_change(registrar(), &student).is_ok());
        assert!(check_may_change(registrar(), &peer).is_ok());
        assert!(check_may_change(registrar(), &teacher).is_err());
        assert!(check_may_change(registrar(), &an_admin).is_err());
        assert!(check_may_change(admin(Permission::ALL), &an_admin).is_ok());
        // An admin who lost a permission cannot reach an account that still holds it.
        assert!(check_may_change(admin(REGISTRAR), &teacher).is_err());
    }

    #[test]
    fn permissions_change_only_by_admins_and_only_to_what_they_hold() {
        let student = Standing::new(Role::Student, &[]);
        let teacher = Standing::new(Role::Teacher, Role::Teacher.default_permissions());
        let bare_teacher = Standing::new(Role::Teacher, &[]);
        let an_admin = Standing::new(Role::Admin, Permission::ALL);
        let manager = Standing::new(Role::Teacher, &[Permission::ManageSchool]);
        // New accounts: defaults count as granted.
        assert!(check_standing(registrar(), None, &student).is_ok());
        assert!(check_standing(registrar(), None, &bare_teacher).is_ok());
        assert!(check_standing(registrar(), None, &teacher).is_err());
        assert!(check_standing(registrar(), None, &an_admin).is_err());
        assert!(check_standing(admin(Permission::ALL), None, &an_admin).is_ok());
        // Existing accounts: only admins change permissions or make admins.
        assert!(check_standing(registrar(), Some(&student), &bare_teacher).is_ok());
        assert!(check_standing(registrar(), Some(&student), &teacher).is_err());
        assert!(check_standing(registrar(), Some(&bare_teacher), &manager).is_err());
        assert!(check_standing(registrar(), Some(&bare_teacher), &an_admin).is_err());
        assert!(check_standing(admin(Permission::ALL), Some(&bare_teacher), &manager).is_ok());
        assert!(check_standing(admin(REGISTRAR), Some(&bare_teacher), &manager).is_err());
    }

    #[test]
    fn parents_are_not_created_by_schools() {
        assert!(check_creatable(Role::Parent).is_err());
        assert!(check_creatable(Role::Assistant).is_ok());
    }
}
