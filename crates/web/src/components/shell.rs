use hallpass_shared::user::{Permission, Role};
use leptos::html::Main;
use leptos::prelude::*;

use super::When;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_location;

use super::emergency::EmergencyBanner;
use crate::live::Live;
use crate::session::use_session;

/// The frame around every signed-in page: the school, the navigation and sign-out.
/// Navigation lists only what this user may open.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let school_name = move || {
        session.with_me(|me| {
            me.and_then(|me| me.school.as_ref())
                .map(|school| school.name.clone())
        })
    };
    let user_name = move || session.with_me(|me| me.map(|me| me.user.full_name()));
    let manages_school = move || session.has(Permission::ManageSchool);
    let manages_accounts = move || session.has(Permission::ManageAccounts);
    let manages_rooms = move || session.has(Permission::ManageRooms);
    let manages_rules = move || session.has(Permission::ManagePassRules);
    let manages_integrations = move || session.has(Permission::ManageIntegrations);
    let staff = move || session.role().is_some_and(Role::is_staff);
    let has_rooms = move || matches!(session.role(), Some(Role::Teacher | Role::Assistant));
    Live::provide(session);

    // The user was read at sign-in; read it again on each navigation after that.
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            session.reload_me();
        }
        path
    });

    // Moved by hand: the router would treat "#main" as a navigation and leave focus behind.
    let main = NodeRef::<Main>::new();
    let skip_to_main = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            "Skip to content"
        </a>
        <header class="topbar">
            <div class="topbar-inner">
                <div class="brand">
                    <span class="brand-name">"Hallpass"</span>
                    <span class="brand-school">{move || school_name()}</span>
                </div>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li><A href="/" exact=true>"Home"</A></li>
                        <When when=staff>
                            <li><A href="/hallway">"Hallway"</A></li>
                        </When>
                        <When when=has_rooms>
                            <li><A href="/room-code">"Room code"</A></li>
                        </When>
                        <When when=manages_accounts>
                            <li><A href="/accounts">"Accounts"</A></li>
                        </When>
                        <When when=manages_rooms>
                            <li><A href="/rooms">"Rooms"</A></li>
                        </When>
                        <When when=manages_rules>
                            <li><A href="/pass-rules">"Pass rules"</A></li>
                        </When>
                        <When when=manages_integrations>
                            <li><A href="/integrations">"Integrations"</A></li>
                        </When>
                        <li><A href="/account">"My account"</A></li>
                        <When when=manages_school>
                            <li><A href="/school">"School settings"</A></li>
                        </When>
                        <li>
                            <button type="button" class="nav-button" on:click=move |_| session.sign_out()>
                                "Sign out"
                            </button>
                        </li>
                    </ul>
                </nav>
            </div>
            <p class="signed-in-as">"Signed in as " <strong>{move || user_name()}</strong></p>
        </header>
        <EmergencyBanner />
        <main id="main" class="page" tabindex="-1" node_ref=main>
            <Outlet />
        </main>
    }
}
