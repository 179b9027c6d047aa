//! The after-action review of one debrief: the four classic questions, a P / S / M / U rating
//! per competency with its reasons, and the trainee's written answers against their checklists.
//! [`Review::build`] derives it; [`Review::to_markdown`] and [`Review::to_html`] render it in the
//! scenario's language.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::debrief::{Debrief, DecisionKind};
use super::model::*;
use super::shown::{Shown, describe};
use super::text::fill;

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

/// A written answer against its checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportReview {
    /// What was asked.
    pub prompt: String,
    /// The answer by section (heading, text).
    pub sections: Vec<(String, String)>,
    /// Each checklist item and whether the answer covered it.
    pub checklist: Vec<(String, bool)>,
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
}

impl DrillSummary {
    /// Summarises a scenario for the follow-up catalogue.
    pub fn of(s: &Scenario) -> Self {
        let competencies = s
            .all_choices()
            .flat_map(|(_, c)| c.scores.iter().filter(|(_, v)| **v > 0).map(|(k, _)| k.clone()))
            .collect();
        Self { id: s.id.clone(), title: s.title.clone(), language: s.language.clone(), competencies }
    }
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
    /// Red flags caught.
    pub caught: Vec<FlagReview>,
    /// Red flags shown but missed.
    pub missed: Vec<FlagReview>,
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

/// The review's fixed words in one language.
struct Words {
    heading: &'static str,
    colon: &'static str,
    sep: &'static str,
    trainee: &'static str,
    started: &'static str,
    seed: &'static str,
    duration: &'static str,
    outcome: &'static str,
    outcomes: [&'static str; 3],
    ratings: &'static str,
    competency: &'static str,
    rating: &'static str,
    points: &'static str,
    points_unit: &'static str,
    why: &'static str,
    legend: &'static str,
    q1: &'static str,
    objectives: &'static str,
    expert_path: &'static str,
    q2: &'static str,
    time: &'static str,
    event: &'static str,
    response: &'static str,
    q3: &'static str,
    you_chose: &'static str,
    timed_out: &'static str,
    expert_answer: &'static str,
    best: &'static str,
    cited: &'static str,
    flags_caught: &'static str,
    flags_missed: &'static str,
    none: &'static str,
    seen_at: &'static str,
    q4: &'static str,
    sustain: &'static str,
    improve: &'static str,
    plan: &'static str,
    follow_ups: &'static str,
    reports: &'static str,
    notes: &'static str,
    sections: [&'static str; 3],
    answer: &'static str,
    covered: &'static str,
    not_covered: &'static str,
    competencies: [&'static str; 6],
    // Sentences with `{}` filled in order.
    said: &'static str,
    shown: &'static str,
    interruption: &'static str,
    asked: &'static str,
    chose: &'static str,
    timeout_row: &'static str,
    answered: &'static str,
    revealed: &'static str,
    ended: &'static str,
    lost_points: &'static str,
    full_points: &'static str,
    sustain_choice: &'static str,
    sustain_flag: &'static str,
    sustain_check: &'static str,
    improve_choice: &'static str,
    improve_flag: &'static str,
    improve_check: &'static str,
    plan_competency: &'static str,
    plan_flags: &'static str,
    plan_speed: &'static str,
    plan_retry: &'static str,
    plan_keep: &'static str,
    artefacts: [&'static str; 5],
    lost_check: &'static str,
}

const EN: Words = Words {
    heading: "After-action review",
    colon: ": ",
    sep: ":",
    trainee: "Trainee",
    started: "Started",
    seed: "Seed",
    duration: "Drill time",
    outcome: "Outcome",
    outcomes: ["Resolved", "Partially resolved", "Harmed"],
    ratings: "Capability ratings",
    competency: "Competency",
    rating: "Rating",
    points: "Points",
    points_unit: "points",
    why: "Why",
    legend: "P = performed without challenges · S = performed with some challenges · M = performed with major challenges · U = unable to perform",
    q1: "1. What was supposed to happen",
    objectives: "Learning objectives",
    expert_path: "The expert path",
    q2: "2. What happened",
    time: "Time",
    event: "Event",
    response: "Response time",
    q3: "3. Why",
    you_chose: "You chose",
    timed_out: "Time ran out",
    expert_answer: "Expert answer",
    best: "the expert answer",
    cited: "Law and policy",
    flags_caught: "Red flags caught",
    flags_missed: "Red flags missed",
    none: "None.",
    seen_at: "seen at",
    q4: "4. What to sustain and what to improve",
    sustain: "Sustain",
    improve: "Improve",
    plan: "Improvement plan",
    follow_ups: "Suggested follow-up drills",
    reports: "Written answers",
    notes: "Evaluator notes",
    sections: ["Event description", "Scope of impact", "Measures taken"],
    answer: "Answer",
    covered: "covered",
    not_covered: "not covered",
    competencies: [
        "Identity verification",
        "Data protection",
        "Fraud recognition",
        "Escalation and reporting",
        "Crisis communication",
        "Procedure compliance",
    ],
    said: "{}: {}",
    shown: "On screen: {}",
    interruption: "Interruption — {}: {}",
    asked: "Asked for a written answer: {}",
    chose: "You chose: {}",
    timeout_row: "Time ran out: {}",
    answered: "You submitted the written answer",
    revealed: "You revealed the masked field “{}”",
    ended: "Ending: {}",
    lost_points: "At “{}” you chose “{}” ({} of {} points)",
    full_points: "Full points at every decision that tested it",
    sustain_choice: "At “{}” you chose the expert answer: {}",
    sustain_flag: "You caught the red flag “{}”",
    sustain_check: "Your written answer covered: {}",
    improve_choice: "At “{}”: {} — better: {}",
    improve_flag: "You missed the red flag “{}”: {}",
    improve_check: "Your written answer did not cover: {}",
    plan_competency: "{} ({}): study the feedback above, then practise: {}",
    plan_flags: "Learn to spot: {}",
    plan_speed: "Decide faster under pressure: you let the clock run out {} time(s)",
    plan_retry: "Play this drill again with a new seed and aim for a resolved outcome",
    plan_keep: "Keep your standard: play a harder drill next",
    artefacts: ["CRM record", "E-mail", "Text message", "Queue", "Note"],
    lost_check: "At “{}” your written answer left out checklist items ({} of {} points)",
};

const ZH: Words = Words {
    heading: "复盘报告",
    colon: "：",
    sep: "：",
    trainee: "学员",
    started: "开始时间",
    seed: "随机种子",
    duration: "演练用时",
    outcome: "结果",
    outcomes: ["已解决", "部分解决", "造成损害"],
    ratings: "能力评级",
    competency: "能力项",
    rating: "评级",
    points: "得分",
    points_unit: "分",
    why: "原因",
    legend: "P = 顺利完成 · S = 完成但有一些困难 · M = 完成但困难较大 · U = 未能完成",
    q1: "一、应该发生什么",
    objectives: "学习目标",
    expert_path: "专家路径",
    q2: "二、实际发生了什么",
    time: "时间",
    event: "事件",
    response: "反应时间",
    q3: "三、为什么",
    you_chose: "你的选择",
    timed_out: "超时未作答",
    expert_answer: "专家答案",
    best: "专家答案",
    cited: "法律与制度依据",
    flags_caught: "识别出的危险信号",
    flags_missed: "漏掉的危险信号",
    none: "无。",
    seen_at: "出现于",
    q4: "四、保持什么，改进什么",
    sustain: "继续保持",
    improve: "需要改进",
    plan: "改进计划",
    follow_ups: "建议的后续演练",
    reports: "书面回答",
    notes: "评估员备注",
    sections: ["事件描述", "影响范围", "已采取措施"],
    answer: "回答",
    covered: "已覆盖",
    not_covered: "未覆盖",
    competencies: ["身份核验", "数据保护", "诈骗识别", "升级与报告", "危机沟通", "流程合规"],
    said: "{}：{}",
    shown: "屏幕显示：{}",
    interruption: "插入事件 — {}：{}",
    asked: "要求书面回答：{}",
    chose: "你选择了：{}",
    timeout_row: "超时：{}",
    answered: "你提交了书面回答",
    revealed: "你查看了隐藏字段“{}”",
    ended: "结局：{}",
    lost_points: "在“{}”你选择了“{}”（得 {} 分，满分 {} 分）",
    full_points: "在所有相关决策点均得满分",
    sustain_choice: "在“{}”你选择了专家答案：{}",
    sustain_flag: "你识别出了危险信号“{}”",
    sustain_check: "你的书面回答覆盖了：{}",
    improve_choice: "在“{}”：{} — 更好的做法：{}",
    improve_flag: "你漏掉了危险信号“{}”：{}",
    improve_check: "你的书面回答没有覆盖：{}",
    plan_competency: "{}（{}）：学习上面的反馈，然后练习：{}",
    plan_flags: "学会识别：{}",
    plan_speed: "在压力下更快作出决定：你有 {} 次超时",
    plan_retry: "换一个随机种子再练一次本演练，争取“已解决”的结果",
    plan_keep: "保持水平：下次挑战更难的演练",
    artefacts: ["客户档案", "电子邮件", "短信", "投诉队列", "便笺"],
    lost_check: "在“{}”你的书面回答遗漏了清单要点（得 {} 分，满分 {} 分）",
};

fn words(language: &str) -> &'static Words {
    if language.starts_with("zh") { &ZH } else { &EN }
}

/// Fills `{}` in a template with the arguments in order.
fn sentence(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if let Some(arg) = args.get(i) {
            let _ = write!(out, "{arg}");
        }
        out.push_str(part);
    }
    out
}

/// Formats drill milliseconds as `m:ss`.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Formats a response time as seconds with one decimal.
pub fn seconds(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
}

/// Formats wall-clock milliseconds as a UTC date and time.
pub fn utc(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_else(|| ms.to_string())
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
            p.earned += got;
            p.possible += best;
            if got < best {
                p.lost.push((i, got, best));
            }
        }
    }
    out
}

/// The name of a competency in a language: the standard six from the review's words, others
/// from the scenario when known, else the id.
pub fn competency_name(id: &CompetencyId, language: &str, scenario: Option<&Scenario>) -> String {
    let w = words(language);
    STANDARD_COMPETENCIES
        .iter()
        .position(|c| *c == id.as_str())
        .map(|i| w.competencies[i].to_owned())
        .or_else(|| scenario.and_then(|s| s.competencies.get(id)).map(|c| c.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

impl Review {
    /// Builds the review of `debrief`, played on `scenario`; `catalog` lists the drills that can
    /// be suggested as follow-ups.
    pub fn build(scenario: &Scenario, debrief: &Debrief, catalog: &[DrillSummary]) -> Self {
        let w = words(&scenario.language);
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
                    Some(choice) => sentence(w.lost_points, &[&label(&d.node), &choice_text(choice), &got, &best]),
                    None => sentence(w.lost_check, &[&label(&d.node), &got, &best]),
                };
                reasons.entry(c.clone()).or_default().push(reason);
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
                let reasons = reasons.remove(&c).unwrap_or_else(|| vec![w.full_points.to_owned()]);
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
            let (what, response_ms) = match describe(scenario, &debrief.fills, logged) {
                Shown::Line { speaker, text, inject: false, .. } => match speaker {
                    Some(who) if !who.name.is_empty() => (sentence(w.said, &[&who.name, &text]), None),
                    _ => (text, None),
                },
                Shown::Line { speaker, text, inject: true, .. } => {
                    let who = speaker.map(|s| s.name).unwrap_or_default();
                    (sentence(w.interruption, &[&who, &text]), None)
                }
                Shown::Artefact { artefact, .. } => (sentence(w.shown, &[&artefact_title(&artefact, w)]), None),
                Shown::Input { prompt, .. } => (sentence(w.asked, &[&prompt]), None),
                Shown::Choices { .. } => continue,
                Shown::You { text, timed_out, .. } => {
                    let row = if timed_out { w.timeout_row } else { w.chose };
                    (sentence(row, &[&text]), decisions_iter.next().map(|d| d.response_ms()))
                }
                Shown::Answered { .. } => (w.answered.to_owned(), decisions_iter.next().map(|d| d.response_ms())),
                Shown::Revealed { field, .. } => (sentence(w.revealed, &[&field]), None),
                Shown::Ended { title, .. } => (sentence(w.ended, &[&title]), None),
            };
            timeline.push(TimelineRow { t: logged.t, what, response_ms });
        }

        // 3. Why: each decision, and the red flags.
        let mut decisions = Vec::new();
        let mut sustain = Vec::new();
        let mut improve = Vec::new();
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
                sustain.push(sentence(w.sustain_choice, &[&label(node_id), &f(&choice.text)]));
            } else if let Some((text, _)) = &expert_pair {
                improve.push(sentence(w.improve_choice, &[&label(node_id), &f(&choice.feedback), text]));
            }
            decisions.push(DecisionReview {
                label: label(node_id),
                chosen: f(&choice.text),
                timed_out: d.kind == DecisionKind::Timeout,
                best,
                points: choice.total_score(),
                feedback: f(&choice.feedback),
                expert: expert_pair,
                cites,
                response_ms: d.response_ms(),
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
        let caught: Vec<FlagReview> =
            debrief.caught.iter().map(|id| flag(id, debrief.shown_flags.get(id).unwrap_or(&scenario.start))).collect();
        let missed: Vec<FlagReview> = debrief
            .shown_flags
            .iter()
            .filter(|(id, _)| !debrief.caught.contains(*id))
            .map(|(id, node)| flag(id, node))
            .collect();
        for fl in &caught {
            sustain.push(sentence(w.sustain_flag, &[&fl.name]));
        }
        for fl in &missed {
            improve.push(sentence(w.improve_flag, &[&fl.name, &fl.description]));
        }

        // Written answers.
        let mut reports = Vec::new();
        for d in debrief.decisions.iter().filter(|d| d.kind == DecisionKind::Input) {
            let Some(input) = scenario.nodes.get(&d.node).and_then(|n| n.input.as_ref()) else { continue };
            let sections = match &d.answer {
                Some(answer @ crate::engine::debrief::Answer::Report { .. }) => ReportSection::ALL
                    .iter()
                    .zip(w.sections)
                    .map(|(s, heading)| (heading.to_owned(), answer.section(*s).to_owned()))
                    .collect(),
                Some(answer) => vec![(w.answer.to_owned(), answer.all_text())],
                None => Vec::new(),
            };
            let checklist: Vec<(String, bool)> = d
                .checklist
                .iter()
                .map(|(id, covered)| {
                    let text =
                        input.checklist.iter().find(|i| i.id == *id).map_or_else(|| id.to_string(), |i| f(&i.text));
                    (text, *covered)
                })
                .collect();
            for (text, covered) in &checklist {
                if *covered {
                    sustain.push(sentence(w.sustain_check, &[text]));
                } else {
                    improve.push(sentence(w.improve_check, &[text]));
                }
            }
            reports.push(ReportReview { prompt: f(&input.prompt), sections, checklist });
        }

        // 4. The plan and follow-ups.
        let weak: Vec<&Rating> = ratings.iter().filter(|r| r.level != Level::P).collect();
        let weak_ids: BTreeSet<&CompetencyId> = weak.iter().map(|r| &r.competency).collect();
        let mut follow_ups: Vec<FollowUp> = catalog
            .iter()
            .filter(|d| d.id != scenario.id && d.language == scenario.language)
            .map(|d| FollowUp {
                id: d.id.clone(),
                title: d.title.clone(),
                trains: d.competencies.iter().filter(|c| weak_ids.contains(c)).map(&competency_name).collect(),
            })
            .filter(|fu| !fu.trains.is_empty())
            .collect();
        follow_ups.sort_by(|a, b| b.trains.len().cmp(&a.trains.len()).then_with(|| a.id.cmp(&b.id)));
        follow_ups.truncate(3);
        let mut plan = Vec::new();
        for r in &weak {
            let drills: Vec<&str> =
                follow_ups.iter().filter(|fu| fu.trains.contains(&r.name)).map(|fu| fu.title.as_str()).collect();
            let drills = if drills.is_empty() { f(&scenario.title) } else { drills.join(", ") };
            plan.push(sentence(w.plan_competency, &[&r.name, &r.level.letter(), &drills]));
        }
        if !missed.is_empty() {
            let names: Vec<&str> = missed.iter().map(|m| m.name.as_str()).collect();
            plan.push(sentence(w.plan_flags, &[&names.join(", ")]));
        }
        let timeouts = debrief.decisions.iter().filter(|d| d.kind == DecisionKind::Timeout).count();
        if timeouts > 0 {
            plan.push(sentence(w.plan_speed, &[&timeouts]));
        }
        if debrief.outcome != Outcome::Resolved {
            plan.push(w.plan_retry.to_owned());
        }
        if plan.is_empty() {
            plan.push(w.plan_keep.to_owned());
        }

        Self {
            language: scenario.language.clone(),
            title: f(&scenario.title),
            scenario_id: scenario.id.clone(),
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
            missed,
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

    /// The outcome in the review's language.
    pub fn outcome_name(&self) -> &'static str {
        let w = words(&self.language);
        match self.outcome {
            Outcome::Resolved => w.outcomes[0],
            Outcome::PartiallyResolved => w.outcomes[1],
            Outcome::Harmed => w.outcomes[2],
        }
    }

    /// A few lines for a terminal: outcome, ratings, red flags.
    pub fn summary(&self) -> String {
        let w = words(&self.language);
        let mut out = String::new();
        let _ = writeln!(out, "{}{} {} — {}", w.outcome, w.sep, self.outcome_name(), self.ending_title);
        for r in &self.ratings {
            let _ = writeln!(out, "  {}  {} ({}/{})", r.level.letter(), r.name, r.earned, r.possible);
        }
        let _ = writeln!(
            out,
            "{}{} {}/{}",
            w.flags_caught,
            w.sep,
            self.caught.len(),
            self.caught.len() + self.missed.len()
        );
        for m in &self.missed {
            let _ = writeln!(out, "  {}{} {}", w.flags_missed, w.sep, m.name);
        }
        out
    }

    /// The review as Markdown.
    pub fn to_markdown(&self) -> String {
        let w = words(&self.language);
        let mut md = String::new();
        let _ = writeln!(md, "# {}{}{}\n", w.heading, w.colon, esc(&self.title));
        let _ = writeln!(md, "- **{}{}** {}", w.trainee, w.sep, esc(&self.trainee));
        let _ = writeln!(md, "- **{}{}** {}", w.started, w.sep, self.started);
        let _ = writeln!(md, "- **{}{}** {}", w.duration, w.sep, clock(self.duration_ms));
        let _ = writeln!(md, "- **{}{}** {}", w.seed, w.sep, self.seed);
        let _ = writeln!(md, "- **{}{}** {} — {}\n", w.outcome, w.sep, self.outcome_name(), esc(&self.ending_title));
        if !self.ending_summary.is_empty() {
            let _ = writeln!(md, "> {}\n", esc(&self.ending_summary));
        }

        let _ = writeln!(md, "## {}\n", w.ratings);
        let _ = writeln!(md, "| {} | {} | {} | {} |\n|---|:-:|:-:|---|", w.competency, w.rating, w.points, w.why);
        for r in &self.ratings {
            let reasons: Vec<String> = r.reasons.iter().map(|s| cell(s)).collect();
            let _ = writeln!(
                md,
                "| {} | **{}** | {}/{} | {} |",
                cell(&r.name),
                r.level.letter(),
                r.earned,
                r.possible,
                reasons.join("<br>")
            );
        }
        let _ = writeln!(md, "\n*{}*\n", w.legend);

        let _ = writeln!(md, "## {}\n", w.q1);
        if !self.objectives.is_empty() {
            let _ = writeln!(md, "### {}\n", w.objectives);
            for o in &self.objectives {
                let _ = writeln!(md, "- {}", esc(o));
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### {}\n", w.expert_path);
        for (i, step) in self.expert_path.iter().enumerate() {
            let _ = writeln!(md, "{}. **{}** — {}", i + 1, esc(&step.label), esc(&step.answer));
        }
        md.push('\n');

        let _ = writeln!(md, "## {}\n", w.q2);
        let _ = writeln!(md, "| {} | {} | {} |\n|--:|---|--:|", w.time, w.event, w.response);
        for row in &self.timeline {
            let response = row.response_ms.map(seconds).unwrap_or_default();
            let _ = writeln!(md, "| {} | {} | {} |", clock(row.t), cell(&row.what), response);
        }
        md.push('\n');

        let _ = writeln!(md, "## {}\n", w.q3);
        for (i, d) in self.decisions.iter().enumerate() {
            let mark = if d.best { "✔" } else { "✘" };
            let _ = writeln!(md, "### {}. {} {}\n", i + 1, esc(&d.label), mark);
            let did = if d.timed_out { w.timed_out } else { w.you_chose };
            let best = if d.best { format!(" ({})", w.best) } else { String::new() };
            let _ = writeln!(
                md,
                "**{did}{}** {}{best} · {} · {} {}\n",
                w.sep,
                esc(&d.chosen),
                seconds(d.response_ms),
                d.points,
                w.points_unit
            );
            if !d.feedback.is_empty() {
                let _ = writeln!(md, "{}\n", esc(&d.feedback));
            }
            if let Some((text, feedback)) = &d.expert {
                let _ = writeln!(md, "**{}{}** {}\n", w.expert_answer, w.sep, esc(text));
                if !feedback.is_empty() {
                    let _ = writeln!(md, "{}\n", esc(feedback));
                }
            }
            for c in &d.cites {
                let _ = writeln!(md, "> {}{} **{}** — {}\n", w.cited, w.sep, esc(&c.title), esc(&c.text));
            }
        }
        for (heading, flags) in [(w.flags_caught, &self.caught), (w.flags_missed, &self.missed)] {
            let _ = writeln!(md, "### {heading}\n");
            if flags.is_empty() {
                let _ = writeln!(md, "{}\n", w.none);
            }
            for fl in flags {
                let _ = writeln!(
                    md,
                    "- **{}** ({} {}): {}",
                    esc(&fl.name),
                    w.seen_at,
                    esc(&fl.seen_at),
                    esc(&fl.description)
                );
            }
            md.push('\n');
        }

        let _ = writeln!(md, "## {}\n", w.q4);
        for (heading, items) in [(w.sustain, &self.sustain), (w.improve, &self.improve)] {
            let _ = writeln!(md, "### {heading}\n");
            if items.is_empty() {
                let _ = writeln!(md, "{}\n", w.none);
            }
            for item in items {
                let _ = writeln!(md, "- {}", esc(item));
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### {}\n", w.plan);
        for (i, step) in self.plan.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, esc(step));
        }
        md.push('\n');
        if !self.follow_ups.is_empty() {
            let _ = writeln!(md, "### {}\n", w.follow_ups);
            for fu in &self.follow_ups {
                let _ = writeln!(md, "- **{}** (`{}`): {}", esc(&fu.title), fu.id, esc(&fu.trains.join(", ")));
            }
            md.push('\n');
        }

        if !self.notes.is_empty() {
            let _ = writeln!(md, "## {}\n", w.notes);
            for (at, author, text) in &self.notes {
                let _ = writeln!(md, "- **{}**{} {} — *{}*", esc(at), w.sep, esc(text), esc(author));
            }
            md.push('\n');
        }
        if !self.reports.is_empty() {
            let _ = writeln!(md, "## {}\n", w.reports);
            for r in &self.reports {
                let _ = writeln!(md, "*{}*\n", esc(&r.prompt));
                for (heading, text) in &r.sections {
                    let _ = writeln!(md, "**{}{}** {}\n", esc(heading), w.sep, esc(text));
                }
                for (item, covered) in &r.checklist {
                    let (mark, word) = if *covered { ("☑", w.covered) } else { ("☐", w.not_covered) };
                    let _ = writeln!(md, "- {mark} {} — *{word}*", esc(item));
                }
                md.push('\n');
            }
        }
        md
    }

    /// The review as one self-contained, printable HTML page.
    pub fn to_html(&self) -> String {
        let w = words(&self.language);
        let lang = if self.language.starts_with("zh") { "zh-CN" } else { "en" };
        markdown_page(&self.to_markdown(), &format!("{}{}{}", w.heading, w.colon, self.title), lang)
    }
}

/// Markdown turned into one self-contained, printable HTML page with the house style sheet.
pub fn markdown_page(markdown: &str, title: &str, lang: &str) -> String {
    use pulldown_cmark::{CowStr, Event as Md, Options, Parser, html};
    // Raw HTML in the Markdown (there should be none but `<br>`) is shown as text.
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|e| match e {
        Md::Html(s) | Md::InlineHtml(s) if s.as_ref() == "<br>" => Md::InlineHtml(CowStr::Borrowed("<br>")),
        Md::Html(s) | Md::InlineHtml(s) => Md::Text(s),
        other => other,
    });
    let mut body = String::new();
    html::push_html(&mut body, parser);
    let title = html_escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
}

const CSS: &str = "body{font-family:system-ui,'Noto Sans SC','Microsoft YaHei',sans-serif;color:#1d2430;margin:0;background:#f4f5f7}
main{max-width:60rem;margin:0 auto;padding:2rem;background:#fff}
h1{font-size:1.6rem;border-bottom:3px solid #2c5282;padding-bottom:.4rem}
h2{font-size:1.25rem;color:#2c5282;margin-top:2rem;border-bottom:1px solid #cbd5e0}
h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #cbd5e0;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#edf2f7}
td:first-child,td:nth-child(3):last-child{white-space:nowrap}
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #a0aec0;background:#f7fafc}
@media print{body{background:#fff}main{padding:0;max-width:none}h2{break-after:avoid}table,blockquote{break-inside:avoid}}
";

fn artefact_title(artefact: &Artefact, w: &Words) -> String {
    match artefact {
        Artefact::Crm(r) => format!("{} «{}»", w.artefacts[0], r.title),
        Artefact::Email(m) => format!("{} «{}»", w.artefacts[1], m.subject.as_deref().unwrap_or(&m.from)),
        Artefact::Sms(m) => format!("{} «{}»", w.artefacts[2], m.from),
        Artefact::Queue(q) => format!("{} «{}: {}»", w.artefacts[3], q.label, q.count),
        Artefact::Note(n) => format!("{} «{}»", w.artefacts[4], n.title),
    }
}

/// Escapes text for Markdown so that scenario text never becomes markup.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn esc(text: &str) -> String {
    escape_markdown(text)
}

/// Escapes text for a Markdown table cell (no line breaks).
fn cell(text: &str) -> String {
    esc(&text.replace(['\n', '\r'], " "))
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
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
        assert_eq!(clock(125_400), "2:05");
        assert_eq!(seconds(8_250), "8.2 s");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}
