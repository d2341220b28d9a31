//! A parent's home: their students, and "Add a student" with the school's invite code.
use hallpass_shared::parents::{LinkStudent, LinkedStudent};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{
    initials, ErrorAlert, Loading, PageHeading, Reload, Task, TextField, When,
};
use crate::session::use_session;

#[component]
pub fn ParentHome() -> impl IntoView {
    let session = use_session();
    let students = RwSignal::new(None::<Vec<LinkedStudent>>);
    let load = Reload::new();
    let reload = move || {
        let api = session.api();
        load.run(async move { api.my_students().await }, move |all| {
            students.set(Some(all))
        });
    };
    reload();
    let adding = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let on_added = Callback::new(move |student: LinkedStudent| {
        added.set(Some(format!(
            "Added {} {}.",
            student.first_name, student.last_name
        )));
        adding.set(false);
        reload();
    });

    view! {
        <PageHeading title="My students" />
        <div aria-live="polite">
            {move || added.get().map(|message| view! { <p class="alert alert-success">{message}</p> })}
        </div>
        <When
            when=move || adding.get()
            fallback=move || view! {
                <button type="button" class="button button-primary" on:click=move |_| {
                    added.set(None);
                    adding.set(true);
                }>
                    "Add a student"
                </button>
            }
        >
            <AddStudentForm adding=adding on_added=on_added />
        </When>
        <Loading load=load />
        <ErrorAlert error=load.error />
        {move || {
            students.get().map(|list| {
                if list.is_empty() {
                    view! {
                        <p class="card muted">
                            "No students yet. Add your child with the invite code their school gave you."
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="student-list">
                            {list.into_iter().map(|student| view! { <StudentCard student=student /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            })
        }}
    }
}

#[component]
fn StudentCard(student: LinkedStudent) -> impl IntoView {
    let href = format!("/students/{}", student.id);
    let name = format!("{} {}", student.first_name, student.last_name);
    let about = match &student.grade {
        Some(grade) => format!("Grade {grade} · {}", student.school_name),
        None => student.school_name.clone(),
    };
    view! {
        <li>
            <A href=href attr:class="student-card">
                <span class="avatar" aria-hidden="true">{initials(&student.first_name, &student.last_name)}</span>
                <span class="student-card-text">
                    <span class="student-name">{name}</span>
                    <span class="muted">{about}</span>
                </span>
            </A>
        </li>
    }
}

#[component]
fn AddStudentForm(adding: RwSignal<bool>, on_added: Callback<LinkedStudent>) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    let task = Task::new();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = LinkStudent {
            invite_code: code.get_untracked().trim().to_owned(),
        };
        let api = session.api();
        task.run(
            async move { api.add_student(&request).await },
            move |student| on_added.run(student),
        );
    };
    view! {
        <form class="card stack" on:submit=on_submit>
            <h2>"Add a student"</h2>
            <ErrorAlert error=task.error />
            <TextField
                id="invite_code"
                label="Invite code"
                value=code
                autocomplete="off"
                hint="The 8 characters from your child's school, such as K7MX-2QPA."
                required=true
            />
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || task.pending.get()>
                    {move || if task.pending.get() { "Adding…" } else { "Add student" }}
                </button>
                <button type="button" class="button" on:click=move |_| adding.set(false)>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
