//! The safety hold: a full sync that archives a large part of its source's accounts is
//! applied only after this confirmation (`confirm_archive`).
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{ConfirmDialog, ErrorAlert};
use crate::pages::integrations::numbers::count;

#[component]
pub fn HoldDialog(
    open: RwSignal<bool>,
    /// How many accounts it archives, of how many of its source.
    #[prop(into)]
    hold: Signal<(u32, u32)>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let archive = move || count(i64::from(hold.get().0));
    view! {
        <ConfirmDialog
            id="import-hold"
            title=move || format!("Archive {} accounts?", archive())
            open=open
            confirm_label="Apply and archive"
            danger=true
            pending=pending
            on_confirm=on_confirm
        >
            <p class="lead">{move || format!("This archives {} of {} accounts.", archive(), count(i64::from(hold.get().1)))}</p>
            <p>
                "Archived accounts are suspended at once: they can't sign in and leave every list. "
                "Their data is kept, and they are restored if a later import brings them back. "
                "If the file is missing people by mistake, cancel and import the full file."
            </p>
            <ErrorAlert error=error />
        </ConfirmDialog>
    }
}
