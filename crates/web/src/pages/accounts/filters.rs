//! The role tabs, the search and the status filter.
use std::time::Duration;

use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::labels::{role_plural, status_filter_name, STATUS_FILTERS};
use super::state::use_accounts;
use crate::components::{SelectField, Tabs};

const TABS: &[Role] = &[
    Role::Student,
    Role::Teacher,
    Role::Assistant,
    Role::Admin,
    Role::Parent,
];

/// The id of the element the tabs control.
pub const TAB_PANEL_ID: &str = "accounts-tabpanel";

/// How long typing must pause before the search is sent.
const SEARCH_PAUSE: Duration = Duration::from_millis(300);

pub fn tab_id(role: Role) -> String {
    format!("accounts-tab-{role}")
}

/// The role tabs (`Tabs`: arrow keys, Home and End move along).
#[component]
pub fn RoleTabs() -> impl IntoView {
    let role = use_accounts().filters.role;
    let selected = Signal::derive(move || {
        let role = role.get();
        TABS.iter().position(|tab| *tab == role).unwrap_or(0)
    });
    view! {
        <Tabs
            label="Account roles"
            ids=TABS.iter().map(|tab| tab_id(*tab)).collect()
            names=TABS.iter().map(|tab| role_plural(*tab).to_owned()).collect()
            panel=TAB_PANEL_ID
            selected=selected
            select=Callback::new(move |index: usize| role.set(TABS[index]))
        />
    }
}

/// Search (sent after a pause in typing, or at once on Enter) and the status filter.
#[component]
pub fn ListFilters() -> impl IntoView {
    let filters = use_accounts().filters;
    let typed = RwSignal::new(filters.search.get_untracked());
    let send = move |text: String| {
        if filters.search.get_untracked() != text {
            filters.search.set(text);
        }
    };
    let mut send_later = debounce(SEARCH_PAUSE, send);
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        send_later(text);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send(typed.get_untracked());
    };
    view! {
        <div class="list-filters">
            <form role="search" class="field search-field" on:submit=on_submit>
                <label for="account-search">"Search"</label>
                <input
                    id="account-search"
                    type="search"
                    autocomplete="off"
                    placeholder="Name, email or ID"
                    prop:value=move || typed.get()
                    on:input=on_input
                />
            </form>
            <SelectField
                id="status-filter"
                label="Status"
                options=STATUS_FILTERS
                value=filters.status
                name_of=status_filter_name
            />
        </div>
    }
}
