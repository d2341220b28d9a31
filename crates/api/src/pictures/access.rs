//! Who may see a student's picture (DESIGN section 9).
use hallpass_shared::user::Permission;

use crate::auth::principal::Principal;

/// The staff of the student's school while pictures are enabled; account managers and
/// `manage_integrations` always; the student, their own. Everyone else, parents and other
/// schools included, is answered `404`.
pub fn may_see(viewer: &Principal, student_school_id: &str, student_id: &str) -> bool {
    let Some(school) = &viewer.school else {
        return false;
    };
    if school.id != student_school_id {
        return false;
    }
    if viewer.id() == student_id {
        return true;
    }
    if !viewer.role.is_staff() {
        return false;
    }
    may_manage(viewer) || school.profile_pictures_enabled
}

/// Who uploads, replaces and deletes pictures.
pub fn may_manage(viewer: &Principal) -> bool {
    viewer.role.is_staff()
        && (viewer.has(Permission::ManageAccounts) || viewer.has(Permission::ManageIntegrations))
}

/// The URL summaries carry: versioned, so a new picture is a new URL.
pub fn url(student_id: &str, version: Option<&str>, enabled: bool) -> Option<String> {
    let version = version.filter(|_| enabled)?;
    Some(format!(
        "{}/users/{student_id}/picture?v={version}",
        hallpass_shared::API_BASE
    ))
}

/// Clears `picture_url` of accounts shown to a viewer who may not see pictures now (staff
/// without a managing permission, while the school's pictures are disabled).
pub fn hide_unless_shown(viewer: &Principal, users: &mut [hallpass_shared::user::User]) {
    let enabled = viewer
        .school
        .as_ref()
        .is_some_and(|school| school.profile_pictures_enabled);
    if enabled || may_manage(viewer) {
        return;
    }
    for user in users {
        if user.id != viewer.id() {
            user.picture_url = None;
        }
    }
}
