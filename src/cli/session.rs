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

use anyhow::{Result, bail};
use clap::ValueEnum;
use hotwash::engine::facilitated::{ConsoleRow, FacilitatedRequest};
use hotwash::engine::folders::DataDir;
use hotwash::engine::i18n::Tr;
use hotwash::engine::model::{ChoiceId, InjectId, NodeId};
use hotwash::engine::review::mm_ss;
use hotwash::engine::role_play::RolePlayRequest;
use hotwash::engine::team_drill::{Confidence, TeamRequest};
use hotwash::engine::times::WallMs;
use hotwash::net::host::{Host, HostEvent, SetDrill, Setup, session_folder};
use hotwash::net::participant::POLL_EVERY;
use hotwash::net::{Mode, ToHost, public_addresses, wall_now};

use super::author::catalog_beside;
use super::{Exit, Words};

mod join;
pub use join::join;

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
    /// The scenario file; several files are a set, played one after the other (not with
    /// --resume). With --set: the scenario folder.
    #[arg(required_unless_present = "resume")]
    pub scenario: Vec<PathBuf>,
    /// Play a set of the folder's curriculum.ron: a track's level (`front-line-2`) or an
    /// assessment set (its id), in the command line's language where the folder has it.
    #[arg(long)]
    pub set: Option<String>,
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
    /// `said`, `adlib:Text`, `match:N`, `nudge`. Between a set's drills: `next` (the lead, the
    /// role-player).
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
    let mut host = match &args.resume {
        Some(folder) => Host::resume(folder, bind, public)?,
        None => {
            let (set_name, files) = match &args.set {
                Some(id) => set_files(&args.scenario, id, words)?,
                None => (String::new(), args.scenario.clone()),
            };
            let Some((path, rest)) = files.split_first() else { bail!(super::Usage(tr.t("cli-host-needs-scenario"))) };
            let scenario = super::author::load_playable(path, words)?;
            let mut then = Vec::new();
            for file in rest {
                super::author::load_playable(file, words)?;
                then.push(SetDrill {
                    scenario_file: file.display().to_string(),
                    source: std::fs::read_to_string(file)?,
                });
            }
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
            )?
            .playing_set(set_name, then);
            let folder = args.folder.clone().unwrap_or_else(|| session_folder(data.root(), started, &scenario));
            Host::open(setup, &folder, bind, public)?
        }
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

/// The files of set `id` of the curriculum in the one folder `given`: each drill in the command
/// line's language where the folder has it, else in another.
fn set_files(given: &[PathBuf], id: &str, words: Words) -> Result<(String, Vec<PathBuf>)> {
    use hotwash::engine::folders::scenario_files;
    use hotwash::engine::load::load_file;
    let tr = words.tr();
    let [folder] = given else { bail!(super::Usage(tr.t("cli-host-set-one-folder"))) };
    let curriculum = hotwash::engine::path::Curriculum::read(&folder.join(hotwash::engine::path::FILE_NAME))
        .map_err(|why| super::Usage(tr.t_text("cli-host-set-no-curriculum", &[("why", &why)])))?;
    let lang = tr.lang().code();
    let sets = curriculum.sets(lang);
    let Some(set) = sets.iter().find(|s| s.id == id) else {
        let known: Vec<&str> = sets.iter().map(|s| s.id.as_str()).collect();
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("folder", &folder.display()), ("set", &id), ("known", &known.join(", "))];
        bail!(super::Usage(tr.t_text("cli-host-set-not-found", &args)));
    };
    let mut playable = Vec::new();
    for file in scenario_files(std::slice::from_ref(folder))? {
        if let Some(s) = load_file(&file).1.scenario {
            playable.push((s.id.to_string(), s.language != lang, file));
        }
    }
    // Files in the language asked for sort first.
    playable.sort();
    let mut files = Vec::new();
    for drill in &set.drills {
        let Some((_, _, file)) = playable.iter().find(|(i, _, _)| i == drill) else {
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("set", &id), ("drill", drill), ("folder", &folder.display())];
            bail!(super::Usage(tr.t_text("cli-host-set-no-drill", &args)));
        };
        files.push(file.clone());
    }
    Ok((set.name.clone(), files))
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
    if let Some(place) = host.place() {
        let titles = host.titles();
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("set", &place.name), ("count", &place.drills), ("titles", &titles.join(" → "))];
        let id = if place.name.is_empty() { "cli-host-set-unnamed" } else { "cli-host-set" };
        say!("{}", tr.t_text(id, &args));
        if place.drill > 1 {
            say!(
                "* {}",
                tr.t_text("cli-host-next-drill", &[("place", &place.words(tr)), ("title", &host.scenario().title)])
            );
        }
    }
    say!("{}", tr.t(setup.mode.commands_id()));
}

/// Standard input's lines, read on their own thread so the host never waits for a key.
pub(super) fn lines_of_stdin() -> mpsc::Receiver<String> {
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
                HostEvent::Started | HostEvent::DrillEnded { .. } | HostEvent::NextDrill { .. } => '*',
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
        ToHost::NextDrill { from } => format!("next drill (after drill {from})"),
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
        (_, "next" | "next!", []) => {
            // Going on ends a facilitated drill for whoever still plays it: that takes `next!`.
            let playing: Vec<String> =
                host.console(now).into_iter().filter(|r| r.node.is_some()).map(|r| r.name).collect();
            if command == "next" && host.next_is_open() && !playing.is_empty() {
                say!("! {}", tr.t_text("cli-host-next-still-playing", &[("names", &playing.join(", "))]));
                return;
            }
            ToHost::NextDrill { from: host.place().map_or(1, |p| p.drill) }
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
pub(super) fn pick_among(token: &str, offered: &[ChoiceId]) -> Option<ChoiceId> {
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
    let results = host.write_results(&catalog_beside(Path::new(&host.setup().scenario_file)))?;
    if results.files.is_empty() {
        say!("* {}", tr.t("cli-host-no-debriefs"));
        return Ok(());
    }
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
