//! Sending finished drills to the Learning Record Store named in Settings. Each finished drill's
//! statements are queued in the data folder's outbox (`crate::lrs::outbox`) the moment its
//! debrief is saved; a background thread sends what is pending when woken (a drill queued, Send
//! now, new settings) and once a minute otherwise, so drills played offline go out when the LRS
//! can be reached again, after a restart too. Settings shows the queue: pending, sent, failed with
//! the reason.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::engine::debrief::Debrief;
use crate::engine::folders::DataDir;
use crate::engine::model::Scenario;
use crate::engine::team::Pseudonyms;
use crate::engine::xapi;
use crate::lrs::outbox::{Outbox, QueuedDrill};
use crate::lrs::{Credentials, Lrs};

/// How often pending drills are tried when nothing wakes the sender.
const RETRY_EVERY: Duration = Duration::from_secs(60);

/// The LRS part of the settings; sending is off while the endpoint is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LrsSettings {
    /// The LRS's xAPI endpoint.
    pub endpoint: String,
    /// The organisation's base IRI (see `docs/xapi.md`).
    pub base: String,
    /// A file whose first line is `user:password`.
    pub auth_file: Option<PathBuf>,
    /// The organisation's pseudonym key file (none: `$HOTWASH_PSEUDONYM_KEY_FILE`, else the data
    /// folder's own key).
    pub key_file: Option<PathBuf>,
}

impl LrsSettings {
    /// Whether drills are to be sent.
    pub fn is_on(&self) -> bool {
        !self.endpoint.trim().is_empty()
    }

    /// The base IRI, or why it cannot be used.
    pub fn base(&self) -> Result<xapi::IriBase, String> {
        let base = xapi::IriBase::parse(self.base.trim()).map_err(|why| format!("{}: {why}", self.base.trim()))?;
        if base.is_default() {
            return Err(format!(
                "{}: the default base names a host nobody controls; use your organisation's",
                base.as_str()
            ));
        }
        Ok(base)
    }

    /// The LRS these settings name, credentials read; or why not.
    pub fn lrs(&self) -> Result<Lrs, String> {
        let auth = match &self.auth_file {
            Some(file) => Credentials::find(Some(file)).map_err(|e| e.to_string())?,
            None => Credentials::find(None).map_err(|e| e.to_string())?,
        };
        Lrs::new(self.endpoint.trim(), auth).map_err(|e| e.to_string())
    }

    /// Checks everything before the settings are saved: the first problem, worded.
    pub fn check(&self) -> Result<(), String> {
        if !self.is_on() {
            return Ok(());
        }
        self.base()?;
        self.key_of(None)?;
        self.lrs().map(drop)
    }

    /// The pseudonym key: the organisation's file named here, else the data folder's key (or
    /// the one `$HOTWASH_PSEUDONYM_KEY_FILE` names); `data` none only checks the file named here.
    fn key_of(&self, data: Option<&DataDir>) -> Result<Vec<u8>, String> {
        match (&self.key_file, data) {
            (Some(file), _) => crate::engine::folders::read_key(file).map_err(|e| e.to_string()),
            (None, Some(data)) => data.pseudonym_key().map(|(k, _)| k).map_err(|e| e.to_string()),
            (None, None) => Ok(Vec::new()),
        }
    }
}

/// What the sender last saw of the queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Every queued drill.
    pub entries: Vec<QueuedDrill>,
    /// Why the last attempt stopped (the LRS unreachable, credentials refused).
    pub waiting: Option<String>,
    /// A send is under way.
    pub busy: bool,
}

impl Status {
    /// Drills pending, sent and failed.
    pub fn counts(&self) -> (usize, usize, usize) {
        use crate::lrs::outbox::State;
        let count = |f: fn(&State) -> bool| self.entries.iter().filter(|e| f(&e.state)).count();
        (
            count(|s| matches!(s, State::Pending(_))),
            count(|s| *s == State::Sent),
            count(|s| matches!(s, State::Failed(_))),
        )
    }
}

/// What the thread and the app share.
#[derive(Default)]
struct Shared {
    /// The LRS and data folder to send from (none: sending is off).
    config: Mutex<Option<(LrsSettings, PathBuf)>>,
    status: Mutex<Status>,
    /// Set to wake the thread.
    woken: Mutex<bool>,
    wake: Condvar,
}

/// The background sender.
#[derive(Resource, Clone, Default)]
pub struct Sender {
    shared: Arc<Shared>,
    started: Arc<Mutex<bool>>,
}

impl Sender {
    /// Points the sender at these settings and data folder (sending off when the endpoint is
    /// empty) and wakes it.
    pub fn configure(&self, lrs: &LrsSettings, data: &Path) {
        let config = lrs.is_on().then(|| (lrs.clone(), data.to_owned()));
        *self.shared.config.lock().unwrap_or_else(PoisonError::into_inner) = config;
        let mut status = self.shared.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.entries = Outbox::new(data).entries();
        drop(status);
        self.wake();
    }

    /// Sends what is pending now (in the background).
    pub fn wake(&self) {
        if self.shared.config.lock().unwrap_or_else(PoisonError::into_inner).is_none() {
            return;
        }
        self.start();
        *self.shared.woken.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.shared.wake.notify_all();
    }

    /// The queue as last seen.
    pub fn status(&self) -> Status {
        self.shared.status.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Starts the thread on first use.
    fn start(&self) {
        let mut started = self.started.lock().unwrap_or_else(PoisonError::into_inner);
        if *started {
            return;
        }
        *started = true;
        let shared = Arc::clone(&self.shared);
        let spawned = std::thread::Builder::new().name("hotwash-lrs".into()).spawn(move || send_forever(&shared));
        if let Err(e) = spawned {
            warn!("the LRS sender could not start: {e}");
            *started = false;
        }
    }
}

fn send_forever(shared: &Shared) {
    loop {
        let config = shared.config.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if let Some((settings, data)) = config {
            let outbox = Outbox::new(&data);
            shared.status.lock().unwrap_or_else(PoisonError::into_inner).busy = true;
            let waiting = match settings.lrs() {
                Ok(mut lrs) => {
                    // Two attempts a drain: the next drain comes within a minute anyway.
                    lrs.retry.attempts = 2;
                    outbox.drain(&lrs).waiting
                }
                Err(why) => Some(why),
            };
            let mut status = shared.status.lock().unwrap_or_else(PoisonError::into_inner);
            *status = Status { entries: outbox.entries(), waiting, busy: false };
        }
        let woken = shared.woken.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut woken, _) =
            shared.wake.wait_timeout_while(woken, RETRY_EVERY, |w| !*w).unwrap_or_else(PoisonError::into_inner);
        *woken = false;
    }
}

/// Queues the statements of a drill whose debrief was saved as `debrief_file`, when sending is
/// on; the error is for the notice.
pub fn queue_drill(
    lrs: &LrsSettings,
    data: &DataDir,
    debrief_file: &Path,
    debrief: &Debrief,
    scenario: &Scenario,
) -> Result<(), String> {
    if !lrs.is_on() {
        return Ok(());
    }
    let base = lrs.base()?;
    let key = lrs.key_of(Some(data))?;
    let actor = Pseudonyms::new(&key).account(&debrief.trainee);
    let statements = xapi::statements(debrief, Some(scenario), &actor, &xapi::Options { base, include_answers: false });
    let name = debrief_file.file_name().and_then(|n| n.to_str()).unwrap_or("drill");
    let stem = name.strip_suffix(".debrief.ron").unwrap_or(name);
    Outbox::new(data.root()).queue(stem, &statements).map(drop).map_err(|e| e.to_string())
}

pub(super) fn plugin(app: &mut App) {
    // Settings configure the sender at start-up and whenever they are saved.
    app.init_resource::<Sender>();
}
