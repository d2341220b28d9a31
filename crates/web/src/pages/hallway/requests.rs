//! The request inbox: passes to the caller's restricted rooms, waiting for a decision. New
//! requests arrive live (`request.created`); decided ones leave, whoever decided them.
use hallpass_shared::page::MAX_LIMIT;
use hallpass_shared::passes::{Pass, PassQuery, PassState};
use leptos::prelude::*;

use super::my_rooms::MyRooms;
use crate::api::PassAction;
use crate::components::pass_text::{route, student_name, when};
use crate::components::{initials, keyed, Avatar, ErrorAlert, Reload, Task, When};
use crate::live::{use_live, LiveEvent};
use crate::session::use_session;
use crate::time::Style;

#[component]
pub fn RequestInbox() -> impl IntoView {
    let session = use_session();
    let rooms = MyRooms::load();
    let requests = RwSignal::new(Vec::<Pass>::new());
    let load = Reload::new();
    let reload = move || {
        let api = session.api();
        let query = PassQuery {
            state: Some(PassState::Pending),
            limit: Some(MAX_LIMIT),
            ..PassQuery::default()
        };
        load.run(async move { api.passes(&query).await }, move |page| {
            requests.set(page.items)
        });
    };
    reload();
    use_live().subscribe(move |event| match event {
        LiveEvent::Resync | LiveEvent::Emergency(_) => reload(),
        event => {
            let Some(pass) = event.pass() else { return };
            requests.update(|requests| {
                requests.retain(|known| known.id != pass.id);
                if pass.state == PassState::Pending {
                    requests.insert(0, pass.clone());
                }
            });
        }
    });
    // Only the destination's teachers (and their assistants) decide.
    let mine = move || {
        requests.with(|requests| {
            requests
                .iter()
                .filter(|pass| rooms.has(&pass.destination_room.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let heading = move || match mine().len() {
        0 => "Requests".to_string(),
        n => format!("Requests ({n})"),
    };
    view! {
        <section class="card" aria-labelledby="requests-title">
            <h2 id="requests-title">{move || heading()}</h2>
            <ErrorAlert error=load.error />
            <ErrorAlert error=rooms.load.error />
            <When when=move || mine().is_empty()>
                <p class="muted">"No requests waiting."</p>
            </When>
            <ul class="request-list">
                {keyed(mine, |pass| pass.id.clone(), move |pass| view! { <Request pass=pass requests=requests /> }.into_any())}
            </ul>
        </section>
    }
}

#[component]
fn Request(pass: Pass, requests: RwSignal<Vec<Pass>>) -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let name = student_name(&pass);
    let zone = session.time_zone();
    let timing = match pass.start_at {
        Some(at) => format!("For {}", when(at, zone.as_deref(), Style::DateTime)),
        None => format!(
            "Now · asked {}",
            when(pass.created_at, zone.as_deref(), Style::Time)
        ),
    };
    let decide = {
        let id = pass.id.clone();
        move |action: PassAction| {
            let (api, id) = (session.api(), id.clone());
            task.run(
                async move { api.pass_action(&id, action).await },
                move |decided| {
                    requests.update(|requests| requests.retain(|known| known.id != decided.id));
                },
            );
        }
    };
    let approve = {
        let decide = decide.clone();
        move |_| decide(PassAction::Approve)
    };
    let deny = move |_| decide(PassAction::Deny);
    view! {
        <li class="request">
            <Avatar initials=initials(&pass.student.first_name, &pass.student.last_name) picture_url=pass.student.picture_url.clone() />
            <div class="request-text">
                <strong>{name.clone()}</strong>
                <span>{route(&pass)} {format!(" · {} min", pass.duration_minutes)}</span>
                <span class="muted">{timing}</span>
                {pass.message.clone().map(|message| view! { <q class="request-message">{message}</q> })}
            </div>
            <div class="button-row">
                <button type="button" class="button button-primary button-small" aria-label=format!("Approve {name}") disabled=task.pending on:click=approve>
                    "Approve"
                </button>
                <button type="button" class="button button-small" aria-label=format!("Deny {name}") disabled=task.pending on:click=deny>
                    "Deny"
                </button>
            </div>
            <ErrorAlert error=task.error />
        </li>
    }
}
