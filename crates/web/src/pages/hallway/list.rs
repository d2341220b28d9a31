//! Who is out now (`GET /hallway`), kept current by the live events: search, sort, "My rooms",
//! overtime in red counting up, and ending a pass.
use chrono::{DateTime, Utc};
use hallpass_shared::passes::{EndPass, HallwayPass, HallwayQuery, HallwaySort, Pass};
use leptos::prelude::*;

use super::send_pass::SendPassButton;
use crate::components::pass_text::{route, student_name, time_left};
use crate::components::{effect, initials, keyed, Avatar, ErrorAlert, Reload, SelectField, Task};
use crate::live::{use_live, LiveEvent};
use crate::session::use_session;
use crate::time::ticking_clock;

const SORTS: &[HallwaySort] = &[
    HallwaySort::Expires,
    HallwaySort::Name,
    HallwaySort::Destination,
];

fn sort_name(sort: HallwaySort) -> &'static str {
    match sort {
        HallwaySort::Expires => "Time left",
        HallwaySort::Name => "Student name",
        HallwaySort::Destination => "Destination",
    }
}

#[component]
pub fn HallwayList() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(HallwaySort::Expires);
    let mine = RwSignal::new(false);
    let rows = RwSignal::new(Vec::<HallwayPass>::new());
    // One clock for every row's countdown.
    let now = ticking_clock();
    let load = Reload::new();
    let reload = move || {
        let api = session.api();
        let q = search.get_untracked().trim().to_owned();
        let query = HallwayQuery {
            q: (!q.is_empty()).then_some(q),
            room_id: None,
            mine: mine.get_untracked(),
            sort: Some(sort.get_untracked()),
        };
        load.run(async move { api.hallway(&query).await }, move |passes| {
            rows.set(passes)
        });
    };
    effect(move || {
        search.track();
        sort.track();
        mine.track();
        reload();
    });
    // Any change to a pass may add, move or remove a row: ask the server for the list again.
    live.subscribe(move |event| {
        if !matches!(event, LiveEvent::JobUpdated(_)) {
            reload();
        }
    });

    let count = move || match rows.with(Vec::len) {
        1 => "1 student out".to_string(),
        n => format!("{n} students out"),
    };
    view! {
        <section class="card" aria-labelledby="out-now">
            <div class="section-heading">
                <h2 id="out-now">"Out now"</h2>
                <p class="live-state" class:live-on=move || live.connected.get()>
                    {move || if live.connected.get() { "Live" } else { "Connecting…" }}
                </p>
                <SendPassButton />
            </div>
            <div class="list-filters hallway-filters">
                <div class="field search-field">
                    <label for="hallway-search">"Search"</label>
                    <input id="hallway-search" type="search" placeholder="Student name" bind:value=search />
                </div>
                <SelectField id="hallway-sort" label="Sort by" options=SORTS value=sort name_of=sort_name />
                <div class="field field-checkbox">
                    <input id="my-rooms" type="checkbox" bind:checked=mine />
                    <label for="my-rooms">"My rooms only"</label>
                </div>
            </div>
            <ErrorAlert error=load.error />
            <p class="list-summary" aria-live="polite">{move || count()}</p>
            <ul class="hallway-list">
                {keyed(move || rows.get(), |row| row.pass.id.clone(), move |row| view! { <HallwayRow pass=row.pass now=now /> }.into_any())}
            </ul>
        </section>
    }
}

#[component]
fn HallwayRow(pass: Pass, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let name = student_name(&pass);
    let label = format!("End pass for {name}");
    let left = {
        let pass = pass.clone();
        Memo::new(move |_| time_left(&pass, now.get()))
    };
    let overtime =
        Memo::new(move |_| left.with(|left| left.as_ref().is_some_and(|(_, over)| *over)));
    let id = pass.id.clone();
    let end = move |_| {
        let (api, id) = (session.api(), id.clone());
        // The live event (or the next reload) takes the row away.
        task.run(
            async move { api.end_pass(&id, &EndPass::default()).await },
            |_| {},
        );
    };
    view! {
        <li class="hallway-row" class:row-overtime=overtime>
            <Avatar initials=initials(&pass.student.first_name, &pass.student.last_name) picture_url=pass.student.picture_url.clone() />
            <span class="hallway-name">{name}</span>
            <span class="hallway-route">{route(&pass)}</span>
            <span class="hallway-time" class:overtime=overtime>{move || left.get().map(|(text, _)| text)}</span>
            <button type="button" class="button button-small" aria-label=label disabled=task.pending on:click=end>
                "End pass"
            </button>
            <ErrorAlert error=task.error />
        </li>
    }
}
