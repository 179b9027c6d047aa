//! The data folder under faults and concurrency: many processes saving drills and notes at once,
//! names too long for a file system, a folder that cannot be written, file modes a team folder
//! needs, links and read-only files, and an interactive run killed with SIGKILL and resumed.

use std::io::Write as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{root, text};

const BANK: &str = "scenarios/bank-security-call.en.ron";
const STEPS: &str = "ask_his_details,wait,give_in,freeze_and_call_risk";

fn command(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hotwash"));
    c.current_dir(cwd).env_remove("HOTWASH_DATA_DIR").env_remove("HOTWASH_LANG").env_remove("LANG");
    c
}

/// `hotwash run` of the bank drill, scripted, by `trainee` into `out`.
fn scripted_run(out: &Path, trainee: &str) -> Command {
    let mut c = command(root());
    c.args(["run", BANK, "--seed", "11", "--choose", STEPS, "--input", "impersonation, code disclosed"]).args([
        "--trainee",
        trainee,
        "--out",
        out.to_str().unwrap(),
    ]);
    c
}

fn files_ending(dir: &Path, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect();
    names.sort();
    names
}

#[test]
fn ten_runs_saving_at_once_keep_ten_debriefs() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> =
        (0..10).map(|_| scripted_run(dir.path(), "Zhou Min").stdout(Stdio::piped()).spawn().unwrap()).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stdout));
    }
    let debriefs = files_ending(dir.path(), ".debrief.ron");
    assert_eq!(debriefs.len(), 10, "{debriefs:?}");
    assert_eq!(files_ending(dir.path(), ".review.md").len(), 10);
    assert_eq!(files_ending(dir.path(), ".review.html").len(), 10);
    assert!(files_ending(dir.path(), ".tmp").is_empty());
}

#[test]
fn twenty_notes_written_at_once_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    assert!(scripted_run(dir.path(), "Zhou Min").output().unwrap().status.success());
    let debrief = dir.path().join(&files_ending(dir.path(), ".debrief.ron")[0]);
    let children: Vec<_> = (0..20)
        .map(|i| {
            command(dir.path())
                .args(["note", debrief.to_str().unwrap(), "--at", "1", &format!("note number {i}"), "--author", "Wu"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let d = hotwash::engine::store::load_debrief(&debrief).unwrap();
    let mut texts: Vec<String> = d.notes.iter().map(|n| n.text.clone()).collect();
    texts.sort();
    let mut expected: Vec<String> = (0..20).map(|i| format!("note number {i}")).collect();
    expected.sort();
    assert_eq!(texts, expected);
}

#[test]
fn a_long_trainee_name_is_shortened_in_the_file_name_and_kept_in_the_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let trainee = "Ouyang Zhenhua of the Chengdu Hotline Team ".repeat(5);
    assert!(trainee.len() > 210);
    let out = scripted_run(dir.path(), &trainee).output().unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let debriefs = files_ending(dir.path(), ".debrief.ron");
    assert_eq!(debriefs.len(), 1);
    assert!(debriefs[0].len() <= 255 - ".review.html".len() + ".debrief.ron".len(), "{}", debriefs[0]);
    let d = hotwash::engine::store::load_debrief(&dir.path().join(&debriefs[0])).unwrap();
    assert_eq!(d.trainee, trainee);
}

#[test]
fn check_refuses_a_scenario_id_too_long_for_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let text_of = std::fs::read_to_string(root().join(BANK)).unwrap();
    let long = "x".repeat(300);
    let file = dir.path().join("long.en.ron");
    std::fs::write(&file, text_of.replacen("id: \"bank-security-call\"", &format!("id: \"{long}\""), 1)).unwrap();
    let out = command(dir.path()).args(["check", file.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout) + &text(&out.stderr);
    assert!(said.contains("the scenario id is 300 characters long; at most 64"), "{said}");
    assert!(said.contains("long.en.ron:"), "located: {said}");
}

#[test]
fn a_folder_that_cannot_hold_the_results_is_found_before_the_drill() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "a file where the folder should be").unwrap();
    let out = scripted_run(&blocked.join("debriefs"), "Zhou Min").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stdout).contains("Time ran out"), "no drill was played: {}", text(&out.stdout));
    assert!(text(&out.stderr).contains("not-a-folder"), "{}", text(&out.stderr));
}

#[test]
fn files_follow_the_umask_and_a_note_keeps_mode_links_and_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("team");
    // umask 027: colleagues in the group may read, others not.
    let run = Command::new("sh")
        .arg("-c")
        .arg("umask 027 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_hotwash"))
        .args(["run", BANK, "--seed", "11", "--choose", STEPS, "--input", "x", "--trainee", "Wu"])
        .args(["--out", out.to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    let name = &files_ending(&out, ".debrief.ron")[0];
    let debrief = out.join(name);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&debrief), 0o640);
    assert_eq!(mode(&out.join(name.replace(".debrief.ron", ".review.html"))), 0o640);
    // A note keeps the mode the team set.
    std::fs::set_permissions(&debrief, std::fs::Permissions::from_mode(0o664)).unwrap();
    let note =
        |path: &Path| command(dir.path()).args(["note", path.to_str().unwrap(), "--at", "1", "seen"]).output().unwrap();
    assert!(note(&debrief).status.success());
    assert_eq!(mode(&debrief), 0o664);
    // Through a link: the file it names gets the note, the link stays a link.
    let link = dir.path().join("link.debrief.ron");
    std::os::unix::fs::symlink(&debrief, &link).unwrap();
    assert!(note(&link).status.success(), "{}", text(&note(&link).stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(hotwash::engine::store::load_debrief(&debrief).unwrap().notes.len(), 2);
    // A read-only debrief is not replaced.
    std::fs::set_permissions(&debrief, std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused = note(&debrief);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("read-only"), "{}", text(&refused.stderr));
    assert_eq!(hotwash::engine::store::load_debrief(&debrief).unwrap().notes.len(), 2);
}

#[test]
fn an_interactive_run_killed_with_sigkill_resumes_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("debriefs");
    let mut child = command(root())
        .args(["run", BANK, "--seed", "11", "--trainee", "Zhou Min", "--out", out.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let saved = out.join(".bank-security-call.en_Zhou-Min.in-progress.ron");
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "ask_his_details").unwrap();
    // Wait until the choice is saved, then kill the process without warning.
    let start = Instant::now();
    loop {
        let decided = std::fs::read_to_string(&saved).is_ok_and(|t| t.contains("ask_his_details"));
        if decided {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the run saved its first choice");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(files_ending(&out, ".debrief.ron").is_empty());
    // It resumes only as it was played: with its own seed, and for no assessment.
    let seeded = command(root())
        .args(["run", BANK, "--resume", "--seed", "5", "--trainee", "Zhou Min", "--out", out.to_str().unwrap()])
        .args(["--choose", "wait"])
        .output()
        .unwrap();
    assert_eq!(seeded.status.code(), Some(2));
    assert!(text(&seeded.stderr).contains("--seed cannot be given with --resume"), "{}", text(&seeded.stderr));
    let assessed = command(root())
        .args(["run", BANK, "--resume", "--assessment", "scam-calls-check", "--trainee", "Zhou Min"])
        .args(["--out", out.to_str().unwrap(), "--choose", "wait"])
        .output()
        .unwrap();
    assert_eq!(assessed.status.code(), Some(2));
    assert!(
        text(&assessed.stderr).contains("the saved run was played for the assessment -, not scam-calls-check"),
        "{}",
        text(&assessed.stderr)
    );
    // A new run with --resume continues from the saved state.
    let resumed = command(root())
        .args(["run", BANK, "--resume", "--trainee", "Zhou Min", "--out", out.to_str().unwrap()])
        .args(["--choose", "wait,give_in,freeze_and_call_risk", "--input", "impersonation, code disclosed"])
        .output()
        .unwrap();
    assert!(resumed.status.success(), "{}{}", text(&resumed.stdout), text(&resumed.stderr));
    assert!(text(&resumed.stdout).contains("seed 11"), "the saved seed: {}", text(&resumed.stdout));
    let debriefs = files_ending(&out, ".debrief.ron");
    assert_eq!(debriefs.len(), 1);
    let d = hotwash::engine::store::load_debrief(&out.join(&debriefs[0])).unwrap();
    assert_eq!(d.decisions[0].choice.as_ref().map(|c| c.as_str()), Some("ask_his_details"));
    assert_eq!(d.pauses.len(), 1, "the time away counts as a pause");
    assert!(!saved.exists(), "the saved run is gone once the debrief is written");
    // The resumed debrief replays.
    let replay = command(root()).args(["replay", out.join(&debriefs[0]).to_str().unwrap()]).output().unwrap();
    assert!(replay.status.success(), "{}", text(&replay.stdout));
    // Nothing saved: --resume says so.
    let nothing = command(root())
        .args(["run", BANK, "--resume", "--trainee", "Zhou Min", "--out", out.to_str().unwrap(), "--choose", "1"])
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(1));
    assert!(text(&nothing.stderr).contains("nothing to resume"), "{}", text(&nothing.stderr));
}

#[test]
fn reviews_a_killed_run_did_not_write_are_written_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    assert!(scripted_run(dir.path(), "Zhou Min").output().unwrap().status.success());
    let first = files_ending(dir.path(), ".debrief.ron")[0].replace(".debrief.ron", "");
    // As if the run had been killed after its debrief and before its reviews.
    std::fs::remove_file(dir.path().join(format!("{first}.review.md"))).unwrap();
    std::fs::remove_file(dir.path().join(format!("{first}.review.html"))).unwrap();
    // And as if another had been killed while writing: a temporary from long ago.
    let stale = dir.path().join(".hotwash-abc123.tmp");
    std::fs::write(&stale, "half a file").unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    let fresh = dir.path().join(".hotwash-def456.tmp");
    std::fs::write(&fresh, "being written").unwrap();
    let out = scripted_run(dir.path(), "Wu Lan").output().unwrap();
    assert!(out.status.success());
    let said = text(&out.stdout);
    assert!(said.contains(&format!("{first}.review.md")) && said.contains(&format!("{first}.review.html")), "{said}");
    assert_eq!(files_ending(dir.path(), ".review.md").len(), 2);
    assert_eq!(files_ending(dir.path(), ".review.html").len(), 2);
    assert!(!stale.exists(), "a temporary from two hours ago is removed");
    assert!(fresh.exists(), "one that may be in use is kept");
}

#[test]
fn a_debrief_of_another_format_does_not_pass_as_replayed() {
    let dir = tempfile::tempdir().unwrap();
    assert!(scripted_run(dir.path(), "Zhou Min").output().unwrap().status.success());
    let file = dir.path().join(&files_ending(dir.path(), ".debrief.ron")[0]);
    let text_of = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text_of.replacen("format: 1,", "format: 7,", 1)).unwrap();
    let out = command(root()).args(["replay", file.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("the debrief names format 7; this Hotwash writes format 1"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_missing_debrief_is_named_once_with_what_the_system_said() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.debrief.ron");
    let out = command(dir.path()).args(["note", missing.to_str().unwrap(), "--at", "1", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("hotwash: error: {}: No such file or directory (os error 2)\n", missing.display())
    );
}
