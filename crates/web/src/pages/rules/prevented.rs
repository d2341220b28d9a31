//! The passes encounter prevention refused, newest first; new ones arrive live.
use hallpass_shared::encounters::PreventedEncounter;
use leptos::prelude::*;

use crate::components::pass_text::when;
use crate::components::{ErrorAlert, Reload, When};
use crate::live::{use_live, LiveEvent};
use crate::session::use_session;
use crate::time::Style;

#[component]
pub fn PreventedLog() -> impl IntoView {
    let session = use_session();
    let entries = RwSignal::new(Vec::<PreventedEncounter>::new());
    let load = Reload::new();
    let reload = move || {
        let api = session.api();
        load.run(
            async move { api.prevented_encounters().await },
            move |all| entries.set(all),
        );
    };
    reload();
    use_live().subscribe(move |event| match event {
        LiveEvent::EncounterPrevented(entry) => {
            entries.update(|entries| entries.insert(0, entry.clone()))
        }
        LiveEvent::Resync => reload(),
        _ => {}
    });
    let rows = move || {
        let zone = session.time_zone();
        entries
            .get()
            .into_iter()
            .map(|entry| {
                let person = |p: &hallpass_shared::passes::PassPerson| format!("{} {}", p.first_name, p.last_name);
                view! {
                    <tr>
                        <td data-label="When">{when(entry.at, zone.as_deref(), Style::DateTime)}</td>
                        <td data-label="Refused">{person(&entry.student)}</td>
                        <td data-label="Out at the time">{person(&entry.other_student)}</td>
                        <td data-label="Group">{entry.group_name.clone().unwrap_or_else(|| "(deleted group)".into())}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="prevented-title">
            <h2 id="prevented-title">"Prevented encounters"</h2>
            <ErrorAlert error=load.error />
            <When when=move || !entries.with(Vec::is_empty) fallback=|| view! { <p class="muted">"None so far."</p> }>
                <table class="rooms-table">
                    <thead>
                        <tr>
                            <th scope="col">"When"</th>
                            <th scope="col">"Refused"</th>
                            <th scope="col">"Out at the time"</th>
                            <th scope="col">"Group"</th>
                        </tr>
                    </thead>
                    <tbody>{move || rows()}</tbody>
                </table>
            </When>
        </section>
    }
}
