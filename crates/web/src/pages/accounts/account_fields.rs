//! The fields the Add form and the account panel share, and how they become a `NewUser` or a
//! `UserPatch`.
use std::collections::BTreeSet;

use hallpass_shared::accounts::{NewUser, UserPatch};
use hallpass_shared::patch::Patch;
use hallpass_shared::user::{Permission, Role, User};
use leptos::prelude::*;

use super::labels::creatable_roles;
use crate::components::{errors_for, FieldErrors, SelectField, TeacherPicker, TextField, When};
use crate::pages::home::role_name;

/// The fields as typed.
#[derive(Clone, Copy)]
pub struct AccountFields {
    pub role: RwSignal<Role>,
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub school_identifier: RwSignal<String>,
    pub grade: RwSignal<String>,
    /// For assistants: the teachers they act for.
    pub acts_for: RwSignal<BTreeSet<String>>,
}

impl AccountFields {
    pub fn empty(role: Role) -> Self {
        AccountFields {
            role: RwSignal::new(role),
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            school_identifier: RwSignal::new(String::new()),
            grade: RwSignal::new(String::new()),
            acts_for: RwSignal::new(BTreeSet::new()),
        }
    }

    pub fn of(user: &User) -> Self {
        let fields = Self::empty(user.role);
        fields.reset(user);
        fields
    }

    /// Shows `user` as saved.
    pub fn reset(self, user: &User) {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        self.role.set(user.role);
        self.first_name.set(user.first_name.clone());
        self.last_name.set(user.last_name.clone());
        self.email.set(text(&user.email));
        self.school_identifier.set(text(&user.school_identifier));
        self.grade.set(text(&user.grade));
        self.acts_for.set(user.acts_for.iter().cloned().collect());
    }

    /// The new account; `held` are the creator's permissions when they are no admin: the role's
    /// usual permissions they lack are left for an admin to grant.
    pub fn new_user(self, password: &str, held: Option<&[Permission]>) -> NewUser {
        let role = self.role.get_untracked();
        let permissions = held.filter(|_| role.is_staff()).map(|held| {
            role.default_permissions()
                .iter()
                .filter(|p| held.contains(p))
                .copied()
                .collect()
        });
        NewUser {
            role,
            first_name: trimmed(self.first_name),
            last_name: trimmed(self.last_name),
            email: optional(self.email),
            school_identifier: optional(self.school_identifier),
            grade: (role == Role::Student)
                .then(|| optional(self.grade))
                .flatten(),
            password: (!password.is_empty()).then(|| password.to_owned()),
            permissions,
            acts_for: (role == Role::Assistant)
                .then(|| self.acts_for.get_untracked().into_iter().collect()),
        }
    }

    /// What differs from `user`; an emptied email, ID or grade is removed.
    pub fn patch_against(self, user: &User) -> UserPatch {
        let role = self.role.get_untracked();
        let first_name = trimmed(self.first_name);
        let last_name = trimmed(self.last_name);
        let changed = |field: RwSignal<String>, saved: &Option<String>| {
            let now = optional(field);
            (now != *saved).then_some(now)
        };
        let acts_for: Vec<String> = self.acts_for.get_untracked().into_iter().collect();
        let saved_acts_for: BTreeSet<&String> = user.acts_for.iter().collect();
        UserPatch {
            role: (role != user.role).then_some(role).into(),
            status: Patch::Keep,
            first_name: (first_name != user.first_name).then_some(first_name).into(),
            last_name: (last_name != user.last_name).then_some(last_name).into(),
            email: changed(self.email, &user.email).into(),
            school_identifier: changed(self.school_identifier, &user.school_identifier).into(),
            grade: if role == Role::Student {
                changed(self.grade, &user.grade).into()
            } else {
                Patch::Keep
            },
            password: Patch::Keep,
            permissions: Patch::Keep,
            acts_for: (role == Role::Assistant
                && acts_for.iter().collect::<BTreeSet<_>>() != saved_acts_for)
                .then_some(acts_for)
                .into(),
        }
    }
}

fn trimmed(field: RwSignal<String>) -> String {
    field.get_untracked().trim().to_owned()
}

fn optional(field: RwSignal<String>) -> Option<String> {
    Some(trimmed(field)).filter(|text| !text.is_empty())
}

/// Role (unless it cannot change), names, email, school ID, grade for students, and the
/// teachers an assistant acts for.
#[component]
pub fn AccountFieldsView(
    fields: AccountFields,
    errors: RwSignal<FieldErrors>,
    #[prop(optional)] role_fixed: bool,
) -> impl IntoView {
    let role = fields.role;
    view! {
        {(!role_fixed)
            .then(|| {
                view! {
                    <SelectField
                        id="account-role"
                        label="Role"
                        options=creatable_roles(crate::session::use_session().is_admin())
                        value=role
                        name_of=role_name
                    />
                }
            })}
        <div class="field-row">
            <TextField
                id="first_name"
                label="First name"
                value=fields.first_name
                autocomplete="off"
                required=true
                errors=errors_for(errors, "first_name")
            />
            <TextField
                id="last_name"
                label="Last name"
                value=fields.last_name
                autocomplete="off"
                required=true
                errors=errors_for(errors, "last_name")
            />
        </div>
        <TextField
            id="email"
            label="Email"
            value=fields.email
            input_type="email"
            autocomplete="off"
            hint="The sign-in name. Without one, the account cannot sign in or get a printed password."
            errors=errors_for(errors, "email")
        />
        <div class="field-row">
            <TextField
                id="school_identifier"
                label="School ID"
                value=fields.school_identifier
                autocomplete="off"
                hint="From your student information system; unique in your school."
                errors=errors_for(errors, "school_identifier")
            />
            <When when=move || role.get() == Role::Student>
                <TextField
                    id="grade"
                    label="Grade"
                    value=fields.grade
                    autocomplete="off"
                    hint="Such as 9 or K."
                    errors=errors_for(errors, "grade")
                />
            </When>
        </div>
        <When when=move || role.get() == Role::Assistant>
            <TeacherPicker
                id="acts-for"
                legend="Acts for"
                hint="The teachers whose rooms and requests this assistant handles. An assistant with no teacher cannot sign in."
                selected=fields.acts_for
                errors=errors_for(errors, "acts_for")
            />
        </When>
    }
}
