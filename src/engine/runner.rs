//! The drill runner: a deterministic state machine over a [`Scenario`], and the host API every
//! front end draws from.
//!
//! A [`Runner`] owns its scenario (shared behind an `Arc`) and keeps its state private. `start`
//! enters the first node; a host reads what happened with `events_since` (raw records) or
//! `shown_since` (presentable entries), asks what the trainee must do (`waiting`), what the desk
//! shows (`desk`), how long is left (`countdown`) and when to wake up next (`due_in`); it answers
//! a decision with `choose`, a written answer with `submit`, and calls `tick` to let time pass
//! (timeouts and delayed injects). Every call takes the host's wall-clock time ([`WallMs`]); the
//! runner never reads the clock. Time spent paused does not count: times in events and decisions
//! are drill time ([`DrillMs`]). The state ([`DrillState`]) is plain serde data, so a drill can be
//! saved after every decision and restored after a crash.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::debrief::{Action, Answer, Debrief, Decision, DecisionKind, Event, Logged, OptionView, ScenarioStamp};
use super::model::*;
use super::shown::{self, Countdown, DeskItem, Shown, Speaker, Waiting};
use super::text::{draw_fills, fill};
pub use super::times::{DrillMs, WallMs};

/// How many nodes a drill may pass through before the runner calls it an endless loop.
pub const MAX_STEPS: u32 = 10_000;

/// Where the drill is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Waiting at a node for a choice or an answer.
    At(NodeId),
    /// Finished at an ending.
    Ended(NodeId),
}

/// Everything a drill in progress needs, as plain data to save and restore. Its fields are the
/// runner's; a host saves and restores the whole, and reads what it needs through [`Runner`].
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
}

impl DrillState {
    /// Who plays.
    pub fn trainee(&self) -> &str {
        &self.trainee
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

    fn is_over(&self) -> bool {
        matches!(self.stage, Stage::Ended(_))
    }

    fn drill_time(&self, now: WallMs) -> DrillMs {
        let paused_now = self.paused_since.map_or(0, |since| now.0.saturating_sub(since));
        DrillMs(now.0.saturating_sub(self.started_at).saturating_sub(self.paused_ms.saturating_add(paused_now)))
    }

    /// Does `cond` hold now?
    pub(crate) fn holds(&self, cond: &Condition) -> bool {
        match cond {
            Condition::Is(var, value) => self.variables.get(var) == Some(value),
            Condition::AtLeast(var, n) => matches!(self.variables.get(var), Some(Value::Int(v)) if v >= n),
            Condition::AtMost(var, n) => matches!(self.variables.get(var), Some(Value::Int(v)) if v <= n),
            Condition::Caught(flag) => self.caught.contains(flag),
            Condition::Visited(node) => self.visited.contains(node),
            Condition::Chose(choice) => self.chosen.contains(choice),
            Condition::Not(inner) => !self.holds(inner),
            Condition::All(list) => list.iter().all(|c| self.holds(c)),
            Condition::Any(list) => list.iter().any(|c| self.holds(c)),
        }
    }
}

/// Why the runner refused a call.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RunError {
    /// The drill has ended.
    #[error("the drill has ended")]
    Ended,
    /// The current node does not ask for this.
    #[error("node `{0}` is not waiting for {1}")]
    NotWaiting(NodeId, &'static str),
    /// No such option on offer.
    #[error("`{0}` is not one of the options on offer at `{1}` ({2})")]
    NoSuchOption(String, NodeId, String),
    /// The answer was too late: the timeout was taken.
    #[error("time ran out at `{0}` before the answer")]
    TooLate(NodeId),
    /// The answer has the wrong shape.
    #[error("node `{0}` asks for {1}")]
    WrongAnswer(NodeId, &'static str),
    /// None of a node's choices is available.
    #[error("no choice is available at node `{0}`: every choice's `when` is false")]
    NoOptions(NodeId),
    /// The drill passed through too many nodes.
    #[error("the drill passed through {MAX_STEPS} nodes without ending; it loops at node `{0}`")]
    EndlessLoop(NodeId),
    /// A reference the validator would have caught.
    #[error("the scenario refers to `{0}`, which does not exist (run `hotwash check`)")]
    Missing(String),
    /// The saved state belongs to another scenario or version.
    #[error("the saved drill belongs to scenario `{0}` with content {1}, not to this file")]
    OtherScenario(String, String),
    /// The field is not a masked field on screen.
    #[error("no masked field `{0}` is on screen")]
    NoSuchField(String),
}

/// A drill being played: owns its scenario (shared) and its state.
#[derive(Clone, Debug)]
pub struct Runner {
    scenario: Arc<Scenario>,
    state: DrillState,
    /// For exploration only: the arm the next random branch takes instead of drawing one.
    forced_arm: Option<usize>,
}

/// Which option the trainee picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// By position among the options on offer, from 0.
    Index(usize),
    /// By choice id.
    Id(ChoiceId),
}

/// The content hash of a scenario: SHA-256 of its canonical RON form, so comments and layout do
/// not change it. Computed once per loaded scenario and kept (see [`Scenario::content_hash`]).
pub fn content_hash(scenario: &Scenario) -> String {
    scenario.content_hash().to_owned()
}

fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

fn node_in<'a>(scenario: &'a Scenario, id: &NodeId) -> Result<&'a Node, RunError> {
    scenario.nodes.get(id).ok_or_else(|| RunError::Missing(id.to_string()))
}

impl Runner {
    /// Starts a drill at wall-clock time `now` and enters the first node.
    pub fn start(scenario: Arc<Scenario>, seed: u64, trainee: &str, now: WallMs) -> Result<Self, RunError> {
        let fills = draw_fills(&scenario.random, &mut rng_for(seed, 0));
        let state = DrillState {
            scenario_id: scenario.id.clone(),
            scenario_hash: scenario.content_hash().to_owned(),
            seed,
            trainee: trainee.to_owned(),
            started_at: now.0,
            paused_ms: 0,
            paused_since: None,
            pauses: Vec::new(),
            fills,
            variables: scenario.variables.clone(),
            stage: Stage::At(scenario.start.clone()),
            entered_at: 0,
            offered: Vec::new(),
            fired: BTreeSet::new(),
            visited: BTreeSet::new(),
            chosen: BTreeSet::new(),
            caught: BTreeSet::new(),
            shown_flags: BTreeMap::new(),
            draws: 0,
            steps: 0,
            log: Vec::new(),
            actions: Vec::new(),
            decisions: Vec::new(),
            last_t: 0,
        };
        let first = scenario.start.clone();
        let mut runner = Self { scenario, state, forced_arm: None };
        runner.enter(first, 0)?;
        Ok(runner)
    }

    /// Restores a saved drill; refuses a state saved on another scenario or version.
    pub fn restore(scenario: Arc<Scenario>, state: DrillState) -> Result<Self, RunError> {
        if state.scenario_id != scenario.id || state.scenario_hash != scenario.content_hash() {
            return Err(RunError::OtherScenario(state.scenario_id, state.scenario_hash));
        }
        Ok(Self { scenario, state, forced_arm: None })
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The state, to save.
    pub fn state(&self) -> &DrillState {
        &self.state
    }

    /// Where the drill is.
    pub fn stage(&self) -> &Stage {
        &self.state.stage
    }

    /// Has the drill ended?
    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }

    /// Is the clock stopped?
    pub fn is_paused(&self) -> bool {
        self.state.paused_since.is_some()
    }

    /// Who plays.
    pub fn trainee(&self) -> &str {
        &self.state.trainee
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.state.seed
    }

    /// This drill's random details: the value of each placeholder.
    pub fn fills(&self) -> &BTreeMap<String, String> {
        &self.state.fills
    }

    /// Fills placeholders with this drill's random values.
    pub fn fill(&self, text: &str) -> String {
        fill(text, &self.state.fills)
    }

    /// The scenario's title, filled.
    pub fn title(&self) -> String {
        self.fill(&self.scenario.title)
    }

    /// Drill time at wall-clock `now`: milliseconds since the start, pauses excluded.
    pub fn drill_time(&self, now: WallMs) -> DrillMs {
        self.state.drill_time(now)
    }

    /// The wall-clock time at which drill time reaches `t`, if the clock runs on from now without
    /// a pause (for hosts that simulate time, such as scripted runs).
    pub fn wall_time_at(&self, t: DrillMs) -> WallMs {
        WallMs(self.state.started_at.saturating_add(t.0).saturating_add(self.state.paused_ms))
    }

    /// How many events have happened so far: a host keeps this as its cursor for `events_since`.
    pub fn event_count(&self) -> usize {
        self.state.log.len()
    }

    /// The events from position `cursor` on (all of them from 0).
    pub fn events_since(&self, cursor: usize) -> &[Logged] {
        self.state.log.get(cursor..).unwrap_or_default()
    }

    /// The events from position `cursor` on, as a host shows them.
    pub fn shown_since(&self, cursor: usize) -> Vec<Shown> {
        self.events_since(cursor).iter().map(|l| shown::describe(&self.scenario, &self.state.fills, l)).collect()
    }

    /// A cast member as the agent's screen shows them.
    pub fn speaker(&self, id: &CastId) -> Option<Speaker> {
        shown::speaker(&self.scenario, &self.state.fills, id)
    }

    /// Who is on the line now: the last speaker heard who is not the system.
    pub fn on_the_line(&self) -> Option<(Channel, Speaker)> {
        self.state.log.iter().rev().find_map(|l| match &l.event {
            Event::Line { speaker: Some(id), channel, .. } | Event::Inject { speaker: Some(id), channel, .. } => {
                self.speaker(id).filter(|s| s.role != Role::System).map(|s| (*channel, s))
            }
            _ => None,
        })
    }

    /// The decision being faced, counted from 1 (one more than the decisions taken).
    pub fn decision_number(&self) -> usize {
        self.state.decisions.len() + 1
    }

    /// The decisions taken so far.
    pub fn decisions(&self) -> &[Decision] {
        &self.state.decisions
    }

    /// The masked fields the trainee has revealed.
    pub fn revealed(&self) -> BTreeSet<String> {
        self.state
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::Reveal { field, .. } => Some(field.clone()),
                _ => None,
            })
            .collect()
    }

    /// The agent's desk at wall-clock `now`: artefacts shown so far, newest first, masked fields
    /// masked unless revealed, queues counted up to now.
    pub fn desk(&self, now: WallMs) -> Vec<DeskItem> {
        let artefacts: Vec<(DrillMs, &Artefact)> = self
            .state
            .log
            .iter()
            .filter_map(|l| match &l.event {
                Event::Artefact { artefact, .. } => Some((DrillMs(l.t), artefact)),
                _ => None,
            })
            .collect();
        shown::desk(artefacts.into_iter(), &self.revealed(), self.drill_time(now))
    }

    /// Milliseconds from wall-clock `now` until what a host shows changes on its own: something
    /// falls due (`due_in`), the countdown of a timed choice crosses a whole second, or a complaint
    /// queue's count goes up. `None` while paused, over, or when nothing changes without input.
    pub fn wake_in(&self, now: WallMs) -> Option<u64> {
        if self.is_paused() || self.is_over() {
            return None;
        }
        let mut wait = self.due_in(now);
        let mut sooner = |ms: u64| wait = Some(wait.map_or(ms, |w| w.min(ms)));
        let time = self.drill_time(now);
        if let Waiting::Choices { countdown: Some(c), .. } = self.waiting(now) {
            // A countdown shows whole seconds: the next change is when the time left crosses one.
            sooner(match c.left_ms % 1000 {
                0 => 1000,
                rest => rest,
            });
        }
        for l in &self.state.log {
            if let Event::Artefact { artefact: Artefact::Queue(q), .. } = &l.event
                && q.per_minute > 0
            {
                // The count goes up by one each time `per_minute * since` passes a multiple of 60 s.
                let (since, rate) = (time.since(DrillMs(l.t)), u64::from(q.per_minute));
                let next = (rate.saturating_mul(since) / 60_000 + 1).saturating_mul(60_000);
                sooner(next.div_ceil(rate).saturating_sub(since).max(1));
            }
        }
        wait
    }

    /// Drops the record kept for the debrief (events, actions, and decisions but the last): what
    /// makes a state large to copy. For the explorer, which copies a runner at every branch and
    /// never saves a debrief; a runner that forgot its history can no longer `reveal` a field
    /// shown before, and its `debrief` lists only the last decision.
    pub fn forget_history(&mut self) {
        self.state.log = Vec::new();
        self.state.actions = Vec::new();
        let keep = self.state.decisions.len().saturating_sub(1);
        self.state.decisions.drain(..keep);
    }

    /// Drill time the current decision was put (the current node entered).
    pub fn entered_at(&self) -> DrillMs {
        DrillMs(self.state.entered_at)
    }

    /// The deadline of the current decision, if it has one.
    pub fn deadline(&self) -> Option<DrillMs> {
        let Stage::At(id) = &self.state.stage else { return None };
        let timeout = self.scenario.nodes.get(id)?.timeout.as_ref()?;
        Some(DrillMs(self.state.entered_at.saturating_add(u64::from(timeout.seconds) * 1000)))
    }

    /// The clock of the current decision at wall-clock `now`, if it is timed.
    pub fn countdown(&self, now: WallMs) -> Option<Countdown> {
        let deadline = self.deadline()?;
        let allowed_ms = deadline.since(DrillMs(self.state.entered_at));
        Some(Countdown { left_ms: deadline.since(self.drill_time(now)), allowed_ms })
    }

    /// The options on offer now, filled, in the order shown.
    pub fn options(&self) -> Vec<OptionView> {
        let Stage::At(node) = &self.state.stage else { return Vec::new() };
        let choices = self.scenario.nodes.get(node).map_or(&[][..], |n| n.choices.as_slice());
        self.state
            .offered
            .iter()
            .filter_map(|id| choices.iter().find(|c| c.id == *id))
            .map(|c| OptionView { id: c.id.clone(), text: self.fill(&c.text) })
            .collect()
    }

    /// What the trainee must do at wall-clock `now`.
    pub fn waiting(&self, now: WallMs) -> Waiting {
        let Stage::At(id) = &self.state.stage else { return Waiting::Nothing };
        let Some(node) = self.scenario.nodes.get(id) else { return Waiting::Nothing };
        match &node.input {
            Some(input) => Waiting::Input { node: id.clone(), kind: input.kind, prompt: self.fill(&input.prompt) },
            None => Waiting::Choices { node: id.clone(), options: self.options(), countdown: self.countdown(now) },
        }
    }

    /// Stops the clock (a facilitator's pause).
    pub fn pause(&mut self, now: WallMs) {
        if self.state.paused_since.is_none() && !self.is_over() {
            self.state.paused_since = Some(now.0);
        }
    }

    /// Starts the clock again.
    pub fn resume(&mut self, now: WallMs) {
        if let Some(since) = self.state.paused_since.take() {
            self.state.paused_ms = self.state.paused_ms.saturating_add(now.0.saturating_sub(since));
            self.state.pauses.push((since, now.0));
        }
    }

    /// The next drill time at which `tick` will change something: the earliest delayed inject not
    /// yet fired, or the deadline.
    pub fn next_due(&self) -> Option<DrillMs> {
        let Stage::At(id) = &self.state.stage else { return None };
        let node = self.scenario.nodes.get(id)?;
        let inject = node
            .injects
            .iter()
            .filter(|i| !self.state.fired.contains(&i.id))
            // An inject whose condition is false waits for a decision, not for the clock.
            .filter(|i| i.when.as_ref().is_none_or(|w| self.state.holds(w)))
            .filter_map(|i| i.after.map(|a| DrillMs(self.state.entered_at.saturating_add(u64::from(a) * 1000))))
            .min();
        [inject, self.deadline()].into_iter().flatten().min()
    }

    /// Milliseconds from wall-clock `now` until `tick` will change something, while the clock runs;
    /// `None` when paused, over, or nothing is due. A host sleeps until then.
    pub fn due_in(&self, now: WallMs) -> Option<u64> {
        if self.is_paused() || self.is_over() {
            return None;
        }
        Some(self.next_due()?.since(self.drill_time(now)))
    }

    /// Lets time pass to `now`: delayed injects arrive and a timeout is taken when due.
    pub fn tick(&mut self, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        self.advance_to(t)
    }

    fn advance_to(&mut self, t: u64) -> Result<(), RunError> {
        loop {
            let scenario = Arc::clone(&self.scenario);
            let Stage::At(id) = &self.state.stage else { return Ok(()) };
            let node = node_in(&scenario, id)?;
            let entered = self.state.entered_at;
            let due_inject = node
                .injects
                .iter()
                .filter(|i| !self.state.fired.contains(&i.id))
                .filter_map(|i| i.after.map(|a| (entered.saturating_add(u64::from(a) * 1000), i)))
                .filter(|(due, i)| *due <= t && i.when.as_ref().is_none_or(|w| self.state.holds(w)))
                .min_by_key(|(due, _)| *due);
            let due_timeout = self.deadline().map(|d| d.0).filter(|d| *d <= t);
            match (due_inject, due_timeout) {
                (Some((due, inject)), timeout) if timeout.is_none_or(|d| due <= d) => {
                    let node_id = id.clone();
                    self.fire(&node_id, inject, due)?;
                }
                (_, Some(deadline)) => {
                    let timeout = node.timeout.as_ref().ok_or(RunError::Missing("timeout".into()))?;
                    let node_id = id.clone();
                    self.decide(&node_id, &timeout.then, DecisionKind::Timeout, deadline)?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Answers the current decision at wall-clock `now`.
    pub fn choose(&mut self, pick: &Pick, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        if self.state.stage != Stage::At(id.clone()) || self.state.entered_at > t {
            return Err(RunError::TooLate(id));
        }
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, &id)?;
        if node.choices.is_empty() {
            return Err(RunError::NotWaiting(id, "a choice"));
        }
        let offered = &self.state.offered;
        let picked = match pick {
            Pick::Index(i) => offered.get(*i),
            Pick::Id(choice) => offered.iter().find(|c| *c == choice),
        };
        let Some(picked) = picked.cloned() else {
            let asked = match pick {
                Pick::Index(i) => format!("option {}", i + 1),
                Pick::Id(c) => c.to_string(),
            };
            let list: Vec<String> = offered.iter().enumerate().map(|(i, c)| format!("{} = {c}", i + 1)).collect();
            return Err(RunError::NoSuchOption(asked, id, list.join(", ")));
        };
        let choice =
            node.choices.iter().find(|c| c.id == picked).ok_or_else(|| RunError::Missing(picked.to_string()))?;
        self.state.actions.push(Action::Choose { t, choice: picked });
        self.decide(&id, choice, DecisionKind::Choice, t)
    }

    /// Gives the written answer the current node asks for, at wall-clock `now`.
    pub fn submit(&mut self, answer: Answer, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        if self.state.stage != Stage::At(id.clone()) {
            return Err(RunError::TooLate(id));
        }
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, &id)?;
        let input = node.input.as_ref().ok_or(RunError::NotWaiting(id.clone(), "a written answer"))?;
        match (&answer, input.kind) {
            (Answer::Report { .. }, InputKind::IncidentReport) | (Answer::Text(_), InputKind::FreeText) => {}
            (_, InputKind::IncidentReport) => return Err(RunError::WrongAnswer(id, "an incident report")),
            (_, InputKind::FreeText) => return Err(RunError::WrongAnswer(id, "a free-text answer")),
        }
        let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        let mut expert: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        let mut checklist = Vec::new();
        for item in &input.checklist {
            let text = match item.section {
                Some(section) => answer.section(section).to_lowercase(),
                None => answer.all_text().to_lowercase(),
            };
            let covered = item.any.iter().any(|k| !k.trim().is_empty() && text.contains(&k.to_lowercase()));
            let e = expert.entry(item.competency.clone()).or_default();
            *e = e.saturating_add(item.points);
            if covered {
                let s = scores.entry(item.competency.clone()).or_default();
                *s = s.saturating_add(item.points);
            }
            checklist.push((item.id.clone(), covered));
        }
        self.state.actions.push(Action::Submit { t, answer: answer.clone() });
        self.state.decisions.push(Decision {
            node: id.clone(),
            kind: DecisionKind::Input,
            choice: None,
            offered: Vec::new(),
            presented_at: self.state.entered_at,
            decided_at: t,
            scores,
            expert,
            caught: Vec::new(),
            answer: Some(answer),
            checklist,
        });
        self.log(t, Event::Answered { node: id });
        self.enter(input.next.clone(), t)
    }

    /// Records that the trainee deliberately revealed a masked CRM field shown in this drill.
    pub fn reveal(&mut self, field: &str, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        // Time passes first, as for every other action, so a replay (which ticks before each
        // action) records the same events in the same order.
        self.advance_to(t)?;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::TooLate(id)) };
        let shown = self.state.log.iter().any(|l| match &l.event {
            Event::Artefact { artefact: Artefact::Crm(record), .. } => {
                record.fields.iter().any(|f| f.sensitive && f.label == field)
            }
            _ => false,
        });
        if !shown {
            return Err(RunError::NoSuchField(field.to_owned()));
        }
        self.state.actions.push(Action::Reveal { t, field: field.to_owned() });
        self.log(t, Event::Revealed { node: id, field: field.to_owned() });
        Ok(())
    }

    fn log(&mut self, t: u64, event: Event) {
        self.state.last_t = self.state.last_t.max(t);
        self.state.log.push(Logged { t, event });
    }

    fn apply(&mut self, effects: &[Effect]) {
        for effect in effects {
            match effect {
                Effect::Set(var, value) => {
                    self.state.variables.insert(var.clone(), value.clone());
                }
                Effect::Add(var, n) => {
                    if let Some(Value::Int(v)) = self.state.variables.get_mut(var) {
                        *v = v.saturating_add(*n);
                    }
                }
            }
        }
    }

    fn fill_artefact(&self, artefact: &Artefact) -> Artefact {
        let f = |s: &str| self.fill(s);
        let message = |m: &Message| Message {
            from: f(&m.from),
            subject: m.subject.as_deref().map(f),
            body: f(&m.body),
            link: m.link.as_ref().map(|l| Link { text: f(&l.text), href: f(&l.href) }),
        };
        match artefact {
            Artefact::Crm(r) => Artefact::Crm(CrmRecord {
                title: f(&r.title),
                fields: r
                    .fields
                    .iter()
                    .map(|x| CrmField { label: f(&x.label), value: f(&x.value), sensitive: x.sensitive })
                    .collect(),
            }),
            Artefact::Email(m) => Artefact::Email(message(m)),
            Artefact::Sms(m) => Artefact::Sms(message(m)),
            Artefact::Queue(q) => Artefact::Queue(QueueCounter { label: f(&q.label), ..q.clone() }),
            Artefact::Note(n) => Artefact::Note(NoteCard { title: f(&n.title), body: f(&n.body) }),
        }
    }

    fn show_flags(&mut self, node: &NodeId, flags: &[RedFlagId]) {
        for flag in flags {
            self.state.shown_flags.entry(flag.clone()).or_insert_with(|| node.clone());
        }
    }

    /// An inject arrives, then whatever its effects set off.
    fn fire(&mut self, node: &NodeId, inject: &Inject, t: u64) -> Result<(), RunError> {
        self.arrive(node, inject, t);
        self.after_change(node, t)
    }

    /// An inject arrives: its line, artefacts, red flags and effects.
    fn arrive(&mut self, node: &NodeId, inject: &Inject, t: u64) {
        self.state.fired.insert(inject.id.clone());
        self.log(
            t,
            Event::Inject {
                node: node.clone(),
                inject: inject.id.clone(),
                speaker: inject.speaker.clone(),
                channel: inject.channel,
                text: self.fill(&inject.text),
            },
        );
        for artefact in &inject.artefacts {
            let artefact = self.fill_artefact(artefact);
            self.log(t, Event::Artefact { node: node.clone(), artefact });
        }
        self.show_flags(node, &inject.red_flags);
        self.apply(&inject.effects);
    }

    /// After variables changed: condition injects that now hold arrive, and the options on offer
    /// are recomputed.
    fn after_change(&mut self, id: &NodeId, t: u64) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, id)?;
        // Condition injects arrive one after the other (a loop, not a recursion, so thousands of
        // them cannot exhaust the stack); each may make the next one hold.
        while let Some(inject) = node.injects.iter().find(|i| {
            i.after.is_none()
                && !self.state.fired.contains(&i.id)
                && i.when.as_ref().is_some_and(|w| self.state.holds(w))
        }) {
            self.arrive(id, inject, t);
        }
        if !node.choices.is_empty() {
            let offered: Vec<ChoiceId> = node
                .choices
                .iter()
                .filter(|c| c.when.as_ref().is_none_or(|w| self.state.holds(w)))
                .map(|c| c.id.clone())
                .collect();
            if offered.is_empty() {
                return Err(RunError::NoOptions(id.clone()));
            }
            if offered != self.state.offered {
                self.state.offered = offered;
                let options = self.options();
                let deadline = self.deadline().map(|d| d.0);
                self.log(t, Event::Choices { node: id.clone(), options, deadline });
            }
        }
        Ok(())
    }

    fn decide(&mut self, id: &NodeId, choice: &Choice, kind: DecisionKind, t: u64) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, id)?;
        let expert = node.expert_choice().map(|c| c.scores.clone()).unwrap_or_default();
        self.state.decisions.push(Decision {
            node: id.clone(),
            kind,
            choice: Some(choice.id.clone()),
            offered: std::mem::take(&mut self.state.offered),
            presented_at: self.state.entered_at,
            decided_at: t,
            scores: choice.scores.clone(),
            expert,
            caught: choice.catches.clone(),
            answer: None,
            checklist: Vec::new(),
        });
        let event = match kind {
            DecisionKind::Timeout => Event::TimedOut { node: id.clone(), choice: choice.id.clone() },
            _ => Event::Chose { node: id.clone(), choice: choice.id.clone() },
        };
        self.log(t, event);
        self.state.chosen.insert(choice.id.clone());
        self.state.caught.extend(choice.catches.iter().cloned());
        self.apply(&choice.effects);
        let next = match &choice.next {
            Some(next) => next.clone(),
            None => self.draw_branch(&choice.branch)?,
        };
        self.enter(next, t)
    }

    /// Makes the next random branch take arm `arm` instead of drawing one. For exploring every
    /// arm of a drill; a drill played this way does not replay from its seed.
    pub fn force_next_branch(&mut self, arm: usize) {
        self.forced_arm = Some(arm);
    }

    fn draw_branch(&mut self, branch: &[Branch]) -> Result<NodeId, RunError> {
        if let Some(arm) = self.forced_arm.take() {
            return branch
                .get(arm)
                .map(|b| b.next.clone())
                .ok_or_else(|| RunError::Missing(format!("branch arm {arm}")));
        }
        let total: u64 = branch.iter().map(|b| u64::from(b.weight)).fold(0, u64::saturating_add);
        if total == 0 {
            return Err(RunError::Missing("a branch with a positive weight".into()));
        }
        self.state.draws += 1;
        let mut roll = rng_for(self.state.seed, self.state.draws).random_range(0..total);
        for arm in branch {
            let w = u64::from(arm.weight);
            if roll < w {
                return Ok(arm.next.clone());
            }
            roll -= w;
        }
        Err(RunError::Missing("a branch with a positive weight".into()))
    }

    /// Enters a node (following `next` beats) or an ending.
    fn enter(&mut self, mut id: NodeId, t: u64) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.scenario);
        loop {
            self.state.steps += 1;
            if self.state.steps > MAX_STEPS {
                return Err(RunError::EndlessLoop(id));
            }
            if let Some(ending) = scenario.endings.get(&id) {
                self.state.stage = Stage::Ended(id.clone());
                self.state.offered.clear();
                self.log(t, Event::Ended { ending: id, outcome: ending.outcome });
                return Ok(());
            }
            let node = node_in(&scenario, &id)?;
            self.state.stage = Stage::At(id.clone());
            self.state.entered_at = t;
            self.state.fired.clear();
            self.state.offered.clear();
            self.state.visited.insert(id.clone());
            self.log(
                t,
                Event::Line {
                    node: id.clone(),
                    speaker: node.speaker.clone(),
                    channel: node.channel,
                    text: self.fill(&node.text),
                },
            );
            for artefact in &node.artefacts {
                let artefact = self.fill_artefact(artefact);
                self.log(t, Event::Artefact { node: id.clone(), artefact });
            }
            self.show_flags(&id, &node.red_flags);
            if let Some(next) = &node.next {
                id = next.clone();
                continue;
            }
            if let Some(input) = &node.input {
                self.log(t, Event::Input { node: id.clone(), kind: input.kind, prompt: self.fill(&input.prompt) });
            }
            // Injects due at once (`after: 0`) arrive before the decision is put.
            self.advance_to(t)?;
            if self.state.stage != Stage::At(id.clone()) || self.state.entered_at != t {
                return Ok(());
            }
            return self.after_change(&id, t);
        }
    }

    /// The debrief of a finished drill; `None` while it is still running.
    pub fn debrief(&self, ended_at: WallMs) -> Option<Debrief> {
        let Stage::Ended(ending) = &self.state.stage else { return None };
        let s = &self.scenario;
        let st = &self.state;
        let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        for d in &st.decisions {
            for (c, v) in &d.scores {
                let total = scores.entry(c.clone()).or_default();
                *total = total.saturating_add(*v);
            }
        }
        Some(Debrief {
            format: FORMAT_VERSION,
            scenario: ScenarioStamp {
                id: s.id.clone(),
                version: s.version,
                title: self.fill(&s.title),
                language: s.language.clone(),
                hash: st.scenario_hash.clone(),
            },
            seed: st.seed,
            trainee: st.trainee.clone(),
            started_at: st.started_at,
            ended_at: ended_at.0,
            duration_ms: st.last_t,
            pauses: st.pauses.clone(),
            fills: st.fills.clone(),
            actions: st.actions.clone(),
            events: st.log.clone(),
            decisions: st.decisions.clone(),
            variables: st.variables.clone(),
            scores,
            shown_flags: st.shown_flags.clone(),
            caught: st.caught.clone(),
            ending: ending.clone(),
            outcome: s.endings.get(ending).map_or(Outcome::Harmed, |e| e.outcome),
            notes: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::load_str;
    use crate::engine::replay::{compare, replay};
    use crate::engine::shown::{Countdown, DeskItem};

    const DRILL: &str = r#"Scenario(
    format: 1, id: "t", title: "T {who}", category: FraudCall, language: "en",
    difficulty: Introductory, minutes: 3,
    briefing: (role: "Agent", situation: "A call."),
    objectives: ["Verify"],
    variables: {"pressure": Int(0), "warned": Bool(false)},
    random: {"who": OneOf(["Li", "Wu"])},
    red_flags: {"urgency": (name: "Urgency", description: "Pressure")},
    cast: {"caller": (name: "{who}", role: Attacker, caller_id: "95555")},
    start: "ask",
    nodes: {
        "ask": (
            speaker: "caller", text: "Hurry, {who} here", red_flags: ["urgency"],
            timeout: (seconds: 10, then: (id: "froze", text: "Silence", scores: {"fraud_recognition": -1}, feedback: "Too slow", next: "bad")),
            injects: [
                (id: "push", after: 4, text: "Caller pushes", effects: [Add("pressure", 2)]),
                (id: "lead", when: AtLeast("pressure", 2), text: "Lead: careful", effects: [Set("warned", Bool(true))]),
            ],
            choices: [
                (id: "verify", text: "Verify", scores: {"fraud_recognition": 2}, catches: ["urgency"], feedback: "Good", next: "report"),
                (id: "comply", text: "Comply", scores: {"fraud_recognition": -2}, feedback: "Bad", branch: [(weight: 1, next: "bad"), (weight: 1, next: "lucky")]),
                (id: "ask_lead", text: "Ask the lead", when: Is("warned", Bool(true)), scores: {"escalation_reporting": 1}, feedback: "Fine", next: "report"),
            ],
        ),
        "lucky": (text: "He hangs up", next: "partial"),
        "report": (text: "Write it up", input: (kind: IncidentReport, prompt: "Report", checklist: [
            (id: "what", text: "Says what", section: Description, any: ["impersonat", "冒充"], competency: "escalation_reporting", points: 2),
            (id: "scope", text: "Says who", section: Scope, any: ["one customer"], competency: "escalation_reporting"),
        ], next: "good")),
    },
    endings: {
        "good": (outcome: Resolved, title: "Good", summary: "Fine"),
        "partial": (outcome: PartiallyResolved, title: "Partial", summary: "Hm"),
        "bad": (outcome: Harmed, title: "Lost to {who}", summary: "Lost"),
    },
)"#;

    fn scenario() -> Arc<Scenario> {
        let checked = load_str(DRILL);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        Arc::new(checked.scenario.unwrap())
    }

    /// The events since `cursor`, moving the cursor on, as a host takes them.
    fn take(run: &Runner, cursor: &mut usize) -> Vec<Logged> {
        let events = run.events_since(*cursor).to_vec();
        *cursor = run.event_count();
        events
    }

    fn kinds(events: &[Logged]) -> Vec<String> {
        events
            .iter()
            .map(|l| {
                let name = format!("{:?}", l.event);
                format!("{}@{}", name.split([' ', '{', '(']).next().unwrap_or_default(), l.t)
            })
            .collect()
    }

    const T0: u64 = 1_700_000_000_000;

    fn at(ms: u64) -> WallMs {
        WallMs(T0 + ms)
    }

    #[test]
    fn injects_arrive_on_time_and_unlock_a_choice() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        let mut cursor = 0;
        assert_eq!(kinds(&take(&run, &mut cursor)), ["Line@0", "Choices@0"]);
        assert_eq!(run.options().len(), 2);
        run.tick(at(3_999)).unwrap();
        assert!(take(&run, &mut cursor).is_empty());
        run.tick(at(5_000)).unwrap();
        // The delayed inject arrives at its scheduled time, then the condition inject, then the
        // options are offered again with the unlocked choice.
        assert_eq!(kinds(&take(&run, &mut cursor)), ["Inject@4000", "Inject@4000", "Choices@4000"]);
        assert_eq!(run.options().iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["verify", "comply", "ask_lead"]);
        run.choose(&Pick::Id("ask_lead".into()), at(6_000)).unwrap();
        assert_eq!(run.state().decisions[0].response_ms(), 6_000);
    }

    #[test]
    fn a_timeout_is_taken_at_the_deadline_and_scored() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        assert_eq!(run.choose(&Pick::Index(0), at(10_000)), Err(RunError::TooLate("ask".into())));
        assert!(run.is_over());
        let d = run.debrief(at(10_000)).unwrap();
        assert_eq!(d.ending.as_str(), "bad");
        assert_eq!(d.decisions[0].kind, DecisionKind::Timeout);
        assert_eq!(d.decisions[0].decided_at, 10_000);
        assert_eq!(d.scores[&CompetencyId::from("fraud_recognition")], -1);
    }

    #[test]
    fn pausing_stops_the_clock() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        run.pause(at(2_000));
        run.tick(at(60_000)).unwrap();
        assert!(!run.is_over());
        run.resume(at(60_000));
        assert_eq!(run.drill_time(at(61_000)), DrillMs(3_000));
        run.choose(&Pick::Id("verify".into()), at(61_000)).unwrap();
        assert_eq!(run.state().decisions[0].response_ms(), 3_000);
    }

    #[test]
    fn a_report_is_scored_against_its_checklist_by_section() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        run.choose(&Pick::Id("verify".into()), at(1_000)).unwrap();
        assert_eq!(
            run.submit(Answer::Text("x".into()), at(2_000)),
            Err(RunError::WrongAnswer("report".into(), "an incident report"))
        );
        let answer = Answer::Report {
            description: "Caller IMPERSONATED the bank".into(),
            scope: "no data".into(),
            measures: "one customer warned".into(),
        };
        run.submit(answer, at(9_000)).unwrap();
        let d = run.debrief(at(9_000)).unwrap();
        let report = &d.decisions[1];
        assert_eq!(report.checklist, vec![("what".into(), true), ("scope".into(), false)]);
        assert_eq!(report.scores[&CompetencyId::from("escalation_reporting")], 2);
        assert_eq!(report.expert[&CompetencyId::from("escalation_reporting")], 3);
        assert_eq!(d.outcome, Outcome::Resolved);
    }

    #[test]
    fn a_seed_replays_the_same_random_branch_and_details() {
        let s = scenario();
        let play = |seed| {
            let mut run = Runner::start(s.clone(), seed, "ann", at(0)).unwrap();
            run.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
            run.tick(at(1_000)).unwrap();
            run.debrief(at(1_000)).unwrap()
        };
        let endings: BTreeSet<String> = (0..20).map(|seed| play(seed).ending.to_string()).collect();
        assert_eq!(endings.len(), 2, "both arms are drawn over 20 seeds");
        for seed in 0..5 {
            let d = play(seed);
            assert_eq!(play(seed), d);
            assert_eq!(replay(&s, &d).unwrap(), d);
            assert!(compare(&d, &replay(&s, &d).unwrap()).is_empty());
        }
    }

    #[test]
    fn a_saved_drill_restores_and_finishes_like_an_uninterrupted_one() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 3, "ann", at(0)).unwrap();
        run.tick(at(5_000)).unwrap();
        let saved = ron::to_string(run.state()).unwrap();
        let state: DrillState = crate::engine::load::ron_options().from_str(&saved).unwrap();
        let mut restored = Runner::restore(s.clone(), state).unwrap();
        for r in [&mut run, &mut restored] {
            r.choose(&Pick::Id("verify".into()), at(6_000)).unwrap();
            r.submit(
                Answer::Report { description: "impersonation".into(), scope: String::new(), measures: String::new() },
                at(7_000),
            )
            .unwrap();
        }
        assert_eq!(run.debrief(at(7_000)), restored.debrief(at(7_000)));
        let mut other = Scenario::clone(&s);
        other.title = "Changed".into();
        assert!(matches!(Runner::restore(Arc::new(other), run.state().clone()), Err(RunError::OtherScenario(..))));
    }

    #[test]
    fn a_tampered_debrief_is_caught_by_its_replay() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 3, "ann", at(0)).unwrap();
        run.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
        let mut d = run.debrief(at(1_000)).unwrap();
        d.scores.insert("fraud_recognition".into(), 5);
        let differences = compare(&d, &replay(&s, &d).unwrap());
        assert_eq!(differences[0], "score `fraud_recognition`: recorded 5, replay gives -2");
    }

    #[test]
    fn a_host_is_shown_filled_names_options_and_ending_titles() {
        let s = scenario();
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        let who = run.fills()["who"].clone();
        let shown = run.shown_since(0);
        let Shown::Line { speaker: Some(speaker), text, inject: false, .. } = &shown[0] else { panic!("{shown:?}") };
        assert_eq!((speaker.name.as_str(), speaker.caller_id.as_deref()), (who.as_str(), Some("95555")));
        assert_eq!(text, &format!("Hurry, {who} here"));
        let Waiting::Choices { options, countdown: Some(countdown), .. } = run.waiting(at(4_000)) else { panic!() };
        assert_eq!(options.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["Verify", "Comply"]);
        assert_eq!(countdown, Countdown { left_ms: 6_000, allowed_ms: 10_000 });
        // The inject falls due at 4 s: that is the next wake-up, then the countdown's seconds.
        assert_eq!(run.due_in(at(1_500)), Some(2_500));
        assert_eq!(run.wake_in(at(1_500)), Some(500));
        assert_eq!(run.decision_number(), 1);
        let cursor = run.event_count();
        run.tick(at(10_000)).unwrap();
        let after = run.shown_since(cursor);
        assert!(
            matches!(&after[..], [.., Shown::You { timed_out: true, text, .. }, Shown::Ended { title, .. }]
            if text == "Silence" && *title == format!("Lost to {who}")),
            "{after:?}"
        );
        assert_eq!(run.waiting(at(10_000)), Waiting::Nothing);
        assert_eq!(run.wake_in(at(10_000)), None);
    }

    #[test]
    fn a_reveal_after_an_inject_fell_due_replays_exactly() {
        let src = DRILL.replace(
            r#""ask": (
            speaker: "caller","#,
            r#""ask": (
            speaker: "caller", artefacts: [Crm(title: "Card", fields: [(label: "PAN", value: "6222", sensitive: true)])],"#,
        );
        let checked = load_str(&src);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let s = Arc::new(checked.scenario.unwrap());
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        // The inject is due at 4 s; nothing ticked before the reveal at 5 s.
        run.reveal("PAN", at(5_000)).unwrap();
        run.choose(&Pick::Id("verify".into()), at(6_000)).unwrap();
        run.submit(Answer::Report { description: "x".into(), scope: "y".into(), measures: "z".into() }, at(7_000))
            .unwrap();
        let d = run.debrief(at(7_000)).unwrap();
        assert_eq!(compare(&d, &replay(&s, &d).unwrap()), Vec::<String>::new());
        assert!(run.revealed().contains("PAN"));
        let Some(DeskItem::Crm { fields, .. }) = run.desk(at(7_000)).into_iter().next() else { panic!() };
        assert_eq!((fields[0].value.as_str(), fields[0].masked), ("6222", false));
    }

    #[test]
    fn thousands_of_chained_condition_injects_do_not_exhaust_the_stack() {
        // Each inject's effect makes the next one hold. On a small stack, as a deep recursion
        // would need a large one.
        let injects: Vec<String> = (0..5_000)
            .map(|i| {
                format!(r#"(id: "i{i}", when: AtLeast("pressure", {i}), text: "x", effects: [Add("pressure", 1)])"#)
            })
            .collect();
        let src = DRILL.replace(
            r#"(id: "push", after: 4, text: "Caller pushes", effects: [Add("pressure", 2)]),"#,
            &format!("{},", injects.join(",\n")),
        );
        let s = Arc::new(crate::engine::load::ron_options().from_str::<Scenario>(&src).unwrap());
        let events = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || Runner::start(s, 1, "ann", at(0)).map(|run| run.event_count()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(events.unwrap() > 5_000);
    }

    #[test]
    fn a_loop_of_timeouts_stops_with_a_clear_error() {
        let src = DRILL.replace("next: \"bad\")),\n", "next: \"ask\")),\n");
        let s = Arc::new(load_str(&src).scenario.unwrap());
        let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
        let err = run.tick(at(1_000_000_000)).unwrap_err();
        assert_eq!(err, RunError::EndlessLoop("ask".into()));
        assert_eq!(err.to_string(), "the drill passed through 10000 nodes without ending; it loops at node `ask`");
    }
}
