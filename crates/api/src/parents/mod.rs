//! Parents: self sign-up, linking to students by invite code, their students' past passes; and
//! the admins' side: invite-code downloads, new codes, parents' links.
pub mod admin_links;
pub mod codes;
pub mod export;
pub mod invite_code;
pub mod links;
pub mod passes;
pub mod regenerate;
mod sheet;
pub mod signup;
pub mod students;
