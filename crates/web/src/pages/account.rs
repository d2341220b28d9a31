use leptos::prelude::*;

use crate::components::PageHeading;
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
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <p class="muted">"Changing your password signs you out on your other devices."</p>
            <ChangePasswordForm />
        </section>
    }
}
