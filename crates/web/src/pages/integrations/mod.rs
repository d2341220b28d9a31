//! Integrations: what comes from other systems. For now the photographer's pictures.
mod pictures;

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
            <pictures::ProfilePictures />
        </When>
    }
}
