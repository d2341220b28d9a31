//! The picture upload job: read the upload, match pictures to students, process them on every
//! core, store them, and say what became of each file.
use std::collections::HashSet;
use std::fs::File;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use diesel::prelude::*;
use hallpass_shared::pictures::{PictureResult, RejectedFile, RejectedReason};
use hallpass_shared::user::Role;

use super::archive::{Archive, ArchiveLimits, Entry, Unreadable};
use super::mapping::{self, Mapping};
use super::matching::{self, Student, Students};
use super::names;
use super::process::{process, ImageLimits};
use super::store::{self, PictureRow};
use crate::db::schema::users;
use crate::jobs::{JobFile, RunningJob, Stop, Work};
use crate::time::now;

/// The form fields of `POST /profile-pictures/uploads`.
pub const ARCHIVE: &str = "archive";
pub const FILES: &str = "files";
pub const MAPPING: &str = "mapping";

#[derive(Debug, Clone, Copy)]
pub struct PictureLimits {
    pub archive: ArchiveLimits,
    pub image: ImageLimits,
    pub max_mapping_bytes: u64,
}

/// id, email, school identifier, picture version.
type StudentColumns = (String, Option<String>, Option<String>, Option<String>);

/// Pictures stored per write.
const BATCH: usize = 32;

pub struct PictureUploads {
    pub limits: PictureLimits,
    /// Where an uploaded zip is copied while it is read (a zip is read from its end).
    pub scratch: PathBuf,
}

/// Where a picture's bytes are.
enum Source {
    InArchive { archive: usize, index: usize },
    Part(JobFile),
}

/// The upload's pictures and what was refused or found on the way.
#[derive(Default)]
struct Contents {
    paths: Vec<String>,
    sources: Vec<Source>,
    archives: Vec<Archive>,
    rejected: Vec<RejectedFile>,
    mapping: Option<Vec<u8>>,
    /// Mappings shipped inside an archive: used when the upload sent none.
    archive_mappings: Vec<(usize, usize, String)>,
}

impl Work for PictureUploads {
    fn run(&self, job: &RunningJob) -> Result<serde_json::Value, Stop> {
        let _scratch = Scratch(self.scratch.join(job.id()));
        let mut contents = self.read_upload(job)?;
        let mapping = self.mapping(&mut contents)?;
        let school_id = job.school_id().to_owned();
        let (students, had_picture) = job.db().read_from_blocking(move |conn| {
            let rows: Vec<StudentColumns> = users::table
                .filter(users::school_id.eq(&school_id))
                .filter(users::role.eq(Role::Student))
                .select((
                    users::id,
                    users::email,
                    users::school_identifier,
                    users::picture_version,
                ))
                .load(conn)?;
            let had: HashSet<String> = rows
                .iter()
                .filter(|row| row.3.is_some())
                .map(|row| row.0.clone())
                .collect();
            let students = rows
                .into_iter()
                .map(|(id, email, identifier, _)| Student {
                    id,
                    email,
                    identifier,
                })
                .collect();
            Ok((Students::new(students), had))
        })?;
        let plan = match &mapping {
            Some(mapping) => matching::by_mapping(&mapping.rows, &contents.paths, &students),
            None => matching::by_file_name(&contents.paths, &students),
        };
        let mut result = PictureResult {
            unmatched: plan.unmatched,
            mapping_errors: mapping.map(|m| m.errors).unwrap_or_default(),
            ..PictureResult::default()
        };
        let stored = self.process_all(job, &mut contents, &plan.pictures, &mut result)?;
        result.matched = u32::try_from(stored.len()).unwrap_or(u32::MAX);
        result.replaced =
            u32::try_from(stored.iter().filter(|id| had_picture.contains(*id)).count())
                .unwrap_or(u32::MAX);
        result.rejected.splice(0..0, contents.rejected);
        serde_json::to_value(result)
            .map_err(|err| Stop::from(crate::error::ApiError::internal(err)))
    }
}

impl PictureUploads {
    fn read_upload(&self, job: &RunningJob) -> Result<Contents, Stop> {
        let mut contents = Contents::default();
        for file in job.files()? {
            match file.field.as_str() {
                MAPPING => {
                    // `size` is what the upload stored, counted as it arrived.
                    if file.size as u64 > self.limits.max_mapping_bytes {
                        return Err(Stop::failed(
                            "mapping_too_large",
                            "The mapping file is too large to be a list of students.",
                        ));
                    }
                    let mut bytes = Vec::new();
                    job.copy_file(&file, &mut bytes)?;
                    contents.mapping = Some(bytes);
                }
                ARCHIVE => self.open_archive(job, &file, &mut contents)?,
                _ if names::is_junk(&file.name) => {}
                _ => {
                    contents.paths.push(file.name.clone());
                    contents.sources.push(Source::Part(file));
                }
            }
        }
        Ok(contents)
    }

    fn open_archive(
        &self,
        job: &RunningJob,
        file: &JobFile,
        contents: &mut Contents,
    ) -> Result<(), Stop> {
        let io = |err: std::io::Error| Stop::from(crate::error::ApiError::internal(err));
        let dir = self.scratch.join(job.id());
        std::fs::create_dir_all(&dir).map_err(io)?;
        let path = dir.join(format!("{}.zip", file.part));
        let mut copy = File::create(&path).map_err(io)?;
        job.copy_file(file, &mut copy)?;
        drop(copy);
        let archive =
            Archive::open(File::open(&path).map_err(io)?, self.limits.archive).map_err(|err| {
                match err {
                    Unreadable::NotAZip => Stop::failed(
                        "not_a_zip",
                        format!("{} is not a zip file the server can read.", file.name),
                    ),
                    Unreadable::TooManyEntries(n) => Stop::failed(
                        "too_many_entries",
                        format!(
                            "{} holds {n} files; an upload may hold {}. Split it in two.",
                            file.name, self.limits.archive.max_entries
                        ),
                    ),
                }
            })?;
        let at = contents.archives.len();
        contents.archives.push(archive);
        for entry in contents.archives[at].entries() {
            match entry {
                Entry::Image { index, path } => {
                    contents.paths.push(path);
                    contents
                        .sources
                        .push(Source::InArchive { archive: at, index });
                }
                Entry::Mapping { index, path } => contents.archive_mappings.push((at, index, path)),
                Entry::Rejected { path, reason } => {
                    contents.rejected.push(RejectedFile { file: path, reason })
                }
            }
        }
        Ok(())
    }

    /// The mapping sent, else one shipped in the archive (`idlink.txt` first), else none.
    fn mapping(&self, contents: &mut Contents) -> Result<Option<Mapping>, Stop> {
        if let Some(bytes) = &contents.mapping {
            return Ok(Some(mapping::parse(bytes)));
        }
        let shipped = contents
            .archive_mappings
            .iter()
            .find(|(_, _, path)| names::base_name(path).eq_ignore_ascii_case("idlink.txt"))
            .or(match contents.archive_mappings.as_slice() {
                [only] => Some(only),
                _ => None,
            })
            .cloned();
        let Some((archive, index, path)) = shipped else {
            return Ok(None);
        };
        match contents.archives[archive].read(index, self.limits.max_mapping_bytes) {
            Ok(bytes) => Ok(Some(mapping::parse(&bytes))),
            Err(reason) => {
                contents.rejected.push(RejectedFile { file: path, reason });
                Ok(None)
            }
        }
    }

    /// Reads the planned pictures in turn, processes them on every core, and stores them in
    /// batches. The ids of the students who got one.
    fn process_all(
        &self,
        job: &RunningJob,
        contents: &mut Contents,
        planned: &[(usize, String)],
        result: &mut PictureResult,
    ) -> Result<Vec<String>, Stop> {
        let total = planned.len() as u64;
        job.progress(0, total)?;
        let workers = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .min(8);
        let (to_workers, from_reader) = sync_channel::<(usize, Vec<u8>)>(workers);
        let (to_collector, results) =
            sync_channel::<(usize, Result<Vec<u8>, RejectedReason>)>(workers * 2);
        let from_reader = Arc::new(Mutex::new(from_reader));
        let image_limits = self.limits.image;
        // When the collector stops early (a lost lease, a failed write) it drops `results`; the
        // workers' sends then fail, they drop the last of `from_reader`, and the reader's sends
        // fail: every thread ends, so the scope does too.
        std::thread::scope(move |scope| {
            for _ in 0..workers {
                let (from_reader, to_collector) = (from_reader.clone(), to_collector.clone());
                scope.spawn(move || work(&from_reader, &to_collector, &image_limits));
            }
            drop(from_reader);
            let reader_results = to_collector.clone();
            drop(to_collector);
            let sources = &contents.sources;
            let archives = &mut contents.archives;
            scope.spawn(move || {
                for (at, (file, _)) in planned.iter().enumerate() {
                    let read = match &sources[*file] {
                        Source::InArchive { archive, index } => {
                            archives[*archive].read(*index, image_limits.max_bytes)
                        }
                        Source::Part(part) => match read_part(job, part, image_limits.max_bytes) {
                            Ok(read) => read,
                            // The lease is gone (or the database failed): the collector stops too.
                            Err(_) => return,
                        },
                    };
                    let sent = match read {
                        Ok(bytes) => to_workers.send((at, bytes)).is_ok(),
                        Err(reason) => reader_results.send((at, Err(reason))).is_ok(),
                    };
                    if !sent {
                        return;
                    }
                }
            });
            collect(job, planned, results, &contents.paths, result)
        })
    }
}

fn work(
    from_reader: &Mutex<Receiver<(usize, Vec<u8>)>>,
    to_collector: &SyncSender<(usize, Result<Vec<u8>, RejectedReason>)>,
    limits: &ImageLimits,
) {
    loop {
        let next = from_reader.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((at, bytes)) = next else {
            return;
        };
        if to_collector.send((at, process(&bytes, limits))).is_err() {
            return;
        }
    }
}

/// A single uploaded picture's bytes, or why it is refused; `Err` when the job must stop.
fn read_part(
    job: &RunningJob,
    part: &JobFile,
    max_bytes: u64,
) -> Result<Result<Vec<u8>, RejectedReason>, Stop> {
    if part.size as u64 > max_bytes {
        return Ok(Err(RejectedReason::TooLarge));
    }
    let mut bytes = Vec::new();
    job.copy_file(part, &mut bytes)?;
    Ok(Ok(bytes))
}

/// Stores processed pictures as they come, and moves the progress bar.
fn collect(
    job: &RunningJob,
    planned: &[(usize, String)],
    results: Receiver<(usize, Result<Vec<u8>, RejectedReason>)>,
    paths: &[String],
    result: &mut PictureResult,
) -> Result<Vec<String>, Stop> {
    let mut stored = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut done = 0;
    let save = |batch: &mut Vec<PictureRow>, stored: &mut Vec<String>| -> Result<(), Stop> {
        if batch.is_empty() {
            return Ok(());
        }
        job.still_held()?;
        let rows = std::mem::take(batch);
        let school_id = job.school_id().to_owned();
        let saved = job
            .db()
            .write_from_blocking(move |conn| store::save(conn, &school_id, &rows))?;
        stored.extend(saved);
        Ok(())
    };
    for (at, outcome) in results {
        let (file, student) = &planned[at];
        match outcome {
            Ok(jpeg) => batch.push(PictureRow::jpeg(
                student.clone(),
                job.school_id(),
                jpeg,
                now(),
            )),
            Err(reason) => result.rejected.push(RejectedFile {
                file: paths[*file].clone(),
                reason,
            }),
        }
        done += 1;
        if batch.len() == BATCH {
            save(&mut batch, &mut stored)?;
        }
        job.progress(done, planned.len() as u64)?;
    }
    if done < planned.len() as u64 {
        // The reader stopped early: the lease was lost, or the upload could not be read.
        job.still_held()?;
        return Err(Stop::failed(
            "unreadable_upload",
            "The upload could not be read to its end; please upload it again.",
        ));
    }
    save(&mut batch, &mut stored)?;
    Ok(stored)
}

/// A job's scratch folder, removed when the job's work ends (and overwritten when a job is
/// taken again after a crash).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.0.exists() {
            if let Err(err) = std::fs::remove_dir_all(&self.0) {
                tracing::warn!(dir = %self.0.display(), error = %err, "could not remove a job's scratch folder");
            }
        }
    }
}
