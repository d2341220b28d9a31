//! `/auth/*`: each action in its own file, named by what it does.
pub mod login;
pub mod logout;
pub mod refresh;
