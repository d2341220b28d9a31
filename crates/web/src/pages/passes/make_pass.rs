//! "Make a pass": origin (remembered), destination (searchable), travel type, duration, now
//! or later, and an optional message. A full room or hallway offers a place in line.
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::{NewPass, Pass, PassState};
use hallpass_shared::rooms::{Room, TravelType};
use leptos::prelude::*;

use super::draft::Draft;
use super::mine::use_mine;
use crate::components::pass_text::travel_type_name;
use crate::components::{
    effect, errors_for, ErrorAlert, FieldErrorList, FieldErrors, Task, TextField, When,
};
use crate::pages::room_choice::{DestinationList, RoomSelect};
use crate::session::use_session;

const LAST_ORIGIN_KEY: &str = "hallpass.last_origin";

#[component]
pub fn MakePass() -> impl IntoView {
    let mine = use_mine();
    let session = use_session();
    let draft = Draft {
        origin: RwSignal::new(remembered_origin()),
        destination: RwSignal::new(String::new()),
        travel_type: RwSignal::new(TravelType::RoundTrip),
        minutes: RwSignal::new(String::new()),
        later: RwSignal::new(false),
        start_time: RwSignal::new(String::new()),
        message: RwSignal::new(String::new()),
    };
    let Draft {
        origin,
        destination,
        travel_type,
        minutes,
        later,
        start_time,
        message,
    } = draft;
    let field_errors = RwSignal::new(FieldErrors::new());
    let task = Task::new();
    let last_sent = StoredValue::new(None::<NewPass>);
    // The request a full room refused, to send again as a place in line.
    let refused_full = RwSignal::new(None::<NewPass>);

    let enabled_rooms = Signal::derive(move || {
        mine.rooms.with(|rooms| {
            rooms
                .iter()
                .filter(|room| room.enabled)
                .cloned()
                .collect::<Vec<Room>>()
        })
    });
    let chosen = Memo::new(move |_| destination.with(|id| mine.room(id)));
    // A new destination brings its own choices and default length.
    effect(move || {
        if let Some(room) = chosen.get() {
            minutes.set(room.default_minutes.to_string());
            if !room.travel_types.contains(&travel_type.get_untracked()) {
                if let Some(first) = room.travel_types.first() {
                    travel_type.set(*first);
                }
            }
        }
    });

    let send = move |request: NewPass| {
        let api = session.api();
        refused_full.set(None);
        last_sent.set_value(Some(request.clone()));
        let origin_id = request.origin_room_id.clone();
        task.run(
            async move { api.create_pass(&request).await },
            move |pass: Pass| {
                remember_origin(&origin_id);
                destination.set(String::new());
                message.set(String::new());
                later.set(false);
                mine.notice.set(Some(made_text(&pass)));
                mine.apply(pass);
            },
        );
    };
    effect(move || {
        let Some(error) = task.error.get() else {
            return;
        };
        if error.code() == Some(ErrorCode::CapacityReached) {
            refused_full.set(last_sent.get_value());
        }
        field_errors.set(error.field_errors());
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        mine.notice.set(None);
        match draft.to_request(&session.time_zone().unwrap_or_else(|| "UTC".into())) {
            Ok(request) => {
                field_errors.set(FieldErrors::new());
                send(request);
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let wait_in_line = move |_| {
        if let Some(mut request) = refused_full.get_untracked() {
            request.wait_if_full = true;
            send(request);
        }
    };
    let submit_label = move || {
        let restricted = chosen.with(|room| {
            room.as_ref().is_some_and(|room| {
                if later.get() {
                    room.restricted_future
                } else {
                    room.restricted_now
                }
            })
        });
        match (task.pending.get(), restricted, later.get()) {
            (true, _, _) => "Sending…",
            (false, true, _) => "Send request",
            (false, false, true) => "Schedule pass",
            (false, false, false) => "Start pass",
        }
    };
    let max_hint = move || {
        chosen
            .get()
            .map(|room| format!("Up to {} minutes for {}.", room.max_minutes, room.name))
            .unwrap_or_else(|| "Choose a destination first.".into())
    };

    view! {
        <form class="card stack make-pass" aria-labelledby="make-pass-title" on:submit=on_submit>
            <h2 id="make-pass-title">"Make a pass"</h2>
            <RoomSelect id="origin" label="From" rooms=enabled_rooms value=origin errors=errors_for(field_errors, "origin_room_id") />
            <DestinationList rooms=enabled_rooms exclude=origin value=destination errors=errors_for(field_errors, "destination_room_id") />
            <When when=move || chosen.with(|room| room.as_ref().is_some_and(|room| room.travel_types.len() > 1))>
                <fieldset class="field choice-group">
                    <legend>"Travel type"</legend>
                    <div class="segmented">
                        {[TravelType::RoundTrip, TravelType::OneWay]
                            .into_iter()
                            .map(|kind| view! {
                                <label class="segment">
                                    <input type="radio" name="travel_type" prop:checked=move || travel_type.get() == kind on:change=move |_| travel_type.set(kind) />
                                    <span>{travel_type_name(kind)}</span>
                                </label>
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            </When>
            <div class="field">
                <label for="duration">"Minutes"</label>
                <p class="field-hint" id="duration-hint">{move || max_hint()}</p>
                <input id="duration" type="number" inputmode="numeric" min="1"
                    max=move || chosen.get().map(|room| room.max_minutes.to_string())
                    aria-describedby="duration-hint" bind:value=minutes />
                <FieldErrorList label="Minutes" errors=errors_for(field_errors, "duration_minutes") />
            </div>
            <fieldset class="field choice-group">
                <legend>"When"</legend>
                <div class="segmented">
                    <label class="segment">
                        <input type="radio" name="when" prop:checked=move || !later.get() on:change=move |_| later.set(false) />
                        <span>"Now"</span>
                    </label>
                    <label class="segment">
                        <input type="radio" name="when" prop:checked=move || later.get() on:change=move |_| later.set(true) />
                        <span>"Later"</span>
                    </label>
                </div>
            </fieldset>
            <When when=move || later.get()>
                <TextField id="start_time" label="Start at" input_type="time" value=start_time required=true errors=errors_for(field_errors, "start_at") />
            </When>
            <TextField id="message" label="Message (optional)" value=message errors=errors_for(field_errors, "message") />
            <ErrorAlert error=task.error />
            <When when=move || refused_full.with(Option::is_some)>
                <button type="button" class="button button-primary" on:click=wait_in_line disabled=task.pending>
                    "Wait in line"
                </button>
            </When>
            <button type="submit" class="button button-primary button-big" disabled=task.pending>
                {move || submit_label()}
            </button>
        </form>
    }
}

fn made_text(pass: &Pass) -> String {
    match pass.state {
        PassState::Active => "Your pass has started.".into(),
        PassState::Pending => format!(
            "Request sent: a teacher of {} will answer it.",
            pass.destination_room.name
        ),
        PassState::Scheduled => "Your pass is scheduled.".into(),
        PassState::Waiting => "You are in line.".into(),
        _ => "Your pass was made.".into(),
    }
}

fn remembered_origin() -> String {
    storage()
        .and_then(|storage| storage.get_item(LAST_ORIGIN_KEY).ok().flatten())
        .unwrap_or_default()
}

fn remember_origin(id: &str) {
    if let Some(storage) = storage() {
        // Only a convenience: nothing to do when the browser refuses.
        let _ = storage.set_item(LAST_ORIGIN_KEY, id);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
