//! The accounts list: a real table on wide screens, a list of cards on phones (style.css),
//! with a checkbox a row and one for all rows shown.
use std::collections::BTreeSet;

use hallpass_shared::user::{Role, User};
use leptos::prelude::*;

use crate::components::{keyed, When};

use super::labels::{count_of, permissions_summary, role_plural, status_name};
use super::state::use_accounts;

#[component]
pub fn AccountsList() -> impl IntoView {
    let accounts = use_accounts();
    let list = accounts.list;
    let summary = move || {
        let role = accounts.filters.role.get();
        let shown = list.items.with(Vec::len);
        if list.load.loading.get() && shown == 0 {
            return "Loading…".to_owned();
        }
        if shown > 0 {
            let more = if list.next_cursor.with(Option::is_some) {
                ", more below"
            } else {
                ""
            };
            return format!("Showing {}{more}.", count_of(shown, role));
        }
        let plural = role_plural(role).to_ascii_lowercase();
        let search = accounts.filters.search.get();
        match accounts.filters.status.get() {
            _ if !search.trim().is_empty() => format!("No {plural} match “{}”.", search.trim()),
            Some(status) => format!("No {} {plural}.", status_name(status).to_ascii_lowercase()),
            None => format!("No {plural} yet."),
        }
    };
    view! {
        <p class="list-summary" role="status">{move || summary()}</p>
        <crate::components::ErrorAlert error=list.load.error />
        <When when=move || list.items.with(|items| !items.is_empty())>
            <AccountsTable />
        </When>
        <When when=move || list.next_cursor.with(Option::is_some)>
            <button
                type="button"
                class="button load-more"
                disabled=move || list.load.loading.get()
                on:click=move |_| accounts.load_more()
            >
                {move || if list.load.loading.get() { "Loading…" } else { "Load more" }}
            </button>
        </When>
    }
}

#[component]
fn AccountsTable() -> impl IntoView {
    let accounts = use_accounts();
    let (list, selection, role) = (accounts.list, accounts.selection, accounts.filters.role);
    let students = move || role.get() == Role::Student;
    let staff = move || role.get().is_staff();
    let all_selected = move || {
        // The selection only ever holds rows on screen.
        let shown = list.items.with(Vec::len);
        shown > 0 && selection.with(BTreeSet::len) == shown
    };
    let some_selected = move || selection.with(|selected| !selected.is_empty()) && !all_selected();
    let select_all = move |event: leptos::ev::Event| {
        let selected = if event_target_checked(&event) {
            list.items
                .with_untracked(|items| items.iter().map(|user| user.id.clone()).collect())
        } else {
            BTreeSet::new()
        };
        selection.set(selected);
    };
    view! {
        <table class="accounts-table">
            <caption class="visually-hidden">{move || role_plural(role.get())}</caption>
            <thead>
                <tr>
                    <th scope="col" class="col-select">
                        <label class="select-cell">
                            <input
                                type="checkbox"
                                prop:checked=all_selected
                                prop:indeterminate=some_selected
                                on:change=select_all
                            />
                            <span class="select-all-text">"Select all shown"</span>
                        </label>
                    </th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <When when=students>
                        <th scope="col">"ID"</th>
                        <th scope="col">"Grade"</th>
                    </When>
                    <When when=staff>
                        <th scope="col">"Permissions"</th>
                    </When>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Signed in"</th>
                </tr>
            </thead>
            <tbody>
                {keyed(
                    move || list.items.get(),
                    row_key,
                    move |user| view! { <AccountRow user=user /> }.into_any(),
                )}
            </tbody>
        </table>
    }
}

/// The whole account: any change re-renders its row. (`updated_at` alone misses some, such as
/// bulk permission changes and first sign-ins.)
fn row_key(user: &User) -> String {
    serde_json::to_string(user).unwrap_or_else(|_| user.id.clone())
}

/// A row; a click anywhere but its checkbox opens the account.
#[component]
fn AccountRow(user: User) -> impl IntoView {
    let accounts = use_accounts();
    let selection = accounts.selection;
    let id = StoredValue::new(user.id.clone());
    let checked = move || id.with_value(|id| selection.with(|selected| selected.contains(id)));
    let toggle = move |event: leptos::ev::Event| {
        let on = event_target_checked(&event);
        let id = id.get_value();
        selection.update(|selected| {
            if on {
                selected.insert(id);
            } else {
                selected.remove(&id);
            }
        });
    };
    let open = move |_| accounts.open_account(id.get_value());
    let dash = || "—".to_owned();
    let role = user.role;
    let status = user.status;
    view! {
        <tr class="account-row" class:row-selected=checked on:click=open>
            <td class="col-select" on:click=|event| event.stop_propagation()>
                <label class="select-cell">
                    <input
                        type="checkbox"
                        aria-label=format!("Select {}", user.full_name())
                        prop:checked=checked
                        on:change=toggle
                    />
                </label>
            </td>
            <th scope="row" class="col-name">
                <button type="button" class="row-open">
                    {format!("{}, {}", user.last_name, user.first_name)}
                </button>
            </th>
            <td class="col-email" data-label="Email">{user.email.clone().unwrap_or_else(dash)}</td>
            {(role == Role::Student)
                .then(|| {
                    view! {
                        <td data-label="ID">{user.school_identifier.clone().unwrap_or_else(dash)}</td>
                        <td data-label="Grade">{user.grade.clone().unwrap_or_else(dash)}</td>
                    }
                })}
            {role
                .is_staff()
                .then(|| {
                    view! { <td data-label="Permissions">{permissions_summary(&user.permissions)}</td> }
                })}
            <td data-label="Status">
                <span class=format!("badge badge-{status}")>{status_name(status)}</span>
            </td>
            <td data-label="Signed in">
                {if user.activated_at.is_some() { "Yes" } else { "Not yet" }}
            </td>
        </tr>
    }
}
