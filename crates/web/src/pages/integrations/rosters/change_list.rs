//! One tab of the preview: its rows, fifty at a time ("Show more" reads the next page).
use hallpass_shared::rosters::{ChangeKind, ChangeQuery, FieldChange, ImportChange};
use leptos::prelude::*;

use super::labels::{field_name, list_name};
use crate::components::{keyed, ErrorAlert, Loading, Reload, When};
use crate::pages::home::role_name;
use crate::session::use_session;

const PAGE: u32 = 50;

#[component]
pub fn ChangeList(id: String, kind: ChangeKind, total: u32) -> impl IntoView {
    if total == 0 {
        return view! { <p class="muted">{format!("{}: none.", list_name(kind))}</p> }.into_any();
    }
    let session = use_session();
    let id = StoredValue::new(id);
    let rows = RwSignal::new(Vec::<ImportChange>::new());
    let next = RwSignal::new(None::<String>);
    let load = Reload::new();
    let read = move |cursor: Option<String>| {
        let more = cursor.is_some();
        let query = ChangeQuery {
            kind: Some(kind),
            cursor,
            limit: Some(PAGE),
        };
        let api = session.api();
        let id = id.get_value();
        load.run(
            async move { api.import_changes(&id, &query).await },
            move |page| {
                next.set(page.next_cursor);
                if more {
                    rows.update(|rows| rows.extend(page.items));
                } else {
                    rows.set(page.items);
                }
            },
        );
    };
    read(None);
    let heads = match kind {
        ChangeKind::Error => ["File", "Line", "Problem"],
        ChangeKind::Update => ["Name", "Role", "Changes"],
        ChangeKind::Skipped => ["Name", "Role", "Why"],
        _ => ["Name", "Role", "Details"],
    };
    let each = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption>{list_name(kind)}</caption>
                <thead>
                    <tr>{heads.map(|head| view! { <th scope="col">{head}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {keyed(each, |(at, _)| at.to_string(), |(_, change)| row(change))}
                </tbody>
            </table>
        </div>
        <Loading load=load />
        <ErrorAlert error=load.error />
        <When when=move || next.with(Option::is_some)>
            <button
                type="button"
                class="button load-more"
                disabled=move || load.loading.get()
                on:click=move |_| read(next.get_untracked())
            >
                "Show more"
            </button>
        </When>
    }
    .into_any()
}

fn row(change: ImportChange) -> AnyView {
    let ImportChange {
        kind,
        external_id,
        name,
        role,
        fields,
        file,
        line,
        message,
        ..
    } = change;
    if kind == ChangeKind::Error {
        return view! {
            <tr>
                <td class="file-name">{file}</td>
                <td>{line.map(|line| line.to_string())}</td>
                <td>{message}</td>
            </tr>
        }
        .into_any();
    }
    let details = if fields.is_empty() {
        // Archived, restored or skipped: why, else the key the source knows it by.
        message
            .or_else(|| external_id.map(|id| format!("ID in the source: {id}")))
            .into_any()
    } else {
        let update = kind == ChangeKind::Update;
        let fields = fields
            .into_iter()
            .map(|field| field_line(field, update))
            .collect_view();
        view! { <ul class="change-fields">{fields}</ul> }.into_any()
    };
    view! {
        <tr>
            <td>{name}</td>
            <td>{role.map(role_name)}</td>
            <td>{details}</td>
        </tr>
    }
    .into_any()
}

/// An update's "Last name: Smith → Smyth" (read as "Smith, changes to Smyth"), or a new
/// account's "Email: a@b".
fn field_line(change: FieldChange, update: bool) -> AnyView {
    let value = |value: Option<String>| value.unwrap_or_else(|| "(empty)".into());
    let label = format!("{}: ", field_name(&change.field));
    if !update {
        return view! { <li>{label}{value(change.to)}</li> }.into_any();
    }
    view! {
        <li>
            {label}{value(change.from)}
            <span aria-hidden="true">" → "</span>
            <span class="visually-hidden">", changes to "</span>
            {value(change.to)}
        </li>
    }
    .into_any()
}
