use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main" class="centered">
            <div class="card card-narrow">
                <PageHeading title="Page not found" />
                <p>"There is no page at this address."</p>
                <p><A href="/">"Go to Home"</A></p>
            </div>
        </main>
    }
}
