use hallpass_shared::patch::Patch;
use hallpass_shared::pictures::PreferencesPatch;
use hallpass_shared::user::Role;
use leptos::prelude::*;

use crate::components::{ErrorAlert, PageHeading, Task, When};
use crate::pages::change_password::ChangePasswordForm;
use crate::pages::home::role_name;
use crate::session::use_session;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let name = move || session.with_me(|me| me.map(|me| me.user.full_name()));
    let email = move || {
        session
            .with_me(|me| me.and_then(|me| me.user.email.clone()))
            .unwrap_or_else(|| "—".into())
    };
    let role = move || session.with_me(|me| me.map(|me| role_name(me.user.role)));
    let staff = move || session.role().is_some_and(Role::is_staff);

    view! {
        <PageHeading title="My account" />
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Profile"</h2>
            <dl class="facts">
                <dt>"Name"</dt>
                <dd>{move || name()}</dd>
                <dt>"Email"</dt>
                <dd>{move || email()}</dd>
                <dt>"Role"</dt>
                <dd>{move || role()}</dd>
            </dl>
        </section>
        <When when=staff>
            <PicturePreference />
        </When>
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <p class="muted">"Changing your password signs you out on your other devices."</p>
            <ChangePasswordForm />
        </section>
    }
}

/// A teacher's choice to see initials instead of students' pictures.
#[component]
fn PicturePreference() -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let hidden = move || session.with_me(|me| me.is_some_and(|me| me.hide_profile_pictures));
    let change = move |event: leptos::ev::Event| {
        let patch = PreferencesPatch {
            hide_profile_pictures: Patch::Set(event_target_checked(&event)),
        };
        let api = session.api();
        task.run(
            async move { api.update_preferences(&patch).await },
            move |me| session.me_changed(me),
        );
    };
    view! {
        <section class="card" aria-labelledby="pictures-heading">
            <h2 id="pictures-heading">"Students' pictures"</h2>
            <div class="field field-checkbox">
                <input id="hide-pictures" type="checkbox" prop:checked=hidden disabled=move || task.pending.get() on:change=change />
                <label for="hide-pictures">"Show initials instead of students' pictures"</label>
            </div>
            <ErrorAlert error=task.error />
        </section>
    }
}
