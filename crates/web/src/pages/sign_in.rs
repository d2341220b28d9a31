use hallpass_shared::auth::LoginRequest;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{ErrorAlert, PageHeading, Task, TextField};
use crate::session::{use_session, Gate, RequireGate};

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <main id="main" class="centered">
            <div class="card card-narrow">
                <p class="brand-name">"Hallpass"</p>
                <RequireGate allow=Gate::SignedOut>
                    <SignInForm />
                    <p class="form-switch">
                        "Parent or guardian? " <A href="/parent-signup">"Create a parent account"</A>
                    </p>
                </RequireGate>
            </div>
        </main>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // On success the session starts and the gate takes the user to their screen.
    let sign_in = Task::new();
    let pending = sign_in.pending;

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let api = session.api();
        sign_in.run(async move { api.login(&request).await }, drop);
    };

    view! {
        <PageHeading title="Sign in" />
        <form class="stack" on:submit=on_submit>
            <ErrorAlert error=sign_in.error />
            <TextField id="email" label="Email" value=email input_type="email" autocomplete="username" required=true />
            <TextField
                id="password"
                label="Password"
                value=password
                input_type="password"
                autocomplete="current-password"
                required=true
            />
            <button type="submit" class="button button-primary" disabled=pending>
                {move || if pending.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
