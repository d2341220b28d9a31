use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::Shell;
use crate::pages::account::AccountPage;
use crate::pages::accounts::AccountsPage;
use crate::pages::change_password::ForcedPasswordChangePage;
use crate::pages::hallway::HallwayPage;
use crate::pages::home::HomePage;
use crate::pages::integrations::IntegrationsPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::parents::signup::ParentSignUpPage;
use crate::pages::parents::student::ParentStudentPage;
use crate::pages::room_code::RoomCodePage;
use crate::pages::rooms::RoomsPage;
use crate::pages::rules::PassRulesPage;
use crate::pages::school_settings::SchoolSettingsPage;
use crate::pages::sign_in::SignInPage;
use crate::session::{Gate, RequireGate, Session};

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/sign-in") view=SignInPage />
                <Route path=path!("/change-password") view=ForcedPasswordChangePage />
                <Route path=path!("/parent-signup") view=ParentSignUpPage />
                <ParentRoute path=path!("") view=SignedInShell>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("account") view=AccountPage />
                    <Route path=path!("accounts") view=AccountsPage />
                    <Route path=path!("school") view=SchoolSettingsPage />
                    <Route path=path!("hallway") view=HallwayPage />
                    <Route path=path!("room-code") view=RoomCodePage />
                    <Route path=path!("rooms") view=RoomsPage />
                    <Route path=path!("pass-rules") view=PassRulesPage />
                    <Route path=path!("integrations") view=IntegrationsPage />
                    <Route path=path!("students/:id") view=ParentStudentPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn SignedInShell() -> impl IntoView {
    view! {
        <RequireGate allow=Gate::SignedIn>
            <Shell />
        </RequireGate>
    }
}
