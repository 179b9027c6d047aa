//! Commands for scenario authors: `check`, `explore`, `graph` and `new`, and loading a scenario
//! with its diagnostics shown.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use hotwash::engine::blind::play_blind;
use hotwash::engine::diag::Diagnostic;
use hotwash::engine::explore::explore as explore_drill;
use hotwash::engine::folders::scenario_files;
use hotwash::engine::graph::{self, GraphFormat as Format};
use hotwash::engine::load::{Checked, load_file};
use hotwash::engine::model::{Category, Outcome, Scenario};
use hotwash::engine::review::{DrillSummary, Level};
use hotwash::engine::store;

use super::{Exit, GraphFormat, Lang, Usage};

fn render_all(path: &Path, source: &str, diagnostics: &[Diagnostic]) -> String {
    let shown = path.display().to_string();
    diagnostics.iter().map(|d| d.render(&shown, source)).collect::<Vec<_>>().join("\n")
}

/// `hotwash check`.
pub fn check(paths: &[std::path::PathBuf], deny_warnings: bool) -> Result<Exit> {
    let files = scenario_files(paths).map_err(|e| Usage(e.to_string()))?;
    if files.is_empty() {
        let under = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Err(Usage(format!("no scenario files (*.ron) under {under}")).into());
    }
    let (mut errors, mut warnings, mut clean) = (0, 0, 0);
    for file in &files {
        let (source, checked) = load_file(file);
        if checked.diagnostics.is_empty() {
            clean += 1;
            continue;
        }
        print!("{}", render_all(file, &source, &checked.diagnostics));
        println!();
        errors += checked.diagnostics.iter().filter(|d| d.is_error()).count();
        warnings += checked.diagnostics.iter().filter(|d| !d.is_error()).count();
    }
    println!("checked {} file(s): {clean} clean, {errors} error(s), {warnings} warning(s)", files.len());
    Ok(if errors > 0 || (deny_warnings && warnings > 0) { Exit::Problems } else { Exit::Clean })
}

/// Loads a scenario, printing its diagnostics; an error when it has errors.
pub fn load_playable(path: &Path) -> Result<Arc<Scenario>> {
    let (source, Checked { scenario, diagnostics }) = load_file(path);
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(path, &source, &diagnostics));
    }
    scenario.map(Arc::new).ok_or_else(|| anyhow!("{} has errors; fix them and run `hotwash check`", path.display()))
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
pub fn graph(path: &Path, format: GraphFormat) -> Result<Exit> {
    let format = match format {
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Mermaid => Format::Mermaid,
    };
    let s = load_playable(path)?;
    print!("{}", graph::render(&s, format));
    Ok(Exit::Clean)
}

/// `hotwash explore`.
pub fn explore(path: &Path, max_states: usize, seeds: u64) -> Result<Exit> {
    let s = load_playable(path)?;
    let x = explore_drill(&s, max_states);
    let mode = if x.exhaustive {
        format!("every branch, {} distinct states", x.states)
    } else {
        format!("too many states (over {max_states}): sampled {} random paths", x.sampled_paths)
    };
    println!("{} ({}): {mode}", s.title, path.display());
    println!("\nEndings reached: {} of {}", x.endings.len(), s.endings.len());
    for (id, steps) in &x.endings {
        let outcome = s.endings.get(id).map_or("", |e| e.outcome.key());
        let path: Vec<String> = steps.iter().map(|st| format!("{}:{}", st.node, st.action)).collect();
        println!("  {id} [{outcome}] in {} step(s): {}", steps.len(), path.join(" → "));
    }
    println!("\nPoints per competency (lowest … highest over complete paths):");
    for (c, (lo, hi)) in &x.score_range {
        println!("  {c}: {lo} … {hi}");
    }
    let expert: Vec<String> = x.expert_path.iter().map(|st| format!("{}:{}", st.node, st.action)).collect();
    println!("\nExpert path: {}", expert.join(" → "));
    if x.exhaustive {
        let traps: Vec<&str> = x.never_good.iter().map(|c| c.as_str()).collect();
        println!(
            "Choices after which no resolved ending can be reached: {}",
            if traps.is_empty() { "none".to_owned() } else { traps.join(", ") }
        );
    }
    let mut problems = Vec::new();
    for id in &x.unreached_endings {
        problems.push(format!("ending `{id}` is never reached in play"));
    }
    for id in &x.unreached_nodes {
        problems.push(format!("node `{id}` is never reached in play"));
    }
    for (id, why) in &x.stuck {
        problems.push(format!("node `{id}`: {why}"));
    }
    for h in &x.resolved_after_harm {
        let path: Vec<String> = h.path.iter().map(|st| format!("{}:{}", st.node, st.action)).collect();
        problems.push(format!(
            "ending `{}` is resolved after the harmful choice `{}`: {}",
            h.ending,
            h.harmful,
            path.join(" → ")
        ));
    }
    problems.extend(content_blind(&s, seeds));
    if problems.is_empty() {
        println!("\nNo problems found.");
        Ok(Exit::Clean)
    } else {
        println!("\nProblems:");
        for p in &problems {
            println!("  - {p}");
        }
        Ok(Exit::Problems)
    }
}

/// Plays the drill with strategies that read nothing over `seeds` seeds, prints how each fared,
/// and returns what does better than luck.
fn content_blind(s: &Arc<Scenario>, seeds: u64) -> Vec<String> {
    let results = play_blind(s, seeds);
    println!("\nContent-blind play ({seeds} seeds each, a one-character report where one is asked for):");
    for r in &results {
        let outcomes: Vec<String> = [Outcome::Resolved, Outcome::PartiallyResolved, Outcome::Harmed]
            .iter()
            .map(|o| format!("{} {}", r.outcomes.get(o).copied().unwrap_or(0), o.key()))
            .collect();
        let levels: Vec<String> = [Level::P, Level::S, Level::M, Level::U]
            .iter()
            .map(|l| format!("{}{}", r.levels.get(l).copied().unwrap_or(0), l.letter()))
            .collect();
        let stuck = if r.stuck > 0 { format!(", {} stopped", r.stuck) } else { String::new() };
        println!("  {:<8} {}; ratings {}{stuck}", r.strategy.name(), outcomes.join(", "), levels.join(" "));
    }
    results.iter().filter_map(|r| r.finding()).map(|f| format!("content-blind: {f}")).collect()
}

/// The starting scenarios `hotwash new` writes.
const TEMPLATE_EN: &str = include_str!("template.en.ron");
const TEMPLATE_ZH: &str = include_str!("template.zh-CN.ron");

/// The RON form of a category named on the command line (`fraud_call` → `FraudCall`).
fn category_ron(name: &str) -> String {
    let key = name.trim().to_lowercase().replace('-', "_");
    Category::KNOWN.iter().find(|c| c.key() == key).map_or_else(|| format!("Other({key:?})"), |c| format!("{c:?}"))
}

/// `hotwash new`.
pub fn new_scenario(id: &str, category: &str, lang: Lang, out: &Path) -> Result<Exit> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        return Err(Usage(format!("`{id}` is not a usable id: use lower-case letters, digits, `-` and `_`")).into());
    }
    let path = out.join(format!("{id}.{}.ron", lang.code()));
    if path.exists() {
        return Err(anyhow!("{} already exists; nothing was written", path.display()));
    }
    let template = match lang {
        Lang::ZhCn => TEMPLATE_ZH,
        Lang::En => TEMPLATE_EN,
    };
    let text = template.replace("{ID}", id).replace("{CATEGORY}", &category_ron(category));
    store::write_text(&path, &text)?;
    println!("wrote {}\nnext: edit it, then run  hotwash check --deny-warnings {}", path.display(), path.display());
    Ok(Exit::Clean)
}
