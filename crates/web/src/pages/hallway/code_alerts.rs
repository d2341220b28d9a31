//! Students who ran out of tries at the code or PIN of one of the teacher's rooms, as they
//! happen (`code.failures`): someone may be trying PINs one after another.
use hallpass_shared::events::CodeFailures;
use leptos::prelude::*;

use crate::components::keyed;
use crate::live::{use_live, LiveEvent};

#[component]
pub fn CodeAlerts() -> impl IntoView {
    let alerts = RwSignal::new(Vec::<CodeFailures>::new());
    use_live().subscribe(move |event| {
        if let LiveEvent::CodeFailures(alert) = event {
            alerts.update(|alerts| {
                alerts.retain(|known| known.pass_id != alert.pass_id);
                alerts.insert(0, alert.clone());
            });
        }
    });
    let dismiss =
        move |pass_id: String| alerts.update(|alerts| alerts.retain(|a| a.pass_id != pass_id));
    let alert_row = move |alert: CodeFailures| {
        view! {
            <div class="alert alert-warning code-alert" role="alert">
                <p>
                    {format!(
                        "{} entered a wrong code or PIN for {} too many times, and can try again in {} minutes. A teacher can end the pass.",
                        alert.student_name,
                        alert.room_name,
                        alert.blocked_for_seconds.div_ceil(60),
                    )}
                </p>
                <button
                    type="button"
                    class="link-button"
                    on:click={
                        let pass_id = alert.pass_id.clone();
                        move |_| dismiss(pass_id.clone())
                    }
                >
                    "Dismiss"
                </button>
            </div>
        }
        .into_any()
    };
    keyed(
        move || alerts.get(),
        |alert| alert.pass_id.clone(),
        alert_row,
    )
}
