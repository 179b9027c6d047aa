//! Written answers: handing one in, and grading it against the input's checklist (by clauses
//! today, by substring for drills played before; see [`crate::engine::grade`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{RunError, Runner, WallMs, node_in};
use crate::engine::debrief::{Action, Answer, Decision, DecisionKind, Event, Grading, ItemCoverage};
use crate::engine::model::{CheckItem, CompetencyId, InputKind, InputSpec, ReportSection};

impl Runner {
    /// Gives the written answer the current node asks for, at wall-clock `now`.
    pub fn submit(&mut self, answer: Answer, now: WallMs) -> Result<(), RunError> {
        let (t, id) = self.advance_for_action(now)?;
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, &id)?;
        let input = node.input.as_ref().ok_or(RunError::NotWaiting(id.clone(), "run-what-written-answer"))?;
        match (&answer, input.kind) {
            (Answer::Report { .. }, InputKind::IncidentReport) | (Answer::Text(_), InputKind::FreeText) => {}
            (_, InputKind::IncidentReport) => return Err(RunError::WrongAnswer(id, "run-what-incident-report")),
            (_, InputKind::FreeText) => return Err(RunError::WrongAnswer(id, "run-what-free-text")),
        }
        let coverage = self.grade(input, &answer);
        let mut scores: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        let mut expert: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        for item in &coverage {
            let e = expert.entry(item.competency.clone()).or_default();
            *e = e.saturating_add(item.points);
            if item.covered {
                let s = scores.entry(item.competency.clone()).or_default();
                *s = s.saturating_add(item.points);
                self.state.covered.insert(item.item.clone());
            }
        }
        let checklist = coverage.iter().map(|c| (c.item.clone(), c.covered)).collect();
        // Substring grading keeps its debriefs as they were: without the detail.
        let coverage = if self.state.grading == Grading::Clauses { coverage } else { Vec::new() };
        self.state.actions.push(Action::Submit { t, answer: answer.clone() });
        self.state.decisions.push(Decision {
            node: id.clone(),
            kind: DecisionKind::Input,
            choice: None,
            offered: Vec::new(),
            presented_at: self.state.entered_at,
            decided_at: t,
            scores,
            expert,
            caught: Vec::new(),
            answer: Some(answer),
            checklist,
            coverage,
            matched: false,
        });
        self.log(t, Event::Answered { node: id });
        self.state.read_from = self.state.log.len();
        let next = self.route(&input.next)?;
        self.enter(next, t)
    }

    /// Grades a written answer against the input's checklist under this drill's grading.
    fn grade(&self, input: &InputSpec, answer: &Answer) -> Vec<ItemCoverage> {
        let item = |spec: &CheckItem, covered: bool, by, refused| ItemCoverage {
            item: spec.id.clone(),
            competency: spec.competency.clone(),
            points: spec.points,
            covered,
            by,
            refused,
        };
        let text_of = |spec: &CheckItem| match spec.section {
            Some(section) => answer.section(section).to_owned(),
            None => answer.all_text(),
        };
        if self.state.grading == Grading::Substring {
            return input
                .checklist
                .iter()
                .map(|spec| {
                    let text = text_of(spec).to_lowercase();
                    // As these drills were graded: each keyword as written (spaces included), but a
                    // stem's `*`, which no drill graded this way had, is not part of the text.
                    let covered = spec
                        .any
                        .iter()
                        .map(|k| k.strip_suffix('*').unwrap_or(k))
                        .any(|k| !k.trim().is_empty() && text.contains(&k.to_lowercase()));
                    item(spec, covered, None, Vec::new())
                })
                .collect();
        }
        let phrases: Vec<&[String]> = input.checklist.iter().map(|i| i.any.as_slice()).collect();
        let prompt = self.fill(&input.prompt);
        // Each distinct text (a section, or the whole answer) is graded once for every item.
        let mut graded: BTreeMap<Option<ReportSection>, Vec<crate::engine::grade::Coverage>> = BTreeMap::new();
        input
            .checklist
            .iter()
            .enumerate()
            .map(|(k, spec)| {
                let all = graded
                    .entry(spec.section)
                    .or_insert_with(|| crate::engine::grade::grade(&text_of(spec), &phrases, &prompt));
                match all.get(k) {
                    Some(c) => item(spec, c.covered, c.by.clone(), c.refused.clone()),
                    None => item(spec, false, None, Vec::new()),
                }
            })
            .collect()
    }
}
