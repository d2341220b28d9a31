//! `Show`, `For` and `Effect::new` as the app uses them, compiled once. Leptos's are generic
//! over their children and closures, so each use of them was a copy of their code (a few KiB of
//! wasm per `For`); these erase the types first and hand one set of types to Leptos.
use std::sync::Arc;

use leptos::prelude::*;

/// `children` while `when` is true, else `fallback` (`<Show>`'s props).
#[component]
pub fn When(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    show(Memo::new(move |_| when()), children, fallback)
}

fn show(when: Memo<bool>, children: ChildrenFn, fallback: ViewFn) -> AnyView {
    (move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    })
    .into_any()
}

/// A row of a keyed list, drawn only when its key first appears.
struct Row {
    key: String,
    draw: Box<dyn FnOnce() -> AnyView + Send>,
}

type Rows = Box<dyn Fn() -> Vec<Row> + Send>;

/// `<For>`: the items of `each`, a row per item drawn by `row`. A row keeps its DOM (and
/// whatever was typed in it) while an item with its `key` stays in the list.
pub fn keyed<T: Send + 'static>(
    each: impl Fn() -> Vec<T> + Send + 'static,
    key: impl Fn(&T) -> String + Send + 'static,
    row: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let row = Arc::new(row);
    let rows: Rows = Box::new(move || {
        each()
            .into_iter()
            .map(|item| {
                let row = row.clone();
                Row {
                    key: key(&item),
                    draw: Box::new(move || row(item)),
                }
            })
            .collect()
    });
    keyed_rows(rows)
}

fn keyed_rows(rows: Rows) -> AnyView {
    fn key(row: &Row) -> String {
        row.key.clone()
    }
    fn draw(row: Row) -> AnyView {
        (row.draw)()
    }
    view! { <For each=rows key=key children=draw /> }.into_any()
}

/// `Effect::new(move |_| run())`: runs `run` now and again whenever what it read changes.
pub fn effect(run: impl Fn() + 'static) {
    let run: Box<dyn Fn()> = Box::new(run);
    Effect::new(move |_| run());
}
