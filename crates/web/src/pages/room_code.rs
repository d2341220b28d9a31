//! The room code screen for teachers and assistants: one of their rooms' current code, large
//! enough to read across a classroom, renewed when it changes; and the teacher's PIN.
use std::time::Duration;

use hallpass_shared::rooms::{RoomCode, SetPin};
use leptos::prelude::*;
use validator::Validate;

use crate::components::{effect, ErrorAlert, PageHeading, Reload, Task, TextField, When};
use crate::pages::hallway::MyRooms;
use crate::pages::room_choice::RoomSelect;
use crate::session::use_session;

#[component]
pub fn RoomCodePage() -> impl IntoView {
    let rooms = MyRooms::load();
    let room = RwSignal::new(String::new());
    // The first room is the usual case: show it at once.
    effect(move || {
        if room.with_untracked(String::is_empty) {
            if let Some(first) = rooms
                .rooms
                .with(|rooms| rooms.first().map(|r| r.id.clone()))
            {
                room.set(first);
            }
        }
    });
    view! {
        <PageHeading title="Room code" />
        <section class="card stack">
            <ErrorAlert error=rooms.load.error />
            <When
                when=move || !rooms.rooms.with(Vec::is_empty) || rooms.load.loading.get()
                fallback=|| view! { <p class="muted">"You have no rooms yet. An administrator adds you to rooms."</p> }
            >
                <RoomSelect id="code-room" label="Room" rooms=rooms.rooms value=room />
                {move || {
                    let id = room.get();
                    (!id.is_empty()).then(|| view! { <CodeDisplay room_id=id /> })
                }}
            </When>
        </section>
        <PinForm />
    }
}

#[component]
fn CodeDisplay(room_id: String) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(None::<RoomCode>);
    let load = Reload::new();
    // Counts the codes shown; each one schedules the next read for when it changes.
    let round = RwSignal::new(0u32);
    effect(move || {
        round.track();
        let (api, id) = (session.api(), room_id.clone());
        load.run(
            async move { api.room_code(&id).await },
            move |answer: RoomCode| {
                let wait = Duration::from_secs(answer.expires_in.max(1) + 1);
                code.set(Some(answer));
                set_timeout(
                    move || {
                        let _ = round.try_update(|round| *round += 1);
                    },
                    wait,
                );
            },
        );
    });
    let digits = move || code.with(|code| code.as_ref().map(|code| code.code.clone()));
    view! {
        <ErrorAlert error=load.error />
        <p class="room-code" aria-label="Room code" aria-live="polite">{move || digits()}</p>
        <p class="muted">"Students type this code to end a pass here. It changes every 30 seconds."</p>
    }
}

/// `PUT /me/pin`: four digits a teacher types on a student's device to end a pass.
#[component]
fn PinForm() -> impl IntoView {
    let session = use_session();
    let pin = RwSignal::new(String::new());
    let task = Task::new();
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(Vec::<String>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let request = SetPin {
            pin: pin.get_untracked().trim().to_owned(),
        };
        let digits = request.pin.chars().all(|c| c.is_ascii_digit());
        if request.validate().is_err() || !digits {
            problem.set(vec!["must be exactly 4 digits".into()]);
            return;
        }
        problem.set(Vec::new());
        let api = session.api();
        task.run(async move { api.set_pin(&request).await }, move |_| {
            pin.set(String::new());
            saved.set(true);
        });
    };
    view! {
        <form class="card stack" aria-labelledby="pin-title" on:submit=submit>
            <h2 id="pin-title">"Your PIN"</h2>
            <p class="muted">"Type it on a student's device to end their pass in your room."</p>
            <When when=move || saved.get()>
                <p class="alert alert-success" role="status">"PIN saved."</p>
            </When>
            <ErrorAlert error=task.error />
            <TextField id="pin" label="New PIN" input_type="password" input_mode="numeric" autocomplete="off" value=pin errors=problem />
            <button type="submit" class="button button-primary" disabled=task.pending>"Save PIN"</button>
        </form>
    }
}
