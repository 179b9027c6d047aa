//! The state of a drill in progress: plain serde data a host saves after every decision and
//! restores after a crash. Its fields are the runner's; a host reads through [`super::Runner`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::debrief::{Action, Decision, Grading, Logged, OptionOrder, Timing};
use crate::engine::model::{CheckId, ChoiceId, Condition, Facts, InjectId, NodeId, RedFlagId, Value, VarId};
use crate::engine::times::{DrillMs, WallMs};

/// Where the drill is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Waiting at a node for a choice or an answer.
    At(NodeId),
    /// Finished at an ending.
    Ended(NodeId),
}

/// Everything a drill in progress needs, as plain data to save and restore. Its fields are the
/// runner's; a host saves and restores the whole, and reads what it needs through [`Runner`](super::Runner).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrillState {
    /// The scenario's id.
    pub(crate) scenario_id: String,
    /// The scenario's content hash, to refuse restoring on another version.
    pub(crate) scenario_hash: String,
    /// The seed.
    pub(crate) seed: u64,
    /// Who plays.
    pub(crate) trainee: String,
    /// Wall-clock milliseconds at the start.
    pub(crate) started_at: u64,
    /// Milliseconds spent paused so far.
    pub(crate) paused_ms: u64,
    /// Wall-clock milliseconds the current pause began, if paused.
    pub(crate) paused_since: Option<u64>,
    /// Pauses taken, as wall-clock (start, end).
    pub(crate) pauses: Vec<(u64, u64)>,
    /// Values of the placeholders.
    pub(crate) fills: BTreeMap<String, String>,
    /// Current values of the variables.
    pub(crate) variables: BTreeMap<VarId, Value>,
    /// Where the drill is.
    pub(crate) stage: Stage,
    /// Drill time the current node was entered.
    pub(crate) entered_at: u64,
    /// Options currently on offer.
    pub(crate) offered: Vec<ChoiceId>,
    /// Injects of the current node that have arrived.
    pub(crate) fired: BTreeSet<InjectId>,
    /// Nodes visited.
    pub(crate) visited: BTreeSet<NodeId>,
    /// Choices made.
    pub(crate) chosen: BTreeSet<ChoiceId>,
    /// Red flags caught.
    pub(crate) caught: BTreeSet<RedFlagId>,
    /// Red flags shown, with the node where each first appeared.
    pub(crate) shown_flags: BTreeMap<RedFlagId, NodeId>,
    /// Random draws made so far (each draw uses its own stream of the seeded generator).
    pub(crate) draws: u64,
    /// Nodes passed through.
    pub(crate) steps: u32,
    /// Every event so far.
    pub(crate) log: Vec<Logged>,
    /// Every trainee action so far.
    pub(crate) actions: Vec<Action>,
    /// Every decision so far.
    pub(crate) decisions: Vec<Decision>,
    /// Drill time of the last event, used when the drill ends by a timeout.
    pub(crate) last_t: u64,
    /// The order options are shown in (a drill saved before seeded orders: as written).
    #[serde(default)]
    pub(crate) order: OptionOrder,
    /// When timed decisions' clocks start (a drill saved before reading allowances: at once).
    #[serde(default)]
    pub(crate) timing: Timing,
    /// Where in `log` what the current decision shows begins (after the last answer).
    #[serde(default)]
    pub(crate) read_from: usize,
    /// The current decision's reading allowance in milliseconds.
    #[serde(default)]
    pub(crate) reading_ms: u64,
    /// Checklist items written answers have covered.
    #[serde(default)]
    pub(crate) covered: BTreeSet<CheckId>,
    /// Whether a harmful choice has been made.
    #[serde(default)]
    pub(crate) harm_done: bool,
    /// Red flags the trainee has spotted by flagging what carries them.
    #[serde(default)]
    pub(crate) spotted: BTreeSet<RedFlagId>,
    /// How written answers are graded (a drill saved before clause grading: by substring).
    #[serde(default)]
    pub(crate) grading: Grading,
    /// Whether spotting is scored (a drill saved before flagging: no).
    #[serde(default)]
    pub(crate) spotting: bool,
}

impl DrillState {
    /// Who plays.
    pub fn trainee(&self) -> &str {
        &self.trainee
    }

    /// The seed of the drill.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The id of the scenario played.
    pub fn scenario_id(&self) -> &str {
        &self.scenario_id
    }

    /// How many decisions have been taken.
    pub fn decisions_taken(&self) -> usize {
        self.decisions.len()
    }

    /// How many actions (choices, answers, reveals) the trainee has taken.
    pub fn actions_taken(&self) -> usize {
        self.actions.len()
    }

    /// How many pauses have ended.
    pub fn pauses_taken(&self) -> usize {
        self.pauses.len()
    }

    /// Wall-clock time the drill started.
    pub fn started_at(&self) -> WallMs {
        WallMs(self.started_at)
    }

    pub(super) fn is_over(&self) -> bool {
        matches!(self.stage, Stage::Ended(_))
    }

    pub(super) fn drill_time(&self, now: WallMs) -> DrillMs {
        let paused_now = self.paused_since.map_or(0, |since| now.0.saturating_sub(since));
        DrillMs(now.0.saturating_sub(self.started_at).saturating_sub(self.paused_ms.saturating_add(paused_now)))
    }
}

impl DrillState {
    /// Does `cond` hold now?
    pub(crate) fn holds(&self, cond: &Condition) -> bool {
        cond.holds(&Facts {
            variables: &self.variables,
            caught: &self.caught,
            visited: &self.visited,
            chosen: &self.chosen,
            covered: &self.covered,
            spotted: &self.spotted,
            harm_done: self.harm_done,
        })
    }
}
