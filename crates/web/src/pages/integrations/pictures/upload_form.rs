//! Choosing the zip (or a folder) and the mapping, and sending them with a progress bar.
use std::rc::Rc;

use hallpass_shared::pictures::PictureUpload;
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::{ErrorAlert, ProgressBar, Task, When};
use crate::pages::integrations::numbers::megabytes;
use crate::session::use_session;

#[component]
pub fn UploadForm(queued: Callback<PictureUpload>) -> impl IntoView {
    let session = use_session();
    let archive = NodeRef::<Input>::new();
    let folder = NodeRef::<Input>::new();
    let mapping = NodeRef::<Input>::new();
    let task = Task::new();
    let template = Task::new();
    // Bytes sent and bytes to send, while the upload is under way.
    let sent = RwSignal::new(None::<(u64, u64)>);
    let nothing_chosen = RwSignal::new(false);
    // Chrome, Edge, Firefox and Safari all take a folder this way.
    folder.on_load(|input| input.set_webkitdirectory(true));

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(form) = form_data(archive, folder, mapping) else {
            nothing_chosen.set(true);
            return;
        };
        nothing_chosen.set(false);
        sent.set(Some((0, form.size)));
        let progress: Rc<dyn Fn(u64, u64)> =
            Rc::new(move |done, total| sent.set(Some((done, total))));
        let api = session.api();
        task.run(
            async move {
                let answer = api.upload_pictures(&form.data, progress).await;
                sent.set(None);
                answer
            },
            move |job| {
                for input in [archive, folder, mapping] {
                    if let Some(input) = input.get_untracked() {
                        input.set_value("");
                    }
                }
                queued.run(job);
            },
        );
    };
    let download_template = move |_| {
        let api = session.api();
        template.run(async move { api.picture_template().await }, |blob| {
            crate::download::save_blob(&blob, "profile-pictures-template.csv")
        });
    };

    view! {
        <form class="stack" on:submit=submit>
            <h3>"Upload pictures"</h3>
            <div class="field">
                <label for="pictures-archive">"The photographer's zip"</label>
                <input id="pictures-archive" type="file" accept=".zip,application/zip" node_ref=archive />
            </div>
            <div class="field">
                <label for="pictures-folder">"Or a folder of pictures"</label>
                <input id="pictures-folder" type="file" multiple node_ref=folder />
            </div>
            <div class="field">
                <label for="pictures-mapping">"Mapping file (optional)"</label>
                <input id="pictures-mapping" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" node_ref=mapping aria-describedby="pictures-mapping-help" />
                <p id="pictures-mapping-help" class="field-hint">
                    "Each line: the student's email or student ID, then the picture's file name "
                    "(a vendor's idlink.txt works as it is). Without one, pictures named by "
                    "student ID or email are matched by their names."
                </p>
            </div>
            <When when=move || nothing_chosen.get()>
                <p class="alert alert-error" role="alert">"Choose a zip or a folder of pictures first."</p>
            </When>
            {move || sent.get().map(|(done, total)| view! {
                <ProgressBar
                    id="upload-progress"
                    label=format!("Uploading: {} of {}", megabytes(done), megabytes(total))
                    done=done as i64
                    total=total as i64
                />
            })}
            <ErrorAlert error=task.error />
            <ErrorAlert error=template.error />
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || task.pending.get()>
                    {move || if task.pending.get() { "Uploading…" } else { "Upload" }}
                </button>
                <button type="button" class="button" disabled=move || template.pending.get() on:click=download_template>
                    "Download the mapping template"
                </button>
            </div>
        </form>
    }
}

/// The chosen files as the upload's parts, and their size; `None` without pictures.
struct Chosen {
    data: web_sys::FormData,
    size: u64,
}

fn form_data(
    archive: NodeRef<Input>,
    folder: NodeRef<Input>,
    mapping: NodeRef<Input>,
) -> Option<Chosen> {
    let files = |input: NodeRef<Input>| -> Vec<web_sys::File> {
        let Some(list) = input.get_untracked().and_then(|input| input.files()) else {
            return Vec::new();
        };
        (0..list.length()).filter_map(|at| list.get(at)).collect()
    };
    let pictures: Vec<(&str, web_sys::File)> = files(archive)
        .into_iter()
        .map(|file| ("archive", file))
        .chain(files(folder).into_iter().map(|file| ("files", file)))
        .collect();
    if pictures.is_empty() {
        return None;
    }
    let data = web_sys::FormData::new().ok()?;
    let mut size = 0;
    let mapping = files(mapping).into_iter().map(|file| ("mapping", file));
    for (part, file) in pictures.into_iter().chain(mapping) {
        size += file.size() as u64;
        data.append_with_blob_and_filename(part, &file, &file.name())
            .ok()?;
    }
    Some(Chosen { data, size })
}
