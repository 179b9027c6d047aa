//! Scoring: the P / S / M / U scale, points per competency over a drill, and competency names.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::debrief::{Debrief, Event, Grade, ItemCoverage, Logged, Verdict};
use crate::engine::model::*;

/// A capability rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Performed without challenges.
    P,
    /// Performed with some challenges.
    S,
    /// Performed with major challenges.
    M,
    /// Unable to perform.
    U,
}

impl Level {
    /// The rating for points `earned` out of `possible`.
    pub fn from_points(earned: i32, possible: i32) -> Self {
        if earned < 0 || possible <= 0 {
            return if earned < 0 { Self::U } else { Self::P };
        }
        let ratio = f64::from(earned) / f64::from(possible);
        if ratio >= 0.85 {
            Self::P
        } else if ratio >= 0.6 {
            Self::S
        } else if ratio >= 0.3 {
            Self::M
        } else {
            Self::U
        }
    }

    /// The letter.
    pub fn letter(self) -> &'static str {
        match self {
            Self::P => "P",
            Self::S => "S",
            Self::M => "M",
            Self::U => "U",
        }
    }
}

/// Points in one competency over a drill.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Points {
    /// Points earned.
    pub earned: i32,
    /// Points available at the decisions met: the expert answers', or more where the trainee
    /// earned more in this competency with another answer.
    pub possible: i32,
    /// Decisions that cost points: (index in `decisions`, earned, available).
    pub lost: Vec<(usize, i32, i32)>,
}

impl Points {
    /// The P / S / M / U rating.
    pub fn level(&self) -> Level {
        Level::from_points(self.earned, self.possible)
    }
}

/// Points per competency over a debrief: its decisions (a written answer as its evaluator
/// graded it, where one did), the red flags spotted by flagging against those shown (a false
/// alarm costs a point), and the cost of unjustified reveals.
pub fn competency_points(debrief: &Debrief) -> BTreeMap<CompetencyId, Points> {
    let mut out: BTreeMap<CompetencyId, Points> = BTreeMap::new();
    for (i, d) in debrief.decisions.iter().enumerate() {
        let graded;
        let scores = if d.coverage.is_empty() {
            &d.scores
        } else {
            graded = graded_scores(debrief, i);
            &graded
        };
        let keys: BTreeSet<&CompetencyId> = scores.keys().chain(d.expert.keys()).collect();
        for c in keys {
            let got = scores.get(c).copied().unwrap_or(0);
            let best = d.expert.get(c).copied().unwrap_or(0).max(got).max(0);
            let p = out.entry(c.clone()).or_default();
            p.earned = p.earned.saturating_add(got);
            p.possible = p.possible.saturating_add(best);
            if got < best {
                p.lost.push((i, got, best));
            }
        }
    }
    if let Some(competency) = &debrief.spotting {
        let spotting = Spotting::of(debrief);
        if !spotting.shown.is_empty() || !spotting.false_alarms.is_empty() {
            let p = out.entry(competency.clone()).or_default();
            let shown = i32::try_from(spotting.shown.len()).unwrap_or(i32::MAX);
            let spotted = i32::try_from(spotting.spotted.len()).unwrap_or(i32::MAX);
            let false_alarms = i32::try_from(spotting.false_alarms.len()).unwrap_or(i32::MAX);
            p.possible = p.possible.saturating_add(shown);
            p.earned = p.earned.saturating_add(spotted).saturating_sub(false_alarms);
        }
    }
    for (_, verdict) in reveals(debrief) {
        if let Some(v) = verdict.filter(|v| !v.justified) {
            let p = out.entry(v.competency.clone()).or_default();
            p.earned = p.earned.saturating_sub(v.cost.max(0));
        }
    }
    out
}

/// The checklist items of written answer `index` as they count: the evaluator's latest grade of
/// an item where there is one, else the automatic one.
pub fn effective_checklist(debrief: &Debrief, index: usize) -> Vec<(&ItemCoverage, bool, Option<&Grade>)> {
    let Some(d) = debrief.decisions.get(index) else { return Vec::new() };
    d.coverage
        .iter()
        .map(|c| {
            let grade = debrief.grades.iter().rev().find(|g| g.decision == index + 1 && g.item == c.item);
            (c, grade.map_or(c.covered, |g| g.covered), grade)
        })
        .collect()
}

/// The points of decision `index` as they count: a written answer's as its evaluator graded it.
pub fn decision_scores(debrief: &Debrief, index: usize) -> BTreeMap<CompetencyId, i32> {
    match debrief.decisions.get(index) {
        Some(d) if d.coverage.is_empty() => d.scores.clone(),
        Some(_) => graded_scores(debrief, index),
        None => BTreeMap::new(),
    }
}

fn graded_scores(debrief: &Debrief, index: usize) -> BTreeMap<CompetencyId, i32> {
    let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
    for (c, covered, _) in effective_checklist(debrief, index) {
        if covered {
            let s = scores.entry(c.competency.clone()).or_default();
            *s = s.saturating_add(c.points);
        }
    }
    scores
}

/// The reveals of masked fields in a debrief, with their verdicts.
pub fn reveals(debrief: &Debrief) -> impl Iterator<Item = (&Logged, Option<&Verdict>)> {
    debrief.events.iter().filter_map(|l| match &l.event {
        Event::Revealed { verdict, .. } => Some((l, verdict.as_ref())),
        _ => None,
    })
}

/// Red flags as a drill met them: shown, spotted by flagging, caught through choices, missed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spotting {
    /// Red flags shown.
    pub shown: BTreeSet<RedFlagId>,
    /// Spotted by flagging what carried them.
    pub spotted: BTreeSet<RedFlagId>,
    /// Caught through the options chosen.
    pub caught: BTreeSet<RedFlagId>,
    /// Shown and neither spotted nor caught.
    pub missed: BTreeSet<RedFlagId>,
    /// Flags raised on things that carried no red flag: (drill time, flagged event, spot).
    pub false_alarms: Vec<(u64, usize, Spot)>,
}

impl Spotting {
    /// The red flags of a debrief.
    pub fn of(debrief: &Debrief) -> Self {
        let shown: BTreeSet<RedFlagId> = debrief.shown_flags.keys().cloned().collect();
        let mut spotted = BTreeSet::new();
        let mut false_alarms = Vec::new();
        for l in &debrief.events {
            if let Event::Flagged { event, spot, found, .. } = &l.event {
                if found.is_empty() {
                    false_alarms.push((l.t, *event, spot.clone()));
                }
                spotted.extend(found.iter().cloned());
            }
        }
        let caught: BTreeSet<RedFlagId> = debrief.caught.iter().filter(|f| shown.contains(*f)).cloned().collect();
        let missed = shown.iter().filter(|f| !spotted.contains(*f) && !caught.contains(*f)).cloned().collect();
        Self { shown, spotted, caught, missed, false_alarms }
    }
}

/// The name of a competency in a language: the standard six from the catalogue, others from the
/// scenario when known, else the id.
pub fn competency_name(id: &CompetencyId, language: &str, scenario: Option<&Scenario>) -> String {
    crate::engine::i18n::standard_competency_name(id, crate::engine::i18n::Lang::of(language))
        .or_else(|| scenario.and_then(|s| s.competencies.get(id)).map(|c| c.name.clone()))
        .unwrap_or_else(|| id.to_string())
}
