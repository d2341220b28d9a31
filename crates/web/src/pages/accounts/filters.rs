//! The role tabs, the search and the status filter.
use std::time::Duration;

use hallpass_shared::user::Role;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::labels::{role_plural, status_filter_name, STATUS_FILTERS};
use super::state::use_accounts;
use crate::components::SelectField;

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

/// The WAI-ARIA tabs pattern: one tab in the Tab order, arrow keys, Home and End move along.
#[component]
pub fn RoleTabs() -> impl IntoView {
    let role = use_accounts().filters.role;
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let current = TABS
            .iter()
            .position(|tab| *tab == role.get_untracked())
            .unwrap_or(0);
        let next = match event.key().as_str() {
            "ArrowRight" => (current + 1) % TABS.len(),
            "ArrowLeft" => (current + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        event.prevent_default();
        role.set(TABS[next]);
        focus_element(&tab_id(TABS[next]));
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Account roles" on:keydown=on_keydown>
            {TABS
                .iter()
                .map(|tab| {
                    let tab = *tab;
                    let selected = move || role.get() == tab;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="tab"
                            id=tab_id(tab)
                            aria-controls=TAB_PANEL_ID
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| role.set(tab)
                        >
                            {role_plural(tab)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn focus_element(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
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
