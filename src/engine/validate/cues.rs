//! Answer cues: option lengths that give the best answer away, so that "always pick the longest"
//! does not pass. Warnings of the lint `option-length` (`hotwash check --allow option-length`
//! hides them).

use super::Checker;
use crate::engine::diag::Diagnostic;
use crate::engine::locate::Path;
use crate::engine::text::reading_ms;

/// The lint name of these warnings.
pub const OPTION_LENGTH: &str = "option-length";

/// A drill is warned about when its best option is the longest at more than this share of its
/// decisions.
const LONGEST_SHARE: f64 = 0.4;

/// A decision is warned about when its best option is more than this many times as long as the
/// longest other option.
const LONGER_BY: f64 = 1.6;

/// Warns where the best option stands out by its length: at a decision where it is more than
/// 1.6× as long as the longest other option, and once for the drill when it is the longest at
/// more than 40 % of the decisions. Length is reading time (words in English, characters in
/// Chinese, as `text::reading_ms` counts them), so both languages are measured alike.
pub(super) fn check_option_lengths(c: &mut Checker<'_>, root: &Path<'_>) {
    let (mut decisions, mut longest) = (0usize, 0usize);
    let nodes = root.field("nodes");
    for (id, node) in &c.s.nodes {
        if node.choices.len() < 2 {
            continue;
        }
        let Some(best) = node.expert_choice() else { continue };
        let best_len = reading_ms(&best.text);
        let other = node.choices.iter().filter(|ch| ch.id != best.id).map(|ch| reading_ms(&ch.text)).max().unwrap_or(0);
        decisions += 1;
        if best_len > other {
            longest += 1;
        }
        #[expect(clippy::cast_precision_loss, reason = "reading times in ms are far below 2^52")]
        let ratio = best_len as f64 / other.max(1) as f64;
        if ratio > LONGER_BY {
            let index = node.choices.iter().position(|ch| ch.id == best.id).unwrap_or(0);
            let choices = nodes.key(id.as_str());
            let choices = choices.field("choices");
            c.at(
                choices.index(index).field("text"),
                Diagnostic::warning(format!(
                    "the best option at `{id}` is {ratio:.1}× as long as the longest other option: its length gives it away"
                ))
                .hint("shorten it, or give the wrong options as much detail (`--allow option-length` hides this)")
                .lint(OPTION_LENGTH),
            );
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "decision counts are small")]
    let share = longest as f64 / decisions.max(1) as f64;
    if decisions >= 3 && share > LONGEST_SHARE {
        c.at_key(
            nodes,
            Diagnostic::warning(format!(
                "the best option is the longest at {longest} of {decisions} decisions ({:.0} %): always picking the longest option would pass",
                share * 100.0
            ))
            .hint("vary which option is longest; at most 40 % of decisions should have the best one longest (`--allow option-length` hides this)")
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
