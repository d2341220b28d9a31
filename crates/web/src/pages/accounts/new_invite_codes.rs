//! New invite codes for the ticked students: the old codes stop working at once.
use std::collections::BTreeSet;

use hallpass_shared::accounts::UserIds;
use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::labels::count_of;
use super::problems::AccountProblem;
use super::state::use_accounts;
use crate::components::{ConfirmDialog, Task};
use crate::session::use_session;

#[component]
pub fn NewInviteCodes() -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let asking = RwSignal::new(false);
    let task = Task::new();
    let count = move || accounts.selection.with(BTreeSet::len);
    let confirm = Callback::new(move |()| {
        let user_ids: Vec<String> = accounts.selection.get_untracked().into_iter().collect();
        let api = session.api();
        task.run(
            async move { api.regenerate_invite_codes(&UserIds { user_ids }).await },
            move |codes| {
                asking.set(false);
                let who = count_of(codes.items.len(), Role::Student);
                accounts.announce(
                    format!("Gave {who} new invite codes. Download the list again to share them."),
                    None,
                );
            },
        );
    });
    view! {
        <button type="button" class="button" on:click=move |_| {
            task.error.set(None);
            asking.set(true);
        }>
            "New invite codes…"
        </button>
        <ConfirmDialog
            id="confirm-new-invite-codes"
            title=move || format!("New invite codes for {}?", count_of(count(), Role::Student))
            open=asking
            confirm_label="Replace codes"
            pending=task.pending
            on_confirm=confirm
        >
            <p>
                "The current codes stop working at once. Parents already linked stay linked; "
                "new families need the new codes."
            </p>
            <AccountProblem error=task.error />
        </ConfirmDialog>
    }
}
