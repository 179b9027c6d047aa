//! The review of written answers: each against its checklist, with the words that covered each
//! item, why a match did not count, who graded it, and the model answer.

use serde::{Deserialize, Serialize};

use super::effective_checklist;
use super::words::Words;
use crate::engine::debrief::{Answer, Debrief, DecisionKind};
use crate::engine::model::{CheckId, ReportSection, Scenario};
use crate::engine::text::fill;

/// A written answer against its checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportReview {
    /// The decision, counted from 1 (what an evaluator's grade names).
    #[serde(default)]
    pub decision: usize,
    /// What was asked.
    pub prompt: String,
    /// The answer by section (heading, text).
    pub sections: Vec<(String, String)>,
    /// Each checklist item and whether it counts as covered (the evaluator's grade where given).
    pub checklist: Vec<(String, bool)>,
    /// Each checklist item in detail: which words covered it, why a match did not count, and
    /// who graded it.
    #[serde(default)]
    pub items: Vec<ItemReview>,
    /// A good answer in the author's words.
    #[serde(default)]
    pub model_answer: Option<String>,
    /// Whether an evaluator can grade its items (answers graded before clause grading cannot).
    #[serde(default)]
    pub gradable: bool,
}

/// One checklist item of a written answer in the review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemReview {
    /// The item's id.
    pub id: String,
    /// What a good answer covers.
    pub text: String,
    /// Counts as covered.
    pub covered: bool,
    /// The words of the answer that covered it, when graded automatically as covered.
    pub evidence: Option<String>,
    /// Matches that did not count, each with why, in the review's language.
    pub refused: Vec<String>,
    /// The evaluator who confirmed or changed the grade; none when automatic.
    pub graded_by: Option<String>,
    /// The automatic grade, when an evaluator changed it.
    pub automatic_was: Option<bool>,
}

/// Every written answer of `debrief` against its checklist; each item covered adds to `sustain`,
/// each left out to `improve`.
pub(super) fn written_answers(
    scenario: &Scenario,
    debrief: &Debrief,
    w: &Words,
    sustain: &mut Vec<String>,
    improve: &mut Vec<String>,
) -> Vec<ReportReview> {
    let f = |text: &str| fill(text, &debrief.fills);
    let mut reports = Vec::new();
    for (index, d) in debrief.decisions.iter().enumerate().filter(|(_, d)| d.kind == DecisionKind::Input) {
        let Some(input) = scenario.nodes.get(&d.node).and_then(|n| n.input.as_ref()) else { continue };
        let sections = match &d.answer {
            Some(answer @ Answer::Report { .. }) => ReportSection::ALL
                .iter()
                .zip(["review-section-description", "review-section-scope", "review-section-measures"])
                .map(|(s, heading)| (w.t(heading), answer.section(*s).to_owned()))
                .collect(),
            Some(answer) => vec![(w.t("review-answer"), answer.all_text())],
            None => Vec::new(),
        };
        let item_text =
            |id: &CheckId| input.checklist.iter().find(|i| i.id == *id).map_or_else(|| id.to_string(), |i| f(&i.text));
        let items: Vec<ItemReview> = if d.coverage.is_empty() {
            // Graded by substring before clause grading: no detail kept.
            d.checklist
                .iter()
                .map(|(id, covered)| ItemReview {
                    id: id.to_string(),
                    text: item_text(id),
                    covered: *covered,
                    evidence: None,
                    refused: Vec::new(),
                    graded_by: None,
                    automatic_was: None,
                })
                .collect()
        } else {
            effective_checklist(debrief, index)
                .into_iter()
                .map(|(c, covered, grade)| ItemReview {
                    id: c.item.to_string(),
                    text: item_text(&c.item),
                    covered,
                    evidence: c.by.as_ref().map(|e| e.words.clone()),
                    refused: c.refused.iter().map(|r| w.refusal(r)).collect(),
                    graded_by: grade.map(|g| g.by.clone()),
                    automatic_was: grade.filter(|g| g.covered != c.covered).map(|_| c.covered),
                })
                .collect()
        };
        let checklist: Vec<(String, bool)> = items.iter().map(|i| (i.text.clone(), i.covered)).collect();
        for (text, covered) in &checklist {
            if *covered {
                sustain.push(w.s("review-sustain-check", &[("item", text)]));
            } else {
                improve.push(w.s("review-improve-check", &[("item", text)]));
            }
        }
        reports.push(ReportReview {
            decision: index + 1,
            prompt: f(&input.prompt),
            sections,
            checklist,
            items,
            model_answer: input.model_answer.as_deref().map(f),
            gradable: !d.coverage.is_empty(),
        });
    }
    reports
}
