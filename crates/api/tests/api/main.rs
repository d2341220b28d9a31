//! HTTP tests: each starts the real server on a free port against a fresh database, and each
//! data test runs on SQLite and on PostgreSQL.
mod support;

mod access_tokens;
mod accounts_access;
mod accounts_bulk;
mod accounts_crud;
mod accounts_delete;
mod accounts_listing;
mod accounts_passwords;
mod accounts_search;
mod capacity;

mod encounters;
mod hallway;
mod health;
mod invite_exports;
mod live_events;
mod login;
mod malformed_input;
mod openapi_contract;
mod parents_access;
mod parents_linking;
mod parents_passes;
mod parents_signup;
mod pass_codes;
mod pass_limits;
mod pass_visibility;
mod passes;
mod password_change;
mod refresh_tokens;
mod rooms;
mod schema_drift;
mod school_settings;
mod tenancy;
mod throttling;
