//! Scoring: the P / S / M / U scale, points per competency over a drill, and competency names.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::debrief::Debrief;
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

/// Points per competency over the decisions of a debrief.
pub fn competency_points(debrief: &Debrief) -> BTreeMap<CompetencyId, Points> {
    let mut out: BTreeMap<CompetencyId, Points> = BTreeMap::new();
    for (i, d) in debrief.decisions.iter().enumerate() {
        let keys: BTreeSet<&CompetencyId> = d.scores.keys().chain(d.expert.keys()).collect();
        for c in keys {
            let got = d.scores.get(c).copied().unwrap_or(0);
            let best = d.expert.get(c).copied().unwrap_or(0).max(got).max(0);
            let p = out.entry(c.clone()).or_default();
            p.earned = p.earned.saturating_add(got);
            p.possible = p.possible.saturating_add(best);
            if got < best {
                p.lost.push((i, got, best));
            }
        }
    }
    out
}

/// The name of a competency in a language: the standard six from the catalogue, others from the
/// scenario when known, else the id.
pub fn competency_name(id: &CompetencyId, language: &str, scenario: Option<&Scenario>) -> String {
    crate::engine::i18n::standard_competency_name(id, crate::engine::i18n::Lang::of(language))
        .or_else(|| scenario.and_then(|s| s.competencies.get(id)).map(|c| c.name.clone()))
        .unwrap_or_else(|| id.to_string())
}
