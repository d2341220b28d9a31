//! Where the upload is: processing with its progress bar, then the summary or the failure.
use hallpass_shared::jobs::JobState as State;
use hallpass_shared::pictures::PictureUpload;
use leptos::prelude::*;

use super::summary::Summary;

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
            view! {
                <div class="field" role="status">
                    <label for="processing-progress">{label}</label>
                    {if total == 0 {
                        view! { <progress id="processing-progress"></progress> }.into_any()
                    } else {
                        view! { <progress id="processing-progress" max=total value=done></progress> }.into_any()
                    }}
                </div>
            }
            .into_any()
        }
    }
}

/// `12,345`.
pub fn count(n: i64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) && digit.is_ascii_digit() {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `12.3 MB`, in whole numbers: formatting a float would bring its code into the wasm.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", count((tenths / 10) as i64), tenths % 10)
}
