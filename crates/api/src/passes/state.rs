//! The pass state machine: which action moves a pass from which state to which.
use hallpass_shared::error::ErrorCode;
use hallpass_shared::passes::PassState;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Approve,
    Deny,
    Start,
    End,
    Cancel,
}

/// The state after `action`, or `409 invalid_pass_state`. `starts_later`: an approved request
/// for a time still to come becomes scheduled, not active.
pub fn next(from: PassState, action: Action, starts_later: bool) -> Result<PassState, ApiError> {
    use PassState::*;
    let to = match (from, action) {
        (Pending, Action::Approve) if starts_later => Scheduled,
        (Pending, Action::Approve) => Active,
        (Pending, Action::Deny) => Denied,
        (Scheduled | Waiting, Action::Start) => Active,
        (Active, Action::End) => Ended,
        (Pending | Scheduled | Waiting, Action::Cancel) => Canceled,
        _ => {
            return Err(ApiError::coded(
                ErrorCode::InvalidPassState,
                format!("A {from} pass cannot be {}.", done(action)),
            ))
        }
    };
    Ok(to)
}

fn done(action: Action) -> &'static str {
    match action {
        Action::Approve => "approved",
        Action::Deny => "denied",
        Action::Start => "started",
        Action::End => "ended",
        Action::Cancel => "canceled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PassState::*;

    #[test]
    fn allowed_transitions() {
        assert_eq!(next(Pending, Action::Approve, false).ok(), Some(Active));
        assert_eq!(next(Pending, Action::Approve, true).ok(), Some(Scheduled));
        assert_eq!(next(Pending, Action::Deny, false).ok(), Some(Denied));
        assert_eq!(next(Scheduled, Action::Start, false).ok(), Some(Active));
        assert_eq!(next(Active, Action::End, false).ok(), Some(Ended));
        assert_eq!(next(Pending, Action::Cancel, false).ok(), Some(Canceled));
        assert_eq!(next(Scheduled, Action::Cancel, false).ok(), Some(Canceled));
        assert_eq!(next(Waiting, Action::Start, false).ok(), Some(Active));
        assert_eq!(next(Waiting, Action::Cancel, false).ok(), Some(Canceled));
    }

    #[test]
    fn everything_else_is_refused() {
        let actions = [
            Action::Approve,
            Action::Deny,
            Action::Start,
            Action::End,
            Action::Cancel,
        ];
        let allowed = [
            (Pending, Action::Approve),
            (Pending, Action::Deny),
            (Pending, Action::Cancel),
            (Scheduled, Action::Start),
            (Scheduled, Action::Cancel),
            (Waiting, Action::Start),
            (Waiting, Action::Cancel),
            (Active, Action::End),
        ];
        for from in [Pending, Scheduled, Waiting, Active, Ended, Denied, Canceled] {
            for action in actions {
                assert_eq!(
                    next(from, action, false).is_ok(),
                    allowed.contains(&(from, action)),
                    "{from:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn states_are_stored_as_their_wire_names() {
        for state in [Pending, Scheduled, Waiting, Active, Ended, Denied, Canceled] {
            let wire = serde_json::to_value(state).expect("serializes");
            assert_eq!(wire.as_str(), Some(state.as_str()));
            assert_eq!(PassState::parse(state.as_str()), Some(state));
        }
        assert_eq!(Canceled.as_str(), "canceled");
    }
}
