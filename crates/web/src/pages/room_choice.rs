//! Choosing rooms, for students making passes and for staff sending them.
use hallpass_shared::rooms::Room;
use leptos::prelude::*;

use crate::components::FieldErrorList;
use crate::text::lowercase;

/// A labelled `<select>` of rooms; `value` is the chosen room's id ("" for none yet).
#[component]
pub fn RoomSelect(
    id: &'static str,
    label: &'static str,
    #[prop(into)] rooms: Signal<Vec<Room>>,
    value: RwSignal<String>,
    #[prop(into, optional)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || errors.with(|e| !e.is_empty())>
            <label for=id>{label}</label>
            <select id=id name=id on:change=move |event| value.set(event_target_value(&event))>
                <option value="" selected=move || value.with(String::is_empty)>"Choose a room"</option>
                {move || {
                    rooms
                        .get()
                        .into_iter()
                        .map(|room| {
                            let room_id = room.id.clone();
                            let selected = move || value.with(|value| *value == room_id);
                            view! { <option value=room.id.clone() selected=selected>{room_label(&room)}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldErrorList label=label errors=errors />
        </div>
    }
}

/// The destination: a search box over a list of rooms to tap, for a phone.
#[component]
pub fn DestinationList(
    #[prop(into)] rooms: Signal<Vec<Room>>,
    /// The origin, which cannot be the destination too.
    exclude: RwSignal<String>,
    value: RwSignal<String>,
    #[prop(into, optional)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let matching = move || {
        let wanted = lowercase(search.get().trim());
        let exclude = exclude.get();
        rooms
            .get()
            .into_iter()
            .filter(|room| room.id != exclude)
            .filter(|room| wanted.is_empty() || lowercase(&room_label(room)).contains(&wanted))
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="field choice-group destination" class:field-invalid=move || errors.with(|e| !e.is_empty())>
            <legend>"To"</legend>
            <label class="visually-hidden" for="destination-search">"Find a destination"</label>
            <input id="destination-search" type="search" placeholder="Find a room" bind:value=search />
            <div class="room-options" role="radiogroup" aria-label="Destinations">
                {move || {
                    let rooms = matching();
                    if rooms.is_empty() {
                        return view! { <p class="muted">"No room matches."</p> }.into_any();
                    }
                    rooms
                        .into_iter()
                        .map(|room| {
                            let room_id = room.id.clone();
                            let checked = move || value.with(|value| *value == room_id);
                            let chosen_id = room.id.clone();
                            view! {
                                <label class="room-option">
                                    <input type="radio" name="destination" prop:checked=checked on:change=move |_| value.set(chosen_id.clone()) />
                                    <span class="room-option-name">{room.name.clone()}</span>
                                    <span class="room-option-meta">{room_meta(&room)}</span>
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
            <FieldErrorList label="To" errors=errors />
        </fieldset>
    }
}

/// "Library (204)"
pub fn room_label(room: &Room) -> String {
    match &room.number {
        Some(number) => format!("{} ({number})", room.name),
        None => room.name.clone(),
    }
}

/// "Restroom · up to 10 min · asks first"
fn room_meta(room: &Room) -> String {
    let mut parts = Vec::new();
    if let Some(category) = &room.category {
        parts.push(category.clone());
    }
    parts.push(format!("up to {} min", room.max_minutes));
    if room.restricted_now {
        parts.push("asks a teacher first".into());
    }
    parts.join(" · ")
}
