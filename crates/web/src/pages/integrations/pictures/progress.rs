//! Where the upload is: processing with its progress bar, then the summary or the failure.
use hallpass_shared::jobs::JobState as State;
use hallpass_shared::pictures::PictureUpload;
use leptos::prelude::*;

use super::summary::Summary;
use crate::components::ProgressBar;
use crate::pages::integrations::numbers::count;

#[component]
pub fn JobState(job: PictureUpload) -> impl IntoView {
    match job.state {
        State::Succeeded => match job.result {
            Some(result) => view! { <Summary result=result /> }.into_any(),
            None => ().into_any(),
        },
        State::Failed | State::Canceled => {
            let message = job
                .error
                .map(|error| error.message)
                .unwrap_or_else(|| "The upload could not be processed.".into());
            view! {
                <div class="alert alert-error" role="alert">
                    <p><strong>"The upload failed. "</strong>{message}</p>
                    <p>"Pictures it saved before it stopped are kept; upload it again to finish."</p>
                </div>
            }
            .into_any()
        }
        _ => {
            let (done, total) = (job.progress.done, job.progress.total);
            let label = if total == 0 {
                "Processing: reading the upload…".to_string()
            } else {
                format!("Processing: {} of {} pictures", count(done), count(total))
            };
            view! { <ProgressBar id="processing-progress" label=label done=done total=total status=true /> }
                .into_any()
        }
    }
}
