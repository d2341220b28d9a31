//! "Invite Families": every student's invite code as a spreadsheet, for the letters home.
use hallpass_shared::parents::InviteExportQuery;
use leptos::prelude::*;

use crate::api::InviteFormat;
use crate::components::{Dialog, ErrorAlert, Task, TextField};
use crate::session::use_session;

#[component]
pub fn InviteFamilies() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button invite-button" on:click=move |_| open.set(true)>
            "Invite Families"
        </button>
        <Dialog id="invite-families" title="Invite Families" open=open>
            <InviteDownloads />
        </Dialog>
    }
}

#[component]
fn InviteDownloads() -> impl IntoView {
    let session = use_session();
    let grade = RwSignal::new(String::new());
    let task = Task::new();
    let download = move |format: InviteFormat| {
        let grade = grade.get_untracked().trim().to_owned();
        let query = InviteExportQuery {
            grade: (!grade.is_empty()).then_some(grade),
        };
        let api = session.api();
        task.run(
            async move { api.invite_codes(format, &query).await },
            |file| crate::download::save_bytes(&file.bytes, &file.file_name),
        );
    };
    view! {
        <div class="stack">
        <p>
            "Each student has an invite code. Families create a parent account and add their child "
            "with it, then see the child's past passes."
        </p>
        <p class="muted">
            "The list has every active and disabled student: name, school ID, grade, email and code. "
            "To replace codes, tick students and choose \"New invite codes\"."
        </p>
        <TextField id="invite-grade" label="Grade (optional)" value=grade hint="Leave empty for every grade." />
        <ErrorAlert error=task.error />
        <div class="button-row">
            <button type="button" class="button button-primary" disabled=move || task.pending.get()
                on:click=move |_| download(InviteFormat::Xlsx)>
                "Download Parent Invite Codes (Excel)"
            </button>
            <button type="button" class="button" disabled=move || task.pending.get()
                on:click=move |_| download(InviteFormat::Csv)>
                "Download CSV"
            </button>
        </div>
        </div>
    }
}
