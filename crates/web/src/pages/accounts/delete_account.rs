use hallpass_shared::user::User;
use leptos::prelude::*;

use super::problems::AccountProblem;
use super::state::use_accounts;
use crate::components::{ConfirmDialog, Task};
use crate::session::use_session;

/// Deletes the account for good, after a confirmation that offers suspending instead.
#[component]
pub fn DeleteAccount(current: RwSignal<Option<User>>) -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let asking = RwSignal::new(false);
    let delete = Task::new();
    let name = move || current.with(|user| user.as_ref().map(User::full_name).unwrap_or_default());
    let confirm = Callback::new(move |()| {
        let Some(id) = current.with_untracked(|user| user.as_ref().map(|user| user.id.clone()))
        else {
            return;
        };
        let name = name();
        let api = session.api();
        delete.run(async move { api.delete_user(&id).await }, move |result| {
            asking.set(false);
            accounts.panel_open.set(false);
            accounts.announce(format!("Deleted {name}."), result.warning);
            accounts.refresh();
        });
    });
    view! {
        <p class="muted">"Deleting removes the account and everything tied to it. It cannot be undone."</p>
        <button type="button" class="button button-danger-outline" on:click=move |_| asking.set(true)>
            "Delete account…"
        </button>
        <ConfirmDialog
            id="confirm-delete"
            title=move || format!("Delete {}?", name())
            open=asking
            confirm_label="Delete permanently"
            danger=true
            pending=delete.pending
            on_confirm=confirm
        >
            <DeleteWarning />
            <AccountProblem error=delete.error />
        </ConfirmDialog>
    }
}

/// What deleting destroys, and the gentler choice.
#[component]
pub fn DeleteWarning(#[prop(optional)] several: bool) -> impl IntoView {
    let (accounts, their) = if several {
        ("the selected accounts", "their")
    } else {
        ("the account", "its")
    };
    view! {
        <p>
            {format!(
                "This permanently deletes {accounts} and all {their} data: passes, parent links \
                 and pictures. It cannot be undone."
            )}
        </p>
        <p>{format!("To hide {accounts} but keep {their} data, set {their} status to Suspended instead.")}</p>
    }
}
