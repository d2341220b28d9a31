use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// Data that is loaded again and again (filters change, live events arrive): only the answer
/// to the latest load is kept, however the answers arrive.
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

    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
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
                Ok(value) => {
                    self.error.set(None);
                    done(value);
                }
                Err(error) => self.error.set(Some(error)),
            }
        });
    }
}
