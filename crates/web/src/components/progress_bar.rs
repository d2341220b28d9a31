use leptos::prelude::*;

/// A labelled `<progress>`: `done` of `total`, or moving without a measure while `total` is 0
/// (the work does not know yet how much there is). With `status`, screen readers hear its
/// label change.
#[component]
pub fn ProgressBar(
    id: &'static str,
    label: String,
    done: i64,
    total: i64,
    #[prop(optional)] status: bool,
) -> impl IntoView {
    view! {
        <div class="field" role=status.then_some("status")>
            <label for=id>{label}</label>
            {if total == 0 {
                view! { <progress id=id></progress> }.into_any()
            } else {
                view! { <progress id=id max=total value=done></progress> }.into_any()
            }}
        </div>
    }
}
