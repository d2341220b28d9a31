//! Integrations: what comes from other systems. Rosters (imports and OneRoster) for account
//! managers, the photographer's pictures for integrators.
mod numbers;
mod pictures;
mod rosters;

use hallpass_shared::jobs::Job;
use hallpass_shared::user::Permission;
use leptos::prelude::*;

use crate::components::{PageHeading, When};
use crate::session::use_session;

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let session = use_session();
    let allowed = move || session.has(Permission::ManageIntegrations);
    view! {
        <PageHeading title="Integrations" />
        <When
            when=allowed
            fallback=|| view! { <p class="alert alert-error" role="alert">"You need the Manage integrations permission for this page."</p> }
        >
            <rosters::Rosters />
            <pictures::ProfilePictures />
        </When>
    }
}

/// An event's job as the page holds it: the event leaves the result out.
fn without_result<R>(update: &Job<serde::de::IgnoredAny>) -> Job<R> {
    Job {
        id: update.id.clone(),
        kind: update.kind,
        state: update.state,
        progress: update.progress,
        result: None,
        error: update.error.clone(),
        created_by: update.created_by.clone(),
        created_at: update.created_at,
        finished_at: update.finished_at,
    }
}
