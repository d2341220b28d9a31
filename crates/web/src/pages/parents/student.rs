//! One student's past passes, by day in the school's time zone, with the last week summed up.
use hallpass_shared::parents::{LinkedStudent, ParentPass, ParentPassQuery};
use hallpass_shared::rooms::TravelType;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::days::{by_day, last_week, minutes_out, summary};
use crate::components::{
    effect, initials, ConfirmDialog, ErrorAlert, Loading, PageHeading, Reload, Task, When,
};
use crate::session::use_session;
use crate::time::{format_in_zone, now, Style};

/// Passes per page: a few weeks of a typical student's.
const PAGE: u32 = 100;

#[component]
pub fn ParentStudentPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // `None` until loaded; then the student, or `None` inside when they are not on the list.
    let student = RwSignal::new(None::<Option<LinkedStudent>>);
    let load = Reload::new();
    effect(move || {
        let (api, id) = (session.api(), id());
        student.set(None);
        load.run(async move { api.my_students().await }, move |students| {
            student.set(Some(students.into_iter().find(|s| s.id == id)))
        });
    });
    view! {
        <PageHeading title="Past passes" />
        <p><A href="/">"← My students"</A></p>
        <Loading load=load />
        <ErrorAlert error=load.error />
        {move || {
            student.get().map(|found| match found {
                Some(student) => view! { <StudentPasses student=student /> }.into_any(),
                None => view! {
                    <p class="alert alert-error" role="alert">"This student is not on your list."</p>
                }
                .into_any(),
            })
        }}
    }
}

#[component]
fn StudentPasses(student: LinkedStudent) -> impl IntoView {
    let session = use_session();
    let passes = RwSignal::new(Vec::<ParentPass>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let load = Reload::new();
    let id = student.id.clone();
    let load_page = Callback::new(move |cursor: Option<String>| {
        let (api, id) = (session.api(), id.clone());
        let query = ParentPassQuery {
            limit: Some(PAGE),
            cursor,
        };
        load.run(
            async move { api.student_passes(&id, &query).await },
            move |page| {
                passes.update(|all| all.extend(page.items));
                next_cursor.set(page.next_cursor);
                loaded.set(true);
            },
        );
    });
    load_page.run(None);

    let zone = student.school_time_zone.clone();
    let week = move || passes.with(|all| last_week(all, now()));
    let days = {
        let zone = zone.clone();
        move || passes.with(|all| by_day(all, |at| format_in_zone(at, &zone, Style::Day)))
    };
    let name = format!("{} {}", student.first_name, student.last_name);
    let about = match &student.grade {
        Some(grade) => format!("Grade {grade} · {}", student.school_name),
        None => student.school_name.clone(),
    };

    view! {
        <section class="card student-header">
            <span class="avatar" aria-hidden="true">{initials(&student.first_name, &student.last_name)}</span>
            <div>
                <h2 class="student-name">{name}</h2>
                <p class="muted">{about}</p>
            </div>
        </section>
        <section class="card" aria-labelledby="week-title">
            <h2 id="week-title">"Last 7 days"</h2>
            <p class="lead">{move || { let (count, minutes) = week(); summary(count, minutes) }}</p>
        </section>
        <ErrorAlert error=load.error />
        <When when=move || loaded.get() && passes.with(Vec::is_empty)>
            <p class="card muted">"No past passes yet."</p>
        </When>
        {move || {
            let zone = zone.clone();
            days()
                .into_iter()
                .map(|(day, group)| view! { <PassDay day=day passes=group zone=zone.clone() /> })
                .collect_view()
        }}
        <When when=move || next_cursor.with(Option::is_some)>
            <button
                type="button"
                class="button"
                disabled=move || load.loading.get()
                on:click=move |_| load_page.run(next_cursor.get_untracked())
            >
                "Show earlier passes"
            </button>
        </When>
        <RemoveStudent student=student />
    }
}

#[component]
fn PassDay(day: String, passes: Vec<ParentPass>, zone: String) -> impl IntoView {
    let (count, minutes) = (passes.len(), passes.iter().map(minutes_out).sum::<i64>());
    view! {
        <section class="pass-day">
            <h3>{day}<span class="muted">{format!(" · {}", summary(count, minutes))}</span></h3>
            <ul class="pass-list">
                {passes
                    .into_iter()
                    .map(|pass| {
                        let time = |at| format_in_zone(at, &zone, Style::Time);
                        let travel = match pass.travel_type {
                            TravelType::OneWay => "One way",
                            TravelType::RoundTrip => "Round trip",
                        };
                        view! {
                            <li class="pass-item">
                                <span class="pass-rooms">{format!("{} → {}", pass.origin_room, pass.destination_room)}</span>
                                <span class="muted">
                                    {format!(
                                        "{} – {} · {} min · {travel}",
                                        time(pass.started_at),
                                        time(pass.ended_at),
                                        minutes_out(&pass)
                                    )}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Takes the student off this parent's list; adding them again needs the invite code.
#[component]
fn RemoveStudent(student: LinkedStudent) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let task = Task::new();
    let first_name = student.first_name.clone();
    let confirm = Callback::new(move |()| {
        let (api, id) = (session.api(), student.id.clone());
        let navigate = use_navigate();
        task.run(async move { api.remove_student(&id).await }, move |()| {
            navigate("/", Default::default())
        });
    });
    view! {
        <section class="panel-section">
            <button type="button" class="button button-danger-outline" on:click=move |_| asking.set(true)>
                "Remove from my list…"
            </button>
        </section>
        <ConfirmDialog
            id="confirm-remove-student"
            title=format!("Remove {first_name} from your list?")
            open=asking
            confirm_label="Remove"
            danger=true
            pending=task.pending
            on_confirm=confirm
        >
            <p>"You will need the invite code from the school to add them again."</p>
            <ErrorAlert error=task.error />
        </ConfirmDialog>
    }
}
