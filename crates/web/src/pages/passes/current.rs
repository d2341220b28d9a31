use leptos::prelude::*;

use crate::components::keyed;

use super::mine::{is_open, use_mine};
use super::open_pass::OpenPass;

/// The passes under way, waiting, asked for or scheduled: one card each.
#[component]
pub fn OpenPasses() -> impl IntoView {
    let mine = use_mine();
    let open_ids = Memo::new(move |_| {
        mine.passes.with(|passes| {
            passes
                .iter()
                .filter(|pass| is_open(pass.state))
                .map(|pass| pass.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        {keyed(move || open_ids.get(), |id| id.clone(), move |id| view! { <OpenPass id=id /> }.into_any())}
    }
}
