//! The team review: many debriefs side by side — the rating distribution per competency and who
//! is where, how the team chose at each decision point and where it went wrong most, the red flags
//! missed most, response times, each trainee's drills and trend, evaluator notes, and discussion
//! prompts for the hot wash. Rendered to Markdown, HTML and CSV.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hmac::{KeyInit as _, Mac as _};
use serde::Serialize;

use super::debrief::{Debrief, DecisionKind};
use super::model::*;
use super::review::{Level, cell, competency_name, competency_points, esc, seconds, utc};
use super::text::fill;

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

    /// The pseudonym of a name, e.g. `T-3f9a1c07`.
    pub fn of(&self, name: &str) -> String {
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.key) else { return "T-????????".to_owned() };
        mac.update(name.trim().to_lowercase().as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("T-{}", tag.iter().take(4).map(|b| format!("{b:02x}")).collect::<String>())
    }
}

/// One competency across the team.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompetencyRow {
    /// Competency id.
    pub id: CompetencyId,
    /// Its name.
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
    /// Red flags caught and shown.
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
    /// Questions for the team's hot wash.
    pub prompts: Vec<String>,
    /// Names were replaced by pseudonyms (file paths, which may hold names, are then left out).
    pub pseudonymized: bool,
}

fn median(mut v: Vec<u64>) -> u64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

impl TeamReview {
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
                let entry = by_level.entry(c.clone()).or_insert_with(|| (competency_name(c, "en", s), BTreeMap::new()));
                entry.1.entry(p.level()).or_default().push(trainee.clone());
                levels.insert(c.clone(), p.level());
            }
            let (earned, possible) = points.values().fold((0, 0), |(e, p), x| (e + x.earned, p + x.possible));
            for decision in &d.decisions {
                let key = (d.scenario.id.clone(), decision.node.clone());
                times.entry(key.clone()).or_default().push(decision.response_ms());
                let row = decisions.entry(key).or_insert_with(|| DecisionRow {
                    scenario: d.scenario.id.clone(),
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
                    if decision.checklist.iter().any(|(_, covered)| !covered) {
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
            for flag in d.shown_flags.keys() {
                let name = s.and_then(|s| s.red_flags.get(flag)).map_or_else(|| flag.to_string(), |f| f.name.clone());
                let row = flags.entry((d.scenario.id.clone(), flag.clone())).or_insert_with(|| FlagRow {
                    scenario: d.scenario.id.clone(),
                    name,
                    shown: 0,
                    missed: 0,
                });
                row.shown += 1;
                row.missed += usize::from(!d.caught.contains(flag));
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
            let caught = d.shown_flags.keys().filter(|f| d.caught.contains(*f)).count();
            trainees.entry(trainee).or_default().push(PlayedRow {
                source: source.clone(),
                title: d.scenario.title.clone(),
                scenario: d.scenario.id.clone(),
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
            let popular = row.choices.iter().find(|c| !c.expert);
            let why = popular
                .map(|c| {
                    format!(
                        " The most common other answer was “{}” ({} of {}). What made it tempting?",
                        c.text, c.count, row.met
                    )
                })
                .unwrap_or_default();
            if row.written {
                prompts.push(format!("At “{}” ({}), {} of {} written answers left out checklist items. Which items are hardest to remember under pressure?", row.label, row.scenario, row.wrong, row.met));
            } else {
                prompts.push(format!(
                    "At “{}” ({}), {} of {} did not give the expert answer.{why}",
                    row.label, row.scenario, row.wrong, row.met
                ));
            }
        }
        for f in flags.iter().filter(|f| f.missed > 0).take(2) {
            prompts.push(format!(
                "The red flag “{}” ({}) was missed in {} of {} drills. What would make it stand out on a real call?",
                f.name, f.scenario, f.missed, f.shown
            ));
        }
        if let Some(slow) = decisions.iter().max_by_key(|r| r.median_ms).filter(|r| r.median_ms > 0) {
            prompts.push(format!(
                "“{}” ({}) took the longest to answer (median {}). What slowed us down there?",
                slow.label,
                slow.scenario,
                seconds(slow.median_ms)
            ));
        }
        Self {
            debriefs: debriefs.len(),
            competencies,
            decisions,
            flags,
            trainees,
            notes,
            prompts,
            pseudonymized: pseudonyms.is_some(),
        }
    }

    /// The team review as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Team review\n\n{} debrief(s), {} trainee(s).\n", self.debriefs, self.trainees.len());
        let _ = writeln!(
            md,
            "## Ratings per competency\n\n| Competency | P | S | M | U | Who needs support (M, U) |\n|---|:-:|:-:|:-:|:-:|---|"
        );
        for c in &self.competencies {
            let n = |l: Level| c.by_level.get(&l).map_or(0, Vec::len);
            let mut who: Vec<&String> =
                [Level::M, Level::U].iter().filter_map(|l| c.by_level.get(l)).flatten().collect();
            who.sort();
            who.dedup();
            let who: Vec<String> = who.iter().map(|w| cell(w)).collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&c.name),
                n(Level::P),
                n(Level::S),
                n(Level::M),
                n(Level::U),
                who.join(", ")
            );
        }
        let _ = writeln!(md, "\n## Decision points, where most went wrong first\n");
        for r in &self.decisions {
            let _ = writeln!(
                md,
                "### {} ({} · `{}`)\n\n{} of {} {} · median {} · slowest {}\n",
                esc(&r.label),
                r.scenario,
                r.node,
                r.wrong,
                r.met,
                if r.written { "left out checklist items" } else { "did not give the expert answer" },
                seconds(r.median_ms),
                seconds(r.slowest_ms)
            );
            if !r.choices.is_empty() {
                let _ = writeln!(md, "| Answer | Chose | Share | Ended in harm |\n|---|--:|--:|--:|");
                for c in &r.choices {
                    let mark = if c.expert { " ✔" } else { "" };
                    let _ = writeln!(
                        md,
                        "| {}{mark} | {} | {}% | {} |",
                        cell(&c.text),
                        c.count,
                        (c.count * 100 + r.met / 2) / r.met.max(1),
                        c.harmed
                    );
                }
                md.push('\n');
            }
        }
        let _ =
            writeln!(md, "## Red flags, most missed first\n\n| Red flag | Drill | Missed | Shown |\n|---|---|--:|--:|");
        for f in &self.flags {
            let _ = writeln!(md, "| {} | {} | {} | {} |", cell(&f.name), f.scenario, f.missed, f.shown);
        }
        let _ = writeln!(md, "\n## Trainees\n");
        for t in &self.trainees {
            let _ = writeln!(
                md,
                "### {}\n\n| Started | Drill | Outcome | Points | Red flags | Time |\n|---|---|---|--:|--:|--:|",
                esc(&t.name)
            );
            for p in &t.played {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {:.0}% | {}/{} | {} |",
                    p.started,
                    cell(&p.title),
                    p.outcome.key(),
                    p.score * 100.0,
                    p.flags.0,
                    p.flags.1,
                    super::review::clock(p.duration_ms)
                );
            }
            if let (Some(first), Some(last)) = (t.played.first(), t.played.last())
                && t.played.len() > 1
            {
                let trend = if last.score > first.score + 0.05 {
                    "improving"
                } else if last.score + 0.05 < first.score {
                    "declining"
                } else {
                    "steady"
                };
                let _ = writeln!(md, "\nTrend: {trend} ({:.0}% → {:.0}%).", first.score * 100.0, last.score * 100.0);
            }
            md.push('\n');
        }
        if !self.notes.is_empty() {
            let _ = writeln!(md, "## Evaluator notes\n");
            for n in &self.notes {
                let _ = writeln!(
                    md,
                    "- **{}**, {}, {}: {} — *{}*",
                    esc(&n.trainee),
                    esc(&n.title),
                    esc(&n.decision),
                    esc(&n.text),
                    esc(&n.author)
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "## For the hot wash\n");
        for (i, p) in self.prompts.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, esc(p));
        }
        md
    }

    /// The team review as one self-contained HTML page.
    pub fn to_html(&self) -> String {
        super::review::markdown_page(&self.to_markdown(), "Team review", "en")
    }

    /// One row per debrief, for spreadsheets.
    pub fn to_csv(&self) -> String {
        let competencies: Vec<&CompetencyRow> = self.competencies.iter().collect();
        let mut header = vec![
            "trainee",
            "scenario",
            "language",
            "started",
            "outcome",
            "drill_seconds",
            "points_share",
            "flags_caught",
            "flags_shown",
            "source",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
        header.extend(competencies.iter().map(|c| c.id.to_string()));
        let mut out = header.iter().map(|h| csv(h)).collect::<Vec<_>>().join(",");
        out.push('\n');
        for t in &self.trainees {
            for p in &t.played {
                let mut row = vec![
                    t.name.clone(),
                    p.scenario.clone(),
                    p.language.clone(),
                    p.started.clone(),
                    p.outcome.key().to_owned(),
                    (p.duration_ms / 1000).to_string(),
                    format!("{:.3}", p.score),
                    p.flags.0.to_string(),
                    p.flags.1.to_string(),
                    if self.pseudonymized { "(withheld)".to_owned() } else { p.source.clone() },
                ];
                row.extend(
                    competencies.iter().map(|c| p.levels.get(&c.id).map_or(String::new(), |l| l.letter().to_owned())),
                );
                out.push_str(&row.iter().map(|v| csv(v)).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
        }
        out
    }
}

fn csv(value: &str) -> String {
    // Quote every field; a leading `=`, `+`, `-` or `@` is neutralised so spreadsheets do not run it.
    let value = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}
