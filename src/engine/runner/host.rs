//! The runner's answers to a host: what to show (presentable entries, the desk, what the trainee
//! must do), the clock (drill time, countdown, when to wake up next) and where the drill is
//! (decision number, decisions taken, fields revealed). Read-only: nothing here changes the drill.

use std::collections::{BTreeMap, BTreeSet};

use super::{Runner, Stage};
use crate::engine::debrief::{Action, Debrief, Decision, Event, Logged, OptionView, ScenarioStamp};
use crate::engine::model::{Artefact, CastId, Channel, CompetencyId, FORMAT_VERSION, Outcome, Role, Spot};
use crate::engine::shown::{self, Countdown, DeskItem, Prompt, Shown, Speaker};
use crate::engine::text::fill;
use crate::engine::times::{DrillMs, WallMs};

impl Runner {
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
        let (s, st) = (&self.scenario, &self.state);
        self.events_since(cursor).iter().map(|l| shown::describe(s, &st.fills, &st.log, l)).collect()
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
        self.desk_events(now).into_iter().map(|(_, item)| item).collect()
    }

    /// The desk as `desk` shows it, each artefact with the index of the event that showed it
    /// (what a host passes to `flag`).
    pub fn desk_events(&self, now: WallMs) -> Vec<(usize, DeskItem)> {
        let artefacts: Vec<(usize, DrillMs, &Artefact)> = self
            .state
            .log
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match &l.event {
                Event::Artefact { artefact, .. } => Some((i, DrillMs(l.t), artefact)),
                _ => None,
            })
            .collect();
        shown::desk(artefacts.into_iter(), &self.revealed(), self.drill_time(now))
    }

    /// The places flagged so far: (event index, spot).
    pub fn flagged(&self) -> Vec<(usize, Spot)> {
        self.state
            .log
            .iter()
            .filter_map(|l| match &l.event {
                Event::Flagged { event, spot, .. } => Some((*event, spot.clone())),
                _ => None,
            })
            .collect()
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
        if let Prompt::Choices { countdown: Some(c), .. } = self.waiting(now) {
            // A countdown shows whole seconds (of reading time, then of time to decide): the next
            // change is when the time left crosses one.
            let left = if c.reading_left_ms > 0 { c.reading_left_ms } else { c.left_ms };
            sooner(match left % 1000 {
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

    /// Drill time the current decision was put (the current node entered).
    pub fn entered_at(&self) -> DrillMs {
        DrillMs(self.state.entered_at)
    }

    /// The deadline of the current decision, if it has one: its time limit counted from the end
    /// of its reading allowance.
    pub fn deadline(&self) -> Option<DrillMs> {
        let Stage::At(id) = &self.state.stage else { return None };
        let timeout = self.scenario.nodes.get(id)?.timeout.as_ref()?;
        Some(self.reading_ends().plus(u64::from(timeout.seconds) * 1000))
    }

    /// When the current decision's reading allowance ends and its clock starts.
    pub fn reading_ends(&self) -> DrillMs {
        DrillMs(self.state.entered_at.saturating_add(self.state.reading_ms))
    }

    /// The clock of the current decision at wall-clock `now`, if it is timed: the reading time
    /// left, then the time left to decide.
    pub fn countdown(&self, now: WallMs) -> Option<Countdown> {
        let deadline = self.deadline()?;
        let (time, reading_ends) = (self.drill_time(now), self.reading_ends());
        Some(Countdown {
            left_ms: deadline.since(time.max(reading_ends)),
            allowed_ms: deadline.since(reading_ends),
            reading_left_ms: reading_ends.since(time),
        })
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
    pub fn waiting(&self, now: WallMs) -> Prompt {
        let Stage::At(id) = &self.state.stage else { return Prompt::Nothing };
        let Some(node) = self.scenario.nodes.get(id) else { return Prompt::Nothing };
        match &node.input {
            Some(input) => Prompt::Input { node: id.clone(), kind: input.kind, prompt: self.fill(&input.prompt) },
            None => Prompt::Choices { node: id.clone(), options: self.options(), countdown: self.countdown(now) },
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

    /// When a finished drill ended: the wall-clock time of its last event, however late a host
    /// noticed, so a host restored from its record gives the same debrief. `None` while it runs.
    pub fn ended_at(&self) -> Option<WallMs> {
        self.is_over().then(|| self.wall_time_at(DrillMs(self.state.last_t)))
    }

    /// The debrief of a finished drill; `None` while it is still running.
    pub fn debrief(&self, ended_at: WallMs) -> Option<Debrief> {
        let Stage::Ended(ending) = &self.state.stage else { return None };
        Some(self.record(ending, ended_at))
    }

    /// The record so far, for a live console's ratings while the drill runs: decisions, flags and
    /// reveals as they stand. Its ending is the node being faced and its outcome means nothing
    /// until the drill ends ([`Runner::debrief`] then).
    pub fn so_far(&self, now: WallMs) -> Debrief {
        let (Stage::At(at) | Stage::Ended(at)) = &self.state.stage;
        self.record(at, now)
    }

    fn record(&self, ending: &crate::engine::model::NodeId, ended_at: WallMs) -> Debrief {
        let s = &self.scenario;
        let st = &self.state;
        let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        for d in &st.decisions {
            for (c, v) in &d.scores {
                let total = scores.entry(c.clone()).or_default();
                *total = total.saturating_add(*v);
            }
        }
        Debrief {
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
            order: st.order,
            timing: st.timing,
            grading: st.grading,
            spotting: st
                .spotting
                .then(|| s.spotting.clone().unwrap_or_else(|| CompetencyId::from("fraud_recognition"))),
            grades: Vec::new(),
            assessment: None,
            feedback: Vec::new(),
            team_votes: Vec::new(),
        }
    }
}
