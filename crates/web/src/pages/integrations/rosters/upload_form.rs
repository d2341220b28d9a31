//! Choosing a spreadsheet or a OneRoster zip and how to read it, and sending it with a
//! progress bar. A bundle of several schools comes back `choose_school`: the school is chosen
//! here and the same file sent again with it.
use std::rc::Rc;

use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{ChooseSchool, MissingColumns};
use hallpass_shared::rosters::{ImportMode, RosterImport, SchoolChoice};
use hallpass_shared::user::Role;
use leptos::html::Input;
use leptos::prelude::*;

use super::labels::{mode_explanation, mode_name};
use crate::components::{effect, CheckboxField, ErrorAlert, ProgressBar, SelectField, Task, When};
use crate::pages::home::role_name;
use crate::pages::integrations::numbers::{count, megabytes};
use crate::session::use_session;

const ROLES: &[Option<Role>] = &[
    None,
    Some(Role::Student),
    Some(Role::Teacher),
    Some(Role::Assistant),
    Some(Role::Admin),
];

fn role_choice(role: Option<Role>) -> &'static str {
    role.map_or("From the file's role column", role_name)
}

#[component]
pub fn UploadForm(queued: Callback<RosterImport>) -> impl IntoView {
    let session = use_session();
    let file = NodeRef::<Input>::new();
    let role = RwSignal::new(None::<Role>);
    let mode = RwSignal::new(ImportMode::Full);
    let strict = RwSignal::new(false);
    // The bundle's schools after a `choose_school`, and the one chosen.
    let schools = RwSignal::new(Vec::<SchoolChoice>::new());
    let org = RwSignal::new(String::new());
    let task = Task::new();
    let sent = RwSignal::new(None::<(u64, u64)>);
    let nothing_chosen = RwSignal::new(false);

    effect(move || {
        let choose = task.error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.code() == Some(ErrorCode::ChooseSchool))
                .and_then(|error| error.details::<ChooseSchool>())
        });
        if let Some(choose) = choose {
            let first = choose
                .schools
                .first()
                .map(|school| school.sourced_id.clone());
            org.set(first.unwrap_or_default());
            schools.set(choose.schools);
        }
    });
    let missing_columns = move || {
        task.error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.code() == Some(ErrorCode::MissingColumns))
                .and_then(|error| error.details::<MissingColumns>())
        })
    };
    // Another file: the schools were the last one's.
    let file_changed = move |_| {
        schools.set(Vec::new());
        org.set(String::new());
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = file
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(chosen) = chosen else {
            nothing_chosen.set(true);
            return;
        };
        nothing_chosen.set(false);
        let school = org.get_untracked();
        let fields = [
            ("mode", Some(mode.get_untracked().as_str())),
            ("role", role.get_untracked().map(Role::as_str)),
            ("strict", strict.get_untracked().then_some("true")),
            ("org", Some(school.as_str()).filter(|org| !org.is_empty())),
        ];
        let Some(form) = form_data(&chosen, &fields) else {
            return;
        };
        sent.set(Some((0, chosen.size() as u64)));
        let progress: Rc<dyn Fn(u64, u64)> =
            Rc::new(move |done, total| sent.set(Some((done, total))));
        let api = session.api();
        task.run(
            async move {
                let answer = api.upload_roster(&form, progress).await;
                sent.set(None);
                answer
            },
            move |job| {
                if let Some(input) = file.get_untracked() {
                    input.set_value("");
                }
                schools.set(Vec::new());
                org.set(String::new());
                queued.run(job);
            },
        );
    };

    view! {
        <form class="stack" on:submit=submit>
            <h3>"Import a file"</h3>
            <div class="field">
                <label for="roster-file">"Spreadsheet (CSV or XLSX) or OneRoster zip"</label>
                <p id="roster-file-hint" class="field-hint">
                    "A spreadsheet needs first name, last name, and an email or school ID column; "
                    "grade and role are read when present. Nothing changes until you apply the preview."
                </p>
                <input
                    id="roster-file"
                    type="file"
                    accept=".csv,.xlsx,.zip,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    aria-describedby="roster-file-hint"
                    node_ref=file
                    on:change=file_changed
                />
            </div>
            <div class="field-row">
                <SelectField
                    id="roster-role"
                    label="Role, for a spreadsheet without a role column"
                    options=ROLES
                    value=role
                    name_of=role_choice
                />
                <SelectField
                    id="roster-mode"
                    label="Import mode"
                    options=ImportMode::ALL
                    value=mode
                    name_of=mode_name
                    describe=mode_explanation
                />
            </div>
            <CheckboxField
                id="roster-strict"
                label="Strict: import nothing if any row has an error"
                checked=strict
                hint="Otherwise rows with errors are left out and the others are imported."
            />
            <When when=move || !schools.with(Vec::is_empty)>
                <div class="field">
                    <label for="roster-org">"School to import"</label>
                    <p id="roster-org-hint" class="field-hint">"The zip holds several schools: choose this school's, then upload again."</p>
                    <select
                        id="roster-org"
                        aria-describedby="roster-org-hint"
                        on:change=move |event| org.set(event_target_value(&event))
                    >
                        {move || schools.get().into_iter().map(|school| {
                            let users = match school.users {
                                1 => "1 user".to_string(),
                                n => format!("{} users", count(i64::from(n))),
                            };
                            let id = school.sourced_id.clone();
                            let selected = move || org.with(|org| *org == id);
                            view! {
                                <option value=school.sourced_id selected=selected>
                                    {format!("{} ({users})", school.name)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </When>
            <When when=move || nothing_chosen.get()>
                <p class="alert alert-error" role="alert">"Choose a file first."</p>
            </When>
            {move || sent.get().map(|(done, total)| view! {
                <ProgressBar
                    id="roster-upload-progress"
                    label=format!("Uploading: {} of {}", megabytes(done), megabytes(total))
                    done=done as i64
                    total=total as i64
                />
            })}
            <ErrorAlert error=task.error />
            {move || missing_columns().map(|missing| view! {
                <div class="stack-tight">
                    <p id="missing-columns">"Columns the file needs:"</p>
                    <ul class="chips" aria-labelledby="missing-columns">
                        {missing.columns.into_iter().map(|column| view! { <li class="chip">{column}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || task.pending.get()>
                    {move || if task.pending.get() { "Uploading…" } else { "Upload and preview" }}
                </button>
            </div>
        </form>
    }
}

/// The upload's parts: each field that has a value, then the file (so that a server reading
/// the stream knows them before the file arrives).
fn form_data(file: &web_sys::File, fields: &[(&str, Option<&str>)]) -> Option<web_sys::FormData> {
    let data = web_sys::FormData::new().ok()?;
    for (name, value) in fields {
        if let Some(value) = value {
            data.append_with_str(name, value).ok()?;
        }
    }
    data.append_with_blob_and_filename("file", file, &file.name())
        .ok()?;
    Some(data)
}
