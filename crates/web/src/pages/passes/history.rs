use leptos::prelude::*;

use crate::components::When;

use super::mine::{is_open, use_mine};
use crate::components::pass_text::{outcome, route, when};
use crate::session::use_session;
use crate::time::Style;

/// The student's finished passes, newest first.
#[component]
pub fn History() -> impl IntoView {
    let mine = use_mine();
    let session = use_session();
    let rows = move || {
        let zone = session.time_zone();
        mine.passes.with(|passes| {
            passes
                .iter()
                .filter(|pass| !is_open(pass.state))
                .map(|pass| {
                    let how = outcome(pass);
                    let at = pass.started_at.unwrap_or(pass.created_at);
                    view! {
                        <li class="history-item">
                            <span class="history-route">{route(pass)}</span>
                            <span class="muted">{format!("{} · {} min · {how}", when(at, zone.as_deref(), Style::DateTime), pass.duration_minutes)}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || {
        mine.passes
            .with(|passes| passes.iter().all(|pass| is_open(pass.state)))
    };
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">"Recent passes"</h2>
            <When when=empty fallback=move || view! { <ul class="history">{move || rows()}</ul> }>
                <p class="muted">"No passes yet."</p>
            </When>
        </section>
    }
}
