use std::collections::BTreeSet;

use hallpass_shared::accounts::UserQuery;
use hallpass_shared::page::MAX_LIMIT;
use hallpass_shared::user::{Role, User};
use leptos::prelude::*;

use super::{ErrorAlert, Reload};
use crate::session::use_session;

/// Ticks teachers: those an assistant acts for, or those of a room.
#[component]
pub fn TeacherPicker(
    /// Prefix of the hint's id, unique on the page.
    id: &'static str,
    legend: &'static str,
    hint: &'static str,
    selected: RwSignal<BTreeSet<String>>,
    #[prop(into)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let session = use_session();
    let teachers = RwSignal::new(None::<Vec<User>>);
    let load = Reload::new();
    let query = UserQuery {
        role: Some(Role::Teacher),
        limit: Some(MAX_LIMIT),
        ..UserQuery::default()
    };
    let api = session.api();
    load.run(async move { api.users(&query).await }, move |page| {
        teachers.set(Some(page.items))
    });
    let checkboxes = move || {
        teachers.get().map(|all| match all {
            all if all.is_empty() => view! {
                <p class="muted">"There are no teachers yet. Add one first."</p>
            }
            .into_any(),
            all => all
                .into_iter()
                .map(|teacher| {
                    let id = StoredValue::new(teacher.id.clone());
                    let checked = move || id.with_value(|id| selected.with(|set| set.contains(id)));
                    let toggle = move |event: leptos::ev::Event| {
                        let on = event_target_checked(&event);
                        selected.update(|set| {
                            let id = id.get_value();
                            if on {
                                set.insert(id);
                            } else {
                                set.remove(&id);
                            }
                        });
                    };
                    view! {
                        <label class="check-option">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            <span>{format!("{}, {}", teacher.last_name, teacher.first_name)}</span>
                        </label>
                    }
                })
                .collect_view()
                .into_any(),
        })
    };
    let described_by = hint_id.clone();
    view! {
        <fieldset class="field choice-group" aria-describedby=described_by>
            <legend>{legend}</legend>
            <p class="field-hint" id=hint_id>{hint}</p>
            <div class="check-options">
                <ErrorAlert error=load.error />
                {move || {
                    let loading = load.loading.get();
                    checkboxes().or_else(|| loading.then(|| view! { <p class="loading">"Loading teachers…"</p> }.into_any()))
                }}
            </div>
            <ul class="field-errors">
                {move || errors.get().into_iter().map(|error| view! { <li>{format!("{legend}: {error}.")}</li> }).collect_view()}
            </ul>
        </fieldset>
    }
}
