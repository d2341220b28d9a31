//! Where the refresh token lives between visits.
//!
//! The browser's localStorage is the source of truth so that several tabs share one token
//! family; the in-memory copy only serves browsers that refuse storage (private modes).

use std::cell::RefCell;

const REFRESH_TOKEN_KEY: &str = "hallpass.refresh_token";

#[derive(Default)]
pub struct RefreshTokenStore {
    fallback: RefCell<Option<String>>,
}

impl RefreshTokenStore {
    pub fn get(&self) -> Option<String> {
        match local_storage() {
            Some(storage) => storage.get_item(REFRESH_TOKEN_KEY).ok().flatten(),
            None => self.fallback.borrow().clone(),
        }
    }

    pub fn set(&self, token: &str) {
        let stored = local_storage()
            .is_some_and(|storage| storage.set_item(REFRESH_TOKEN_KEY, token).is_ok());
        *self.fallback.borrow_mut() = (!stored).then(|| token.to_owned());
    }

    pub fn clear(&self) {
        if let Some(storage) = local_storage() {
            // Nothing useful to do when removal fails; the server revokes the token anyway.
            let _ = storage.remove_item(REFRESH_TOKEN_KEY);
        }
        self.fallback.borrow_mut().take();
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
