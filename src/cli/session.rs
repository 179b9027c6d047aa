//! `hotwash host` and `hotwash join`: a live session at the terminal. The host is the
//! facilitator's console — it prints who joins and every step, and takes the facilitator's
//! commands on standard input — and writes the debriefs and the hot wash when the session is
//! over. `join` is a participant, playing at the prompt or from a script (`--steps`), so a whole
//! session can run as several processes on one machine.

use std::io::BufRead as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use clap::ValueEnum;
use hotwash::engine::debrief::Debrief;
use hotwash::engine::facilitated::{ConsoleRow, FacilitatedRequest};
use hotwash::engine::folders::DataDir;
use hotwash::engine::i18n::{Lang, Tr};
use hotwash::engine::model::{ChoiceId, InjectId, NodeId};
use hotwash::engine::review::{Review, mm_ss};
use hotwash::engine::role_play::{RoleCard, RolePlayRequest};
use hotwash::engine::shown::Prompt;
use hotwash::engine::store;
use hotwash::engine::team_drill::{Confidence, TeamDecision, TeamRequest, alignment_name, vote_words};
use hotwash::engine::times::WallMs;
use hotwash::net::host::{Host, HostEvent, Setup, session_folder};
use hotwash::net::participant::{Heard, JoinFiles, POLL_EVERY, Participant, Rejoining};
use hotwash::net::{Hello, Mode, Part, SessionCode, ToHost, parse_address, public_addresses, wall_now};

use super::author::catalog_beside;
use super::play::{Printer, given_answer};
use super::{Exit, Words};

/// The kinds of session, as the command line names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Each participant plays their own copy; the host is the facilitator's console.
    #[default]
    Facilitated,
    /// One drill played together by votes.
    Team,
    /// A participant plays the caller from a role card.
    RolePlay,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Self {
        match mode {
            ModeArg::Facilitated => Self::Facilitated,
            ModeArg::Team => Self::Team,
            ModeArg::RolePlay => Self::RolePlay,
        }
    }
}

/// `hotwash host`'s options.
#[derive(Debug, clap::Args)]
pub struct HostArgs {
    /// The scenario file (not with --resume).
    #[arg(required_unless_present = "resume")]
    pub scenario: Option<PathBuf>,
    /// The kind of session.
    #[arg(long, value_enum, default_value = "facilitated")]
    pub mode: ModeArg,
    /// Facilitated: only these may join (comma-separated; default anyone with the code). Team:
    /// the members.
    #[arg(long, value_delimiter = ',')]
    pub roster: Vec<String>,
    /// Team: the member who breaks ties.
    #[arg(long)]
    pub lead: Option<String>,
    /// Role play: who answers.
    #[arg(long)]
    pub trainee: Option<String>,
    /// Role play: who plays the caller (and the rest of the cast).
    #[arg(long)]
    pub role_player: Option<String>,
    /// The seed every drill of the session plays (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    /// The UDP port to listen on (0: any free port, printed).
    #[arg(long, default_value_t = hotwash::net::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on (default: every network of this machine).
    #[arg(long, default_value = "0.0.0.0")]
    pub bind: IpAddr,
    /// An address participants reach this machine at, when not 127.0.0.1 or its main network's
    /// (repeatable).
    #[arg(long)]
    pub public: Vec<IpAddr>,
    /// The session's folder: its saved state, the debriefs and the hot wash (default: a new folder
    /// under the data folder's `sessions`).
    #[arg(long)]
    pub folder: Option<PathBuf>,
    /// Take up the session saved in this folder after the host stopped: same code, nothing lost.
    #[arg(long, conflicts_with_all = ["scenario", "folder", "roster", "lead", "trainee", "role_player", "seed"])]
    pub resume: Option<PathBuf>,
}

/// `hotwash join`'s options.
#[derive(Debug, clap::Args)]
pub struct JoinArgs {
    /// The host's address, as its screen shows it (`192.168.1.20:7447`; the port may be left out).
    pub address: String,
    /// The session code.
    #[arg(long)]
    pub code: String,
    /// Your name.
    #[arg(long)]
    pub name: String,
    /// Scripted steps, comma-separated (else typed at the prompt). Playing: an option's number or
    /// id, `wait` (let the time run out), `flag:N[:part]`, `reveal:Field`, `hold` (wait for the
    /// facilitator). In a team: `N[:sure|:unsure]`, `tie:N` (the lead). Playing the caller:
    /// `said`, `adlib:Text`, `match:N`, `nudge`.
    #[arg(long, value_delimiter = ',')]
    pub steps: Option<Vec<String>>,
    /// Written answers in order, as for `run`.
    #[arg(long)]
    pub input: Vec<String>,
    /// Milliseconds a scripted step waits before it is sent.
    #[arg(long, default_value_t = 200)]
    pub think_ms: u64,
    /// Folder for your debrief and review (default: the data folder's `debriefs`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seconds to keep trying to reach the host after the connection is lost.
    #[arg(long, default_value_t = 60)]
    pub retry_s: u64,
}

/// `hotwash host`.
pub fn host(args: HostArgs, data: &DataDir, words: Words) -> Result<Exit> {
    let tr = words.tr();
    let bind = SocketAddr::new(args.bind, args.port);
    let mut public = public_addresses(args.port, &args.public);
    if !args.bind.is_unspecified() {
        public.push(bind);
    }
    let mut host = match (&args.resume, &args.scenario) {
        (Some(folder), _) => Host::resume(folder, bind, public)?,
        (None, Some(path)) => {
            let scenario = super::author::load_playable(path, words)?;
            let source = std::fs::read_to_string(path)?;
            let mode = Mode::from(args.mode);
            let started = wall_now();
            let setup = Setup::new(
                mode,
                path.display().to_string(),
                source,
                args.seed.unwrap_or(started.0 % 1_000_000),
                &args.roster.join(","),
                args.lead.as_deref().unwrap_or_default(),
                args.trainee.as_deref().unwrap_or_default(),
                args.role_player.as_deref().unwrap_or_default(),
            )?;
            let folder = args.folder.clone().unwrap_or_else(|| session_folder(data.root(), started, &scenario));
            Host::open(setup, &folder, bind, public)?
        }
        (None, None) => bail!(super::Usage(tr.t("cli-host-needs-scenario"))),
    };
    print_heading(&host, tr);
    let scenario_dir = Path::new(&host.setup().scenario_file).parent().map(Path::to_owned).unwrap_or_default();
    let commands = lines_of_stdin();
    let mut over_since: Option<Instant> = None;
    loop {
        let now = wall_now();
        host.poll(now);
        for event in host.take_events() {
            print_event(&host, &event, now, tr);
        }
        while let Ok(line) = commands.try_recv() {
            facilitator_command(&mut host, &line, now, tr);
        }
        if host.is_over() {
            match over_since {
                None => {
                    over_since = Some(Instant::now());
                    write_results(&host, &scenario_dir, words)?;
                }
                // The last screens (with the debriefs) reach the participants before the host goes.
                Some(at) if at.elapsed() > Duration::from_millis(1500) => break,
                Some(_) => {}
            }
        }
        std::thread::sleep(POLL_EVERY);
    }
    host.close();
    Ok(Exit::Clean)
}

fn print_heading(host: &Host, tr: &Tr) {
    let setup = host.setup();
    let mode = tr.t(setup.mode.label_id());
    let code = host.code().shown();
    say!("{}", tr.t_text("cli-host-heading", &[("title", &host.scenario().title), ("mode", &mode), ("code", &code)]));
    for address in host.addresses() {
        say!("{}", tr.t_text("cli-host-address", &[("address", &address)]));
    }
    let first = host.addresses().into_iter().next().map(|a| a.to_string()).unwrap_or_default();
    say!("{}", tr.t_text("cli-host-join-with", &[("address", &first), ("code", &code)]));
    say!(
        "{}",
        tr.t_text("cli-host-saved-in", &[("file", &host.folder().join(hotwash::net::host::SESSION_FILE).display())])
    );
    say!("{}", tr.t(setup.mode.commands_id()));
}

/// Standard input's lines, read on their own thread so the host never waits for a key.
fn lines_of_stdin() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn print_event(host: &Host, event: &HostEvent, now: WallMs, tr: &Tr) {
    match event {
        // The join is said by `Joined`.
        HostEvent::Accepted { request: ToHost::Facilitated(FacilitatedRequest::Join), .. } => {}
        HostEvent::Accepted { who, request } => {
            let facilitator = tr.t("cli-session-facilitator");
            say!("> {}: {}", who.as_deref().unwrap_or(&facilitator), describe(request));
            // The console line of the participant who moved: what the facilitator watches.
            if let Some(name) = who
                && let Some(row) = host.console(now).into_iter().find(|r| r.name == *name)
            {
                say!("{}", console_line(&row, tr));
            }
        }
        HostEvent::SaveFailed(why) => say_err!("hotwash: error: {why}"),
        other => {
            let mark = match other {
                HostEvent::Joined { .. } => '+',
                HostEvent::Left { .. } => '-',
                HostEvent::Started | HostEvent::DrillEnded { .. } => '*',
                _ => '!',
            };
            say!("{mark} {}", other.words(tr).unwrap_or_default());
        }
    }
}

/// A request as the log shows it (ids, as the scenario names them).
fn describe(request: &ToHost) -> String {
    match request {
        ToHost::Facilitated(r) => match r {
            FacilitatedRequest::Join => "join".into(),
            FacilitatedRequest::Choose { node, choice } => format!("choose {choice} at {node}"),
            FacilitatedRequest::Submit { node, .. } => format!("answer at {node}"),
            FacilitatedRequest::Reveal { field } => format!("reveal {field}"),
            FacilitatedRequest::Flag { event, .. } => format!("flag #{}", event + 1),
            FacilitatedRequest::Pause { who } => format!("pause {}", who.as_deref().unwrap_or("*")),
            FacilitatedRequest::Resume { who } => format!("resume {}", who.as_deref().unwrap_or("*")),
            FacilitatedRequest::Inject { who, inject } => format!("inject {inject} {}", who.as_deref().unwrap_or("*")),
            FacilitatedRequest::Note { who, text } => format!("note {who}: {text}"),
            FacilitatedRequest::End => "end".into(),
        },
        ToHost::Team(r) => match r {
            TeamRequest::Vote { node, choice, confidence } => {
                let sure = match confidence {
                    Some(Confidence::Sure) => " (sure)",
                    Some(Confidence::NotSure) => " (not sure)",
                    None => "",
                };
                format!("vote {choice} at {node}{sure}")
            }
            TeamRequest::BreakTie { node, choice } => format!("tie {choice} at {node}"),
            TeamRequest::Close { node } => format!("close {node}"),
            TeamRequest::Inject { inject } => format!("inject {inject}"),
            TeamRequest::Submit { node, .. } => format!("answer at {node}"),
        },
        ToHost::RolePlay(r) => match r {
            RolePlayRequest::Said { node } => format!("said {node}"),
            RolePlayRequest::AdLib { text } => format!("adlib {text}"),
            RolePlayRequest::Match { node, choice: Some(c) } => format!("match {c} at {node}"),
            RolePlayRequest::Match { node, choice: None } => format!("nudge at {node}"),
            RolePlayRequest::Submit { node, .. } => format!("answer at {node}"),
        },
    }
}

/// One participant's line of the console: `console NAME · decision N node · time · flags · harm`.
fn console_line(row: &ConsoleRow, tr: &Tr) -> String {
    let list = |ids: &[String]| if ids.is_empty() { "–".to_owned() } else { ids.join(" ") };
    let caught: Vec<String> = row.caught.iter().map(ToString::to_string).collect();
    let missed: Vec<String> = row.missed.iter().map(ToString::to_string).collect();
    let harm: Vec<String> = row.harm.iter().map(ToString::to_string).collect();
    let at = match (&row.node, &row.outcome) {
        (Some(node), _) => tr.t_text("cli-console-at", &[("n", &row.decision), ("node", node)]),
        (None, _) => tr.t("cli-console-done"),
    };
    let mut marks = String::new();
    if row.paused {
        marks.push_str(&format!(" · {}", tr.t("cli-console-paused")));
    }
    if row.stuck {
        marks.push_str(&format!(" · {}", tr.t("cli-console-stuck")));
    }
    let args: [(&str, &dyn std::fmt::Display); 7] = [
        ("name", &row.name),
        ("at", &at),
        ("time", &mm_ss(row.on_decision_ms)),
        ("caught", &list(&caught)),
        ("missed", &list(&missed)),
        ("harm", &list(&harm)),
        ("marks", &marks),
    ];
    tr.t_text("cli-console-row", &args)
}

/// Carries out one of the facilitator's commands typed at the host.
fn facilitator_command(host: &mut Host, line: &str, now: WallMs, tr: &Tr) {
    let words = split_words(line);
    let Some((command, rest)) = words.split_first() else { return };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let mode = host.setup().mode;
    let node = || open_node_of(host);
    let request = match (mode, command.as_str(), rest.as_slice()) {
        (_, "help", _) => {
            say!("{}", tr.t(mode.commands_id()));
            return;
        }
        (Mode::Facilitated, "console", _) => {
            for row in host.console(now) {
                say!("{}", console_line(&row, tr));
            }
            return;
        }
        (Mode::Facilitated, "guide", _) => {
            if let Some(session) = host.facilitated() {
                for row in session.guide() {
                    let expert: Vec<String> = row.expert.iter().map(ToString::to_string).collect();
                    let flags: Vec<String> = row.flags.iter().map(ToString::to_string).collect();
                    let args: [(&str, &dyn std::fmt::Display); 3] =
                        [("node", &row.node), ("expert", &expert.join(" ")), ("flags", &flags.join(" "))];
                    say!("{}", tr.t_text("cli-guide-row", &args));
                }
            }
            return;
        }
        (_, "who", _) => {
            say!("{}", tr.t_text("cli-host-connected", &[("names", &host.connected().join(", "))]));
            return;
        }
        (Mode::Facilitated, "pause", [] | [_]) => {
            ToHost::Facilitated(FacilitatedRequest::Pause { who: rest.first().map(|s| (*s).to_owned()) })
        }
        (Mode::Facilitated, "resume", [] | [_]) => {
            ToHost::Facilitated(FacilitatedRequest::Resume { who: rest.first().map(|s| (*s).to_owned()) })
        }
        (Mode::Facilitated, "inject", [id] | [id, _]) => ToHost::Facilitated(FacilitatedRequest::Inject {
            who: rest.get(1).map(|s| (*s).to_owned()),
            inject: InjectId::from(*id),
        }),
        (Mode::Facilitated, "note", [who, text @ ..]) if !text.is_empty() => {
            ToHost::Facilitated(FacilitatedRequest::Note { who: (*who).to_owned(), text: text.join(" ") })
        }
        (Mode::Facilitated, "end", []) => ToHost::Facilitated(FacilitatedRequest::End),
        (Mode::Team, "inject", [id]) => ToHost::Team(TeamRequest::Inject { inject: InjectId::from(*id) }),
        (Mode::Team, "tie", [choice]) => match (node(), host.team().and_then(|t| t.tie().map(<[ChoiceId]>::to_vec))) {
            (Some(node), Some(tied)) => {
                let Some(choice) = pick_among(choice, &tied) else {
                    say!("! {}", tr.t_text("cli-host-no-such-option", &[("option", choice)]));
                    return;
                };
                ToHost::Team(TeamRequest::BreakTie { node, choice })
            }
            _ => {
                say!("! {}", tr.t("team-refused-no-tie"));
                return;
            }
        },
        (Mode::Team, "close", []) => match node() {
            Some(node) => ToHost::Team(TeamRequest::Close { node }),
            None => return,
        },
        (Mode::RolePlay, "said", []) => match node() {
            Some(node) => ToHost::RolePlay(RolePlayRequest::Said { node }),
            None => return,
        },
        (Mode::RolePlay, "adlib", text) if !text.is_empty() => {
            ToHost::RolePlay(RolePlayRequest::AdLib { text: text.join(" ") })
        }
        (Mode::RolePlay, "nudge", []) => match node() {
            Some(node) => ToHost::RolePlay(RolePlayRequest::Match { node, choice: None }),
            None => return,
        },
        (Mode::RolePlay, "match", [option]) => {
            let (Some(node), Some(runner)) = (node(), host.role_play().map(|r| r.runner())) else { return };
            let offered: Vec<ChoiceId> = runner.options().into_iter().map(|o| o.id).collect();
            let Some(choice) = pick_among(option, &offered) else {
                say!("! {}", tr.t_text("cli-host-no-such-option", &[("option", option)]));
                return;
            };
            ToHost::RolePlay(RolePlayRequest::Match { node, choice: Some(choice) })
        }
        _ => {
            say!("! {}", tr.t_text("cli-host-unknown-command", &[("line", &line.trim())]));
            return;
        }
    };
    // Accepted or refused, the event says so.
    let _ = host.facilitate(request, now);
}

/// The decision open in a team drill or role play.
fn open_node_of(host: &Host) -> Option<NodeId> {
    let runner = host.team().map(|t| t.runner()).or_else(|| host.role_play().map(|r| r.runner()))?;
    hotwash::engine::session::open_node(runner)
}

/// An option by its number (from 1) among `offered`, or by its id.
fn pick_among(token: &str, offered: &[ChoiceId]) -> Option<ChoiceId> {
    match token.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| offered.get(i)).cloned(),
        Err(_) => offered.iter().find(|c| c.as_str() == token).cloned(),
    }
}

/// Splits a typed line into words; "double quotes" keep a name with spaces together.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.trim().chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// Writes what the session leaves: every debrief with its review, the team drill's votes, and the
/// hot wash (the team review of the session's debriefs).
fn write_results(host: &Host, scenario_dir: &Path, words: Words) -> Result<()> {
    let tr = words.tr();
    if host.debriefs().is_empty() {
        say!("* {}", tr.t("cli-host-no-debriefs"));
        return Ok(());
    }
    let results = host.write_results(&catalog_beside(Path::new(&host.setup().scenario_file)))?;
    for file in results.files.iter().chain(&results.votes) {
        say!("{}", tr.t_text("cli-wrote", &[("file", &file.display())]));
    }
    let hot_wash = host.folder().join("hot-wash.md");
    super::records::team_review(
        &[results.debriefs],
        super::ReviewFormat::Md,
        words,
        Some(&hot_wash),
        None,
        scenario_dir,
    )?;
    Ok(())
}

/// A step of a participant's script.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// An option (by number from 1 or id), with a confidence in a team.
    Pick(String, Option<Confidence>),
    /// Let the time run out.
    Wait,
    /// Wait until the facilitator sends something to this screen.
    Hold,
    /// Flag or reveal, as `run` writes them.
    Mark(String),
    /// Break a tie (the team lead).
    Tie(String),
    /// The role-player said the line.
    Said,
    /// The role-player said this.
    AdLib(String),
    /// The role-player matched the answer to an option.
    Match(String),
    /// The role-player nudged.
    Nudge,
}

impl Step {
    fn parse(token: &str) -> Result<Self> {
        let token = token.trim();
        let (word, rest) = token.split_once(':').unwrap_or((token, ""));
        Ok(match word.to_ascii_lowercase().as_str() {
            "wait" => Self::Wait,
            "hold" => Self::Hold,
            "flag" | "reveal" => Self::Mark(token.to_owned()),
            "tie" if !rest.is_empty() => Self::Tie(rest.to_owned()),
            "said" => Self::Said,
            "adlib" if !rest.trim().is_empty() => Self::AdLib(rest.trim().to_owned()),
            "match" if !rest.is_empty() => Self::Match(rest.to_owned()),
            "nudge" => Self::Nudge,
            "" => bail!("an empty step"),
            _ => {
                let confidence = match rest.to_ascii_lowercase().as_str() {
                    "" => None,
                    "sure" => Some(Confidence::Sure),
                    "unsure" | "not-sure" => Some(Confidence::NotSure),
                    _ => bail!("`{token}`: after the option comes `:sure` or `:unsure`"),
                };
                Self::Pick(word.to_owned(), confidence)
            }
        })
    }

    /// Does this step answer a decision (so it waits for a new one), rather than act beside it?
    fn answers(&self) -> bool {
        matches!(self, Self::Pick(..) | Self::Wait | Self::Match(_))
    }
}

/// Where a participant's files go.
struct Files {
    in_progress: PathBuf,
    out: PathBuf,
}

/// `hotwash join`.
pub fn join(args: JoinArgs, data: &DataDir, words: Words) -> Result<Exit> {
    let tr = words.tr();
    let address = parse_address(&args.address)?;
    let code = SessionCode::parse(&args.code)?;
    let kept = JoinFiles::new(data.root(), &code, &args.name);
    let files =
        Files { in_progress: kept.in_progress.clone(), out: args.out.clone().unwrap_or_else(|| data.debriefs()) };
    store::check_writable(&files.out)?;
    let seat = kept.seat()?;
    let hello = Hello::new(&args.name, seat)?;
    say!("{}", tr.t_text("cli-join-joining", &[("address", &address), ("name", &hello.name)]));
    let key = code.key();
    let steps: Option<Vec<Step>> = args
        .steps
        .as_ref()
        .map(|s| s.iter().filter(|t| !t.trim().is_empty()).map(|t| Step::parse(t)).collect())
        .transpose()?;
    let typed = if steps.is_none() { Some(lines_of_stdin()) } else { None };
    let mut play = Playing {
        steps: steps.unwrap_or_default().into(),
        inputs: args.input.clone().into_iter(),
        think: Duration::from_millis(args.think_ms),
        outstanding: false,
        answered: None,
        in_flight: None,
        resend: None,
        pushed: 0,
        hold_from: None,
        ready_at: None,
        printer: None,
        decisions_shown: 0,
        card_shown: None,
        tie_shown: None,
    };
    let mut joined = Rejoining::connect(address, key, hello, Duration::from_secs(args.retry_s))?;
    loop {
        let now = wall_now();
        for heard in joined.poll(now) {
            let participant = joined.participant();
            match heard {
                Heard::Welcome => {
                    if play.printer.is_none()
                        && let Some((welcome, scenario)) = participant.welcome().zip(participant.scenario())
                    {
                        let lang = Lang::of(&scenario.language).tr();
                        let part = tr.t(welcome.part.label_id());
                        say!("{}", tr.t_text("cli-join-welcome", &[("title", &scenario.title), ("part", &part)]));
                        play.printer = Some(Printer::new(lang));
                    } else {
                        say!("{}", tr.t("cli-join-back"));
                    }
                }
                Heard::View => {
                    if play.outstanding {
                        play.outstanding = false;
                    } else {
                        play.pushed += 1;
                    }
                    if let Some(done) = show_view(participant, &mut play, &files, tr)? {
                        return Ok(done);
                    }
                }
                Heard::Refused(why) => {
                    play.outstanding = false;
                    say!("! {}", tr.t_text("cli-join-refused", &[("why", &why)]));
                }
                Heard::Turned(why) => bail!(tr.t_text("cli-join-turned", &[("why", &why)])),
                Heard::Unusable(why) => say_err!("hotwash: warning: {why}"),
                Heard::Lost(why) => {
                    play.lost();
                    say!("- {}", tr.t_text("cli-join-lost", &[("why", &why)]));
                }
                Heard::GaveUp(_) if play.printer.is_some() => {
                    bail!(tr.t_text("cli-join-gave-up", &[("file", &files.in_progress.display())]));
                }
                Heard::GaveUp(why) => bail!(tr.t_text("cli-join-no-answer", &[("address", &address), ("why", &why)])),
            }
        }
        if joined.participant().is_connected() {
            if let Some(typed) = &typed {
                while let Ok(line) = typed.try_recv() {
                    match Step::parse(&line) {
                        Ok(step) => play.steps.push_back(step),
                        Err(e) => say!("! {e}"),
                    }
                }
            }
            play.next_step(joined.participant_mut(), now)?;
        }
        std::thread::sleep(POLL_EVERY);
    }
}

/// A participant's progress through their steps.
struct Playing {
    steps: std::collections::VecDeque<Step>,
    inputs: std::vec::IntoIter<String>,
    think: Duration,
    /// A request is on its way; the next step waits for its answer.
    outstanding: bool,
    /// The decision (its number and node) the last answering step was for.
    answered: Option<(usize, NodeId)>,
    /// The last request sent: the decision it was for, the request, whether it answers it.
    in_flight: Option<((usize, NodeId), ToHost, bool)>,
    /// A request lost with the connection, to send again after the rejoin.
    resend: Option<((usize, NodeId), ToHost, bool)>,
    /// Screens the host sent unasked (the facilitator's doing, or the clock's).
    pushed: usize,
    /// `pushed` when the current hold began.
    hold_from: Option<usize>,
    /// When the next step may go (think time).
    ready_at: Option<Instant>,
    printer: Option<Printer>,
    decisions_shown: usize,
    card_shown: Option<RoleCard>,
    tie_shown: Option<Vec<ChoiceId>>,
}

impl Playing {
    /// Sends the next scripted or typed step when its time has come.
    fn next_step(&mut self, participant: &mut Participant, now: WallMs) -> Result<()> {
        if self.outstanding {
            return Ok(());
        }
        let (Some(welcome), Some(view), Some(runner)) =
            (participant.welcome(), participant.view(), participant.runner())
        else {
            return Ok(());
        };
        let (mode, part) = (welcome.mode, welcome.part);
        if view.ended || view.debrief.is_some() || (mode == Mode::Facilitated && runner.is_paused()) {
            return Ok(());
        }
        let host_now = participant.host_now(now);
        let prompt = runner.waiting(host_now);
        let decision = match &prompt {
            Prompt::Choices { node, .. } | Prompt::Input { node, .. } => (runner.decisions().len(), node.clone()),
            Prompt::Nothing => return Ok(()),
        };
        if let Some((at, request, answers)) = self.resend.take()
            && at == decision
        {
            self.send(participant, request, at, answers);
            return Ok(());
        }
        // A written answer is taken from --input, by whoever writes for the drill.
        if let Prompt::Input { node, kind, .. } = &prompt {
            let writes = match part {
                Part::Trainee => true,
                Part::Member { lead } => lead,
                Part::RolePlayer => false,
            };
            if writes && self.answered.as_ref() != Some(&decision) {
                if !self.think_done() {
                    return Ok(());
                }
                let answer = given_answer(*kind, &mut self.inputs, node.as_str())?;
                let request = match mode {
                    Mode::Facilitated => ToHost::Facilitated(FacilitatedRequest::Submit { node: node.clone(), answer }),
                    Mode::Team => ToHost::Team(TeamRequest::Submit { node: node.clone(), answer }),
                    Mode::RolePlay => ToHost::RolePlay(RolePlayRequest::Submit { node: node.clone(), answer }),
                };
                self.send(participant, request, decision, true);
                return Ok(());
            }
        }
        let Some(step) = self.steps.front().cloned() else { return Ok(()) };
        if step == Step::Hold {
            let from = *self.hold_from.get_or_insert(self.pushed);
            if self.pushed > from {
                self.hold_from = None;
                self.steps.pop_front();
            }
            return Ok(());
        }
        if step.answers() && self.answered.as_ref() == Some(&decision) {
            return Ok(());
        }
        if let Step::Tie(_) = step
            && view.team.as_ref().is_none_or(|t| t.tie.is_none())
        {
            return Ok(());
        }
        if !self.think_done() {
            return Ok(());
        }
        self.steps.pop_front();
        let node = decision.1.clone();
        let offered: Vec<ChoiceId> = runner.options().into_iter().map(|o| o.id).collect();
        let choice = |token: &str| {
            pick_among(token, &offered).ok_or_else(|| anyhow!("step `{token}`: no such option at `{node}`"))
        };
        let request = match (mode, step) {
            (_, Step::Wait) => {
                self.answered = Some(decision);
                return Ok(());
            }
            (Mode::Facilitated, Step::Pick(token, _)) => {
                ToHost::Facilitated(FacilitatedRequest::Choose { node: node.clone(), choice: choice(&token)? })
            }
            (Mode::Facilitated, Step::Mark(token)) => match super::play::parse_mark(&token)? {
                super::play::Marked::Flag(event, spot) => ToHost::Facilitated(FacilitatedRequest::Flag { event, spot }),
                super::play::Marked::Reveal(field) => ToHost::Facilitated(FacilitatedRequest::Reveal { field }),
            },
            (Mode::Team, Step::Pick(token, confidence)) => {
                ToHost::Team(TeamRequest::Vote { node: node.clone(), choice: choice(&token)?, confidence })
            }
            (Mode::Team, Step::Tie(token)) => {
                let tied = view.team.as_ref().and_then(|t| t.tie.clone()).unwrap_or_default();
                let pick = pick_among(&token, &offered)
                    .filter(|c| tied.contains(c))
                    .ok_or_else(|| anyhow!("step `tie:{token}`: not one of the tied options"))?;
                ToHost::Team(TeamRequest::BreakTie { node: node.clone(), choice: pick })
            }
            (Mode::RolePlay, Step::Said) => ToHost::RolePlay(RolePlayRequest::Said { node: node.clone() }),
            (Mode::RolePlay, Step::AdLib(text)) => ToHost::RolePlay(RolePlayRequest::AdLib { text }),
            (Mode::RolePlay, Step::Nudge) => {
                ToHost::RolePlay(RolePlayRequest::Match { node: node.clone(), choice: None })
            }
            (Mode::RolePlay, Step::Match(token)) => {
                ToHost::RolePlay(RolePlayRequest::Match { node: node.clone(), choice: Some(choice(&token)?) })
            }
            (_, step) => bail!("the step {step:?} has no meaning in this session"),
        };
        let answered = matches!(
            &request,
            ToHost::Facilitated(FacilitatedRequest::Choose { .. }) | ToHost::Team(TeamRequest::Vote { .. })
        ) || matches!(&request, ToHost::RolePlay(RolePlayRequest::Match { choice: Some(_), .. }));
        self.send(participant, request, decision, answered);
        Ok(())
    }

    /// Has the think time since the last step passed? Starts it when it has not begun.
    fn think_done(&mut self) -> bool {
        let at = *self.ready_at.get_or_insert_with(|| Instant::now() + self.think);
        at <= Instant::now()
    }

    fn send(&mut self, participant: &mut Participant, request: ToHost, decision: (usize, NodeId), answers: bool) {
        participant.send(&request);
        self.outstanding = true;
        self.ready_at = None;
        if answers {
            self.answered = Some(decision.clone());
        }
        self.in_flight = Some((decision, request, answers));
    }

    /// The connection went with a request on its way: it is sent again after the rejoin if the
    /// drill is still at the decision it was for (else the host had taken it).
    fn lost(&mut self) {
        if self.outstanding {
            self.resend = self.in_flight.take();
        }
        self.outstanding = false;
    }
}

/// Prints what changed on the participant's screen and keeps their copy; returns how the
/// command ends once the drill has.
fn show_view(participant: &Participant, play: &mut Playing, files: &Files, tr: &Tr) -> Result<Option<Exit>> {
    let (Some(view), Some(welcome)) = (participant.view(), participant.welcome()) else { return Ok(None) };
    if !view.waiting_for.is_empty() {
        say!("{}", tr.t_text("cli-join-waiting", &[("names", &view.waiting_for.join(", "))]));
    }
    if let (Some(printer), Some(runner)) = (play.printer.as_mut(), participant.runner()) {
        printer.print_new(runner);
        if let Some(state) = &view.drill {
            store::save(&files.in_progress, state)?;
        }
    }
    if let Some(team) = &view.team {
        for decision in team.decisions.iter().skip(play.decisions_shown) {
            say!("{}", team_decision_line(decision, tr));
        }
        play.decisions_shown = team.decisions.len();
        if team.tie != play.tie_shown {
            if let Some(tied) = &team.tie {
                let tied: Vec<String> = tied.iter().map(ToString::to_string).collect();
                say!("{}", tr.t_text("cli-join-tie", &[("options", &tied.join(", "))]));
            }
            play.tie_shown = team.tie.clone();
        }
    }
    if welcome.part == Part::RolePlayer && view.card != play.card_shown {
        if let Some(card) = &view.card {
            print_card(card, tr);
        }
        play.card_shown = view.card.clone();
    }
    if let Some(debrief) = &view.debrief {
        return Ok(Some(save_debrief(participant, debrief, files, tr)?));
    }
    if view.ended {
        say!("{}", tr.t_text("cli-join-ended-early", &[("file", &files.in_progress.display())]));
        return Ok(Some(Exit::Clean));
    }
    Ok(None)
}

fn team_decision_line(decision: &TeamDecision, tr: &Tr) -> String {
    let votes: Vec<String> = decision.votes.iter().map(|v| vote_words(v, v.choice.as_str(), tr)).collect();
    let answer = decision.answer.as_ref().map_or_else(|| tr.t("review-timed-out"), ToString::to_string);
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("node", &decision.node),
        ("votes", &if votes.is_empty() { "–".to_owned() } else { votes.join(", ") }),
        ("answer", &answer),
        ("alignment", &alignment_name(decision.alignment, tr)),
    ];
    tr.t_text("cli-join-team-decision", &args)
}

fn print_card(card: &RoleCard, tr: &Tr) {
    say!("\n── {} ──", tr.t("cli-card-heading"));
    if let Some((name, _)) = &card.who {
        say!("{}", tr.t_text("cli-card-who", &[("name", name)]));
    }
    if let Some(wants) = &card.wants {
        say!("{}", tr.t_text("cli-card-wants", &[("wants", wants)]));
    }
    say!("{}", tr.t_text("cli-card-say", &[("line", &card.line)]));
    if let Some(direction) = &card.direction {
        say!("{}", tr.t_text("cli-card-direction", &[("direction", direction)]));
    }
    if !card.flags.is_empty() {
        say!("{}", tr.t_text("cli-card-flags", &[("flags", &card.flags.join(", "))]));
    }
    if let Some(pushback) = &card.pushback {
        say!("{}", tr.t_text("cli-card-pushback", &[("pushback", pushback)]));
    }
    for (i, option) in card.options.iter().enumerate() {
        say!("  {}) {}", i + 1, option.text);
    }
}

/// Saves the debrief the host sent, with its review, where the participant keeps theirs.
fn save_debrief(participant: &Participant, debrief: &Debrief, files: &Files, tr: &Tr) -> Result<Exit> {
    let Some(scenario) = participant.scenario() else { return Ok(Exit::Problems) };
    let review = Review::build(scenario, debrief, &[]);
    let saved = store::save_drill(&files.out, debrief, &review)?;
    let _ = std::fs::remove_file(&files.in_progress);
    say!("\n{}", review.summary());
    for f in [&saved.debrief, &saved.markdown, &saved.html] {
        say!("{}", tr.t_text("cli-wrote", &[("file", &f.display())]));
    }
    Ok(Exit::Clean)
}
