//! Pass rules (needs `manage_pass_rules`): the daily limit, per-student limits, encounter
//! groups and the log of the passes they refused.

mod group_form;
mod groups;
mod limits;
mod prevented;
mod student_limit;

use hallpass_shared::user::Permission;
use leptos::prelude::*;

use crate::components::{PageHeading, When};
use crate::session::use_session;
use groups::EncounterGroups;
use limits::LimitsForm;
use prevented::PreventedLog;
use student_limit::StudentLimit;

#[component]
pub fn PassRulesPage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageHeading title="Pass rules" />
        <When
            when=move || session.has(Permission::ManagePassRules)
            fallback=|| view! { <p class="alert alert-error" role="alert">"You don't have permission to change pass rules."</p> }
        >
            <LimitsForm />
            <StudentLimit />
            <EncounterGroups />
            <PreventedLog />
        </When>
    }
}
