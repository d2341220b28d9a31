use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::account_fields::{AccountFields, AccountFieldsView};
use super::labels::creatable_roles;
use super::problems::{field_errors_of, AccountProblem};
use super::state::use_accounts;
use crate::components::{effect, errors_for, Dialog, FieldErrors, Task, TextField, When};
use crate::session::use_session;

#[component]
pub fn AddAccountDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Dialog id="add-account" title="Add an account" open=open>
            <AddAccountForm open=open />
        </Dialog>
    }
}

#[component]
fn AddAccountForm(open: RwSignal<bool>) -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let tab = accounts.filters.role.get_untracked();
    let by_admin = session.is_admin();
    let fields = AccountFields::empty(if creatable_roles(by_admin).contains(&tab) {
        tab
    } else {
        Role::Student
    });
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let add = Task::new();
    effect(move || {
        if let Some(error) = add.error.get() {
            errors.set(field_errors_of(&error));
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let held = (!by_admin).then(|| {
            session.with_me(|me| me.map(|me| me.user.permissions.clone()).unwrap_or_default())
        });
        let new = fields.new_user(&password.get_untracked(), held.as_deref());
        // Checked by the server only: calling the shared rules here would bring their email
        // check's regex engine into the app (about 700 KiB of wasm). The server's field
        // messages show next to the fields all the same.
        errors.set(FieldErrors::new());
        let api = session.api();
        add.run(async move { api.create_user(&new).await }, move |user| {
            open.set(false);
            accounts.announce(format!("Added {}.", user.full_name()), None);
            // The new account shows under its own role's tab.
            if accounts.filters.role.get_untracked() == user.role {
                accounts.refresh();
            } else {
                accounts.filters.role.set(user.role);
            }
        });
    };

    view! {
        <form class="stack" on:submit=on_submit>
            <AccountFieldsView fields=fields errors=errors />
            <TextField
                id="password"
                label="Temporary password (optional)"
                value=password
                input_type="text"
                autocomplete="off"
                hint="At least 8 characters; they choose their own at first sign-in. Leave it empty for students whose passwords you will print."
                errors=errors_for(errors, "password")
            />
            <When when=move || !by_admin && fields.role.get().is_staff()>
                <p class="field-hint">
                    "New staff get their role's usual permissions that you hold yourself; an admin grants the others."
                </p>
            </When>
            <AccountProblem error=add.error before_open=Callback::new(move |()| open.set(false)) />
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || add.pending.get()>
                    {move || if add.pending.get() { "Adding…" } else { "Add account" }}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
