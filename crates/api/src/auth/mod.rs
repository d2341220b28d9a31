//! Authentication and access: passwords, tokens, throttling and the access extractors.
pub mod bucket;
pub mod client_ip;
pub mod extract;
pub mod jwt;
pub mod password;
pub mod password_gate;
pub mod password_rules;
pub mod permissions;
pub mod principal;
pub mod refresh_tokens;
pub mod routes;
pub mod session;
pub mod throttle;
