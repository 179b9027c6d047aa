//! Answer cues: option lengths that give the best answer away, so that "always pick the longest"
//! does not pass. Warnings of the lint `option-length` (`hotwash check --allow option-length`
//! hides them).

use super::Checker;
use crate::engine::diag::Diagnostic;
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::{Node, NodeId};
use crate::engine::text::reading_ms;

/// The lint name of these warnings.
pub const OPTION_LENGTH: &str = "option-length";

/// A drill is warned about when its best option is the longest at more than this share of its
/// decisions.
const LONGEST_SHARE: f64 = 0.4;

/// A decision is warned about when its best option is more than this many times as long as the
/// longest other option.
const LONGER_BY: f64 = 1.6;

/// How often a drill's best option is the longest: counted decision by decision as the nodes are
/// checked (while their texts are at hand), judged once at the end.
#[derive(Debug, Default)]
pub(super) struct Lengths {
    decisions: usize,
    best_longest: usize,
}

/// Warns at decision `id` when its best option is more than 1.6× as long as the longest other
/// option, and counts whether it is the longest. Length is reading time (words in English,
/// characters in Chinese, as `text::reading_ms` counts them), so both languages are measured alike.
pub(super) fn check_decision(c: &mut Checker<'_>, p: &ValuePath<'_>, id: &NodeId, node: &Node) {
    if node.choices.len() < 2 {
        return;
    }
    let Some(best) = node.expert_choice() else { return };
    let (mut best_len, mut other, mut index) = (0, 0, 0);
    for (i, ch) in node.choices.iter().enumerate() {
        let len = reading_ms(&ch.text);
        if ch.id == best.id {
            (best_len, index) = (len, i);
        } else {
            other = other.max(len);
        }
    }
    c.lengths.decisions += 1;
    if best_len > other {
        c.lengths.best_longest += 1;
    }
    #[expect(clippy::cast_precision_loss, reason = "reading times in ms are far below 2^52")]
    let ratio = best_len as f64 / other.max(1) as f64;
    if ratio > LONGER_BY {
        let choices = p.field("choices");
        c.at(
            choices.index(index).field("text"),
            Diagnostic::warning(msg!("diag-option-longer", id = id, ratio = format!("{ratio:.1}")))
                .hint(msg!("diag-option-longer-hint"))
                .lint(OPTION_LENGTH),
        );
    }
}

/// Warns once for the drill when its best option is the longest at more than 40 % of its
/// decisions (of three or more).
pub(super) fn check_drill(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let Lengths { decisions, best_longest } = c.lengths;
    #[expect(clippy::cast_precision_loss, reason = "decision counts are small")]
    let share = best_longest as f64 / decisions.max(1) as f64;
    if decisions >= 3 && share > LONGEST_SHARE {
        c.at_key(
            root.field("nodes"),
            Diagnostic::warning(msg!(
                "diag-option-longest-share",
                longest = best_longest,
                decisions = decisions,
                percent = format!("{:.0}", share * 100.0)
            ))
            .hint(msg!("diag-option-longest-share-hint"))
            .lint(OPTION_LENGTH),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::load::load_str;

    /// A drill of three decisions whose best options are `best` and whose wrong ones are `wrong`.
    fn drill(best: &str, wrong: &str) -> String {
        let node = |id: &str, next: &str| {
            format!(
                r#""{id}": (text: "?", choices: [
                    (id: "{id}_w", text: "{wrong}", scores: {{"fraud_recognition": -1}}, feedback: "No", next: "bad"),
                    (id: "{id}_b", text: "{best}", scores: {{"fraud_recognition": 2}}, feedback: "Yes", next: "{next}"),
                ]),"#
            )
        };
        format!(
            r#"Scenario(format: 1, id: "cues", title: "Cues", category: FraudCall, language: "en",
            difficulty: Introductory, minutes: 2, briefing: (role: "Agent", situation: "A call."),
            objectives: ["Verify"], start: "a",
            nodes: {{ {} {} {} }},
            endings: {{"good": (outcome: Resolved, title: "G", summary: "S"), "bad": (outcome: Harmed, title: "B", summary: "S")}})"#,
            node("a", "b"),
            node("b", "c"),
            node("c", "good")
        )
    }

    fn messages(src: &str) -> Vec<String> {
        load_str(src)
            .diagnostics
            .iter()
            .filter(|d| d.lint == Some(super::OPTION_LENGTH))
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_best_option_that_stands_out_by_length_is_warned_about() {
        let long = messages(&drill("Call the customer back on the number on file before anything else", "Do it"));
        assert_eq!(long.len(), 4, "{long:?}");
        // In file order: the drill's warning stands at `nodes`, before the decisions'.
        assert_eq!(
            long[0],
            "the best option is the longest at 3 of 3 decisions (100 %): always picking the longest option would pass"
        );
        assert_eq!(
            long[1],
            "the best option at `a` is 6.0× as long as the longest other option: its length gives it away"
        );
        // Longest, but not by much: only the drill-wide warning.
        let slightly = messages(&drill("Call her back on the number on file", "Read the number out to him"));
        assert_eq!(slightly.len(), 1, "{slightly:?}");
        // Shorter than the wrong option: nothing.
        assert!(messages(&drill("Call her back", "Read the number out to him now")).is_empty());
    }
}
