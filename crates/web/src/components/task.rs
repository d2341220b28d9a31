use std::future::Future;

use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// A call the user started from a button: whether it is under way (to disable the button) and
/// how it last failed (for an `ErrorAlert`).
#[derive(Clone, Copy)]
pub struct Task {
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl Task {
    pub fn new() -> Self {
        Task {
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Runs `work` unless a run is under way; `done` gets its value, a failure is kept in
    /// `error`. The component may be gone by then: signal writes to it are simply dropped.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.start(erase(work, done));
    }

    fn start(self, work: LocalBoxFuture<'static, Result<Finish, ApiError>>) {
        if self.pending.try_get_untracked().unwrap_or(true) {
            return;
        }
        self.pending.set(true);
        self.error.set(None);
        spawn_local(async move {
            let result = work.await;
            self.pending.set(false);
            match result {
                Ok(finish) => finish(),
                Err(error) => self.error.set(Some(error)),
            }
        });
    }
}

/// What to do with a call's answer, the answer inside.
pub(super) type Finish = Box<dyn FnOnce()>;

/// `work` and `done` as one boxed future of a single type, so that the code around it (signals,
/// spawning) exists once instead of once per call site.
pub(super) fn erase<T: 'static>(
    work: impl Future<Output = Result<T, ApiError>> + 'static,
    done: impl FnOnce(T) + 'static,
) -> LocalBoxFuture<'static, Result<Finish, ApiError>> {
    async move {
        let value = work.await?;
        Ok(Box::new(move || done(value)) as Finish)
    }
    .boxed_local()
}
