//! The data folder and file discovery in one place: where debriefs, the drill in progress and
//! its kept-aside copies, team reviews and the pseudonym key live; which files under a folder are
//! scenarios or debriefs (symbolic links followed, loops and second routes to a file skipped);
//! and reading a folder of debriefs for a team review. The command line and the desktop app both
//! use these, so the layout is written down once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::i18n::msg;

use super::debrief::Debrief;
use super::load::load_file;
use super::model::{Scenario, ScenarioId};
use super::store::{self, StoreError};

/// Why a folder could not be searched or a file in it used. Shown in the engine's language.
#[derive(Debug)]
pub enum FolderError {
    /// A path named by the user does not exist.
    Missing(PathBuf),
    /// A folder could not be read.
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The pseudonym key file holds something else.
    BadKey(PathBuf),
    /// The system gave no random numbers for a new key.
    NoRandom(String),
    /// Writing or renaming a file failed.
    Store(StoreError),
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::Missing(path) => msg!("folder-missing", path = path.display()),
            Self::Unreadable { path, source } => msg!("folder-unreadable", path = path.display(), error = source),
            Self::BadKey(path) => msg!("folder-bad-key", path = path.display()),
            Self::NoRandom(why) => msg!("folder-no-random", why = why),
            Self::Store(e) => return e.fmt(f),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for FolderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unreadable { source, .. } => Some(source),
            Self::Store(e) => e.source(),
            _ => None,
        }
    }
}

impl From<StoreError> for FolderError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// The environment variable that names an organisation-wide pseudonym key file.
pub const KEY_ENV: &str = "HOTWASH_PSEUDONYM_KEY_FILE";

/// Reads a pseudonym key file: hexadecimal digits, at least 16 bytes' worth.
pub fn read_key(path: &Path) -> Result<Vec<u8>, FolderError> {
    let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => FolderError::Missing(path.to_owned()),
        _ => FolderError::Store(StoreError::Io { path: path.to_owned(), error: source }),
    })?;
    let text = text.trim();
    let bytes: Option<Vec<u8>> =
        (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
    bytes.filter(|b| b.len() >= 16).ok_or_else(|| FolderError::BadKey(path.to_owned()))
}

/// The data folder: debriefs, the drill in progress, team reviews and the pseudonym key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DataDir(PathBuf);

impl DataDir {
    /// The folder `given`, else the platform's data folder (`…/hotwash`).
    pub fn given_or_default(given: Option<&Path>) -> Self {
        Self(given.map(Path::to_owned).unwrap_or_else(Self::platform_default))
    }

    /// The platform's data folder for Hotwash.
    pub fn platform_default() -> PathBuf {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("hotwash")
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.0
    }

    /// Where finished drills are saved: debrief, Markdown and HTML review.
    pub fn debriefs(&self) -> PathBuf {
        self.0.join("debriefs")
    }

    /// Where team reviews are exported.
    pub fn team_reviews(&self) -> PathBuf {
        self.0.join("team-reviews")
    }

    /// The drill in progress, saved after every decision.
    pub fn in_progress(&self) -> PathBuf {
        self.0.join("in-progress.ron")
    }

    /// The file that keeps the pseudonym key.
    pub fn pseudonym_key_file(&self) -> PathBuf {
        self.0.join("pseudonym.key")
    }

    /// Moves the drill in progress aside to `in-progress.<why>-<stamp>.ron` (never deleting it);
    /// `None` when there was none.
    pub fn keep_in_progress_aside(&self, why: &str, now_ms: u64) -> Result<Option<PathBuf>, FolderError> {
        let file = self.in_progress();
        if !file.exists() {
            return Ok(None);
        }
        let kept = self.0.join(format!("in-progress.{why}-{}.ron", store::file_stamp(now_ms)));
        std::fs::rename(&file, &kept).map_err(|source| StoreError::Io { path: file, error: source })?;
        Ok(Some(kept))
    }

    /// The pseudonym key: the organisation's (the file `$HOTWASH_PSEUDONYM_KEY_FILE` names), else
    /// the one kept in the data folder, made on first use (32 random bytes, hex); the flag says
    /// whether it was made just now. The same key gives the same pseudonyms on every machine.
    pub fn pseudonym_key(&self) -> Result<(Vec<u8>, bool), FolderError> {
        if let Some(file) = std::env::var_os(KEY_ENV).filter(|f| !f.is_empty()) {
            return read_key(Path::new(&file)).map(|k| (k, false));
        }
        let path = self.pseudonym_key_file();
        if path.exists() {
            return read_key(&path).map(|k| (k, false));
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| FolderError::NoRandom(e.to_string()))?;
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        if store::write_private_new(&path, &format!("{hex}\n"))? {
            Ok((key.to_vec(), true))
        } else {
            // Another process made the key in the same instant: use theirs.
            let (key, _) = self.pseudonym_key()?;
            Ok((key, false))
        }
    }
}

/// Every file under `paths` (searching folders, following symbolic links) whose path `wanted`
/// accepts, sorted; a file named directly is taken whatever its name. A link that leads back
/// into a folder being searched is not followed again, and a file reached by two routes is
/// listed once. A path that does not exist is an error.
pub fn files_under(paths: &[PathBuf], wanted: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, FolderError> {
    let mut files = Vec::new();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for path in paths {
        if !path.is_dir() {
            if !path.exists() {
                return Err(FolderError::Missing(path.clone()));
            }
            files.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                // A loop of links: everything below it has been listed already.
                Err(e) if e.loop_ancestor().is_some() => continue,
                Err(e) => {
                    let at = e.path().map_or_else(|| path.clone(), Path::to_owned);
                    let source =
                        e.into_io_error().unwrap_or_else(|| std::io::Error::other(msg!("folder-unreadable-entry")));
                    return Err(FolderError::Unreadable { path: at, source });
                }
            };
            if entry.file_type().is_dir() || !wanted(entry.path()) {
                continue;
            }
            let real = std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().to_owned());
            if seen.insert(real) {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Is `path` a debrief file (`*.debrief.ron`)?
pub fn is_debrief(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".debrief.ron"))
}

/// Every scenario file (`*.ron`, not `*.debrief.ron`) under `paths`, sorted.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FolderError> {
    files_under(paths, |p| {
        p.extension().is_some_and(|e| e == "ron")
            && !is_debrief(p)
            && p.file_name().is_none_or(|n| n != crate::engine::path::FILE_NAME)
    })
}

/// Every debrief file under `paths`, sorted (files named directly are taken whatever their name).
pub fn debrief_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FolderError> {
    files_under(paths, is_debrief)
}

/// Every playable scenario under `dir`, by id and language (files with errors left out).
pub fn scenarios_by_id(dir: &Path) -> BTreeMap<(ScenarioId, String), Scenario> {
    let mut library = BTreeMap::new();
    if dir.is_dir() {
        for file in scenario_files(&[dir.to_owned()]).unwrap_or_default() {
            if let Some(s) = load_file(&file).1.scenario {
                library.insert((s.id.clone(), s.language.clone()), s);
            }
        }
    }
    library
}

/// Debriefs read from a set of files for a team review.
#[derive(Debug, Default)]
pub struct ReadDebriefs {
    /// Each readable debrief with the file it came from.
    pub debriefs: Vec<(String, Debrief)>,
    /// Why each unreadable file was skipped (`path:line:col: error: …`).
    pub skipped: Vec<String>,
}

/// Reads `files` as debriefs, calling `progress` after each; unreadable ones are skipped and said.
pub fn read_debriefs(files: &[PathBuf], mut progress: impl FnMut(&ReadDebriefs)) -> ReadDebriefs {
    let mut read = ReadDebriefs::default();
    for file in files {
        match store::load_debrief(file) {
            Ok(d) => read.debriefs.push((file.display().to_string(), d)),
            Err(err) => read.skipped.push(err.to_string()),
        }
        progress(&read);
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_loop_in_a_folder_lists_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("drill.en.ron"), "x").unwrap();
        std::fs::write(dir.path().join("a.debrief.ron"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/other.en.ron"), "x").unwrap();
        std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
        let found = scenario_files(&[dir.path().to_owned()]).unwrap();
        let names: Vec<String> =
            found.iter().map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string()).collect();
        assert_eq!(names, ["drill.en.ron", "sub/other.en.ron"]);
        assert_eq!(debrief_files(&[dir.path().to_owned()]).unwrap().len(), 1);
    }

    #[test]
    fn a_missing_path_is_an_error_that_names_it() {
        let err = scenario_files(&[PathBuf::from("/no/such/folder")]).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/folder: no such file or folder");
    }

    #[test]
    fn the_layout_of_the_data_folder() {
        let data = DataDir::given_or_default(Some(Path::new("/d")));
        assert_eq!(data.debriefs(), Path::new("/d/debriefs"));
        assert_eq!(data.in_progress(), Path::new("/d/in-progress.ron"));
        assert_eq!(data.team_reviews(), Path::new("/d/team-reviews"));
        assert_eq!(data.pseudonym_key_file(), Path::new("/d/pseudonym.key"));
    }

    #[test]
    fn a_pseudonym_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::given_or_default(Some(dir.path()));
        let (key, made) = data.pseudonym_key().unwrap();
        assert!(made);
        assert_eq!(key.len(), 32);
        assert_eq!(data.pseudonym_key().unwrap(), (key, false));
        std::fs::write(data.pseudonym_key_file(), "zz").unwrap();
        assert!(matches!(data.pseudonym_key(), Err(FolderError::BadKey(_))));
    }
}
