ALTER TABLE users DROP COLUMN picture_version;
DROP TABLE profile_pictures;
DROP TABLE job_files;
DROP TABLE upload_chunks;
DROP TABLE jobs;
