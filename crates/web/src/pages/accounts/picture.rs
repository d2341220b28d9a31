//! A student's picture in the account panel: see it, replace it with a file, delete it.
use hallpass_shared::user::{Role, User};
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::{initials, Avatar, Task, When};
use crate::session::use_session;

#[component]
pub fn StudentPicture(current: RwSignal<Option<User>>) -> impl IntoView {
    let session = use_session();
    let task = Task::new();
    let file = NodeRef::<Input>::new();
    let student =
        move || current.with(|user| user.as_ref().is_some_and(|u| u.role == Role::Student));
    let has_picture = move || current.with(|user| user.as_ref().is_some_and(|u| u.has_picture));
    let id = move || current.with_untracked(|user| user.as_ref().map(|u| u.id.clone()));
    // Both answer no body: the account is read again for its new `picture_url`.
    let then_reload = move |id: String| {
        let api = session.api();
        async move { api.user(&id).await }
    };
    let upload = move |_| {
        let (Some(id), Some(chosen)) = (
            id(),
            file.get_untracked()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0)),
        ) else {
            return;
        };
        let api = session.api();
        task.run(
            async move {
                api.put_picture(&id, &chosen).await?;
                then_reload(id).await
            },
            move |user| {
                if let Some(input) = file.get_untracked() {
                    input.set_value("");
                }
                current.set(Some(user));
            },
        );
    };
    let delete = move |_| {
        let Some(id) = id() else { return };
        let api = session.api();
        task.run(
            async move {
                api.delete_picture(&id).await?;
                then_reload(id).await
            },
            move |user| current.set(Some(user)),
        );
    };
    // The file's own problem ("is not a JPEG, PNG or WebP picture…") says more than the API's
    // summary of the fields.
    let problem = move || {
        task.error.get().map(|error| {
            match error
                .field_errors()
                .get("picture")
                .and_then(|messages| messages.first())
            {
                Some(message) => format!("This file {message}."),
                None => error.message(),
            }
        })
    };
    let avatar = move || {
        current.with(|user| {
            user.as_ref().map(|user| {
                view! {
                    <Avatar initials=initials(&user.first_name, &user.last_name)
                        picture_url=user.picture_url.clone() large=true always=true />
                }
            })
        })
    };
    view! {
        <When when=student>
            <section class="panel-section" aria-labelledby="picture-section">
                <h3 id="picture-section">"Picture"</h3>
                <div class="picture-row">
                    {avatar}
                    <div class="stack">
                        <div class="field">
                            <label for="picture-file">"New picture (JPEG, PNG or WebP)"</label>
                            <input id="picture-file" type="file" accept="image/jpeg,image/png,image/webp" node_ref=file />
                        </div>
                        <div class="button-row">
                            <button type="button" class="button button-small" disabled=move || task.pending.get() on:click=upload>
                                "Upload picture"
                            </button>
                            <When when=has_picture>
                                <button type="button" class="button button-small button-danger-outline" disabled=move || task.pending.get() on:click=delete>
                                    "Delete picture"
                                </button>
                            </When>
                        </div>
                    </div>
                </div>
                {move || problem().map(|problem| view! { <p class="alert alert-error" role="alert">{problem}</p> })}
            </section>
        </When>
    }
}
