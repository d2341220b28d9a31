//! The live hallway for staff: who is out now, the requests to decide, sending a pass, and
//! (with `manage_school`) emergency mode.

mod code_alerts;
mod list;
mod my_rooms;
mod requests;
mod send_pass;

use hallpass_shared::user::{Permission, Role};
use leptos::prelude::*;

use crate::components::{EmergencySwitch, PageHeading, When};
use crate::session::use_session;
use code_alerts::CodeAlerts;
use list::HallwayList;
use requests::RequestInbox;

pub use my_rooms::MyRooms;

#[component]
pub fn HallwayPage() -> impl IntoView {
    let session = use_session();
    let staff = move || session.role().is_some_and(Role::is_staff);
    let decides = move || matches!(session.role(), Some(Role::Teacher | Role::Assistant));
    view! {
        <div class="page-wide">
            <PageHeading title="Hallway" />
            <When
                when=staff
                fallback=|| view! { <p class="alert alert-error" role="alert">"The hallway is for staff."</p> }
            >
                <When when=decides>
                    <CodeAlerts />
                    <RequestInbox />
                </When>
                <HallwayList />
                <When when=move || session.has(Permission::ManageSchool)>
                    <EmergencySwitch />
                </When>
            </When>
        </div>
    }
}
