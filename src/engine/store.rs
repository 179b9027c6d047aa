//! Saving and loading debriefs and drills in progress: RON files written atomically (a temporary
//! file in the same folder, then a rename), so a crash never leaves half a file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use super::debrief::Debrief;
use super::review::Review;
use super::runner::DrillState;

/// The largest debrief or saved drill read, in bytes.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Why a debrief or saved drill could not be saved or read.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a debrief (or saved drill) of this format.
    #[error("{path}:{line}:{col}: error: not a readable {what}: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What was expected.
        what: &'static str,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        col: usize,
        /// What `ron` said.
        message: String,
    },
    /// The file is larger than any genuine record.
    #[error("{path}: error: the file is {size} bytes, larger than the {MAX_RECORD_BYTES} bytes a {what} may have")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What was expected.
        what: &'static str,
        /// Its size.
        size: u64,
    },
}

/// Writes `value` as pretty RON to `path` atomically.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let text = crate::engine::load::ron_options()
        .to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|e| io(std::io::Error::other(e)))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new().prefix(".hotwash-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.write_all(b"\n").map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Reads a RON record of any kind (`what` names it in errors), refusing files over the size limit.
pub fn load<T: DeserializeOwned>(path: &Path, what: &'static str) -> Result<T, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_RECORD_BYTES {
        return Err(StoreError::TooLarge { path: path.to_owned(), what, size });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    crate::engine::load::ron_options().from_bytes(&bytes).map_err(|e| StoreError::Corrupt {
        path: path.to_owned(),
        what,
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Reads a debrief.
pub fn load_debrief(path: &Path) -> Result<Debrief, StoreError> {
    load(path, "debrief")
}

/// Reads a saved drill in progress.
pub fn load_state(path: &Path) -> Result<DrillState, StoreError> {
    load(path, "saved drill")
}

/// Writes a text file atomically (temporary file, then rename), creating its folder.
pub fn write_text(path: &Path, text: &str) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new().prefix(".hotwash-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A file-name-safe form of a name: letters and digits kept (any script), the rest `-`.
pub fn slug(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() { "trainee".to_owned() } else { s }
}

/// Wall-clock milliseconds as `YYYYMMDD-HHMMSS` (UTC) for file names.
pub fn file_stamp(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(0);
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year][month][day]-[hour][minute][second]")).ok())
        .unwrap_or_else(|| secs.to_string())
}

/// The three files a finished drill leaves: the debrief and its review in Markdown and HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillFiles {
    /// `….debrief.ron`, the replayable record.
    pub debrief: PathBuf,
    /// `….review.md`.
    pub markdown: PathBuf,
    /// `….review.html`, one printable page.
    pub html: PathBuf,
}

/// Saves a finished drill in `out` as `<YYYYMMDD-HHMMSS>_<id>.<lang>_<trainee>.{debrief.ron,review.md,review.html}`;
/// a name already taken gets `-2`, `-3`… so an earlier drill is never overwritten.
pub fn save_drill(out: &Path, debrief: &Debrief, review: &Review) -> Result<DrillFiles, StoreError> {
    let stem = format!(
        "{}_{}.{}_{}",
        file_stamp(debrief.started_at),
        debrief.scenario.id,
        debrief.scenario.language,
        slug(&debrief.trainee)
    );
    let named = |stem: &str| DrillFiles {
        debrief: out.join(format!("{stem}.debrief.ron")),
        markdown: out.join(format!("{stem}.review.md")),
        html: out.join(format!("{stem}.review.html")),
    };
    let mut files = named(&stem);
    for n in 2.. {
        if !files.debrief.exists() {
            break;
        }
        files = named(&format!("{stem}-{n}"));
    }
    save(&files.debrief, debrief)?;
    write_text(&files.markdown, &review.to_markdown())?;
    write_text(&files.html, &review.to_html())?;
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_file_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.debrief.ron");
        std::fs::write(&path, "Debrief(\n  format: 1,\n  scenario: 7,\n)").unwrap();
        let err = load_debrief(&path).unwrap_err().to_string();
        assert!(err.contains("x.debrief.ron:3:"), "{err}");
        assert!(err.contains("not a readable debrief"), "{err}");
    }

    #[test]
    fn save_replaces_the_file_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.ron");
        save(&path, &vec![1, 2, 3]).unwrap();
        save(&path, &vec![4]).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[\n    4,\n]\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
