use hallpass_shared::user::{Me, Permission, Role};
use leptos::prelude::*;

use crate::components::{PageHeading, When};
use crate::pages::parents::students::ParentHome;
use crate::pages::passes::StudentPasses;
use crate::session::use_session;
use crate::time::{format_in_zone, now, Style};

/// Parents have their students; everyone else has their school.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let parent = move || session.with_me(|me| me.is_some_and(|me| me.user.role == Role::Parent));
    view! {
        <When when=parent fallback=SchoolHome>
            <ParentHome />
        </When>
    }
}

#[component]
fn SchoolHome() -> impl IntoView {
    let session = use_session();
    let greeting =
        move || session.with_me(|me| me.map(|me| format!("Welcome, {}.", me.user.first_name)));
    let welcome = move || session.with_me(|me| me.map(welcome_for));
    let today = move || {
        session.time_zone().map(|zone| {
            let school = session
                .with_me(|me| {
                    me.and_then(|me| me.school.as_ref())
                        .map(|school| school.name.clone())
                })
                .unwrap_or_default();
            format!(
                "Today at {school}: {}",
                format_in_zone(now(), &zone, Style::Day)
            )
        })
    };

    let student = move || session.role() == Some(Role::Student);
    view! {
        <PageHeading title="Home" />
        <section class="card">
            <p class="lead">{move || greeting()}</p>
            <p>{move || welcome()}</p>
            <p class="muted">{move || today()}</p>
        </section>
        <When when=student>
            <StudentPasses />
        </When>
    }
}

/// What each role will find here; only what exists today is promised.
fn welcome_for(me: &Me) -> &'static str {
    match me.user.role {
        Role::Admin if me.user.has(Permission::ManageSchool) => {
            "You run Hallpass for your school. Start with School settings: the time zone, the \
             default pass length and the hallway capacity apply to every pass."
        }
        Role::Admin => "You help run Hallpass for your school.",
        Role::Teacher => {
            "Open Hallway for who is out now and the requests to your rooms; Room code shows \
             the code students type to end a pass in your room."
        }
        Role::Assistant => {
            "You act for the teachers named on your account: their hallway, requests and room \
             codes are under Hallway and Room code."
        }
        Role::Student => "Make a pass below; your pass and its time left show here.",
        Role::Parent => "Your children's past passes will appear here once you add them.",
    }
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Student => "Student",
        Role::Teacher => "Teacher",
        Role::Assistant => "Assistant",
        Role::Admin => "Administrator",
        Role::Parent => "Parent",
    }
}
