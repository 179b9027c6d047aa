//! Integration tests, compiled as one binary: the command line, the malformed-input corpus, the
//! review texts and properties of every bundled scenario; with the `gui` feature also the desktop
//! app (headless, its egui screens, and screenshots of the real binary under Xvfb).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers of tests and benchmarks fail by panicking, like the tests themselves"
)]

#[cfg(feature = "gui")]
mod app;
#[cfg(feature = "gui")]
mod app_assessment;
#[cfg(feature = "gui")]
mod app_live;
#[cfg(feature = "gui")]
mod app_ui;
mod assessment;
mod catalogue;
mod cli;
mod diagnostics;
mod facilitator;
mod hostile;
mod library;
mod lrs;
mod properties;
mod records;
mod review;
#[cfg(feature = "gui")]
mod screenshots;
mod session;
#[cfg(feature = "gui")]
mod session_screens;
mod training;
mod xapi;

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled scenario file, sorted.
pub fn bundled() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| p.file_name().is_some_and(|n| n != hotwash::engine::path::FILE_NAME))
        .collect();
    files.sort();
    files
}

use hotwash::engine::debrief::{Answer, Debrief};
use hotwash::engine::model::{InputKind, Scenario};
use hotwash::engine::runner::{Pick, RunError, Runner, Stage, WallMs};

/// Runs the `hotwash` binary in `cwd` with no data folder and no language from the environment
/// (so its words are English unless a file or `--lang` says otherwise).
pub fn hotwash(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(args)
        .current_dir(cwd)
        .env_remove("HOTWASH_DATA_DIR")
        .env_remove("HOTWASH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the binary runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Wall-clock start used by tests (2026-03-01 09:00 UTC).
pub const T0: u64 = 1_772_355_600_000;

/// Loads a bundled scenario by file name, failing the test on any diagnostic.
pub fn scenario(name: &str) -> Arc<Scenario> {
    let (_, checked) = hotwash::engine::load::load_file(&root().join("scenarios").join(name));
    assert!(checked.diagnostics.is_empty(), "{name}: {:#?}", checked.diagnostics);
    Arc::new(checked.scenario.expect("no errors"))
}

/// Plays a drill to its end: at each decision `pick(step, options on offer)` chooses (or `None`
/// to let the clock run out), each answer takes `think(step)` ms, written answers come from
/// `answer`.
pub fn play(
    s: &Arc<Scenario>,
    seed: u64,
    mut pick: impl FnMut(usize, &Runner) -> Option<Pick>,
    mut think: impl FnMut(usize) -> u64,
    answer: impl Fn(InputKind) -> Answer,
) -> Result<Debrief, RunError> {
    let mut run = Runner::start(Arc::clone(s), seed, "Test Trainee", WallMs(T0))?;
    let mut now = WallMs(T0);
    let mut step = 0;
    while let Stage::At(id) = run.stage().clone() {
        step += 1;
        if step > 500 {
            panic!("drill did not end in 500 steps at {id}");
        }
        now = now.plus(think(step));
        let node = &s.nodes[&id];
        if let Some(input) = &node.input {
            run.submit(answer(input.kind), now)?;
            continue;
        }
        match pick(step, &run) {
            Some(p) => match run.choose(&p, now) {
                Err(RunError::TooLate(_)) => {}
                other => other?,
            },
            None => {
                let deadline = run.deadline().expect("wait only where there is a time limit");
                now = now.max(run.wall_time_at(deadline));
                run.tick(now)?;
            }
        }
    }
    Ok(run.debrief(now).expect("ended"))
}

/// The expert answer at the current decision.
pub fn expert(run: &Runner) -> Pick {
    let Stage::At(id) = run.stage() else { unreachable!() };
    let node = &run.scenario().nodes[id];
    let offered = run.options();
    let best = offered
        .iter()
        .max_by_key(|o| {
            (node.choices.iter().find(|c| c.id == o.id).map(|c| c.total_score()), std::cmp::Reverse(o.id.clone()))
        })
        .expect("options on offer");
    Pick::Id(best.id.clone())
}

/// A written answer that covers most checklists of the bundled drills.
pub fn full_answer(kind: InputKind, language: &str) -> Answer {
    let text = if language.starts_with("zh") {
        "冒充风控的来电索要卡号和验证码，来电显示是我行热线号码，被伪造。未泄露任何信息。已致电风控，冻结卡片并解除绑定，已提醒客户不要点击链接。已报告组长并立案，记录已提交。影响一位客户。"
    } else {
        "A caller impersonating risk control asked for the card number and the SMS code; caller ID showed our hotline number, spoofed. Nothing was disclosed. I called the risk desk, the binding was blocked and the card frozen; the customer was warned not to click the link and never share codes. Reported to the team lead, fraud case opened. One customer affected."
    };
    match kind {
        InputKind::IncidentReport => {
            Answer::Report { description: text.into(), scope: text.into(), measures: text.into() }
        }
        InputKind::FreeText => Answer::Text(text.into()),
    }
}
