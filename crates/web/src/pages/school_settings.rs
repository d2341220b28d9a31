use hallpass_shared::patch::Patch;
use hallpass_shared::school::{School, SchoolPatch};
use hallpass_shared::user::Permission;
use leptos::prelude::*;
use validator::Validate;

use crate::components::{
    effect, errors_for, validation_errors, CheckboxField, EmergencySwitch, ErrorAlert, FieldErrors,
    Loading, PageHeading, Reload, Task, TextField, When,
};
use crate::session::use_session;
use crate::time::{format_in_zone, is_known_time_zone, known_time_zones, Style};

#[component]
pub fn SchoolSettingsPage() -> impl IntoView {
    let session = use_session();
    let allowed = move || session.has(Permission::ManageSchool);
    view! {
        <PageHeading title="School settings" />
        <When
            when=allowed
            fallback=|| view! { <p class="alert alert-error" role="alert">"You don't have permission to change school settings."</p> }
        >
            <SchoolLoader />
            <EmergencySwitch />
        </When>
    }
}

#[component]
fn SchoolLoader() -> impl IntoView {
    let session = use_session();
    let school = RwSignal::new(None::<School>);
    let load = Reload::new();
    let api = session.api();
    load.run(async move { api.school().await }, move |found| {
        school.set(Some(found))
    });
    view! {
        <Loading load=load />
        <ErrorAlert error=load.error />
        {move || school.get().map(|school| view! { <SchoolForm school=school /> })}
    }
}

/// The form's text, as typed; turned into a `SchoolPatch` on submit.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    time_zone: RwSignal<String>,
    default_pass_minutes: RwSignal<String>,
    overtime_buffer_minutes: RwSignal<String>,
    hallway_capacity: RwSignal<String>,
    profile_pictures_enabled: RwSignal<bool>,
}

impl Draft {
    fn new(school: &School) -> Self {
        Draft {
            name: RwSignal::new(school.name.clone()),
            time_zone: RwSignal::new(school.time_zone.clone()),
            default_pass_minutes: RwSignal::new(school.default_pass_minutes.to_string()),
            overtime_buffer_minutes: RwSignal::new(school.overtime_buffer_minutes.to_string()),
            hallway_capacity: RwSignal::new(
                school
                    .hallway_capacity
                    .map(|capacity| capacity.to_string())
                    .unwrap_or_default(),
            ),
            profile_pictures_enabled: RwSignal::new(school.profile_pictures_enabled),
        }
    }

    /// The patch to send, or the messages to show next to each field.
    fn to_patch(self) -> Result<SchoolPatch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut number = |field: &str, text: String| -> Option<i32> {
            let parsed = text.trim().parse().ok();
            if parsed.is_none() {
                errors
                    .entry(field.into())
                    .or_default()
                    .push("must be a whole number".into());
            }
            parsed
        };
        let default_pass_minutes = number(
            "default_pass_minutes",
            self.default_pass_minutes.get_untracked(),
        );
        let overtime_buffer_minutes = number(
            "overtime_buffer_minutes",
            self.overtime_buffer_minutes.get_untracked(),
        );
        let capacity_text = self.hallway_capacity.get_untracked();
        let hallway_capacity = if capacity_text.trim().is_empty() {
            None
        } else {
            number("hallway_capacity", capacity_text)
        };
        let time_zone = self.time_zone.get_untracked().trim().to_owned();
        if !is_known_time_zone(&time_zone) {
            errors
                .entry("time_zone".into())
                .or_default()
                .push("must be a time zone name such as America/Chicago".into());
        }
        let patch = SchoolPatch {
            name: Patch::Set(self.name.get_untracked().trim().to_owned()),
            time_zone: Patch::Set(time_zone),
            default_pass_minutes: default_pass_minutes.into(),
            overtime_buffer_minutes: overtime_buffer_minutes.into(),
            hallway_capacity: Patch::Set(hallway_capacity),
            profile_pictures_enabled: Patch::Set(self.profile_pictures_enabled.get_untracked()),
        };
        if let Err(invalid) = patch.validate() {
            for (field, messages) in validation_errors(&invalid) {
                errors.entry(field).or_default().extend(messages);
            }
        }
        if errors.is_empty() {
            Ok(patch)
        } else {
            Err(errors)
        }
    }
}

#[component]
fn SchoolForm(school: School) -> impl IntoView {
    let session = use_session();
    let draft = Draft::new(&school);
    let saved = RwSignal::new(school);
    let field_errors = RwSignal::new(FieldErrors::new());
    let just_saved = RwSignal::new(false);
    let zones = known_time_zones();

    let save = Task::new();
    effect(move || {
        if let Some(error) = save.error.get() {
            field_errors.set(error.field_errors());
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        just_saved.set(false);
        match draft.to_patch() {
            Ok(patch) => {
                field_errors.set(FieldErrors::new());
                let api = session.api();
                save.run(
                    async move { api.update_school(&patch).await },
                    move |school| {
                        session.school_changed(school.clone());
                        saved.set(school);
                        just_saved.set(true);
                    },
                );
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let last_changed = move || {
        saved.with(|school| format_in_zone(school.updated_at, &school.time_zone, Style::DateTime))
    };

    view! {
        <form class="card stack" on:submit=on_submit>
            <ErrorAlert error=save.error />
            <When when=move || just_saved.get()>
                <p class="alert alert-success" role="status">"School settings saved."</p>
            </When>
            <TextField id="name" label="School name" value=draft.name required=true errors=errors_for(field_errors, "name") />
            <TextField
                id="time_zone"
                label="Time zone"
                value=draft.time_zone
                list="time-zones"
                hint="An IANA name such as America/Chicago. Daily pass limits and all times use it."
                required=true
                errors=errors_for(field_errors, "time_zone")
            />
            <datalist id="time-zones">
                {zones.into_iter().map(|zone| view! { <option value=zone></option> }).collect_view()}
            </datalist>
            <div class="field-row">
                <TextField
                    id="default_pass_minutes"
                    label="Default pass length (minutes)"
                    value=draft.default_pass_minutes
                    input_type="number"
                    input_mode="numeric"
                    hint="Preselected when a pass is made."
                    required=true
                    errors=errors_for(field_errors, "default_pass_minutes")
                />
                <TextField
                    id="overtime_buffer_minutes"
                    label="Overtime buffer (minutes)"
                    value=draft.overtime_buffer_minutes
                    input_type="number"
                    input_mode="numeric"
                    hint="How long a pass may run over before it ends itself."
                    required=true
                    errors=errors_for(field_errors, "overtime_buffer_minutes")
                />
            </div>
            <TextField
                id="hallway_capacity"
                label="Hallway capacity"
                value=draft.hallway_capacity
                input_type="number"
                input_mode="numeric"
                hint="The most students out at once in the whole school. Leave empty for no limit."
                errors=errors_for(field_errors, "hallway_capacity")
            />
            <CheckboxField
                id="profile_pictures_enabled"
                label="Show profile pictures"
                checked=draft.profile_pictures_enabled
                hint="Staff see students' pictures next to their passes."
            />
            <div class="form-footer">
                <button type="submit" class="button button-primary" disabled=save.pending>
                    {move || if save.pending.get() { "Saving…" } else { "Save settings" }}
                </button>
                <p class="muted">"Last changed " {move || last_changed()}</p>
            </div>
        </form>
    }
}
