use hallpass_shared::auth::ChangePasswordRequest;
use leptos::prelude::*;
use validator::Validate;

use crate::components::{
    effect, errors_for, validation_errors, ErrorAlert, FieldErrors, PageHeading, Task, TextField,
    When,
};
use crate::session::{use_session, Gate, RequireGate};

/// The screen a user with a temporary password sees until they choose their own.
#[component]
pub fn ForcedPasswordChangePage() -> impl IntoView {
    let session = use_session();
    view! {
        <main id="main" class="centered">
            <div class="card card-narrow">
                <p class="brand-name">"Hallpass"</p>
                <RequireGate allow=Gate::MustChangePassword>
                    <PageHeading title="Choose your password" />
                    <p>
                        "You signed in with a temporary password. Choose a password of your own "
                        "to continue."
                    </p>
                    <ChangePasswordForm forced=true />
                    <p class="aside">
                        <button type="button" class="link-button" on:click=move |_| session.sign_out()>
                            "Sign out"
                        </button>
                    </p>
                </RequireGate>
            </div>
        </main>
    }
}

/// Current password, new password, and the new one again. On success the server answers with
/// a new session (older sign-ins are revoked), which the API client keeps.
#[component]
pub fn ChangePasswordForm(#[prop(optional)] forced: bool) -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let field_errors = RwSignal::new(FieldErrors::new());
    let done = RwSignal::new(false);

    let change = Task::new();
    let pending = change.pending;
    effect(move || {
        if let Some(error) = change.error.get() {
            field_errors.set(error.field_errors());
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(false);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let errors = local_errors(&request, &confirm.get_untracked());
        let valid = errors.is_empty();
        field_errors.set(errors);
        if valid {
            let api = session.api();
            change.run(
                async move { api.change_password(&request).await },
                move |_| {
                    current.set(String::new());
                    new.set(String::new());
                    confirm.set(String::new());
                    done.set(true);
                },
            );
        }
    };

    view! {
        <form class="stack" on:submit=on_submit>
            <ErrorAlert error=change.error />
            <When when=move || done.get() && !forced>
                <p class="alert alert-success" role="status">"Your password was changed."</p>
            </When>
            <TextField
                id="current_password"
                label=if forced { "Temporary password" } else { "Current password" }
                value=current
                input_type="password"
                autocomplete="current-password"
                required=true
                errors=errors_for(field_errors, "current_password")
            />
            <TextField
                id="new_password"
                label="New password"
                value=new
                input_type="password"
                autocomplete="new-password"
                hint="At least 8 characters."
                required=true
                errors=errors_for(field_errors, "new_password")
            />
            <TextField
                id="confirm_password"
                label="New password again"
                value=confirm
                input_type="password"
                autocomplete="new-password"
                required=true
                errors=errors_for(field_errors, "confirm_password")
            />
            <button type="submit" class="button button-primary" disabled=pending>
                {move || if pending.get() { "Saving…" } else { "Change password" }}
            </button>
        </form>
    }
}

/// The checks the browser can make before asking the server: the shared rules, and that both
/// copies of the new password agree.
fn local_errors(request: &ChangePasswordRequest, confirm: &str) -> FieldErrors {
    let mut errors = request
        .validate()
        .err()
        .map(|invalid| validation_errors(&invalid))
        .unwrap_or_default();
    if request.new_password != confirm {
        errors
            .entry("confirm_password".into())
            .or_default()
            .push("does not match the new password".into());
    }
    errors
}
