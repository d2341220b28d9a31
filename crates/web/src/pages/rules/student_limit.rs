//! One student's own daily limit (`PUT /users/{id}/pass-limit`), in place of the school's.
use hallpass_shared::passes::{RemainingPasses, StudentPassLimit};
use hallpass_shared::user::User;
use leptos::prelude::*;
use validator::Validate;

use crate::components::{ErrorAlert, Task, TextField};
use crate::pages::student_search::StudentSearch;
use crate::session::use_session;

#[component]
pub fn StudentLimit() -> impl IntoView {
    let session = use_session();
    let student = RwSignal::new(None::<User>);
    let remaining = RwSignal::new(None::<RemainingPasses>);
    let per_day = RwSignal::new(String::new());
    let task = Task::new();
    let saved = RwSignal::new(None::<String>);
    let problem = RwSignal::new(Vec::<String>::new());
    let read_remaining = move |id: String| {
        let api = session.api();
        task.run(async move { api.remaining_passes(&id).await }, move |now| {
            remaining.set(Some(now))
        });
    };
    let pick = Callback::new(move |picked: User| {
        saved.set(None);
        remaining.set(None);
        read_remaining(picked.id.clone());
        student.set(Some(picked));
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(chosen) = student.get_untracked() else {
            return;
        };
        let text = per_day.get_untracked().trim().to_owned();
        let limit = StudentPassLimit {
            per_day: if text.is_empty() {
                None
            } else {
                text.parse().ok()
            },
        };
        if (!text.is_empty() && limit.per_day.is_none()) || limit.validate().is_err() {
            return problem.set(vec![
                "must be between 0 and 100, or empty for the school's".into()
            ]);
        }
        problem.set(Vec::new());
        let api = session.api();
        let name = chosen.full_name();
        task.run(
            async move { api.put_student_limit(&chosen.id, &limit).await },
            move |_| {
                saved.set(Some(format!("Saved the limit for {name}.")));
            },
        );
    };
    let summary = move || {
        remaining.get().map(|r| match (r.per_day, r.remaining) {
            (Some(per_day), Some(left)) => format!(
                "Limit {per_day} a day; used {} today, {left} left.",
                r.used_today
            ),
            _ => format!("No limit; used {} today.", r.used_today),
        })
    };
    view! {
        <form class="card stack" aria-labelledby="student-limit-title" on:submit=submit>
            <h2 id="student-limit-title">"A student's own limit"</h2>
            <StudentSearch id="limit-student" label="Student" on_pick=pick />
            {move || student.get().map(|s| view! { <p>"Student: " <strong>{s.full_name()}</strong> " · " {move || summary()}</p> })}
            <ErrorAlert error=task.error />
            {move || saved.get().map(|text| view! { <p class="alert alert-success" role="status">{text}</p> })}
            <TextField id="student-per-day" label="Passes per day" input_type="number" input_mode="numeric" value=per_day
                hint="Empty: the school's limit applies." errors=problem />
            <button type="submit" class="button button-primary" disabled=move || task.pending.get() || student.with(Option::is_none)>
                "Save student limit"
            </button>
        </form>
    }
}
