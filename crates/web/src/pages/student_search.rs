//! Finding a student by name or school ID (`GET /users?role=student&q=`), for sending passes,
//! encounter groups and per-student limits.
use hallpass_shared::accounts::UserQuery;
use hallpass_shared::user::{Role, User};
use leptos::prelude::*;

use crate::components::{effect, ErrorAlert, Reload};
use crate::session::use_session;

const RESULTS: u32 = 8;

/// A search box whose results are buttons; `on_pick` gets the student chosen.
#[component]
pub fn StudentSearch(
    id: &'static str,
    label: &'static str,
    on_pick: Callback<User>,
) -> impl IntoView {
    let session = use_session();
    let search = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<User>::new());
    let load = Reload::new();
    effect(move || {
        let q = search.get().trim().to_owned();
        if q.is_empty() {
            results.set(Vec::new());
            return;
        }
        let api = session.api();
        let query = UserQuery {
            role: Some(Role::Student),
            q: Some(q),
            limit: Some(RESULTS),
            ..UserQuery::default()
        };
        load.run(async move { api.users(&query).await }, move |page| {
            results.set(page.items)
        });
    });
    let results_id = format!("{id}-results");
    view! {
        <div class="field student-search">
            <label for=id>{label}</label>
            <input id=id type="search" autocomplete="off" placeholder="Name or school ID"
                aria-controls=results_id.clone() bind:value=search />
            <ErrorAlert error=load.error />
            <ul class="search-results" id=results_id aria-live="polite">
                {move || {
                    results
                        .get()
                        .into_iter()
                        .map(|student| {
                            let name = format!("{}, {}", student.last_name, student.first_name);
                            let detail = student
                                .school_identifier
                                .clone()
                                .map(|sid| format!(" · {sid}"))
                                .unwrap_or_default();
                            let picked = student.clone();
                            view! {
                                <li>
                                    <button type="button" class="search-result" on:click=move |_| {
                                        on_pick.run(picked.clone());
                                        search.set(String::new());
                                    }>
                                        <strong>{name}</strong>
                                        <span class="muted">{detail}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
