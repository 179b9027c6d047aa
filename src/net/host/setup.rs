//! What a session is kept as: how the facilitator set it up, the engine's record, the session
//! file saved after every accepted request, and the private folder it lives in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::{Hello, Mode, NetError, SessionCode};
use super::MAX_PARTICIPANTS;
use crate::engine::facilitated::FacilitatedRecord;
use crate::engine::i18n::msg;
use crate::engine::model::Scenario;
use crate::engine::role_play::RolePlayRecord;
use crate::engine::store;
use crate::engine::team_drill::TeamRecord;
use crate::engine::times::WallMs;

/// The session file's format.
pub(super) const SESSION_FORMAT: u32 = 1;
/// The file in the session folder that holds everything to take the session up again.
pub const SESSION_FILE: &str = "session.ron";
/// How the facilitator set the session up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// The kind of session.
    pub mode: Mode,
    /// The scenario file, as given (for people to read).
    pub scenario_file: String,
    /// The scenario's source, kept so the session goes on with this version even if the file
    /// is edited meanwhile.
    pub source: String,
    /// The seed every drill of the session plays.
    pub seed: u64,
    /// Facilitated: who may join (anyone with the code when `None`). Team: the members.
    pub roster: Option<Vec<String>>,
    /// Team: the member who breaks ties.
    pub lead: Option<String>,
    /// Role play: who answers.
    pub trainee: Option<String>,
    /// Role play: who plays the cast.
    pub role_player: Option<String>,
    /// When the session plays a set: its name and the drills after the first, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<SetOf>,
}

/// The rest of a set a session plays, after its first drill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetOf {
    /// The set's name, as the facilitator chose it.
    pub name: String,
    /// The drills after the first, in the order they are played.
    pub then: Vec<SetDrill>,
}

/// A drill of a set: the file and its source, kept as the first drill's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetDrill {
    /// The scenario file, as given.
    pub scenario_file: String,
    /// The scenario's source.
    pub source: String,
}

impl Setup {
    /// A setup from what a facilitator typed: names separated by commas (`,` or `，`) and trimmed,
    /// empty ones left out; refused when a name is not one a participant can join under, is
    /// given twice, or a mode misses the names it needs.
    #[expect(clippy::too_many_arguments, reason = "every field of a setup, as typed")]
    pub fn new(
        mode: Mode,
        scenario_file: String,
        source: String,
        seed: u64,
        names: &str,
        lead: &str,
        trainee: &str,
        role_player: &str,
    ) -> Result<Self, NetError> {
        let one = |n: &str| -> Result<Option<String>, NetError> {
            let n = n.trim();
            if n.is_empty() { Ok(None) } else { Ok(Some(Hello::new(n, String::new())?.name)) }
        };
        let mut roster = Vec::new();
        for name in names.split([',', '，']) {
            if let Some(name) = one(name)? {
                if roster.contains(&name) {
                    return Err(NetError::Session(msg!("net-name-twice", name = name.as_str())));
                }
                roster.push(name);
            }
        }
        let setup = Self {
            mode,
            scenario_file,
            source,
            seed,
            roster: (!roster.is_empty()).then_some(roster),
            lead: one(lead)?,
            trainee: one(trainee)?,
            role_player: one(role_player)?,
            set: None,
        };
        check_setup(&setup)?;
        Ok(setup)
    }

    /// The same setup playing a set: `then` follows the first drill, in order (a set of one
    /// drill is that drill alone).
    #[must_use]
    pub fn playing_set(mut self, name: String, then: Vec<SetDrill>) -> Self {
        self.set = (!then.is_empty()).then_some(SetOf { name, then });
        self
    }

    /// Every drill the session plays, in order: (file, source).
    pub fn drills(&self) -> Vec<(&str, &str)> {
        let rest = self.set.iter().flat_map(|s| &s.then);
        std::iter::once((self.scenario_file.as_str(), self.source.as_str()))
            .chain(rest.map(|d| (d.scenario_file.as_str(), d.source.as_str())))
            .collect()
    }
}

/// A live session's engine record, of whichever kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LiveRecord {
    /// A facilitated session.
    Facilitated(FacilitatedRecord),
    /// A team drill.
    Team(TeamRecord),
    /// A role play.
    RolePlay(RolePlayRecord),
}

/// The session file: saved after every accepted request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionFile {
    /// The file's format.
    pub format: u32,
    /// The session code (the folder is the facilitator's; the code lets people in).
    pub code: SessionCode,
    /// How the session was set up.
    pub setup: Setup,
    /// Each participant's seat secret, by name: only the same machine takes a name again.
    pub seats: BTreeMap<String, String>,
    /// The engine's record of the drill played; `None` until a team drill or role play has
    /// everyone it needs.
    pub record: Option<LiveRecord>,
    /// A set's drills played before this one, their records in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<LiveRecord>,
}

/// Where a new session is kept unless the facilitator says otherwise: the data folder's
/// `sessions/<stamp>-<scenario id>`.
pub fn session_folder(data_root: &Path, now: WallMs, scenario: &Scenario) -> PathBuf {
    data_root.join("sessions").join(format!("{}-{}", store::file_stamp(now.0), store::slug(&scenario.id)))
}

/// Creates the session folder readable by its owner only: it holds the session code and the
/// participants' seat secrets.
pub(super) fn private_folder(folder: &Path) -> Result<(), NetError> {
    std::fs::create_dir_all(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Refuses a setup that names nobody where a mode needs names.
pub(super) fn check_setup(setup: &Setup) -> Result<(), NetError> {
    let bad = |words: String| Err(NetError::Session(words));
    match setup.mode {
        Mode::Team if setup.roster.as_ref().is_none_or(Vec::is_empty) => bad(msg!("net-team-needs-members")),
        Mode::Team if setup.lead.as_ref().is_some_and(|l| !setup.roster.iter().flatten().any(|m| m == l)) => {
            bad(msg!("team-refused-bad-team"))
        }
        Mode::RolePlay
            if setup.trainee.is_none() || setup.role_player.is_none() || setup.trainee == setup.role_player =>
        {
            bad(msg!("net-role-play-needs-two"))
        }
        Mode::Team if setup.roster.as_ref().is_some_and(|r| r.len() > MAX_PARTICIPANTS) => {
            bad(msg!("net-too-many", max = MAX_PARTICIPANTS))
        }
        _ => Ok(()),
    }
}
