//! Who is signed in, shared with every component through context.

mod gate;

pub use gate::{Gate, RequireGate};

use hallpass_shared::school::School;
use hallpass_shared::user::{Me, Permission, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{Api, AuthEvent};

#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Start-up: a stored refresh token is being tried.
    Checking,
    SignedOut,
    SignedIn(Box<Me>),
}

/// The signed-in user and the API client, as one `Copy` handle.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<AuthState>,
    api: StoredValue<Api, LocalStorage>,
}

impl Session {
    /// Creates the session for the whole app, provides it as context and tries to resume a
    /// previous sign-in.
    pub fn provide() -> Session {
        let api = Api::for_this_origin();
        let initial = if api.has_refresh_token() {
            AuthState::Checking
        } else {
            AuthState::SignedOut
        };
        let state = RwSignal::new(initial);
        api.on_auth_event(move |event| match event {
            AuthEvent::SignedIn(me) => state.set(AuthState::SignedIn(me)),
            AuthEvent::SignedOut => state.set(AuthState::SignedOut),
            AuthEvent::PasswordChangeRequired => state.update(|state| {
                if let AuthState::SignedIn(me) = state {
                    me.must_change_password = true;
                }
            }),
        });
        let session = Session {
            state,
            api: StoredValue::new_local(api.clone()),
        };
        provide_context(session);

        if api.has_refresh_token() {
            spawn_local(async move {
                // A refused token has already signed us out; a network error leaves the token
                // for the next visit but cannot sign in now.
                if api.resume().await.is_err() {
                    state.set(AuthState::SignedOut);
                }
            });
        }
        session
    }

    pub fn api(&self) -> Api {
        self.api.get_value()
    }

    /// Reads the signed-in user without cloning it (tracked).
    pub fn with_me<T>(&self, read: impl FnOnce(Option<&Me>) -> T) -> T {
        self.state.with(|state| match state {
            AuthState::SignedIn(me) => read(Some(me)),
            AuthState::Checking | AuthState::SignedOut => read(None),
        })
    }

    /// Whether the signed-in user is an admin: only admins change permissions and admins.
    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.with_me(|me| me.is_some_and(|me| me.user.has(permission)))
    }

    /// The school's IANA time zone, for showing times; `None` for users without a school.
    pub fn time_zone(&self) -> Option<String> {
        self.with_me(|me| {
            me.and_then(|me| me.school.as_ref())
                .map(|school| school.time_zone.clone())
        })
    }

    /// Keeps the signed-in user's copy of the school in step after an edit.
    pub fn school_changed(&self, school: School) {
        self.state.update(|state| {
            if let AuthState::SignedIn(me) = state {
                me.school = Some(school);
            }
        });
    }

    /// The signed-in user as an answer of the API shows them now (a preference changed).
    pub fn me_changed(&self, me: Me) {
        self.state.update(|state| {
            if matches!(state, AuthState::SignedIn(_)) {
                *state = AuthState::SignedIn(Box::new(me));
            }
        });
    }

    /// Emergency mode started or stopped (from the live events).
    pub fn set_emergency(&self, active: bool) {
        self.state.update(|state| {
            if let AuthState::SignedIn(me) = state {
                if let Some(school) = me.school.as_mut() {
                    school.emergency_active = active;
                }
            }
        });
    }

    /// Whether the school is in emergency mode now.
    pub fn emergency(&self) -> bool {
        self.with_me(|me| {
            me.and_then(|me| me.school.as_ref())
                .is_some_and(|school| school.emergency_active)
        })
    }

    /// The signed-in user's id and role.
    pub fn me_id(&self) -> Option<String> {
        self.with_me(|me| me.map(|me| me.user.id.clone()))
    }

    pub fn role(&self) -> Option<Role> {
        self.with_me(|me| me.map(|me| me.user.role))
    }

    /// Which screen the user may see now (changes only when that answer changes).
    pub fn gate(&self) -> Memo<Gate> {
        let state = self.state;
        Memo::new(move |_| {
            state.with(|state| match state {
                AuthState::Checking => Gate::Checking,
                AuthState::SignedOut => Gate::SignedOut,
                AuthState::SignedIn(me) if me.must_change_password => Gate::MustChangePassword,
                AuthState::SignedIn(_) => Gate::SignedIn,
            })
        })
    }

    /// Re-reads the user, so that permissions an admin changed since sign-in show up (and
    /// vanish) without a reload.
    pub fn reload_me(&self) {
        let (api, state) = (self.api(), self.state);
        spawn_local(async move {
            // Failures need nothing here: the client has already reported sign-outs and
            // forced password changes.
            if let Ok(me) = api.me().await {
                state.update(|state| {
                    // Not when the user signed out while the answer was on its way.
                    if matches!(state, AuthState::SignedIn(_)) {
                        *state = AuthState::SignedIn(Box::new(me));
                    }
                });
            }
        });
    }

    pub fn sign_out(&self) {
        let api = self.api();
        spawn_local(async move { api.logout().await });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
