//! Integrations → Profile pictures (DESIGN section 9): the photographer's zip in, what became
//! of each file out, and the school-wide switches.
mod delete_all;
mod progress;
mod summary;
mod switch;
mod upload_form;

use hallpass_shared::jobs::JobKind;
use hallpass_shared::pictures::PictureUpload;
use leptos::prelude::*;

use super::without_result;
use crate::components::{ErrorAlert, Reload};
use crate::live::{use_live, LiveEvent};
use crate::session::use_session;

#[component]
pub fn ProfilePictures() -> impl IntoView {
    let session = use_session();
    // The upload shown: the school's latest, then the one just sent.
    let job = RwSignal::new(None::<PictureUpload>);
    let load = Reload::new();
    {
        let api = session.api();
        load.run(
            async move { api.latest_picture_upload().await },
            move |latest| job.set(latest),
        );
    }
    let read_again = move |id: String| {
        let api = session.api();
        load.run(async move { api.picture_upload(&id).await }, move |read| {
            job.set(Some(read))
        });
    };
    // Progress comes with the live events, which reach only the uploader: any upload of theirs
    // (from another tab too, or one whose `202` is still on its way) becomes the one shown.
    // The result is read once the job is done (events leave it out), and after a
    // reconnection, which may have missed the end.
    use_live().subscribe(move |event| match event {
        LiveEvent::JobUpdated(update) if update.kind == JobKind::ProfilePictures => {
            if update.state.is_finished() {
                read_again(update.id.clone());
            } else {
                job.set(Some(without_result(update)));
            }
        }
        LiveEvent::Resync => {
            let unfinished = job.with_untracked(|job| {
                job.as_ref()
                    .filter(|job| !job.state.is_finished())
                    .map(|job| job.id.clone())
            });
            if let Some(id) = unfinished {
                read_again(id);
            }
        }
        _ => {}
    });
    // The job may have moved on before its `202` arrived: read it once now that it is known.
    let queued = Callback::new(move |queued: PictureUpload| {
        let id = queued.id.clone();
        job.set(Some(queued));
        read_again(id);
    });

    view! {
        <section class="card stack" aria-labelledby="pictures-heading">
            <h2 id="pictures-heading">"Profile pictures"</h2>
            <p class="muted">
                "Teachers see students' pictures on the hallway, in requests and on passes. "
                "Upload the photographer's zip (or a folder of pictures) with its mapping file; "
                "a new picture replaces a student's old one."
            </p>
            <switch::PicturesSwitch />
            <upload_form::UploadForm queued=queued />
            <ErrorAlert error=load.error />
            {move || job.get().map(|job| view! { <progress::JobState job=job /> })}
            <delete_all::DeleteAllPictures />
        </section>
    }
}
