//! "Create a parent account": the sign-up, then a sign-in with the same email and password.
use hallpass_shared::auth::LoginRequest;
use hallpass_shared::parents::ParentSignup;
use leptos::prelude::*;
use leptos_router::components::A;
use validator::Validate;

use crate::api::ApiError;
use crate::components::{
    errors_for, validation_errors, ErrorAlert, FieldErrors, PageHeading, TextField,
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

/// What the sign-up led to when the sign-in after it did not work.
#[derive(Clone)]
enum Outcome {
    /// The server's neutral answer: the email may have had an account with another password.
    Accepted(String),
    Failed(ApiError),
}

#[component]
fn SignUpForm() -> impl IntoView {
    let session = use_session();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let field_errors = RwSignal::new(FieldErrors::new());

    // On success the session starts and the gate takes the parent to their students.
    let sign_up = Action::new_unsync(move |request: &ParentSignup| {
        let (api, request) = (session.api(), request.clone());
        async move {
            let accepted = api.parent_signup(&request).await.map_err(Outcome::Failed)?;
            let login = LoginRequest {
                email: request.email,
                password: request.password,
            };
            match api.login(&login).await {
                Ok(_) => Ok(()),
                Err(_) => Err(Outcome::Accepted(accepted.message)),
            }
        }
    });
    let pending = sign_up.pending();
    let error = Signal::derive(move || match sign_up.value().get() {
        Some(Err(Outcome::Failed(error))) => Some(error),
        _ => None,
    });
    let accepted = move || match sign_up.value().get() {
        Some(Err(Outcome::Accepted(message))) => Some(message),
        _ => None,
    };
    Effect::new(move |_| {
        if let Some(Err(Outcome::Failed(error))) = sign_up.value().get() {
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
                sign_up.dispatch(request);
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
            <ErrorAlert error=error />
            {move || accepted().map(|message| view! { <p class="alert alert-success" role="status">{message}</p> })}
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
