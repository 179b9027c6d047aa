//! Saving and loading debriefs and drills in progress: RON files written atomically (a temporary
//! file in the same folder, then a rename), so a crash never leaves half a file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::i18n::msg;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::debrief::Debrief;
use super::review::Review;
use super::runner::DrillState;

/// The largest debrief or saved drill read, in bytes.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Why a debrief or saved drill could not be saved or read. Shown in the engine's language.
#[derive(Debug)]
pub enum StoreError {
    /// The file system refused.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said (shown in the message, so not also a source that would repeat it).
        error: std::io::Error,
    },
    /// The file is not a debrief (or saved drill) of this format.
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What was expected (`debrief`, `saved drill`…; its name comes from the catalogue).
        what: &'static str,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        col: usize,
        /// What `ron` said.
        message: String,
    },
    /// The file is larger than any genuine record.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What was expected.
        what: &'static str,
        /// Its size.
        size: u64,
    },
}

/// The name of a kind of record (`debrief`, `saved drill`…) in the engine's language: the
/// catalogue's `record-…` message, or the name as given when the catalogue has none.
fn record_name(what: &str) -> String {
    let id = format!("record-{}", what.replace(' ', "-"));
    let tr = super::i18n::engine_lang().tr();
    if tr.has(&id) { tr.t(&id) } else { what.to_owned() }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::Io { path, error } => format!("{}: {error}", path.display()),
            Self::Corrupt { path, what, line, col, message } => msg!(
                "store-corrupt",
                path = path.display(),
                line = line,
                col = col,
                what = record_name(what),
                message = message
            ),
            Self::TooLarge { path, what, size } => msg!(
                "store-too-large",
                path = path.display(),
                size = size,
                max = MAX_RECORD_BYTES,
                what = record_name(what)
            ),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for StoreError {}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename. An
/// existing file keeps its permissions and a symbolic link keeps pointing at the file it names
/// (the file is replaced, not the link); a read-only file is not replaced.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt as _;
    let io = |source| StoreError::Io { path: path.to_owned(), error: source };
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(io)?,
        _ => path.to_owned(),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(io(std::io::Error::new(std::io::ErrorKind::PermissionDenied, msg!("store-read-only"))));
    }
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    // A new file is readable as the umask allows, so a shared team folder stays readable.
    let mode = existing.as_ref().map_or(0o666, |m| m.permissions().mode() & 0o7777);
    let mut tmp = tempfile::Builder::new()
        .prefix(".hotwash-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if existing.is_some() {
        // The umask applied when the temporary was made; an existing file's mode is kept exactly.
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

/// `value` as pretty RON with a final newline.
fn ron_text<T: Serialize>(path: &Path, value: &T) -> Result<String, StoreError> {
    let mut text = crate::engine::load::ron_options()
        .to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|e| StoreError::Io { path: path.to_owned(), error: std::io::Error::other(e) })?;
    text.push('\n');
    Ok(text)
}

/// Writes `value` as pretty RON to `path` atomically.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    write_atomic(path, ron_text(path, value)?.as_bytes())
}

/// Writes `text` to a new file `<stem><suffix>` in `dir`, or `<stem>-2<suffix>`, `-3`… when the
/// name is taken: atomically, and never replacing a file, even when other processes write the
/// same name in the same instant. Returns the file written.
pub fn write_new(dir: &Path, stem: &str, suffix: &str, text: &str) -> Result<PathBuf, StoreError> {
    let io = |path: &Path, source| StoreError::Io { path: path.to_owned(), error: source };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".hotwash-")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| io(dir, e))?;
    tmp.write_all(text.as_bytes()).map_err(|e| io(dir, e))?;
    tmp.as_file().sync_all().map_err(|e| io(dir, e))?;
    for n in 1u32.. {
        let path = if n == 1 { dir.join(format!("{stem}{suffix}")) } else { dir.join(format!("{stem}-{n}{suffix}")) };
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => tmp = e.file,
            Err(e) => return Err(io(&path, e.error)),
        }
    }
    Err(io(dir, std::io::Error::other(msg!("store-no-free-name"))))
}

/// Moves `from` into `dir` as `<stem><suffix>`, or `<stem>-2<suffix>`, `-3`… when the name is
/// taken: never over another file (a hard link made where nothing is, then the old name removed).
/// Returns the file's new path.
pub fn move_new(from: &Path, dir: &Path, stem: &str, suffix: &str) -> Result<PathBuf, StoreError> {
    let io = |path: &Path, source| StoreError::Io { path: path.to_owned(), error: source };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    for n in 1u32..10_000 {
        let to = if n == 1 { dir.join(format!("{stem}{suffix}")) } else { dir.join(format!("{stem}-{n}{suffix}")) };
        match std::fs::hard_link(from, &to) {
            Ok(()) => {
                std::fs::remove_file(from).map_err(|e| io(from, e))?;
                return Ok(to);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io(from, e)),
        }
    }
    Err(io(dir, std::io::Error::other(msg!("store-no-free-name"))))
}

/// Reads the debrief at `path`, changes it with `change` and writes it back, holding a lock on
/// its folder meanwhile, so that notes and grades written at once by several processes (the app
/// and the command line) are all kept. Returns the debrief as written and what `change` returned.
pub fn update_debrief<R>(
    path: &Path,
    change: impl FnOnce(&mut Debrief) -> Result<R, String>,
) -> Result<Result<(Debrief, R), String>, StoreError> {
    update_debrief_then(path, change, |_| Ok(()))
}

/// As [`update_debrief`], and `then` runs with the debrief as written while the lock is still
/// held: what is derived from it (the review files beside it) is written from this version, not
/// from one another process changed meanwhile.
pub fn update_debrief_then<R>(
    path: &Path,
    change: impl FnOnce(&mut Debrief) -> Result<R, String>,
    then: impl FnOnce(&Debrief) -> Result<(), StoreError>,
) -> Result<Result<(Debrief, R), String>, StoreError> {
    let io = |p: &Path, source| StoreError::Io { path: p.to_owned(), error: source };
    let target = std::fs::canonicalize(path).map_err(|e| io(path, e))?;
    let dir = target.parent().unwrap_or(Path::new("/"));
    let lock = std::fs::File::open(dir).map_err(|e| io(dir, e))?;
    lock.lock().map_err(|e| io(dir, e))?;
    let mut debrief = load_debrief(path)?;
    let result = match change(&mut debrief) {
        Ok(r) => r,
        Err(why) => return Ok(Err(why)),
    };
    save(path, &debrief)?;
    then(&debrief)?;
    drop(lock);
    Ok(Ok((debrief, result)))
}

/// Reads a RON record of any kind (`what` names it in errors), refusing files over the size limit.
pub fn load<T: DeserializeOwned>(path: &Path, what: &'static str) -> Result<T, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), error: source };
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
    write_atomic(path, text.as_bytes())
}

/// Writes a text file only its owner may read (a key), atomically, never replacing one that
/// exists; `Ok(false)` when one does (made meanwhile by another process).
pub fn write_private_new(path: &Path, text: &str) -> Result<bool, StoreError> {
    use std::os::unix::fs::PermissionsExt as _;
    let io = |source| StoreError::Io { path: path.to_owned(), error: source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".hotwash-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io(e.error)),
    }
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

/// At most `max` bytes of `text`, cut at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The longest file name stem a finished drill gets, in bytes: with `-NNNN` and
/// `.debrief.ron` or `.review.html` it stays under the 255 bytes most file systems allow.
pub const MAX_STEM_BYTES: usize = 200;

/// The stem of a finished drill's files, `<YYYYMMDD-HHMMSS>_<id>.<lang>_<trainee>`, the id and
/// the trainee shortened when together they would pass [`MAX_STEM_BYTES`].
pub fn drill_stem(debrief: &Debrief) -> String {
    let stamp = file_stamp(debrief.started_at);
    let lang = slug(&debrief.scenario.language);
    let id = slug(&debrief.scenario.id);
    let trainee = slug(&debrief.trainee);
    let room = MAX_STEM_BYTES.saturating_sub(stamp.len() + lang.len() + 3);
    let id = clip(&id, room.saturating_sub(trainee.len().min(room / 2)).max(room / 2));
    let trainee = clip(&trainee, room.saturating_sub(id.len()));
    format!("{stamp}_{id}.{lang}_{trainee}")
}

/// Checks before a drill that its files can be saved in `out`: the folder exists or can be
/// made, and a file can be written there.
pub fn check_writable(out: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: out.to_owned(), error: source };
    std::fs::create_dir_all(out).map_err(io)?;
    tempfile::Builder::new().prefix(".hotwash-").suffix(".tmp").tempfile_in(out).map_err(io)?;
    Ok(())
}

/// Removes temporary files (`.hotwash-*.tmp`) older than `age` from `dir`: what a process
/// killed while writing leaves behind. Younger ones may still be in use and are kept.
pub fn remove_stale_temporaries(dir: &Path, age: std::time::Duration) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let old = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|e| e > age);
        if name.starts_with(".hotwash-") && name.ends_with(".tmp") && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes the review files missing beside debriefs of `scenario` (same id, language and content)
/// in `out`: what a drill killed between saving its debrief and its reviews leaves. Returns the
/// files written.
pub fn complete_reviews(
    out: &Path,
    scenario: &crate::engine::model::Scenario,
    catalog: &[crate::engine::review::DrillSummary],
) -> Vec<PathBuf> {
    let hash = scenario.content_hash();
    let mut written = Vec::new();
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".debrief.ron")) else { continue };
        let (md, html) = (out.join(format!("{stem}.review.md")), out.join(format!("{stem}.review.html")));
        if md.exists() && html.exists() {
            continue;
        }
        let Ok(debrief) = load_debrief(&entry.path()) else { continue };
        let same = debrief.scenario.id == scenario.id
            && debrief.scenario.language == scenario.language
            && debrief.scenario.hash == hash;
        if !same {
            continue;
        }
        let review = Review::build(scenario, &debrief, catalog);
        for (file, text) in [(md, review.to_markdown()), (html, review.to_html())] {
            if !file.exists() && write_text(&file, &text).is_ok() {
                written.push(file);
            }
        }
    }
    written
}

/// Saves a finished drill in `out` as `<stem>.debrief.ron`, `.review.md` and `.review.html`
/// (see [`drill_stem`]); a stem already taken gets `-2`, `-3`…, so an earlier drill is never
/// overwritten, even by another process saving in the same second.
pub fn save_drill(out: &Path, debrief: &Debrief, review: &Review) -> Result<DrillFiles, StoreError> {
    let text = ron_text(out, debrief)?;
    let path = write_new(out, &drill_stem(debrief), ".debrief.ron", &text)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(".debrief.ron").unwrap_or(name);
    let files = DrillFiles {
        markdown: out.join(format!("{stem}.review.md")),
        html: out.join(format!("{stem}.review.html")),
        debrief: path.clone(),
    };
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
        // In Chinese when the engine speaks Chinese; the place stays where tools look for it.
        let zh = crate::engine::i18n::with_engine_lang(crate::engine::i18n::Lang::ZhCn, || {
            load_debrief(&path).unwrap_err().to_string()
        });
        assert!(zh.contains("x.debrief.ron:3:") && zh.contains(": error: 无法读取的演练记录："), "{zh}");
        assert_eq!(load_debrief(&path).unwrap_err().to_string(), err, "the language is restored after");
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
