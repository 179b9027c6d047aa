//! The `hotwash` command line: `check`, `run` and `replay` for facilitators, scripts and tests.
//! It only translates between a terminal and the engine.

use std::collections::BTreeMap;
use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Parser, Subcommand};

use crate::engine::diag::{Diagnostic, Renderer};
use crate::engine::explore::explore;
use crate::engine::graph::{self, GraphFormat};
use crate::engine::load::{Checked, load_file};
use crate::engine::model::{Artefact, Channel, InputKind, Scenario};
use crate::engine::review::{DrillSummary, Review, clock};
use crate::engine::runner::{Answer, Event, Logged, Pick, RunError, Runner, Stage, compare, replay};
use crate::engine::store;

/// Exit code for a clean run.
pub const EXIT_OK: u8 = 0;
/// Exit code when the input has problems (scenario errors, a debrief that does not replay).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code for misuse (bad arguments, a missing path).
pub const EXIT_USAGE: u8 = 2;

/// Hotwash: crisis drills and after-action reviews for customer-service security training.
#[derive(Debug, Parser)]
#[command(name = "hotwash", version, about)]
pub struct Cli {
    /// Folder for debriefs, the drill in progress and the pseudonym key (default: the platform data
    /// folder, or $`HOTWASH_DATA_DIR`).
    #[arg(long, global = true, env = "HOTWASH_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do; without a command the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the desktop app.
#[derive(Debug, Default, clap::Args)]
pub struct AppArgs {
    /// The scenario folder the library shows (watched: an edited file reloads).
    #[arg(long, default_value = "scenarios")]
    pub scenarios: PathBuf,
    /// Interface language for this run: `zh-CN` or `en` (default: the one in Settings).
    #[arg(long)]
    pub lang: Option<String>,
    /// A scenario file inside the folder to start straight away, e.g. `bank-security-call.en.ron`.
    #[arg(long)]
    pub open: Option<String>,
    /// The seed for --open (default: from the clock).
    #[arg(long, requires = "open")]
    pub seed: Option<u64>,
    /// The settings file (default: `settings.ron` in the platform's config folder).
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Walk every screen with a scripted drill of --open (default `bank-security-call.<lang>.ron`),
    /// save a PNG of each screen into this folder, and quit.
    #[arg(long)]
    pub tour: Option<PathBuf>,
    /// Leave the Chinese font out (the screenshot test uses it to prove the font draws Chinese).
    #[arg(long, hide = true)]
    pub without_cjk_font: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the desktop app (the same as giving no command).
    App(AppArgs),
    /// Validate scenario files or folders of them; exit 0 when clean, 1 on errors, 2 on misuse.
    Check {
        /// Scenario files, or folders searched for `*.ron`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Play a drill in the terminal, interactively or scripted with --choose.
    Run {
        /// The scenario file.
        scenario: PathBuf,
        /// Seed for the random details and branches (default: from the clock; printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Scripted answers, comma-separated: 1-based positions, choice ids, or `wait` to let the
        /// clock run out.
        #[arg(long, value_delimiter = ',')]
        choose: Option<Vec<String>>,
        /// Written answers in order; an incident report takes three (description, scope, measures).
        #[arg(long)]
        input: Vec<String>,
        /// Who plays (default: $USER).
        #[arg(long)]
        trainee: Option<String>,
        /// Folder for the debrief and review (default: <data dir>/debriefs).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a valid, commented starting scenario to edit.
    New {
        /// The new drill's id (lower-case letters, digits, `-`, `_`).
        id: String,
        /// `fraud_call`, phishing, `social_engineering`, `mass_complaint`, `data_leak`, `urgent_help`,
        /// `crisis_management`, or a name of your own.
        #[arg(long, default_value = "fraud_call")]
        category: String,
        /// Language of the drill's text.
        #[arg(long, default_value = "en", value_parser = ["en", "zh-CN"])]
        lang: String,
        /// Folder to write `<id>.<lang>.ron` in.
        #[arg(long, default_value = "scenarios")]
        out: PathBuf,
    },
    /// Explore every branch of a drill: endings with a shortest path, score ranges, the expert
    /// path, traps and dead ends; exit 1 on a problem.
    Explore {
        /// The scenario file.
        scenario: PathBuf,
        /// States to visit before switching to sampling this many random paths.
        #[arg(long, default_value_t = 200_000)]
        max_paths: usize,
    },
    /// Print a drill as a graph for Graphviz or Mermaid.
    Graph {
        /// The scenario file.
        scenario: PathBuf,
        /// `dot` (Graphviz) or `mermaid`.
        #[arg(long, default_value = "dot", value_parser = ["dot", "mermaid"])]
        format: String,
    },
    /// Review many debriefs together: ratings per competency, decision points, red flags missed,
    /// response times, trainees' trends and prompts for the hot wash.
    Review {
        /// Debrief files, or folders searched for `*.debrief.ron`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `md`, `html` or `csv`.
        #[arg(long, default_value = "md", value_parser = ["md", "html", "csv"])]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace trainee names with stable pseudonyms (key kept in the data folder).
        #[arg(long)]
        pseudonymize: bool,
        /// Folder of scenarios, for names and labels.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
    },
    /// Export debriefs as xAPI 1.0.3 statements (JSON) for a Learning Record Store; trainees appear
    /// only as pseudonymous accounts (the key is kept in the data folder).
    Export {
        /// Write xAPI statements (the one export format).
        #[arg(long, required = true)]
        xapi: bool,
        /// Debrief files, or folders searched for `*.debrief.ron`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The IRI under which activities and extensions are named; also the account home page.
        #[arg(long, default_value = "https://hotwash.local/xapi")]
        base: String,
        /// Scenario folder, for decision labels and descriptions.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
    },
    /// Pin an evaluator's note to a decision of a debrief (the replayable record is unchanged).
    Note {
        /// The `.debrief.ron` file.
        debrief: PathBuf,
        /// The decision: its number (from 1) or its node id.
        #[arg(long)]
        at: String,
        /// The observation.
        text: String,
        /// Who writes it (default: $USER).
        #[arg(long)]
        author: Option<String>,
    },
    /// Replay a debrief against its scenario and verify that it reproduces exactly.
    Replay {
        /// The `.debrief.ron` file.
        debrief: PathBuf,
        /// The scenario file (default: searched by id in ./scenarios and beside the debrief).
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let result = match cli.command {
        None => open_app(AppArgs { scenarios: PathBuf::from("scenarios"), ..AppArgs::default() }, cli.data_dir),
        Some(Command::App(args)) => open_app(args, cli.data_dir),
        Some(Command::Check { paths, deny_warnings }) => check(&paths, deny_warnings),
        Some(Command::Run { scenario, seed, choose, input, trainee, out }) => {
            let out = out.unwrap_or_else(|| data_dir(cli.data_dir.as_deref()).join("debriefs"));
            run(&scenario, seed, choose, input, trainee, &out)
        }
        Some(Command::Replay { debrief, scenario }) => replay_cmd(&debrief, scenario.as_deref()),
        Some(Command::Review { paths, format, out, pseudonymize, scenarios }) => {
            let key = if pseudonymize { pseudonym_key(&data_dir(cli.data_dir.as_deref())).map(Some) } else { Ok(None) };
            key.and_then(|key| team_review(&paths, &format, out.as_deref(), key.as_deref(), &scenarios))
        }
        Some(Command::Note { debrief, at, text, author }) => note_cmd(&debrief, &at, &text, author),
        Some(Command::Export { xapi: _, paths, out, base, scenarios }) => {
            export_xapi(&paths, out.as_deref(), &base, &scenarios, &data_dir(cli.data_dir.as_deref()))
        }
        Some(Command::New { id, category, lang, out }) => new_scenario(&id, &category, &lang, &out),
        Some(Command::Explore { scenario, max_paths }) => explore_cmd(&scenario, max_paths),
        Some(Command::Graph { scenario, format }) => {
            let format = if format == "mermaid" { GraphFormat::Mermaid } else { GraphFormat::Dot };
            load_playable(&scenario).map(|s| {
                print!("{}", graph::render(&s, format));
                EXIT_OK
            })
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("hotwash: error: {err:#}");
            EXIT_PROBLEMS
        }
    }
}

#[cfg(feature = "gui")]
fn open_app(args: AppArgs, data_dir: Option<PathBuf>) -> Result<u8> {
    let lang = match args.lang.as_deref().map(|l| crate::app::i18n::Lang::from_code(l).ok_or(l)) {
        Some(Err(l)) => bail!("--lang {l}: the app speaks `zh-CN` and `en`"),
        Some(Ok(lang)) => Some(lang),
        None => None,
    };
    // The tour plays a drill: without --data-dir its debrief goes to a temporary folder, never
    // into the trainee's own.
    let tour_data = match (&args.tour, &data_dir) {
        (Some(_), None) => Some(tempfile::tempdir()?),
        _ => None,
    };
    let data_dir = data_dir.or_else(|| tour_data.as_ref().map(|d| d.path().to_owned()));
    Ok(crate::app::run(crate::app::AppOptions {
        scenarios: args.scenarios,
        data_dir,
        settings_file: args.settings,
        lang,
        open: args.open,
        seed: args.seed,
        tour: args.tour,
        without_cjk_font: args.without_cjk_font,
    }))
}

#[cfg(not(feature = "gui"))]
fn open_app(_args: AppArgs, _data_dir: Option<PathBuf>) -> Result<u8> {
    eprintln!(
        "hotwash: this build has no desktop app (built without the `gui` feature).\n\
         Build it with `cargo run --release`, or play a drill in the terminal:  hotwash run scenarios/bank-security-call.en.ron"
    );
    Ok(EXIT_USAGE)
}

/// The data folder: the one given, else the platform's.
pub fn data_dir(given: Option<&Path>) -> PathBuf {
    given.map(Path::to_owned).unwrap_or_else(|| dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("hotwash"))
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Every file under the paths (searching folders) whose path `wanted` accepts, sorted; a file
/// named directly is taken whatever its name; a path that does not exist is an error.
fn files_under(paths: &[PathBuf], wanted: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut stack = vec![path.clone()];
            while let Some(dir) = stack.pop() {
                let entries =
                    std::fs::read_dir(&dir).with_context(|| format!("cannot read the folder {}", dir.display()))?;
                for entry in entries.flatten() {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if wanted(&p) {
                        files.push(p);
                    }
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            bail!("{}: no such file or folder", path.display());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Every scenario file (`*.ron`, not `*.debrief.ron`) under the paths, sorted.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    files_under(paths, |p| p.extension().is_some_and(|e| e == "ron") && !p.to_string_lossy().ends_with(".debrief.ron"))
}

fn render_all(path: &Path, source: &str, diagnostics: &[Diagnostic]) -> String {
    let shown = path.display().to_string();
    let renderer = Renderer::new(&shown, source);
    diagnostics.iter().map(|d| renderer.render(d)).collect::<Vec<_>>().join("\n")
}

fn check(paths: &[PathBuf], deny_warnings: bool) -> Result<u8> {
    let files = match scenario_files(paths) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("hotwash: error: {err:#}");
            return Ok(EXIT_USAGE);
        }
    };
    if files.is_empty() {
        eprintln!(
            "hotwash: error: no scenario files (*.ron) under {}",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        return Ok(EXIT_USAGE);
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
    Ok(if errors > 0 || (deny_warnings && warnings > 0) { EXIT_PROBLEMS } else { EXIT_OK })
}

/// Loads a scenario, printing its diagnostics; `None` when it has errors.
fn load_playable(path: &Path) -> Result<Scenario> {
    let (source, Checked { scenario, diagnostics }) = load_file(path);
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(path, &source, &diagnostics));
    }
    scenario.ok_or_else(|| anyhow!("{} has errors; fix them and run `hotwash check`", path.display()))
}

/// Summaries of the other playable scenarios in the same folder, for follow-up suggestions.
fn catalog_beside(path: &Path) -> Vec<DrillSummary> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    scenario_files(&[dir.to_owned()])
        .unwrap_or_default()
        .iter()
        .filter_map(|f| load_file(f).1.scenario)
        .map(|s| DrillSummary::of(&s))
        .collect()
}

fn print_events(runner: &Runner<'_>, events: &[Logged]) {
    let s = runner.scenario();
    let who = |id: &Option<crate::engine::model::CastId>| {
        id.as_ref().and_then(|c| s.cast.get(c)).map(|m| {
            let name = runner.fill(&m.name);
            match &m.caller_id {
                Some(number) => format!("{name} <{}>", runner.fill(number)),
                None => name,
            }
        })
    };
    for logged in events {
        let t = clock(logged.t);
        match &logged.event {
            Event::Line { speaker, channel, text, .. } => {
                let channel = channel_name(*channel);
                match who(speaker) {
                    Some(name) => println!("\n[{t}] {channel} · {name}:\n  {text}"),
                    None => println!("\n[{t}] {channel}:\n  {text}"),
                }
            }
            Event::Artefact { artefact, .. } => print_artefact(artefact),
            Event::Inject { speaker, channel, text, .. } => {
                let name = who(speaker).unwrap_or_default();
                println!("\n[{t}] !! {} {name}: {text}", channel_name(*channel));
            }
            Event::Choices { options, deadline, .. } => {
                for (i, o) in options.iter().enumerate() {
                    println!("  {}) {}", i + 1, o.text);
                }
                if let Some(deadline) = deadline {
                    println!("  (answer within {} s)", deadline.saturating_sub(logged.t).div_ceil(1000));
                }
            }
            Event::Input { kind, prompt, .. } => {
                let shape = match kind {
                    InputKind::IncidentReport => "incident report: event description, scope of impact, measures taken",
                    InputKind::FreeText => "written answer",
                };
                println!("\n  ✎ {prompt} ({shape})");
            }
            Event::TimedOut { .. } => println!("\n[{t}] Time ran out."),
            Event::Ended { ending, .. } => {
                let title = s.endings.get(ending).map(|e| runner.fill(&e.title)).unwrap_or_default();
                println!("\n[{t}] === {title} ===");
            }
            Event::Chose { .. } | Event::Answered { .. } | Event::Revealed { .. } => {}
        }
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Call => "Call",
        Channel::Chat => "Chat",
        Channel::Email => "E-mail",
        Channel::Sms => "SMS",
        Channel::System => "System",
    }
}

fn print_artefact(artefact: &Artefact) {
    match artefact {
        Artefact::Crm(r) => {
            println!("  ┌ CRM: {}", r.title);
            for f in &r.fields {
                let value = if f.sensitive { "••••••  (masked)".to_owned() } else { f.value.clone() };
                println!("  │ {}: {value}", f.label);
            }
        }
        Artefact::Email(m) | Artefact::Sms(m) => {
            let kind = if matches!(artefact, Artefact::Email(_)) { "E-mail" } else { "SMS" };
            println!("  ┌ {kind} from {}", m.from);
            if let Some(subject) = &m.subject {
                println!("  │ Subject: {subject}");
            }
            println!("  │ {}", m.body);
            if let Some(link) = &m.link {
                println!("  │ Link: {}  (really opens: {})", link.text, link.real_domain());
            }
        }
        Artefact::Queue(q) => println!("  ┌ {}: {} waiting (+{}/min)", q.label, q.count, q.per_minute),
        Artefact::Note(n) => println!("  ┌ {}\n  │ {}", n.title, n.body),
    }
}

/// What the trainee does next in a scripted run.
enum Step {
    Pick(Pick),
    Wait,
}

fn parse_step(token: &str) -> Step {
    let token = token.trim();
    if token.eq_ignore_ascii_case("wait") {
        return Step::Wait;
    }
    match token.parse::<usize>() {
        Ok(n) => Step::Pick(Pick::Index(n.checked_sub(1).unwrap_or(usize::MAX))),
        Err(_) => Step::Pick(Pick::Id(token.into())),
    }
}

/// Milliseconds a scripted trainee takes for each answer.
const SCRIPTED_THINK_MS: u64 = 2_000;

fn take_answer(kind: InputKind, inputs: &mut std::vec::IntoIter<String>, node: &str) -> Result<Answer> {
    let mut next =
        |what: &str| inputs.next().ok_or_else(|| anyhow!("node `{node}` asks for {what}; give it with --input"));
    Ok(match kind {
        InputKind::IncidentReport => Answer::Report {
            description: next("an incident report (event description)")?,
            scope: next("an incident report (scope of impact)")?,
            measures: next("an incident report (measures taken)")?,
        },
        InputKind::FreeText => Answer::Text(next("a written answer")?),
    })
}

fn waiting_kind(runner: &Runner<'_>) -> Option<(String, Option<InputKind>)> {
    let Stage::At(id) = runner.stage() else { return None };
    let node = runner.scenario().nodes.get(id)?;
    Some((id.to_string(), node.input.as_ref().map(|i| i.kind)))
}

fn run(
    path: &Path,
    seed: Option<u64>,
    choose: Option<Vec<String>>,
    inputs: Vec<String>,
    trainee: Option<String>,
    out: &Path,
) -> Result<u8> {
    let scenario = load_playable(path)?;
    let seed = seed.unwrap_or_else(|| now_ms() % 1_000_000);
    let trainee = trainee
        .or_else(|| std::env::var("USER").ok())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "trainee".to_owned());
    let started = now_ms();
    println!("{} — seed {seed}, trainee {trainee}", scenario.title);
    let mut runner = Runner::start(&scenario, seed, &trainee, started)?;
    let mut inputs = inputs.into_iter();
    let end = match choose {
        Some(steps) => play_scripted(&mut runner, &steps, &mut inputs, started)?,
        None => play_interactive(&mut runner, &mut inputs)?,
    };
    let events = runner.take_events();
    print_events(&runner, &events);
    let debrief = runner.debrief(end).ok_or_else(|| anyhow!("the drill did not end"))?;
    let review = Review::build(&scenario, &debrief, &catalog_beside(path));
    let saved = store::save_drill(out, &debrief, &review)?;
    println!("\n{}", review.summary());
    for f in [&saved.debrief, &saved.markdown, &saved.html] {
        println!("wrote {}", f.display());
    }
    Ok(EXIT_OK)
}

fn write_text(path: &Path, text: &str) -> Result<()> {
    Ok(store::write_text(path, text)?)
}

/// Plays `steps` on a simulated clock; returns the wall-clock end.
fn play_scripted(
    runner: &mut Runner<'_>,
    steps: &[String],
    inputs: &mut std::vec::IntoIter<String>,
    start: u64,
) -> Result<u64> {
    let mut steps = steps.iter().filter(|s| !s.trim().is_empty());
    let mut now = start;
    while let Some((node, input)) = waiting_kind(runner) {
        let events = runner.take_events();
        print_events(runner, &events);
        if let Some(kind) = input {
            now += SCRIPTED_THINK_MS;
            runner.submit(take_answer(kind, inputs, &node)?, now)?;
            continue;
        }
        let Some(step) = steps.next() else {
            let options: Vec<String> =
                runner.options().iter().enumerate().map(|(i, o)| format!("{} = {}", i + 1, o.id)).collect();
            bail!("--choose ran out before the drill ended: node `{node}` waits for a choice ({})", options.join(", "));
        };
        let deadline = runner.deadline().map(|d| start + d + runner.state().paused_ms);
        match parse_step(step) {
            Step::Wait => {
                let Some(deadline) = deadline else { bail!("`wait` at node `{node}`, which has no time limit") };
                now = now.max(deadline);
                runner.tick(now)?;
            }
            Step::Pick(pick) => {
                now += SCRIPTED_THINK_MS;
                if let Some(deadline) = deadline {
                    now = now.min(deadline.saturating_sub(1)).max(start + runner.state().entered_at);
                }
                runner.choose(&pick, now).map_err(|e| anyhow!("step `{step}`: {e}"))?;
            }
        }
    }
    let extra: Vec<&String> = steps.collect();
    if !extra.is_empty() {
        let extra: Vec<&str> = extra.iter().map(|s| s.as_str()).collect();
        eprintln!(
            "hotwash: warning: the drill ended before the scripted answers {}; they were not used",
            extra.join(",")
        );
    }
    Ok(now)
}

/// Plays at the terminal, reading answers from standard input while the clock runs; returns the
/// wall-clock end.
fn play_interactive(runner: &mut Runner<'_>, inputs: &mut std::vec::IntoIter<String>) -> Result<u64> {
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let read_line = |prompt: &str| -> Result<String> {
        print!("{prompt}");
        let _ = std::io::stdout().flush();
        rx.recv().map_err(|_| anyhow!("standard input ended before the drill did"))
    };
    let mut shown_deadline: Option<u64> = None;
    while let Some((node, input)) = waiting_kind(runner) {
        let events = runner.take_events();
        print_events(runner, &events);
        if let Some(kind) = input {
            let answer = match take_answer(kind, inputs, &node) {
                Ok(answer) => answer,
                Err(_) => match kind {
                    InputKind::IncidentReport => Answer::Report {
                        description: read_line("  Event description> ")?,
                        scope: read_line("  Scope of impact> ")?,
                        measures: read_line("  Measures taken> ")?,
                    },
                    InputKind::FreeText => Answer::Text(read_line("  Answer> ")?),
                },
            };
            runner.submit(answer, now_ms())?;
            continue;
        }
        if shown_deadline != runner.deadline() || events.iter().any(|e| matches!(e.event, Event::Choices { .. })) {
            print!("choose (number or id)> ");
            let _ = std::io::stdout().flush();
            shown_deadline = runner.deadline();
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let pick = match parse_step(line) {
                    Step::Pick(pick) => pick,
                    Step::Wait => continue,
                };
                match runner.choose(&pick, now_ms()) {
                    Ok(()) => {}
                    Err(RunError::TooLate(_)) => println!("  Too late: time had run out."),
                    Err(RunError::NoSuchOption(..)) => print!("  No such option. choose> "),
                    Err(err) => return Err(err.into()),
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => runner.tick(now_ms())?,
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("standard input ended before the drill did"),
        }
    }
    Ok(now_ms())
}

fn explore_cmd(path: &Path, max_states: usize) -> Result<u8> {
    let s = load_playable(path)?;
    let x = explore(&s, max_states);
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
    if problems.is_empty() {
        println!("\nNo problems found.");
        Ok(EXIT_OK)
    } else {
        println!("\nProblems:");
        for p in &problems {
            println!("  - {p}");
        }
        Ok(EXIT_PROBLEMS)
    }
}

/// The local key for pseudonyms, created on first use (32 random bytes, hex, in the data folder).
fn export_xapi(paths: &[PathBuf], out: Option<&Path>, base: &str, scenarios: &Path, data: &Path) -> Result<u8> {
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        eprintln!("hotwash: error: --base {base}: must be an http(s) IRI (it is also the account home page)");
        return Ok(EXIT_USAGE);
    }
    let files = match debrief_files(paths) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("hotwash: error: {err:#}");
            return Ok(EXIT_USAGE);
        }
    };
    let library = scenarios_by_id(scenarios);
    let pseudonyms = crate::engine::team::Pseudonyms::new(&pseudonym_key(data)?);
    let base = crate::engine::xapi::Base(base.trim_end_matches('/').to_owned());
    let (mut statements, mut skipped, mut read) = (Vec::new(), 0, 0);
    for file in &files {
        match store::load_debrief(file) {
            Ok(d) => {
                let scenario = library.get(&(d.scenario.id.clone(), d.scenario.language.clone()));
                statements.extend(crate::engine::xapi::statements(&d, scenario, &pseudonyms.of(&d.trainee), &base));
                read += 1;
            }
            Err(err) => {
                eprintln!("hotwash: skipped: {err}");
                skipped += 1;
            }
        }
    }
    if read == 0 {
        eprintln!("hotwash: error: no readable debriefs ({} file(s) found, {skipped} skipped)", files.len());
        return Ok(EXIT_PROBLEMS);
    }
    let text = serde_json::to_string_pretty(&statements)? + "\n";
    match out {
        Some(path) => {
            write_text(path, &text)?;
            eprintln!("wrote {} statement(s) from {read} debrief(s) to {}", statements.len(), path.display());
        }
        None => print!("{text}"),
    }
    Ok(if skipped > 0 { EXIT_PROBLEMS } else { EXIT_OK })
}

/// Every playable scenario under `dir`, by id and language.
fn scenarios_by_id(dir: &Path) -> BTreeMap<(String, String), Scenario> {
    let mut library = BTreeMap::new();
    if dir.is_dir() {
        for file in scenario_files(&[dir.to_owned()]).unwrap_or_default() {
            if let Some(s) = load_file(&file).1.scenario {
                library.insert((s.id.clone(), s.language.clone()), s);
            }
        }
    }
    library
}

/// The pseudonym key kept in the data folder, made on first use.
pub fn pseudonym_key(data: &Path) -> Result<Vec<u8>> {
    let path = data.join("pseudonym.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let text = text.trim();
        let bytes: Option<Vec<u8>> = (0..text.len())
            .step_by(2)
            .map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect();
        return bytes
            .filter(|b| b.len() >= 16)
            .ok_or_else(|| anyhow!("{}: not a pseudonym key (64 hex digits expected)", path.display()));
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| anyhow!("no random numbers for a pseudonym key: {e}"))?;
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    write_text(&path, &format!("{hex}\n"))?;
    eprintln!(
        "hotwash: created the pseudonym key {} (keep it private; the same key gives the same pseudonyms)",
        path.display()
    );
    Ok(key.to_vec())
}

/// Every `*.debrief.ron` under the paths (files named directly are taken whatever their name).
pub fn debrief_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    files_under(paths, |p| p.to_string_lossy().ends_with(".debrief.ron"))
}

fn team_review(
    paths: &[PathBuf],
    format: &str,
    out: Option<&Path>,
    key: Option<&[u8]>,
    scenarios: &Path,
) -> Result<u8> {
    let files = match debrief_files(paths) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("hotwash: error: {err:#}");
            return Ok(EXIT_USAGE);
        }
    };
    let progress = indicatif::ProgressBar::new(files.len() as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("reading debriefs {bar:30} {pos}/{len} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut debriefs = Vec::new();
    let mut skipped = 0;
    for file in &files {
        match store::load_debrief(file) {
            Ok(d) => debriefs.push((file.display().to_string(), d)),
            Err(err) => {
                progress.suspend(|| eprintln!("hotwash: skipped: {err}"));
                skipped += 1;
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    if debriefs.is_empty() {
        eprintln!("hotwash: error: no readable debriefs ({} file(s) found, {skipped} skipped)", files.len());
        return Ok(EXIT_PROBLEMS);
    }
    let library = scenarios_by_id(scenarios);
    let pseudonyms = key.map(crate::engine::team::Pseudonyms::new);
    let team = crate::engine::team::TeamReview::build(
        &debriefs,
        |d| library.get(&(d.scenario.id.clone(), d.scenario.language.clone())),
        pseudonyms.as_ref(),
    );
    let text = match format {
        "html" => team.to_html(),
        "csv" => team.to_csv(),
        _ => team.to_markdown(),
    };
    match out {
        Some(path) => {
            write_text(path, &text)?;
            eprintln!("wrote {} ({} debrief(s), {skipped} skipped)", path.display(), debriefs.len());
        }
        None => print!("{text}"),
    }
    Ok(EXIT_OK)
}

fn note_cmd(path: &Path, at: &str, text: &str, author: Option<String>) -> Result<u8> {
    let mut debrief = store::load_debrief(path)?;
    let author = author.or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "facilitator".to_owned());
    let note = match debrief.add_note(at, &author, text, now_ms()) {
        Ok(note) => format!("decision {} (`{}`)", note.decision, note.node),
        Err(err) => {
            eprintln!("hotwash: error: {err}");
            return Ok(EXIT_PROBLEMS);
        }
    };
    store::save(path, &debrief)?;
    println!("noted at {note} in {}", path.display());
    Ok(EXIT_OK)
}

/// The starting scenarios `hotwash new` writes.
const TEMPLATE_EN: &str = include_str!("template.en.ron");
const TEMPLATE_ZH: &str = include_str!("template.zh-CN.ron");

/// The RON form of a category named on the command line (`fraud_call` → `FraudCall`).
fn category_ron(name: &str) -> String {
    use crate::engine::model::Category as C;
    let known = [
        C::FraudCall,
        C::Phishing,
        C::SocialEngineering,
        C::MassComplaint,
        C::DataLeak,
        C::UrgentHelp,
        C::CrisisManagement,
    ];
    let key = name.trim().to_lowercase().replace('-', "_");
    known.iter().find(|c| c.key() == key).map_or_else(|| format!("Other({key:?})"), |c| format!("{c:?}"))
}

fn new_scenario(id: &str, category: &str, lang: &str, out: &Path) -> Result<u8> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        eprintln!("hotwash: error: `{id}` is not a usable id: use lower-case letters, digits, `-` and `_`");
        return Ok(EXIT_USAGE);
    }
    let path = out.join(format!("{id}.{lang}.ron"));
    if path.exists() {
        eprintln!("hotwash: error: {} already exists; nothing was written", path.display());
        return Ok(EXIT_PROBLEMS);
    }
    let template = if lang == "zh-CN" { TEMPLATE_ZH } else { TEMPLATE_EN };
    let text = template.replace("{ID}", id).replace("{CATEGORY}", &category_ron(category));
    write_text(&path, &text)?;
    println!(
        "wrote {}
next: edit it, then run  hotwash check --deny-warnings {}",
        path.display(),
        path.display()
    );
    Ok(EXIT_OK)
}

/// Finds the scenario a debrief was played on: the given file, else by id and language in
/// `./scenarios` and beside the debrief, preferring the same content.
fn find_scenario(
    debrief: &crate::engine::runner::Debrief,
    debrief_path: &Path,
    given: Option<&Path>,
) -> Result<(PathBuf, Scenario)> {
    if let Some(path) = given {
        return Ok((path.to_owned(), load_playable(path)?));
    }
    let mut dirs = vec![PathBuf::from("scenarios")];
    if let Some(parent) = debrief_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        dirs.push(parent.to_owned());
    }
    let dirs: Vec<PathBuf> = dirs.into_iter().filter(|d| d.is_dir()).collect();
    let mut candidates: BTreeMap<(bool, PathBuf), Scenario> = BTreeMap::new();
    for file in scenario_files(&dirs).unwrap_or_default() {
        if let Some(s) = load_file(&file).1.scenario
            && s.id == debrief.scenario.id
            && s.language == debrief.scenario.language
        {
            let same = crate::engine::runner::content_hash(&s) == debrief.scenario.hash;
            candidates.insert((!same, file), s);
        }
    }
    candidates.into_iter().next().map(|((_, path), s)| (path, s)).ok_or_else(|| {
        anyhow!(
            "no scenario `{}` ({}) found in ./scenarios or beside the debrief; name it with --scenario",
            debrief.scenario.id,
            debrief.scenario.language
        )
    })
}

fn replay_cmd(path: &Path, scenario: Option<&Path>) -> Result<u8> {
    let debrief = store::load_debrief(path)?;
    let (scenario_path, scenario) = find_scenario(&debrief, path, scenario)?;
    let replayed = match replay(&scenario, &debrief) {
        Ok(replayed) => replayed,
        Err(err) => {
            println!("{}: does not replay against {}: {err}", path.display(), scenario_path.display());
            return Ok(EXIT_PROBLEMS);
        }
    };
    let differences = compare(&debrief, &replayed);
    if differences.is_empty() {
        println!(
            "{}: verified against {}: {} decision(s), ending `{}`, scores match",
            path.display(),
            scenario_path.display(),
            debrief.decisions.len(),
            debrief.ending
        );
        Ok(EXIT_OK)
    } else {
        println!("{}: does not match its replay against {}:", path.display(), scenario_path.display());
        for d in differences {
            println!("  - {d}");
        }
        Ok(EXIT_PROBLEMS)
    }
}
