//! The parent pages, kept small for phones: sign-up, the students list with "Add a student",
//! and each student's past passes.
mod days;
pub mod signup;
pub mod student;
pub mod students;
