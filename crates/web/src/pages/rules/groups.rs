//! Encounter groups: students kept out of the hallway at the same time.
use std::collections::HashMap;

use hallpass_shared::accounts::UserQuery;
use hallpass_shared::encounters::{EncounterGroup, EncounterGroupPatch};
use hallpass_shared::page::MAX_LIMIT;
use hallpass_shared::patch::Patch;
use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::group_form::GroupForm;
use crate::components::{keyed, ConfirmDialog, Dialog, ErrorAlert, Reload, Task, When};
use crate::session::use_session;

/// Student names by id: groups carry ids only.
pub type Names = RwSignal<HashMap<String, String>>;

#[component]
pub fn EncounterGroups() -> impl IntoView {
    let session = use_session();
    let groups = RwSignal::new(Vec::<EncounterGroup>::new());
    let names: Names = RwSignal::new(HashMap::new());
    let load = Reload::new();
    let reload = move || {
        let api = session.api();
        load.run(async move { api.encounter_groups().await }, move |all| {
            groups.set(all)
        });
    };
    reload();
    let names_load = Reload::new();
    let api = session.api();
    let query = UserQuery {
        role: Some(Role::Student),
        limit: Some(MAX_LIMIT),
        ..UserQuery::default()
    };
    names_load.run(async move { api.users(&query).await }, move |page| {
        names.update(|names| {
            names.extend(
                page.items
                    .into_iter()
                    .map(|user| (user.id.clone(), user.full_name())),
            )
        })
    });
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<EncounterGroup>);
    let outcome = RwSignal::new(None::<String>);
    let done = Callback::new(move |message: String| {
        open.set(false);
        outcome.set(Some(message));
        reload();
    });
    let edit = Callback::new(move |group: Option<EncounterGroup>| {
        outcome.set(None);
        editing.set(group);
        open.set(true);
    });
    let title = move || match editing.get() {
        Some(group) => format!("Edit {}", group.name),
        None => "Add an encounter group".into(),
    };
    view! {
        <section class="card" aria-labelledby="groups-title">
            <div class="section-heading">
                <h2 id="groups-title">"Encounter groups"</h2>
                <button type="button" class="button button-primary" on:click=move |_| edit.run(None)>"Add group"</button>
            </div>
            <p class="muted">"Students in a group never have passes at the same time. Students see no names, only that they can't start now."</p>
            <div aria-live="polite">{move || outcome.get().map(|text| view! { <p class="alert alert-success">{text}</p> })}</div>
            <ErrorAlert error=load.error />
            <When when=move || groups.with(Vec::is_empty) && !load.loading.get()>
                <p class="muted">"No groups yet."</p>
            </When>
            <ul class="group-list">
                {keyed(move || groups.get(), group_key, move |group| view! { <GroupRow group=group names=names edit=edit done=done /> }.into_any())}
            </ul>
        </section>
        <Dialog id="group-dialog" title=title open=open class="dialog-panel">
            {move || view! { <GroupForm group=editing.get_untracked() names=names done=done /> }}
        </Dialog>
    }
}

#[component]
fn GroupRow(
    group: EncounterGroup,
    names: Names,
    edit: Callback<Option<EncounterGroup>>,
    done: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let confirming = RwSignal::new(false);
    let members = {
        let ids = group.student_ids.clone();
        move || {
            names.with(|names| {
                ids.iter()
                    .map(|id| {
                        names
                            .get(id)
                            .cloned()
                            .unwrap_or_else(|| "(unknown student)".into())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        }
    };
    let (id, name, enabled) = (group.id.clone(), group.name.clone(), group.enabled);
    let toggle = {
        let id = id.clone();
        move |_| {
            let (api, id) = (session.api(), id.clone());
            let patch = EncounterGroupPatch {
                enabled: Patch::Set(!enabled),
                ..EncounterGroupPatch::default()
            };
            task.run(
                async move { api.update_encounter_group(&id, &patch).await },
                move |group| {
                    let state = if group.enabled { "on" } else { "off" };
                    done.run(format!("{} is {state}.", group.name));
                },
            );
        }
    };
    let delete = {
        let name = name.clone();
        move |_| {
            let (api, id, name) = (session.api(), id.clone(), name.clone());
            task.run(
                async move { api.delete_encounter_group(&id).await },
                move |_| {
                    confirming.set(false);
                    done.run(format!("Deleted {name}."));
                },
            );
        }
    };
    let shown = group.clone();
    view! {
        <li class="group" class:row-disabled=!enabled>
            <div class="request-text">
                <strong>{name.clone()} {(!enabled).then_some(" (off)")}</strong>
                <span>{members}</span>
                {group.notes.clone().map(|notes| view! { <span class="muted">{notes}</span> })}
            </div>
            <div class="button-row">
                <button type="button" class="button button-small" aria-label=format!("Edit {name}") on:click=move |_| edit.run(Some(shown.clone()))>"Edit"</button>
                <button type="button" class="button button-small" aria-label=format!("Turn {name} {}", if enabled { "off" } else { "on" }) disabled=task.pending on:click=toggle>
                    {if enabled { "Turn off" } else { "Turn on" }}
                </button>
                <button type="button" class="button button-small button-danger-outline" aria-label=format!("Delete {name}") on:click=move |_| confirming.set(true)>"Delete"</button>
            </div>
            <ErrorAlert error=task.error />
            <ConfirmDialog id="delete-group" title=format!("Delete {name}?") open=confirming confirm_label="Delete group" danger=true pending=task.pending on_confirm=Callback::new(delete)>
                <p>"Its students may then be out at the same time. The log keeps its past entries."</p>
                <ErrorAlert error=task.error />
            </ConfirmDialog>
        </li>
    }
}

/// The whole group, so that an edited group is drawn again.
fn group_key(group: &EncounterGroup) -> String {
    serde_json::to_string(group).unwrap_or_else(|_| group.id.clone())
}
