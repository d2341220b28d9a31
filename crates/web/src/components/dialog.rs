use leptos::html::Dialog as DialogElement;
use leptos::prelude::*;

use super::{effect, When};
use wasm_bindgen::JsCast;

/// A modal `<dialog>`: the browser keeps focus inside it, closes it on Escape and gives focus
/// back to where it was. Its content exists only while it is open, so forms start afresh.
#[component]
pub fn Dialog(
    /// Prefix of the heading's id, unique on the page.
    id: &'static str,
    #[prop(into)] title: TextProp,
    open: RwSignal<bool>,
    /// Extra classes, such as `dialog-panel` for the side sheet.
    #[prop(optional)]
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<DialogElement>::new();
    effect(move || {
        let Some(dialog) = dialog.get() else { return };
        let wanted = open.get();
        if wanted == dialog.open() {
            return;
        }
        if !wanted {
            dialog.close();
        } else if dialog.show_modal().is_ok() {
            focus_first_control(&dialog);
        }
    });
    let title_id = format!("{id}-title");
    let heading_id = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class=format!("dialog {class}")
            aria-labelledby=title_id
            on:close=move |_| open.set(false)
        >
            <When when=move || open.get()>
                <div class="dialog-header">
                    <h2 id=heading_id.clone()>{
                        let title = title.clone();
                        move || title.get()
                    }</h2>
                </div>
                <div class="dialog-body">{children()}</div>
                // Last in the Tab order, so that the dialog opens on its first field.
                <button type="button" class="dialog-close" on:click=move |_| open.set(false)>
                    <span aria-hidden="true">"×"</span>
                    <span class="visually-hidden">"Close"</span>
                </button>
            </When>
        </dialog>
    }
}

/// Asks before something that cannot be undone. `children` say what will happen (and show a
/// failure); the caller closes the dialog once the work succeeds.
#[component]
pub fn ConfirmDialog(
    id: &'static str,
    #[prop(into)] title: TextProp,
    open: RwSignal<bool>,
    #[prop(into)] confirm_label: TextProp,
    #[prop(optional)] danger: bool,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let confirm_class = if danger {
        "button button-danger"
    } else {
        "button button-primary"
    };
    view! {
        <Dialog id=id title=title open=open>
            <div class="stack">
                {children()}
                <div class="button-row">
                    <button
                        type="button"
                        class=confirm_class
                        disabled=move || pending.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {
                            let label = confirm_label.clone();
                            move || if pending.get() { "Working…".into() } else { label.get() }
                        }
                    </button>
                    // Focused first: the safe choice.
                    <button type="button" class="button" autofocus on:click=move |_| open.set(false)>
                        "Cancel"
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// Starts on the control marked `autofocus`, else on the first one. (Chrome would otherwise
/// focus the scrolling body itself.)
fn focus_first_control(dialog: &web_sys::HtmlDialogElement) {
    const FIRST_CONTROL: &str =
        ".dialog-body :is(input, select, textarea, button, a[href]):not([disabled])";
    let control = ["[autofocus]", FIRST_CONTROL]
        .into_iter()
        .find_map(|selector| dialog.query_selector(selector).ok().flatten())
        .and_then(|control| control.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(control) = control {
        let _ = control.focus();
    }
}
