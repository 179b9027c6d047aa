//! Live sessions in the real app under `xvfb-run`, in both languages: the facilitator's console
//! with three participants (the app hosts, three `hotwash join` play), a team vote (the app joins
//! a team that `hotwash host` runs) and a role card (the app plays the caller). Each screenshot
//! goes to `target/screenshots/` beside the tour's and must be a drawn screen; before it is taken,
//! the session must be under way (the three have joined the hosted session; the team and the
//! role play have started), so the screen is the console, the vote or the card, not a waiting one.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hotwash::net::host::{SESSION_FILE, SessionFile};

use crate::root;
use crate::screenshots::{ink, pixels, shots_dir};

/// A free UDP port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn hotwash(data: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["--data-dir", &data.to_string_lossy()])
        .args(args)
        .current_dir(root())
        .env_remove("LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The app under Xvfb with a session option; it takes one screenshot after `after` seconds.
fn app(lang: &str, data: &Path, shots: &Path, after: u64, extra: &[&str]) -> Child {
    let settings = data.join("settings.ron");
    Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", env!("CARGO_BIN_EXE_hotwash"), "app"])
        .args(["--scenarios", &root().join("scenarios").to_string_lossy(), "--lang", lang])
        .args(["--tour", &shots.to_string_lossy(), "--tour-after", &after.to_string()])
        .args(["--settings", &settings.to_string_lossy()])
        .args(extra)
        .env("HOTWASH_DATA_DIR", data)
        .env("XDG_RUNTIME_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_ok(mut child: Child, what: &str) {
    let status = child.wait().unwrap();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read as _;
        let _ = e.read_to_string(&mut err);
    }
    assert!(status.success(), "{what} failed:\n{err}");
}

/// The session file of the session the app hosts, once `ready` says so.
fn hosted(data: &Path, ready: impl Fn(&SessionFile) -> bool) -> SessionFile {
    let started = Instant::now();
    loop {
        let file = std::fs::read_dir(data.join("sessions"))
            .ok()
            .and_then(|mut d| d.find_map(|e| Some(e.ok()?.path().join(SESSION_FILE)).filter(|f| f.exists())));
        if let Some(file) = file
            && let Ok(session) = hotwash::engine::store::load::<SessionFile>(&file, "session")
            && ready(&session)
        {
            return session;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the session did not get under way");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The code of the session the app hosts, from its session file.
fn hosted_code(data: &Path) -> String {
    let started = Instant::now();
    loop {
        let sessions = data.join("sessions");
        let file = std::fs::read_dir(&sessions)
            .ok()
            .and_then(|mut d| d.find_map(|e| Some(e.ok()?.path().join(SESSION_FILE)).filter(|f| f.exists())));
        if let Some(file) = file
            && let Ok(session) = hotwash::engine::store::load::<SessionFile>(&file, "session")
        {
            return session.code.shown();
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the app hosted no session");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The code `hotwash host` prints.
fn printed_code(host: &mut Child) -> String {
    use std::io::BufRead as _;
    let out = host.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(out).lines();
    let heading = lines.next().unwrap().unwrap();
    // Keep reading so the host never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    heading.split_whitespace().nth(1).unwrap().to_owned()
}

fn shot(shots: &Path, lang: &str, name: &str) -> PathBuf {
    let from = shots.join(format!("{lang}-session.png"));
    let to = shots_dir().join(format!("{lang}-live-{name}.png"));
    std::fs::create_dir_all(shots_dir()).unwrap();
    std::fs::copy(&from, &to).unwrap();
    let (w, h, rgba) = pixels(&to);
    assert_eq!((w, h), (1280, 800));
    assert!(ink(&rgba) > 0.02, "{} looks blank", to.display());
    to
}

fn kill(children: Vec<Child>) {
    for mut c in children {
        let _ = c.kill();
        let _ = c.wait();
    }
}

#[test]
fn the_console_a_team_vote_and_a_role_card_are_drawn_in_both_languages() {
    for (lang, names) in [("en", ["Ana", "Ben", "Cai"]), ("zh-CN", ["王芳", "李强", "张伟"])] {
        let scenario = format!("bank-security-call.{lang}.ron");
        let file = format!("scenarios/{scenario}");

        // The facilitator's console: the app hosts, three participants play.
        let data = tempfile::tempdir().unwrap();
        let shots = tempfile::tempdir().unwrap();
        let port = free_port().to_string();
        let host = app(lang, data.path(), shots.path(), 25, &["--host", &scenario, "--port", &port]);
        let code = hosted_code(data.path());
        let address = format!("127.0.0.1:{port}");
        let mut joiners = Vec::new();
        for (name, steps) in names.iter().zip(["1,hold", "2,2,2,2,2,2,2,2", "hold"]) {
            let own = data.path().join(format!("p-{name}"));
            let answer = "Caller asked for the card number and the code; refused, called back, reported to the lead.";
            joiners.push(hotwash(
                &own,
                &["join", &address, "--code", &code, "--name", name, "--steps", steps, "--think-ms", "700"]
                    .into_iter()
                    .chain(["--input", answer, "--input", answer, "--input", answer])
                    .collect::<Vec<_>>(),
            ));
        }
        hosted(data.path(), |s| s.seats.len() == 3);
        wait_ok(host, "the hosting app");
        kill(joiners);
        shot(shots.path(), lang, "console");

        // A team vote: the app is a member; another member has voted already.
        let data = tempfile::tempdir().unwrap();
        let shots = tempfile::tempdir().unwrap();
        let roster = format!("{},{}", names[0], names[1]);
        let port = free_port().to_string();
        let mut host = hotwash(
            data.path(),
            &["host", &file, "--mode", "team", "--roster", &roster, "--lead", names[0], "--port", &port],
        );
        let code = printed_code(&mut host);
        let address = format!("127.0.0.1:{port}");
        let other = hotwash(
            &data.path().join("other"),
            &["join", &address, "--code", &code, "--name", names[1], "--steps", "1:sure"],
        );
        let member =
            app(lang, data.path(), shots.path(), 12, &["--join", &address, "--code", &code, "--name", names[0]]);
        hosted(data.path(), |s| s.record.is_some());
        wait_ok(member, "the member's app");
        kill(vec![host, other]);
        shot(shots.path(), lang, "team-vote");

        // A role card: the app plays the caller.
        let data = tempfile::tempdir().unwrap();
        let shots = tempfile::tempdir().unwrap();
        let port = free_port().to_string();
        let mut host = hotwash(
            data.path(),
            &["host", &file, "--mode", "role-play", "--trainee", names[0], "--role-player", names[1], "--port", &port],
        );
        let code = printed_code(&mut host);
        let address = format!("127.0.0.1:{port}");
        let trainee = hotwash(&data.path().join("trainee"), &["join", &address, "--code", &code, "--name", names[0]]);
        let player =
            app(lang, data.path(), shots.path(), 12, &["--join", &address, "--code", &code, "--name", names[1]]);
        hosted(data.path(), |s| s.record.is_some());
        wait_ok(player, "the role-player's app");
        kill(vec![host, trainee]);
        shot(shots.path(), lang, "role-card");
    }
}

#[test]
fn a_set_shows_where_it_stands_on_the_console_and_between_drills_in_both_languages() {
    for (lang, names) in [("en", ["Ana", "Ben"]), ("zh-CN", ["王芳", "李强"])] {
        // The app hosts the curriculum's "scam calls" assessment set; two participants play.
        let data = tempfile::tempdir().unwrap();
        let shots = tempfile::tempdir().unwrap();
        let port = free_port().to_string();
        let host = app(lang, data.path(), shots.path(), 25, &["--host", "scam-calls-check", "--port", &port]);
        let code = hosted_code(data.path());
        let address = format!("127.0.0.1:{port}");
        let mut joiners = Vec::new();
        for (name, steps) in names.iter().zip(["1,hold", "2,2,hold"]) {
            let own = data.path().join(format!("p-{name}"));
            joiners.push(hotwash(&own, &["join", &address, "--code", &code, "--name", name, "--steps", steps]));
        }
        let session = hosted(data.path(), |s| s.seats.len() == 2);
        assert_eq!(session.setup.drills().len(), 3, "the set's three drills");
        wait_ok(host, "the hosting app");
        kill(joiners);
        shot(shots.path(), lang, "set-console");

        // The app is the trainee of a role play of two drills; the first has ended.
        let data = tempfile::tempdir().unwrap();
        let shots = tempfile::tempdir().unwrap();
        let port = free_port().to_string();
        let first = "tests/fixtures/session/front-desk-code.en.ron";
        let second = "tests/fixtures/session/number-change.en.ron";
        let mut host = hotwash(
            data.path(),
            &[
                "host",
                first,
                second,
                "--mode",
                "role-play",
                "--trainee",
                names[0],
                "--role-player",
                names[1],
                "--port",
                &port,
            ],
        );
        let code = printed_code(&mut host);
        let address = format!("127.0.0.1:{port}");
        let player = hotwash(
            &data.path().join("player"),
            &[
                "join",
                &address,
                "--code",
                &code,
                "--name",
                names[1],
                "--steps",
                "said,match:refuse,said,match:callback,match:report",
            ],
        );
        let own = data.path().join("trainee");
        let trainee = app(lang, &own, shots.path(), 14, &["--join", &address, "--code", &code, "--name", names[0]]);
        wait_ok(trainee, "the trainee's app");
        kill(vec![host, player]);
        let kept: Vec<_> = std::fs::read_dir(own.join("debriefs"))
            .map(|d| {
                d.filter_map(Result::ok).filter(|e| e.path().to_string_lossy().ends_with(".debrief.ron")).collect()
            })
            .unwrap_or_default();
        assert_eq!(kept.len(), 1, "the first drill's debrief is kept on the trainee's machine");
        shot(shots.path(), lang, "between-drills");
    }
}
