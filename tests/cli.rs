//! The `hotwash` binary as a facilitator uses it.

use std::process::Command;

use crate::{hotwash, text};

#[test]
fn check_passes_the_bundled_scenarios_with_no_warnings() {
    let out = hotwash(&["check", "--deny-warnings", "scenarios"], crate::root());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let n = crate::bundled().len();
    assert_eq!(stdout, format!("checked {n} file(s): {n} clean, 0 error(s), 0 warning(s)\n"));
    // The bank drill before the library rework gave its best option away by its length:
    // --deny-warnings fails on that, and --allow hides it and counts it.
    let gameable = "tests/fixtures/gameable/bank-security-call.en.ron";
    let out = hotwash(&["check", "--deny-warnings", gameable], crate::root());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("warning: the best option is the longest at"));
    let out = hotwash(&["check", "--deny-warnings", "--allow", "option-length", gameable], crate::root());
    assert_eq!(out.status.code(), Some(0));
    let out = hotwash(&["check", "--allow", "longest", "scenarios"], crate::root());
    assert_eq!(out.status.code(), Some(2), "an unknown kind is a usage error");
}

#[test]
fn check_speaks_chinese_when_asked_and_leaves_the_diagnostics_as_they_are() {
    let root = crate::root();
    let out = hotwash(
        &[
            "check",
            "--lang",
            "zh-CN",
            "--allow",
            "option-length",
            "tests/fixtures/gameable/bank-security-call.zh-CN.ron",
        ],
        root,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "已检查 1 个文件：1 个无问题，0 个错误，0 个警告\n（另有 4 条 option-length 类警告未显示：--allow）\n"
    );

    let out = hotwash(&["--lang", "zh-CN", "check", "tests/fixtures/malformed/graph.ron"], root);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("tests/fixtures/malformed/graph.ron:20:9: error: 从节点 `more` 无法到达任何结局\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n已检查 1 个文件：0 个无问题，2 个错误，2 个警告\n"), "{stdout}");

    let out = hotwash(&["check", "--lang", "zh-CN", "tests/fixtures/no-such-folder"], root);
    assert_eq!(out.status.code(), Some(2));
    let out = hotwash(&["new", "Bad Id", "--lang", "zh-CN"], root);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "hotwash: error: `Bad Id` 不能用作 id：只能使用小写字母、数字、`-` 和 `_`\n");

    // Without --lang: $HOTWASH_LANG, else the locale.
    for (var, value, summary) in [
        ("HOTWASH_LANG", "zh-CN", "已检查 1 个文件：1 个无问题，0 个错误，0 个警告\n"),
        ("LANG", "zh_CN.UTF-8", "已检查 1 个文件：1 个无问题，0 个错误，0 个警告\n"),
        ("LANG", "en_GB.UTF-8", "checked 1 file(s): 1 clean, 0 error(s), 0 warning(s)\n"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_hotwash"))
            .args(["check", "tests/fixtures/assessment/assessment-check.en.ron"])
            .current_dir(root)
            .env_remove("HOTWASH_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env(var, value)
            .output()
            .unwrap();
        assert_eq!(text(&out.stdout), summary, "{var}={value}");
    }
}

#[test]
fn check_reports_errors_with_exit_1_and_misuse_with_exit_2() {
    let root = crate::root();
    let out = hotwash(&["check", "tests/fixtures/malformed/references.ron"], root);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("tests/fixtures/malformed/references.ron:18:22: error: cast member `caler` is not declared\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("checked 1 file(s): 0 clean, 6 error(s), 2 warning(s)\n"), "{stdout}");

    let out = hotwash(&["check", "tests/fixtures/malformed/warnings.ron"], root);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let out = hotwash(&["check", "--deny-warnings", "tests/fixtures/malformed/warnings.ron"], root);
    assert_eq!(out.status.code(), Some(1), "unless denied");

    let out = hotwash(&["check", "no/such/folder"], root);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "hotwash: error: no/such/folder: no such file or folder\n");
    let out = hotwash(&["check"], root);
    assert_eq!(out.status.code(), Some(2));
    let out = hotwash(&["frobnicate"], root);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_scripted_run_writes_debrief_and_reviews_that_replay() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let scenario = crate::root().join("scenarios/bank-security-call.en.ron");
    let out = hotwash(
        &[
            "run",
            scenario.to_str().unwrap(),
            "--seed",
            "11",
            "--choose",
            "ask_his_details,wait,give_in,freeze_and_call_risk",
            "--input",
            "impersonation, code disclosed",
            "--trainee",
            "Zhou Min",
            "--out",
            out_dir,
        ],
        dir.path(),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("seed 11, trainee Zhou Min"), "{stdout}");
    assert!(stdout.contains("] Time ran out."), "the `wait` let the clock run out: {stdout}");
    assert_eq!(text(&out.stderr), "", "every scripted answer was used");
    let mut files: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for (file, suffix) in files.iter().zip([
        "_bank-security-call.en_Zhou-Min.debrief.ron",
        "_bank-security-call.en_Zhou-Min.review.html",
        "_bank-security-call.en_Zhou-Min.review.md",
    ]) {
        assert!(file.ends_with(suffix), "{file}");
        assert!(stdout.contains(&format!("wrote {}", dir.path().join(file).display())), "{stdout}");
    }
    // What the facilitator reads, with the folder and the time stamp in the file names left out.
    let mut shown = stdout.replace(&dir.path().display().to_string(), "<out>");
    for file in &files {
        shown = shown.replace(file, &format!("<stamp>{}", file.split_once('_').map_or("", |(_, rest)| rest)));
    }
    insta::assert_snapshot!("run_scripted_en", shown);
    let debrief = dir.path().join(&files[0]);
    let md = std::fs::read_to_string(dir.path().join(&files[2])).unwrap();
    assert!(md.starts_with("# After-action review: "));
    assert!(md.contains("| Zhou Min") || md.contains("**Trainee:** Zhou Min"));

    // Replay verifies, found by id in ./scenarios.
    let out = hotwash(&["replay", debrief.to_str().unwrap()], crate::root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("verified against scenarios/bank-security-call.en.ron"));
    insta::assert_snapshot!("replay_verified", text(&out.stdout).replace(&debrief.display().to_string(), "<debrief>"));

    let original = std::fs::read_to_string(&debrief).unwrap();
    // A debrief edited to claim a better outcome does not.
    let at = original.rfind("outcome: PartiallyResolved").expect("the debrief records its outcome last");
    let tampered =
        format!("{}outcome: Resolved{}", &original[..at], &original[at + "outcome: PartiallyResolved".len()..]);
    std::fs::write(&debrief, &tampered).unwrap();
    let out = hotwash(&["replay", debrief.to_str().unwrap(), "--scenario", scenario.to_str().unwrap()], crate::root());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("does not match its replay"), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains(
            "  - ending: recorded `end_partial` (resolved), replay reaches `end_partial` (partially_resolved)\n"
        ),
        "{}",
        text(&out.stdout)
    );

    // A corrupt debrief is an error naming the place, and nothing panics.
    std::fs::write(&debrief, &original[..original.len() / 2]).unwrap();
    let out = hotwash(&["replay", debrief.to_str().unwrap()], crate::root());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("hotwash: error: {}:", debrief.display()))
            && stderr.contains("not a readable debrief"),
        "{stderr}"
    );
}

#[test]
fn a_scripted_run_that_stops_early_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotwash(
        &[
            "run",
            "scenarios/bank-security-call.en.ron",
            "--seed",
            "1",
            "--choose",
            "1",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        crate::root(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("hotwash: error: --choose ran out before the drill ended: node `"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no partial debrief");
}

#[test]
fn an_interactive_run_reads_answers_from_standard_input() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args([
            "run",
            "scenarios/bank-security-call.en.ron",
            "--seed",
            "5",
            "--trainee",
            "kiosk",
            "--out",
            dir.path().to_str().unwrap(),
        ])
        .current_dir(crate::root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Expert-ish answers by number, then a case note; the run ends when the drill does.
    // Before the first answer: flag the caller ID, try a flag on nothing, reveal a field.
    let answers = "flag 1 caller\nflag 99\nreveal Debit card\n3\n3\n1\n1\n1\n1\n1\n1\nCaller impersonated risk control, nothing disclosed, reported to team lead.\n";
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("choose (number or id)> "), "{stdout}");
    assert!(stdout.contains("⚑ flagged #1 (the caller ID) as suspicious"), "{stdout}");
    assert!(stdout.contains("nothing to flag: event 98 has not happened"), "{stdout}");
    assert!(stdout.contains("Debit card: "), "{stdout}");
    assert!(stdout.contains("Outcome: "), "{stdout}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[cfg(unix)]
#[test]
fn a_link_loop_in_a_scenario_folder_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(crate::root().join("scenarios/bank-security-call.en.ron"), dir.path().join("bank.en.ron")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    let out = hotwash(&["check", "--allow", "option-length", dir.path().to_str().unwrap()], crate::root());
    let first = text(&out.stdout).lines().next().unwrap_or_default().to_owned();
    assert_eq!(first, "checked 1 file(s): 1 clean, 0 error(s), 0 warning(s)");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_chinese_drill_is_played_at_the_terminal_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = crate::root().join("scenarios/bank-security-call.zh-CN.ron");
    let out = hotwash(
        &[
            "run",
            scenario.to_str().unwrap(),
            "--seed",
            "11",
            "--choose",
            "ask_his_details,wait,give_in,freeze_and_call_risk",
            "--input",
            "冒充，验证码已泄露",
            "--trainee",
            "周敏",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("— 随机种子 11，学员 周敏\n"), "{stdout}");
    assert!(stdout.contains("] 超时未作答。"), "{stdout}");
    assert!(
        stdout.contains("（先阅读 ")
            && stdout.contains("秒内作答）")
            && stdout.contains("\n结果：")
            && stdout.contains("\n已写入 "),
        "{stdout}"
    );
    for english in ["Time ran out", "answer within", "Outcome", "wrote ", "] Call"] {
        assert!(!stdout.contains(english), "“{english}” in {stdout}");
    }
}
