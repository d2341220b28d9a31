//! Refusals of account changes, explained with what helps fix them.
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{AccountExists, MissingAccounts, NoSignInName};
use leptos::prelude::*;

use super::state::use_accounts;
use crate::api::ApiError;
use crate::components::FieldErrors;

/// The messages to show next to form fields: the API's validation messages, or the field a
/// duplicate clashes on.
pub fn field_errors_of(error: &ApiError) -> FieldErrors {
    let mut errors = error.field_errors();
    if error.code() == Some(ErrorCode::AccountExists) {
        if let Some(taken) = error.details::<AccountExists>() {
            errors
                .entry(taken.field)
                .or_default()
                .push("is already used by another account".into());
        }
    }
    errors
}

/// The API's message, and after it: a way to open the account a duplicate clashes with, the
/// accounts that lack an email for a password card, or why some accounts were not found.
/// `before_open` runs before another account opens (a dialog closes itself there).
#[component]
pub fn AccountProblem(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional)] before_open: Option<Callback<()>>,
) -> impl IntoView {
    let accounts = use_accounts();
    let open = move |id: String| {
        if let Some(before_open) = before_open {
            before_open.run(());
        }
        accounts.open_account(id);
    };
    move || {
        let error = error.get()?;
        let help = match error.code() {
            Some(ErrorCode::AccountExists) => {
                let existing = error
                    .details::<AccountExists>()
                    .and_then(|taken| taken.existing_user_id);
                match existing {
                    Some(id) => view! {
                        <button type="button" class="button button-small" on:click=move |_| open(id.clone())>
                            "Open the existing account"
                        </button>
                    }
                    .into_any(),
                    None => view! {
                        <span>" It belongs to another school: use a different one."</span>
                    }
                    .into_any(),
                }
            }
            Some(ErrorCode::NoSignInName) => {
                let names = error
                    .details::<NoSignInName>()
                    .map(|unnamed| unnamed.user_ids)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|id| accounts.list.find(&id))
                    .map(|user| {
                        let id = user.id.clone();
                        view! {
                            <li>
                                <button type="button" class="link-button" on:click=move |_| open(id.clone())>
                                    {user.full_name()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <span>" Without an email:"</span>
                    <ul class="inline-list">{names}</ul>
                }
                .into_any()
            }
            Some(ErrorCode::NotFound) if error.details::<MissingAccounts>().is_some() => view! {
                <span>
                    " Some selected accounts no longer exist (someone may have deleted them), "
                    "so nothing was changed. The list has been reloaded: check the selection "
                    "and try again."
                </span>
            }
            .into_any(),
            _ => ().into_any(),
        };
        Some(view! {
            <div class="alert alert-error" role="alert">
                {error.message()}
                {help}
            </div>
        })
    }
}
