use leptos::html::H1;
use leptos::prelude::*;

use super::effect;

/// The page's `<h1>`. It also names the browser tab and takes focus when the page opens, so
/// that screen readers announce the new page after a client-side navigation.
#[component]
pub fn PageHeading(title: &'static str) -> impl IntoView {
    document().set_title(&format!("{title} · Hallpass"));
    let heading = NodeRef::<H1>::new();
    effect(move || {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! { <h1 tabindex="-1" node_ref=heading>{title}</h1> }
}
