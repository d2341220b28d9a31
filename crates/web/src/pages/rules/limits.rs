//! The school's daily pass limit (`GET`/`PUT /pass-limits`).
use std::collections::BTreeSet;

use hallpass_shared::passes::PassLimits;
use hallpass_shared::rooms::Room;
use leptos::prelude::*;
use validator::Validate;

use crate::components::{
    errors_for, validation_errors, CheckboxField, ErrorAlert, FieldErrors, Reload, Task, TextField,
    When,
};
use crate::session::use_session;

#[component]
pub fn LimitsForm() -> impl IntoView {
    let session = use_session();
    let per_day = RwSignal::new(String::new());
    let excluded = RwSignal::new(BTreeSet::<String>::new());
    let count_staff = RwSignal::new(false);
    let rooms = RwSignal::new(Vec::<Room>::new());
    // The fields show once the saved values are in, so that nothing typed is overwritten.
    let loaded = RwSignal::new(false);
    let load = Reload::new();
    let api = session.api();
    load.run(
        async move { Ok((api.pass_limits().await?, api.rooms().await?)) },
        move |(limits, all): (PassLimits, Vec<Room>)| {
            per_day.set(limits.per_day.map(|n| n.to_string()).unwrap_or_default());
            excluded.set(limits.excluded_room_ids.into_iter().collect());
            count_staff.set(limits.count_staff_created);
            rooms.set(all);
            loaded.set(true);
        },
    );
    let task = Task::new();
    let saved = RwSignal::new(false);
    let field_errors = RwSignal::new(FieldErrors::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let text = per_day.get_untracked().trim().to_owned();
        let parsed = if text.is_empty() {
            Ok(None)
        } else {
            text.parse().map(Some)
        };
        let Ok(per_day_value) = parsed else {
            let mut errors = FieldErrors::new();
            errors.insert("per_day".into(), vec!["must be a whole number".into()]);
            return field_errors.set(errors);
        };
        let limits = PassLimits {
            per_day: per_day_value,
            excluded_room_ids: excluded.get_untracked().into_iter().collect(),
            count_staff_created: count_staff.get_untracked(),
        };
        if let Err(invalid) = limits.validate() {
            return field_errors.set(validation_errors(&invalid));
        }
        field_errors.set(FieldErrors::new());
        let api = session.api();
        task.run(
            async move { api.put_pass_limits(&limits).await },
            move |_| saved.set(true),
        );
    };
    let room_boxes = move || {
        rooms
            .get()
            .into_iter()
            .map(|room| {
                let id = StoredValue::new(room.id.clone());
                let checked = move || id.with_value(|id| excluded.with(|set| set.contains(id)));
                let toggle = move |event: leptos::ev::Event| {
                    let on = event_target_checked(&event);
                    excluded.update(|set| {
                        if on {
                            set.insert(id.get_value());
                        } else {
                            set.remove(&id.get_value());
                        }
                    });
                };
                view! {
                    <label class="check-option">
                        <input type="checkbox" prop:checked=checked on:change=toggle />
                        <span>{room.name}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <form class="card stack" aria-labelledby="limits-title" on:submit=submit>
            <h2 id="limits-title">"Daily pass limit"</h2>
            <ErrorAlert error=load.error />
            <ErrorAlert error=task.error />
            <When when=move || saved.get()>
                <p class="alert alert-success" role="status">"Pass limit saved."</p>
            </When>
            <When
                when=move || loaded.get()
                fallback=move || view! { <p class="loading" role="status">{move || (!load.error.with(Option::is_some)).then_some("Loading…")}</p> }
            >
                <TextField id="per-day" label="Passes per student per day" input_type="number" input_mode="numeric" value=per_day
                    hint="Counted per school day in the school's time zone. Empty: no limit." errors=errors_for(field_errors, "per_day") />
                <fieldset class="field choice-group">
                    <legend>"Rooms that don't count"</legend>
                    <div class="check-options">{move || room_boxes()}</div>
                </fieldset>
                <CheckboxField id="count-staff" label="Count passes staff send" checked=count_staff />
                <button type="submit" class="button button-primary" disabled=task.pending>"Save limit"</button>
            </When>
        </form>
    }
}
