//! The Accounts page (needs `manage_accounts`): role tabs, search, status filter, paging,
//! bulk actions, printable passwords, and a panel per account.

mod account_fields;
mod add_account;
mod bulk_bar;
mod delete_account;
mod edit_form;
mod filters;
mod invite_families;
mod labels;
mod new_invite_codes;
mod panel;
mod parent_links;
mod permission_toggles;
mod picture;
mod print_passwords;
mod problems;
mod reset_password;
mod state;
mod table;

use hallpass_shared::user::{Permission, Role};
use leptos::prelude::*;

use add_account::AddAccountDialog;
use bulk_bar::BulkBar;
use filters::{tab_id, ListFilters, RoleTabs, TAB_PANEL_ID};
use invite_families::InviteFamilies;
use panel::AccountPanel;
use state::Accounts;
use table::AccountsList;

use crate::components::{PageHeading, When};
use crate::session::use_session;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="page-wide">
            <div class="heading-row">
                <PageHeading title="Accounts" />
                <When when=move || session.has(Permission::ManageAccounts)>
                    <InviteFamilies />
                </When>
            </div>
            <When
                when=move || session.has(Permission::ManageAccounts)
                fallback=|| view! { <p class="alert alert-error" role="alert">"You don't have permission to manage accounts."</p> }
            >
                <AccountsManager />
            </When>
        </div>
    }
}

#[component]
fn AccountsManager() -> impl IntoView {
    let accounts = Accounts::provide();
    let role = accounts.filters.role;
    let adding = RwSignal::new(false);
    view! {
        <RoleTabs />
        <div class="card tab-panel" role="tabpanel" id=TAB_PANEL_ID aria-labelledby=move || tab_id(role.get())>
            <div class="list-toolbar">
                <ListFilters />
                <When
                    when=move || role.get() != Role::Parent
                    fallback=|| view! { <p class="muted toolbar-note">"Parents sign themselves up, then add their children with invite codes."</p> }
                >
                    <button type="button" class="button button-primary add-button" on:click=move |_| adding.set(true)>
                        <span aria-hidden="true">"+ "</span>
                        "Add"
                    </button>
                </When>
            </div>
            <OutcomeNote />
            <BulkBar />
            <AccountsList />
        </div>
        <AddAccountDialog open=adding />
        <AccountPanel />
    }
}

/// What the last change did, with the API's warning when it gave one.
#[component]
fn OutcomeNote() -> impl IntoView {
    let outcome = state::use_accounts().outcome;
    view! {
        <div class="outcome" aria-live="polite">
            {move || {
                outcome
                    .get()
                    .map(|shown| {
                        view! {
                            <div class="alert alert-success outcome-message">
                                <span>{shown.message}</span>
                                <button type="button" class="link-button" on:click=move |_| outcome.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                            {shown.warning.map(|warning| view! { <p class="alert alert-warning">{warning}</p> })}
                        }
                    })
            }}
        </div>
    }
}
