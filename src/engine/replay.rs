//! Replay: a debrief's seed and actions played again against its scenario, and what differs.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::debrief::{Action, Debrief};
use super::i18n::{Lang, Tr};
use super::model::{Outcome, Scenario};
use super::runner::{Pick, Rules, RunError, Runner, Stage};
use super::times::WallMs;

/// Plays the seed and actions of `debrief` against `scenario` again and returns the debrief that
/// gives. Equal to the original when the record is genuine and the scenario unchanged.
pub fn replay(scenario: &Arc<Scenario>, debrief: &Debrief) -> Result<Debrief, RunError> {
    let start = WallMs(debrief.started_at);
    let mut runner = Runner::start_as(Arc::clone(scenario), debrief.seed, &debrief.trainee, start, Rules::of(debrief))?;
    for action in &debrief.actions {
        // Let time pass first, as it did while the trainee thought: a timeout due before the
        // action is taken before it, exactly as in the original drill.
        let t = match action {
            Action::Choose { t, .. }
            | Action::Submit { t, .. }
            | Action::Reveal { t, .. }
            | Action::Inject { t, .. }
            | Action::Say { t, .. }
            | Action::Flag { t, .. } => *t,
        };
        runner.tick(start.plus(t))?;
        match action {
            Action::Choose { t, choice, matched: false } => runner.choose(&Pick::Id(choice.clone()), start.plus(*t))?,
            Action::Choose { t, choice, matched: true } => {
                runner.choose_matched(&Pick::Id(choice.clone()), start.plus(*t))?;
            }
            Action::Say { t, text } => runner.say(text, start.plus(*t))?,
            Action::Submit { t, answer } => runner.submit(answer.clone(), start.plus(*t))?,
            Action::Reveal { t, field } => runner.reveal(field, start.plus(*t))?,
            Action::Inject { t, inject } => runner.send_inject(inject, start.plus(*t))?,
            Action::Flag { t, event, spot } => {
                runner.flag(*event, spot, start.plus(*t))?;
            }
        }
    }
    runner.tick(start.plus(debrief.duration_ms))?;
    let mut again = runner.debrief(WallMs(debrief.ended_at)).ok_or_else(|| {
        RunError::NotWaiting(
            match runner.stage() {
                Stage::At(id) | Stage::Ended(id) => id.clone(),
            },
            "run-what-more-answers",
        )
    })?;
    again.pauses = debrief.pauses.clone();
    again.notes = debrief.notes.clone();
    again.grades = debrief.grades.clone();
    again.feedback = debrief.feedback.clone();
    again.team_votes = debrief.team_votes.clone();
    again.assessment = debrief.assessment.clone();
    Ok(again)
}

/// One way a debrief and its replay differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The scenario's content changed since the drill.
    Scenario {
        /// The content hash then, shortened.
        then: String,
        /// The content hash now, shortened.
        now: String,
    },
    /// The replay reaches another ending or outcome.
    Ending {
        /// The recorded ending.
        recorded: String,
        /// The recorded outcome.
        recorded_outcome: Outcome,
        /// The ending the replay reaches.
        replayed: String,
        /// The outcome the replay reaches.
        replayed_outcome: Outcome,
    },
    /// A competency's points differ.
    Score {
        /// The competency.
        competency: String,
        /// The recorded points.
        recorded: i64,
        /// The replay's points.
        replayed: i64,
    },
    /// The decisions differ.
    Decisions {
        /// The first decision that differs, counted from 1.
        from: usize,
        /// How many decisions were recorded.
        recorded: usize,
        /// How many the replay makes.
        replayed: usize,
    },
    /// The events differ.
    Events {
        /// The first event that differs, counted from 1.
        from: usize,
    },
    /// Variables, red flags caught or random details differ.
    State,
    /// The debrief says it has another format than the one its replay is written in.
    Format {
        /// The format the debrief names.
        recorded: u32,
        /// The format of this version of Hotwash.
        replayed: u32,
    },
}

impl Difference {
    /// The difference as a sentence in the catalogue's language.
    pub fn words(&self, tr: &Tr) -> String {
        match self {
            Self::Scenario { then, now } => tr.t_text("replay-scenario-changed", &[("then", then), ("now", now)]),
            Self::Ending { recorded, recorded_outcome, replayed, replayed_outcome } => tr.t_text(
                "replay-ending-differs",
                &[
                    ("recorded", recorded),
                    ("recorded_outcome", &recorded_outcome.key()),
                    ("replayed", replayed),
                    ("replayed_outcome", &replayed_outcome.key()),
                ],
            ),
            Self::Score { competency, recorded, replayed } => tr.t_text(
                "replay-score-differs",
                &[("competency", competency), ("recorded", recorded), ("replayed", replayed)],
            ),
            Self::Decisions { from, recorded, replayed } => {
                tr.t_text("replay-decisions-differ", &[("from", from), ("recorded", recorded), ("replayed", replayed)])
            }
            Self::Events { from } => tr.t_text("replay-events-differ", &[("from", from)]),
            Self::State => tr.t("replay-state-differs"),
            Self::Format { recorded, replayed } => {
                tr.t_text("replay-format-differs", &[("recorded", recorded), ("replayed", replayed)])
            }
        }
    }
}

/// What differs between a debrief and its replay; empty when they match.
pub fn differences(recorded: &Debrief, replayed: &Debrief) -> Vec<Difference> {
    let mut out = Vec::new();
    if recorded.format != replayed.format {
        out.push(Difference::Format { recorded: recorded.format, replayed: replayed.format });
    }
    if recorded.scenario.hash != replayed.scenario.hash {
        out.push(Difference::Scenario {
            then: short(&recorded.scenario.hash).to_owned(),
            now: short(&replayed.scenario.hash).to_owned(),
        });
    }
    if recorded.ending != replayed.ending || recorded.outcome != replayed.outcome {
        out.push(Difference::Ending {
            recorded: recorded.ending.to_string(),
            recorded_outcome: recorded.outcome,
            replayed: replayed.ending.to_string(),
            replayed_outcome: replayed.outcome,
        });
    }
    if recorded.scores != replayed.scores {
        for c in recorded.scores.keys().chain(replayed.scores.keys()).collect::<BTreeSet<_>>() {
            let (a, b) = (recorded.scores.get(c).copied().unwrap_or(0), replayed.scores.get(c).copied().unwrap_or(0));
            if a != b {
                out.push(Difference::Score { competency: c.to_string(), recorded: a.into(), replayed: b.into() });
            }
        }
    }
    if recorded.decisions != replayed.decisions {
        let n = recorded.decisions.iter().zip(&replayed.decisions).take_while(|(a, b)| a == b).count();
        out.push(Difference::Decisions {
            from: n + 1,
            recorded: recorded.decisions.len(),
            replayed: replayed.decisions.len(),
        });
    }
    if recorded.events != replayed.events {
        let n = recorded.events.iter().zip(&replayed.events).take_while(|(a, b)| a == b).count();
        out.push(Difference::Events { from: n + 1 });
    }
    if recorded.variables != replayed.variables
        || recorded.caught != replayed.caught
        || recorded.fills != replayed.fills
        || recorded.shown_flags != replayed.shown_flags
    {
        out.push(Difference::State);
    }
    out
}

/// What differs between a debrief and its replay, as English sentences; empty when they match.
pub fn compare(recorded: &Debrief, replayed: &Debrief) -> Vec<String> {
    differences(recorded, replayed).iter().map(|d| d.words(Lang::En.tr())).collect()
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
