use leptos::prelude::*;

use super::When;

/// A labelled input with its hint and error messages wired up for screen readers.
#[component]
pub fn TextField(
    /// The input's `id` and `name`.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] input_mode: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_errors = move || errors.with(|errors| !errors.is_empty());
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if has_errors() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=has_errors>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=input_mode
                list=list
                required=required
                aria-invalid=move || has_errors().then_some("true")
                aria-describedby=described_by
                bind:value=value
            />
            <When when=has_errors>
                <ul class="field-errors" id=error_id.clone()>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|error| view! { <li>{sentence(label, &error)}</li> })
                            .collect_view()
                    }}
                </ul>
            </When>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckboxField(
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field field-checkbox">
            <input
                id=id
                name=id
                type="checkbox"
                aria-describedby=hint.map(|_| hint_id.clone())
                bind:checked=checked
            />
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
        </div>
    }
}

/// A field's messages, for controls that are not a `TextField` (groups, selects, lists).
#[component]
pub fn FieldErrorList(
    label: &'static str,
    #[prop(into)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <ul class="field-errors">
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|error| view! { <li>{sentence(label, &error)}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// Field messages from the shared rules are fragments ("must be 1 to 120 characters");
/// prefixing the label makes them sentences.
fn sentence(label: &str, message: &str) -> String {
    if message.starts_with(|c: char| c.is_lowercase()) {
        format!("{label} {message}.")
    } else {
        message.to_owned()
    }
}

/// A labelled `<select>` over a fixed list of values. With `describe`, the chosen value's
/// explanation shows below it (and is read with it).
#[component]
pub fn SelectField<T>(
    id: &'static str,
    label: &'static str,
    options: &'static [T],
    value: RwSignal<T>,
    name_of: fn(T) -> &'static str,
    #[prop(optional)] describe: Option<fn(T) -> &'static str>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let hint_id = format!("{id}-hint");
    let on_change = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event)
            .parse::<usize>()
            .ok()
            .and_then(|index| options.get(index));
        if let Some(chosen) = chosen {
            value.set(*chosen);
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                name=id
                aria-describedby=describe.map(|_| hint_id.clone())
                on:change=on_change
            >
                {options
                    .iter()
                    .enumerate()
                    .map(|(index, option)| {
                        let option = *option;
                        view! {
                            <option value=index.to_string() selected=move || value.get() == option>
                                {name_of(option)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {describe
                .map(|describe| {
                    view! { <p class="field-hint field-hint-after" id=hint_id.clone()>{move || describe(value.get())}</p> }
                })}
        </div>
    }
}
