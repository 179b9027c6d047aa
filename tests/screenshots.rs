//! The real binary under `xvfb-run` (Mesa's lavapipe): the screenshot tour in both languages
//! saves a PNG of every screen into `target/screenshots/` (kept out of git). Each must be a
//! drawn screen, not a blank one, and the Chinese screens must really show Chinese: the same
//! screen drawn without the shipped font (where Chinese falls back to boxes) must look different.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::root;

/// Where the screenshots go.
pub fn shots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    target.join("screenshots")
}

const SCREENS: [&str; 12] = [
    "1-library",
    "2-settings",
    "3-briefing",
    "4-drill-first-call",
    "4b-drill-reading",
    "5-drill-later",
    "5b-drill-paused",
    "6-incident-report",
    "7-review",
    "7b-review-flags",
    "7c-review-answer",
    "8-team",
];

/// The screens of an assessment set, toured where the folder has a curriculum with one.
const ASSESSMENT_SCREENS: [&str; 3] = ["9-assessment", "9b-assessment-drill", "9c-assessment-after-a-drill"];

fn tour(lang: &str, dir: &Path, extra: &[&str]) {
    tour_in("scenarios", lang, dir, extra);
}

fn tour_in(folder: &str, lang: &str, dir: &Path, extra: &[&str]) {
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.ron");
    let scenarios = root().join(folder);
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", env!("CARGO_BIN_EXE_hotwash"), "app"])
        .args(["--scenarios", &scenarios.to_string_lossy(), "--lang", lang, "--tour", &dir.to_string_lossy()])
        .args(["--settings", &settings.to_string_lossy()])
        .args(extra)
        .env("HOTWASH_DATA_DIR", data.path())
        .env("XDG_RUNTIME_DIR", data.path())
        .output()
        .expect("xvfb-run is installed (scripts/test.sh installs xvfb and mesa-vulkan-drivers)");
    assert!(output.status.success(), "the tour failed ({lang}):\n{}", String::from_utf8_lossy(&output.stderr));
}

/// Pixels of a PNG as RGBA rows.
pub fn pixels(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        other => panic!("{}: unexpected colour type {other:?}", path.display()),
    };
    (info.width, info.height, rgba)
}

/// Share of pixels that differ from the most common colour (the background).
pub fn ink(rgba: &[u8]) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for p in rgba.chunks(4) {
        *counts.entry([p[0], p[1], p[2]]).or_insert(0usize) += 1;
    }
    let background = counts.values().max().copied().unwrap_or(0);
    let total = rgba.len() / 4;
    #[expect(clippy::cast_precision_loss, reason = "pixel counts fit an f64")]
    let share = (total - background) as f64 / total as f64;
    share
}

#[test]
fn every_screen_is_drawn_in_both_languages_and_chinese_is_not_boxes() {
    let dir = shots_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for lang in ["en", "zh-CN"] {
        tour(lang, &dir, &[]);
        for screen in SCREENS.iter().chain(&ASSESSMENT_SCREENS) {
            let path = dir.join(format!("{lang}-{screen}.png"));
            let (w, h, rgba) = pixels(&path);
            assert_eq!((w, h), (1280, 800), "{}", path.display());
            let ink = ink(&rgba);
            assert!(ink > 0.01, "{} looks blank: {:.4} of it is drawn", path.display(), ink);
        }
    }
    // The purpose-made assessment drill: flagged lines, an evaluator's grade, model answers.
    let assessment = dir.join("assessment");
    for lang in ["en", "zh-CN"] {
        let open = format!("assessment-check.{lang}.ron");
        tour_in("tests/fixtures/assessment", lang, &assessment, &["--open", &open]);
        for screen in SCREENS {
            let (_, _, rgba) = pixels(&assessment.join(format!("{lang}-{screen}.png")));
            assert!(ink(&rgba) > 0.01, "assessment {lang} {screen} looks blank");
        }
    }
    let boxes = dir.join("without-font");
    tour("zh-CN", &boxes, &["--without-cjk-font"]);
    for screen in ["1-library", "3-briefing"] {
        let (_, _, with_font) = pixels(&dir.join(format!("zh-CN-{screen}.png")));
        let (_, _, without) = pixels(&boxes.join(format!("zh-CN-{screen}.png")));
        let differing = with_font.chunks(4).zip(without.chunks(4)).filter(|(a, b)| a != b).count();
        #[expect(clippy::cast_precision_loss, reason = "pixel counts fit an f64")]
        let share = differing as f64 / (with_font.len() / 4) as f64;
        assert!(share > 0.01, "zh-CN {screen}: the shipped font changes only {share:.4} of the screen");
    }
}

#[test]
fn the_app_killed_in_the_middle_of_a_drill_resumes_with_nothing_lost() {
    use hotwash::app::drill::{ActiveDrill, SavedDrill};
    let data = tempfile::tempdir().unwrap();
    let shots = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.ron");
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", env!("CARGO_BIN_EXE_hotwash"), "app"])
        .args(["--scenarios", &root().join("scenarios").to_string_lossy(), "--lang", "en"])
        .args(["--tour", &shots.path().to_string_lossy(), "--settings", &settings.to_string_lossy()])
        .env("HOTWASH_DATA_DIR", data.path())
        .env("XDG_RUNTIME_DIR", data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The tour plays the bank drill; once its first decision is saved, the app is killed outright.
    let saved_file = data.path().join("in-progress.ron");
    let started = std::time::Instant::now();
    let saved = loop {
        if let Ok(saved) = hotwash::engine::store::load::<SavedDrill>(&saved_file, "saved drill")
            && saved.state.decisions_taken() >= 1
        {
            break saved;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(120), "the tour saved a decision");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let killed = Command::new("pkill").args(["-KILL", "-f", &shots.path().to_string_lossy()]).status().unwrap();
    assert!(killed.success(), "the app was running");
    let _ = child.wait();
    // Nothing of the drill was written as finished; what was saved is all there on restart.
    assert!(
        !data.path().join("debriefs").exists() || std::fs::read_dir(data.path().join("debriefs")).unwrap().count() == 0
    );
    let after_kill = hotwash::engine::store::load::<SavedDrill>(&saved_file, "saved drill").unwrap();
    assert!(after_kill.state.decisions_taken() >= saved.state.decisions_taken());
    // The app started again on that data folder offers the drill and resumes it where it was.
    let dirs = crate::app::Dirs::around(data.path());
    let mut app = crate::app::headless(&dirs);
    crate::app::update_until(&mut app, "the library loads", crate::app::loaded);
    crate::app::send(&mut app, hotwash::app::Intent::ResumeSaved);
    let world = app.world();
    let drill = world.get_resource::<ActiveDrill>().expect("the saved drill resumed");
    assert_eq!(drill.runner.decisions().len(), after_kill.state.decisions_taken());
    assert_eq!(drill.runner.state().seed(), after_kill.state.seed());
}
