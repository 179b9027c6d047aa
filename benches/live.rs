//! A room of scripted participants against a real `hotwash host` on loopback: the time from a
//! participant's choice to the facilitator's console showing it (p50, p99), and the host's CPU
//! and memory. Prints figures; BENCHMARKS.md keeps them with the command.
//!
//! `cargo bench --no-default-features --bench live` (30 participants, 3 sessions);
//! `-- PARTICIPANTS SESSIONS SCENARIO` to change them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    reason = "a benchmark fails by panicking and reports on standard output"
)]

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hotwash::engine::debrief::Answer;
use hotwash::engine::facilitated::FacilitatedRequest;
use hotwash::engine::shown::Prompt;
use hotwash::net::participant::{Heard, Participant};
use hotwash::net::{Hello, SessionCode, ToHost, new_seat, wall_now};

/// One scripted participant.
struct Seat {
    name: String,
    p: Participant,
    /// When the next answer goes.
    due: Option<Instant>,
    /// The decision the last answer was for, and when it was sent.
    sent: Option<(usize, Instant)>,
    rng: u64,
    done: bool,
}

impl Seat {
    /// Think time 0.5 to 2.5 s, from a per-seat xorshift.
    fn think(&mut self) -> Duration {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        Duration::from_millis(500 + self.rng % 2000)
    }
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

struct Session {
    latencies_ms: Vec<f64>,
    cpu_percent: f64,
    seconds: f64,
    rss_kb: u64,
    hwm_kb: u64,
    choices: usize,
}

fn session(participants: usize, scenario: &str, round: usize) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("session");
    let mut host = Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "host", scenario, "--port", "0", "--seed", "11"])
        .args(["--folder", folder.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = host.id();
    // Every console line with the instant it was read.
    let lines: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    {
        let lines = Arc::clone(&lines);
        let out = host.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                lines.lock().unwrap().push((Instant::now(), line));
            }
        });
    }
    let find = |prefix: &str| loop {
        if let Some((_, l)) = lines.lock().unwrap().iter().find(|(_, l)| l.starts_with(prefix)) {
            break l.clone();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let code = find("Session ").split_whitespace().nth(1).unwrap().to_owned();
    let address: SocketAddr = find("listening at 127.0.0.1:").rsplit(' ').next().unwrap().parse().unwrap();
    let key = SessionCode::parse(&code).unwrap().key();
    let mut seats: Vec<Seat> = (0..participants)
        .map(|i| {
            let name = format!("p{i:02}");
            let hello = Hello::new(&name, new_seat().unwrap()).unwrap();
            let p = Participant::connect_with_key(address, &key, &hello).unwrap();
            Seat { name, p, due: None, sent: None, rng: 0x9E37_79B9 ^ ((round * 1000 + i) as u64 + 1), done: false }
        })
        .collect();
    // (name, decision) -> sent
    let mut sent_at: BTreeMap<(String, usize), Instant> = BTreeMap::new();
    let mut started: Option<(Instant, u64)> = None;
    let deadline = Instant::now() + Duration::from_secs(600);
    while seats.iter().any(|s| !s.done) {
        assert!(Instant::now() < deadline, "the session did not end");
        let now = wall_now();
        if started.is_none() && seats.iter().all(|s| s.p.view().is_some()) {
            started = Some((Instant::now(), cpu_ticks(pid)));
        }
        for seat in &mut seats {
            for heard in seat.p.poll(now) {
                if let Heard::Lost(why) | Heard::Turned(why) = heard {
                    panic!("{} lost the session: {why}", seat.name);
                }
            }
            let Some(view) = seat.p.view() else { continue };
            if view.debrief.is_some() {
                seat.done = true;
                continue;
            }
            let Some(runner) = seat.p.runner() else { continue };
            let (decision, prompt) = (runner.decisions().len(), runner.waiting(seat.p.host_now(now)));
            if seat.sent.is_some_and(|(d, _)| d == decision) {
                continue;
            }
            let due = match seat.due {
                Some(due) => due,
                None => {
                    let due = Instant::now() + seat.think();
                    seat.due = Some(due);
                    due
                }
            };
            if Instant::now() < due {
                continue;
            }
            let request = match prompt {
                Prompt::Choices { node, options, .. } => {
                    FacilitatedRequest::Choose { node, choice: options[seat.rng as usize % options.len()].id.clone() }
                }
                Prompt::Input { node, kind, .. } => {
                    let text = "Caller asked for the code; refused, called back on the number on file, reported.";
                    let answer = match kind {
                        hotwash::engine::model::InputKind::IncidentReport => {
                            Answer::Report { description: text.into(), scope: text.into(), measures: text.into() }
                        }
                        hotwash::engine::model::InputKind::FreeText => Answer::Text(text.into()),
                    };
                    FacilitatedRequest::Submit { node, answer }
                }
                Prompt::Nothing => continue,
            };
            let at = Instant::now();
            seat.p.send(&ToHost::Facilitated(request));
            seat.sent = Some((decision, at));
            seat.due = None;
            sent_at.insert((seat.name.clone(), decision), at);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let (t0, ticks0) = started.unwrap();
    let seconds = t0.elapsed().as_secs_f64();
    let ticks = cpu_ticks(pid) - ticks0;
    let (rss_kb, hwm_kb) = (status_kb(pid, "VmRSS:"), status_kb(pid, "VmHWM:"));
    let _ = host.kill();
    let _ = host.wait();
    // Each choice's latency: the first console line of that participant after it was sent.
    let lines = lines.lock().unwrap();
    let mut latencies_ms = Vec::new();
    for ((name, _), at) in &sent_at {
        let prefix = format!("console {name} ");
        if let Some((seen, _)) = lines.iter().find(|(t, l)| *t >= *at && l.starts_with(&prefix)) {
            latencies_ms.push(seen.duration_since(*at).as_secs_f64() * 1000.0);
        }
    }
    // SC_CLK_TCK is 100 on Linux.
    let cpu_percent = ticks as f64 / 100.0 / seconds * 100.0;
    Session { choices: sent_at.len(), latencies_ms, cpu_percent, seconds, rss_kb, hwm_kb }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let participants: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(30);
    let sessions: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let scenario = args.get(2).cloned().unwrap_or_else(|| "scenarios/bank-security-call.en.ron".into());
    println!("{participants} participants, {sessions} session(s) of {scenario}, loopback, think time 0.5-2.5 s");
    let mut all = Vec::new();
    for round in 0..sessions {
        let s = session(participants, &scenario, round);
        println!(
            "session {}: {} answers in {:.1} s · host CPU {:.1} % of one core · RSS {} KB (peak {} KB) · answers seen {}",
            round + 1,
            s.choices,
            s.seconds,
            s.cpu_percent,
            s.rss_kb,
            s.hwm_kb,
            s.latencies_ms.len()
        );
        all.extend(s.latencies_ms);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "answer to console: p50 {:.1} ms · p99 {:.1} ms · max {:.1} ms ({} answers)",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or_default(),
        all.len()
    );
}
