//! The drill runner: a deterministic state machine over a [`Scenario`].
//!
//! `Runner::start` enters the first node; the host drains [`Event`]s with `take_events`, answers
//! a decision with `choose` or a written answer with `submit`, and calls `tick` to let time pass
//! (timeouts and delayed injects). Every call takes the current time in milliseconds; the runner
//! never reads the clock. Time spent paused does not count: all times in events and decisions are
//! drill time, milliseconds since the start minus pauses. The state (`DrillState`) is plain serde
//! data, so a drill can be saved after every decision and restored after a crash.

use std::collections::{BTreeMap, BTreeSet};

use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::model::*;
use super::text::{draw_fills, fill};

/// How many nodes a drill may pass through before the runner calls it an endless loop.
pub const MAX_STEPS: u32 = 10_000;

/// Something the front end shows or records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A line of the drill.
    Line {
        /// The node it belongs to.
        node: NodeId,
        /// Who speaks.
        speaker: Option<CastId>,
        /// Over which channel.
        channel: Channel,
        /// The filled text.
        text: String,
    },
    /// An artefact appears on the agent's screen.
    Artefact {
        /// The node it belongs to.
        node: NodeId,
        /// The artefact, placeholders filled.
        artefact: Artefact,
    },
    /// An interruption arrives.
    Inject {
        /// The node it arrived in.
        node: NodeId,
        /// Its id.
        inject: InjectId,
        /// Who speaks.
        speaker: Option<CastId>,
        /// Over which channel.
        channel: Channel,
        /// The filled text.
        text: String,
    },
    /// The trainee must decide.
    Choices {
        /// The decision point.
        node: NodeId,
        /// The options on offer, in order.
        options: Vec<OptionView>,
        /// Drill time by which the trainee must answer.
        deadline: Option<u64>,
    },
    /// The trainee must write an answer.
    Input {
        /// The node asking.
        node: NodeId,
        /// Incident report or free text.
        kind: InputKind,
        /// The filled prompt.
        prompt: String,
    },
    /// The trainee chose.
    Chose {
        /// The decision point.
        node: NodeId,
        /// The choice.
        choice: ChoiceId,
    },
    /// Time ran out on a decision.
    TimedOut {
        /// The decision point.
        node: NodeId,
        /// The timeout's choice.
        choice: ChoiceId,
    },
    /// The trainee wrote an answer.
    Answered {
        /// The node that asked.
        node: NodeId,
    },
    /// The trainee deliberately revealed a masked CRM field.
    Revealed {
        /// The node whose record it is.
        node: NodeId,
        /// The field's label.
        field: String,
    },
    /// The drill ended.
    Ended {
        /// The ending.
        ending: NodeId,
        /// Its outcome.
        outcome: Outcome,
    },
}

/// One option as offered to the trainee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    /// The choice id.
    pub id: ChoiceId,
    /// The filled text.
    pub text: String,
}

/// An event with the drill time it happened at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    /// Drill time in milliseconds.
    pub t: u64,
    /// What happened.
    pub event: Event,
}

/// Something the trainee did: the replayable record of a drill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Chose an option.
    Choose {
        /// Drill time.
        t: u64,
        /// The choice.
        choice: ChoiceId,
    },
    /// Wrote an answer.
    Submit {
        /// Drill time.
        t: u64,
        /// The answer.
        answer: Answer,
    },
    /// Revealed a masked CRM field.
    Reveal {
        /// Drill time.
        t: u64,
        /// The field's label.
        field: String,
    },
}

/// A written answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// An incident report in three sections.
    Report {
        /// What happened.
        description: String,
        /// Who and what is affected.
        scope: String,
        /// What has been done.
        measures: String,
    },
    /// A free-text answer.
    Text(String),
}

impl Answer {
    /// The text of one section (for a free-text answer, the whole text).
    pub fn section(&self, section: ReportSection) -> &str {
        match (self, section) {
            (Self::Text(t), _) => t,
            (Self::Report { description, .. }, ReportSection::Description) => description,
            (Self::Report { scope, .. }, ReportSection::Scope) => scope,
            (Self::Report { measures, .. }, ReportSection::Measures) => measures,
        }
    }

    /// All of the answer's text.
    pub fn all_text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Report { description, scope, measures } => format!("{description}\n{scope}\n{measures}"),
        }
    }
}

/// How a decision was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DecisionKind {
    /// The trainee chose an option.
    Choice,
    /// Time ran out.
    Timeout,
    /// The trainee wrote an answer.
    Input,
}

/// One decision point as the trainee met it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The node.
    pub node: NodeId,
    /// Chosen, timed out, or written.
    pub kind: DecisionKind,
    /// The choice made (the timeout's choice on a timeout); none for a written answer.
    pub choice: Option<ChoiceId>,
    /// The options that were on offer.
    pub offered: Vec<ChoiceId>,
    /// Drill time the decision was put to the trainee.
    pub presented_at: u64,
    /// Drill time it was made.
    pub decided_at: u64,
    /// Points earned per competency.
    pub scores: BTreeMap<CompetencyId, i32>,
    /// Points the expert answer would have earned per competency (all checklist points for a
    /// written answer).
    pub expert: BTreeMap<CompetencyId, i32>,
    /// Red flags this decision caught.
    pub caught: Vec<RedFlagId>,
    /// The written answer.
    pub answer: Option<Answer>,
    /// For a written answer: each checklist item and whether it was covered.
    pub checklist: Vec<(CheckId, bool)>,
}

impl Decision {
    /// Milliseconds the trainee took.
    pub fn response_ms(&self) -> u64 {
        self.decided_at.saturating_sub(self.presented_at)
    }
}

/// Where the drill is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Waiting at a node for a choice or an answer.
    At(NodeId),
    /// Finished at an ending.
    Ended(NodeId),
}

impl Default for Stage {
    /// Nowhere yet: at a node with an empty id.
    fn default() -> Self {
        Self::At(NodeId(String::new()))
    }
}

/// Read-only questions about a drill, answerable from its state and scenario without a runner
/// (a host that shows the drill every frame asks them without copying the state).
impl DrillState {
    /// Has the drill ended?
    pub fn is_over(&self) -> bool {
        matches!(self.stage, Stage::Ended(_))
    }

    /// Is the clock stopped?
    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// Drill time at wall-clock `now`: milliseconds since the start, pauses excluded.
    pub fn drill_time(&self, now: u64) -> u64 {
        let paused_now = self.paused_since.map_or(0, |since| now.saturating_sub(since));
        now.saturating_sub(self.started_at).saturating_sub(self.paused_ms + paused_now)
    }

    /// The deadline (drill time) of the current decision, if it has one.
    pub fn deadline(&self, scenario: &Scenario) -> Option<u64> {
        let Stage::At(id) = &self.stage else { return None };
        let timeout = scenario.nodes.get(id)?.timeout.as_ref()?;
        Some(self.entered_at + u64::from(timeout.seconds) * 1000)
    }

    /// The options on offer now, filled.
    pub fn options(&self, scenario: &Scenario) -> Vec<OptionView> {
        let Stage::At(node) = &self.stage else { return Vec::new() };
        let choices = scenario.nodes.get(node).map_or(&[][..], |n| n.choices.as_slice());
        self.offered
            .iter()
            .filter_map(|id| choices.iter().find(|c| c.id == *id))
            .map(|c| OptionView { id: c.id.clone(), text: fill(&c.text, &self.fills) })
            .collect()
    }

    /// The next drill time at which time changes something: the earliest delayed inject not yet
    /// fired, or the deadline.
    pub fn next_due(&self, scenario: &Scenario) -> Option<u64> {
        let Stage::At(id) = &self.stage else { return None };
        let node = scenario.nodes.get(id)?;
        let inject = node
            .injects
            .iter()
            .filter(|i| !self.fired.contains(&i.id))
            // An inject whose condition is false waits for a decision, not for the clock.
            .filter(|i| i.when.as_ref().is_none_or(|w| self.holds(w)))
            .filter_map(|i| i.after.map(|a| self.entered_at + u64::from(a) * 1000))
            .min();
        [inject, self.deadline(scenario)].into_iter().flatten().min()
    }

    /// Does `cond` hold now?
    pub fn holds(&self, cond: &Condition) -> bool {
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

/// Everything a drill in progress needs, as plain data to save and restore.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DrillState {
    /// The scenario's id.
    pub scenario_id: String,
    /// The scenario's content hash, to refuse restoring on another version.
    pub scenario_hash: String,
    /// The seed.
    pub seed: u64,
    /// Who plays.
    pub trainee: String,
    /// Wall-clock milliseconds at the start.
    pub started_at: u64,
    /// Milliseconds spent paused so far.
    pub paused_ms: u64,
    /// Wall-clock milliseconds the current pause began, if paused.
    pub paused_since: Option<u64>,
    /// Pauses taken, as wall-clock (start, end).
    pub pauses: Vec<(u64, u64)>,
    /// Values of the placeholders.
    pub fills: BTreeMap<String, String>,
    /// Current values of the variables.
    pub variables: BTreeMap<VarId, Value>,
    /// Where the drill is.
    pub stage: Stage,
    /// Drill time the current node was entered.
    pub entered_at: u64,
    /// Options currently on offer.
    pub offered: Vec<ChoiceId>,
    /// Injects of the current node that have arrived.
    pub fired: BTreeSet<InjectId>,
    /// Nodes visited.
    pub visited: BTreeSet<NodeId>,
    /// Choices made.
    pub chosen: BTreeSet<ChoiceId>,
    /// Red flags caught.
    pub caught: BTreeSet<RedFlagId>,
    /// Red flags shown, with the node where each first appeared.
    pub shown_flags: BTreeMap<RedFlagId, NodeId>,
    /// Random draws made so far (each draw uses its own stream of the seeded generator).
    pub draws: u64,
    /// Nodes passed through.
    pub steps: u32,
    /// Every event so far.
    pub log: Vec<Logged>,
    /// Every trainee action so far.
    pub actions: Vec<Action>,
    /// Every decision so far.
    pub decisions: Vec<Decision>,
    /// Drill time of the last event, used when the drill ends by a timeout.
    pub last_t: u64,
    /// How many events of `log` the host has already taken.
    pub taken: usize,
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

/// A drill being played.
#[derive(Clone, Debug)]
pub struct Runner<'s> {
    scenario: &'s Scenario,
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
/// not change it.
pub fn content_hash(scenario: &Scenario) -> String {
    use sha2::{Digest as _, Sha256};
    let canonical = ron::to_string(scenario).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

impl<'s> Runner<'s> {
    /// Starts a drill at wall-clock time `now` (milliseconds) and enters the first node.
    pub fn start(scenario: &'s Scenario, seed: u64, trainee: &str, now: u64) -> Result<Self, RunError> {
        let fills = draw_fills(&scenario.random, &mut rng_for(seed, 0));
        let state = DrillState {
            scenario_id: scenario.id.clone(),
            scenario_hash: content_hash(scenario),
            seed,
            trainee: trainee.to_owned(),
            started_at: now,
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
            taken: 0,
        };
        let mut runner = Self { scenario, state, forced_arm: None };
        runner.enter(scenario.start.clone(), 0)?;
        Ok(runner)
    }

    /// Restores a saved drill; refuses a state saved on another scenario or version.
    pub fn restore(scenario: &'s Scenario, state: DrillState) -> Result<Self, RunError> {
        if state.scenario_id != scenario.id || state.scenario_hash != content_hash(scenario) {
            return Err(RunError::OtherScenario(state.scenario_id, state.scenario_hash));
        }
        Ok(Self { scenario, state, forced_arm: None })
    }

    /// Runs `f` on a runner over `state`, a state this host took with `state()` from a runner of
    /// this same scenario (so the content check of `restore` is skipped), and keeps the state `f`
    /// leaves. For hosts that hold the scenario and the state apart, like the desktop app.
    pub fn with_state<R>(scenario: &'s Scenario, state: &mut DrillState, f: impl FnOnce(&mut Self) -> R) -> R {
        let mut runner = Self { scenario, state: std::mem::take(state), forced_arm: None };
        let result = f(&mut runner);
        *state = runner.state;
        result
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
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
        self.state.is_paused()
    }

    /// Fills placeholders with this drill's random values.
    pub fn fill(&self, text: &str) -> String {
        fill(text, &self.state.fills)
    }

    /// Drill time at wall-clock `now`: milliseconds since the start, pauses excluded.
    pub fn drill_time(&self, now: u64) -> u64 {
        self.state.drill_time(now)
    }

    /// Events not yet taken by the host.
    pub fn take_events(&mut self) -> Vec<Logged> {
        let new = self.state.log.get(self.state.taken..).unwrap_or_default().to_vec();
        self.state.taken = self.state.log.len();
        new
    }

    /// Drops the record kept for the debrief (events, actions, and decisions but the last): what
    /// makes a state large to copy. For the explorer, which copies a runner at every branch and
    /// never saves a debrief; a runner that forgot its history can no longer `reveal` a field
    /// shown before, and its `debrief` lists only the last decision.
    pub fn forget_history(&mut self) {
        self.state.log = Vec::new();
        self.state.taken = 0;
        self.state.actions = Vec::new();
        let keep = self.state.decisions.len().saturating_sub(1);
        self.state.decisions.drain(..keep);
    }

    /// The deadline (drill time) of the current decision, if it has one.
    pub fn deadline(&self) -> Option<u64> {
        self.state.deadline(self.scenario)
    }

    /// The options on offer now, filled.
    pub fn options(&self) -> Vec<OptionView> {
        self.state.options(self.scenario)
    }

    /// Stops the clock (a facilitator's pause).
    pub fn pause(&mut self, now: u64) {
        if self.state.paused_since.is_none() && !self.is_over() {
            self.state.paused_since = Some(now);
        }
    }

    /// Starts the clock again.
    pub fn resume(&mut self, now: u64) {
        if let Some(since) = self.state.paused_since.take() {
            self.state.paused_ms += now.saturating_sub(since);
            self.state.pauses.push((since, now));
        }
    }

    /// The next drill time at which `tick` will change something: the earliest delayed inject not
    /// yet fired, or the deadline. A host sleeps until then.
    pub fn next_due(&self) -> Option<u64> {
        self.state.next_due(self.scenario)
    }

    /// Lets time pass to `now`: delayed injects arrive and a timeout is taken when due.
    pub fn tick(&mut self, now: u64) -> Result<(), RunError> {
        let t = self.drill_time(now);
        self.advance_to(t)
    }

    fn advance_to(&mut self, t: u64) -> Result<(), RunError> {
        loop {
            let Stage::At(id) = &self.state.stage else { return Ok(()) };
            let node = self.node(id)?;
            let entered = self.state.entered_at;
            let due_inject = node
                .injects
                .iter()
                .filter(|i| !self.state.fired.contains(&i.id))
                .filter_map(|i| i.after.map(|a| (entered + u64::from(a) * 1000, i)))
                .filter(|(due, i)| *due <= t && i.when.as_ref().is_none_or(|w| self.holds(w)))
                .min_by_key(|(due, _)| *due);
            let due_timeout = self.deadline().filter(|d| *d <= t);
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
    pub fn choose(&mut self, pick: &Pick, now: u64) -> Result<(), RunError> {
        let t = self.drill_time(now);
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        if self.state.stage != Stage::At(id.clone()) || self.state.entered_at > t {
            return Err(RunError::TooLate(id));
        }
        let node = self.node(&id)?;
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
    pub fn submit(&mut self, answer: Answer, now: u64) -> Result<(), RunError> {
        let t = self.drill_time(now);
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        if self.state.stage != Stage::At(id.clone()) {
            return Err(RunError::TooLate(id));
        }
        let node = self.node(&id)?;
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
            *expert.entry(item.competency.clone()).or_default() += item.points;
            if covered {
                *scores.entry(item.competency.clone()).or_default() += item.points;
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
    pub fn reveal(&mut self, field: &str, now: u64) -> Result<(), RunError> {
        let t = self.drill_time(now);
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
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

    fn node(&self, id: &NodeId) -> Result<&'s Node, RunError> {
        self.scenario.nodes.get(id).ok_or_else(|| RunError::Missing(id.to_string()))
    }

    fn log(&mut self, t: u64, event: Event) {
        self.state.last_t = self.state.last_t.max(t);
        self.state.log.push(Logged { t, event });
    }

    fn holds(&self, cond: &Condition) -> bool {
        self.state.holds(cond)
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

    fn fire(&mut self, node: &NodeId, inject: &'s Inject, t: u64) -> Result<(), RunError> {
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
        self.after_change(node, t)
    }

    /// After variables changed: condition injects that now hold arrive, and the options on offer
    /// are recomputed.
    fn after_change(&mut self, id: &NodeId, t: u64) -> Result<(), RunError> {
        let node = self.node(id)?;
        let ready = node.injects.iter().find(|i| {
            i.after.is_none() && !self.state.fired.contains(&i.id) && i.when.as_ref().is_some_and(|w| self.holds(w))
        });
        if let Some(inject) = ready {
            return self.fire(id, inject, t);
        }
        if !node.choices.is_empty() {
            let offered: Vec<ChoiceId> = node
                .choices
                .iter()
                .filter(|c| c.when.as_ref().is_none_or(|w| self.holds(w)))
                .map(|c| c.id.clone())
                .collect();
            if offered.is_empty() {
                return Err(RunError::NoOptions(id.clone()));
            }
            if offered != self.state.offered {
                self.state.offered = offered;
                let options = self.options();
                let deadline = self.deadline();
                self.log(t, Event::Choices { node: id.clone(), options, deadline });
            }
        }
        Ok(())
    }

    fn decide(&mut self, id: &NodeId, choice: &'s Choice, kind: DecisionKind, t: u64) -> Result<(), RunError> {
        let node = self.node(id)?;
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
        let total: u64 = branch.iter().map(|b| u64::from(b.weight)).sum();
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
        loop {
            self.state.steps += 1;
            if self.state.steps > MAX_STEPS {
                return Err(RunError::EndlessLoop(id));
            }
            if let Some(ending) = self.scenario.endings.get(&id) {
                self.state.stage = Stage::Ended(id.clone());
                self.state.offered.clear();
                self.log(t, Event::Ended { ending: id, outcome: ending.outcome });
                return Ok(());
            }
            let node = self.node(&id)?;
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
    pub fn debrief(&self, ended_at: u64) -> Option<Debrief> {
        let Stage::Ended(ending) = &self.state.stage else { return None };
        let s = self.scenario;
        let st = &self.state;
        let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        for d in &st.decisions {
            for (c, v) in &d.scores {
                *scores.entry(c.clone()).or_default() += v;
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
            ended_at,
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

/// Which scenario a debrief was played on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioStamp {
    /// Scenario id.
    pub id: String,
    /// Scenario version.
    pub version: u32,
    /// Title as played.
    pub title: String,
    /// Language.
    pub language: String,
    /// Content hash.
    pub hash: String,
}

/// One played drill: everything needed to review it and to replay it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    /// Debrief format version.
    pub format: u32,
    /// The scenario played.
    pub scenario: ScenarioStamp,
    /// The seed.
    pub seed: u64,
    /// Who played.
    pub trainee: String,
    /// Wall-clock milliseconds at the start.
    pub started_at: u64,
    /// Wall-clock milliseconds at the end.
    pub ended_at: u64,
    /// Drill time at the end (pauses excluded).
    pub duration_ms: u64,
    /// Pauses, as wall-clock (start, end).
    pub pauses: Vec<(u64, u64)>,
    /// Placeholder values.
    pub fills: BTreeMap<String, String>,
    /// The trainee's actions: seed plus these replay the drill.
    pub actions: Vec<Action>,
    /// Every event.
    pub events: Vec<Logged>,
    /// Every decision.
    pub decisions: Vec<Decision>,
    /// Final values of the variables.
    pub variables: BTreeMap<VarId, Value>,
    /// Points per competency.
    pub scores: BTreeMap<CompetencyId, i32>,
    /// Red flags shown, with the node where each first appeared.
    pub shown_flags: BTreeMap<RedFlagId, NodeId>,
    /// Red flags caught.
    pub caught: BTreeSet<RedFlagId>,
    /// The ending reached.
    pub ending: NodeId,
    /// Its outcome.
    pub outcome: Outcome,
    /// Evaluator notes added afterwards; not part of the replayable record.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A facilitator's observation pinned to a decision of a debrief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The decision, counted from 1 in the order the trainee met them.
    pub decision: usize,
    /// Its node.
    pub node: NodeId,
    /// Wall-clock milliseconds when the note was written.
    pub written_at: u64,
    /// Who wrote it.
    pub author: String,
    /// The observation.
    pub text: String,
}

impl Debrief {
    /// Pins a note to a decision, named by its number (from 1) or its node id.
    pub fn add_note(&mut self, at: &str, author: &str, text: &str, now: u64) -> Result<&Note, String> {
        let index = match at.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.decisions.len() => n - 1,
            Ok(n) => {
                return Err(format!(
                    "decision {n} does not exist: this drill has {} decision(s)",
                    self.decisions.len()
                ));
            }
            Err(_) => self.decisions.iter().position(|d| d.node.as_str() == at.trim()).ok_or_else(|| {
                let nodes: Vec<String> =
                    self.decisions.iter().enumerate().map(|(i, d)| format!("{} = {}", i + 1, d.node)).collect();
                format!("no decision at node `{at}`; the decisions are {}", nodes.join(", "))
            })?,
        };
        if text.trim().is_empty() {
            return Err("the note is empty".to_owned());
        }
        self.notes.push(Note {
            decision: index + 1,
            node: self.decisions[index].node.clone(),
            written_at: now,
            author: author.to_owned(),
            text: text.trim().to_owned(),
        });
        Ok(&self.notes[self.notes.len() - 1])
    }
}

/// Plays the seed and actions of `debrief` against `scenario` again and returns the debrief that
/// gives. Equal to the original when the record is genuine and the scenario unchanged.
pub fn replay(scenario: &Scenario, debrief: &Debrief) -> Result<Debrief, RunError> {
    let start = debrief.started_at;
    let mut runner = Runner::start(scenario, debrief.seed, &debrief.trainee, start)?;
    for action in &debrief.actions {
        // Let time pass first, as it did while the trainee thought: a timeout due before the
        // action is taken before it, exactly as in the original drill.
        let t = match action {
            Action::Choose { t, .. } | Action::Submit { t, .. } | Action::Reveal { t, .. } => *t,
        };
        runner.tick(start + t)?;
        match action {
            Action::Choose { t, choice } => runner.choose(&Pick::Id(choice.clone()), start + t)?,
            Action::Submit { t, answer } => runner.submit(answer.clone(), start + t)?,
            Action::Reveal { t, field } => runner.reveal(field, start + t)?,
        }
    }
    runner.tick(start + debrief.duration_ms)?;
    let mut again = runner.debrief(debrief.ended_at).ok_or_else(|| {
        RunError::NotWaiting(
            match runner.stage() {
                Stage::At(id) | Stage::Ended(id) => id.clone(),
            },
            "more answers than the debrief holds",
        )
    })?;
    again.pauses = debrief.pauses.clone();
    again.notes = debrief.notes.clone();
    Ok(again)
}

/// What differs between a debrief and its replay, as sentences; empty when they match.
pub fn compare(recorded: &Debrief, replayed: &Debrief) -> Vec<String> {
    let mut out = Vec::new();
    if recorded.scenario.hash != replayed.scenario.hash {
        out.push(format!(
            "the scenario changed since the drill: content {} then, {} now",
            short(&recorded.scenario.hash),
            short(&replayed.scenario.hash)
        ));
    }
    if recorded.ending != replayed.ending || recorded.outcome != replayed.outcome {
        out.push(format!(
            "ending: recorded `{}` ({}), replay reaches `{}` ({})",
            recorded.ending,
            recorded.outcome.key(),
            replayed.ending,
            replayed.outcome.key()
        ));
    }
    if recorded.scores != replayed.scores {
        for c in recorded.scores.keys().chain(replayed.scores.keys()).collect::<BTreeSet<_>>() {
            let (a, b) = (recorded.scores.get(c).copied().unwrap_or(0), replayed.scores.get(c).copied().unwrap_or(0));
            if a != b {
                out.push(format!("score `{c}`: recorded {a}, replay gives {b}"));
            }
        }
    }
    if recorded.decisions != replayed.decisions {
        let n = recorded.decisions.iter().zip(&replayed.decisions).take_while(|(a, b)| a == b).count();
        out.push(format!(
            "decisions differ from decision {} on (recorded {}, replay {})",
            n + 1,
            recorded.decisions.len(),
            replayed.decisions.len()
        ));
    }
    if recorded.events != replayed.events {
        let n = recorded.events.iter().zip(&replayed.events).take_while(|(a, b)| a == b).count();
        out.push(format!("events differ from event {} on", n + 1));
    }
    if recorded.variables != replayed.variables
        || recorded.caught != replayed.caught
        || recorded.fills != replayed.fills
    {
        out.push("variables, red flags caught or random details differ".to_owned());
    }
    out
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::load_str;

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
        "bad": (outcome: Harmed, title: "Bad", summary: "Lost"),
    },
)"#;

    fn scenario() -> Scenario {
        let checked = load_str(DRILL);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.scenario.unwrap()
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

    #[test]
    fn injects_arrive_on_time_and_unlock_a_choice() {
        let s = scenario();
        let mut run = Runner::start(&s, 1, "ann", T0).unwrap();
        assert_eq!(kinds(&run.take_events()), ["Line@0", "Choices@0"]);
        assert_eq!(run.options().len(), 2);
        run.tick(T0 + 3_999).unwrap();
        assert!(run.take_events().is_empty());
        run.tick(T0 + 5_000).unwrap();
        // The delayed inject arrives at its scheduled time, then the condition inject, then the
        // options are offered again with the unlocked choice.
        assert_eq!(kinds(&run.take_events()), ["Inject@4000", "Inject@4000", "Choices@4000"]);
        assert_eq!(run.options().iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["verify", "comply", "ask_lead"]);
        run.choose(&Pick::Id("ask_lead".into()), T0 + 6_000).unwrap();
        assert_eq!(run.state().decisions[0].response_ms(), 6_000);
    }

    #[test]
    fn a_timeout_is_taken_at_the_deadline_and_scored() {
        let s = scenario();
        let mut run = Runner::start(&s, 1, "ann", T0).unwrap();
        assert_eq!(run.choose(&Pick::Index(0), T0 + 10_000), Err(RunError::TooLate("ask".into())));
        assert!(run.is_over());
        let d = run.debrief(T0 + 10_000).unwrap();
        assert_eq!(d.ending.as_str(), "bad");
        assert_eq!(d.decisions[0].kind, DecisionKind::Timeout);
        assert_eq!(d.decisions[0].decided_at, 10_000);
        assert_eq!(d.scores[&CompetencyId::from("fraud_recognition")], -1);
    }

    #[test]
    fn pausing_stops_the_clock() {
        let s = scenario();
        let mut run = Runner::start(&s, 1, "ann", T0).unwrap();
        run.pause(T0 + 2_000);
        run.tick(T0 + 60_000).unwrap();
        assert!(!run.is_over());
        run.resume(T0 + 60_000);
        assert_eq!(run.drill_time(T0 + 61_000), 3_000);
        run.choose(&Pick::Id("verify".into()), T0 + 61_000).unwrap();
        assert_eq!(run.state().decisions[0].response_ms(), 3_000);
    }

    #[test]
    fn a_report_is_scored_against_its_checklist_by_section() {
        let s = scenario();
        let mut run = Runner::start(&s, 1, "ann", T0).unwrap();
        run.choose(&Pick::Id("verify".into()), T0 + 1_000).unwrap();
        assert_eq!(
            run.submit(Answer::Text("x".into()), T0 + 2_000),
            Err(RunError::WrongAnswer("report".into(), "an incident report"))
        );
        let answer = Answer::Report {
            description: "Caller IMPERSONATED the bank".into(),
            scope: "no data".into(),
            measures: "one customer warned".into(),
        };
        run.submit(answer, T0 + 9_000).unwrap();
        let d = run.debrief(T0 + 9_000).unwrap();
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
            let mut run = Runner::start(&s, seed, "ann", T0).unwrap();
            run.choose(&Pick::Id("comply".into()), T0 + 1_000).unwrap();
            run.tick(T0 + 1_000).unwrap();
            run.debrief(T0 + 1_000).unwrap()
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
        let mut run = Runner::start(&s, 3, "ann", T0).unwrap();
        run.tick(T0 + 5_000).unwrap();
        let saved = ron::to_string(run.state()).unwrap();
        let state: DrillState = crate::engine::load::ron_options().from_str(&saved).unwrap();
        let mut restored = Runner::restore(&s, state).unwrap();
        for r in [&mut run, &mut restored] {
            r.choose(&Pick::Id("verify".into()), T0 + 6_000).unwrap();
            r.submit(
                Answer::Report { description: "impersonation".into(), scope: String::new(), measures: String::new() },
                T0 + 7_000,
            )
            .unwrap();
        }
        assert_eq!(run.debrief(T0 + 7_000), restored.debrief(T0 + 7_000));
        let mut other = s.clone();
        other.title = "Changed".into();
        assert!(matches!(Runner::restore(&other, run.state().clone()), Err(RunError::OtherScenario(..))));
    }

    #[test]
    fn a_tampered_debrief_is_caught_by_its_replay() {
        let s = scenario();
        let mut run = Runner::start(&s, 3, "ann", T0).unwrap();
        run.choose(&Pick::Id("comply".into()), T0 + 1_000).unwrap();
        let mut d = run.debrief(T0 + 1_000).unwrap();
        d.scores.insert("fraud_recognition".into(), 5);
        let differences = compare(&d, &replay(&s, &d).unwrap());
        assert_eq!(differences[0], "score `fraud_recognition`: recorded 5, replay gives -2");
    }

    #[test]
    fn a_loop_of_timeouts_stops_with_a_clear_error() {
        let src = DRILL.replace("next: \"bad\")),\n", "next: \"ask\")),\n");
        let s = load_str(&src).scenario.unwrap();
        let mut run = Runner::start(&s, 1, "ann", T0).unwrap();
        let err = run.tick(T0 + 1_000_000_000).unwrap_err();
        assert_eq!(err, RunError::EndlessLoop("ask".into()));
        assert_eq!(err.to_string(), "the drill passed through 10000 nodes without ending; it loops at node `ask`");
    }
}
