use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The WAI-ARIA tabs pattern: a `tablist` of buttons, one in the Tab order, arrow keys, Home
/// and End move along. The caller draws the one `tabpanel` (id `panel`, labelled by the
/// selected tab's id) and says which tab is selected.
#[component]
pub fn Tabs(
    /// The tablist's accessible name.
    label: &'static str,
    /// Each tab's element id.
    ids: Vec<String>,
    /// Each tab's text.
    names: Vec<String>,
    /// The id of the panel the tabs control.
    panel: &'static str,
    #[prop(into)] selected: Signal<usize>,
    select: Callback<usize>,
) -> impl IntoView {
    let last = ids.len().saturating_sub(1);
    let ids = StoredValue::new(ids);
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let current = selected.get_untracked();
        let next = match event.key().as_str() {
            "ArrowRight" if current == last => 0,
            "ArrowRight" => current + 1,
            "ArrowLeft" if current == 0 => last,
            "ArrowLeft" => current - 1,
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        event.prevent_default();
        select.run(next);
        ids.with_value(|ids| focus_element(&ids[next]));
    };
    let tabs = names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let is_selected = move || selected.get() == index;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    id=ids.with_value(|ids| ids[index].clone())
                    aria-controls=panel
                    aria-selected=move || is_selected().to_string()
                    tabindex=move || if is_selected() { "0" } else { "-1" }
                    on:click=move |_| select.run(index)
                >
                    {name}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tabs" role="tablist" aria-label=label on:keydown=on_keydown>
            {tabs}
        </div>
    }
}

fn focus_element(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
