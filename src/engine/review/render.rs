//! The review rendered for people: Markdown, and a standalone HTML page made from it.

use std::fmt::Write as _;

use super::words::Words;
use super::{Review, mm_ss, seconds};

impl Review {
    /// The review as Markdown, in the review's language.
    pub fn to_markdown(&self) -> String {
        let w = Words::of(&self.language);
        let t = |id: &str| w.t(id);
        let sep = t("review-sep");
        let mut md = String::new();
        let _ = writeln!(md, "# {}\n", w.s("review-title", &[("title", &esc(&self.title))]));
        let _ = writeln!(md, "- **{}{sep}** {}", t("review-trainee"), esc(&self.trainee));
        let _ = writeln!(md, "- **{}{sep}** {}", t("review-started"), self.started);
        let _ = writeln!(md, "- **{}{sep}** {}", t("review-duration"), mm_ss(self.duration_ms));
        let _ = writeln!(md, "- **{}{sep}** {}", t("review-seed"), self.seed);
        let _ =
            writeln!(md, "- **{}{sep}** {} — {}\n", t("review-outcome"), self.outcome_name(), esc(&self.ending_title));
        if !self.ending_summary.is_empty() {
            let _ = writeln!(md, "> {}\n", esc(&self.ending_summary));
        }

        let _ = writeln!(md, "## {}\n", t("review-ratings"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |\n|---|:-:|:-:|---|",
            t("review-competency"),
            t("review-rating"),
            t("review-points"),
            t("review-why")
        );
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
        let _ = writeln!(md, "\n*{}*\n", t("review-scale"));

        let _ = writeln!(md, "## {}\n", t("review-q1"));
        if !self.objectives.is_empty() {
            let _ = writeln!(md, "### {}\n", t("review-objectives"));
            for o in &self.objectives {
                let _ = writeln!(md, "- {}", esc(o));
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### {}\n", t("review-expert-path"));
        for (i, step) in self.expert_path.iter().enumerate() {
            let _ = writeln!(md, "{}. **{}** — {}", i + 1, esc(&step.label), esc(&step.answer));
        }
        md.push('\n');

        let _ = writeln!(md, "## {}\n", t("review-q2"));
        let _ =
            writeln!(md, "| {} | {} | {} |\n|--:|---|--:|", t("review-time"), t("review-event"), t("review-response"));
        for row in &self.timeline {
            let response = row.response_ms.map(seconds).unwrap_or_default();
            let _ = writeln!(md, "| {} | {} | {} |", mm_ss(row.t), cell(&row.what), response);
        }
        md.push('\n');

        let _ = writeln!(md, "## {}\n", t("review-q3"));
        for (i, d) in self.decisions.iter().enumerate() {
            let mark = if d.best { "✔" } else { "✘" };
            let _ = writeln!(md, "### {}. {} {}\n", i + 1, esc(&d.label), mark);
            let did = if d.timed_out {
                t("review-time-ran-out")
            } else if d.matched {
                t("review-matched")
            } else {
                t("review-chosen")
            };
            let best = if d.best { format!(" ({})", t("review-best")) } else { String::new() };
            let _ = writeln!(
                md,
                "**{did}{sep}** {}{best} · {} · {} {}\n",
                esc(&d.chosen),
                seconds(d.response_ms),
                d.points,
                t("review-points-unit")
            );
            if let Some(team) = &d.team {
                let names = |list: &[String]| if list.is_empty() { "—".to_owned() } else { esc(&list.join(", ")) };
                let _ = writeln!(
                    md,
                    "**{}{sep}** {} · {} · {}\n",
                    t("team-votes-votes"),
                    esc(&team.votes.join(", ")),
                    esc(&team.alignment),
                    esc(&team.taken)
                );
                let _ = writeln!(
                    md,
                    "**{}{sep}** {} · **{}{sep}** {}\n",
                    t("team-votes-chose-expert"),
                    names(&team.chose_expert),
                    t("team-votes-sure-wrong"),
                    names(&team.sure_and_wrong)
                );
            }
            if !d.feedback.is_empty() {
                let _ = writeln!(md, "{}\n", esc(&d.feedback));
            }
            if let Some((text, feedback)) = &d.expert {
                let _ = writeln!(md, "**{}{sep}** {}\n", t("review-expert-answer"), esc(text));
                if !feedback.is_empty() {
                    let _ = writeln!(md, "{}\n", esc(feedback));
                }
            }
            for c in &d.cites {
                let _ = writeln!(md, "> {}{sep} **{}** — {}\n", t("review-cited"), esc(&c.title), esc(&c.text));
            }
        }
        for (heading, flags) in
            [("review-spotted", &self.spotted), ("review-caught", &self.caught), ("review-missed", &self.missed)]
        {
            let _ = writeln!(md, "### {}\n", t(heading));
            if flags.is_empty() {
                let _ = writeln!(md, "{}\n", t("review-none"));
            }
            for fl in flags {
                let _ = writeln!(
                    md,
                    "- **{}** ({} {}): {}",
                    esc(&fl.name),
                    t("review-seen-at"),
                    esc(&fl.seen_at),
                    esc(&fl.description)
                );
            }
            md.push('\n');
        }

        if !self.false_alarms.is_empty() {
            let _ = writeln!(md, "### {}\n", t("review-false-alarms"));
            for fa in &self.false_alarms {
                let _ = writeln!(md, "- {}", esc(fa));
            }
            md.push('\n');
        }
        if !self.reveals.is_empty() {
            let _ = writeln!(md, "### {}\n", t("review-reveals"));
            for r in &self.reveals {
                let verdict = t(match r.justified {
                    Some(true) => "review-justified",
                    Some(false) => "review-unjustified",
                    None => "review-unassessed",
                });
                let _ = write!(md, "- **{}** ({} {}): *{verdict}*", esc(&r.field), t("review-seen-at"), esc(&r.at));
                if !r.cost.is_empty() {
                    let _ = write!(md, " ({})", esc(&r.cost));
                }
                if !r.feedback.is_empty() {
                    let _ = write!(md, " — {}", esc(&r.feedback));
                }
                md.push('\n');
            }
            md.push('\n');
        }

        let _ = writeln!(md, "## {}\n", t("review-q4"));
        for (heading, items) in [("review-sustain", &self.sustain), ("review-improve", &self.improve)] {
            let _ = writeln!(md, "### {}\n", t(heading));
            if items.is_empty() {
                let _ = writeln!(md, "{}\n", t("review-none"));
            }
            for item in items {
                let _ = writeln!(md, "- {}", esc(item));
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### {}\n", t("review-plan"));
        for (i, step) in self.plan.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, esc(step));
        }
        md.push('\n');
        if !self.follow_ups.is_empty() {
            let _ = writeln!(md, "### {}\n", t("review-follow-ups"));
            for fu in &self.follow_ups {
                let _ = writeln!(md, "- **{}** (`{}`): {}", esc(&fu.title), fu.id, esc(&fu.reason));
            }
            md.push('\n');
        }

        if !self.notes.is_empty() {
            let _ = writeln!(md, "## {}\n", t("review-notes"));
            for (at, author, text) in &self.notes {
                let _ = writeln!(md, "- **{}**{sep} {} — *{}*", esc(at), esc(text), esc(author));
            }
            md.push('\n');
        }
        if !self.reports.is_empty() {
            let _ = writeln!(md, "## {}\n", t("review-reports"));
            for r in &self.reports {
                let _ = writeln!(md, "*{}*\n", esc(&r.prompt));
                for (heading, text) in &r.sections {
                    let _ = writeln!(md, "**{}{sep}** {}\n", esc(heading), esc(text));
                }
                for item in &r.items {
                    let (mark, word) =
                        if item.covered { ("☑", t("review-covered")) } else { ("☐", t("review-not-covered")) };
                    let _ = write!(md, "- {mark} {} — *{word}*", esc(&item.text));
                    let mut detail = Vec::new();
                    if let Some(words) = item.evidence.as_ref().filter(|_| item.graded_by.is_none() || item.covered) {
                        detail.push(w.s("review-covered-by", &[("words", words)]));
                    }
                    detail.extend(item.refused.iter().cloned());
                    match (&item.graded_by, item.automatic_was) {
                        (Some(who), Some(was)) => {
                            let was = t(if was { "review-covered" } else { "review-not-covered" });
                            detail.push(w.s("review-changed-by", &[("who", who), ("was", &was)]));
                        }
                        (Some(who), None) => detail.push(w.s("review-graded-by", &[("who", who)])),
                        (None, _) if !r.items.is_empty() => detail.push(t("review-automatic")),
                        (None, _) => {}
                    }
                    if !detail.is_empty() {
                        let _ = write!(md, " ({})", esc(&detail.join("; ")));
                    }
                    md.push('\n');
                }
                if let Some(model) = &r.model_answer {
                    let _ = writeln!(md, "\n**{}{sep}**\n", t("review-model-answer"));
                    for line in model.lines() {
                        let _ = writeln!(md, "> {}", esc(line));
                    }
                }
                md.push('\n');
            }
        }
        md
    }

    /// The review as one self-contained, printable HTML page.
    pub fn to_html(&self) -> String {
        let w = Words::of(&self.language);
        let title = w.s("review-title", &[("title", &self.title)]);
        markdown_page(&self.to_markdown(), &title, w.lang().code())
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

/// Escapes scenario text for Markdown so it stays inert.
pub(crate) fn esc(text: &str) -> String {
    escape_markdown(text)
}

/// Escapes text for a Markdown table cell (no line breaks).
pub(crate) fn cell(text: &str) -> String {
    esc(&text.replace(['\n', '\r'], " "))
}

/// Escapes text for HTML.
pub(crate) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
