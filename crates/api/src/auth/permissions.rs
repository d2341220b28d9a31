//! Type-level permissions, so a handler states what it needs in its signature:
//! `async fn patch_school(user: Permitted<ManageSchool>, …)`.
use hallpass_shared::user::Permission;

pub trait Required {
    const PERMISSION: Permission;
}

macro_rules! markers {
    ($($name:ident),+ $(,)?) => {$(
        pub struct $name;
        impl Required for $name {
            const PERMISSION: Permission = Permission::$name;
        }
    )+};
}

markers!(
    ManageAccounts,
    ManageIntegrations,
    ManagePassRules,
    ManageRooms,
    ManageSchool
);
