pub mod read_uploads;
pub mod school_pictures;
pub mod student_picture;
pub mod upload_pictures;
