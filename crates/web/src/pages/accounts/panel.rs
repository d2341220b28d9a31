//! The account panel: a side sheet over the list with one account's details and actions.
use hallpass_shared::user::{AccountSource, Role, User};
use leptos::prelude::*;

use super::delete_account::DeleteAccount;
use super::edit_form::EditAccountForm;
use super::parent_links::ParentLinks;
use super::picture::StudentPicture;
use super::reset_password::ResetPassword;
use super::state::use_accounts;
use crate::components::{Dialog, ErrorAlert, Loading, Reload, When};
use crate::session::use_session;
use crate::time::{format_in_zone, Style};

#[component]
pub fn AccountPanel() -> impl IntoView {
    let accounts = use_accounts();
    // Outlives each opening, so that the panel's title can follow saved changes.
    let current = RwSignal::new(None::<User>);
    let title = move || {
        current.with(|user| {
            user.as_ref()
                .map(User::full_name)
                .unwrap_or_else(|| "Account".into())
        })
    };
    view! {
        <Dialog id="account-panel" title=title open=accounts.panel_open class="dialog-panel">
            <AccountLoader current=current />
        </Dialog>
    }
}

/// Reads the opened account afresh, then shows it.
#[component]
fn AccountLoader(current: RwSignal<Option<User>>) -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let load = Reload::new();
    current.set(None);
    if let Some(id) = accounts.opened.get_untracked() {
        let api = session.api();
        load.run(async move { api.user(&id).await }, move |user| {
            current.set(Some(user));
        });
    }
    let loaded_id = Memo::new(move |_| current.with(|user| user.as_ref().map(|u| u.id.clone())));
    view! {
        <Loading load=load />
        <ErrorAlert error=load.error />
        {move || loaded_id.get().map(|_| view! { <AccountDetails current=current /> })}
    }
}

#[component]
fn AccountDetails(current: RwSignal<Option<User>>) -> impl IntoView {
    let session = use_session();
    let in_zone = move |at: chrono::DateTime<chrono::Utc>| match session.time_zone() {
        Some(zone) => format_in_zone(at, &zone, Style::DateTime),
        None => at.to_rfc3339(),
    };
    let added = move || current.with(|user| user.as_ref().map(|user| in_zone(user.created_at)));
    let signed_in = move || {
        current.with(|user| {
            user.as_ref().map(|user| match user.activated_at {
                Some(at) => format!("First on {}", in_zone(at)),
                None => "Not yet: print or reset a password to give them one.".into(),
            })
        })
    };
    let imported = move || {
        current.with(|user| {
            user.as_ref()
                .is_some_and(|user| user.source == AccountSource::Import)
        })
    };
    let is_parent =
        move || current.with(|user| user.as_ref().is_some_and(|user| user.role == Role::Parent));
    view! {
        <dl class="facts">
            <dt>"Added"</dt>
            <dd>{move || added()}</dd>
            <dt>"Signed in"</dt>
            <dd>{move || signed_in()}</dd>
        </dl>
        <When when=imported>
            <p class="alert alert-warning">
                "This account came from an import: deleted here only, it comes back with the next "
                "full sync."
            </p>
        </When>
        // Parents run their own accounts; the school sees and removes their links.
        <When
            when=move || !is_parent()
            fallback=move || view! { <ParentLinks current=current /> }
        >
            <StudentPicture current=current />
            <EditAccountForm current=current />
            <section class="panel-section" aria-labelledby="password-section">
                <h3 id="password-section">"Password"</h3>
                <ResetPassword current=current />
            </section>
        </When>
        <section class="panel-section" aria-labelledby="delete-section">
            <h3 id="delete-section">"Delete"</h3>
            <DeleteAccount current=current />
        </section>
    }
}
