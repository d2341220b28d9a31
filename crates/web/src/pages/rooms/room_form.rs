//! Adding or editing a room, and deleting it.
use std::collections::BTreeSet;

use hallpass_shared::patch::Patch;
use hallpass_shared::rooms::{NewRoom, Room, RoomPatch, TravelType};
use leptos::prelude::*;
use validator::Validate;

use crate::components::{
    effect, errors_for, validation_errors, CheckboxField, ConfirmDialog, ErrorAlert,
    FieldErrorList, FieldErrors, Task, TeacherPicker, TextField,
};
use crate::session::use_session;

/// The form's values as typed.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    number: RwSignal<String>,
    category: RwSignal<String>,
    one_way: RwSignal<bool>,
    round_trip: RwSignal<bool>,
    default_minutes: RwSignal<String>,
    max_minutes: RwSignal<String>,
    capacity: RwSignal<String>,
    restricted_now: RwSignal<bool>,
    restricted_future: RwSignal<bool>,
    end_requires_code: RwSignal<bool>,
    teachers: RwSignal<BTreeSet<String>>,
    enabled: RwSignal<bool>,
}

impl Draft {
    fn new(room: Option<&Room>) -> Self {
        let text = |value: Option<&String>| RwSignal::new(value.cloned().unwrap_or_default());
        let allows = |kind| room.is_none_or(|room| room.travel_types.contains(&kind));
        Draft {
            name: text(room.map(|room| &room.name)),
            number: text(room.and_then(|room| room.number.as_ref())),
            category: text(room.and_then(|room| room.category.as_ref())),
            one_way: RwSignal::new(allows(TravelType::OneWay)),
            round_trip: RwSignal::new(allows(TravelType::RoundTrip)),
            default_minutes: RwSignal::new(room.map_or(5, |room| room.default_minutes).to_string()),
            max_minutes: RwSignal::new(room.map_or(10, |room| room.max_minutes).to_string()),
            capacity: RwSignal::new(
                room.and_then(|room| room.capacity)
                    .map(|capacity| capacity.to_string())
                    .unwrap_or_default(),
            ),
            restricted_now: RwSignal::new(room.is_some_and(|room| room.restricted_now)),
            restricted_future: RwSignal::new(room.is_some_and(|room| room.restricted_future)),
            end_requires_code: RwSignal::new(room.is_some_and(|room| room.end_requires_code)),
            teachers: RwSignal::new(
                room.map(|room| room.teacher_ids.iter().cloned().collect())
                    .unwrap_or_default(),
            ),
            enabled: RwSignal::new(room.is_none_or(|room| room.enabled)),
        }
    }

    /// The room as a `NewRoom` (a patch sends every field too), or the field messages.
    fn to_new_room(self) -> Result<NewRoom, FieldErrors> {
        let mut errors = FieldErrors::new();
        let optional = |signal: RwSignal<String>| {
            let text = signal.get_untracked().trim().to_owned();
            (!text.is_empty()).then_some(text)
        };
        let mut number = |field: &str, signal: RwSignal<String>| -> i32 {
            signal.get_untracked().trim().parse().unwrap_or_else(|_| {
                errors
                    .entry(field.into())
                    .or_default()
                    .push("must be a whole number".into());
                0
            })
        };
        let default_minutes = number("default_minutes", self.default_minutes);
        let max_minutes = number("max_minutes", self.max_minutes);
        let capacity = optional(self.capacity).map(|_| number("capacity", self.capacity));
        let mut travel_types = Vec::new();
        if self.round_trip.get_untracked() {
            travel_types.push(TravelType::RoundTrip);
        }
        if self.one_way.get_untracked() {
            travel_types.push(TravelType::OneWay);
        }
        let room = NewRoom {
            name: self.name.get_untracked().trim().to_owned(),
            number: optional(self.number),
            category: optional(self.category),
            travel_types,
            default_minutes,
            max_minutes,
            capacity,
            restricted_now: self.restricted_now.get_untracked(),
            restricted_future: self.restricted_future.get_untracked(),
            end_requires_code: self.end_requires_code.get_untracked(),
            teacher_ids: self.teachers.get_untracked().into_iter().collect(),
            enabled: self.enabled.get_untracked(),
        };
        if let Err(invalid) = room.validate() {
            for (field, messages) in validation_errors(&invalid) {
                errors.entry(field).or_default().extend(messages);
            }
        }
        if room.default_minutes > room.max_minutes && errors.is_empty() {
            errors
                .entry("default_minutes".into())
                .or_default()
                .push("must not be more than the longest pass".into());
        }
        if errors.is_empty() {
            Ok(room)
        } else {
            Err(errors)
        }
    }
}

fn patch_from(room: NewRoom) -> RoomPatch {
    RoomPatch {
        name: Patch::Set(room.name),
        number: Patch::Set(room.number),
        category: Patch::Set(room.category),
        travel_types: Patch::Set(room.travel_types),
        default_minutes: Patch::Set(room.default_minutes),
        max_minutes: Patch::Set(room.max_minutes),
        capacity: Patch::Set(room.capacity),
        restricted_now: Patch::Set(room.restricted_now),
        restricted_future: Patch::Set(room.restricted_future),
        end_requires_code: Patch::Set(room.end_requires_code),
        teacher_ids: Patch::Set(room.teacher_ids),
        enabled: Patch::Set(room.enabled),
    }
}

#[component]
pub fn RoomForm(room: Option<Room>, done: Callback<String>) -> impl IntoView {
    let session = use_session();
    let draft = Draft::new(room.as_ref());
    let existing = room.map(|room| room.id);
    let editing = existing.is_some();
    let field_errors = RwSignal::new(FieldErrors::new());
    let task = Task::new();
    effect(move || {
        if let Some(error) = task.error.get() {
            field_errors.set(error.field_errors());
        }
    });
    let id_for_save = existing.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let new = match draft.to_new_room() {
            Ok(new) => new,
            Err(errors) => return field_errors.set(errors),
        };
        field_errors.set(FieldErrors::new());
        let (api, id) = (session.api(), id_for_save.clone());
        let name = new.name.clone();
        task.run(
            async move {
                match id {
                    Some(id) => api.update_room(&id, &patch_from(new)).await,
                    None => api.create_room(&new).await,
                }
            },
            move |_| {
                done.run(if editing {
                    format!("Saved {name}.")
                } else {
                    format!("Added {name}.")
                })
            },
        );
    };
    let errors = move |field| errors_for(field_errors, field);
    view! {
        <form class="stack" on:submit=submit>
            <ErrorAlert error=task.error />
            <TextField id="room-name" label="Name" value=draft.name required=true errors=errors("name") />
            <div class="field-row">
                <TextField id="room-number" label="Number (optional)" value=draft.number errors=errors("number") />
                <TextField id="room-category" label="Category (optional)" value=draft.category hint="Such as Restroom, Office or Classroom." errors=errors("category") />
            </div>
            <fieldset class="field choice-group">
                <legend>"Travel types"</legend>
                <CheckboxField id="room-round-trip" label="Round trip" checked=draft.round_trip />
                <CheckboxField id="room-one-way" label="One way" checked=draft.one_way />
                <FieldErrorList label="Travel types" errors=errors("travel_types") />
            </fieldset>
            <div class="field-row">
                <TextField id="room-default" label="Usual minutes" input_type="number" input_mode="numeric" value=draft.default_minutes errors=errors("default_minutes") />
                <TextField id="room-max" label="Most minutes" input_type="number" input_mode="numeric" value=draft.max_minutes errors=errors("max_minutes") />
            </div>
            <TextField id="room-capacity" label="Capacity (optional)" input_type="number" input_mode="numeric" value=draft.capacity hint="Most students out to this room at once. Empty: no cap." errors=errors("capacity") />
            <CheckboxField id="room-restricted-now" label="Passes for now need a teacher's approval" checked=draft.restricted_now />
            <CheckboxField id="room-restricted-future" label="Passes for later need a teacher's approval" checked=draft.restricted_future />
            <CheckboxField id="room-end-code" label="Ending a pass here needs the room code or a PIN" checked=draft.end_requires_code />
            <CheckboxField id="room-enabled" label="Taking passes" checked=draft.enabled hint="Untick to disable the room without deleting it." />
            <TeacherPicker id="room-teachers" legend="Teachers" hint="They see the room's code and decide its requests." selected=draft.teachers errors=errors("teacher_ids") />
            <button type="submit" class="button button-primary" disabled=task.pending>
                {move || match (task.pending.get(), editing) {
                    (true, _) => "Saving…",
                    (false, true) => "Save room",
                    (false, false) => "Add room",
                }}
            </button>
        </form>
        {existing.map(|id| view! { <DeleteRoom id=id name=draft.name.get_untracked() done=done /> })}
    }
}

#[component]
fn DeleteRoom(id: String, name: String, done: Callback<String>) -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let confirming = RwSignal::new(false);
    let title = format!("Delete {name}?");
    let delete = move |_| {
        let (api, id, name) = (session.api(), id.clone(), name.clone());
        task.run(async move { api.delete_room(&id).await }, move |_| {
            confirming.set(false);
            done.run(format!("Deleted {name}."));
        });
    };
    view! {
        <section class="panel-section" aria-labelledby="delete-room-title">
            <h3 id="delete-room-title">"Delete"</h3>
            <p class="muted">"To keep its past passes visible, disable the room instead."</p>
            <button type="button" class="button button-danger-outline" on:click=move |_| confirming.set(true)>
                "Delete room"
            </button>
        </section>
        <ConfirmDialog id="delete-room" title=title open=confirming confirm_label="Delete room" danger=true pending=task.pending on_confirm=Callback::new(delete)>
            <p>"The room is removed for good."</p>
            <ErrorAlert error=task.error />
        </ConfirmDialog>
    }
}
