//! The account panel's form: fields, status, permissions (staff), one Save.
use std::collections::BTreeSet;

use hallpass_shared::accounts::UserPatch;
use hallpass_shared::patch::Patch;
use hallpass_shared::user::{AccountStatus, Role, User};
use leptos::prelude::*;

use super::account_fields::{AccountFields, AccountFieldsView};
use super::labels::{permission_name, status_explanation, status_name};
use super::permission_toggles::{PermissionDraft, PermissionToggles};
use super::problems::{field_errors_of, AccountProblem};
use super::state::use_accounts;
use crate::components::{effect, FieldErrors, SelectField, Task, When};
use crate::session::use_session;

#[component]
pub fn EditAccountForm(current: RwSignal<Option<User>>) -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let Some(user) = current.get_untracked() else {
        return ().into_any();
    };
    let fields = AccountFields::of(&user);
    let status = RwSignal::new(user.status);
    let permissions = PermissionDraft::new(&user.permissions);
    let errors = RwSignal::new(FieldErrors::new());
    let save = Task::new();
    let note = RwSignal::new(None::<&'static str>);
    effect(move || {
        if let Some(error) = save.error.get() {
            errors.set(field_errors_of(&error));
        }
    });

    // Permissions follow a role change to the new role's defaults, on the server.
    let role_kept =
        move || current.with(|user| user.as_ref().map(|user| user.role)) == Some(fields.role.get());
    let shows_permissions = move || fields.role.get().is_staff() && role_kept();
    let by_admin = session.is_admin();
    let held = user
        .permissions
        .iter()
        .map(|permission| permission_name(*permission))
        .collect::<Vec<_>>()
        .join(", ");
    let parent = user.role == Role::Parent;

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        note.set(None);
        let Some(user) = current.get_untracked() else {
            return;
        };
        let patch = patch_for(&user, fields, status.get_untracked(), permissions);
        if is_empty(&patch) {
            note.set(Some("Nothing has changed."));
            return;
        }
        // Checked by the server only: calling the shared rules here would bring their email
        // check's regex engine into the app (about 700 KiB of wasm). The server's field
        // messages show next to the fields all the same.
        errors.set(FieldErrors::new());
        let api = session.api();
        let id = user.id.clone();
        save.run(
            async move { api.update_user(&id, &patch).await },
            move |user| {
                fields.reset(&user);
                status.set(user.status);
                permissions.reset(&user.permissions);
                current.set(Some(user));
                note.set(Some("Changes saved."));
                accounts.refresh();
            },
        );
    };

    view! {
        <form class="stack" on:submit=on_submit>
            <AccountFieldsView fields=fields errors=errors role_fixed=parent />
            <When when=move || !role_kept()>
                <p class="field-hint">"A new role starts with that role's permissions."</p>
            </When>
            <SelectField
                id="account-status"
                label="Status"
                options=AccountStatus::ALL
                value=status
                name_of=status_name
                describe=status_explanation
            />
            <When when=move || shows_permissions() && by_admin>
                <PermissionToggles draft=permissions />
            </When>
            <When when=move || shows_permissions() && !by_admin>
                <p class="field-hint">
                    {format!(
                        "Permissions: {}. Only an admin changes permissions.",
                        if held.is_empty() { "none" } else { held.as_str() },
                    )}
                </p>
            </When>
            <AccountProblem error=save.error />
            <div class="form-footer">
                <button type="submit" class="button button-primary" disabled=move || save.pending.get()>
                    {move || if save.pending.get() { "Saving…" } else { "Save changes" }}
                </button>
                <p role="status" class="muted">{move || note.get()}</p>
            </div>
        </form>
    }
    .into_any()
}

fn patch_for(
    user: &User,
    fields: AccountFields,
    status: AccountStatus,
    permissions: PermissionDraft,
) -> UserPatch {
    let mut patch = fields.patch_against(user);
    if status != user.status {
        patch.status = Patch::Set(status);
    }
    if patch.role.is_keep() && user.role.is_staff() {
        let granted = permissions.granted();
        if granted != user.permissions.iter().copied().collect::<BTreeSet<_>>() {
            patch.permissions = Patch::Set(granted.into_iter().collect());
        }
    }
    patch
}

fn is_empty(patch: &UserPatch) -> bool {
    serde_json::to_value(patch)
        .ok()
        .and_then(|value| value.as_object().map(serde_json::Map::is_empty))
        .unwrap_or(false)
}
