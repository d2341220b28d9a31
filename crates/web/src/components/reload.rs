use std::future::Future;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::task::{erase, Finish};
use crate::api::ApiError;

/// Data a screen shows, loaded once or again and again (filters change, live events arrive):
/// only the answer to the latest load is kept, however the answers arrive. The SPA's one way
/// to load data; `Task` is its one way to run what a person asked for.
#[derive(Clone, Copy)]
pub struct Reload {
    latest: StoredValue<u64>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl Reload {
    pub fn new() -> Self {
        Reload {
            latest: StoredValue::new(0),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Loads with `work`; `done` gets the answer unless a later load started meanwhile.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.start(erase(work, done));
    }

    fn start(self, work: LocalBoxFuture<'static, Result<Finish, ApiError>>) {
        let Some(run) = self.latest.try_update_value(|latest| {
            *latest += 1;
            *latest
        }) else {
            return;
        };
        self.loading.set(true);
        spawn_local(async move {
            let result = work.await;
            if self.latest.try_get_value() != Some(run) {
                return;
            }
            self.loading.set(false);
            match result {
                Ok(finish) => {
                    self.error.set(None);
                    finish();
                }
                Err(error) => self.error.set(Some(error)),
            }
        });
    }
}

/// "Loading…" while `load` is under way, for what has nothing to show until it is done.
#[component]
pub fn Loading(load: Reload) -> impl IntoView {
    move || {
        load.loading
            .get()
            .then(|| view! { <p class="loading" role="status">"Loading…"</p> })
    }
}
