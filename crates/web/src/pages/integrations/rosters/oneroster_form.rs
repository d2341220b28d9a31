//! The school's OneRoster server (needs `manage_integrations`): its settings (the secret is
//! never shown, only whether one is saved), Test connection, Sync now, Remove, and how the
//! last sync went and when the next one runs.
use hallpass_shared::rosters::{
    ConnectionTest, ImportMode, OneRosterConnection, OneRosterSettings, RosterImport,
};
use leptos::prelude::*;

use super::labels::{mode_explanation, mode_name, outcome, state_name};
use crate::components::pass_text::when;
use crate::components::{
    effect, errors_for, CheckboxField, ConfirmDialog, ErrorAlert, FieldErrors, Loading, Reload,
    SelectField, Task, TextField, When,
};
use crate::pages::integrations::numbers::count;
use crate::session::use_session;
use crate::time::Style;

#[component]
pub fn OneRoster(
    /// The import the page shows: when it moves on, the last sync may have changed.
    current: RwSignal<Option<RosterImport>>,
    queued: Callback<RosterImport>,
) -> impl IntoView {
    let session = use_session();
    let saved = RwSignal::new(None::<OneRosterConnection>);
    let loaded = RwSignal::new(false);
    let load = Reload::new();
    let shown =
        Memo::new(move |_| current.with(|job| job.as_ref().map(|job| (job.id.clone(), job.state))));
    effect(move || {
        // Read, not only tracked: an unread memo is never worked out, so it never changes.
        let _ = shown.get();
        let api = session.api();
        load.run(async move { api.oneroster().await }, move |connection| {
            saved.set(connection);
            loaded.set(true);
        });
    });
    view! {
        <section class="stack" aria-labelledby="oneroster-heading">
            <h3 id="oneroster-heading">"OneRoster server"</h3>
            <p class="muted">
                "Syncs accounts from the student information system's OneRoster API (1.1 or 1.2), "
                "on a schedule or when you press Sync now. Each sync is a preview like an import."
            </p>
            <When when=move || !loaded.get()>
                <Loading load=load />
            </When>
            <ErrorAlert error=load.error />
            <When when=move || loaded.get()>
                <SyncStatus saved=saved />
                <ConnectionForm saved=saved queued=queued />
            </When>
        </section>
    }
}

/// The last sync's time and result, and the next run.
#[component]
fn SyncStatus(saved: RwSignal<Option<OneRosterConnection>>) -> impl IntoView {
    let zone = use_session().time_zone();
    move || {
        saved.get().map(|connection| {
            let at = |at| when(at, zone.as_deref(), Style::DateTime);
            let last = connection.last_sync_at.map_or_else(|| "Not yet".into(), at);
            let result = connection
                .last_import
                .map(|job| format!("{}. {}", state_name(job.state), outcome(&job)));
            let next = connection
                .next_sync_at
                .map_or_else(|| "Only when you press Sync now".into(), at);
            view! {
                <dl class="facts">
                    <dt>"Last sync"</dt>
                    <dd>{last}</dd>
                    {result.map(|result| view! { <dt>"Result"</dt><dd>{result}</dd> })}
                    <dt>"Next sync"</dt>
                    <dd>{next}</dd>
                </dl>
            }
        })
    }
}

/// The form's text, as typed.
#[derive(Clone, Copy)]
struct Draft {
    base_url: RwSignal<String>,
    token_url: RwSignal<String>,
    client_id: RwSignal<String>,
    client_secret: RwSignal<String>,
    org: RwSignal<String>,
    every: RwSignal<String>,
    mode: RwSignal<ImportMode>,
    auto_apply: RwSignal<bool>,
}

impl Draft {
    fn new(saved: Option<&OneRosterConnection>) -> Self {
        let draft = Draft {
            base_url: RwSignal::new(String::new()),
            token_url: RwSignal::new(String::new()),
            client_id: RwSignal::new(String::new()),
            client_secret: RwSignal::new(String::new()),
            org: RwSignal::new(String::new()),
            every: RwSignal::new(String::new()),
            mode: RwSignal::new(ImportMode::Full),
            auto_apply: RwSignal::new(false),
        };
        draft.fill(saved);
        draft
    }

    /// The saved settings, or an empty form.
    fn fill(self, saved: Option<&OneRosterConnection>) {
        let text = |read: fn(&OneRosterConnection) -> Option<String>| {
            saved.and_then(read).unwrap_or_default()
        };
        self.base_url.set(text(|c| Some(c.base_url.clone())));
        self.token_url.set(text(|c| Some(c.token_url.clone())));
        self.client_id.set(text(|c| Some(c.client_id.clone())));
        self.client_secret.set(String::new());
        self.org.set(text(|c| c.org_sourced_id.clone()));
        self.every
            .set(text(|c| c.every_minutes.map(|n| n.to_string())));
        self.mode
            .set(saved.map_or(ImportMode::Full, |saved| saved.mode));
        self.auto_apply
            .set(saved.is_some_and(|saved| saved.auto_apply));
    }

    /// The settings to send, or the schedule's message. (The server checks the rest.)
    fn to_settings(self) -> Result<OneRosterSettings, FieldErrors> {
        let text = |value: RwSignal<String>| value.get_untracked().trim().to_owned();
        let optional = |value: RwSignal<String>| Some(text(value)).filter(|text| !text.is_empty());
        let every_minutes = match optional(self.every) {
            None => None,
            Some(every) => match every.parse::<u32>() {
                Ok(minutes) if (15..=10080).contains(&minutes) => Some(minutes),
                _ => {
                    let message = vec!["must be 15 to 10080 minutes".to_string()];
                    return Err(FieldErrors::from([("every_minutes".to_string(), message)]));
                }
            },
        };
        let secret = self.client_secret.get_untracked();
        Ok(OneRosterSettings {
            base_url: text(self.base_url),
            token_url: text(self.token_url),
            client_id: text(self.client_id),
            client_secret: Some(secret).filter(|secret| !secret.is_empty()),
            org_sourced_id: optional(self.org),
            every_minutes,
            mode: Some(self.mode.get_untracked()),
            auto_apply: self.auto_apply.get_untracked(),
        })
    }
}

#[component]
fn ConnectionForm(
    saved: RwSignal<Option<OneRosterConnection>>,
    queued: Callback<RosterImport>,
) -> impl IntoView {
    let session = use_session();
    let draft = saved.with_untracked(|saved| Draft::new(saved.as_ref()));
    let field_errors = RwSignal::new(FieldErrors::new());
    let (save, test, sync, remove) = (Task::new(), Task::new(), Task::new(), Task::new());
    let note = RwSignal::new(None::<&'static str>);
    let tested = RwSignal::new(None::<ConnectionTest>);
    let removing = RwSignal::new(false);
    effect(move || {
        if let Some(error) = save.error.get() {
            field_errors.set(error.field_errors());
        }
    });
    let is_saved = move || saved.with(Option::is_some);
    let has_secret =
        Memo::new(move |_| saved.with(|saved| saved.as_ref().is_some_and(|s| s.has_secret)));

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        note.set(None);
        match draft.to_settings() {
            Ok(settings) => {
                field_errors.set(FieldErrors::new());
                let api = session.api();
                save.run(
                    async move { api.save_oneroster(&settings).await },
                    move |connection| {
                        saved.set(Some(connection));
                        draft.client_secret.set(String::new());
                        note.set(Some("Connection saved."));
                    },
                );
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let on_test = move |_| {
        note.set(None);
        tested.set(None);
        let api = session.api();
        test.run(async move { api.test_oneroster().await }, move |answer| {
            tested.set(Some(answer))
        });
    };
    let on_sync = move |_| {
        note.set(None);
        let api = session.api();
        sync.run(async move { api.sync_oneroster().await }, move |job| {
            note.set(Some("Sync started."));
            queued.run(job);
        });
    };
    let on_remove = Callback::new(move |()| {
        let api = session.api();
        remove.run(async move { api.remove_oneroster().await }, move |()| {
            removing.set(false);
            saved.set(None);
            tested.set(None);
            draft.fill(None);
            note.set(Some("Connection removed."));
        });
    });
    // A secret is never shown: the hint says whether one is saved.
    let secret_field = move |saved: bool| {
        let errors = errors_for(field_errors, "client_secret");
        let value = draft.client_secret;
        if saved {
            view! {
                <TextField id="oneroster-secret" label="Client secret" value=value input_type="password" autocomplete="new-password" hint="Saved. Leave it empty to keep the saved secret." errors=errors />
            }
            .into_any()
        } else {
            view! {
                <TextField id="oneroster-secret" label="Client secret" value=value input_type="password" autocomplete="new-password" errors=errors />
            }
            .into_any()
        }
    };

    view! {
        <form class="stack" on:submit=on_submit>
            <TextField
                id="oneroster-base-url"
                label="Base URL"
                value=draft.base_url
                input_type="url"
                autocomplete="off"
                hint="Up to the version: https://sis.example.org/ims/oneroster/v1p1 (or …/ims/oneroster/rostering/v1p2)."
                required=true
                errors=errors_for(field_errors, "base_url")
            />
            <TextField
                id="oneroster-token-url"
                label="Token URL"
                value=draft.token_url
                input_type="url"
                autocomplete="off"
                hint="The OAuth 2.0 token address, for client credentials."
                required=true
                errors=errors_for(field_errors, "token_url")
            />
            <div class="field-row">
                <TextField
                    id="oneroster-client-id"
                    label="Client ID"
                    value=draft.client_id
                    autocomplete="off"
                    required=true
                    errors=errors_for(field_errors, "client_id")
                />
                {move || secret_field(has_secret.get())}
            </div>
            <TextField
                id="oneroster-org"
                label="School's org sourcedId (optional)"
                value=draft.org
                autocomplete="off"
                hint="Needed when the server holds several schools; Test connection lists them."
                errors=errors_for(field_errors, "org_sourced_id")
            />
            <div class="field-row">
                <TextField
                    id="oneroster-every"
                    label="Sync every (minutes)"
                    value=draft.every
                    input_type="number"
                    input_mode="numeric"
                    hint="15 to 10080 (a week). Leave it empty to sync only when you press Sync now."
                    errors=errors_for(field_errors, "every_minutes")
                />
                <SelectField
                    id="oneroster-mode"
                    label="Sync mode"
                    options=ImportMode::ALL
                    value=draft.mode
                    name_of=mode_name
                    describe=mode_explanation
                />
            </div>
            <CheckboxField
                id="oneroster-auto-apply"
                label="Apply each sync without review"
                checked=draft.auto_apply
                hint="The safety hold still stops a sync that archives many accounts: its preview waits here."
            />
            <ErrorAlert error=save.error />
            <ErrorAlert error=test.error />
            <ErrorAlert error=sync.error />
            {move || note.get().map(|note| view! { <p class="alert alert-success" role="status">{note}</p> })}
            {move || tested.get().map(|answer| view! { <TestAnswer answer=answer org=draft.org /> })}
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || save.pending.get()>
                    "Save connection"
                </button>
                <button type="button" class="button" disabled=move || test.pending.get() || !is_saved() on:click=on_test>
                    {move || if test.pending.get() { "Testing…" } else { "Test connection" }}
                </button>
                <button type="button" class="button" disabled=move || sync.pending.get() || !is_saved() on:click=on_sync>
                    "Sync now"
                </button>
                <When when=is_saved>
                    <button type="button" class="button button-danger-outline" on:click=move |_| removing.set(true)>
                        "Remove connection"
                    </button>
                </When>
            </div>
            <p class="field-hint">"Test connection and Sync now use the saved settings."</p>
        </form>
        <ConfirmDialog
            id="oneroster-remove"
            title="Remove the OneRoster connection?"
            open=removing
            confirm_label="Remove connection"
            danger=true
            pending=remove.pending
            on_confirm=on_remove
        >
            <p>"Scheduled syncs stop and the saved secret is deleted. Accounts already imported stay as they are."</p>
            <ErrorAlert error=remove.error />
        </ConfirmDialog>
    }
}

/// What Test connection found: the server's answer, and its schools to pick the org from.
#[component]
fn TestAnswer(answer: ConnectionTest, org: RwSignal<String>) -> impl IntoView {
    let class = if answer.ok {
        "alert alert-success stack-tight"
    } else {
        "alert alert-error stack-tight"
    };
    let schools = answer
        .schools
        .into_iter()
        .map(|school| {
            let users = match school.users {
                1 => "1 user".to_string(),
                n => format!("{} users", count(i64::from(n))),
            };
            let about = format!(" · org {} · {users}", school.sourced_id);
            let id = school.sourced_id;
            view! {
                <li>
                    <button type="button" class="link-button" on:click=move |_| org.set(id.clone())>
                        {format!("Use {}", school.name)}
                    </button>
                    {about}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class=class role="status">
            <p>{answer.message}</p>
            <ul class="change-fields">{schools}</ul>
        </div>
    }
}
