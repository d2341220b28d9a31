//! "Send a pass": staff with `send_passes` make a pass for a student, which starts at once.
use hallpass_shared::passes::NewPass;
use hallpass_shared::rooms::Room;
use hallpass_shared::user::{Permission, User};
use leptos::prelude::*;

use crate::components::{effect, CheckboxField, Dialog, ErrorAlert, Reload, Task, TextField, When};
use crate::pages::room_choice::RoomSelect;
use crate::pages::student_search::StudentSearch;
use crate::session::use_session;

#[component]
pub fn SendPassButton() -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let sent = RwSignal::new(None::<String>);
    view! {
        <When when=move || session.has(Permission::SendPasses)>
            <button type="button" class="button button-primary" on:click=move |_| { sent.set(None); open.set(true) }>
                "Send a pass"
            </button>
        </When>
        <p class="sent-note" aria-live="polite">
            {move || sent.get().map(|text| view! { <span class="alert alert-success">{text}</span> })}
        </p>
        <Dialog id="send-pass" title="Send a pass" open=open>
            <SendPassForm open=open sent=sent />
        </Dialog>
    }
}

#[component]
fn SendPassForm(open: RwSignal<bool>, sent: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let student = RwSignal::new(None::<User>);
    let origin = RwSignal::new(String::new());
    let destination = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let override_limit = RwSignal::new(false);
    let rooms = RwSignal::new(Vec::<Room>::new());
    let rooms_load = Reload::new();
    let api = session.api();
    rooms_load.run(async move { api.rooms().await }, move |all: Vec<Room>| {
        rooms.set(all.into_iter().filter(|room| room.enabled).collect())
    });
    let room = move |id: &str| rooms.with(|rooms| rooms.iter().find(|room| room.id == id).cloned());
    effect(move || {
        if let Some(room) = destination.with(|id| room(id)) {
            minutes.set(room.default_minutes.to_string());
        }
    });
    let task = Task::new();
    let problem = RwSignal::new(None::<&'static str>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(chosen) = student.get_untracked() else {
            problem.set(Some("Choose a student first."));
            return;
        };
        let Some(to) = destination.with_untracked(|id| room(id)) else {
            problem.set(Some("Choose where the student goes."));
            return;
        };
        problem.set(None);
        let request = NewPass {
            student_id: Some(chosen.id.clone()),
            origin_room_id: origin.get_untracked(),
            destination_room_id: to.id.clone(),
            travel_type: to
                .travel_types
                .first()
                .copied()
                .unwrap_or(hallpass_shared::rooms::TravelType::RoundTrip),
            duration_minutes: minutes
                .get_untracked()
                .trim()
                .parse()
                .unwrap_or(to.default_minutes),
            start_at: None,
            message: None,
            override_limit: override_limit.get_untracked(),
            wait_if_full: false,
        };
        let api = session.api();
        task.run(async move { api.create_pass(&request).await }, move |_| {
            sent.set(Some(format!("Pass sent to {}.", chosen.full_name())));
            open.set(false);
        });
    };
    let chosen_name = move || student.with(|s| s.as_ref().map(User::full_name));
    view! {
        <form class="stack" on:submit=submit>
            <StudentSearch id="send-student" label="Student" on_pick=Callback::new(move |picked| student.set(Some(picked))) />
            <p class="chosen" aria-live="polite">
                {move || chosen_name().map(|name| view! { "Chosen: " <strong>{name}</strong> })}
            </p>
            <RoomSelect id="send-origin" label="From" rooms=rooms value=origin />
            <RoomSelect id="send-destination" label="To" rooms=rooms value=destination />
            <TextField id="send-minutes" label="Minutes" input_type="number" input_mode="numeric" value=minutes />
            <CheckboxField id="send-override" label="Override the daily limit" checked=override_limit hint="Recorded with the pass." />
            {move || problem.get().map(|text| view! { <p class="alert alert-error" role="alert">{text}</p> })}
            <ErrorAlert error=rooms_load.error />
            <ErrorAlert error=task.error />
            <button type="submit" class="button button-primary" disabled=task.pending>
                {move || if task.pending.get() { "Sending…" } else { "Send pass" }}
            </button>
        </form>
    }
}
