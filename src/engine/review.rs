//! The after-action review of one debrief: the four classic questions, a P / S / M / U rating
//! per competency with its reasons, and the trainee's written answers against their checklists.
//! [`Review::build`] derives it; [`Review::to_markdown`] and [`Review::to_html`] render it in the
//! scenario's language.

use crate::engine::votes::{alignment_name, taken_name, vote_words};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::debrief::Event;
use super::debrief::{Debrief, DecisionKind};
use super::i18n::Lang;
use super::model::*;
use super::shown::{Shown, describe, flagged_text};
use super::text::fill;

mod answers;
mod follow;
mod render;
mod score;
mod words;

pub use answers::{ItemReview, ReportReview};
use follow::follow_up;
pub use follow::{DrillSummary, PastPlay};

pub use super::text::{mm_ss, seconds, utc};
pub(crate) use render::{cell, esc};
pub use render::{escape_markdown, markdown_page};
pub use score::{
    Level, Points, Spotting, competency_name, competency_points, decision_scores, effective_checklist, reveals,
};
use words::Words;

/// One competency's rating.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// Competency id.
    pub competency: CompetencyId,
    /// Its name in the review's language.
    pub name: String,
    /// The rating.
    pub level: Level,
    /// Points earned.
    pub earned: i32,
    /// Points the expert answers would have earned at the same decisions.
    pub possible: i32,
    /// Why: the decisions that cost points, or what went well.
    pub reasons: Vec<String>,
}

/// A step of the expert path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpertStep {
    /// The decision point.
    pub label: String,
    /// The expert answer.
    pub answer: String,
}

/// A row of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    /// Drill time in milliseconds.
    pub t: u64,
    /// What happened.
    pub what: String,
    /// The response time, on a decision.
    pub response_ms: Option<u64>,
}

/// A law or policy cited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// Short citation.
    pub title: String,
    /// What it says.
    pub text: String,
}

/// One decision explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionReview {
    /// The decision point.
    pub label: String,
    /// What the trainee did.
    pub chosen: String,
    /// Timed out instead of choosing.
    pub timed_out: bool,
    /// The choice was the expert answer.
    pub best: bool,
    /// In a role play: answered aloud in the trainee's own words, matched to `chosen`.
    #[serde(default)]
    pub matched: bool,
    /// Total points earned here.
    pub points: i32,
    /// Why it was right or wrong.
    pub feedback: String,
    /// The expert answer and its feedback, when the trainee chose otherwise.
    pub expert: Option<(String, String)>,
    /// Law and policy cited.
    pub cites: Vec<Citation>,
    /// How long the trainee took.
    pub response_ms: u64,
    /// In a team drill: the votes that took this decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamVoteReview>,
}

/// A team's votes at one decision, as the review words them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamVoteReview {
    /// Each vote: who, for what, how sure.
    pub votes: Vec<String>,
    /// How aligned the team was.
    pub alignment: String,
    /// How the answer was reached.
    pub taken: String,
    /// Who voted for the expert answer.
    pub chose_expert: Vec<String>,
    /// Who was sure and voted for another answer.
    pub sure_and_wrong: Vec<String>,
}

/// A red flag in the review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagReview {
    /// Name.
    pub name: String,
    /// Why it is a warning sign.
    pub description: String,
    /// Where it appeared.
    pub seen_at: String,
}

/// A masked field the trainee revealed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevealReview {
    /// The field's label.
    pub field: String,
    /// Where.
    pub at: String,
    /// Justified, not justified, or not assessed (the field sets no rule).
    pub justified: Option<bool>,
    /// Why not, for an unjustified reveal.
    pub feedback: String,
    /// What it cost, as “-2 data protection”.
    pub cost: String,
}

/// A drill suggested as follow-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The competencies it trains that need work.
    pub trains: Vec<String>,
    /// Why it is suggested: what it trains, and what the trainee's history says.
    #[serde(default)]
    pub reason: String,
}

/// The after-action review of one drill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Language of the review.
    pub language: String,
    /// Scenario title.
    pub title: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Who played.
    pub trainee: String,
    /// Start, as a UTC date and time.
    pub started: String,
    /// The seed.
    pub seed: u64,
    /// Drill time in milliseconds.
    pub duration_ms: u64,
    /// The outcome.
    pub outcome: Outcome,
    /// The ending's title.
    pub ending_title: String,
    /// The ending's summary.
    pub ending_summary: String,
    /// Ratings per competency.
    pub ratings: Vec<Rating>,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// The expert path from the start.
    pub expert_path: Vec<ExpertStep>,
    /// What happened.
    pub timeline: Vec<TimelineRow>,
    /// Every decision explained.
    pub decisions: Vec<DecisionReview>,
    /// Red flags caught through the options chosen.
    pub caught: Vec<FlagReview>,
    /// Red flags spotted by flagging what carried them.
    #[serde(default)]
    pub spotted: Vec<FlagReview>,
    /// Red flags shown but neither spotted nor caught.
    pub missed: Vec<FlagReview>,
    /// Flags raised on things that carried no red flag: what was flagged.
    #[serde(default)]
    pub false_alarms: Vec<String>,
    /// How many red flags were shown.
    #[serde(default)]
    pub flags_shown: usize,
    /// Masked fields revealed, justified or not.
    #[serde(default)]
    pub reveals: Vec<RevealReview>,
    /// What to keep doing.
    pub sustain: Vec<String>,
    /// What to change.
    pub improve: Vec<String>,
    /// Steps of the improvement plan.
    pub plan: Vec<String>,
    /// Drills to play next.
    pub follow_ups: Vec<FollowUp>,
    /// Written answers.
    pub reports: Vec<ReportReview>,
    /// Evaluator notes: (decision label, author, note).
    pub notes: Vec<(String, String, String)>,
}

impl Review {
    /// Builds the review of `debrief`, played on `scenario`; `catalog` lists the drills that can
    /// be suggested as follow-ups.
    pub fn build(scenario: &Scenario, debrief: &Debrief, catalog: &[DrillSummary]) -> Self {
        let w = Words::of(&scenario.language);
        let f = |text: &str| fill(text, &debrief.fills);
        let ending = scenario.endings.get(&debrief.ending);
        let competency_name = |id: &CompetencyId| f(&competency_name(id, &scenario.language, Some(scenario)));
        let choice_text = |id: &ChoiceId| scenario.choice(id).map_or_else(|| id.to_string(), |(_, c)| f(&c.text));
        let label = |id: &NodeId| f(scenario.node_label(id));

        // Ratings: points earned against the expert answers at the decisions the trainee met.
        let points = competency_points(debrief);
        let mut reasons: BTreeMap<CompetencyId, Vec<String>> = BTreeMap::new();
        for (c, p) in &points {
            for &(i, got, best) in &p.lost {
                let d = &debrief.decisions[i];
                let reason = match &d.choice {
                    Some(choice) => w.s(
                        "review-lost-points",
                        &[("label", &label(&d.node)), ("choice", &choice_text(choice)), ("got", &got), ("best", &best)],
                    ),
                    None => w.s("review-lost-check", &[("label", &label(&d.node)), ("got", &got), ("best", &best)]),
                };
                reasons.entry(c.clone()).or_default().push(reason);
            }
        }
        // Red flags as this drill met them: for the ratings' reasons and for section 3.
        let spotting = Spotting::of(debrief);
        if let Some(competency) = &debrief.spotting
            && (spotting.spotted.len() < spotting.shown.len() || !spotting.false_alarms.is_empty())
        {
            let reason = w.s(
                "review-lost-spotting",
                &[
                    ("spotted", &spotting.spotted.len()),
                    ("shown", &spotting.shown.len()),
                    ("false", &spotting.false_alarms.len()),
                ],
            );
            reasons.entry(competency.clone()).or_default().push(reason);
        }
        for (logged, verdict) in score::reveals(debrief) {
            if let (Event::Revealed { field, node, .. }, Some(v)) = (&logged.event, verdict.filter(|v| !v.justified)) {
                let reason = w.s("review-lost-reveal", &[("field", field), ("label", &label(node)), ("cost", &v.cost)]);
                reasons.entry(v.competency.clone()).or_default().push(reason);
            }
        }
        let earned: BTreeMap<CompetencyId, i32> = points.iter().map(|(c, p)| (c.clone(), p.earned)).collect();
        let possible: BTreeMap<CompetencyId, i32> = points.iter().map(|(c, p)| (c.clone(), p.possible)).collect();
        let mut order: Vec<CompetencyId> = STANDARD_COMPETENCIES
            .iter()
            .map(|c| CompetencyId::from(*c))
            .chain(scenario.competencies.keys().cloned())
            .collect();
        order.retain(|c| earned.contains_key(c) && (possible.get(c).copied().unwrap_or(0) > 0 || earned[c] != 0));
        let ratings: Vec<Rating> = order
            .into_iter()
            .map(|c| {
                let (e, p) = (earned[&c], possible.get(&c).copied().unwrap_or(0));
                let reasons = reasons.remove(&c).unwrap_or_else(|| vec![w.t("review-full-points")]);
                Rating {
                    name: competency_name(&c),
                    level: Level::from_points(e, p),
                    earned: e,
                    possible: p,
                    reasons,
                    competency: c,
                }
            })
            .collect();

        // 1. The expert path.
        let expert_path: Vec<ExpertStep> = scenario
            .expert_path()
            .into_iter()
            .map(|(id, choice)| ExpertStep { label: label(id), answer: f(&choice.text) })
            .collect();

        // 2. The timeline, from the entries every host shows.
        let mut timeline = Vec::new();
        let mut decisions_iter = debrief.decisions.iter();
        for logged in &debrief.events {
            let (what, response_ms) = match describe(scenario, &debrief.fills, &debrief.events, logged) {
                // In a role play, what the role-player said of their own is marked as such.
                Shown::Line { speaker, text, inject: false, .. }
                    if matches!(logged.event, Event::Line { ad_lib: true, .. }) =>
                {
                    let who = speaker.map(|s| s.name).unwrap_or_default();
                    (w.s("review-ad-lib", &[("who", &who), ("text", &text)]), None)
                }
                Shown::Line { speaker, text, inject: false, .. } => match speaker {
                    Some(who) if !who.name.is_empty() => {
                        (w.s("review-said", &[("who", &who.name), ("text", &text)]), None)
                    }
                    _ => (text, None),
                },
                Shown::Line { speaker, text, inject: true, .. } => {
                    let who = speaker.map(|s| s.name).unwrap_or_default();
                    (w.s("review-interruption", &[("who", &who), ("text", &text)]), None)
                }
                Shown::Artefact { artefact, .. } => {
                    (w.s("review-shown", &[("what", &w.artefact_title(&artefact))]), None)
                }
                Shown::Input { prompt, .. } => (w.s("review-asked", &[("prompt", &prompt)]), None),
                Shown::Choices { .. } => continue,
                Shown::You { text, timed_out, .. } => {
                    let decision = decisions_iter.next();
                    let row = if timed_out {
                        "review-timeout-row"
                    } else if decision.is_some_and(|d| d.matched) {
                        "review-matched-row"
                    } else {
                        "review-chose"
                    };
                    (w.s(row, &[("choice", &text)]), decision.map(|d| d.response_ms()))
                }
                Shown::Answered { .. } => (w.t("review-answered-row"), decisions_iter.next().map(|d| d.response_ms())),
                Shown::Revealed { field, .. } => (w.s("review-revealed-row", &[("field", &field)]), None),
                Shown::Flagged { spot, what, .. } => {
                    (w.s("review-flagged-row", &[("part", &w.spot_name(&spot)), ("what", &what)]), None)
                }
                Shown::Ended { title, .. } => (w.s("review-ended", &[("title", &title)]), None),
            };
            timeline.push(TimelineRow { t: logged.t, what, response_ms });
        }

        // 3. Why: each decision, and the red flags.
        let mut decisions = Vec::new();
        let mut sustain = Vec::new();
        let mut improve = Vec::new();
        let mut team_votes = debrief.team_votes.iter().peekable();
        let tr = crate::engine::i18n::Lang::of(&scenario.language).tr();
        for d in &debrief.decisions {
            let Some(choice_id) = &d.choice else { continue };
            let Some((node_id, choice)) = scenario.choice(choice_id) else { continue };
            let node = &scenario.nodes[node_id];
            let expert = node.expert_choice();
            let best = expert.is_some_and(|e| e.id == *choice_id);
            let cites = choice
                .cites
                .iter()
                .filter_map(|r| scenario.references.get(r))
                .map(|r| Citation { title: f(&r.title), text: f(&r.text) })
                .collect();
            let expert_pair = expert.filter(|_| !best).map(|e| (f(&e.text), f(&e.feedback)));
            if best {
                sustain.push(w.s("review-sustain-choice", &[("label", &label(node_id)), ("choice", &f(&choice.text))]));
            } else if let Some((text, _)) = &expert_pair {
                improve.push(w.s(
                    "review-improve-choice",
                    &[("label", &label(node_id)), ("feedback", &f(&choice.feedback)), ("expert", text)],
                ));
            }
            let team = team_votes.next_if(|v| v.node == d.node).map(|v| TeamVoteReview {
                votes: v.votes.iter().map(|vote| vote_words(vote, &choice_text(&vote.choice), tr)).collect(),
                alignment: alignment_name(v.alignment, tr),
                taken: taken_name(v.taken, tr),
                chose_expert: v.chose_expert().into_iter().map(str::to_owned).collect(),
                sure_and_wrong: v.sure_and_wrong().into_iter().map(str::to_owned).collect(),
            });
            decisions.push(DecisionReview {
                label: label(node_id),
                chosen: f(&choice.text),
                timed_out: d.kind == DecisionKind::Timeout,
                best,
                matched: d.matched,
                points: choice.total_score(),
                feedback: f(&choice.feedback),
                expert: expert_pair,
                cites,
                response_ms: d.response_ms(),
                team,
            });
        }
        let flag = |id: &RedFlagId, node: &NodeId| -> FlagReview {
            let def = scenario.red_flags.get(id);
            FlagReview {
                name: def.map_or_else(|| id.to_string(), |d| f(&d.name)),
                description: def.map_or_else(String::new, |d| f(&d.description)),
                seen_at: label(node),
            }
        };
        let at = |id: &RedFlagId| debrief.shown_flags.get(id).unwrap_or(&scenario.start);
        let caught: Vec<FlagReview> = spotting.caught.iter().map(|id| flag(id, at(id))).collect();
        let spotted: Vec<FlagReview> = spotting.spotted.iter().map(|id| flag(id, at(id))).collect();
        let missed: Vec<FlagReview> = spotting.missed.iter().map(|id| flag(id, at(id))).collect();
        let false_alarms: Vec<String> = spotting
            .false_alarms
            .iter()
            .map(|(_, event, spot)| {
                let what = flagged_text(scenario, &debrief.fills, &debrief.events, *event, spot).unwrap_or_default();
                w.s("review-flagged-row", &[("part", &w.spot_name(spot)), ("what", &what)])
            })
            .collect();
        for fl in &spotted {
            sustain.push(w.s("review-sustain-spotted", &[("flag", &fl.name)]));
        }
        // Caught through a choice only: spotted ones are praised above.
        for id in spotting.caught.difference(&spotting.spotted) {
            sustain.push(w.s("review-sustain-flag", &[("flag", &flag(id, at(id)).name)]));
        }
        for fl in &missed {
            improve.push(w.s("review-improve-flag", &[("flag", &fl.name), ("why", &fl.description)]));
        }
        if !false_alarms.is_empty() {
            improve.push(w.s("review-improve-false-alarms", &[("count", &false_alarms.len())]));
        }
        let mut reveals = Vec::new();
        for (logged, verdict) in score::reveals(debrief) {
            let Event::Revealed { node, field, .. } = &logged.event else { continue };
            let rule = debrief.events.iter().rev().find_map(|l| match &l.event {
                Event::Artefact { artefact: Artefact::Crm(r), .. } => {
                    r.fields.iter().find(|x| x.label == *field).and_then(|x| x.reveal.clone())
                }
                _ => None,
            });
            let justified = verdict.map(|v| v.justified);
            let (feedback, cost) = match (verdict, rule) {
                (Some(v), Some(rule)) if !v.justified => {
                    improve.push(w.s("review-improve-reveal", &[("field", field), ("why", &f(&rule.feedback))]));
                    (f(&rule.feedback), format!("-{} {}", v.cost, competency_name(&v.competency)))
                }
                _ => (String::new(), String::new()),
            };
            reveals.push(RevealReview { field: field.clone(), at: label(node), justified, feedback, cost });
        }

        // Written answers.
        let reports = answers::written_answers(scenario, debrief, &w, &mut sustain, &mut improve);

        // 4. The plan and follow-ups.
        let weak: Vec<&Rating> = ratings.iter().filter(|r| r.level != Level::P).collect();
        // Chosen for this trainee: drills that train what was rated lowest here, those never
        // played or last rated M or U in it first, each with its reason.
        let mut ranked: Vec<(u8, std::cmp::Reverse<u32>, FollowUp)> = catalog
            .iter()
            .filter(|d| d.id != scenario.id && d.language == scenario.language)
            .filter_map(|d| follow_up(d, &weak, &w))
            .collect();
        ranked.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| a.2.id.cmp(&b.2.id)));
        let mut follow_ups: Vec<FollowUp> = ranked.into_iter().map(|(_, _, fu)| fu).collect();
        follow_ups.truncate(3);
        let mut plan = Vec::new();
        for r in &weak {
            let drills: Vec<&str> =
                follow_ups.iter().filter(|fu| fu.trains.contains(&r.name)).map(|fu| fu.title.as_str()).collect();
            let drills = if drills.is_empty() { f(&scenario.title) } else { drills.join(", ") };
            plan.push(w.s(
                "review-plan-competency",
                &[("competency", &r.name), ("level", &r.level.letter()), ("drills", &drills)],
            ));
        }
        if !missed.is_empty() {
            let names: Vec<&str> = missed.iter().map(|m| m.name.as_str()).collect();
            plan.push(w.s("review-plan-flags", &[("flags", &names.join(", "))]));
        }
        let timeouts = debrief.decisions.iter().filter(|d| d.kind == DecisionKind::Timeout).count();
        if timeouts > 0 {
            plan.push(w.s("review-plan-speed", &[("count", &timeouts)]));
        }
        if debrief.outcome != Outcome::Resolved {
            plan.push(w.t("review-plan-retry"));
        }
        if plan.is_empty() {
            plan.push(w.t("review-plan-keep"));
        }

        Self {
            language: scenario.language.clone(),
            title: f(&scenario.title),
            scenario_id: scenario.id.to_string(),
            trainee: debrief.trainee.clone(),
            started: utc(debrief.started_at),
            seed: debrief.seed,
            duration_ms: debrief.duration_ms,
            outcome: debrief.outcome,
            ending_title: ending.map_or_else(|| debrief.ending.to_string(), |e| f(&e.title)),
            ending_summary: ending.map_or_else(String::new, |e| f(&e.summary)),
            ratings,
            objectives: scenario.objectives.iter().map(|o| f(o)).collect(),
            expert_path,
            timeline,
            decisions,
            caught,
            spotted,
            missed,
            false_alarms,
            flags_shown: spotting.shown.len(),
            reveals,
            sustain,
            improve,
            plan,
            follow_ups,
            reports,
            notes: debrief
                .notes
                .iter()
                .map(|n| (format!("{}. {}", n.decision, label(&n.node)), n.author.clone(), n.text.clone()))
                .collect(),
        }
    }

    /// The outcome in the review's language, as the app shows it.
    pub fn outcome_name(&self) -> String {
        crate::engine::i18n::outcome_name(self.outcome, Lang::of(&self.language))
    }

    /// A few lines for a terminal: outcome, ratings, red flags.
    pub fn summary(&self) -> String {
        let w = Words::of(&self.language);
        let line =
            |label: &str, text: &dyn std::fmt::Display| w.s("review-said", &[("who", &w.t(label)), ("text", text)]);
        let mut out = String::new();
        let outcome = format!("{} — {}", self.outcome_name(), self.ending_title);
        let _ = writeln!(out, "{}", line("review-outcome", &outcome));
        for r in &self.ratings {
            let _ = writeln!(out, "  {}  {} ({}/{})", r.level.letter(), r.name, r.earned, r.possible);
        }
        let _ = writeln!(out, "{}", line("review-spotted", &format!("{}/{}", self.spotted.len(), self.flags_shown)));
        let _ = writeln!(out, "{}", line("review-caught", &format!("{}/{}", self.caught.len(), self.flags_shown)));
        if !self.false_alarms.is_empty() {
            let _ = writeln!(out, "{}", line("review-false-alarms", &self.false_alarms.len()));
        }
        for m in &self.missed {
            let _ = writeln!(out, "  {}", line("review-missed", &m.name));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::render::esc;
    use super::*;

    #[test]
    fn levels_follow_the_documented_thresholds() {
        assert_eq!(Level::from_points(17, 20), Level::P);
        assert_eq!(Level::from_points(16, 20), Level::S);
        assert_eq!(Level::from_points(12, 20), Level::S);
        assert_eq!(Level::from_points(11, 20), Level::M);
        assert_eq!(Level::from_points(6, 20), Level::M);
        assert_eq!(Level::from_points(5, 20), Level::U);
        assert_eq!(Level::from_points(-1, 0), Level::U);
    }

    #[test]
    fn markdown_escaping_keeps_scenario_text_inert() {
        assert_eq!(esc("<script>*x*</script> | a"), "\\<script\\>\\*x\\*\\</script\\> \\| a");
    }

    #[test]
    fn clocks_and_seconds() {
        assert_eq!(mm_ss(125_400), "2:05");
        assert_eq!(seconds(8_250), "8.2 s");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}
