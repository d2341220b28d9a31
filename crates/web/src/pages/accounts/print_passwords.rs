//! Printed sign-in cards (SchoolMint's "Reset Passwords" bulk operation): the server resets
//! the ticked accounts' passwords and answers a printable page, which opens in a new tab.
use std::collections::BTreeSet;

use hallpass_shared::accounts::{PasswordSheetRequest, SheetLayout};
use leptos::prelude::*;

use super::labels::count_of;
use super::problems::AccountProblem;
use super::state::use_accounts;
use crate::components::{ConfirmDialog, Dialog, Task};
use crate::session::use_session;

const LAYOUTS: &[(SheetLayout, &str, &str)] = &[
    (
        SheetLayout::PaperSaver,
        "Paper saver",
        "As many cards as fit on a page, with cut lines.",
    ),
    (
        SheetLayout::SeparatePages,
        "Separate pages",
        "One card a page, to hand out as it is.",
    ),
];

/// Asks (printing resets passwords) with a choice of layout, then shows where the cards are.
#[component]
pub fn PrintPasswordsDialog(open: RwSignal<bool>) -> impl IntoView {
    let accounts = use_accounts();
    let session = use_session();
    let layout = RwSignal::new(SheetLayout::PaperSaver);
    let task = Task::new();
    // The last printable page, and whether it opened in a new tab.
    let sheet = RwSignal::new(None::<(String, bool)>);
    let ready = RwSignal::new(false);
    let forget_sheet = move || {
        if let Some(Some((url, _))) = sheet.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    };
    on_cleanup(forget_sheet);

    let print = Callback::new(move |()| {
        // Opened now, while the click still allows a new tab; filled once the cards arrive.
        let tab = waiting_tab();
        let request = PasswordSheetRequest {
            user_ids: accounts.selection.get_untracked().into_iter().collect(),
            layout: layout.get_untracked(),
        };
        let api = session.api();
        let work = async move {
            let result = api.password_sheets(&request).await;
            if result.is_err() {
                if let Some(tab) = &tab {
                    let _ = tab.close();
                }
            }
            result.map(|html| (html, tab))
        };
        task.run(work, move |(html, tab)| {
            let Some(url) = html_blob_url(&html) else {
                return;
            };
            let opened = tab.is_some_and(|tab| tab.location().set_href(&url).is_ok());
            forget_sheet();
            sheet.set(Some((url, opened)));
            open.set(false);
            ready.set(true);
        });
    });
    let who = move || {
        count_of(
            accounts.selection.with(BTreeSet::len),
            accounts.filters.role.get(),
        )
    };

    view! {
        <ConfirmDialog
            id="print-passwords"
            title="Print passwords"
            open=open
            confirm_label="Reset passwords and print"
            pending=task.pending
            on_confirm=print
        >
            <p>{move || format!("Sign-in cards for the {} selected.", who())}</p>
            <div class="alert alert-warning">
                <strong>"Printing resets their passwords. "</strong>
                {move || format!(
                    "The current passwords of the {} stop working at once. Each card has a new \
                     temporary password, to be changed at first sign-in, and the cards are the only \
                     place it appears.",
                    who(),
                )}
            </div>
            <LayoutChoice layout=layout />
            <AccountProblem error=task.error before_open=Callback::new(move |()| open.set(false)) />
        </ConfirmDialog>
        <Dialog id="sheet-ready" title="Sign-in cards ready" open=ready>
            <SheetReady sheet=sheet open=ready />
        </Dialog>
    }
}

#[component]
fn LayoutChoice(layout: RwSignal<SheetLayout>) -> impl IntoView {
    view! {
        <fieldset class="field choice-group">
            <legend>"Layout"</legend>
            {LAYOUTS
                .iter()
                .map(|(choice, name, explanation)| {
                    let choice = *choice;
                    view! {
                        <label class="check-option">
                            <input
                                type="radio"
                                name="sheet-layout"
                                prop:checked=move || layout.get() == choice
                                on:change=move |_| layout.set(choice)
                            />
                            <span>
                                <strong>{*name}</strong>
                                <span class="option-hint">{*explanation}</span>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn SheetReady(sheet: RwSignal<Option<(String, bool)>>, open: RwSignal<bool>) -> impl IntoView {
    let (url, opened) = sheet.get_untracked().unwrap_or_default();
    let message = if opened {
        "The sign-in cards opened in a new tab: print them with its Print button. The passwords \
         appear nowhere else, so print before you close it."
    } else {
        "The sign-in cards are ready. Open them, then print them with their Print button. The \
         passwords appear nowhere else."
    };
    view! {
        <div class="stack">
            <p class="alert alert-success" role="status">{message}</p>
            <p>
                <a href=url target="_blank">
                    {if opened { "Open the sign-in cards again" } else { "Open the sign-in cards" }}
                </a>
            </p>
            <div class="button-row">
                <button type="button" class="button button-primary" autofocus on:click=move |_| open.set(false)>
                    "Done"
                </button>
            </div>
        </div>
    }
}

/// A new tab that says it is waiting; `None` when the browser refuses one.
fn waiting_tab() -> Option<web_sys::Window> {
    let tab = window()
        .open_with_url_and_target("", "_blank")
        .ok()
        .flatten()?;
    if let Some(body) = tab.document().and_then(|document| document.body()) {
        body.set_text_content(Some("Preparing the sign-in cards…"));
    }
    Some(tab)
}

/// A `blob:` address for `html`, valid until revoked.
fn html_blob_url(html: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&html.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
