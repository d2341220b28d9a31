//! The Hallpass single-page app. The server serves it at `/` and answers its calls under
//! `/api/v1`.

mod api;
mod app;
mod components;
mod download;
mod live;
mod pages;
mod session;
mod text;
mod time;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
