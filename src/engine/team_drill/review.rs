//! A team drill's votes in its review: per decision the team's answer and how it was reached,
//! the alignment, the votes with how sure, who chose the expert answer and who was sure and wrong.

use super::TeamDrill;
use crate::engine::i18n::Tr;
use crate::engine::model::ChoiceId;
use crate::engine::review::cell;
use crate::engine::votes::{Alignment, alignment_name, taken_name, vote_words};

impl TeamDrill {
    /// The team's votes for the review, in Markdown: per decision the team's answer and how it was
    /// reached, the alignment, every vote with how sure, who chose the expert answer and
    /// who was sure and wrong; then the alignment over the drill.
    pub fn votes_markdown(&self, tr: &Tr) -> String {
        use std::fmt::Write as _;
        let option = |c: &ChoiceId| {
            let text =
                self.runner.scenario().choice(c).map_or_else(|| c.to_string(), |(_, choice)| choice.text.clone());
            self.runner.fill(&text)
        };
        let names = |list: Vec<&str>| if list.is_empty() { "—".to_owned() } else { list.join(", ") };
        let mut md = String::new();
        let _ = writeln!(md, "## {}\n", tr.t("team-votes-heading"));
        let _ = writeln!(
            md,
            "| # | {} | {} | {} | {} | {} | {} |",
            tr.t("team-votes-answer"),
            tr.t("team-votes-alignment"),
            tr.t("team-votes-votes"),
            tr.t("team-votes-expert"),
            tr.t("team-votes-chose-expert"),
            tr.t("team-votes-sure-wrong")
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|---|");
        for (i, d) in self.decisions.iter().enumerate() {
            let how = taken_name(d.taken, tr);
            let answer = match &d.answer {
                Some(c) => tr.t_text("team-votes-answer-how", &[("answer", &option(c)), ("how", &how)]),
                None => tr.t("team-votes-none"),
            };
            let votes: Vec<String> = d.votes.iter().map(|v| vote_words(v, &option(&v.choice), tr)).collect();
            let expert: Vec<String> = d.expert.iter().map(option).collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                cell(&answer),
                alignment_name(d.alignment, tr),
                cell(&names(votes.iter().map(String::as_str).collect())),
                cell(&expert.join(" / ")),
                cell(&names(d.chose_expert())),
                cell(&names(d.sure_and_wrong())),
            );
        }
        let count = |a: Alignment| self.decisions.iter().filter(|d| d.alignment == a).count();
        let _ = writeln!(
            md,
            "\n{}",
            tr.t_text(
                "team-votes-summary",
                &[
                    ("unified", &count(Alignment::Unified)),
                    ("split", &count(Alignment::Split)),
                    ("divided", &count(Alignment::Divided)),
                ]
            )
        );
        md
    }
}
