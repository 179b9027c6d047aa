//! The queue of statements waiting for the LRS, kept in the data folder so that it survives
//! restarts and offline periods: `outbox/pending/<name>.json` until the LRS holds every statement,
//! then `outbox/sent/`; a drill whose statements the LRS refuses goes to `outbox/failed/` with
//! `<name>.why.txt` beside it. A pending drill that could not be sent keeps the last error in
//! `<name>.why.txt` and is tried again on the next drain. Files are only ever renamed, never
//! rewritten, so a crash in the middle of a drain loses nothing (the next drain sends the file
//! again, and the LRS stores each statement id once).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Lrs, LrsError};
use crate::engine::store::{self, StoreError};

/// Where a queued drill stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Waiting to be sent; the error of the last attempt, if one was made.
    Pending(Option<String>),
    /// Every statement is in the LRS.
    Sent,
    /// The LRS refused it; why.
    Failed(String),
}

/// One queued drill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedDrill {
    /// The name it was queued under (the debrief's file stem).
    pub name: String,
    /// Where it stands.
    pub state: State,
}

/// What one drain did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drained {
    /// Drills now sent.
    pub sent: usize,
    /// Drills the LRS refused (moved to `failed/`).
    pub failed: usize,
    /// Drills still pending after an error; the error.
    pub waiting: Option<String>,
}

/// The outbox of a data folder.
#[derive(Clone, Debug)]
pub struct Outbox {
    dir: PathBuf,
}

const PENDING: &str = "pending";
const SENT: &str = "sent";
const FAILED: &str = "failed";

impl Outbox {
    /// The outbox in data folder `data`.
    pub fn new(data: &Path) -> Self {
        Self { dir: data.join("outbox") }
    }

    /// Queues the statements of one drill under `name` (a file stem); a name already queued gets
    /// `-2`, `-3`… Written whole or not at all.
    pub fn queue(&self, name: &str, statements: &[Value]) -> Result<PathBuf, StoreError> {
        let text = Value::Array(statements.to_vec()).to_string();
        store::write_new(&self.dir.join(PENDING), name, ".json", &text)
    }

    /// Every queued drill: pending first, then failed, then sent, each by name.
    pub fn entries(&self) -> Vec<QueuedDrill> {
        let mut out = Vec::new();
        for (folder, state) in [(PENDING, 0), (FAILED, 1), (SENT, 2)] {
            let dir = self.dir.join(folder);
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_owned))
                .collect();
            names.sort();
            for name in names {
                let why =
                    std::fs::read_to_string(dir.join(format!("{name}.why.txt"))).ok().map(|w| w.trim().to_owned());
                let state = match state {
                    0 => State::Pending(why),
                    1 => State::Failed(why.unwrap_or_default()),
                    _ => State::Sent,
                };
                out.push(QueuedDrill { name, state });
            }
        }
        out
    }

    /// Sends every pending drill, oldest name first, until the LRS cannot be reached: sent ones
    /// move to `sent/`, refused ones to `failed/` with the reason.
    pub fn drain(&self, lrs: &Lrs) -> Drained {
        let mut drained = Drained::default();
        let pending: Vec<QueuedDrill> =
            self.entries().into_iter().filter(|e| matches!(e.state, State::Pending(_))).collect();
        for entry in pending {
            let file = self.dir.join(PENDING).join(format!("{}.json", entry.name));
            let why_file = self.dir.join(PENDING).join(format!("{}.why.txt", entry.name));
            let statements: Vec<Value> = match std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("not a list of statements: {e}")))
            {
                Ok(s) => s,
                Err(why) => {
                    self.settle(&entry.name, FAILED, Some(&format!("{}: {why}", file.display())));
                    drained.failed += 1;
                    continue;
                }
            };
            match lrs.send(&statements, |_, _| {}) {
                Ok(sent) if sent.refused.is_empty() => {
                    self.settle(&entry.name, SENT, None);
                    drained.sent += 1;
                }
                Ok(sent) => {
                    let why: Vec<String> = sent
                        .refused
                        .iter()
                        .map(|r| format!("statement {}: {} {}", r.id, r.status, r.message))
                        .collect();
                    self.settle(&entry.name, FAILED, Some(&why.join("\n")));
                    drained.failed += 1;
                }
                Err(err @ LrsError::Unreachable { .. }) => {
                    let _ = store::write_text(&why_file, &err.to_string());
                    drained.waiting = Some(err.to_string());
                    break;
                }
                Err(err) => {
                    // The LRS refuses the sender (credentials, address): every drill would fail
                    // alike, so they all stay pending until the settings are put right.
                    let _ = store::write_text(&why_file, &err.to_string());
                    drained.waiting = Some(err.to_string());
                    break;
                }
            }
        }
        drained
    }

    /// Moves every failed drill back to pending, to be sent again.
    pub fn retry_failed(&self) -> Result<usize, StoreError> {
        let mut moved = 0;
        for entry in self.entries().into_iter().filter(|e| matches!(e.state, State::Failed(_))) {
            self.move_entry(&entry.name, FAILED, PENDING)?;
            moved += 1;
        }
        Ok(moved)
    }

    /// Moves a pending drill to `to`, writing or removing the reason beside it.
    fn settle(&self, name: &str, to: &str, why: Option<&str>) {
        if let Ok(moved) = self.move_entry(name, PENDING, to)
            && let Some(why) = why
        {
            let _ = store::write_text(&self.dir.join(to).join(format!("{moved}.why.txt")), why);
        }
    }

    /// Moves a drill between folders, never over another of the same name there (it gets `-2`…);
    /// its new name.
    fn move_entry(&self, name: &str, from: &str, to: &str) -> Result<String, StoreError> {
        let (from, to) = (self.dir.join(from), self.dir.join(to));
        let moved = store::move_new(&from.join(format!("{name}.json")), &to, name, ".json")?;
        let _ = std::fs::remove_file(from.join(format!("{name}.why.txt")));
        let stem = moved.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".json")).unwrap_or(name);
        Ok(stem.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drill_moved_between_folders_never_replaces_one_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        outbox.queue("drill", &[serde_json::json!({"id": "1"})]).unwrap();
        // A refused drill of the same name from an earlier session.
        let failed = dir.path().join("outbox/failed");
        std::fs::create_dir_all(&failed).unwrap();
        std::fs::write(failed.join("drill.json"), "[{\"id\": \"2\"}]").unwrap();
        std::fs::write(failed.join("drill.why.txt"), "409").unwrap();
        assert_eq!(outbox.retry_failed().unwrap(), 1);
        let mut pending: Vec<String> = std::fs::read_dir(dir.path().join("outbox/pending"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        pending.sort();
        assert_eq!(pending, ["drill-2.json", "drill.json"]);
        let texts: Vec<String> = pending
            .iter()
            .map(|n| std::fs::read_to_string(dir.path().join("outbox/pending").join(n)).unwrap())
            .collect();
        assert!(texts.iter().any(|t| t.contains("\"1\"")) && texts.iter().any(|t| t.contains("\"2\"")));
        assert!(!failed.join("drill.why.txt").exists());
    }
}
