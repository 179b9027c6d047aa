//! The team review: many debriefs side by side — the rating distribution per competency and who
//! is where, how the team chose at each decision point and where it went wrong most, the red flags
//! missed most, response times, each trainee's drills and trend, evaluator notes, and discussion
//! prompts for the hot wash. Rendered to Markdown, HTML and CSV in either language (`team/render.rs`).

use std::collections::BTreeMap;

use hmac::{KeyInit as _, Mac as _};
use serde::Serialize;

use super::debrief::{Debrief, DecisionKind};
use super::model::*;
use super::review::{Level, Spotting, competency_name, competency_points, effective_checklist, utc};
use super::text::fill;

mod render;
mod votes;
pub use votes::TeamVotesRow;

/// Stable pseudonyms from a local secret key: the same name always gives the same pseudonym with
/// the same key, and without the key a pseudonym cannot be linked back to a name.
pub struct Pseudonyms {
    key: Vec<u8>,
}

impl Pseudonyms {
    /// Pseudonyms under this key.
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    /// The pseudonym of a name for people to read, e.g. `T-3f9a1c07` (32 bits: distinct within
    /// a team, not across an organisation).
    pub fn of(&self, name: &str) -> String {
        self.tagged(name, 4)
    }

    /// The pseudonym of a name as an account in a Learning Record Store, e.g.
    /// `T-3f9a1c07d2e4b611`: 64 bits, so that no two of an organisation's trainees share one.
    /// It begins with the same 8 digits as [`Pseudonyms::of`].
    pub fn account(&self, name: &str) -> String {
        self.tagged(name, 8)
    }

    fn tagged(&self, name: &str, bytes: usize) -> String {
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.key) else { return "T-????????".to_owned() };
        mac.update(name.trim().to_lowercase().as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("T-{}", tag.iter().take(bytes).map(|b| format!("{b:02x}")).collect::<String>())
    }
}

/// One competency across the team.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompetencyRow {
    /// Competency id.
    pub id: CompetencyId,
    /// Its name, as the scenario's language or the scenario itself names it (the standard six
    /// are shown in the language a rendering asks for).
    pub name: String,
    /// Who was rated what (trainee names, one entry per debrief).
    pub by_level: BTreeMap<Level, Vec<String>>,
}

/// One option at a decision point, as the team chose it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChoiceRow {
    /// Choice id (`timeout` rows use the timeout's id).
    pub id: ChoiceId,
    /// Its text.
    pub text: String,
    /// How many chose it.
    pub count: usize,
    /// Is it the expert answer?
    pub expert: bool,
    /// How many of the drills in which it was chosen ended in harm.
    pub harmed: usize,
}

/// One decision point across the team.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionRow {
    /// Scenario id.
    pub scenario: String,
    /// Node id.
    pub node: NodeId,
    /// Its label.
    pub label: String,
    /// How many met it.
    pub met: usize,
    /// How many did not give the expert answer (for a written answer: left out checklist items).
    pub wrong: usize,
    /// A written answer rather than a choice.
    pub written: bool,
    /// The options chosen, most chosen first.
    pub choices: Vec<ChoiceRow>,
    /// Median response time in ms.
    pub median_ms: u64,
    /// Slowest response time in ms.
    pub slowest_ms: u64,
}

/// One red flag across the team.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlagRow {
    /// Scenario id.
    pub scenario: String,
    /// Red flag name.
    pub name: String,
    /// Drills in which it was shown.
    pub shown: usize,
    /// Drills in which it was missed.
    pub missed: usize,
}

/// One drill of one trainee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlayedRow {
    /// Where the debrief came from.
    pub source: String,
    /// Scenario title.
    pub title: String,
    /// Scenario id.
    pub scenario: String,
    /// Language.
    pub language: String,
    /// Start, UTC.
    pub started: String,
    /// Start, wall-clock ms (for ordering).
    pub started_at: u64,
    /// Outcome.
    pub outcome: Outcome,
    /// Drill time in ms.
    pub duration_ms: u64,
    /// Rating per competency.
    pub levels: BTreeMap<CompetencyId, Level>,
    /// Share of points earned over points available, all competencies together.
    pub score: f64,
    /// Red flags recognised (spotted by a flag or caught through a choice) and shown.
    pub flags: (usize, usize),
}

/// One trainee across their drills.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraineeRow {
    /// Name (or pseudonym).
    pub name: String,
    /// Their drills, oldest first.
    pub played: Vec<PlayedRow>,
}

impl TraineeRow {
    /// Per competency the trainee was rated in: their first and their latest rating.
    pub fn progress(&self) -> Vec<(CompetencyId, Level, Level)> {
        let mut out: BTreeMap<CompetencyId, (Level, Level)> = BTreeMap::new();
        for p in &self.played {
            for (c, level) in &p.levels {
                out.entry(c.clone()).and_modify(|(_, last)| *last = *level).or_insert((*level, *level));
            }
        }
        out.into_iter().map(|(c, (first, last))| (c, first, last)).collect()
    }
}

/// One trainee's result on an assessment set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentRow {
    /// The set's name.
    pub name: String,
    /// Trainee (or pseudonym).
    pub trainee: String,
    /// Drills played of the set, and its size.
    pub done: (usize, usize),
    /// Every drill played and passed.
    pub passed: bool,
}

/// A note shown in the team review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteRow {
    /// Trainee.
    pub trainee: String,
    /// Scenario title.
    pub title: String,
    /// Decision label.
    pub decision: String,
    /// Who wrote it.
    pub author: String,
    /// The note.
    pub text: String,
}

/// What trainees thought of one drill: their latest rating on each of their plays, and comments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeedbackRow {
    /// Scenario title.
    pub title: String,
    /// Ratings given.
    pub ratings: usize,
    /// Their average, in stars.
    pub average: f64,
    /// Each comment: trainee, stars, text.
    pub comments: Vec<(String, u8, String)>,
}

/// A question for the team's hot wash, put into words in a language by [`Prompt::text`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Prompt {
    /// Many did not give the expert answer at a decision point.
    Decision {
        /// Decision label.
        label: String,
        /// Scenario id.
        scenario: String,
        /// How many did not give the expert answer.
        wrong: usize,
        /// How many met the decision.
        met: usize,
        /// The most chosen other answer and how many chose it.
        other: Option<(String, usize)>,
    },
    /// Written answers left out checklist items.
    Written {
        /// Decision label.
        label: String,
        /// Scenario id.
        scenario: String,
        /// Answers that left items out.
        wrong: usize,
        /// Answers given.
        met: usize,
    },
    /// A red flag was missed often.
    Flag {
        /// Red flag name.
        flag: String,
        /// Scenario id.
        scenario: String,
        /// Drills in which it was missed.
        missed: usize,
        /// Drills in which it was shown.
        shown: usize,
    },
    /// Team members voted sure for answers that were not the expert's.
    SureAndWrong {
        /// The team.
        team: String,
        /// Such votes.
        votes: usize,
        /// Votes cast sure.
        sure: usize,
    },
    /// The decision that took longest to answer.
    Slow {
        /// Decision label.
        label: String,
        /// Scenario id.
        scenario: String,
        /// Median response time in ms.
        median_ms: u64,
    },
}

/// Many debriefs reviewed together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamReview {
    /// Debriefs included.
    pub debriefs: usize,
    /// Per competency, in the standard order then others.
    pub competencies: Vec<CompetencyRow>,
    /// Per decision point, where most went wrong first.
    pub decisions: Vec<DecisionRow>,
    /// Red flags, most missed first.
    pub flags: Vec<FlagRow>,
    /// Per trainee.
    pub trainees: Vec<TraineeRow>,
    /// Evaluator notes.
    pub notes: Vec<NoteRow>,
    /// Trainees' ratings and comments on the drills, by drill.
    pub feedback: Vec<FeedbackRow>,
    /// Results on the curriculum's assessment sets (see [`TeamReview::with_assessments`]).
    pub assessments: Vec<AssessmentRow>,
    /// Team drills: alignment, expert answers and sure-but-wrong votes, per team and session.
    pub team_votes: Vec<TeamVotesRow>,
    /// Questions for the team's hot wash.
    pub prompts: Vec<Prompt>,
    /// Names were replaced by pseudonyms (file paths, which may hold names, are then left out).
    pub pseudonymized: bool,
}

fn median(mut v: Vec<u64>) -> u64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

impl TeamReview {
    /// Adds each trainee's result on every assessment set of `curriculum` that `debriefs` were
    /// played for, in the curriculum's language `lang` for names.
    pub fn with_assessments(
        mut self,
        curriculum: &crate::engine::path::Curriculum,
        debriefs: &[(String, Debrief)],
        pseudonyms: Option<&Pseudonyms>,
        lang: &str,
    ) -> Self {
        let plays: Vec<(crate::engine::review::PastPlay, Option<String>)> =
            debriefs.iter().map(|(_, d)| (crate::engine::review::PastPlay::of(d), d.assessment.clone())).collect();
        for set in &curriculum.assessments {
            let trainees = crate::engine::path::distinct_trainees(
                plays.iter().filter(|(_, a)| a.as_deref() == Some(set.id.as_str())).map(|(p, _)| p.trainee.as_str()),
            );
            for trainee in trainees {
                let result = crate::engine::path::assessment_result(curriculum, set, &plays, &trainee);
                let done =
                    result.drills.iter().filter(|(_, s)| *s != crate::engine::path::DrillState::NotPlayed).count();
                self.assessments.push(AssessmentRow {
                    name: set.name.get(lang).to_owned(),
                    trainee: pseudonyms.map_or_else(|| trainee.clone(), |p| p.of(&trainee)),
                    done: (done, result.drills.len()),
                    passed: result.complete() && result.passed(),
                });
            }
        }
        self
    }

    /// Aggregates `debriefs` (each with the name of its source); `scenario` finds the scenario a
    /// debrief was played on, for names and labels (ids are shown when it is not found);
    /// `pseudonyms` replaces trainee names when given.
    pub fn build<'s>(
        debriefs: &[(String, Debrief)],
        scenario: impl Fn(&Debrief) -> Option<&'s Scenario>,
        pseudonyms: Option<&Pseudonyms>,
    ) -> Self {
        let name_of = |d: &Debrief| pseudonyms.map_or_else(|| d.trainee.clone(), |p| p.of(&d.trainee));
        let mut by_level: BTreeMap<CompetencyId, (String, BTreeMap<Level, Vec<String>>)> = BTreeMap::new();
        let mut decisions: BTreeMap<(String, NodeId), DecisionRow> = BTreeMap::new();
        let mut times: BTreeMap<(String, NodeId), Vec<u64>> = BTreeMap::new();
        let mut flags: BTreeMap<(String, RedFlagId), FlagRow> = BTreeMap::new();
        let mut trainees: BTreeMap<String, Vec<PlayedRow>> = BTreeMap::new();
        let mut notes = Vec::new();
        let mut feedback: BTreeMap<String, FeedbackRow> = BTreeMap::new();
        for (source, d) in debriefs {
            let s = scenario(d);
            let trainee = name_of(d);
            let label = |node: &NodeId| s.map_or_else(|| node.to_string(), |s| fill(s.node_label(node), &d.fills));
            let points = competency_points(d);
            let mut levels = BTreeMap::new();
            for (c, p) in &points {
                if p.possible <= 0 && p.earned == 0 {
                    continue;
                }
                let entry = by_level
                    .entry(c.clone())
                    .or_insert_with(|| (competency_name(c, &d.scenario.language, s), BTreeMap::new()));
                entry.1.entry(p.level()).or_default().push(trainee.clone());
                levels.insert(c.clone(), p.level());
            }
            let (earned, possible) = points.values().fold((0, 0), |(e, p), x| (e + x.earned, p + x.possible));
            for (index, decision) in d.decisions.iter().enumerate() {
                let key = (d.scenario.id.to_string(), decision.node.clone());
                times.entry(key.clone()).or_default().push(decision.response_ms());
                let row = decisions.entry(key).or_insert_with(|| DecisionRow {
                    scenario: d.scenario.id.to_string(),
                    node: decision.node.clone(),
                    label: label(&decision.node),
                    met: 0,
                    wrong: 0,
                    written: decision.kind == DecisionKind::Input,
                    choices: Vec::new(),
                    median_ms: 0,
                    slowest_ms: 0,
                });
                row.met += 1;
                let expert =
                    s.and_then(|s| s.nodes.get(&decision.node)).and_then(Node::expert_choice).map(|c| c.id.clone());
                let Some(choice) = &decision.choice else {
                    // A written answer: wrong when it left out checklist items.
                    let graded = effective_checklist(d, index);
                    let left_out = if graded.is_empty() {
                        decision.checklist.iter().any(|(_, covered)| !covered)
                    } else {
                        graded.iter().any(|(_, covered, _)| !covered)
                    };
                    if left_out {
                        row.wrong += 1;
                    }
                    continue;
                };
                let is_expert = expert.as_ref() == Some(choice) && decision.kind != DecisionKind::Timeout;
                if !is_expert {
                    row.wrong += 1;
                }
                let text = s
                    .and_then(|s| s.choice(choice))
                    .map_or_else(|| choice.to_string(), |(_, c)| fill(&c.text, &d.fills));
                let harmed = usize::from(d.outcome == Outcome::Harmed);
                match row.choices.iter_mut().find(|c| c.id == *choice) {
                    Some(c) => {
                        c.count += 1;
                        c.harmed += harmed;
                    }
                    None => {
                        row.choices.push(ChoiceRow { id: choice.clone(), text, count: 1, expert: is_expert, harmed });
                    }
                }
            }
            // Missed: shown, and neither spotted by a flag nor caught through a choice.
            let spotting = Spotting::of(d);
            for flag in d.shown_flags.keys() {
                let name = s.and_then(|s| s.red_flags.get(flag)).map_or_else(|| flag.to_string(), |f| f.name.clone());
                let row = flags.entry((d.scenario.id.to_string(), flag.clone())).or_insert_with(|| FlagRow {
                    scenario: d.scenario.id.to_string(),
                    name,
                    shown: 0,
                    missed: 0,
                });
                row.shown += 1;
                row.missed += usize::from(spotting.missed.contains(flag));
            }
            if let Some(f) = d.feedback.last() {
                let row = feedback.entry(d.scenario.title.clone()).or_insert_with(|| FeedbackRow {
                    title: d.scenario.title.clone(),
                    ratings: 0,
                    average: 0.0,
                    comments: Vec::new(),
                });
                row.average = (row.average * row.ratings as f64 + f64::from(f.stars)) / (row.ratings + 1) as f64;
                row.ratings += 1;
                if !f.comment.is_empty() {
                    row.comments.push((trainee.clone(), f.stars, f.comment.clone()));
                }
            }
            for note in &d.notes {
                notes.push(NoteRow {
                    trainee: trainee.clone(),
                    title: d.scenario.title.clone(),
                    decision: format!("{}. {}", note.decision, label(&note.node)),
                    author: pseudonyms.map_or_else(|| note.author.clone(), |p| p.of(&note.author)),
                    text: note.text.clone(),
                });
            }
            let shown = d.shown_flags.len();
            let caught = shown - spotting.missed.len();
            trainees.entry(trainee).or_default().push(PlayedRow {
                source: source.clone(),
                title: d.scenario.title.clone(),
                scenario: d.scenario.id.to_string(),
                language: d.scenario.language.clone(),
                started: utc(d.started_at),
                started_at: d.started_at,
                outcome: d.outcome,
                duration_ms: d.duration_ms,
                levels,
                score: if possible > 0 { f64::from(earned.max(0)) / f64::from(possible) } else { 1.0 },
                flags: (caught, shown),
            });
        }
        let mut decisions: Vec<DecisionRow> = decisions
            .into_iter()
            .map(|(key, mut row)| {
                let t = times.remove(&key).unwrap_or_default();
                row.slowest_ms = t.iter().copied().max().unwrap_or(0);
                row.median_ms = median(t);
                row.choices.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
                row
            })
            .collect();
        decisions.sort_by(|a, b| {
            let share = |r: &DecisionRow| r.wrong * 1000 / r.met.max(1);
            share(b)
                .cmp(&share(a))
                .then(b.met.cmp(&a.met))
                .then_with(|| (&a.scenario, &a.node).cmp(&(&b.scenario, &b.node)))
        });
        let mut flags: Vec<FlagRow> = flags.into_values().collect();
        flags.sort_by(|a, b| {
            b.missed
                .cmp(&a.missed)
                .then(b.shown.cmp(&a.shown))
                .then_with(|| (&a.scenario, &a.name).cmp(&(&b.scenario, &b.name)))
        });
        let order: Vec<CompetencyId> = STANDARD_COMPETENCIES.iter().map(|c| CompetencyId::from(*c)).collect();
        let mut competencies: Vec<CompetencyRow> =
            by_level.into_iter().map(|(id, (name, by_level))| CompetencyRow { id, name, by_level }).collect();
        competencies.sort_by_key(|c| (order.iter().position(|o| *o == c.id).unwrap_or(usize::MAX), c.id.clone()));
        let trainees: Vec<TraineeRow> = trainees
            .into_iter()
            .map(|(name, mut played)| {
                played.sort_by_key(|p| p.started_at);
                TraineeRow { name, played }
            })
            .collect();
        let mut prompts = Vec::new();
        for row in decisions.iter().filter(|r| r.wrong > 0).take(3) {
            let (label, scenario, wrong, met) = (row.label.clone(), row.scenario.clone(), row.wrong, row.met);
            if row.written {
                prompts.push(Prompt::Written { label, scenario, wrong, met });
            } else {
                let other = row.choices.iter().find(|c| !c.expert).map(|c| (c.text.clone(), c.count));
                prompts.push(Prompt::Decision { label, scenario, wrong, met, other });
            }
        }
        for f in flags.iter().filter(|f| f.missed > 0).take(2) {
            prompts.push(Prompt::Flag {
                flag: f.name.clone(),
                scenario: f.scenario.clone(),
                missed: f.missed,
                shown: f.shown,
            });
        }
        if let Some(slow) = decisions.iter().max_by_key(|r| r.median_ms).filter(|r| r.median_ms > 0) {
            prompts.push(Prompt::Slow {
                label: slow.label.clone(),
                scenario: slow.scenario.clone(),
                median_ms: slow.median_ms,
            });
        }
        let team_votes = votes::team_votes_rows(debriefs, &scenario, name_of);
        let mut sure_and_wrong: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for row in &team_votes {
            let entry = sure_and_wrong.entry(&row.team).or_default();
            entry.0 += row.sure_and_wrong;
            entry.1 += row.sure;
        }
        for (team, (votes, sure)) in sure_and_wrong.into_iter().filter(|(_, (v, _))| *v > 0) {
            prompts.push(Prompt::SureAndWrong { team: team.to_owned(), votes, sure });
        }
        Self {
            debriefs: debriefs.len(),
            team_votes,
            competencies,
            decisions,
            flags,
            trainees,
            notes,
            feedback: feedback.into_values().collect(),
            assessments: Vec::new(),
            prompts,
            pseudonymized: pseudonyms.is_some(),
        }
    }
}
