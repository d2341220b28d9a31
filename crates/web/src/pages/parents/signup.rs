//! "Create a parent account": the sign-up, then a sign-in with the same email and password.
use hallpass_shared::auth::LoginRequest;
use hallpass_shared::parents::ParentSignup;
use leptos::prelude::*;
use leptos_router::components::A;
use validator::Validate;

use crate::api::{Api, ApiError};
use crate::components::{
    effect, errors_for, validation_errors, ErrorAlert, FieldErrors, PageHeading, Task, TextField,
};
use crate::session::{use_session, Gate, RequireGate};

#[component]
pub fn ParentSignUpPage() -> impl IntoView {
    view! {
        <main id="main" class="centered">
            <div class="card card-narrow">
                <p class="brand-name">"Hallpass"</p>
                <RequireGate allow=Gate::SignedOut>
                    <SignUpForm />
                </RequireGate>
            </div>
        </main>
    }
}

#[component]
fn SignUpForm() -> impl IntoView {
    let session = use_session();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let field_errors = RwSignal::new(FieldErrors::new());

    // On success the session starts and the gate takes the parent to their students. When the
    // sign-in after the sign-up fails, the server's neutral answer is shown: the email may have
    // had an account with another password.
    let sign_up = Task::new();
    let pending = sign_up.pending;
    let accepted = RwSignal::new(None::<String>);
    effect(move || {
        if let Some(error) = sign_up.error.get() {
            field_errors.set(error.field_errors());
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = ParentSignup {
            first_name: first_name.get_untracked().trim().to_owned(),
            last_name: last_name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        match request.validate() {
            Ok(()) => {
                field_errors.set(FieldErrors::new());
                accepted.set(None);
                let api = session.api();
                sign_up.run(sign_up_then_in(api, request), move |message| {
                    accepted.set(message)
                });
            }
            Err(invalid) => field_errors.set(validation_errors(&invalid)),
        }
    };

    view! {
        <PageHeading title="Create a parent account" />
        <p class="muted">
            "See your child's past hall passes. You need the invite code from your child's school."
        </p>
        <form class="stack" on:submit=on_submit novalidate=true>
            <ErrorAlert error=sign_up.error />
            {move || accepted.get().map(|message| view! { <p class="alert alert-success" role="status">{message}</p> })}
            <TextField id="first_name" label="First name" value=first_name autocomplete="given-name" required=true errors=errors_for(field_errors, "first_name") />
            <TextField id="last_name" label="Last name" value=last_name autocomplete="family-name" required=true errors=errors_for(field_errors, "last_name") />
            <TextField id="email" label="Email" value=email input_type="email" autocomplete="email" required=true errors=errors_for(field_errors, "email") />
            <TextField
                id="password"
                label="Password"
                value=password
                input_type="password"
                autocomplete="new-password"
                hint="At least 8 characters. Long phrases are good; very common passwords are refused."
                required=true
                errors=errors_for(field_errors, "password")
            />
            <button type="submit" class="button button-primary" disabled=pending>
                {move || if pending.get() { "Creating your account…" } else { "Create account" }}
            </button>
        </form>
        <p class="form-switch">"Already have an account? " <A href="/sign-in">"Sign in"</A></p>
    }
}

/// Signs up, then in with the same email and password: `None` once signed in, or the server's
/// answer to the sign-up when the sign-in did not work.
async fn sign_up_then_in(api: Api, request: ParentSignup) -> Result<Option<String>, ApiError> {
    let accepted = api.parent_signup(&request).await?;
    let login = LoginRequest {
        email: request.email,
        password: request.password,
    };
    Ok(api.login(&login).await.err().map(|_| accepted.message))
}
