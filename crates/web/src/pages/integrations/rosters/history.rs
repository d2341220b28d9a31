//! The school's recent imports, newest first, read again whenever the import shown moves to
//! another state. The first read also picks the import to show: one still under way or
//! waiting to be applied.
use hallpass_shared::rosters::RosterImport;
use leptos::prelude::*;

use super::labels::{outcome, source_name, state_name};
use crate::components::pass_text::when;
use crate::components::{effect, ErrorAlert, Loading, Reload, When};
use crate::session::use_session;
use crate::time::Style;

#[component]
pub fn History(current: RwSignal<Option<RosterImport>>) -> impl IntoView {
    let session = use_session();
    let items = RwSignal::new(None::<Vec<RosterImport>>);
    let next = RwSignal::new(None::<String>);
    let load = Reload::new();
    let read = move |cursor: Option<String>| {
        let more = cursor.is_some();
        let api = session.api();
        load.run(
            async move { api.roster_imports(cursor).await },
            move |page| {
                next.set(page.next_cursor);
                if more {
                    items.update(|items| items.get_or_insert_default().extend(page.items));
                    return;
                }
                if current.with_untracked(Option::is_none) {
                    let waiting = page.items.iter().find(|job| !job.state.is_finished());
                    if let Some(job) = waiting {
                        current.set(Some(job.clone()));
                    }
                }
                items.set(Some(page.items));
            },
        );
    };
    let shown =
        Memo::new(move |_| current.with(|job| job.as_ref().map(|job| (job.id.clone(), job.state))));
    effect(move || {
        // Read, not only tracked: a memo nobody reads is never worked out, so it would never
        // tell the effect that it changed.
        let _ = shown.get();
        read(None);
    });

    let zone = session.time_zone();
    let rows = move || {
        items.get().map(|items| {
            if items.is_empty() {
                return view! { <p class="muted">"No imports yet."</p> }.into_any();
            }
            let rows = items
                .into_iter()
                .map(|job| {
                    view! {
                        <tr>
                            <td>{when(job.created_at, zone.as_deref(), Style::DateTime)}</td>
                            <td class="file-name">{source_name(job.result.as_ref())}</td>
                            <td>{state_name(job.state)}</td>
                            <td>{outcome(&job)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <caption>"Recent imports"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Import"</th>
                                <th scope="col">"State"</th>
                                <th scope="col">"Changes"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <div class="stack">
            <h3>"History"</h3>
            {move || rows()}
            <When when=move || items.with(Option::is_none)>
                <Loading load=load />
            </When>
            <ErrorAlert error=load.error />
            <When when=move || next.with(Option::is_some)>
                <button
                    type="button"
                    class="button"
                    disabled=move || load.loading.get()
                    on:click=move |_| read(next.get_untracked())
                >
                    "Show older imports"
                </button>
            </When>
        </div>
    }
}
