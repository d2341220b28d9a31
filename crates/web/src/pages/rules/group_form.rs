//! Adding or editing an encounter group: its name, students, notes and whether it is on.
use hallpass_shared::encounters::{EncounterGroup, EncounterGroupPatch, NewEncounterGroup};
use hallpass_shared::patch::Patch;
use hallpass_shared::user::User;
use leptos::prelude::*;
use validator::Validate;

use super::groups::Names;
use crate::components::{
    errors_for, validation_errors, CheckboxField, ErrorAlert, FieldErrorList, FieldErrors, Task,
    TextField,
};
use crate::pages::student_search::StudentSearch;
use crate::session::use_session;

#[component]
pub fn GroupForm(
    group: Option<EncounterGroup>,
    names: Names,
    done: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(group.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let notes = RwSignal::new(
        group
            .as_ref()
            .and_then(|g| g.notes.clone())
            .unwrap_or_default(),
    );
    let enabled = RwSignal::new(group.as_ref().is_none_or(|g| g.enabled));
    let members = RwSignal::new(
        group
            .as_ref()
            .map(|g| g.student_ids.clone())
            .unwrap_or_default(),
    );
    let existing = group.map(|g| g.id);
    let field_errors = RwSignal::new(FieldErrors::new());
    let task = Task::new();
    let add = Callback::new(move |student: User| {
        names.update(|names| {
            names.insert(student.id.clone(), student.full_name());
        });
        members.update(|ids| {
            if !ids.contains(&student.id) {
                ids.push(student.id);
            }
        });
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = notes.get_untracked().trim().to_owned();
        let new = NewEncounterGroup {
            name: name.get_untracked().trim().to_owned(),
            student_ids: members.get_untracked(),
            enabled: enabled.get_untracked(),
            notes: (!text.is_empty()).then_some(text),
        };
        if let Err(invalid) = new.validate() {
            return field_errors.set(validation_errors(&invalid));
        }
        field_errors.set(FieldErrors::new());
        let (api, id) = (session.api(), existing.clone());
        let label = new.name.clone();
        task.run(
            async move {
                match id {
                    Some(id) => {
                        let patch = EncounterGroupPatch {
                            name: Patch::Set(new.name),
                            student_ids: Patch::Set(new.student_ids),
                            enabled: Patch::Set(new.enabled),
                            notes: Patch::Set(new.notes),
                        };
                        api.update_encounter_group(&id, &patch).await
                    }
                    None => api.create_encounter_group(&new).await,
                }
            },
            move |_| done.run(format!("Saved {label}.")),
        );
    };
    let chips = move || {
        members
            .get()
            .into_iter()
            .map(|id| {
                let shown = names.with(|names| names.get(&id).cloned()).unwrap_or_else(|| "(unknown student)".into());
                let label = format!("Remove {shown}");
                view! {
                    <li class="chip">
                        <span>{shown}</span>
                        <button type="button" class="link-button" aria-label=label on:click=move |_| {
                            members.update(|ids| ids.retain(|other| *other != id))
                        }>"Remove"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="stack" on:submit=submit>
            <ErrorAlert error=task.error />
            <TextField id="group-name" label="Group name" value=name required=true errors=errors_for(field_errors, "name") />
            <StudentSearch id="group-student" label="Add a student" on_pick=add />
            <div class="field">
                <p class="field-label">"Students"</p>
                <ul class="chips">{move || chips()}</ul>
                <FieldErrorList label="Students" errors=errors_for(field_errors, "student_ids") />
            </div>
            <TextField id="group-notes" label="Notes (optional)" value=notes hint="Only staff with pass rules see them." errors=errors_for(field_errors, "notes") />
            <CheckboxField id="group-enabled" label="On" checked=enabled />
            <button type="submit" class="button button-primary" disabled=task.pending>"Save group"</button>
        </form>
    }
}
