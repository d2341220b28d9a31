//! A student's passes (on their Home screen): make one, the ones under way, updated live, and
//! the history.

mod current;
mod draft;
mod end_pass;
mod history;
mod make_pass;
mod mine;
mod open_pass;

use leptos::prelude::*;

use crate::components::{ErrorAlert, Reload, When};
use current::OpenPasses;
use history::History;
use make_pass::MakePass;
use mine::Mine;

#[component]
pub fn StudentPasses() -> impl IntoView {
    let mine = Mine::provide();
    let rooms_load = Reload::new();
    let api = crate::session::use_session().api();
    rooms_load.run(async move { api.rooms().await }, move |rooms| {
        mine.rooms.set(rooms)
    });
    view! {
        <Remaining />
        <ErrorAlert error=mine.load.error />
        <ErrorAlert error=rooms_load.error />
        <EndedNotice />
        <OpenPasses />
        <When when=move || !mine.is_out()>
            <MakePass />
        </When>
        <History />
    }
}

/// "Passes left today", when the school has a limit.
#[component]
fn Remaining() -> impl IntoView {
    let mine = mine::use_mine();
    move || {
        mine.remaining.get().and_then(|remaining| {
            let left = remaining.remaining?;
            let per_day = remaining.per_day.unwrap_or_default();
            Some(view! {
                <p class="passes-left" class:none-left=left <= 0>
                    <strong>{format!("{left} of {per_day}")}</strong>
                    " passes left today"
                </p>
            })
        })
    }
}

/// Says so when a pass under way ends, whoever ended it.
#[component]
fn EndedNotice() -> impl IntoView {
    let mine = mine::use_mine();
    view! {
        <div aria-live="polite">
            {move || {
                mine.notice.get().map(|text| view! { <p class="alert alert-success notice">{text}</p> })
            }}
        </div>
    }
}
