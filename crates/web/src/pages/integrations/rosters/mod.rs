//! Integrations → Rosters (DESIGN section 10): a spreadsheet or a OneRoster zip in, a preview
//! of what it changes, then Apply (or Discard); the history; and the OneRoster server.
mod change_list;
mod history;
mod hold_dialog;
mod import_state;
mod labels;
mod oneroster_form;
mod preview;
mod upload_form;

use hallpass_shared::jobs::{Job, JobKind, JobState};
use hallpass_shared::rosters::RosterImport;
use hallpass_shared::user::Role;
use leptos::prelude::*;

use super::without_result;
use crate::components::{ErrorAlert, Reload, When};
use crate::live::{use_live, LiveEvent};
use crate::session::use_session;

#[component]
pub fn Rosters() -> impl IntoView {
    let session = use_session();
    // The import shown: one under way or waiting to be applied (the history's first read finds
    // it), then the one just sent.
    let current = RwSignal::new(None::<RosterImport>);
    let load = Reload::new();
    let read_again = move |id: String| {
        let api = session.api();
        load.run(async move { api.roster_import(&id).await }, move |job| {
            current.set(Some(job))
        });
    };
    // Progress comes with the live events, which reach only the one who started the import.
    // Events leave the result out: it is read once the preview is ready or the job is done, and
    // after a reconnection, which may have missed that (a preview waiting stays as it is).
    use_live().subscribe(move |event| match event {
        LiveEvent::JobUpdated(update) if update.kind == JobKind::RosterImport => {
            if update.state == JobState::Ready || update.state.is_finished() {
                read_again(update.id.clone());
            } else {
                current.update(|shown| {
                    let result = shown
                        .take()
                        .filter(|job| job.id == update.id)
                        .and_then(|job| job.result);
                    *shown = Some(Job {
                        result,
                        ..without_result(update)
                    });
                });
            }
        }
        LiveEvent::Resync => {
            let moving = current.with_untracked(|job| {
                job.as_ref()
                    .filter(|job| {
                        matches!(
                            job.state,
                            JobState::Queued | JobState::Running | JobState::Applying
                        )
                    })
                    .map(|job| job.id.clone())
            });
            if let Some(id) = moving {
                read_again(id);
            }
        }
        _ => {}
    });
    // The job may have moved on before its `202` arrived: read it once now that it is known.
    let queued = Callback::new(move |queued: RosterImport| {
        let id = queued.id.clone();
        current.set(Some(queued));
        read_again(id);
    });

    view! {
        <section class="card stack" aria-labelledby="rosters-heading">
            <h2 id="rosters-heading">"Rosters"</h2>
            <p class="muted">
                "Create, update and archive accounts from the student information system: a "
                "spreadsheet, a OneRoster zip, or its OneRoster server. Each import is a preview "
                "first; nothing changes until you apply it."
            </p>
            <upload_form::UploadForm queued=queued />
            <ErrorAlert error=load.error />
            {move || current.get().map(|job| view! { <import_state::ImportState job=job current=current /> })}
            <history::History current=current />
            <When
                when=move || session.role() == Some(Role::Admin)
                fallback=|| view! { <p class="muted">"An admin connects the school's OneRoster server."</p> }
            >
                <oneroster_form::OneRoster current=current queued=queued />
            </When>
        </section>
    }
}
