//! "End pass": where the ending room asks for it, with its room code or a teacher's PIN.
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::{EndPass, Pass};
use hallpass_shared::rooms::TravelType;
use leptos::prelude::*;

use super::mine::use_mine;
use crate::components::{effect, Dialog, ErrorAlert, Task, When};
use crate::session::use_session;

#[component]
pub fn EndPassButton(pass: Memo<Option<Pass>>) -> impl IntoView {
    let mine = use_mine();
    let session = use_session();
    let task = Task::new();
    let asking = RwSignal::new(false);
    // The room where the pass ends: the destination one way, the origin round trip.
    let ending_room = move || {
        pass.with(|p| {
            p.as_ref().map(|p| match p.travel_type {
                TravelType::OneWay => p.destination_room.clone(),
                TravelType::RoundTrip => p.origin_room.clone(),
            })
        })
    };
    let needs_code = move || {
        ending_room()
            .and_then(|room| mine.room(&room.id))
            .is_some_and(|room| room.end_requires_code)
    };
    let end = move |proof: EndPass| {
        let Some(id) = pass.with_untracked(|p| p.as_ref().map(|p| p.id.clone())) else {
            return;
        };
        let api = session.api();
        task.run(
            async move { api.end_pass(&id, &proof).await },
            move |ended| {
                asking.set(false);
                mine.apply(ended);
            },
        );
    };
    // A room that asks for a code the screen did not know about: ask then.
    effect(move || {
        if task.error.with(|e| e.as_ref().and_then(|e| e.code()))
            == Some(ErrorCode::InvalidRoomCode)
        {
            asking.set(true);
        }
    });
    let on_click = move |_| {
        if needs_code() {
            task.error.set(None);
            asking.set(true);
        } else {
            end(EndPass::default());
        }
    };
    let room_name = move || ending_room().map(|room| room.name).unwrap_or_default();
    view! {
        <When when=move || !asking.get()>
            <ErrorAlert error=task.error />
        </When>
        <button type="button" class="button button-danger button-big" disabled=task.pending on:click=on_click>
            "End pass"
        </button>
        <Dialog id="end-pass" title="End your pass" open=asking>
            <CodeForm room_name=Signal::derive(room_name) task=task on_submit=Callback::new(end) />
        </Dialog>
    }
}

#[component]
fn CodeForm(room_name: Signal<String>, task: Task, on_submit: Callback<EndPass>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed: String = code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // A teacher's PIN has four digits; a room code has six.
        let proof = if typed.len() == 4 {
            EndPass {
                room_code: None,
                pin: Some(typed),
            }
        } else {
            EndPass {
                room_code: Some(typed),
                pin: None,
            }
        };
        on_submit.run(proof);
    };
    view! {
        <form class="stack" on:submit=submit>
            <ErrorAlert error=task.error />
            <div class="field">
                <label for="end-code">"Room code or teacher PIN"</label>
                <p class="field-hint" id="end-code-hint">
                    "The 6-digit code shown in " {move || room_name.get()} ", or a teacher's 4-digit PIN."
                </p>
                <input id="end-code" class="code-input" inputmode="numeric" autocomplete="off" maxlength="6"
                    required aria-describedby="end-code-hint" bind:value=code />
            </div>
            <button type="submit" class="button button-danger button-big" disabled=task.pending>
                {move || if task.pending.get() { "Ending…" } else { "End pass" }}
            </button>
        </form>
    }
}
