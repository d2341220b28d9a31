//! What can be done to the ticked accounts at once.
use std::collections::BTreeSet;

use hallpass_shared::accounts::{BulkResult, BulkUpdate, UserIds};
use hallpass_shared::error::ErrorCode;
use hallpass_shared::user::{AccountStatus, Permission, Role};
use leptos::prelude::*;

use super::delete_account::DeleteWarning;
use super::labels::{
    count_of, permission_explanation, permission_name, status_explanation, status_name,
};
use super::new_invite_codes::NewInviteCodes;
use super::print_passwords::PrintPasswordsDialog;
use super::problems::AccountProblem;
use super::state::use_accounts;
use crate::api::{Api, ApiError};
use crate::components::{ConfirmDialog, SelectField, Task, When};
use crate::session::use_session;

/// One bulk call, and how to say it was done.
#[derive(Clone, Copy)]
enum BulkAction {
    SetStatus(AccountStatus),
    Grant(Permission),
    Revoke(Permission),
    Delete,
}

impl BulkAction {
    async fn send(self, api: Api, user_ids: Vec<String>) -> Result<BulkResult, ApiError> {
        let update = |status, grant: Option<Permission>, revoke: Option<Permission>| BulkUpdate {
            user_ids: user_ids.clone(),
            status,
            grant_permissions: grant.map(|permission| vec![permission]),
            revoke_permissions: revoke.map(|permission| vec![permission]),
        };
        match self {
            BulkAction::SetStatus(status) => {
                api.bulk_update_users(&update(Some(status), None, None))
                    .await
            }
            BulkAction::Grant(permission) => {
                api.bulk_update_users(&update(None, Some(permission), None))
                    .await
            }
            BulkAction::Revoke(permission) => {
                api.bulk_update_users(&update(None, None, Some(permission)))
                    .await
            }
            BulkAction::Delete => api.bulk_delete_users(&UserIds { user_ids }).await,
        }
    }

    fn done(self, count: usize, role: Role) -> String {
        let who = count_of(count, role);
        match self {
            BulkAction::SetStatus(status) => format!("Set {who} to {}.", status_name(status)),
            BulkAction::Grant(permission) => {
                format!("Gave {who} the {} permission.", permission_name(permission))
            }
            BulkAction::Revoke(permission) => {
                format!(
                    "Took the {} permission from {who}.",
                    permission_name(permission)
                )
            }
            BulkAction::Delete => format!("Deleted {who}."),
        }
    }
}

#[component]
pub fn BulkBar() -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let by_admin = session.is_admin();
    let role = accounts.filters.role;
    let selection = accounts.selection;
    let count = move || selection.with(BTreeSet::len);
    let status = RwSignal::new(AccountStatus::Active);
    let permission = RwSignal::new(Permission::HallMonitor);
    let task = Task::new();
    let deleting = RwSignal::new(false);
    let printing = RwSignal::new(false);

    let run = move |action: BulkAction| {
        let ids: Vec<String> = selection.get_untracked().into_iter().collect();
        let role = role.get_untracked();
        let api = session.api();
        let work = async move {
            let result = action.send(api, ids).await;
            // Someone deleted a ticked account meanwhile: show the list as it is now.
            if matches!(&result, Err(error) if error.code() == Some(ErrorCode::NotFound)) {
                accounts.refresh();
            }
            result
        };
        task.run(work, move |result| {
            deleting.set(false);
            accounts.announce(action.done(result.count, role), result.warning);
            accounts.refresh();
        });
    };
    // A button that runs the action made from the chosen status and permission.
    let action_button =
        move |label: &'static str, action: fn(AccountStatus, Permission) -> BulkAction| {
            view! {
                <button
                    type="button"
                    class="button"
                    disabled=move || task.pending.get()
                    on:click=move |_| run(action(status.get_untracked(), permission.get_untracked()))
                >
                    {label}
                </button>
            }
        };

    view! {
        <When when=move || count() != 0>
            <section class="bulk-bar" aria-labelledby="bulk-title">
                <div class="bulk-title">
                    <h2 id="bulk-title">{move || format!("{} selected", count_of(count(), role.get()))}</h2>
                    <button type="button" class="link-button" on:click=move |_| selection.set(BTreeSet::new())>
                        "Clear selection"
                    </button>
                </div>
                <div class="bulk-actions">
                    <div class="bulk-group">
                        <SelectField
                            id="bulk-status"
                            label="Change status to"
                            options=AccountStatus::ALL
                            value=status
                            name_of=status_name
                            describe=status_explanation
                        />
                        {action_button("Apply status", |status, _| BulkAction::SetStatus(status))}
                    </div>
                    <When when=move || role.get().is_staff() && by_admin>
                        <div class="bulk-group">
                            <SelectField
                                id="bulk-permission"
                                label="Permission"
                                options=Permission::ALL
                                value=permission
                                name_of=permission_name
                                describe=permission_explanation
                            />
                            <div class="button-row">
                                {action_button("Grant", |_, permission| BulkAction::Grant(permission))}
                                {action_button("Revoke", |_, permission| BulkAction::Revoke(permission))}
                            </div>
                        </div>
                    </When>
                    <div class="bulk-group button-row">
                        <When when=move || role.get() == Role::Student>
                            <NewInviteCodes />
                        </When>
                        <button type="button" class="button" on:click=move |_| printing.set(true)>
                            "Print passwords…"
                        </button>
                        <button type="button" class="button button-danger-outline" on:click=move |_| {
                            task.error.set(None);
                            deleting.set(true);
                        }>
                            "Delete…"
                        </button>
                    </div>
                </div>
                <When when=move || !deleting.get()>
                    <AccountProblem error=task.error />
                </When>
            </section>
        </When>
        <PrintPasswordsDialog open=printing />
        <ConfirmDialog
            id="confirm-bulk-delete"
            title=move || format!("Delete {}?", count_of(count(), role.get()))
            open=deleting
            confirm_label="Delete permanently"
            danger=true
            pending=task.pending
            on_confirm=Callback::new(move |()| run(BulkAction::Delete))
        >
            <DeleteWarning several=true />
            <AccountProblem error=task.error />
        </ConfirmDialog>
    }
}
