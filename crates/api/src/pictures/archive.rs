//! The vendor's zip, read safely: limits count the bytes actually read, never the sizes the
//! zip declares; paths that climb out are refused (and nothing is ever written to disk from an
//! entry); archives inside are not opened.
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use hallpass_shared::pictures::RejectedReason;
use zip::ZipArchive;

use super::names;

#[derive(Debug, Clone, Copy)]
pub struct ArchiveLimits {
    pub max_entries: usize,
    /// Bytes decompressed from the whole archive.
    pub max_total_bytes: u64,
    /// Bytes out per byte in, past the first MiB of an entry: more is a zip bomb.
    pub max_ratio: u64,
}

/// What an entry of the archive is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Image {
        index: usize,
        path: String,
    },
    /// A mapping shipped inside the archive (Lifetouch's `idlink.txt`, a `.csv`).
    Mapping {
        index: usize,
        path: String,
    },
    Rejected {
        path: String,
        reason: RejectedReason,
    },
}

pub struct Archive {
    zip: ZipArchive<Counted>,
    compressed_read: Arc<AtomicU64>,
    decompressed: u64,
    limits: ArchiveLimits,
}

/// Counts the bytes read from the archive file, so that ratios use what was really read.
struct Counted {
    inner: BufReader<File>,
    read: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Seek for Counted {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Why an archive could not be read at all.
#[derive(Debug)]
pub enum Unreadable {
    NotAZip,
    TooManyEntries(usize),
}

impl Archive {
    pub fn open(file: File, limits: ArchiveLimits) -> Result<Self, Unreadable> {
        let compressed_read = Arc::new(AtomicU64::new(0));
        let counted = Counted {
            inner: BufReader::new(file),
            read: compressed_read.clone(),
        };
        let zip = ZipArchive::new(counted).map_err(|_| Unreadable::NotAZip)?;
        if zip.len() > limits.max_entries {
            return Err(Unreadable::TooManyEntries(zip.len()));
        }
        Ok(Self {
            zip,
            compressed_read,
            decompressed: 0,
            limits,
        })
    }

    /// The archive's pictures and mappings, and its refused entries; junk, folders and other
    /// files are left out.
    pub fn entries(&mut self) -> Vec<Entry> {
        let mut entries = Vec::new();
        for index in 0..self.zip.len() {
            let Ok(entry) = self.zip.by_index_raw(index) else {
                continue;
            };
            let path = entry.name().to_owned();
            if entry.is_dir() || names::is_junk(&path) {
                continue;
            }
            let unsafe_path = entry.enclosed_name().is_none();
            if unsafe_path || names::is_archive_name(&path) {
                entries.push(Entry::Rejected {
                    path,
                    reason: RejectedReason::UnsafeArchiveEntry,
                });
            } else if names::is_image_name(&path) {
                entries.push(Entry::Image { index, path });
            } else if names::is_mapping_name(&path) {
                entries.push(Entry::Mapping { index, path });
            }
        }
        entries
    }

    /// An entry's bytes, at most `max_bytes` of them.
    pub fn read(&mut self, index: usize, max_bytes: u64) -> Result<Vec<u8>, RejectedReason> {
        let started_at = self.compressed_read.load(Ordering::Relaxed);
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|_| RejectedReason::NotAnImage)?;
        let mut bytes = Vec::new();
        let mut block = vec![0; 64 * 1024];
        loop {
            let n = entry
                .read(&mut block)
                .map_err(|_| RejectedReason::NotAnImage)?;
            if n == 0 {
                return Ok(bytes);
            }
            bytes.extend_from_slice(&block[..n]);
            self.decompressed += n as u64;
            if self.decompressed > self.limits.max_total_bytes {
                return Err(RejectedReason::UnsafeArchiveEntry);
            }
            let compressed = self.compressed_read.load(Ordering::Relaxed) - started_at;
            if bytes.len() > 1024 * 1024
                && bytes.len() as u64 > compressed.max(1) * self.limits.max_ratio
            {
                return Err(RejectedReason::UnsafeArchiveEntry);
            }
            if bytes.len() as u64 > max_bytes {
                return Err(RejectedReason::TooLarge);
            }
        }
    }
}
