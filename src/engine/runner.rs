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

use super::i18n::msg;
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

pub use super::debrief::Timing;
use super::debrief::{Action, Debrief, Decision, DecisionKind, Event, Logged};
pub use super::debrief::{Grading, OptionOrder};
use super::model::*;
use super::text::draw_fills;
pub use super::times::{DrillMs, WallMs};

mod answer;
mod host;
mod live;
mod marks;
mod put;
mod state;

pub use state::{DrillState, Stage};

/// How many nodes a drill may pass through before the runner calls it an endless loop: at least
/// this many, and twice the scenario's nodes for a larger scenario (see [`step_limit`]).
pub const MAX_STEPS: u32 = 10_000;

/// How many nodes a drill of `scenario` may pass through before the runner calls it an endless
/// loop: [`MAX_STEPS`], or twice its nodes and endings when that is more, so a long drill played
/// from its start to its end is never taken for a loop.
pub fn step_limit(scenario: &Scenario) -> u32 {
    let size = scenario.nodes.len().saturating_add(scenario.endings.len()).saturating_mul(2);
    MAX_STEPS.max(u32::try_from(size).unwrap_or(u32::MAX))
}

/// Why the runner refused a call. Shown in the engine's language ([`super::i18n::engine_lang`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// The drill has ended.
    Ended,
    /// The current node does not ask for this: the node, and the message id of what was given.
    NotWaiting(NodeId, &'static str),
    /// No such option on offer: what was asked, the node, the options on offer.
    NoSuchOption(String, NodeId, String),
    /// The answer was too late: the timeout was taken.
    TooLate(NodeId),
    /// The answer has the wrong shape: the node, and the message id of what it asks for.
    WrongAnswer(NodeId, &'static str),
    /// None of a node's choices is available.
    NoOptions(NodeId),
    /// The drill passed through too many nodes.
    EndlessLoop(NodeId, u32),
    /// A reference the validator would have caught.
    Missing(String),
    /// The saved state belongs to another scenario or version: its id and content hash.
    OtherScenario(String, String),
    /// The field is not a masked field on screen.
    NoSuchField(String),
    /// What the trainee flagged is not on screen, or has no such part: why, in words.
    NothingToFlag(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::i18n::say;
        let words = match self {
            Self::Ended => msg!("run-ended"),
            Self::NotWaiting(node, what) => msg!("run-not-waiting", node = node, what = say(what, &[])),
            Self::NoSuchOption(asked, node, offered) => {
                msg!("run-no-such-option", asked = asked, node = node, offered = offered)
            }
            Self::TooLate(node) => msg!("run-too-late", node = node),
            Self::WrongAnswer(node, what) => msg!("run-wrong-answer", node = node, what = say(what, &[])),
            Self::NoOptions(node) => msg!("run-no-options", node = node),
            Self::EndlessLoop(node, steps) => msg!("run-endless-loop", node = node, steps = steps),
            Self::Missing(what) => msg!("run-missing", what = what),
            Self::OtherScenario(id, hash) => msg!("run-other-scenario", id = id, hash = hash),
            Self::NoSuchField(field) => msg!("run-no-such-field", field = field),
            Self::NothingToFlag(why) => msg!("run-nothing-to-flag", why = why),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for RunError {}

/// The rules a drill is played under. A new drill plays under [`Rules::CURRENT`]; a replay
/// under those its debrief records, so debriefs played before a rule existed replay as played.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The order options are shown in.
    pub order: OptionOrder,
    /// When timed decisions' clocks start.
    pub timing: Timing,
    /// How written answers are matched against their checklists.
    pub grading: Grading,
    /// Whether spotting red flags (flagging what carries them) is scored.
    pub spotting: bool,
}

impl Rules {
    /// The rules of a drill started today.
    pub const CURRENT: Self =
        Self { order: OptionOrder::Seeded, timing: Timing::AfterReading, grading: Grading::Clauses, spotting: true };

    /// The rules a debrief was played under.
    pub fn of(debrief: &Debrief) -> Self {
        Self {
            order: debrief.order,
            timing: debrief.timing,
            grading: debrief.grading,
            spotting: debrief.spotting.is_some(),
        }
    }
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

/// The first of the generator streams that draw option orders, one per decision; stream 0 fills
/// placeholders and streams from 1 draw random branches, far below.
const ORDER_STREAMS: u64 = 1 << 62;

fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

fn node_in<'a>(scenario: &'a Scenario, id: &NodeId) -> Result<&'a Node, RunError> {
    scenario.nodes.get(id).ok_or_else(|| RunError::Missing(id.to_string()))
}

impl Runner {
    /// Starts a drill at wall-clock time `now` and enters the first node; options are shown in
    /// an order drawn from the seed, and timed decisions' clocks start after a reading allowance.
    pub fn start(scenario: Arc<Scenario>, seed: u64, trainee: &str, now: WallMs) -> Result<Self, RunError> {
        Self::start_as(scenario, seed, trainee, now, Rules::CURRENT)
    }

    /// Starts a drill whose options are shown in `order`, with today's other rules.
    pub fn start_ordered(
        scenario: Arc<Scenario>,
        seed: u64,
        trainee: &str,
        now: WallMs,
        order: OptionOrder,
    ) -> Result<Self, RunError> {
        Self::start_as(scenario, seed, trainee, now, Rules { order, ..Rules::CURRENT })
    }

    /// Starts a drill under the given rules (a replay uses the debrief's).
    pub fn start_as(
        scenario: Arc<Scenario>,
        seed: u64,
        trainee: &str,
        now: WallMs,
        rules: Rules,
    ) -> Result<Self, RunError> {
        let Rules { order, timing, grading, spotting } = rules;
        let fills = draw_fills(&scenario.random, &mut rng_for(seed, 0));
        let state = DrillState {
            scenario_id: scenario.id.to_string(),
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
            order,
            timing,
            read_from: 0,
            reading_ms: 0,
            covered: BTreeSet::new(),
            harm_done: false,
            spotted: BTreeSet::new(),
            grading,
            spotting,
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

    /// Drops the record kept for the debrief (events, actions, and decisions but the last): what
    /// makes a state large to copy. For the explorer, which copies a runner at every branch and
    /// never saves a debrief; a runner that forgot its history can no longer `reveal` a field
    /// shown before, and its `debrief` lists only the last decision.
    ///
    /// (It keeps one decision, so a seeded option order, drawn per decision number, would differ
    /// from the drill's: the explorer plays the written order.)
    pub fn forget_history(&mut self) {
        self.state.log = Vec::new();
        // What the next decision shows starts in the new, empty log.
        self.state.read_from = 0;
        self.state.actions = Vec::new();
        let keep = self.state.decisions.len().saturating_sub(1);
        self.state.decisions.drain(..keep);
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

    /// Lets time pass to `now`: delayed injects arrive and a timeout is taken when due.
    pub fn tick(&mut self, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        self.advance_to(t)
    }

    /// Before an action at wall-clock `now` on the decision being faced: lets time pass to then
    /// (a replay ticks before each action too), and refuses when the drill has ended or time
    /// moved it on. Gives the drill time and the node.
    fn advance_for_action(&mut self, now: WallMs) -> Result<(u64, NodeId), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        if self.state.stage != Stage::At(id.clone()) {
            return Err(RunError::TooLate(id));
        }
        Ok((t, id))
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
            return Err(RunError::NotWaiting(id, "run-what-choice"));
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
        self.state.actions.push(Action::Choose { t, choice: picked, matched: false });
        self.decide(&id, choice, DecisionKind::Choice, t)
    }

    pub(super) fn log(&mut self, t: u64, event: Event) {
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

    fn show_flags(&mut self, node: &NodeId, flags: &[RedFlagId]) {
        for flag in flags {
            self.state.shown_flags.entry(flag.clone()).or_insert_with(|| node.clone());
        }
    }

    /// An inject arrives, then whatever its effects set off.
    fn fire(&mut self, node: &NodeId, inject: &Inject, t: u64) -> Result<(), RunError> {
        self.state.fired.insert(inject.id.clone());
        self.arrive(node, inject, t);
        self.after_change(node, t)
    }

    /// An inject arrives: its line, artefacts, red flags and effects.
    pub(super) fn arrive(&mut self, node: &NodeId, inject: &Inject, t: u64) {
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
            self.state.fired.insert(inject.id.clone());
            self.arrive(id, inject, t);
        }
        if !node.choices.is_empty() {
            let offered: Vec<ChoiceId> = self
                .shown_order(node)
                .into_iter()
                .filter(|c| c.when.as_ref().is_none_or(|w| self.state.holds(w)))
                .map(|c| c.id.clone())
                .collect();
            if offered.is_empty() {
                return Err(RunError::NoOptions(id.clone()));
            }
            if self.state.offered.is_empty() && node.timeout.is_some() && self.state.timing == Timing::AfterReading {
                // The decision is put: the clock starts once what it shows has been read.
                let options: Vec<&str> = offered
                    .iter()
                    .filter_map(|c| node.choices.iter().find(|x| x.id == *c))
                    .map(|c| c.text.as_str())
                    .collect();
                self.state.reading_ms = self.reading_allowance(&options);
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
            coverage: Vec::new(),
            matched: false,
        });
        let event = match kind {
            DecisionKind::Timeout => Event::TimedOut { node: id.clone(), choice: choice.id.clone() },
            _ => Event::Chose { node: id.clone(), choice: choice.id.clone() },
        };
        self.log(t, event);
        self.state.read_from = self.state.log.len();
        self.state.chosen.insert(choice.id.clone());
        self.state.caught.extend(choice.catches.iter().cloned());
        self.state.harm_done |= choice.harm.is_some();
        self.apply(&choice.effects);
        let next = match &choice.next {
            Some(next) => self.route(next)?,
            None => self.draw_branch(&choice.branch)?,
        };
        self.enter(next, t)
    }

    /// Where `next` leads now: the first arm whose condition holds.
    pub(super) fn route(&self, next: &Next) -> Result<NodeId, RunError> {
        next.resolve(|c| self.state.holds(c))
            .cloned()
            .ok_or_else(|| RunError::Missing("an arm without `when` at the end of `next`".into()))
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
            let limit = step_limit(&scenario);
            if self.state.steps > limit {
                return Err(RunError::EndlessLoop(id, limit));
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
            self.state.reading_ms = 0;
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
                    ad_lib: false,
                },
            );
            for artefact in &node.artefacts {
                let artefact = self.fill_artefact(artefact);
                self.log(t, Event::Artefact { node: id.clone(), artefact });
            }
            self.show_flags(&id, &node.red_flags);
            if let Some(next) = &node.next {
                id = self.route(next)?;
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
}

#[cfg(test)]
mod assess_tests;
#[cfg(test)]
mod inject_tests;
#[cfg(test)]
mod tests;
