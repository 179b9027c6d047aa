//! The record of a drill: the events a front end shows, the trainee's actions and decisions, and
//! the debrief that keeps them (plain serde data, read by the review, the team review, the xAPI
//! export and the store).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use super::grade::{Evidence, Refused, Why};
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
        /// Said in their own words by the person playing the speaker in a role play, not scripted.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        ad_lib: bool,
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
        /// Whether the reveal was justified, when the field says when it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verdict: Option<Verdict>,
    },
    /// The trainee flagged something on screen as suspicious.
    Flagged {
        /// The node the drill was at.
        node: NodeId,
        /// The flagged event: its index in the drill's events (a line, an inject or an artefact).
        event: usize,
        /// What of it was flagged.
        spot: Spot,
        /// The red flags present there (none: a false alarm).
        found: Vec<RedFlagId>,
    },
    /// The drill ended.
    Ended {
        /// The ending.
        ending: NodeId,
        /// Its outcome.
        outcome: Outcome,
    },
}

/// Whether a reveal of a sensitive field was justified, and what an unjustified one cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The field's condition held when it was revealed.
    pub justified: bool,
    /// The competency an unjustified reveal costs points in.
    pub competency: CompetencyId,
    /// The points it costs.
    pub cost: i32,
}

/// How written answers were matched against their checklists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grading {
    /// A phrase anywhere in the answer, inside words too (every drill played before clause
    /// grading; kept so that those debriefs replay as they were played).
    #[default]
    Substring,
    /// Whole words in clauses that say something, negation and copies refused (`engine::grade`).
    Clauses,
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
        /// The trainee answered aloud in their own words and the role-player matched it to this
        /// option.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        matched: bool,
    },
    /// The role-player said something of their own (an ad-lib) to the trainee.
    Say {
        /// Drill time.
        t: u64,
        /// What was said.
        text: String,
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
    /// The facilitator sent one of the scenario's `facilitator_injects`.
    Inject {
        /// Drill time.
        t: u64,
        /// The inject.
        inject: InjectId,
    },
    /// Flagged something on screen as suspicious.
    Flag {
        /// Drill time.
        t: u64,
        /// The flagged event's index in the drill's events.
        event: usize,
        /// What of it.
        spot: Spot,
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
    /// For a written answer graded by clauses: each item, what it scores, and which words of
    /// the answer covered it or why a match was not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<ItemCoverage>,
    /// In a role play: the trainee answered aloud in their own words, and the role-player matched
    /// the answer to `choice`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub matched: bool,
}

/// One checklist item as a written answer met it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCoverage {
    /// The item.
    pub item: CheckId,
    /// The competency it scores.
    pub competency: CompetencyId,
    /// Points when covered.
    pub points: i32,
    /// Covered, as graded automatically.
    pub covered: bool,
    /// The words of the answer that covered it, and their clause.
    pub by: Option<Evidence>,
    /// Matches not counted, and why.
    pub refused: Vec<Refused>,
}

/// An evaluator's grade of one checklist item of a written answer, given after the drill. It
/// stands beside the replayable record: the decision keeps the automatic grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// The decision, counted from 1.
    pub decision: usize,
    /// The checklist item.
    pub item: CheckId,
    /// The evaluator's verdict: covered or not.
    pub covered: bool,
    /// Who graded.
    pub by: String,
    /// Wall-clock milliseconds when graded.
    pub at: u64,
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
    pub id: super::model::ScenarioId,
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
    /// How written answers were graded (debriefs from before clause grading: by substring).
    #[serde(default)]
    pub grading: Grading,
    /// The competency spotting red flags scored (debriefs from before flagging: none, unscored).
    #[serde(default)]
    pub spotting: Option<CompetencyId>,
    /// Evaluators' grades of checklist items, given after the drill; the latest per item counts.
    #[serde(default)]
    pub grades: Vec<Grade>,
    /// The assessment set (its id in the curriculum) the drill was played for: no pause, no
    /// review before the set is done, the set's seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
    /// What the trainee thought of the drill, given after it; the latest counts. Not part of the
    /// replayable record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<TraineeFeedback>,
    /// A team drill's votes, per decision taken (empty for a drill played alone). Kept beside the
    /// replayable record: the answers the votes chose are its decisions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team_votes: Vec<super::votes::TeamDecision>,
}

/// A trainee's rating of a drill and what they say about it (the course's feedback collection).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraineeFeedback {
    /// One to five stars.
    pub stars: u8,
    /// What they say; may be empty.
    pub comment: String,
    /// Wall-clock milliseconds when given.
    pub at: u64,
}

/// The longest comment a trainee's feedback may have, in characters.
pub const MAX_FEEDBACK_CHARS: usize = 2_000;

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
    /// An evaluator grades checklist item `item` of the written answer at `at` (its decision
    /// number from 1, or its node id) as covered or not. The automatic grade stays in the
    /// decision; the review, the team review and the export use the latest grade.
    pub fn add_grade(&mut self, at: &str, item: &str, covered: bool, by: &str, now: u64) -> Result<&Grade, String> {
        let index = self.decision_at(at)?;
        let d = &self.decisions[index];
        if d.coverage.is_empty() {
            return Err(if d.answer.is_some() {
                format!("the answer at decision {} was graded before checklist grading could be confirmed", index + 1)
            } else {
                format!("decision {} at `{}` is a choice, not a written answer", index + 1, d.node)
            });
        }
        if !d.coverage.iter().any(|c| c.item.as_str() == item.trim()) {
            let items: Vec<&str> = d.coverage.iter().map(|c| c.item.as_str()).collect();
            return Err(format!(
                "no checklist item `{item}` at decision {}; its items are {}",
                index + 1,
                items.join(", ")
            ));
        }
        if by.trim().is_empty() {
            return Err("say who grades (the evaluator's name)".to_owned());
        }
        self.grades.push(Grade {
            decision: index + 1,
            item: CheckId::from(item.trim()),
            covered,
            by: by.trim().to_owned(),
            at: now,
        });
        Ok(&self.grades[self.grades.len() - 1])
    }

    /// The index of the decision named by its number (from 1) or its node id.
    fn decision_at(&self, at: &str) -> Result<usize, String> {
        Ok(match at.trim().parse::<usize>() {
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
        })
    }

    /// Records the trainee's rating (1 to 5 stars) and comment on the drill.
    pub fn add_feedback(&mut self, stars: u8, comment: &str, now: u64) -> Result<&TraineeFeedback, String> {
        if !(1..=5).contains(&stars) {
            return Err(format!("a rating is 1 to 5 stars, not {stars}"));
        }
        let comment = comment.trim();
        let n = comment.chars().count();
        if n > MAX_FEEDBACK_CHARS {
            return Err(format!("the comment has {n} characters; at most {MAX_FEEDBACK_CHARS}"));
        }
        self.feedback.push(TraineeFeedback { stars, comment: comment.to_owned(), at: now });
        Ok(&self.feedback[self.feedback.len() - 1])
    }

    /// Pins a note to a decision, named by its number (from 1) or its node id.
    pub fn add_note(&mut self, at: &str, author: &str, text: &str, now: u64) -> Result<&Note, String> {
        let index = self.decision_at(at)?;
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
