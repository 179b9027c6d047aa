//! A facilitated drill: every participant plays their own copy of one drill while the
//! facilitator watches them all on a console and steps in: pauses and resumes one or all, sends
//! the scenario's facilitator injects to one or all, pins a note to the decision a participant is
//! facing, and ends the session. The console shows, per participant, where they are, how long
//! they have been on the decision, their ratings so far, the red flags caught and missed, the
//! harmful choices and who looks stuck; beside it, the expert answer and the flags planted at each
//! decision.
//!
//! As in a team drill the host is authoritative: a participant's requests only ever reach their
//! own drill, facilitator actions from anyone else are refused, and the session is the record of
//! its accepted requests, saved after each and played again by [`FacilitatedSession::restore`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::debrief::{Answer, Debrief};
use super::i18n::msg;
use super::model::{ChoiceId, CompetencyId, InjectId, NodeId, Outcome, RedFlagId, Scenario, ScenarioId, Spot};
use super::review::{Level, competency_points};
use super::runner::{Pick, RunError, Runner, Stage};
use super::session::{Who, all_or_nothing, open_node};
use super::times::WallMs;

/// How long a participant may stay on one decision before the console calls them stuck.
pub const STUCK_AFTER_MS: u64 = 120_000;

/// What someone asks of a facilitated session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FacilitatedRequest {
    /// A participant joins (or, after losing the connection, rejoins: their drill goes on).
    Join,
    /// A participant's choice at a decision of their own drill.
    Choose {
        /// The decision.
        node: NodeId,
        /// The option.
        choice: ChoiceId,
    },
    /// A participant's written answer.
    Submit {
        /// The node asking.
        node: NodeId,
        /// The answer.
        answer: Answer,
    },
    /// A participant reveals a masked field.
    Reveal {
        /// The field's label.
        field: String,
    },
    /// A participant flags something on their screen.
    Flag {
        /// The event's index in their drill.
        event: usize,
        /// What of it.
        spot: Spot,
    },
    /// The facilitator pauses one participant's drill, or everyone's.
    Pause {
        /// Whose; everyone's when `None`.
        who: Option<String>,
    },
    /// The facilitator resumes one participant's drill, or everyone's.
    Resume {
        /// Whose; everyone's when `None`.
        who: Option<String>,
    },
    /// The facilitator sends one of the scenario's facilitator injects to one or everyone.
    Inject {
        /// To whom; everyone still playing when `None`.
        who: Option<String>,
        /// The inject.
        inject: InjectId,
    },
    /// The facilitator pins a note to the decision a participant is facing.
    Note {
        /// About whom.
        who: String,
        /// The note.
        text: String,
    },
    /// The facilitator ends the session.
    End,
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum FacilitatedRefusal {
    /// The name is not on the session's roster.
    NotOnRoster(String),
    /// The name has not joined.
    NotJoined(String),
    /// Only the facilitator may do this.
    FacilitatorOnly,
    /// Only participants play.
    ParticipantsOnly,
    /// The decision named is not the one the participant faces.
    NotOpen(NodeId),
    /// The session has ended.
    Ended,
    /// The note is empty.
    EmptyNote,
    /// The facilitator has paused this participant's drill.
    Paused,
    /// The runner refused.
    Run(RunError),
}

impl std::fmt::Display for FacilitatedRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::NotOnRoster(name) => msg!("session-refused-not-on-roster", name = name),
            Self::NotJoined(name) => msg!("session-refused-not-joined", name = name),
            Self::FacilitatorOnly => msg!("team-refused-facilitator-only"),
            Self::ParticipantsOnly => msg!("session-refused-participants-only"),
            Self::NotOpen(node) => msg!("team-refused-not-open", node = node),
            Self::Ended => msg!("session-refused-ended"),
            Self::EmptyNote => msg!("session-refused-empty-note"),
            Self::Paused => msg!("session-refused-paused"),
            Self::Run(e) => e.to_string(),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for FacilitatedRefusal {}

impl From<RunError> for FacilitatedRefusal {
    fn from(e: RunError) -> Self {
        Self::Run(e)
    }
}

/// A request with who made it and when: one line of the session's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionLogged {
    /// When (wall clock).
    pub at: WallMs,
    /// Who.
    pub who: Who,
    /// What.
    pub request: FacilitatedRequest,
}

/// Everything needed to take a facilitated session up again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilitatedRecord {
    /// The scenario's id.
    pub scenario: ScenarioId,
    /// Its content hash.
    pub hash: String,
    /// The seed every participant plays (the same details for all, for the hot wash).
    pub seed: u64,
    /// Who may join; anyone with the session's code when `None`.
    pub roster: Option<Vec<String>>,
    /// Every accepted request, in order.
    pub log: Vec<SessionLogged>,
}

/// A note the facilitator pinned during the drill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedNote {
    /// The decision's number, from 1.
    pub decision: usize,
    /// The note.
    pub text: String,
    /// When (wall clock).
    pub at: WallMs,
}

#[derive(Clone)]
struct Participant {
    name: String,
    runner: Runner,
    notes: Vec<PinnedNote>,
    ended_at: Option<WallMs>,
}

/// One participant as the facilitator's console shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleRow {
    /// Who.
    pub name: String,
    /// The decision being faced (`None` once the drill has ended).
    pub node: Option<NodeId>,
    /// Its number, from 1.
    pub decision: usize,
    /// Drill time on the current decision so far.
    pub on_decision_ms: u64,
    /// Paused by the facilitator.
    pub paused: bool,
    /// How the drill ended, once it has.
    pub outcome: Option<Outcome>,
    /// The rating per competency so far.
    pub ratings: BTreeMap<CompetencyId, Level>,
    /// Red flags shown and caught so far.
    pub caught: Vec<RedFlagId>,
    /// Red flags shown and not caught so far.
    pub missed: Vec<RedFlagId>,
    /// Choices made that did harm.
    pub harm: Vec<ChoiceId>,
    /// On the same decision for [`STUCK_AFTER_MS`] or longer while the clock runs.
    pub stuck: bool,
}

/// A decision of the drill as the facilitator's guide shows it: the expert answers and the red
/// flags planted there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideRow {
    /// The decision point.
    pub node: NodeId,
    /// Its best-scored options.
    pub expert: Vec<ChoiceId>,
    /// The red flags planted in it (its own and its injects').
    pub flags: Vec<RedFlagId>,
}

/// A facilitated session in progress.
#[derive(Clone)]
pub struct FacilitatedSession {
    scenario: Arc<Scenario>,
    participants: Vec<Participant>,
    ended: bool,
    record: FacilitatedRecord,
}

impl FacilitatedSession {
    /// Opens a session on `scenario`; `roster` limits who may join.
    pub fn open(scenario: Arc<Scenario>, seed: u64, roster: Option<Vec<String>>) -> Self {
        let record = FacilitatedRecord {
            scenario: scenario.id.clone(),
            hash: scenario.content_hash().to_owned(),
            seed,
            roster,
            log: Vec::new(),
        };
        Self { scenario, participants: Vec::new(), ended: false, record }
    }

    /// Takes a session up again from its record.
    pub fn restore(scenario: Arc<Scenario>, record: &FacilitatedRecord) -> Result<Self, FacilitatedRefusal> {
        super::session::same_scenario(&scenario, &record.scenario, &record.hash)?;
        let mut session = Self::open(scenario, record.seed, record.roster.clone());
        for logged in &record.log {
            session.handle(&logged.who, logged.request.clone(), logged.at)?;
        }
        Ok(session)
    }

    /// What to save after every request.
    pub fn record(&self) -> &FacilitatedRecord {
        &self.record
    }

    /// Has the facilitator ended the session?
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// A participant's drill (what their screen shows, through the host API).
    pub fn runner_of(&self, name: &str) -> Option<&Runner> {
        self.participants.iter().find(|p| p.name == name).map(|p| &p.runner)
    }

    fn index_of(&self, name: &str) -> Result<usize, FacilitatedRefusal> {
        self.participants.iter().position(|p| p.name == name).ok_or_else(|| FacilitatedRefusal::NotJoined(name.into()))
    }

    /// The participants a facilitator action is for: one by name, or everyone.
    fn targets(&self, who: Option<&String>) -> Result<Vec<usize>, FacilitatedRefusal> {
        match who {
            Some(name) => Ok(vec![self.index_of(name)?]),
            None => Ok((0..self.participants.len()).collect()),
        }
    }

    /// Handles a request at wall-clock `now`; a refused request changes nothing (not even for the
    /// participants an inject to everyone reached before one refused it) and is not recorded.
    pub fn handle(&mut self, who: &Who, request: FacilitatedRequest, now: WallMs) -> Result<(), FacilitatedRefusal> {
        if self.ended {
            return Err(FacilitatedRefusal::Ended);
        }
        all_or_nothing(self, |session| session.apply(who, &request, now))?;
        self.record.log.push(SessionLogged { at: now, who: who.clone(), request });
        Ok(())
    }

    fn apply(&mut self, who: &Who, request: &FacilitatedRequest, now: WallMs) -> Result<(), FacilitatedRefusal> {
        self.tick(now);
        use FacilitatedRequest as R;
        let playing = |s: &Self, name: &str| -> Result<usize, FacilitatedRefusal> {
            let p = s.index_of(name)?;
            if s.participants[p].runner.is_paused() {
                return Err(FacilitatedRefusal::Paused);
            }
            Ok(p)
        };
        match (who, request) {
            (Who::Member(name), R::Join) => {
                if let Some(roster) = &self.record.roster
                    && !roster.contains(name)
                {
                    return Err(FacilitatedRefusal::NotOnRoster(name.clone()));
                }
                // A participant who rejoins goes on where they were.
                if self.index_of(name).is_err() {
                    let runner = Runner::start(Arc::clone(&self.scenario), self.record.seed, name, now)?;
                    self.participants.push(Participant {
                        name: name.clone(),
                        runner,
                        notes: Vec::new(),
                        ended_at: None,
                    });
                }
            }
            (Who::Facilitator, R::Join | R::Choose { .. } | R::Submit { .. } | R::Reveal { .. } | R::Flag { .. }) => {
                return Err(FacilitatedRefusal::ParticipantsOnly);
            }
            (Who::Member(name), R::Choose { node, choice }) => {
                let p = playing(self, name)?;
                let runner = &mut self.participants[p].runner;
                if runner.stage() != &Stage::At(node.clone()) {
                    return Err(FacilitatedRefusal::NotOpen(node.clone()));
                }
                runner.choose(&Pick::Id(choice.clone()), now)?;
            }
            (Who::Member(name), R::Submit { node, answer }) => {
                let p = playing(self, name)?;
                let runner = &mut self.participants[p].runner;
                if runner.stage() != &Stage::At(node.clone()) {
                    return Err(FacilitatedRefusal::NotOpen(node.clone()));
                }
                runner.submit(answer.clone(), now)?;
            }
            (Who::Member(name), R::Reveal { field }) => {
                let p = playing(self, name)?;
                self.participants[p].runner.reveal(field, now)?;
            }
            (Who::Member(name), R::Flag { event, spot }) => {
                let p = playing(self, name)?;
                self.participants[p].runner.flag(*event, spot, now)?;
            }
            (Who::Member(_), R::Pause { .. } | R::Resume { .. } | R::Inject { .. } | R::Note { .. } | R::End) => {
                return Err(FacilitatedRefusal::FacilitatorOnly);
            }
            (Who::Facilitator, R::Pause { who }) => {
                for p in self.targets(who.as_ref())? {
                    self.participants[p].runner.pause(now);
                }
            }
            (Who::Facilitator, R::Resume { who }) => {
                for p in self.targets(who.as_ref())? {
                    self.participants[p].runner.resume(now);
                }
            }
            (Who::Facilitator, R::Inject { who, inject }) => {
                if !self.scenario.facilitator_injects.iter().any(|i| i.id == *inject) {
                    return Err(RunError::Missing(inject.to_string()).into());
                }
                let targets = self.targets(who.as_ref())?;
                // Sent to everyone still playing; to one named participant, as the runner allows.
                for p in targets {
                    let runner = &mut self.participants[p].runner;
                    if who.is_some() || !runner.is_over() {
                        runner.send_inject(inject, now)?;
                    }
                }
            }
            (Who::Facilitator, R::Note { who, text }) => {
                if text.trim().is_empty() {
                    return Err(FacilitatedRefusal::EmptyNote);
                }
                let p = self.index_of(who)?;
                let participant = &mut self.participants[p];
                let decision = participant.runner.decision_number();
                participant.notes.push(PinnedNote { decision, text: text.trim().to_owned(), at: now });
            }
            (Who::Facilitator, R::End) => self.ended = true,
        }
        self.note_endings();
        Ok(())
    }

    /// Lets time pass to wall-clock `now` in every drill (timeouts and injects); nothing moves
    /// once the session has ended.
    pub fn tick(&mut self, now: WallMs) {
        if self.ended {
            return;
        }
        for p in &mut self.participants {
            // A drill the runner refuses to advance stays where it is; the console shows it stuck.
            let _ = p.runner.tick(now);
        }
        self.note_endings();
    }

    /// Each drill that has ended ended at its last event's time, whenever the host noticed, so
    /// a restored session gives the same debriefs.
    fn note_endings(&mut self) {
        for p in &mut self.participants {
            if p.ended_at.is_none() {
                p.ended_at = p.runner.ended_at();
            }
        }
    }

    /// The facilitator's console at wall-clock `now`: every participant, in the order they joined.
    pub fn console(&self, now: WallMs) -> Vec<ConsoleRow> {
        self.participants
            .iter()
            .map(|p| {
                let run = &p.runner;
                let so_far = run.so_far(now);
                let ratings = competency_points(&so_far)
                    .into_iter()
                    .filter(|(_, pts)| pts.possible > 0 || pts.earned != 0)
                    .map(|(c, pts)| (c, pts.level()))
                    .collect();
                let node = open_node(run);
                let caught: Vec<RedFlagId> = run.state().caught.iter().cloned().collect();
                // A flag shown at the decision still open can still be caught there.
                let missed = run
                    .state()
                    .shown_flags
                    .iter()
                    .filter(|(f, at)| !caught.contains(f) && node.as_ref() != Some(*at))
                    .map(|(f, _)| f.clone())
                    .collect();
                // Harm done by a choice or by letting the time run out.
                let harm = run
                    .decisions()
                    .iter()
                    .filter_map(|d| d.choice.clone())
                    .filter(|c| self.scenario.choice(c).is_some_and(|(_, ch)| ch.harm.is_some()))
                    .collect();
                let on_decision_ms = if node.is_some() { run.drill_time(now).since(run.entered_at()) } else { 0 };
                ConsoleRow {
                    name: p.name.clone(),
                    decision: if node.is_some() { run.decision_number() } else { run.decisions().len() },
                    stuck: node.is_some() && !run.is_paused() && on_decision_ms >= STUCK_AFTER_MS,
                    node,
                    on_decision_ms,
                    paused: run.is_paused(),
                    outcome: run.debrief(now).map(|d| d.outcome),
                    ratings,
                    caught,
                    missed,
                    harm,
                }
            })
            .collect()
    }

    /// The facilitator's guide: every decision point with its expert answers and planted flags.
    pub fn guide(&self) -> Vec<GuideRow> {
        self.scenario
            .nodes
            .iter()
            .filter(|(_, n)| !n.choices.is_empty())
            .map(|(id, n)| {
                let expert = n.expert_choices().into_iter().map(|c| c.id.clone()).collect();
                let mut flags: Vec<RedFlagId> =
                    n.red_flags.iter().chain(n.injects.iter().flat_map(|i| &i.red_flags)).cloned().collect();
                flags.sort();
                flags.dedup();
                GuideRow { node: id.clone(), expert, flags }
            })
            .collect()
    }

    /// Every finished drill's debrief, with the facilitator's notes pinned: what each participant
    /// keeps and the host collects for the team review. A drill still running when the facilitator
    /// ends the session has none (its participant saw no ending); the record keeps what it did.
    pub fn debriefs(&self) -> Vec<(String, Debrief)> {
        self.participants.iter().filter_map(|p| Some((p.name.clone(), Self::debrief_with_notes(p)?))).collect()
    }

    /// One participant's debrief, once their drill has ended (see [`FacilitatedSession::debriefs`]).
    pub fn debrief_of(&self, name: &str) -> Option<Debrief> {
        self.participants.iter().find(|p| p.name == name).and_then(Self::debrief_with_notes)
    }

    /// The notes pinned to one participant's drill so far.
    pub fn notes_of(&self, name: &str) -> &[PinnedNote] {
        self.participants.iter().find(|p| p.name == name).map_or(&[], |p| &p.notes)
    }

    /// Who has joined, in the order they joined.
    pub fn names(&self) -> Vec<&str> {
        self.participants.iter().map(|p| p.name.as_str()).collect()
    }

    fn debrief_with_notes(p: &Participant) -> Option<Debrief> {
        let mut debrief = p.runner.debrief(p.ended_at?)?;
        for note in &p.notes {
            let at = note.decision.min(debrief.decisions.len().max(1)).to_string();
            // A note for a decision the record lacks is dropped rather than misplaced.
            let _ = debrief.add_note(&at, "facilitator", &note.text, note.at.0);
        }
        Some(debrief)
    }
}

#[cfg(test)]
mod tests;
