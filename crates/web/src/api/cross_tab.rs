//! Tabs of one browser share the refresh token (it lives in localStorage). Two tabs spending it
//! at once, as when a browser restores several tabs, would look like token theft to the server,
//! which then revokes the whole family and signs every tab out. The Web Locks API lets one tab
//! at a time refresh.
//!
//! The lock does not order localStorage, though: a tab can get the lock before the token that
//! the previous holder stored has reached it (Chromium copies localStorage to each renderer
//! process, a moment late), and spend the old token again. The server answers that retry, for a
//! few seconds, with the same new token, so the tabs still agree.

use std::cell::RefCell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;

use js_sys::futures::{future_to_promise, JsFuture};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `work` while holding the browser-wide lock `name`. Browsers without Web Locks (old
/// ones, and every browser on a plain-http address other than localhost) run it unlocked.
/// `None` only if `work` started but never finished.
pub async fn exclusively<T: 'static>(
    name: &str,
    work: impl Future<Output = T> + 'static,
) -> Option<T> {
    let Some((locks, request)) = lock_manager() else {
        return Some(work.await);
    };
    let pending = Rc::new(RefCell::new(Some(work)));
    let output = Rc::new(RefCell::new(None));
    let callback = {
        let (pending, output) = (pending.clone(), output.clone());
        Closure::once_into_js(move |_lock: JsValue| -> Promise {
            let work = pending.borrow_mut().take();
            future_to_promise(AssertUnwindSafe(async move {
                if let Some(work) = work {
                    let value = work.await;
                    *output.borrow_mut() = Some(value);
                }
                Ok(JsValue::UNDEFINED)
            }))
        })
    };
    let released = request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .and_then(|promise| promise.dyn_into::<Promise>());
    if let Ok(released) = released {
        // A rejection means the lock was refused; the work then runs below, unlocked.
        let _ = JsFuture::from(released).await;
    }
    let done = output.borrow_mut().take();
    if done.is_some() {
        return done;
    }
    let work = pending.borrow_mut().take();
    match work {
        Some(work) => Some(work.await),
        None => None,
    }
}

fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((locks, request))
}
