//! Sending to a real Learning Record Store: each test starts its own ralph LRS on 127.0.0.1
//! (`scripts/lrs.sh`, which installs it in a virtual environment on first use) and stops it.
//! Sent statements are read back from the LRS, sent again without duplicates, sent to an LRS
//! that is down and then up, and refused one by one.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{expert, full_answer, play, root, scenario, text};

pub const AUTH: &str = "hotwash:hotwash-test";
pub const BASE: &str = "https://lms.example.org/xapi";

/// A running LRS, stopped when dropped.
pub struct Server {
    dir: tempfile::TempDir,
    /// The xAPI endpoint, e.g. `http://127.0.0.1:PORT/xAPI`.
    pub endpoint: String,
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn lrs_script(args: &[&str]) -> std::process::Output {
    Command::new(root().join("scripts/lrs.sh")).args(args).output().expect("scripts/lrs.sh runs")
}

impl Server {
    pub fn start_on(port: u16, dir: tempfile::TempDir) -> Self {
        let run = lrs_script(&["start", &port.to_string(), dir.path().to_str().unwrap()]);
        assert!(run.status.success(), "the LRS starts: {}{}", text(&run.stdout), text(&run.stderr));
        let endpoint = text(&run.stdout).trim().to_owned();
        assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
        Self { dir, endpoint }
    }

    fn start() -> Self {
        Self::start_on(free_port(), tempfile::tempdir().unwrap())
    }

    /// Stops the LRS (again when dropped, which is harmless).
    fn stop(&self) {
        let run = lrs_script(&["stop", self.dir.path().to_str().unwrap()]);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }

    /// Every statement of one registration the LRS holds.
    pub fn statements_of(&self, registration: &str) -> Vec<Value> {
        let auth = format!("Basic {}", base64_of(AUTH));
        let mut response = ureq::get(&format!("{}/statements", self.endpoint))
            .query("registration", registration)
            .query("limit", "1000")
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &auth)
            .call()
            .unwrap();
        let body: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        body["statements"].as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Never leaves a server behind, even when a test fails.
        let _ = lrs_script(&["stop", self.dir.path().to_str().unwrap()]);
    }
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// Two expert debriefs (two attempts) in `dir`/debriefs.
fn debriefs(dir: &Path) -> PathBuf {
    let out = dir.join("debriefs");
    for (i, seed) in [5, 6].into_iter().enumerate() {
        let s = scenario("bank-security-call.en.ron");
        let d = play(&s, seed, |_, run| Some(expert(run)), |_| 3_500, |k| full_answer(k, "en")).unwrap();
        hotwash::engine::store::save(&out.join(format!("{i}.debrief.ron")), &d).unwrap();
    }
    out
}

/// `hotwash export … --lrs endpoint` with the credentials in the environment.
fn send(dir: &Path, endpoint: &str, auth: &str, extra: &[&str]) -> std::process::Output {
    let (debriefs, data) = (dir.join("debriefs"), dir.join("data"));
    let scenarios = root().join("scenarios");
    Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["export", debriefs.to_str().unwrap(), "--lrs", endpoint, "--base", BASE])
        .args(["--scenarios", scenarios.to_str().unwrap(), "--data-dir", data.to_str().unwrap()])
        .args(extra)
        .env("HOTWASH_LRS_AUTH", auth)
        .env_remove("HOTWASH_LANG")
        .env_remove("LANG")
        .output()
        .unwrap()
}

/// The statements `hotwash export` writes for the same debriefs, to compare with the LRS.
fn exported(dir: &Path) -> Vec<Value> {
    let out = dir.join("statements.json");
    let run = Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["export", dir.join("debriefs").to_str().unwrap(), "--base", BASE, "--out", out.to_str().unwrap()])
        .args(["--scenarios", root().join("scenarios").to_str().unwrap()])
        .args(["--data-dir", dir.join("data").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn statements_sent_are_read_back_by_id_and_a_second_send_adds_none() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    debriefs(dir.path());
    // Batches of 7 so that the send takes several requests.
    let run = send(dir.path(), &server.endpoint, AUTH, &["--batch", "7"]);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let statements = exported(dir.path());
    let said = text(&run.stdout);
    assert!(
        said.contains(&format!("holds {0} of {0} statement(s) from 2 debrief(s); 0 refused", statements.len())),
        "{said}"
    );
    // Every statement is there, by id, as sent.
    let lrs = hotwash::lrs::Lrs::new(&server.endpoint, Some(hotwash::lrs::Credentials::basic(AUTH, "test").unwrap()))
        .unwrap();
    for s in &statements {
        let id = s["id"].as_str().unwrap();
        let stored = lrs.get(id).unwrap().unwrap_or_else(|| panic!("statement {id} is in the LRS"));
        assert_eq!(stored["verb"], s["verb"]);
        assert_eq!(stored["object"]["id"], s["object"]["id"]);
        assert_eq!(stored["context"]["registration"], s["context"]["registration"]);
    }
    let registration = statements[0]["context"]["registration"].as_str().unwrap();
    let one_attempt = statements.iter().filter(|s| s["context"]["registration"] == registration).count();
    assert_eq!(server.statements_of(registration).len(), one_attempt);
    // Sent again: everything is already there, nothing is doubled.
    let again = send(dir.path(), &server.endpoint, AUTH, &[]);
    assert!(again.status.success(), "{}{}", text(&again.stdout), text(&again.stderr));
    assert_eq!(server.statements_of(registration).len(), one_attempt, "no duplicates after a second send");
}

#[test]
fn an_lrs_that_is_down_is_reported_and_the_send_repeated_later_completes() {
    let dir = tempfile::tempdir().unwrap();
    debriefs(dir.path());
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}/xAPI");
    let down = send(dir.path(), &endpoint, AUTH, &["--attempts", "2"]);
    assert_eq!(down.status.code(), Some(1), "{}", text(&down.stderr));
    let said = text(&down.stderr);
    assert!(said.contains("could not be reached after 2 attempt(s)"), "{said}");
    // The LRS comes up: the same command completes.
    let server = Server::start_on(port, tempfile::tempdir().unwrap());
    let up = send(dir.path(), &endpoint, AUTH, &[]);
    assert!(up.status.success(), "{}{}", text(&up.stdout), text(&up.stderr));
    let statements = exported(dir.path());
    let registration = statements[0]["context"]["registration"].as_str().unwrap();
    assert!(!server.statements_of(registration).is_empty());
}

#[test]
fn a_statement_the_lrs_refuses_is_named_and_the_others_are_kept() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    debriefs(dir.path());
    let statements = exported(dir.path());
    // Another statement already holds the id of the third one: the LRS refuses ours (409).
    let mut squatter = statements[2].clone();
    squatter["result"]["duration"] = Value::from("PT9.00S");
    let auth = format!("Basic {}", base64_of(AUTH));
    let put = ureq::put(&format!("{}/statements", server.endpoint))
        .query("statementId", statements[2]["id"].as_str().unwrap())
        .header("X-Experience-API-Version", "1.0.3")
        .header("Authorization", &auth)
        .header("Content-Type", "application/json")
        .send(squatter.to_string().as_str())
        .unwrap();
    assert_eq!(put.status().as_u16(), 204);
    let run = send(dir.path(), &server.endpoint, AUTH, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    let said = text(&run.stderr);
    assert!(
        said.contains(&format!("refused statement {} (answered, from", statements[2]["id"].as_str().unwrap())),
        "{said}"
    );
    assert!(said.contains("409"), "{said}");
    assert!(text(&run.stdout).contains(&format!("holds {} of {}", statements.len() - 1, statements.len())));
    let registration = statements[0]["context"]["registration"].as_str().unwrap();
    let one_attempt = statements.iter().filter(|s| s["context"]["registration"] == registration).count();
    assert_eq!(server.statements_of(registration).len(), one_attempt, "the others are stored");
}

#[test]
fn wrong_credentials_stop_the_send_with_the_lrs_message() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    debriefs(dir.path());
    let run = send(dir.path(), &server.endpoint, "hotwash:wrong", &[]);
    assert_eq!(run.status.code(), Some(1));
    let said = text(&run.stderr);
    assert!(said.contains("answered 401: Invalid authentication credentials"), "{said}");
    // Credentials in the wrong form are refused before anything is sent.
    let bad = send(dir.path(), &server.endpoint, "no-colon", &[]);
    assert!(text(&bad.stderr).contains("$HOTWASH_LRS_AUTH) must be one line `user:password`"), "{}", text(&bad.stderr));
}

#[test]
fn the_outbox_keeps_drills_while_the_lrs_is_down_and_drains_when_it_is_up() {
    use hotwash::lrs::outbox::{Outbox, State};
    let dir = tempfile::tempdir().unwrap();
    debriefs(dir.path());
    let statements = exported(dir.path());
    let (first, second): (Vec<Value>, Vec<Value>) = statements
        .iter()
        .cloned()
        .partition(|s| s["context"]["registration"] == statements[0]["context"]["registration"]);
    let outbox = Outbox::new(&dir.path().join("data"));
    outbox.queue("drill-a", &first).unwrap();
    outbox.queue("drill-b", &second).unwrap();
    let port = free_port();
    let credentials = || Some(hotwash::lrs::Credentials::basic(AUTH, "test").unwrap());
    let mut lrs = hotwash::lrs::Lrs::new(&format!("http://127.0.0.1:{port}/xAPI"), credentials()).unwrap();
    lrs.retry.attempts = 1;
    let drained = outbox.drain(&lrs);
    assert_eq!((drained.sent, drained.failed), (0, 0));
    assert!(drained.waiting.as_deref().is_some_and(|w| w.contains("could not be reached")), "{drained:?}");
    let entries = outbox.entries();
    assert_eq!(entries.len(), 2);
    assert!(
        matches!(&entries[0].state, State::Pending(Some(why)) if why.contains("could not be reached")),
        "{entries:?}"
    );
    // A new process (the app restarted) finds the same queue; the LRS is up now.
    let server = Server::start_on(port, tempfile::tempdir().unwrap());
    let outbox = Outbox::new(&dir.path().join("data"));
    let drained = outbox.drain(&lrs);
    assert_eq!((drained.sent, drained.failed, drained.waiting), (2, 0, None));
    assert!(outbox.entries().iter().all(|e| e.state == State::Sent));
    let registration = first[0]["context"]["registration"].as_str().unwrap();
    assert_eq!(server.statements_of(registration).len(), first.len());
    server.stop();
}
