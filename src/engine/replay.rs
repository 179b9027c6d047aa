//! Replay: a debrief's seed and actions played again against its scenario, and what differs.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::debrief::{Action, Debrief};
use super::model::Scenario;
use super::runner::{Pick, RunError, Runner, Stage};
use super::times::WallMs;

/// Plays the seed and actions of `debrief` against `scenario` again and returns the debrief that
/// gives. Equal to the original when the record is genuine and the scenario unchanged.
pub fn replay(scenario: &Arc<Scenario>, debrief: &Debrief) -> Result<Debrief, RunError> {
    let start = WallMs(debrief.started_at);
    let mut runner =
        Runner::start_as(Arc::clone(scenario), debrief.seed, &debrief.trainee, start, debrief.order, debrief.timing)?;
    for action in &debrief.actions {
        // Let time pass first, as it did while the trainee thought: a timeout due before the
        // action is taken before it, exactly as in the original drill.
        let t = match action {
            Action::Choose { t, .. } | Action::Submit { t, .. } | Action::Reveal { t, .. } => *t,
        };
        runner.tick(start.plus(t))?;
        match action {
            Action::Choose { t, choice } => runner.choose(&Pick::Id(choice.clone()), start.plus(*t))?,
            Action::Submit { t, answer } => runner.submit(answer.clone(), start.plus(*t))?,
            Action::Reveal { t, field } => runner.reveal(field, start.plus(*t))?,
        }
    }
    runner.tick(start.plus(debrief.duration_ms))?;
    let mut again = runner.debrief(WallMs(debrief.ended_at)).ok_or_else(|| {
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
