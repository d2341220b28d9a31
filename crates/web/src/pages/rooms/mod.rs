//! Rooms (needs `manage_rooms`): the list, adding, editing, disabling and deleting.

mod room_form;

use hallpass_shared::rooms::Room;
use hallpass_shared::user::Permission;
use leptos::prelude::*;

use crate::components::pass_text::travel_type_name;
use crate::components::{effect, keyed, Dialog, ErrorAlert, PageHeading, Reload, When};
use crate::pages::room_choice::room_label;
use crate::session::use_session;
use room_form::RoomForm;

#[component]
pub fn RoomsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="page-wide">
            <PageHeading title="Rooms" />
            <When
                when=move || session.has(Permission::ManageRooms)
                fallback=|| view! { <p class="alert alert-error" role="alert">"You don't have permission to manage rooms."</p> }
            >
                <RoomsManager />
            </When>
        </div>
    }
}

/// Which room the dialog edits: `None` adds one.
#[derive(Clone, PartialEq)]
enum Editing {
    Closed,
    New,
    Room(Box<Room>),
}

#[component]
fn RoomsManager() -> impl IntoView {
    let session = use_session();
    let rooms = RwSignal::new(Vec::<Room>::new());
    let load = Reload::new();
    let outcome = RwSignal::new(None::<String>);
    let reload = move || {
        let api = session.api();
        load.run(async move { api.rooms().await }, move |all| rooms.set(all));
    };
    reload();
    let editing = RwSignal::new(Editing::Closed);
    let open = RwSignal::new(false);
    effect(move || {
        if !open.get() {
            editing.set(Editing::Closed);
        }
    });
    let start = move |what: Editing| {
        outcome.set(None);
        editing.set(what);
        open.set(true);
    };
    let done = Callback::new(move |message: String| {
        open.set(false);
        outcome.set(Some(message));
        reload();
    });
    let title = move || match editing.get() {
        Editing::Room(room) => format!("Edit {}", room.name),
        _ => "Add a room".into(),
    };
    view! {
        <div class="card">
            <div class="list-toolbar">
                <p class="list-summary">{move || format!("{} rooms", rooms.with(Vec::len))}</p>
                <button type="button" class="button button-primary add-button" on:click=move |_| start(Editing::New)>
                    <span aria-hidden="true">"+ "</span>
                    "Add room"
                </button>
            </div>
            <div aria-live="polite">
                {move || outcome.get().map(|text| view! { <p class="alert alert-success">{text}</p> })}
            </div>
            <ErrorAlert error=load.error />
            <table class="rooms-table">
                <thead>
                    <tr>
                        <th scope="col">"Room"</th>
                        <th scope="col">"Travel"</th>
                        <th scope="col">"Minutes"</th>
                        <th scope="col">"Rules"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {keyed(move || rooms.get(), room_key, move |room| view! { <RoomRow room=room on_edit=Callback::new(move |room| start(Editing::Room(Box::new(room)))) /> }.into_any())}
                </tbody>
            </table>
        </div>
        <Dialog id="room-dialog" title=title open=open class="dialog-panel">
            {move || {
                let room = match editing.get_untracked() {
                    Editing::Room(room) => Some(*room),
                    _ => None,
                };
                view! { <RoomForm room=room done=done /> }
            }}
        </Dialog>
    }
}

#[component]
fn RoomRow(room: Room, on_edit: Callback<Room>) -> impl IntoView {
    let travel = room
        .travel_types
        .iter()
        .map(|kind| travel_type_name(*kind))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rules = Vec::new();
    if !room.enabled {
        rules.push("Disabled".to_string());
    }
    if room.restricted_now || room.restricted_future {
        rules.push("Asks a teacher".into());
    }
    if room.end_requires_code {
        rules.push("Code to end".into());
    }
    if let Some(capacity) = room.capacity {
        rules.push(format!("{capacity} at once"));
    }
    let name = room_label(&room);
    let label = format!("Edit {name}");
    let (disabled, category) = (!room.enabled, room.category.clone());
    view! {
        <tr class:row-disabled=disabled>
            <th scope="row">{name}<span class="muted cell-note">{category}</span></th>
            <td data-label="Travel">{travel}</td>
            <td data-label="Minutes">{format!("{} (max {})", room.default_minutes, room.max_minutes)}</td>
            <td data-label="Rules">{rules.join(" · ")}</td>
            <td>
                <button type="button" class="button button-small" aria-label=label on:click=move |_| on_edit.run(room.clone())>
                    "Edit"
                </button>
            </td>
        </tr>
    }
}

/// The whole room, so that an edited room is drawn again.
fn room_key(room: &Room) -> String {
    serde_json::to_string(room).unwrap_or_else(|_| room.id.clone())
}
