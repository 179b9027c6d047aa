//! The team review rendered for people in a language: Markdown, a standalone HTML page made from
//! it, and CSV for spreadsheets; and the hot-wash prompts put into words.

use std::fmt::Write as _;

use super::{CompetencyRow, Prompt, TeamReview};
use crate::engine::i18n::{Lang, outcome_name, standard_competency_name};
use crate::engine::review::{Level, cell, esc, markdown_page, mm_ss, seconds};

impl Prompt {
    /// The question in a language.
    pub fn text(&self, lang: Lang) -> String {
        let tr = lang.tr();
        match self {
            Prompt::Decision { label, scenario, wrong, met, other: None } => tr.t_text(
                "team-prompt-decision",
                &[("label", label), ("scenario", scenario), ("wrong", wrong), ("met", met)],
            ),
            Prompt::Decision { label, scenario, wrong, met, other: Some((answer, count)) } => tr.t_text(
                "team-prompt-decision-other",
                &[
                    ("label", label),
                    ("scenario", scenario),
                    ("wrong", wrong),
                    ("met", met),
                    ("answer", answer),
                    ("count", count),
                ],
            ),
            Prompt::Written { label, scenario, wrong, met } => tr.t_text(
                "team-prompt-written",
                &[("label", label), ("scenario", scenario), ("wrong", wrong), ("met", met)],
            ),
            Prompt::Flag { flag, scenario, missed, shown } => tr.t_text(
                "team-prompt-flag",
                &[("flag", flag), ("scenario", scenario), ("missed", missed), ("shown", shown)],
            ),
            Prompt::SureAndWrong { team, votes, sure } => {
                tr.t_text("team-prompt-sure-and-wrong", &[("team", team), ("votes", votes), ("sure", sure)])
            }
            Prompt::Slow { label, scenario, median_ms } => tr.t_text(
                "team-prompt-slow",
                &[("label", label), ("scenario", scenario), ("median", &seconds(*median_ms))],
            ),
        }
    }
}

impl CompetencyRow {
    /// The competency's name in a language: the standard six from the catalogue, others as the
    /// scenario names them.
    pub fn name_in(&self, lang: Lang) -> String {
        standard_competency_name(&self.id, lang).unwrap_or_else(|| self.name.clone())
    }
}

impl TeamReview {
    /// The team review as Markdown in a language.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let tr = lang.tr();
        let t = |id: &str| tr.t(id);
        let mut md = String::new();
        let count = tr.t_text("team-md-count", &[("debriefs", &self.debriefs), ("trainees", &self.trainees.len())]);
        let _ = writeln!(md, "# {}\n\n{count}\n", t("team-title"));
        let _ = writeln!(
            md,
            "## {}\n\n| {} | P | S | M | U | {} |\n|---|:-:|:-:|:-:|:-:|---|",
            t("team-competencies"),
            t("review-competency"),
            t("team-md-support")
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
                cell(&c.name_in(lang)),
                n(Level::P),
                n(Level::S),
                n(Level::M),
                n(Level::U),
                who.join(", ")
            );
        }
        let _ = writeln!(md, "\n## {}\n", t("team-md-decisions"));
        for r in &self.decisions {
            let id = if r.written { "team-md-wrong-written" } else { "team-md-wrong" };
            let facts = tr.t_text(
                id,
                &[
                    ("wrong", &r.wrong),
                    ("met", &r.met),
                    ("median", &seconds(r.median_ms)),
                    ("slowest", &seconds(r.slowest_ms)),
                ],
            );
            let _ = writeln!(md, "### {} ({} · `{}`)\n\n{facts}\n", esc(&r.label), r.scenario, r.node);
            if !r.choices.is_empty() {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |\n|---|--:|--:|--:|",
                    t("team-md-answer"),
                    t("team-md-chose"),
                    t("team-md-share"),
                    t("team-md-harm")
                );
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
        let _ = writeln!(
            md,
            "## {}\n\n| {} | {} | {} | {} |\n|---|---|--:|--:|",
            t("team-md-flags"),
            t("team-md-flag"),
            t("team-md-drill"),
            t("team-md-missed"),
            t("team-md-shown")
        );
        for f in &self.flags {
            let _ = writeln!(md, "| {} | {} | {} | {} |", cell(&f.name), f.scenario, f.missed, f.shown);
        }
        let _ = writeln!(md, "\n## {}\n", t("team-md-trainees"));
        let header =
            ["review-started", "team-md-drill", "review-outcome", "review-points", "team-md-red-flags", "team-md-time"]
                .map(t)
                .join(" | ");
        for trainee in &self.trainees {
            let _ = writeln!(md, "### {}\n\n| {header} |\n|---|---|---|--:|--:|--:|", esc(&trainee.name));
            for p in &trainee.played {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {:.0}% | {}/{} | {} |",
                    p.started,
                    cell(&p.title),
                    outcome_name(p.outcome, lang),
                    p.score * 100.0,
                    p.flags.0,
                    p.flags.1,
                    mm_ss(p.duration_ms)
                );
            }
            if let (Some(first), Some(last)) = (trainee.played.first(), trainee.played.last())
                && trainee.played.len() > 1
            {
                let trend = if last.score > first.score + 0.05 {
                    "team-trend-improving"
                } else if last.score + 0.05 < first.score {
                    "team-trend-declining"
                } else {
                    "team-trend-steady"
                };
                let first = format!("{:.0}%", first.score * 100.0);
                let last = format!("{:.0}%", last.score * 100.0);
                let trend = tr.t_text("team-md-trend", &[("trend", &t(trend)), ("first", &first), ("last", &last)]);
                let _ = writeln!(md, "\n{trend}");
            }
            md.push('\n');
        }
        if !self.notes.is_empty() {
            let _ = writeln!(md, "## {}\n", t("review-notes"));
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
        if !self.assessments.is_empty() {
            let _ = writeln!(md, "## {}\n", t("team-assessments"));
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                t("team-assessment"),
                t("team-assessment-trainee"),
                t("team-assessment-result")
            );
            md.push_str("|---|---|---|\n");
            for a in &self.assessments {
                let verdict = if a.passed {
                    t("assess-passed")
                } else if a.done.0 < a.done.1 {
                    tr.t_text("assess-incomplete", &[("done", &a.done.0), ("of", &a.done.1)])
                } else {
                    t("assess-failed")
                };
                let _ = writeln!(md, "| {} | {} | {} |", esc(&a.name), esc(&a.trainee), esc(&verdict));
            }
            md.push('\n');
        }
        if self.trainees.iter().any(|t| t.played.len() > 1) {
            let _ = writeln!(md, "## {}\n", t("team-progress"));
            for trainee in self.trainees.iter().filter(|t| t.played.len() > 1) {
                let parts: Vec<String> = trainee
                    .progress()
                    .iter()
                    .map(|(c, first, last)| {
                        let name = self
                            .competencies
                            .iter()
                            .find(|r| r.id == *c)
                            .map_or_else(|| c.to_string(), |r| r.name_in(lang));
                        format!("{} {} → {}", name, first.letter(), last.letter())
                    })
                    .collect();
                let row = tr.t_text(
                    "team-progress-row",
                    &[("trainee", &esc(&trainee.name)), ("list", &esc(&parts.join(" · ")))],
                );
                let _ = writeln!(md, "- {row}");
            }
            md.push('\n');
        }
        if !self.feedback.is_empty() {
            let _ = writeln!(md, "## {}\n", t("team-feedback"));
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                t("team-feedback-drill"),
                t("team-feedback-ratings"),
                t("team-feedback-average")
            );
            md.push_str("|---|--:|--:|\n");
            for f in &self.feedback {
                let _ = writeln!(md, "| {} | {} | {:.1} ★ |", esc(&f.title), f.ratings, f.average);
            }
            md.push('\n');
            for f in &self.feedback {
                for (who, stars, text) in &f.comments {
                    let stars = "★".repeat(usize::from(*stars)) + &"☆".repeat(5 - usize::from(*stars).min(5));
                    let _ = writeln!(md, "- **{}**, {}, {stars}: {}", esc(who), esc(&f.title), esc(text));
                }
            }
            md.push('\n');
        }
        if !self.team_votes.is_empty() {
            let _ = writeln!(md, "## {}\n", t("team-votes-across"));
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                t("team-votes-team"),
                t("team-feedback-drill"),
                t("team-csv-started"),
                t("team-votes-decisions"),
                t("team-vote-unified"),
                t("team-vote-split"),
                t("team-vote-divided"),
                t("team-votes-expert-share"),
                t("team-votes-sure-wrong-of"),
            );
            md.push_str("|---|---|---|--:|--:|--:|--:|--:|--:|\n");
            for r in &self.team_votes {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} | {} | {}/{} | {}/{} |",
                    esc(&r.team),
                    esc(&r.title),
                    r.started,
                    r.decisions,
                    r.alignment[0],
                    r.alignment[1],
                    r.alignment[2],
                    r.expert,
                    r.decisions,
                    r.sure_and_wrong,
                    r.sure
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "## {}\n", t("team-prompts"));
        for (i, p) in self.prompts.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, esc(&p.text(lang)));
        }
        md
    }

    /// The team review as one self-contained HTML page in a language.
    pub fn to_html(&self, lang: Lang) -> String {
        markdown_page(&self.to_markdown(lang), &lang.tr().t("team-title"), lang.code())
    }

    /// One row per debrief, for spreadsheets, with the column names in a language (outcomes and
    /// ratings stay machine names and letters, so sheets in both languages can be combined).
    pub fn to_csv(&self, lang: Lang) -> String {
        let tr = lang.tr();
        let mut header: Vec<String> = [
            "team-csv-trainee",
            "team-csv-scenario",
            "team-csv-language",
            "team-csv-started",
            "team-csv-outcome",
            "team-csv-seconds",
            "team-csv-share",
            "team-csv-caught",
            "team-csv-shown",
            "team-csv-source",
        ]
        .iter()
        .map(|id| tr.t(id))
        .collect();
        header.extend(self.competencies.iter().map(|c| c.id.to_string()));
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
                    if self.pseudonymized { tr.t("team-csv-withheld") } else { p.source.clone() },
                ];
                row.extend(
                    self.competencies
                        .iter()
                        .map(|c| p.levels.get(&c.id).map_or(String::new(), |l| l.letter().to_owned())),
                );
                out.push_str(&row.iter().map(|v| csv(v)).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
        }
        out
    }
}

fn csv(value: &str) -> String {
    // Quote every field; a leading `=`, `+`, `-`, `@`, tab or carriage return is neutralised so
    // spreadsheets do not run it (a tab or return before `=` still starts a formula in some).
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::csv;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(csv("=1+1"), "\"'=1+1\"");
        assert_eq!(csv("\t=cmd|' /C calc'!A0"), "\"'\t=cmd|' /C calc'!A0\"");
        assert_eq!(csv("\r=1"), "\"'\r=1\"");
        assert_eq!(csv("-3"), "\"-3\"");
        assert_eq!(csv("Li \"Na\""), "\"Li \"\"Na\"\"\"");
    }
}
