//! Live sessions on 127.0.0.1 as a facilitator runs them: `hotwash host` and several `hotwash
//! join` processes, a facilitated session with an inject and a note, a team vote with a tie and a
//! timeout, a role play with ad-libs and matched answers, a participant killed and back, a host
//! killed and taken up again, a wrong code, and a hostile participant.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hotwash::engine::debrief::{Action, Debrief};
use hotwash::engine::facilitated::FacilitatedRequest;
use hotwash::engine::store::load_debrief;
use hotwash::engine::team_drill::TeamRequest;
use hotwash::net::participant::{Heard, Participant};
use hotwash::net::{Hello, SessionCode, ToHost, new_seat, wall_now};

use crate::{root, text};

const DRILL: &str = "tests/fixtures/session/front-desk-code.en.ron";
/// The second drill of the sets played.
const SECOND: &str = "tests/fixtures/session/number-change.en.ron";
const WAIT: Duration = Duration::from_secs(60);

/// A process whose standard output is collected line by line as it comes.
struct Proc {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Arc<Mutex<Vec<String>>>,
}

fn hotwash_cmd(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hotwash"));
    command
        .args(args)
        .current_dir(root())
        .env_remove("HOTWASH_DATA_DIR")
        .env_remove("HOTWASH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

impl Proc {
    fn spawn(args: &[&str]) -> Self {
        let mut child = hotwash_cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let lines = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = Arc::clone(&lines);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    lines.lock().unwrap().push(line);
                }
            });
        }
        let stdin = child.stdin.take();
        Self { child, stdin, lines }
    }

    fn output(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Waits for a line containing `wanted`; returns it.
    fn wait_for(&self, wanted: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.lines.lock().unwrap().iter().find(|l| l.contains(wanted)) {
                return line.clone();
            }
            assert!(start.elapsed() < WAIT, "no line with {wanted:?} in:\n{}", self.output());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn type_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the process to end; its exit code.
    fn finish(&mut self) -> Option<i32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader threads drain what is left.
                std::thread::sleep(Duration::from_millis(100));
                return status.code();
            }
            assert!(start.elapsed() < WAIT, "still running:\n{}", self.output());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A host started in `dir` with `args` after the scenario; its address and code.
fn host(dir: &Path, args: &[&str]) -> (Proc, String, String) {
    let folder = dir.join("session");
    let data = dir.join("host-data");
    let mut all =
        vec!["--data-dir", data.to_str().unwrap(), "host", DRILL, "--port", "0", "--folder", folder.to_str().unwrap()];
    all.extend_from_slice(args);
    let host = Proc::spawn(&all);
    let (address, code) = address_and_code(&host);
    (host, address, code)
}

fn address_and_code(host: &Proc) -> (String, String) {
    let heading = host.wait_for("Session ");
    let code = heading.split_whitespace().nth(1).unwrap().to_owned();
    let listening = host.wait_for("listening at 127.0.0.1:");
    let address = listening.rsplit(' ').next().unwrap().to_owned();
    (address, code)
}

/// The host of the session in `dir` taken up again from its file on `port`: the same code.
fn resumed(dir: &Path, port: &str, code: &str) -> Proc {
    let (folder, data) = (dir.join("session"), dir.join("host-data"));
    let host = Proc::spawn(&[
        "--data-dir",
        data.to_str().unwrap(),
        "host",
        "--resume",
        folder.to_str().unwrap(),
        "--port",
        port,
    ]);
    let (_, same_code) = address_and_code(&host);
    assert_eq!(same_code, code);
    host
}

/// A participant process with its own data folder under `dir`.
fn join(dir: &Path, address: &str, code: &str, name: &str, steps: &str) -> Proc {
    let data = dir.join(format!("data-{name}"));
    Proc::spawn(&[
        "--data-dir",
        data.to_str().unwrap(),
        "join",
        address,
        "--code",
        code,
        "--name",
        name,
        "--steps",
        steps,
        "--think-ms",
        "100",
    ])
}

/// The debriefs saved in a folder.
fn debriefs_in(dir: &Path) -> Vec<(PathBuf, Debrief)> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with(".debrief.ron")).collect())
        .unwrap_or_default();
    found.sort();
    found.into_iter().map(|p| (p.clone(), load_debrief(&p).unwrap())).collect()
}

fn chosen(debrief: &Debrief) -> Vec<String> {
    debrief.decisions.iter().filter_map(|d| d.choice.as_ref().map(ToString::to_string)).collect()
}

/// `hotwash replay` says the debrief reproduces exactly.
fn replays(debrief: &Path) {
    replays_on(debrief, DRILL);
}

/// `hotwash replay` says the debrief reproduces exactly on `scenario`.
fn replays_on(debrief: &Path, scenario: &str) {
    let out = crate::hotwash(&["replay", debrief.to_str().unwrap(), "--scenario", scenario], root());
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
}

#[test]
fn a_facilitated_session_of_three_with_an_inject_and_a_note_ends_in_debriefs_on_every_machine_and_a_hot_wash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) = host(dir.path(), &["--seed", "7"]);
    // Ana waits for the facilitator twice (the note, then the inject) before her first answer.
    let mut ana = join(dir.path(), &address, &code, "ana", "hold,hold,refuse,callback,report");
    let mut ben = join(dir.path(), &address, &code, "ben", "read,confirm,forget");
    let mut cai = join(dir.path(), &address, &code, "cai", "refuse,wait,report");
    for name in ["ana", "ben", "cai"] {
        host.wait_for(&format!("+ {name} joined"));
    }
    host.type_line("note ana Calm opening, she let the caller talk");
    host.wait_for("> facilitator: note ana: Calm opening");
    host.type_line("inject lead_check ana");
    host.wait_for("> facilitator: inject lead_check ana");
    // The console shows each participant's moves as they happen, harm highlighted.
    host.wait_for("console ben · decision 2 `verify` · ");
    let harm = host.wait_for("console ben · finished");
    assert!(harm.contains("harm confirm read") || harm.contains("harm read confirm"), "{harm}");
    for name in ["ana", "ben", "cai"] {
        host.wait_for(&format!("* {name}'s drill has ended"));
    }
    for p in [&mut ana, &mut ben, &mut cai] {
        assert_eq!(p.finish(), Some(0), "{}", p.output());
    }
    host.type_line("end");
    assert_eq!(host.finish(), Some(0), "{}", host.output());

    // Each participant keeps their own debrief, the same one the host collected.
    let collected = debriefs_in(&dir.path().join("session/debriefs"));
    assert_eq!(collected.len(), 3, "{}", host.output());
    for (name, choices) in
        [("ana", "refuse callback report"), ("ben", "read confirm forget"), ("cai", "refuse silent report")]
    {
        let own = debriefs_in(&dir.path().join(format!("data-{name}/debriefs")));
        assert_eq!(own.len(), 1, "{name}");
        let (path, debrief) = &own[0];
        assert_eq!(debrief.trainee, name);
        assert_eq!(chosen(debrief).join(" "), choices, "{name}");
        assert!(collected.iter().any(|(_, d)| d == debrief), "{name}'s copy is the host's");
        replays(path);
    }
    let (_, ana_debrief) = &debriefs_in(&dir.path().join("data-ana/debriefs"))[0];
    assert!(
        ana_debrief
            .actions
            .iter()
            .any(|a| matches!(a, Action::Inject { inject, .. } if inject.as_str() == "lead_check"))
    );
    assert_eq!(ana_debrief.notes.len(), 1);
    assert_eq!(ana_debrief.notes[0].text, "Calm opening, she let the caller talk");
    assert_eq!(ana_debrief.notes[0].author, "facilitator");
    let hot_wash = std::fs::read_to_string(dir.path().join("session/hot-wash.md")).unwrap();
    assert!(hot_wash.contains("The code on the phone"), "{hot_wash}");
    assert!(hot_wash.contains("3 drill"), "{hot_wash}");
}

#[test]
fn a_team_votes_the_lead_breaks_the_tie_and_the_clock_takes_an_unanswered_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) =
        host(dir.path(), &["--mode", "team", "--roster", "ana,ben", "--lead", "ana", "--seed", "3"]);
    // `ask`: a tie (ana sure of `refuse`, ben unsure of `read`), which the lead's vote breaks;
    // `verify`: nobody votes before the 8 s run out; `close`: both vote `report`.
    let mut ana = join(dir.path(), &address, &code, "ana", "refuse:sure,wait,report");
    let mut ben = join(dir.path(), &address, &code, "ben", "read:unsure,wait,report:sure");
    host.wait_for("* everyone is here: the drill starts");
    assert_eq!(ana.finish(), Some(0), "{}", ana.output());
    assert_eq!(ben.finish(), Some(0), "{}", ben.output());
    assert_eq!(host.finish(), Some(0), "{}", host.output());
    // Everyone sees the votes once each decision is taken.
    let seen = ben.output();
    let ask = seen.lines().find(|l| l.starts_with("team decision at `ask`")).unwrap_or_default();
    assert!(ask.contains("ana: refuse (sure)") && ask.contains("ben: read (not sure)"), "{seen}");
    assert!(ask.ends_with("→ refuse · Split"), "{seen}");
    assert!(seen.contains("team decision at `verify`: – → (time ran out)"), "{seen}");
    // Votes show in the order they were cast, which the two processes race for.
    let close = seen.lines().find(|l| l.starts_with("team decision at `close`")).unwrap_or_default();
    assert!(close.contains("ana: report") && close.contains("ben: report (sure)"), "{seen}");
    assert!(close.ends_with("→ report · Unified"), "{seen}");
    let votes = std::fs::read_to_string(dir.path().join("session/votes.md")).unwrap();
    assert!(votes.contains("a tie, broken by the team lead"), "{votes}");
    assert!(votes.contains("Split") && votes.contains("Unified"), "{votes}");
    // The hot wash carries the team's alignment, to be followed across sessions.
    let hot_wash = std::fs::read_to_string(dir.path().join("session/hot-wash.md")).unwrap();
    assert!(hot_wash.contains("## Team drills: alignment across sessions"), "{hot_wash}");
    assert!(hot_wash.contains("| 3 | 1 | 1 | 1 | 2/3 | 0/2 |"), "{hot_wash}");
    // Both members keep the team's debrief.
    let a = debriefs_in(&dir.path().join("data-ana/debriefs"));
    let b = debriefs_in(&dir.path().join("data-ben/debriefs"));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].1, b[0].1);
    assert_eq!(chosen(&a[0].1).join(" "), "refuse silent report");
    replays(&a[0].0);
}

#[test]
fn a_role_player_delivers_lines_ad_libs_and_matches_the_spoken_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) =
        host(dir.path(), &["--mode", "role-play", "--trainee", "tia", "--role-player", "rob"]);
    let mut tia = join(dir.path(), &address, &code, "tia", "");
    let mut rob = join(
        dir.path(),
        &address,
        &code,
        "rob",
        "said,adlib:You have five minutes or the account is frozen,nudge,match:refuse,said,match:callback,match:report",
    );
    assert_eq!(rob.finish(), Some(0), "{}", rob.output());
    assert_eq!(tia.finish(), Some(0), "{}", tia.output());
    assert_eq!(host.finish(), Some(0), "{}", host.output());
    // The role card: who to play, what they want, the line, how, the flags, the pushback.
    let card = rob.output();
    for shown in [
        "You play Li Qiang",
        "Wants: The one-time code, before the agent checks anything",
        "Say: “Security team here. Read me the code",
        "How: Friendly, then impatient",
        "Plant: Urgency, Code request",
        "If they push back: Say the account will be frozen in five minutes",
    ] {
        assert!(card.contains(shown), "{shown:?} in\n{card}");
    }
    // The trainee's transcript has the ad-lib as said.
    assert!(tia.output().contains("You have five minutes or the account is frozen"), "{}", tia.output());
    let (path, debrief) = &debriefs_in(&dir.path().join("data-tia/debriefs"))[0];
    assert_eq!(debrief.trainee, "tia");
    assert_eq!(chosen(debrief).join(" "), "refuse callback report");
    assert!(debrief.decisions.iter().all(|d| d.matched), "every answer was matched by the role-player");
    assert!(debrief.actions.iter().any(|a| matches!(a, Action::Say { .. })));
    let review = std::fs::read_to_string(path.to_string_lossy().replace(".debrief.ron", ".review.md")).unwrap();
    assert!(review.contains("in their own words"), "{review}");
    assert!(review.contains("Answered in own words, matched to"), "{review}");
    replays(path);
}

#[test]
fn a_killed_participant_rejoins_with_the_code_and_goes_on_where_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) = host(dir.path(), &[]);
    // Ana answers the first decision and then waits; her process is killed.
    let mut ana = join(dir.path(), &address, &code, "ana", "refuse,hold");
    host.wait_for("> ana: choose refuse at ask");
    ana.kill();
    host.wait_for("- ana lost the connection");
    // The same machine (the same data folder, so the same seat) joins again and goes on.
    let mut again = join(dir.path(), &address, &code, "ana", "callback,report");
    host.wait_for("+ ana joined again");
    assert_eq!(again.finish(), Some(0), "{}", again.output());
    // Someone else under her name (another machine: another seat) is turned away.
    let mut other = join(&dir.path().join("elsewhere"), &address, &code, "ana", "refuse");
    assert_eq!(other.finish(), Some(1));
    assert!(other.output().contains("someone else has joined under the name ana"), "{}", other.output());
    host.type_line("end");
    assert_eq!(host.finish(), Some(0));
    let own = debriefs_in(&dir.path().join("data-ana/debriefs"));
    assert_eq!(chosen(&own[0].1).join(" "), "refuse callback report");
    replays(&own[0].0);
}

#[test]
fn a_host_killed_mid_session_is_taken_up_again_from_its_file_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, address, code) = host(dir.path(), &[]);
    let port = address.rsplit(':').next().unwrap().to_owned();
    // Ana answers, then holds until the host is back (its welcome is a screen she did not ask for).
    let mut ana = join(dir.path(), &address, &code, "ana", "refuse,hold,callback,report");
    first.wait_for("> ana: choose refuse at ask");
    first.kill();
    let folder = dir.path().join("session");
    let mut second = resumed(dir.path(), &port, &code);
    second.wait_for("+ ana joined again");
    assert_eq!(ana.finish(), Some(0), "{}", ana.output());
    second.type_line("end");
    assert_eq!(second.finish(), Some(0), "{}", second.output());
    let own = debriefs_in(&dir.path().join("data-ana/debriefs"));
    assert_eq!(chosen(&own[0].1).join(" "), "refuse callback report", "the answer before the crash is kept");
    assert_eq!(debriefs_in(&folder.join("debriefs"))[0].1, own[0].1);
    replays(&own[0].0);
}

#[test]
fn a_team_plays_a_set_of_two_drills_the_lead_starts_the_second_and_every_drill_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) =
        host(dir.path(), &[SECOND, "--mode", "team", "--roster", "ana,ben", "--lead", "ana", "--seed", "3"]);
    host.wait_for("2 drills played in order: The code on the phone → A new number, today");
    // Ben tries to start the next drill himself: only the lead (or the facilitator) may.
    let mut ana = join(dir.path(), &address, &code, "ana", "refuse,callback,report,next,verify,note");
    let mut ben = join(dir.path(), &address, &code, "ben", "refuse,callback,report,next,verify,note");
    host.wait_for("* Drill 2 of 2, A new number, today, has started");
    assert_eq!(ana.finish(), Some(0), "{}", ana.output());
    assert_eq!(ben.finish(), Some(0), "{}", ben.output());
    assert_eq!(host.finish(), Some(0), "{}", host.output());
    assert!(ana.output().contains("Next in the set: A new number, today. Type `next`"), "{}", ana.output());
    let log = host.output();
    assert!(log.contains("> ana: next drill"), "{log}");
    // Ben's `next` comes between the drills (refused as not his), just after the lead's (refused
    // as the set is past that drill), or in the second drill (which has none after it), whichever
    // the two processes race to.
    assert!(
        log.contains("refused ben: only the facilitator")
            || log.contains("refused ben: the set has moved on already")
            || log.contains("refused ben: there is no next drill"),
        "{log}"
    );
    assert!(!log.contains("> ben: next drill"), "{log}");
    // Both members keep both drills, as the host does; each replays on its own scenario.
    let collected = debriefs_in(&dir.path().join("session/debriefs"));
    assert_eq!(collected.len(), 2, "{log}");
    for name in ["ana", "ben"] {
        let own = debriefs_in(&dir.path().join(format!("data-{name}/debriefs")));
        assert_eq!(own.len(), 2, "{name}: one debrief per drill, none twice");
        let by_drill: Vec<(&str, String)> =
            own.iter().map(|(_, d)| (d.scenario.id.as_str(), chosen(d).join(" "))).collect();
        assert!(by_drill.contains(&("front-desk-code", "refuse callback report".into())), "{by_drill:?}");
        assert!(by_drill.contains(&("number-change", "verify note".into())), "{by_drill:?}");
        for (path, debrief) in &own {
            assert!(collected.iter().any(|(_, d)| d == debrief), "{name}'s copy is the host's");
            replays_on(path, if debrief.scenario.id.as_str() == "number-change" { SECOND } else { DRILL });
        }
    }
    // The votes of both drills, each under its title; the hot wash reads both debriefs.
    let votes = std::fs::read_to_string(dir.path().join("session/votes.md")).unwrap();
    let first = votes.find("# The code on the phone").expect("the first drill's votes");
    let second = votes.find("# A new number, today").expect("the second drill's votes");
    assert!(first < second, "{votes}");
    let hot_wash = std::fs::read_to_string(dir.path().join("session/hot-wash.md")).unwrap();
    assert!(hot_wash.contains("The code on the phone") && hot_wash.contains("A new number, today"), "{hot_wash}");
}

#[test]
fn a_facilitated_set_goes_on_when_the_facilitator_says_and_survives_a_host_restart_in_its_second_drill() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, address, code) = host(dir.path(), &[SECOND, "--seed", "5"]);
    let port = address.rsplit(':').next().unwrap().to_owned();
    // Ana answers the second drill's first decision, then holds until the host is back.
    let mut ana = join(dir.path(), &address, &code, "ana", "refuse,callback,report,verify,hold,note");
    let mut ben = join(dir.path(), &address, &code, "ben", "read,confirm,forget,change,nothing");
    for name in ["ana", "ben"] {
        first.wait_for(&format!("* {name}'s drill has ended"));
    }
    // Nobody but the facilitator moves a facilitated set on.
    first.type_line("next");
    first.wait_for("* Drill 2 of 2, A new number, today, has started");
    first.wait_for("> ana: choose verify at change");
    first.kill();
    let folder = dir.path().join("session");
    let mut second = resumed(dir.path(), &port, &code);
    second.wait_for("+ ana joined again");
    assert_eq!(ana.finish(), Some(0), "{}", ana.output());
    assert_eq!(ben.finish(), Some(0), "{}", ben.output());
    second.type_line("next");
    second.wait_for("refused facilitator: there is no next drill");
    second.type_line("end");
    assert_eq!(second.finish(), Some(0), "{}", second.output());
    assert!(ana.output().contains("It starts when the facilitator says."), "{}", ana.output());
    let collected = debriefs_in(&folder.join("debriefs"));
    assert_eq!(collected.len(), 4, "{}", second.output());
    for (name, drill_one, drill_two) in
        [("ana", "refuse callback report", "verify note"), ("ben", "read confirm forget", "change nothing")]
    {
        let own = debriefs_in(&dir.path().join(format!("data-{name}/debriefs")));
        let by_drill: Vec<(&str, String)> =
            own.iter().map(|(_, d)| (d.scenario.id.as_str(), chosen(d).join(" "))).collect();
        assert_eq!(by_drill.len(), 2, "{name}: {by_drill:?}");
        assert!(by_drill.contains(&("front-desk-code", drill_one.into())), "{name}: {by_drill:?}");
        assert!(by_drill.contains(&("number-change", drill_two.into())), "{name}: {by_drill:?}");
        for (path, debrief) in &own {
            assert!(collected.iter().any(|(_, d)| d == debrief), "{name}'s copy is the host's");
            replays_on(path, if debrief.scenario.id.as_str() == "number-change" { SECOND } else { DRILL });
        }
    }
}

#[test]
fn a_wrong_code_is_never_admitted() {
    let dir = tempfile::tempdir().unwrap();
    let (host, address, code) = host(dir.path(), &[]);
    let wrong = if code.starts_with('A') { "BBBB-BBBB" } else { "AAAA-AAAA" };
    let mut eve = join(dir.path(), &address, wrong, "eve", "refuse");
    assert_eq!(eve.finish(), Some(1));
    assert!(eve.output().contains("could not join"), "{}", eve.output());
    // The host never saw anyone: nothing joined, nothing was dropped or refused.
    assert!(!host.output().lines().any(|l| l.starts_with("+ ") || l.starts_with("! ")), "{}", host.output());
    // Not a code at all is a usage error said before anything is sent.
    let out = crate::hotwash(&["join", &address, "--code", "not-a-code", "--name", "eve"], root());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is not a session code"), "{}", text(&out.stderr));
}

/// Polls a participant until `until` says it has what it waits for.
fn poll_until(p: &mut Participant, host: &Proc, heard: &mut Vec<Heard>, until: impl Fn(&[Heard]) -> bool) {
    let start = Instant::now();
    while !until(heard) {
        heard.extend(p.poll(wall_now()));
        assert!(start.elapsed() < WAIT, "heard only {heard:?}; the host said:\n{}", host.output());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_hostile_participant_is_refused_logged_and_changes_nothing_and_garbage_on_the_port_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut host, address, code) = host(dir.path(), &[]);
    let addr: SocketAddr = address.parse().unwrap();
    // Garbage datagrams at the port before anyone joins.
    let noise = UdpSocket::bind("127.0.0.1:0").unwrap();
    for size in [0usize, 1, 7, 200, 1200, 1400] {
        let bytes: Vec<u8> = (0..size).map(|i| (i * 31 + 7) as u8).collect();
        noise.send_to(&bytes, addr).unwrap();
    }
    let code = SessionCode::parse(&code).unwrap();
    let mut mal = Participant::connect(addr, &code, &Hello::new("mal", new_seat().unwrap()).unwrap()).unwrap();
    let mut heard = Vec::new();
    poll_until(&mut mal, &host, &mut heard, |h| h.contains(&Heard::View));
    let refusals = |h: &[Heard]| h.iter().filter(|x| matches!(x, Heard::Refused(_))).count();
    // A facilitator's action, a team's vote, bytes that are no request, a request too large.
    mal.send(&ToHost::Facilitated(FacilitatedRequest::End));
    mal.send(&ToHost::Facilitated(FacilitatedRequest::Pause { who: None }));
    mal.send(&ToHost::Team(TeamRequest::Close { node: "ask".into() }));
    mal.send_bytes(b"\x00\xffnot json".to_vec());
    mal.send_bytes(vec![b'{'; 20_000]);
    // A choice for a decision that is not open (late or out of order).
    mal.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: "close".into(), choice: "report".into() }));
    poll_until(&mut mal, &host, &mut heard, |h| refusals(h) >= 6);
    let said: Vec<&String> =
        heard.iter().filter_map(|h| if let Heard::Refused(w) = h { Some(w) } else { None }).collect();
    assert!(said[0].contains("only the facilitator"), "{said:?}");
    assert!(said[1].contains("only the facilitator"), "{said:?}");
    assert!(said[2].contains("another kind of session"), "{said:?}");
    assert!(said[3].contains("not a request"), "{said:?}");
    assert!(said[4].contains("more than the 16384"), "{said:?}");
    assert!(said[5].contains("not open") || said[5].contains("not waiting"), "{said:?}");
    // The host logged them, is still up, and the session goes on: mal's drill still answers.
    host.wait_for("! dropped a message from mal");
    host.wait_for("! refused mal: only the facilitator may do this");
    heard.clear();
    mal.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: "ask".into(), choice: "refuse".into() }));
    poll_until(&mut mal, &host, &mut heard, |h| h.contains(&Heard::View));
    assert_eq!(mal.runner().unwrap().decisions().len(), 1);
    host.wait_for("> mal: choose refuse at ask");
    // Nothing refused was recorded: the saved session holds the join and the one choice.
    let saved = std::fs::read_to_string(dir.path().join("session/session.ron")).unwrap();
    assert_eq!(saved.matches("request:").count(), 2, "{saved}");
    host.type_line("end");
    assert_eq!(host.finish(), Some(0));
}
