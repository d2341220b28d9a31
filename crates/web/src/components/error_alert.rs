use leptos::prelude::*;

use crate::api::ApiError;

/// Announces the API's message for a failed call; renders nothing while `error` is `None`.
#[component]
pub fn ErrorAlert(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! {
                <p class="alert alert-error" role="alert">
                    {error.message()}
                </p>
            }
        })
    }
}
