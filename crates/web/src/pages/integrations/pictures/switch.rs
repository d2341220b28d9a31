//! Enable and Disable: whether teachers see the pictures (account managers and integrators
//! always do, to check an upload first).
use hallpass_shared::patch::Patch;
use hallpass_shared::school::SchoolPatch;
use hallpass_shared::user::Permission;
use leptos::prelude::*;

use crate::components::{ErrorAlert, Task, When};
use crate::session::use_session;

#[component]
pub fn PicturesSwitch() -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let enabled = move || {
        session.with_me(|me| {
            me.and_then(|me| me.school.as_ref())
                .is_some_and(|school| school.profile_pictures_enabled)
        })
    };
    let may_switch = move || session.has(Permission::ManageSchool);
    let switch = move |_| {
        let patch = SchoolPatch {
            profile_pictures_enabled: Patch::Set(!enabled()),
            ..SchoolPatch::default()
        };
        let api = session.api();
        task.run(
            async move { api.update_school(&patch).await },
            move |school| session.school_changed(school),
        );
    };
    view! {
        <div class="stack">
            <p class="pictures-state">
                {move || if enabled() {
                    "Pictures are on: staff see them."
                } else {
                    "Pictures are off: teachers see initials. You can still upload and check them."
                }}
            </p>
            <When
                when=may_switch
                fallback=|| view! { <p class="muted">"Someone with the Manage school permission turns pictures on and off."</p> }
            >
                <div class="button-row">
                    <button type="button" class="button" disabled=move || task.pending.get() on:click=switch>
                        {move || if enabled() { "Disable pictures" } else { "Enable pictures" }}
                    </button>
                </div>
            </When>
            <ErrorAlert error=task.error />
        </div>
    }
}
