//! What the Accounts page knows, shared by its parts through context.
use std::collections::BTreeSet;

use hallpass_shared::accounts::UserQuery;
use hallpass_shared::page::{DEFAULT_LIMIT, MAX_LIMIT};
use hallpass_shared::user::{AccountStatus, Role, User};
use leptos::prelude::*;

use crate::components::{effect, Reload};
use crate::session::{use_session, Session};

/// Which accounts the list shows.
#[derive(Clone, Copy)]
pub struct Filters {
    pub role: RwSignal<Role>,
    /// `None`: active and disabled accounts (suspended ones only show when asked for).
    pub status: RwSignal<Option<AccountStatus>>,
    /// The search as sent, after the typing pause.
    pub search: RwSignal<String>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            role: RwSignal::new(Role::Student),
            status: RwSignal::new(None),
            search: RwSignal::new(String::new()),
        }
    }

    /// The list query for these filters (tracked).
    fn query(self, limit: u32, cursor: Option<String>) -> UserQuery {
        let search = self.search.get();
        let search = search.trim();
        UserQuery {
            role: Some(self.role.get()),
            status: self.status.get(),
            q: (!search.is_empty()).then(|| search.to_owned()),
            limit: Some(limit),
            cursor,
        }
    }
}

/// The accounts loaded so far, in name order, and where the next page starts.
#[derive(Clone, Copy)]
pub struct AccountList {
    pub items: RwSignal<Vec<User>>,
    pub next_cursor: RwSignal<Option<String>>,
    /// The answer to an older query never replaces a newer one.
    pub load: Reload,
    session: Session,
}

impl AccountList {
    fn new() -> Self {
        AccountList {
            items: RwSignal::new(Vec::new()),
            next_cursor: RwSignal::new(None),
            load: Reload::new(),
            session: use_session(),
        }
    }

    /// Loads `query`; its rows replace the list, or follow it with `append`.
    fn load(self, query: UserQuery, append: bool) {
        let api = self.session.api();
        self.load
            .run(async move { api.users(&query).await }, move |page| {
                self.next_cursor.set(page.next_cursor);
                if append {
                    self.items.update(|items| items.extend(page.items));
                } else {
                    self.items.set(page.items);
                }
            });
    }

    pub fn find(self, id: &str) -> Option<User> {
        self.items
            .with_untracked(|items| items.iter().find(|user| user.id == id).cloned())
    }
}

/// A result to announce above the list: what was done, and any warning the API gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub message: String,
    pub warning: Option<String>,
}

/// The page's state: filters, rows, selection, the open account and the last outcome.
#[derive(Clone, Copy)]
pub struct Accounts {
    pub filters: Filters,
    pub list: AccountList,
    /// Ids of the ticked rows; only rows on screen can be ticked.
    pub selection: RwSignal<BTreeSet<String>>,
    /// The account the account panel shows (or last showed).
    pub opened: RwSignal<Option<String>>,
    pub panel_open: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
}

impl Accounts {
    /// Creates the state, provides it to the page's parts and loads the list whenever the
    /// filters change.
    pub fn provide() -> Accounts {
        let accounts = Accounts {
            filters: Filters::new(),
            list: AccountList::new(),
            selection: RwSignal::new(BTreeSet::new()),
            opened: RwSignal::new(None),
            panel_open: RwSignal::new(false),
            outcome: RwSignal::new(None),
        };
        provide_context(accounts);

        let (filters, list, selection) = (accounts.filters, accounts.list, accounts.selection);
        effect(move || {
            let query = filters.query(DEFAULT_LIMIT, None);
            // Other filters, other rows: nothing of the old list stays on screen.
            list.items.set(Vec::new());
            list.next_cursor.set(None);
            list.load(query, false);
        });
        // Rows that leave the list (other filters, deleted, suspended) leave the selection.
        effect(move || {
            let shown: BTreeSet<String> = list
                .items
                .with(|items| items.iter().map(|user| user.id.clone()).collect());
            selection.maybe_update(|selected| {
                let before = selected.len();
                selected.retain(|id| shown.contains(id));
                selected.len() != before
            });
        });
        accounts
    }

    /// Loads the list again after a change, keeping as many rows as are shown.
    pub fn refresh(self) {
        let shown = self.list.items.with_untracked(Vec::len) as u32;
        let limit = shown.clamp(DEFAULT_LIMIT, MAX_LIMIT);
        let query = untrack(|| self.filters.query(limit, None));
        self.list.load(query, false);
    }

    pub fn load_more(self) {
        let cursor = self.list.next_cursor.get_untracked();
        if cursor.is_some() {
            let query = untrack(|| self.filters.query(DEFAULT_LIMIT, cursor));
            self.list.load(query, true);
        }
    }

    pub fn open_account(self, id: String) {
        self.opened.set(Some(id));
        self.panel_open.set(true);
    }

    pub fn announce(self, message: String, warning: Option<String>) {
        self.outcome.set(Some(Outcome { message, warning }));
    }
}

pub fn use_accounts() -> Accounts {
    expect_context::<Accounts>()
}
