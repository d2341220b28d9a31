//! One of the student's open passes: the live countdown of an active one, a place in line,
//! a request waiting for a teacher, or a pass for later.
use hallpass_shared::passes::{Pass, PassState};
use leptos::prelude::*;

use super::end_pass::EndPassButton;
use super::mine::use_mine;
use crate::api::PassAction;
use crate::components::pass_text::{route, state_name, time_left, travel_type_name, when};
use crate::components::{initials, Avatar, ErrorAlert, Task, When};
use crate::session::use_session;
use crate::time::{ticking_clock, Style};

#[component]
pub fn OpenPass(id: String) -> impl IntoView {
    let mine = use_mine();
    let pass = Memo::new(move |_| {
        mine.passes
            .with(|passes| passes.iter().find(|pass| pass.id == id).cloned())
    });
    let state = Memo::new(move |_| pass.with(|pass| pass.as_ref().map(|pass| pass.state)));
    let title_id = move || pass.with(|p| p.as_ref().map(|p| format!("pass-{}", p.id)));
    view! {
        <section class="card pass-card" class:pass-active=move || state.get() == Some(PassState::Active) aria-labelledby=title_id>
            {move || pass.get().map(|p| view! {
                <p class="pass-state">{state_name(p.state)}</p>
                <h2 class="pass-route" id=format!("pass-{}", p.id)>{route(&p)}</h2>
            })}
            {move || match state.get() {
                Some(PassState::Active) => view! { <ActiveBody pass=pass /> }.into_any(),
                Some(PassState::Waiting) => view! { <WaitingBody pass=pass /> }.into_any(),
                Some(PassState::Pending) => view! { <PendingBody pass=pass /> }.into_any(),
                Some(PassState::Scheduled) => view! { <ScheduledBody pass=pass /> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn ActiveBody(pass: Memo<Option<Pass>>) -> impl IntoView {
    let session = use_session();
    let now = ticking_clock();
    let left = move || pass.with(|p| p.as_ref().and_then(|p| time_left(p, now.get())));
    let facts = move || {
        pass.with(|p| {
            p.as_ref().map(|p| {
                let zone = session.time_zone();
                let started = p
                    .started_at
                    .map(|at| when(at, zone.as_deref(), Style::Time))
                    .unwrap_or_default();
                format!(
                    "Started {started} · {} min · {}",
                    p.duration_minutes,
                    travel_type_name(p.travel_type)
                )
            })
        })
    };
    // Who holds the pass, for the teacher who asks to see it in the hall.
    let holder = move || {
        pass.with(|p| {
            p.as_ref().map(|p| {
                let student = p.student.clone();
                let name = format!("{} {}", student.first_name, student.last_name);
                view! {
                    <div class="pass-holder">
                        <Avatar initials=initials(&student.first_name, &student.last_name) picture_url=student.picture_url large=true />
                        <span>{name}</span>
                    </div>
                }
            })
        })
    };
    view! {
        {holder}
        <p class="countdown" class:overtime=move || left().is_some_and(|(_, over)| over) role="timer">
            {move || left().map(|(text, _)| text)}
        </p>
        <p class="muted">{move || facts()}</p>
        <EndPassButton pass=pass />
    }
}

#[component]
fn WaitingBody(pass: Memo<Option<Pass>>) -> impl IntoView {
    let now = ticking_clock();
    let turn_left = move || {
        pass.with(|p| {
            p.as_ref()
                .and_then(|p| p.turn_expires_at)
                .map(|end| (end - now.get()).num_seconds().max(0))
        })
    };
    let place = move || pass.with(|p| p.as_ref().and_then(|p| p.place_in_line));
    view! {
        {move || match turn_left() {
            Some(seconds) => view! {
                <p class="alert alert-warning turn" role="timer">
                    <strong>{format!("It's your turn: start within {seconds} s.")}</strong>
                </p>
                <ActionButton pass=pass action=PassAction::Start label="Start pass" primary=true />
            }
            .into_any(),
            None => view! {
                <p class="lead">
                    {move || place().map(|place| format!("You are number {place} in line."))}
                </p>
                <p class="muted">"The room or the hallway is full. Stay on this screen: your turn will show here."</p>
            }
            .into_any(),
        }}
        <ActionButton pass=pass action=PassAction::Cancel label="Leave the line" primary=false />
    }
}

#[component]
fn PendingBody(pass: Memo<Option<Pass>>) -> impl IntoView {
    let destination = move || pass.with(|p| p.as_ref().map(|p| p.destination_room.name.clone()));
    view! {
        <p>"Waiting for a teacher of " {destination} " to answer."</p>
        <ActionButton pass=pass action=PassAction::Cancel label="Cancel request" primary=false />
    }
}

#[component]
fn ScheduledBody(pass: Memo<Option<Pass>>) -> impl IntoView {
    let session = use_session();
    let now = ticking_clock();
    let start_at = move || pass.with(|p| p.as_ref().and_then(|p| p.start_at));
    let starts = move || {
        start_at().map(|at| {
            format!(
                "Starts at {}.",
                when(at, session.time_zone().as_deref(), Style::Time)
            )
        })
    };
    let due = move || start_at().is_none_or(|at| at <= now.get());
    view! {
        <p class="lead">{move || starts()}</p>
        <When when=due>
            <ActionButton pass=pass action=PassAction::Start label="Start pass" primary=true />
        </When>
        <ActionButton pass=pass action=PassAction::Cancel label="Cancel pass" primary=false />
    }
}

/// A button that starts or cancels the pass and takes in the answer.
#[component]
fn ActionButton(
    pass: Memo<Option<Pass>>,
    action: PassAction,
    label: &'static str,
    primary: bool,
) -> impl IntoView {
    let mine = use_mine();
    let session = use_session();
    let task = Task::new();
    let run = move |_| {
        let Some(id) = pass.with_untracked(|p| p.as_ref().map(|p| p.id.clone())) else {
            return;
        };
        let api = session.api();
        task.run(
            async move { api.pass_action(&id, action).await },
            move |pass| mine.apply(pass),
        );
    };
    view! {
        <ErrorAlert error=task.error />
        <button type="button" class=if primary { "button button-primary button-big" } else { "button" } disabled=task.pending on:click=run>
            {label}
        </button>
    }
}
