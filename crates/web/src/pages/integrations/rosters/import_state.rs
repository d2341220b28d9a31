//! Where the import shown is: being read (a progress bar moved by `job.updated`), the preview,
//! being applied, applied, discarded or failed.
use hallpass_shared::jobs::JobState;
use hallpass_shared::rosters::RosterImport;
use leptos::prelude::*;

use super::labels::{counts, source_name};
use super::preview::Preview;
use crate::components::pass_text::when;
use crate::components::ProgressBar;
use crate::pages::integrations::numbers::count;
use crate::session::use_session;
use crate::time::Style;

#[component]
pub fn ImportState(
    job: RosterImport,
    /// The import the page shows, replaced by the answer of Apply or Discard.
    current: RwSignal<Option<RosterImport>>,
) -> impl IntoView {
    let (done, total) = (job.progress.done, job.progress.total);
    let progress = |id, what: &str| {
        let label = if total == 0 {
            format!("{what}…")
        } else {
            format!("{what}: {} of {}", count(done), count(total))
        };
        view! { <ProgressBar id=id label=label done=done total=total status=true /> }.into_any()
    };
    match (job.state, job.result) {
        (JobState::Queued | JobState::Running, _) => {
            progress("import-progress", "Reading the roster")
        }
        (JobState::Applying, _) => progress("import-progress", "Applying the changes"),
        (JobState::Ready, Some(result)) => {
            view! { <Preview id=job.id result=result current=current /> }.into_any()
        }
        (JobState::Succeeded, Some(result)) => {
            let zone = use_session().time_zone();
            let at = result
                .applied_at
                .or(job.finished_at)
                .map(|at| format!(", {}", when(at, zone.as_deref(), Style::DateTime)))
                .unwrap_or_default();
            view! {
                <div class="stack upload-summary" role="status">
                    <h3>"Import applied"</h3>
                    <p class="summary-line"><strong>{format!("{}.", counts(&result))}</strong></p>
                    <p class="muted">{format!("From {}{at}.", source_name(Some(&result)))}</p>
                </div>
            }
            .into_any()
        }
        (JobState::Failed, _) => {
            let message = job
                .error
                .map(|error| error.message)
                .unwrap_or_else(|| "The roster could not be read.".into());
            view! {
                <div class="alert alert-error" role="alert">
                    <p><strong>"The import failed. "</strong>{message}</p>
                    <p>"Nothing was changed."</p>
                </div>
            }
            .into_any()
        }
        (JobState::Canceled, _) => {
            view! { <p role="status">"Preview discarded. Nothing was changed."</p> }.into_any()
        }
        // Ready or applied, its result on its way.
        _ => ().into_any(),
    }
}
