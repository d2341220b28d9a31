//! Delete all: every picture of the school, after a confirmation.
use leptos::prelude::*;

use crate::components::{ConfirmDialog, ErrorAlert, Task};
use crate::pages::integrations::numbers::count;
use crate::session::use_session;

#[component]
pub fn DeleteAllPictures() -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let open = RwSignal::new(false);
    let deleted = RwSignal::new(None::<u32>);
    let confirm = Callback::new(move |()| {
        let api = session.api();
        task.run(
            async move { api.delete_all_pictures().await },
            move |done| {
                open.set(false);
                deleted.set(Some(done.deleted));
            },
        );
    });
    view! {
        <div class="stack">
            <h3>"Delete all pictures"</h3>
            <p class="muted">"Removes every student's picture from Hallpass, for a new school year or a new photographer."</p>
            <div class="button-row">
                <button type="button" class="button button-danger" on:click=move |_| open.set(true)>
                    "Delete all pictures"
                </button>
            </div>
            {move || deleted.get().map(|n| view! {
                <p role="status">{match n { 1 => "Deleted 1 picture.".to_string(), n => format!("Deleted {} pictures.", count(i64::from(n))) }}</p>
            })}
            <ConfirmDialog
                id="delete-pictures"
                title="Delete all pictures?"
                open=open
                confirm_label="Delete all pictures"
                danger=true
                pending=task.pending
                on_confirm=confirm
            >
                <p>"Every student's picture will be deleted. This cannot be undone: upload the pictures again to bring them back."</p>
                <ErrorAlert error=task.error />
            </ConfirmDialog>
        </div>
    }
}
