//! A student's picture, or their initials. The picture needs the access token, so an
//! `<img src>` cannot fetch it: it is read through the API when its slot scrolls into view, and
//! kept for the page's life by URL (a new picture is a new URL, so nothing goes stale).
use std::cell::RefCell;
use std::collections::HashMap;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::html::Span;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::Api;
use crate::session::use_session;
use crate::text::uppercase;

/// An object URL for the picture, or `None` when it could not be read.
type Loading = Shared<LocalBoxFuture<'static, Option<String>>>;

thread_local! {
    static PICTURES: RefCell<HashMap<String, Loading>> = RefCell::new(HashMap::new());
}

/// The picture at `url`, read once per page however many slots show it.
fn picture(api: Api, url: String) -> Loading {
    PICTURES.with(|pictures| {
        pictures
            .borrow_mut()
            .entry(url.clone())
            .or_insert_with(|| {
                async move {
                    let blob = api.picture(&url).await.ok()?;
                    web_sys::Url::create_object_url_with_blob(&blob).ok()
                }
                .boxed_local()
                .shared()
            })
            .clone()
    })
}

/// A 4:5 slot with the student's picture, or their initials when there is none, it cannot be
/// read, or the signed-in teacher chose to hide pictures. Decorative: the name is beside it.
#[component]
pub fn Avatar(
    /// From `initials(first, last)`.
    initials: String,
    picture_url: Option<String>,
    /// The account panel's and a pass card's larger slot.
    #[prop(optional)]
    large: bool,
    /// Where pictures are managed (the account panel), shown even to a teacher who hides them.
    #[prop(optional)]
    always: bool,
) -> impl IntoView {
    let session = use_session();
    let hidden =
        move || !always && session.with_me(|me| me.is_some_and(|me| me.hide_profile_pictures));
    let src = RwSignal::new(None::<String>);
    let slot = NodeRef::<Span>::new();
    let watcher = StoredValue::new_local(None::<Watcher>);
    on_cleanup(move || {
        watcher.with_value(|watcher| {
            if let Some(watcher) = watcher {
                watcher.observer.disconnect();
            }
        });
    });
    if let Some(url) = picture_url {
        slot.on_load(move |slot| {
            if !hidden() {
                let watching = when_visible(&slot, move || {
                    let loading = picture(session.api(), url);
                    spawn_local(async move {
                        if let Some(object_url) = loading.await {
                            src.try_set(Some(object_url));
                        }
                    });
                });
                watcher.set_value(watching);
            }
        });
    }
    let shown = move || src.get().filter(|_| !hidden());
    view! {
        <span class="avatar" class:avatar-large=large aria-hidden="true" node_ref=slot>
            {move || match shown() {
                Some(src) => view! { <img src=src alt="" decoding="async" /> }.into_any(),
                None => view! { <span class="avatar-initials">{initials.clone()}</span> }.into_any(),
            }}
        </span>
    }
}

/// What the slot shows without a picture: "AB" for Ada Byron.
pub fn initials(first_name: &str, last_name: &str) -> String {
    let first = |name: &str| name.chars().next().map(String::from).unwrap_or_default();
    uppercase(&format!("{}{}", first(first_name), first(last_name)))
}

/// Watches a slot until it comes into view; the closure lives as long as the observer may call it.
struct Watcher {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>,
}

/// Runs `show` once, when `element` first comes near the viewport.
fn when_visible(
    element: &web_sys::HtmlSpanElement,
    show: impl FnOnce() + 'static,
) -> Option<Watcher> {
    let mut show = Some(show);
    let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let visible = entries.iter().any(|entry| {
                entry
                    .unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if visible {
                observer.disconnect();
                if let Some(show) = show.take() {
                    show();
                }
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("200px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(element);
    Some(Watcher {
        observer,
        _callback: callback,
    })
}
