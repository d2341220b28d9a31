use hallpass_shared::user::User;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{ConfirmDialog, ErrorAlert, Task};
use crate::session::use_session;

/// Resets the password after a confirmation and shows the temporary one, once.
#[component]
pub fn ResetPassword(current: RwSignal<Option<User>>) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let reset = Task::new();
    let shown = RwSignal::new(None::<String>);
    let name = move || current.with(|user| user.as_ref().map(User::full_name).unwrap_or_default());
    let sign_in_name =
        move || current.with(|user| user.as_ref().and_then(|user| user.email.clone()));
    let confirm = Callback::new(move |()| {
        let Some(id) = current.with_untracked(|user| user.as_ref().map(|user| user.id.clone()))
        else {
            return;
        };
        let api = session.api();
        reset.run(
            async move { api.reset_password(&id).await },
            move |answer| {
                shown.set(Some(answer.temporary_password));
                asking.set(false);
            },
        );
    });
    view! {
        <p class="muted">
            "A new temporary password replaces the current one at once. They must choose their own when they next sign in."
        </p>
        <button type="button" class="button" on:click=move |_| asking.set(true)>
            "Reset password…"
        </button>
        <div aria-live="polite">
            {move || shown.get().map(|password| view! {
                <TemporaryPasswordCard password=password name=name() sign_in_name=sign_in_name() />
            })}
        </div>
        <ConfirmDialog
            id="confirm-reset"
            title="Reset password?"
            open=asking
            confirm_label="Reset password"
            pending=reset.pending
            on_confirm=confirm
        >
            <p>{move || format!("{}'s current password stops working at once, and they are signed out everywhere.", name())}</p>
            <ErrorAlert error=reset.error />
        </ConfirmDialog>
    }
}

/// The temporary password in a large, copyable box; it is not shown again after this.
#[component]
fn TemporaryPasswordCard(
    password: String,
    name: String,
    sign_in_name: Option<String>,
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let text = StoredValue::new(password.clone());
    let copy = move |_| {
        let promise = window()
            .navigator()
            .clipboard()
            .write_text(&text.get_value());
        spawn_local(async move {
            let done = js_sys::futures::JsFuture::from(promise).await;
            copied.set(Some(if done.is_ok() {
                "Copied."
            } else {
                "Copying failed: select the password and copy it yourself."
            }));
        });
    };
    view! {
        <div class="temporary-password">
            <p>
                "Temporary password for " <strong>{name}</strong>
                ". It is shown only now: copy it or write it down."
            </p>
            <div class="password-line">
                <code class="password-text">{password}</code>
                <button type="button" class="button button-small" on:click=copy>"Copy"</button>
            </div>
            {sign_in_name.map(|email| view! { <p class="muted">"Sign-in name: " <strong>{email}</strong></p> })}
            <p class="muted" role="status">{move || copied.get()}</p>
        </div>
    }
}
