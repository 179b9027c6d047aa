//! The hostile corpus (`tests/fixtures/hostile/`): scenarios that are valid RON but absurd or
//! hostile, each with the exact diagnostics `hotwash check` must give, located; and what the other
//! commands do with the ones that pass (no panic, no hang, a bounded exploration). Also hostile
//! text in debriefs, broken pipes and file-system loops.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::{hotwash, root, text};

const DIR: &str = "tests/fixtures/hostile";

/// Each file and every line `check` prints for it but the summary.
const EXPECTED: &[(&str, &[&str])] = &[
    ("clean.ron", &[]),
    ("counters.ron", &[]),
    ("many-arms.ron", &[]),
    (
        "long-title.ron",
        &["long-title.ron:5:12: error: a text of 20006 characters; a line, a message or feedback has at most 10000"],
    ),
    (
        "add-overflow.ron",
        &[
            "add-overflow.ron:12:22: error: a starting value of 9223372036854775807 is beyond what a drill can use (at most ±1000000000000)",
            "add-overflow.ron:24:68: error: an addition of 9223372036854775807 is beyond what a drill can use (at most ±1000000000000)",
        ],
    ),
    (
        "all-gated.ron",
        &[
            "all-gated.ron:23:13: warning: every choice at `call` has a `when`: where none holds, the drill stops with nothing to choose",
        ],
    ),
    (
        "branch-weight.ron",
        &["branch-weight.ron:24:140: error: a weight of 4294967295 is beyond what a drill can use (at most 1000000)"],
    ),
    (
        "checklist-points.ron",
        &[
            "checklist-points.ron:31:127: error: a checklist item worth -2147483648 is beyond what a drill can use (at most ±1000)",
        ],
    ),
    (
        "data-link.ron",
        &["data-link.ron:22:106: error: the link opens a `data:` address; a message's link is a web address"],
    ),
    (
        "javascript-link.ron",
        &[
            "javascript-link.ron:22:106: error: the link opens a `javascript:` address; a message's link is a web address",
        ],
    ),
    (
        "long-next.ron",
        &[
            "long-next.ron:24:128: error: `xxxxxxxxxxxxxxxxxxxxxxxx… (100000 characters)` is not a node or an ending",
            "long-next.ron:28:9: warning: node `report` cannot be reached from the start `call`",
            "long-next.ron:36:9: warning: ending `end_good` cannot be reached from the start",
        ],
    ),
    (
        "long-node-id.ron",
        &[
            "long-node-id.ron:18:9: error: the node id `nnnnnnnnnnnnnnnnnnnnnnnn…` is 200 characters long; ids have at most 128",
        ],
    ),
    (
        "long-phrase.ron",
        &["long-phrase.ron:31:74: error: a checklist phrase of 5000 characters; phrases are a few words (at most 200)"],
    ),
    (
        "long-scenario-id.ron",
        &[
            "long-scenario-id.ron:4:9: error: the scenario id is 300 characters long; at most 64 fit in the names of debrief files",
        ],
    ),
    (
        "long-label.ron",
        &["long-label.ron:22:65: error: a text of 20004 characters; a line, a message or feedback has at most 10000"],
    ),
    (
        "long-text.ron",
        &["long-text.ron:20:19: error: a text of 19998 characters; a line, a message or feedback has at most 10000"],
    ),
    (
        "long-detail.ron",
        &[
            "long-detail.ron:13:30: error: a random detail of 5000 characters; a name, a number or a date has at most 200",
        ],
    ),
    ("many-injects.ron", &["many-injects.ron:22:13: error: the beat has 15000 injects; at most 100"]),
    (
        "queue.ron",
        &[
            "queue.ron:22:59: error: a queue figure of 4294967295 is beyond what a drill can use (at most 10000000)",
            "queue.ron:22:83: error: a queue figure of 4294967295 is beyond what a drill can use (at most 10000000)",
        ],
    ),
    (
        "random-range.ron",
        &[
            "random-range.ron:13:30: error: a bound of -9223372036854775808 is beyond what a drill can use (at most ±1000000000000)",
            "random-range.ron:13:52: error: a bound of 9223372036854775807 is beyond what a drill can use (at most ±1000000000000)",
        ],
    ),
    (
        "score-overflow.ron",
        &["score-overflow.ron:24:79: error: a score of 2147483647 is beyond what a drill can use (at most ±1000)"],
    ),
    (
        "time-limit.ron",
        &[
            "time-limit.ron:22:32: error: a time limit of 4294967295 seconds is beyond what a drill can use (at most 86400, a day)",
        ],
    ),
    (
        "visited-ending.ron",
        &[
            "visited-ending.ron:24:67: error: `end_bad` is an ending: the drill is over once it is reached, so this never holds",
        ],
    ),
];

#[test]
fn every_hostile_scenario_gives_its_exact_diagnostics() {
    let dir = root().join(DIR);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(f, _)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed, "every file of the corpus has its expected diagnostics here");
    for (file, expected) in EXPECTED {
        let out = hotwash(&["check", file], &dir);
        let stdout = text(&out.stdout);
        // Diagnostic lines only: the source line, caret and hint lines below each are indented.
        let said: Vec<&str> = stdout
            .lines()
            .filter(|l| l.starts_with(file) && (l.contains(": error: ") || l.contains(": warning: ")))
            .collect();
        assert_eq!(said, *expected, "{file}:\n{stdout}");
        let errors = expected.iter().any(|l| l.contains(": error: "));
        assert_eq!(out.status.code(), Some(i32::from(errors)), "{file}");
    }
}

#[test]
fn a_drill_that_counts_without_bound_is_explored_within_its_state_budget() {
    let out = hotwash(&["explore", "--seeds", "2", "--max-paths", "20000", &format!("{DIR}/counters.ron")], root());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("sampled"), "the state budget ran out and paths were sampled: {stdout}");
    assert!(stdout.contains("Endings reached: 2 of 2"), "{stdout}");
}

#[test]
fn a_hostile_neighbour_does_not_stop_a_drill_from_being_played() {
    // `run` reads the drills beside the one played (for follow-ups): a neighbour with a
    // 100,000-character id must only be skipped.
    let dir = tempfile::tempdir().unwrap();
    for f in ["clean.ron", "long-next.ron", "many-injects.ron"] {
        std::fs::copy(root().join(DIR).join(f), dir.path().join(f)).unwrap();
    }
    let out = hotwash(
        &["run", "clean.ron", "--choose", "refuse", "--input", "I refused to read out the code.", "--out", "out"],
        dir.path(),
    );
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("=== Safe ==="), "{}", text(&out.stdout));
}

#[test]
fn a_random_branch_whose_weights_pass_32_bits_is_drawn_with_its_total() {
    for format in ["dot", "mermaid"] {
        let out = hotwash(&["graph", "--format", format, &format!("{DIR}/many-arms.ron")], root());
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("1000000/4300000000"), "the total of 4,300 arms, not a wrapped one");
    }
}

#[test]
fn the_graph_of_a_drill_draws_every_id_apart() {
    for format in ["dot", "mermaid"] {
        let out = hotwash(&["graph", "--format", format, &format!("{DIR}/counters.ron")], root());
        assert!(out.status.success());
        let graph = text(&out.stdout);
        assert!(!graph.contains("\"call\" ->") && graph.contains("n0"), "{graph}");
    }
}

/// A debrief whose trainee and ending carry terminal escapes.
fn hostile_debrief(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("debriefs");
    let run = hotwash(
        &[
            "run",
            &root().join(DIR).join("clean.ron").display().to_string(),
            "--choose",
            "refuse",
            "--input",
            "refused",
            "--trainee",
            "Li\u{1b}]0;pwned\u{7}\u{1b}[2J Na",
            "--out",
            out.to_str().unwrap(),
        ],
        dir,
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let file = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".debrief.ron"))
        .unwrap();
    assert!(!text(&run.stdout).contains('\u{1b}'), "the run's own output shows the escapes: {}", text(&run.stdout));
    file
}

#[test]
fn control_characters_from_a_debrief_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_debrief(dir.path());
    for args in [
        vec!["review", file.to_str().unwrap()],
        vec!["review", "--format", "csv", file.to_str().unwrap()],
        vec!["note", file.to_str().unwrap(), "--at", "1", "seen \u{1b}[31m"],
        vec!["grade", file.to_str().unwrap()],
    ] {
        let out = hotwash(&args, dir.path());
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{args:?}: {all:?}");
    }
    let review = text(&hotwash(&["review", file.to_str().unwrap()], dir.path()).stdout);
    // Shown escaped (and, in Markdown, with its brackets escaped too).
    assert!(review.contains("Li\\u{1b}\\]0;pwned\\u{7}\\u{1b}\\[2J Na"), "shown escaped: {review}");
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_debrief(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["review", file.to_str().unwrap(), "--format", "html"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader closes its end before reading anything (as `| head -0` would).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}

#[test]
fn two_folder_loops_are_searched_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(root().join(DIR).join("clean.ron"), a.join("clean.ron")).unwrap();
    std::os::unix::fs::symlink("../b", a.join("to-b")).unwrap();
    std::os::unix::fs::symlink("../a", b.join("to-a")).unwrap();
    std::os::unix::fs::symlink(".", a.join("self")).unwrap();
    let out = hotwash(&["check", "a", "b"], dir.path());
    assert_eq!(text(&out.stdout), "checked 1 file(s): 1 clean, 0 error(s), 0 warning(s)\n");
}
