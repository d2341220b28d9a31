//! A parent's children at this school, each link removable.
use hallpass_shared::parents::ParentLink;
use hallpass_shared::user::User;
use leptos::prelude::*;

use crate::components::{keyed, ErrorAlert, Reload, Task, When};
use crate::session::use_session;

#[component]
pub fn ParentLinks(current: RwSignal<Option<User>>) -> impl IntoView {
    let session = use_session();
    let parent_id =
        current.with_untracked(|user| user.as_ref().map(|u| u.id.clone()).unwrap_or_default());
    let links = RwSignal::new(Vec::<ParentLink>::new());
    let load = Reload::new();
    let remove = Task::new();
    {
        let (api, id) = (session.api(), parent_id.clone());
        load.run(async move { api.parent_links(&id).await }, move |found| {
            links.set(found)
        });
    }
    let unlink = move |student_id: String| {
        let (api, parent_id) = (session.api(), parent_id.clone());
        let removed = student_id.clone();
        remove.run(
            async move { api.remove_parent_link(&parent_id, &student_id).await },
            move |()| links.update(|all| all.retain(|link| link.student_id != removed)),
        );
    };
    let row = move |link: ParentLink| {
        let name = format!("{} {}", link.first_name, link.last_name);
        let label = format!("Remove {name}");
        let id = link.student_id.clone();
        let unlink = unlink.clone();
        view! {
            <li class="link-item">
                <span>{name}{link.grade.map(|grade| format!(" · Grade {grade}"))}</span>
                <button type="button" class="link-button" aria-label=label
                    disabled=move || remove.pending.get()
                    on:click=move |_| unlink(id.clone())>
                    "Remove"
                </button>
            </li>
        }
        .into_any()
    };
    view! {
        <section class="panel-section" aria-labelledby="links-section">
            <h3 id="links-section">"Students"</h3>
            <p class="muted">"This parent sees these students' past passes."</p>
            <ErrorAlert error=load.error />
            <ErrorAlert error=remove.error />
            <When when=move || !load.loading.get() && links.with(Vec::is_empty)>
                <p>"No students of your school any more."</p>
            </When>
            <ul class="link-list">
                {keyed(move || links.get(), |link| link.student_id.clone(), row)}
            </ul>
        </section>
    }
}
