//! Emergency mode: the banner everyone sees while it is on, and the switch for staff with
//! `manage_school`.
use leptos::prelude::*;

use super::{ConfirmDialog, ErrorAlert, Task, When};
use crate::session::use_session;

#[component]
pub fn EmergencyBanner() -> impl IntoView {
    let session = use_session();
    view! {
        <When when=move || session.emergency()>
            <div class="emergency-banner" role="alert">
                <strong>"Emergency mode is on."</strong>
                " All passes have ended and no new pass can start. Follow your school's instructions."
            </div>
        </When>
    }
}

/// Starts emergency mode after a confirmation, or ends it.
#[component]
pub fn EmergencySwitch() -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let confirming = RwSignal::new(false);
    let set = move |active: bool| {
        let api = session.api();
        task.run(
            async move { api.set_emergency(active).await },
            move |school| {
                confirming.set(false);
                session.school_changed(school);
            },
        );
    };
    view! {
        <section class="card emergency-card" aria-labelledby="emergency-title">
            <h2 id="emergency-title">"Emergency mode"</h2>
            <When
                when=move || session.emergency()
                fallback=move || view! {
                    <p class="muted">"Ends every pass at once and stops new ones, for a lockdown or a drill."</p>
                    <button type="button" class="button button-danger" on:click=move |_| { task.error.set(None); confirming.set(true) }>
                        "Start emergency mode"
                    </button>
                }
            >
                <p>"Emergency mode is on. Passes can start again once it ends."</p>
                <ErrorAlert error=task.error />
                <button type="button" class="button" disabled=task.pending on:click=move |_| set(false)>
                    "End emergency mode"
                </button>
            </When>
            <ConfirmDialog
                id="emergency-confirm"
                title="Start emergency mode?"
                open=confirming
                confirm_label="Start emergency mode"
                danger=true
                pending=task.pending
                on_confirm=Callback::new(move |_| set(true))
            >
                <p>"Every active pass ends now, and no pass can start until emergency mode ends. Everyone signed in sees it at once."</p>
                <ErrorAlert error=task.error />
            </ConfirmDialog>
        </section>
    }
}
