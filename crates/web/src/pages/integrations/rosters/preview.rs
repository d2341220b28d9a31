//! A preview waiting to be applied: what it would do, as tabs of its rows, with Apply (and the
//! safety hold's confirmation) and Discard.
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{ArchiveNeedsConfirmation, PreviewStale};
use hallpass_shared::rosters::{ApplyImport, ImportResult, RosterImport};
use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::change_list::ChangeList;
use super::hold_dialog::HoldDialog;
use super::labels::{count_of, mode_name, source_name, tab_name, TABS};
use crate::components::{effect, ErrorAlert, Reload, Tabs, Task};
use crate::pages::integrations::numbers::count;
use crate::session::use_session;

const PANEL_ID: &str = "import-tabpanel";

fn tab_id(index: usize) -> String {
    format!("import-tab-{}", TABS[index])
}

#[component]
pub fn Preview(
    id: String,
    result: ImportResult,
    current: RwSignal<Option<RosterImport>>,
) -> impl IntoView {
    let session = use_session();
    let id = StoredValue::new(id);
    let totals = TABS.map(|kind| count_of(&result, kind));
    let tab = RwSignal::new(totals.iter().position(|n| *n != 0).unwrap_or(0));
    let apply = Task::new();
    let discard = Task::new();
    let reread = Reload::new();
    let holding = RwSignal::new(false);
    let hold = RwSignal::new((result.archive, result.source_accounts));
    let needs_confirmation = result.needs_confirmation;
    let again = if result.file_name.is_some() {
        "Import the file again for a new preview."
    } else {
        "Sync again for a new preview."
    };

    let run_apply = move |confirm_archive: bool| {
        let api = session.api();
        let id = id.get_value();
        apply.run(
            async move {
                let body = ApplyImport { confirm_archive };
                api.apply_import(&id, &body).await
            },
            move |job| {
                holding.set(false);
                current.set(Some(job));
            },
        );
    };
    // The server may hold an apply the preview did not (accounts changed since), or the import
    // has moved on (applied or discarded in another tab): follow what it says.
    effect(move || {
        let code = apply
            .error
            .with(|error| error.as_ref().and_then(|e| e.code()));
        match code {
            Some(ErrorCode::ArchiveNeedsConfirmation) => {
                let details = apply.error.with_untracked(|error| {
                    error
                        .as_ref()
                        .and_then(|e| e.details::<ArchiveNeedsConfirmation>())
                });
                if let Some(details) = details {
                    hold.set((details.archive, details.of));
                }
                holding.set(true);
            }
            Some(ErrorCode::ImportNotReady) => {
                let api = session.api();
                let id = id.get_value();
                reread.run(async move { api.roster_import(&id).await }, move |job| {
                    current.set(Some(job))
                });
            }
            _ => {}
        }
    });
    let shown_error = Signal::derive(move || {
        apply
            .error
            .get()
            .filter(|error| error.code() != Some(ErrorCode::ArchiveNeedsConfirmation))
    });
    let stale = move || {
        apply.error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.code() == Some(ErrorCode::PreviewStale))
                .map(|error| match error.details::<PreviewStale>() {
                    Some(PreviewStale { changed: 1 }) => {
                        format!("1 account changed after this preview was made. {again}")
                    }
                    Some(PreviewStale { changed }) => format!(
                        "{} accounts changed after this preview was made. {again}",
                        count(i64::from(changed))
                    ),
                    None => again.to_string(),
                })
        })
    };
    let on_apply = move |_| {
        if needs_confirmation {
            apply.error.set(None);
            holding.set(true);
        } else {
            run_apply(false);
        }
    };
    let on_discard = move |_| {
        let api = session.api();
        let id = id.get_value();
        discard.run(async move { api.cancel_import(&id).await }, move |job| {
            current.set(Some(job))
        });
    };

    let source = source_name(Some(&result));
    let roles = result
        .roles
        .into_iter()
        .map(Role::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let about = format!(
        "{source} · {}{} · roles: {roles}",
        mode_name(result.mode),
        if result.delta { " (delta)" } else { "" },
    );
    let unchanged = match result.unchanged {
        1 => "1 account stays as it is.".to_string(),
        n => format!("{} accounts stay as they are.", count(i64::from(n))),
    };
    let hold_note = needs_confirmation.then(|| {
        format!(
            "Safety hold: this archives {} of {} accounts, more than {}%. Applying it asks you to confirm.",
            count(i64::from(result.archive)),
            count(i64::from(result.source_accounts)),
            result.hold_percent
        )
    });
    let names = TABS
        .iter()
        .zip(totals)
        .map(|(kind, n)| format!("{} ({})", tab_name(*kind), count(i64::from(n))))
        .collect();

    view! {
        <div class="stack">
            <h3>"Preview"</h3>
            <p>{about}<br />{unchanged}</p>
            {hold_note.map(|note| view! { <p class="alert alert-warning">{note}</p> })}
            <Tabs
                label="What the import changes"
                ids=(0..TABS.len()).map(tab_id).collect()
                names=names
                panel=PANEL_ID
                selected=tab
                select=Callback::new(move |index: usize| tab.set(index))
            />
            <div class="tab-panel" role="tabpanel" id=PANEL_ID aria-labelledby=move || tab_id(tab.get()) tabindex="0">
                {move || {
                    let index = tab.get();
                    view! { <ChangeList id=id.get_value() kind=TABS[index] total=totals[index] /> }
                }}
            </div>
            <ErrorAlert error=shown_error />
            {move || stale().map(|text| view! { <p class="alert alert-warning">{text}</p> })}
            <ErrorAlert error=discard.error />
            <ErrorAlert error=reread.error />
            <div class="button-row">
                <button type="button" class="button button-primary" disabled=move || apply.pending.get() on:click=on_apply>
                    {move || if apply.pending.get() && !holding.get() { "Applying…" } else { "Apply changes" }}
                </button>
                <button type="button" class="button" disabled=move || discard.pending.get() on:click=on_discard>
                    "Discard preview"
                </button>
            </div>
            <HoldDialog
                open=holding
                hold=hold
                pending=apply.pending
                error=shown_error
                on_confirm=Callback::new(move |()| run_apply(true))
            />
        </div>
    }
}
