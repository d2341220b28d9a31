use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::use_session;

const SIGN_IN_PATH: &str = "/sign-in";
const CHANGE_PASSWORD_PATH: &str = "/change-password";
const HOME_PATH: &str = "/";

/// The one question every screen asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Checking,
    SignedOut,
    /// Signed in with a temporary password: only the password change screen is open.
    MustChangePassword,
    SignedIn,
}

impl Gate {
    /// Where a user at this gate belongs; `None` while that is still unknown.
    pub fn home(self) -> Option<&'static str> {
        match self {
            Gate::Checking => None,
            Gate::SignedOut => Some(SIGN_IN_PATH),
            Gate::MustChangePassword => Some(CHANGE_PASSWORD_PATH),
            Gate::SignedIn => Some(HOME_PATH),
        }
    }
}

/// Shows `children` only at gate `allow`; elsewhere it sends the user where they belong.
#[component]
pub fn RequireGate(allow: Gate, children: ChildrenFn) -> impl IntoView {
    let gate = use_session().gate();
    move || {
        let now = gate.get();
        if now == allow {
            children().into_any()
        } else if let Some(path) = now.home() {
            view! { <Redirect path=path /> }.into_any()
        } else {
            view! { <p class="loading" role="status">"Loading…"</p> }.into_any()
        }
    }
}
