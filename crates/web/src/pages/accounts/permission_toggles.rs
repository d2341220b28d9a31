use std::collections::BTreeSet;

use hallpass_shared::user::Permission;
use leptos::prelude::*;

use super::labels::{permission_explanation, permission_field_id, permission_name};
use crate::components::CheckboxField;

/// A switch per permission, as ticked.
#[derive(Clone, Copy)]
pub struct PermissionDraft {
    ticked: StoredValue<Vec<(Permission, RwSignal<bool>)>>,
}

impl PermissionDraft {
    pub fn new(granted: &[Permission]) -> Self {
        let ticked = Permission::ALL
            .iter()
            .map(|permission| (*permission, RwSignal::new(granted.contains(permission))))
            .collect();
        PermissionDraft {
            ticked: StoredValue::new(ticked),
        }
    }

    pub fn reset(self, granted: &[Permission]) {
        self.ticked.with_value(|ticked| {
            for (permission, on) in ticked {
                on.set(granted.contains(permission));
            }
        });
    }

    pub fn granted(self) -> BTreeSet<Permission> {
        self.ticked.with_value(|ticked| {
            ticked
                .iter()
                .filter(|(_, on)| on.get_untracked())
                .map(|(permission, _)| *permission)
                .collect()
        })
    }
}

#[component]
pub fn PermissionToggles(draft: PermissionDraft) -> impl IntoView {
    let toggles = draft.ticked.with_value(|ticked| {
        ticked
            .iter()
            .map(|(permission, on)| {
                view! {
                    <CheckboxField
                        id=permission_field_id(*permission)
                        label=permission_name(*permission)
                        checked=*on
                        hint=permission_explanation(*permission)
                    />
                }
            })
            .collect_view()
    });
    view! {
        <fieldset class="field choice-group">
            <legend>"Permissions"</legend>
            <div class="stack-tight">{toggles}</div>
        </fieldset>
    }
}
