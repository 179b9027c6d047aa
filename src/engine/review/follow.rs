//! Follow-up drills: what the review knows of the trainee's past plays and of the other drills in
//! the library, and which of them to suggest for the competencies that need work.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::words::Words;
use super::{FollowUp, Level, Rating, competency_points};
use crate::engine::debrief::Debrief;
use crate::engine::model::{CompetencyId, Outcome, Scenario};

/// One drill a trainee played before, for choosing follow-ups: the rating per competency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PastPlay {
    /// Scenario id.
    pub scenario: String,
    /// Its language.
    pub language: String,
    /// Who played.
    pub trainee: String,
    /// When it ended (wall clock).
    pub ended_at: u64,
    /// The rating per competency.
    pub levels: BTreeMap<CompetencyId, Level>,
    /// How the drill ended (none in summaries written before it was kept).
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

impl PastPlay {
    /// What a debrief says for follow-ups.
    pub fn of(debrief: &Debrief) -> Self {
        let levels = competency_points(debrief)
            .into_iter()
            .filter(|(_, p)| p.possible > 0 || p.earned != 0)
            .map(|(c, p)| (c, p.level()))
            .collect();
        Self {
            scenario: debrief.scenario.id.to_string(),
            language: debrief.scenario.language.clone(),
            trainee: debrief.trainee.clone(),
            ended_at: debrief.ended_at,
            levels,
            outcome: Some(debrief.outcome),
        }
    }
}

/// What the review needs to know of another drill to suggest it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrillSummary {
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Language.
    pub language: String,
    /// Competencies its decisions score.
    pub competencies: BTreeSet<CompetencyId>,
    /// The trainee's last play of it, when known.
    #[serde(default)]
    pub last: Option<PastPlay>,
}

impl DrillSummary {
    /// Summarises a scenario for the follow-up catalogue.
    pub fn of(s: &Scenario) -> Self {
        let competencies = s
            .all_choices()
            .flat_map(|(_, c)| c.scores.iter().filter(|(_, v)| **v > 0).map(|(k, _)| k.clone()))
            .collect();
        Self { id: s.id.to_string(), title: s.title.clone(), language: s.language.clone(), competencies, last: None }
    }

    /// The catalogue with each drill's last play by `trainee` from `plays`.
    pub fn with_history(catalog: Vec<Self>, plays: &[PastPlay], trainee: &str) -> Vec<Self> {
        catalog
            .into_iter()
            .map(|mut d| {
                d.last = plays
                    .iter()
                    .filter(|p| p.trainee == trainee && p.scenario == d.id && p.language == d.language)
                    .max_by_key(|p| p.ended_at)
                    .cloned();
                d
            })
            .collect()
    }
}

/// `d` as a follow-up for the competencies rated below P in `weak`, if it trains any: its rank
/// (0 when never played or last rated M or U in one of them, else 1), how much it trains what
/// is weakest (U counts 3, M 2, S 1), and the suggestion with its reason.
pub(super) fn follow_up(
    d: &DrillSummary,
    weak: &[&Rating],
    w: &Words,
) -> Option<(u8, std::cmp::Reverse<u32>, FollowUp)> {
    let need = |level: Level| match level {
        Level::P => 0,
        Level::S => 1,
        Level::M => 2,
        Level::U => 3,
    };
    let trained: Vec<&Rating> = weak.iter().copied().filter(|r| d.competencies.contains(&r.competency)).collect();
    let weight: u32 = trained.iter().map(|r| need(r.level)).sum();
    if weight == 0 {
        return None;
    }
    let what = trained.iter().map(|r| format!("{} ({})", r.name, r.level.letter())).collect::<Vec<_>>().join(", ");
    let last_weak = d.last.as_ref().and_then(|last| {
        trained
            .iter()
            .filter_map(|r| last.levels.get(&r.competency).map(|l| (r, *l)))
            .filter(|(_, l)| matches!(l, Level::M | Level::U))
            .max_by_key(|(_, l)| *l)
    });
    let (rank, history) = match (&d.last, last_weak) {
        (None, _) => (0, w.s("review-follow-up-new", &[])),
        (Some(_), Some((r, level))) => {
            (0, w.s("review-follow-up-weak", &[("competency", &r.name), ("level", &level.letter())]))
        }
        (Some(_), None) => (1, w.s("review-follow-up-played", &[])),
    };
    let reason = w.s("review-follow-up-reason", &[("trains", &what), ("history", &history)]);
    let trains = trained.iter().map(|r| r.name.clone()).collect();
    Some((rank, std::cmp::Reverse(weight), FollowUp { id: d.id.clone(), title: d.title.clone(), trains, reason }))
}
