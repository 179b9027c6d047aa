//! The `hotwash` command line for facilitators, scripts and tests: `check`, `run`, `replay`,
//! `explore`, `graph`, `new`, `note`, `review`, `export` and `app`. It only translates between a
//! terminal and the engine. This file holds the arguments and decides the exit status, once;
//! each command lives in the module of its kind.

/// Prints a line on standard output, terminal-safe (see [`out`]).
macro_rules! say {
    () => { $crate::cli::out::write(false, "\n") };
    ($($arg:tt)*) => { $crate::cli::out::write(false, &format!("{}\n", format_args!($($arg)*))) };
}

/// Prints on standard output without a newline, terminal-safe.
macro_rules! say_part {
    ($($arg:tt)*) => { $crate::cli::out::write(false, &format!($($arg)*)) };
}

/// Prints a line on standard error, terminal-safe.
macro_rules! say_err {
    ($($arg:tt)*) => { $crate::cli::out::write(true, &format!("{}\n", format_args!($($arg)*))) };
}

/// Prints on standard error without a newline, terminal-safe.
macro_rules! say_err_part {
    ($($arg:tt)*) => { $crate::cli::out::write(true, &format!($($arg)*)) };
}

mod author;
mod out;
mod play;
mod records;
mod session;
mod training;

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use hotwash::engine::folders::DataDir;
use hotwash::engine::i18n::Tr;
use hotwash::engine::times::WallMs;

/// How a command ended, for the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Clean (exit 0).
    Clean,
    /// The input has problems: scenario errors, a debrief that does not replay, files skipped
    /// (exit 1).
    Problems,
    /// Misuse: bad arguments, a missing path (exit 2), as the desktop app reports it.
    #[cfg_attr(not(feature = "gui"), expect(dead_code, reason = "only the desktop app reports misuse this way"))]
    Usage,
}

/// A misuse of the command line, said to the user as it is (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// Hotwash: crisis drills and after-action reviews for customer-service security training.
#[derive(Debug, Parser)]
#[command(name = "hotwash", version, about)]
pub struct Cli {
    /// Folder for debriefs, the drill in progress and the pseudonym key (default: the platform data
    /// folder, or $`HOTWASH_DATA_DIR`).
    #[arg(long, global = true, env = "HOTWASH_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of the words: the messages, the team review, the template `new` writes and the
    /// desktop app (default: the language of the scenario or debrief reported on, else the
    /// locale's, $`LANG`: `zh…` is Chinese, anything else English; the app's default is in Settings).
    #[arg(long, global = true, value_enum, env = "HOTWASH_LANG")]
    pub lang: Option<Lang>,
    /// What to do; without a command the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A language of the interface and of drills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    #[value(name = "en")]
    En,
    /// Simplified Chinese.
    #[value(name = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// The language's code (`en`, `zh-CN`).
    pub fn code(self) -> &'static str {
        self.catalogue().code()
    }

    /// The catalogue's language.
    pub fn catalogue(self) -> hotwash::engine::i18n::Lang {
        match self {
            Self::En => hotwash::engine::i18n::Lang::En,
            Self::ZhCn => hotwash::engine::i18n::Lang::ZhCn,
        }
    }
}

/// The language the locale asks for ($`LC_ALL`, $`LC_MESSAGES`, then $`LANG`, the first one set):
/// Chinese when it starts with `zh`, else English.
fn locale_lang() -> hotwash::engine::i18n::Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|l| !l.is_empty()));
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => hotwash::engine::i18n::Lang::ZhCn,
        _ => hotwash::engine::i18n::Lang::En,
    }
}

/// The language the command line speaks: `--lang` when given, else the language of the file
/// reported on, else the locale's.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    given: Option<hotwash::engine::i18n::Lang>,
}

impl Words {
    /// The words for what concerns no file in particular (errors, `check`, team reviews).
    pub fn tr(self) -> &'static Tr {
        self.given.unwrap_or_else(locale_lang).tr()
    }

    /// The words for a report on a scenario or debrief written in `language` (its tag).
    pub fn about(self, language: &str) -> &'static Tr {
        self.given.unwrap_or_else(|| hotwash::engine::i18n::Lang::of(language)).tr()
    }

    /// The language of [`Words::tr`], as the command line names it.
    pub fn lang(self) -> Lang {
        match self.tr().lang() {
            hotwash::engine::i18n::Lang::En => Lang::En,
            hotwash::engine::i18n::Lang::ZhCn => Lang::ZhCn,
        }
    }
}

/// Formats of a drill's graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz.
    Dot,
    /// Mermaid.
    Mermaid,
}

/// An evaluator's grade of a checklist item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Covered {
    /// The answer covers the item.
    Yes,
    /// It does not.
    No,
}

/// Formats of a team review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
    /// Comma-separated values, one row per trainee and drill.
    Csv,
}

/// Formats of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// xAPI 1.0.3 statements (JSON).
    Xapi,
}

/// Where and how `export` sends statements.
#[derive(Debug, Default, clap::Args)]
pub struct LrsArgs {
    /// Send the statements to this LRS (its xAPI endpoint, e.g. `https://lrs.example.org/xapi`);
    /// the credentials `user:password` come from --lrs-auth-file or `$HOTWASH_LRS_AUTH`.
    #[arg(long, env = "HOTWASH_LRS_URL")]
    pub lrs: Option<String>,
    /// A file whose first line is the LRS's `user:password`.
    #[arg(long, requires = "lrs")]
    pub lrs_auth_file: Option<PathBuf>,
    /// Statements per request.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=1000), requires = "lrs")]
    pub batch: u16,
    /// Attempts per request when the LRS cannot be reached or answers 5xx (waits 0.5 s, 1 s,
    /// 2 s… between them).
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=20), requires = "lrs")]
    pub attempts: u32,
}

/// Options of the desktop app.
#[derive(Debug, Default, clap::Args)]
pub struct AppArgs {
    /// The scenario folder the library shows (watched: an edited file reloads).
    #[arg(long, default_value = "scenarios")]
    pub scenarios: PathBuf,
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
    /// Host a live session of this scenario (a file inside the folder), or of this set of the
    /// folder's curriculum.ron (a level such as `front-line-2`, or an assessment set's id),
    /// straight away; the Session screen shows its code.
    #[arg(long, conflicts_with_all = ["open", "join"])]
    pub host: Option<String>,
    /// With --host: the kind of session.
    #[arg(long, value_enum, default_value = "facilitated", requires = "host")]
    pub mode: session::ModeArg,
    /// With --host: who may join (facilitated) or the members (team), comma-separated.
    #[arg(long, requires = "host")]
    pub roster: Option<String>,
    /// With --host: the team lead.
    #[arg(long, requires = "host")]
    pub lead: Option<String>,
    /// With --host: the role play's trainee.
    #[arg(long, requires = "host")]
    pub trainee: Option<String>,
    /// With --host: the role play's role-player.
    #[arg(long, requires = "host")]
    pub role_player: Option<String>,
    /// With --host: the UDP port.
    #[arg(long, requires = "host", default_value_t = hotwash::net::DEFAULT_PORT)]
    pub port: u16,
    /// Join the live session at this address straight away (with --code).
    #[arg(long, requires = "code", conflicts_with = "open")]
    pub join: Option<String>,
    /// With --join: the session code.
    #[arg(long, requires = "join")]
    pub code: Option<String>,
    /// With --join: your name (default: the trainee of the settings).
    #[arg(long, requires = "join")]
    pub name: Option<String>,
    /// With --tour and a session: seconds the session runs before the screenshot.
    #[arg(long, hide = true, default_value_t = 8)]
    pub tour_after: u64,
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
        /// Hide the warnings of this kind (`option-length`), counting them apart.
        #[arg(long, value_name = "KIND")]
        allow: Vec<String>,
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
        /// Folder for the debrief and review (default: the data folder's `debriefs`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Continue this drill where an interrupted run of it (same trainee, same folder) stopped;
        /// an interactive run is saved after every step.
        #[arg(long)]
        resume: bool,
        /// Play it for this assessment set of the curriculum beside the scenario: the set's seed,
        /// and the results only when every drill of the set is done.
        #[arg(long)]
        assessment: Option<String>,
    },
    /// Each trainee's result on an assessment set of the curriculum: every drill passed, not
    /// passed (with what fell short) or not played, and the verdict.
    Assess {
        /// The assessment set's id.
        id: String,
        /// Debrief files, or folders searched for `*.debrief.ron` (default: the data folder's).
        paths: Vec<PathBuf>,
        /// Only this trainee.
        #[arg(long)]
        trainee: Option<String>,
        /// The scenario folder (with `curriculum.ron`).
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
    },
    /// Write a valid, commented starting scenario to edit.
    New {
        /// The new drill's id (lower-case letters, digits, `-`, `_`).
        id: String,
        /// `fraud_call`, phishing, `social_engineering`, `mass_complaint`, `data_leak`, `urgent_help`,
        /// `crisis_management`, or a name of your own.
        #[arg(long, default_value = "fraud_call")]
        category: String,
        /// Folder to write `<id>.<lang>.ron` in.
        #[arg(long, default_value = "scenarios")]
        out: PathBuf,
    },
    /// Explore every branch of a drill: endings with a shortest path, score ranges, the expert
    /// path, traps, dead ends, resolved endings after harm, and what content-blind play (a fixed
    /// place, the longest or shortest option, random) earns; exit 1 on a problem.
    Explore {
        /// The scenario file.
        scenario: PathBuf,
        /// States to visit before switching to sampling this many random paths. The largest
        /// bundled drill (urgent-help-call) has 51,065; a drill that counts without bound (a loop
        /// raising a variable) never runs out of states, so the default keeps such a file to about
        /// 600 MB and 4 s (release build).
        #[arg(long, default_value_t = 100_000)]
        max_paths: usize,
        /// Seeds each content-blind strategy (a fixed place, the longest, the shortest, random)
        /// plays the drill with.
        #[arg(long, default_value_t = hotwash::engine::blind::DEFAULT_SEEDS)]
        seeds: u64,
    },
    /// Print a drill as a graph for Graphviz or Mermaid.
    Graph {
        /// The scenario file.
        scenario: PathBuf,
        /// The graph's format.
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
    /// Review many debriefs together: ratings per competency, decision points, red flags missed,
    /// response times, trainees' trends and prompts for the hot wash.
    Review {
        /// Debrief files, or folders searched for `*.debrief.ron`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The review's format.
        #[arg(long, value_enum, default_value = "md")]
        format: ReviewFormat,
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
        /// The export's format (xAPI is the one there is; `--xapi` says the same).
        #[arg(long, value_enum, default_value = "xapi")]
        format: ExportFormat,
        /// The same as `--format xapi`.
        #[arg(long, hide = true)]
        xapi: bool,
        /// Debrief files, or folders searched for `*.debrief.ron`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The organisation's IRI under which activities and extensions are named; also the
        /// account home page (default `https://hotwash.local/xapi`, a host nobody controls;
        /// required with --lrs).
        #[arg(long, env = "HOTWASH_XAPI_BASE")]
        base: Option<String>,
        /// Scenario folder, for decision labels, options and descriptions.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
        /// Send written answers verbatim (off: only how their checklist items were graded).
        #[arg(long)]
        include_answers: bool,
        #[command(flatten)]
        lrs: LrsArgs,
    },
    /// Where a trainee stands on a track of the curriculum (`curriculum.ron` beside the
    /// scenarios), and the drill to play next with the reason.
    Path {
        /// Debrief files, or folders searched for `*.debrief.ron` (default: the data folder's).
        paths: Vec<PathBuf>,
        /// The trainee (default: $USER).
        #[arg(long)]
        trainee: Option<String>,
        /// The track's id (default: the curriculum's first).
        #[arg(long)]
        track: Option<String>,
        /// The scenario folder.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
        /// The curriculum file (default: `curriculum.ron` in the scenario folder).
        #[arg(long)]
        curriculum: Option<PathBuf>,
    },
    /// The trainee's rating (1 to 5 stars) and comment on a drill they played, kept in its debrief
    /// (the replayable record is unchanged); the team review gathers them per drill.
    Feedback {
        /// The `.debrief.ron` file.
        debrief: PathBuf,
        /// One to five stars.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        stars: u8,
        /// What the trainee says about the drill.
        #[arg(default_value = "")]
        comment: String,
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
    /// Confirm or change the automatic grade of a written answer's checklist item (without
    /// --item: list each written answer's items with their grades). The debrief keeps both; the
    /// review beside it is written again with the confirmed grade.
    Grade {
        /// The `.debrief.ron` file.
        debrief: PathBuf,
        /// The written answer: its decision number (from 1) or its node id.
        #[arg(long, requires = "item")]
        at: Option<String>,
        /// The checklist item's id.
        #[arg(long, requires_all = ["at", "covered"])]
        item: Option<String>,
        /// The evaluator's grade.
        #[arg(long, value_enum, requires = "item")]
        covered: Option<Covered>,
        /// Who grades (default: $USER).
        #[arg(long)]
        by: Option<String>,
        /// The scenario file, to write the review again (default: searched as for `replay`).
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
    /// Host a live session on this machine's network: a facilitated drill, a team drill or a role
    /// play. Prints the session code participants join with; takes the facilitator's commands
    /// (pause, inject, note, end…) typed here; saves after every step.
    Host(session::HostArgs),
    /// Join a live session from this machine: play your drill, vote with your team, or play the
    /// caller, at the prompt or scripted with --steps.
    Join(session::JoinArgs),
    /// Replay a debrief against its scenario and verify that it reproduces exactly.
    Replay {
        /// The `.debrief.ron` file.
        debrief: PathBuf,
        /// The scenario file (default: searched by id in ./scenarios and beside the debrief).
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
}

/// Runs the command line; returns the process exit code. The one place that turns a command's
/// result into an exit status and says an error.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    match dispatch(cli) {
        Ok(Exit::Clean) => 0,
        Ok(Exit::Problems) => 1,
        Ok(Exit::Usage) => 2,
        Err(err) if err.is::<Usage>() => {
            say_err!("hotwash: error: {err}");
            2
        }
        Err(err) => {
            say_err!("hotwash: error: {err:#}");
            1
        }
    }
}

fn dispatch(cli: Cli) -> Result<Exit> {
    let data = DataDir::given_or_default(cli.data_dir.as_deref());
    let words = Words { given: cli.lang.map(Lang::catalogue) };
    // Diagnostics and the engine's errors speak the command's language.
    hotwash::engine::i18n::set_engine_lang(words.tr().lang());
    match cli.command {
        None => open_app(
            AppArgs { scenarios: PathBuf::from("scenarios"), ..AppArgs::default() },
            cli.data_dir,
            cli.lang,
            words,
        ),
        Some(Command::App(args)) => open_app(args, cli.data_dir, cli.lang, words),
        Some(Command::Check { paths, deny_warnings, allow }) => author::check(&paths, deny_warnings, &allow, words),
        Some(Command::Run { scenario, seed, choose, input, trainee, out, resume, assessment }) => {
            let out = out.unwrap_or_else(|| data.debriefs());
            let how = play::Play { seed, choose, inputs: input, trainee, resume, assessment };
            play::run(&scenario, how, &out, words)
        }
        Some(Command::Assess { id, paths, trainee, scenarios }) => {
            let paths = if paths.is_empty() { vec![data.debriefs()] } else { paths };
            training::assess(&id, &scenarios, trainee.as_deref(), &paths, words)
        }
        Some(Command::Replay { debrief, scenario }) => records::replay(&debrief, scenario.as_deref(), words),
        Some(Command::Review { paths, format, out, pseudonymize, scenarios }) => {
            let key = if pseudonymize { Some(records::pseudonym_key(&data, words)?) } else { None };
            records::team_review(&paths, format, words, out.as_deref(), key.as_deref(), &scenarios)
        }
        Some(Command::Feedback { debrief, stars, comment }) => records::feedback(&debrief, stars, &comment, words),
        Some(Command::Note { debrief, at, text, author }) => records::note(&debrief, &at, &text, author, words),
        Some(Command::Grade { debrief, at, item, covered, by, scenario }) => {
            let grade = at.zip(item).zip(covered).map(|((at, item), covered)| records::GradeArgs {
                at,
                item,
                covered: covered == Covered::Yes,
                by: user_or(by, "evaluator"),
            });
            records::grade(&debrief, grade, scenario.as_deref(), words)
        }
        Some(Command::Export {
            format: ExportFormat::Xapi,
            xapi: _,
            paths,
            out,
            base,
            scenarios,
            include_answers,
            lrs,
        }) => {
            let export = records::Export { base, include_answers, scenarios, lrs };
            records::export_xapi(&paths, out.as_deref(), &export, &data, words)
        }
        Some(Command::Path { paths, trainee, track, scenarios, curriculum }) => {
            let paths = if paths.is_empty() { vec![data.debriefs()] } else { paths };
            training::path(&scenarios, curriculum.as_deref(), track.as_deref(), trainee, &paths, words)
        }
        Some(Command::New { id, category, out }) => author::new_scenario(&id, &category, words, &out),
        Some(Command::Explore { scenario, max_paths, seeds }) => author::explore(&scenario, max_paths, seeds, words),
        Some(Command::Graph { scenario, format }) => author::graph(&scenario, format, words),
        Some(Command::Host(args)) => session::host(args, &data, words),
        Some(Command::Join(args)) => session::join(args, &data, words),
    }
}

#[cfg(feature = "gui")]
fn open_app(args: AppArgs, data_dir: Option<PathBuf>, lang: Option<Lang>, _words: Words) -> Result<Exit> {
    let lang = lang.map(Lang::catalogue);
    // The tour plays a drill: without --data-dir its debrief goes to a temporary folder, never
    // into the trainee's own.
    let tour_data = match (&args.tour, &data_dir) {
        (Some(_), None) => Some(tempfile::tempdir()?),
        _ => None,
    };
    let data_dir = data_dir.or_else(|| tour_data.as_ref().map(|d| d.path().to_owned()));
    use hotwash::app::live::{HostForm, JoinForm, StartSession};
    let session = match (&args.host, &args.join) {
        (Some(scenario), _) => Some(StartSession::Host(HostForm {
            scenario: scenario.clone(),
            set: String::new(),
            mode: args.mode.into(),
            names: args.roster.clone().unwrap_or_default(),
            lead: args.lead.clone().unwrap_or_default(),
            trainee: args.trainee.clone().unwrap_or_default(),
            role_player: args.role_player.clone().unwrap_or_default(),
            port: args.port,
            also_at: String::new(),
        })),
        (None, Some(address)) => Some(StartSession::Join(JoinForm {
            address: address.clone(),
            code: args.code.clone().unwrap_or_default(),
            name: args.name.clone().unwrap_or_default(),
        })),
        (None, None) => None,
    };
    let code = hotwash::app::run(hotwash::app::AppOptions {
        scenarios: args.scenarios,
        data_dir,
        settings_file: args.settings,
        lang,
        open: args.open,
        seed: args.seed,
        tour: args.tour,
        without_cjk_font: args.without_cjk_font,
        session,
        tour_after: args.tour_after,
    });
    Ok(match code {
        0 => Exit::Clean,
        2 => Exit::Usage,
        _ => Exit::Problems,
    })
}

#[cfg(not(feature = "gui"))]
fn open_app(_args: AppArgs, _data_dir: Option<PathBuf>, _lang: Option<Lang>, words: Words) -> Result<Exit> {
    let tr = words.tr();
    let example = format!("scenarios/bank-security-call.{}.ron", tr.lang().code());
    Err(Usage(format!("{}\n{}", tr.t("cli-no-app"), tr.t_text("cli-no-app-hint", &[("example", &example)]))).into())
}

/// The wall clock now.
fn now() -> WallMs {
    WallMs(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
}

/// Who plays or writes when not said: $USER, else `fallback`.
fn user_or(given: Option<String>, fallback: &str) -> String {
    given.or_else(|| std::env::var("USER").ok()).filter(|t| !t.trim().is_empty()).unwrap_or_else(|| fallback.to_owned())
}
