//! Commands for scenario authors: `check`, `explore`, `graph` and `new`, and loading a scenario
//! with its diagnostics shown.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use hotwash::engine::blind::play_blind;
use hotwash::engine::diag::{Diagnostic, Renderer};
use hotwash::engine::explore::explore as explore_drill;
use hotwash::engine::folders::scenario_files;
use hotwash::engine::graph::{self, GraphFormat as Format};
use hotwash::engine::i18n::{Tr, outcome_name};
use hotwash::engine::load::{Checked, load_file};
use hotwash::engine::model::{Category, Outcome, Scenario};
use hotwash::engine::review::{DrillSummary, Level};
use hotwash::engine::store;

use super::{Exit, GraphFormat, Lang, Usage, Words};

fn render_all(path: &Path, source: &str, diagnostics: &[Diagnostic]) -> String {
    let shown = path.display().to_string();
    // One line table for all of a file's diagnostics, not a rescan of the file for each.
    let renderer = Renderer::new(&shown, source);
    diagnostics.iter().map(|d| renderer.render(d)).collect::<Vec<_>>().join("\n")
}

/// `hotwash check`.
pub fn check(paths: &[std::path::PathBuf], deny_warnings: bool, allow: &[String], words: Words) -> Result<Exit> {
    let tr = words.tr();
    let known = [hotwash::engine::validate::OPTION_LENGTH];
    if let Some(unknown) = allow.iter().find(|a| !known.contains(&a.as_str())) {
        return Err(Usage(format!("--allow {unknown}: no such kind of warning; there is {}", known.join(", "))).into());
    }
    let files = scenario_files(paths).map_err(|e| Usage(e.to_string()))?;
    if files.is_empty() {
        let under = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Err(Usage(tr.t_text("cli-check-no-files", &[("folders", &under)])).into());
    }
    let (mut errors, mut warnings, mut clean, mut allowed) = (0, 0, 0, 0);
    let mut ids = std::collections::BTreeSet::new();
    for file in &files {
        let (source, checked) = load_file(file);
        if let Some(s) = &checked.scenario {
            ids.insert(s.id.to_string());
        }
        let (hidden, shown): (Vec<_>, Vec<_>) =
            checked.diagnostics.into_iter().partition(|d| d.lint.is_some_and(|l| allow.iter().any(|a| a == l)));
        allowed += hidden.len();
        if shown.is_empty() {
            clean += 1;
            continue;
        }
        say_part!("{}", render_all(file, &source, &shown));
        say!();
        errors += shown.iter().filter(|d| d.is_error()).count();
        warnings += shown.iter().filter(|d| !d.is_error()).count();
    }
    // A curriculum beside the scenarios is checked against them.
    for dir in paths.iter().filter(|p| p.is_dir()) {
        let file = dir.join(hotwash::engine::path::FILE_NAME);
        if file.exists()
            && let Err(problems) = hotwash::engine::path::Curriculum::load(&file, &ids)
        {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            say_part!("{}", render_all(&file, &source, &problems));
            say!();
            errors += problems.len();
        }
    }
    say!(
        "{}",
        tr.t_text(
            "cli-check-summary",
            &[("files", &files.len()), ("clean", &clean), ("errors", &errors), ("warnings", &warnings)]
        )
    );
    if allowed > 0 {
        say!("{}", tr.t_text("cli-check-allowed", &[("count", &allowed), ("kinds", &allow.join(", "))]));
    }
    Ok(if errors > 0 || (deny_warnings && warnings > 0) { Exit::Problems } else { Exit::Clean })
}

/// Loads a scenario, printing its diagnostics (but the warnings about how options are written,
/// which are for `check` and the author, not for whoever plays or replays); an error when it has
/// errors.
pub fn load_playable(path: &Path, words: Words) -> Result<Arc<Scenario>> {
    let (source, Checked { scenario, mut diagnostics }) = load_file(path);
    diagnostics.retain(|d| d.lint.is_none());
    if !diagnostics.is_empty() {
        say_err_part!("{}", render_all(path, &source, &diagnostics));
    }
    scenario.map(Arc::new).ok_or_else(|| anyhow!(words.tr().t_text("cli-has-errors", &[("file", &path.display())])))
}

/// Summaries of the other playable scenarios in the same folder, for follow-up suggestions.
pub fn catalog_beside(path: &Path) -> Vec<DrillSummary> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    scenario_files(&[dir.to_owned()])
        .unwrap_or_default()
        .iter()
        .filter_map(|f| load_file(f).1.scenario)
        .map(|s| DrillSummary::of(&s))
        .collect()
}

/// `hotwash graph`.
pub fn graph(path: &Path, format: GraphFormat, words: Words) -> Result<Exit> {
    let format = match format {
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Mermaid => Format::Mermaid,
    };
    let s = load_playable(path, words)?;
    say_part!("{}", graph::render(&s, format));
    Ok(Exit::Clean)
}

/// `hotwash explore`, in the scenario's language unless `--lang` says otherwise.
pub fn explore(path: &Path, max_states: usize, seeds: u64, words: Words) -> Result<Exit> {
    let s = load_playable(path, words)?;
    let tr = words.about(&s.language);
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    let x = explore_drill(&s, max_states);
    let mode = if x.exhaustive {
        tr.t_text("cli-explore-every-branch", &[("states", &x.states)])
    } else {
        tr.t_text("cli-explore-sampled", &[("max", &max_states), ("paths", &x.sampled_paths)])
    };
    say!("{}", tr.t_text("cli-explore-heading", &[("title", &s.title), ("file", &path.display()), ("mode", &mode)]));
    say!("\n{}", tr.t_text("cli-explore-endings", &[("reached", &x.endings.len()), ("total", &s.endings.len())]));
    for (id, steps) in &x.endings {
        let outcome = s.endings.get(id).map_or("", |e| e.outcome.key());
        let path: Vec<String> = steps.iter().map(|st| format!("{}:{st}", st.node)).collect();
        let ending = tr.t_text(
            "cli-explore-ending",
            &[("id", id), ("outcome", &outcome), ("steps", &steps.len()), ("path", &path.join(" → "))],
        );
        say!("  {ending}");
    }
    say!("\n{}", tr.t("cli-explore-points"));
    for (c, (lo, hi)) in &x.score_range {
        say!("  {c}: {lo} … {hi}");
    }
    let expert: Vec<String> = x.expert_path.iter().map(|st| format!("{}:{st}", st.node)).collect();
    say!("\n{}", tr.t_text("cli-explore-expert", &[("path", &expert.join(" → "))]));
    if x.exhaustive {
        let traps: Vec<&str> = x.never_good.iter().map(|c| c.as_str()).collect();
        let traps = if traps.is_empty() { tr.t("cli-explore-none") } else { traps.join(", ") };
        say!("{}", tr.t_text("cli-explore-traps", &[("choices", &traps)]));
    }
    let mut problems = Vec::new();
    for id in &x.unreached_endings {
        problems.push(tr.t_text("cli-explore-ending-unreached", &[("id", id)]));
    }
    for id in &x.unreached_nodes {
        problems.push(tr.t_text("cli-explore-node-unreached", &[("id", id)]));
    }
    for (id, why) in &x.stuck {
        problems.push(tr.t_text("cli-explore-stuck", &[("id", id), ("why", why)]));
    }
    for h in &x.resolved_after_harm {
        let path: Vec<String> = h.path.iter().map(|st| format!("{}:{st}", st.node)).collect();
        problems.push(
            tr.t_text(
                "cli-explore-harm",
                &[("ending", &h.ending), ("choice", &h.harmful), ("path", &path.join(" → "))],
            ),
        );
    }
    problems.extend(content_blind(&s, seeds, tr));
    if problems.is_empty() {
        say!("\n{}", tr.t("cli-explore-no-problems"));
        Ok(Exit::Clean)
    } else {
        say!("\n{}", tr.t("cli-explore-problems"));
        for p in &problems {
            say!("  - {p}");
        }
        Ok(Exit::Problems)
    }
}

/// Plays the drill with strategies that read nothing over `seeds` seeds, prints how each fared,
/// and returns what does better than luck.
fn content_blind(s: &Arc<Scenario>, seeds: u64, tr: &Tr) -> Vec<String> {
    let results = play_blind(s, seeds);
    say!("\n{}", tr.t_text("blind-heading", &[("seeds", &seeds)]));
    for r in &results {
        let outcomes: Vec<String> = [Outcome::Resolved, Outcome::PartiallyResolved, Outcome::Harmed]
            .iter()
            .map(|o| {
                let count = r.outcomes.get(o).copied().unwrap_or(0);
                tr.t_text("blind-outcome", &[("count", &count), ("outcome", &outcome_name(*o, tr.lang()))])
            })
            .collect();
        let levels: Vec<String> = [Level::P, Level::S, Level::M, Level::U]
            .iter()
            .map(|l| format!("{}{}", r.levels.get(l).copied().unwrap_or(0), l.letter()))
            .collect();
        let mut row = tr.t_text(
            "blind-row",
            &[
                ("strategy", &r.strategy.words(tr)),
                ("outcomes", &outcomes.join(&tr.t("blind-list-separator"))),
                ("levels", &levels.join(" ")),
            ],
        );
        if r.stuck > 0 {
            row.push_str(&tr.t_text("blind-stopped", &[("count", &r.stuck)]));
        }
        say!("  {row}");
    }
    results
        .iter()
        .filter_map(|r| r.finding())
        .map(|f| tr.t_text("cli-explore-blind", &[("finding", &f.words(tr))]))
        .collect()
}

/// The starting scenarios `hotwash new` writes.
const TEMPLATE_EN: &str = include_str!("template.en.ron");
const TEMPLATE_ZH: &str = include_str!("template.zh-CN.ron");

/// The RON form of a category named on the command line (`fraud_call` → `FraudCall`).
fn category_ron(name: &str) -> String {
    let key = name.trim().to_lowercase().replace('-', "_");
    Category::KNOWN.iter().find(|c| c.key() == key).map_or_else(|| format!("Other({key:?})"), |c| format!("{c:?}"))
}

/// `hotwash new`: the template and the words in `--lang`, else the locale's language.
pub fn new_scenario(id: &str, category: &str, words: Words, out: &Path) -> Result<Exit> {
    let (tr, lang) = (words.tr(), words.lang());
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        return Err(Usage(tr.t_text("cli-new-bad-id", &[("id", &id)])).into());
    }
    let path = out.join(format!("{id}.{}.ron", lang.code()));
    if path.exists() {
        return Err(anyhow!(tr.t_text("cli-new-exists", &[("file", &path.display())])));
    }
    let template = match lang {
        Lang::ZhCn => TEMPLATE_ZH,
        Lang::En => TEMPLATE_EN,
    };
    let text = template.replace("{ID}", id).replace("{CATEGORY}", &category_ron(category));
    store::write_text(&path, &text)?;
    say!("{}", tr.t_text("cli-wrote", &[("file", &path.display())]));
    say!("{}", tr.t_text("cli-new-next", &[("file", &path.display())]));
    Ok(Exit::Clean)
}
