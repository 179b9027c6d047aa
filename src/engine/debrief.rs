//! The record of a drill: the events a front end shows, the trainee's actions and decisions, and
//! the debrief that keeps them (plain serde data, read by the review, the team review, the xAPI
//! export and the store).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::model::*;

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

/// When the clock of a timed decision starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// When the decision is put (every drill played before reading allowances).
    #[default]
    AtOnce,
    /// After a reading allowance: the time an ordinary reader needs for what the decision shows
    /// (its lines, the artefacts new with it and the options; see `text::reading_ms`).
    AfterReading,
}

/// The order in which a drill shows the options of a decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptionOrder {
    /// As written in the scenario (every drill played before seeded orders).
    #[default]
    AsWritten,
    /// Drawn from the drill's seed, one draw per decision, pinned options in their written place.
    Seeded,
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
    /// The order options were shown in (debriefs from before seeded orders: as written).
    #[serde(default)]
    pub order: OptionOrder,
    /// When timed decisions' clocks started (debriefs from before reading allowances: at once).
    #[serde(default)]
    pub timing: Timing,
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
