//! A mutation fuzzer over the bundled and test scenarios, and the debriefs they give: each input
//! is a scenario file mutated one to four times (numbers made extreme, ids made long or empty,
//! lines dropped, repeated or swapped, strings made hostile, bytes changed, pieces of other files
//! spliced in). Every input goes through everything a facilitator or a trainee can make Hotwash
//! do with a file: load and validate with every diagnostic rendered, the graph in both formats,
//! explore, a drill played by a random trainee (choices, waits, flags, reveals, written answers),
//! the review, the xAPI statements and the replay, which must reproduce the debrief exactly; and
//! the debrief itself mutated and read back. Any panic (in this debug build an integer overflow
//! is one), a debrief that does not replay, or an input that takes over 10 s is a failure: the
//! input is written to `target/fuzz-failures/` and the test fails naming it.
//!
//! It runs for `$HOTWASH_FUZZ_SECS` seconds (`scripts/test.sh` gives it 60; 1200 for a long
//! run) from the seed `$HOTWASH_FUZZ_SEED` (default: the clock, printed), so a failure can be
//! played again:
//!
//! ```sh
//! HOTWASH_FUZZ_SECS=1200 cargo test --no-default-features --test fuzz -- --ignored --nocapture
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test harness fails by panicking")]

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hotwash::engine::debrief::{Answer, Debrief};
use hotwash::engine::graph::{GraphFormat, render};
use hotwash::engine::load::{load_str, ron_options};
use hotwash::engine::model::{InputKind, Scenario, Spot};
use hotwash::engine::replay::{differences, replay};
use hotwash::engine::review::Review;
use hotwash::engine::runner::{Pick, Runner};
use hotwash::engine::shown::{DeskItem, Prompt};
use hotwash::engine::times::WallMs;
use hotwash::engine::xapi;
use rand::{Rng, RngExt as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

const T0: u64 = 1_772_355_600_000;

/// The longest one input may take before it counts as a hang.
const SLOW: Duration = Duration::from_secs(10);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed files: every bundled scenario and the test drills.
fn corpus() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for dir in ["scenarios", "tests/fixtures/assessment"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

/// Numbers a scenario author could write that break arithmetic done carelessly.
const EXTREMES: [&str; 12] = [
    "0",
    "-1",
    "1",
    "255",
    "65535",
    "2147483647",
    "-2147483648",
    "4294967295",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "99999999999999999999",
];

/// Strings that are hostile somewhere: in a file name, a terminal, a link, HTML, CSV, a graph.
const HOSTILE: [&str; 14] = [
    "",
    "end",
    "a b",
    "a-b",
    "a__b",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "http://[2001:db8::1]/x",
    "\u{1b}[31mred\u{1b}[0m",
    "\t=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "{{placeholder}}",
    "\u{202e}evil",
    "../../etc/passwd",
];

fn mutate(text: &str, others: &[(PathBuf, String)], rng: &mut impl Rng) -> String {
    let mut out = text.to_owned();
    for _ in 0..rng.random_range(1..=4) {
        out = match rng.random_range(0..8) {
            0 => replace_number(&out, rng),
            1 => replace_string(&out, rng),
            2 => edit_lines(&out, rng),
            3 => splice(&out, others, rng),
            4 => flip_byte(&out, rng),
            5 => long_string(&out, rng),
            6 => replace_number(&replace_number(&out, rng), rng),
            _ => repeat_block(&out, rng),
        };
    }
    out
}

/// Spans of `text` matching `is_part`, as byte ranges.
fn spans(text: &str, start: impl Fn(u8) -> bool, part: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if start(b[i]) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            i += 1;
            while i < b.len() && part(b[i]) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn replace_number(text: &str, rng: &mut impl Rng) -> String {
    let numbers = spans(text, |c| c.is_ascii_digit() || c == b'-', |c| c.is_ascii_digit());
    if numbers.is_empty() {
        return text.to_owned();
    }
    let (s, e) = numbers[rng.random_range(0..numbers.len())];
    format!("{}{}{}", &text[..s], EXTREMES[rng.random_range(0..EXTREMES.len())], &text[e..])
}

/// The byte ranges of string literals' contents (without escapes inside, good enough here).
fn strings(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('\\', Some(_)) => escaped = !escaped,
            ('"', None) => open = Some(i + 1),
            ('"', Some(s)) if !escaped => {
                out.push((s, i));
                open = None;
            }
            _ => escaped = false,
        }
    }
    out
}

fn replace_string(text: &str, rng: &mut impl Rng) -> String {
    let all = strings(text);
    if all.is_empty() {
        return text.to_owned();
    }
    let (s, e) = all[rng.random_range(0..all.len())];
    let new = if rng.random_bool(0.5) {
        let (s2, e2) = all[rng.random_range(0..all.len())];
        text[s2..e2].to_owned()
    } else {
        HOSTILE[rng.random_range(0..HOSTILE.len())].escape_default().to_string()
    };
    format!("{}{new}{}", &text[..s], &text[e..])
}

fn long_string(text: &str, rng: &mut impl Rng) -> String {
    let all = strings(text);
    if all.is_empty() {
        return text.to_owned();
    }
    let (s, e) = all[rng.random_range(0..all.len())];
    let unit = if rng.random_bool(0.5) { "x" } else { "汉" };
    let n = [65, 300, 5_000, 100_000][rng.random_range(0..4)];
    format!("{}{}{}", &text[..s], unit.repeat(n), &text[e..])
}

fn edit_lines(text: &str, rng: &mut impl Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 {
        return text.to_owned();
    }
    let a = rng.random_range(0..lines.len());
    let b = (a + rng.random_range(1..=8)).min(lines.len());
    match rng.random_range(0..3) {
        0 => {
            lines.drain(a..b);
        }
        1 => {
            let block: Vec<&str> = lines[a..b].to_vec();
            let at = rng.random_range(0..lines.len());
            for (i, l) in block.into_iter().enumerate() {
                lines.insert(at + i, l);
            }
        }
        _ => {
            let c = rng.random_range(0..lines.len());
            lines.swap(a, c);
        }
    }
    lines.join("\n")
}

fn repeat_block(text: &str, rng: &mut impl Rng) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_owned();
    }
    let a = rng.random_range(0..lines.len());
    let b = (a + rng.random_range(1..=20)).min(lines.len());
    let times = [2, 50, 2_000][rng.random_range(0..3)];
    let mut out: Vec<&str> = lines[..b].to_vec();
    for _ in 0..times {
        out.extend_from_slice(&lines[a..b]);
    }
    out.extend_from_slice(&lines[b..]);
    out.join("\n")
}

fn splice(text: &str, others: &[(PathBuf, String)], rng: &mut impl Rng) -> String {
    let (_, other) = &others[rng.random_range(0..others.len())];
    let mine: Vec<&str> = text.lines().collect();
    let theirs: Vec<&str> = other.lines().collect();
    if mine.is_empty() || theirs.is_empty() {
        return text.to_owned();
    }
    let a = rng.random_range(0..theirs.len());
    let b = (a + rng.random_range(1..=30)).min(theirs.len());
    let at = rng.random_range(0..mine.len());
    let mut out: Vec<&str> = mine[..at].to_vec();
    out.extend_from_slice(&theirs[a..b]);
    out.extend_from_slice(&mine[at..]);
    out.join("\n")
}

fn flip_byte(text: &str, rng: &mut impl Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    if bytes.is_empty() {
        return text.to_owned();
    }
    let i = rng.random_range(0..bytes.len());
    bytes[i] = b"(),:[]\"\\{}#0a- \n"[rng.random_range(0..16)];
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Plays the drill as a random trainee; the debrief.
fn play(s: &Arc<Scenario>, rng: &mut impl Rng) -> Result<Option<Debrief>, String> {
    let mut now = WallMs(T0);
    let Ok(mut run) = Runner::start(Arc::clone(s), rng.random(), "fuzz trainee", now) else { return Ok(None) };
    for _ in 0..300 {
        now = now.plus(rng.random_range(0..5_000));
        let step = match run.waiting(now) {
            Prompt::Nothing => break,
            Prompt::Input { kind, .. } => {
                let text = ["", "nothing was disclosed", "已报告组长，未泄露任何信息", "x"][rng.random_range(0..4)];
                let answer = match kind {
                    InputKind::IncidentReport => {
                        Answer::Report { description: text.into(), scope: text.into(), measures: text.into() }
                    }
                    InputKind::FreeText => Answer::Text(text.into()),
                };
                run.submit(answer, now).map(drop)
            }
            Prompt::Choices { options, .. } => match rng.random_range(0..10) {
                0 if run.event_count() > 0 => {
                    let spots = [Spot::Line, Spot::CallerId, Spot::Link, Spot::Body, Spot::Sender, Spot::Title];
                    let event = rng.random_range(0..run.event_count() + 1);
                    run.flag(event, &spots[rng.random_range(0..spots.len())], now).map(drop)
                }
                1 => {
                    let fields: Vec<String> = run
                        .desk(now)
                        .into_iter()
                        .flat_map(|d| match d {
                            DeskItem::Crm { fields, .. } => fields.into_iter().map(|f| f.label).collect(),
                            _ => Vec::new(),
                        })
                        .collect();
                    match fields.first() {
                        Some(f) => run.reveal(f, now),
                        None => Ok(()),
                    }
                }
                2 if run.deadline().is_some() => {
                    now = now.max(run.wall_time_at(run.deadline().unwrap()));
                    run.tick(now)
                }
                _ => run.choose(&Pick::Index(rng.random_range(0..options.len().max(1))), now),
            },
        };
        // A refused step (too late, no such field) is the trainee's problem, not the engine's.
        drop(step);
    }
    now = now.plus(1);
    let _ = run.tick(now);
    Ok(run.debrief(now))
}

/// Everything Hotwash does with one scenario text; `Err` names what went wrong without a panic.
fn exercise(text: &str, rng: &mut impl Rng) -> Result<(), String> {
    let checked = load_str(text);
    // As `hotwash check` and the app render them: one line table for all of a file's diagnostics.
    let renderer = hotwash::engine::diag::Renderer::new("fuzz.ron", text);
    for d in &checked.diagnostics {
        let _ = renderer.render(d);
    }
    let Some(scenario) = checked.scenario else { return Ok(()) };
    let s = Arc::new(scenario);
    let _ = render(&s, GraphFormat::Dot);
    let _ = render(&s, GraphFormat::Mermaid);
    let _ = hotwash::engine::explore::explore(&s, 500);
    let Some(debrief) = play(&s, rng)? else { return Ok(()) };
    let review = Review::build(&s, &debrief, &[]);
    let _ = (review.to_markdown(), review.to_html(), review.summary());
    let _ = xapi::statements(&debrief, Some(&s), "T-0", &xapi::Options::default());
    match replay(&s, &debrief) {
        Ok(again) => {
            let diff = differences(&debrief, &again);
            if !diff.is_empty() {
                return Err(format!("a genuine debrief does not replay: {diff:?}"));
            }
        }
        Err(e) => return Err(format!("a genuine debrief does not replay: {e}")),
    }
    // The debrief mutated: whatever still reads is reviewed and replayed without a panic.
    let written = ron_options().to_string(&debrief).unwrap();
    let mutated = replace_number(&replace_string(&written, rng), rng);
    if let Ok(d) = ron_options().from_str::<Debrief>(&mutated) {
        let review = Review::build(&s, &d, &[]);
        let _ = (review.to_markdown(), review.to_html());
        let _ = xapi::statements(&d, Some(&s), "T-0", &xapi::Options::default());
        let _ = replay(&s, &d);
    }
    Ok(())
}

#[test]
#[ignore = "run by scripts/test.sh with a time budget, or on demand (see the file's comment)"]
fn mutated_scenarios_and_debriefs_never_panic_hang_or_fail_to_replay() {
    let secs: u64 = std::env::var("HOTWASH_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = std::env::var("HOTWASH_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
    println!("fuzzing for {secs} s from seed {seed} (HOTWASH_FUZZ_SEED={seed} plays it again)");
    let corpus = corpus();
    let failures_dir =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into())).join("fuzz-failures");
    // Panics are caught and reported as failures; their default message would only repeat them.
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut inputs, mut loaded) = (0u64, 0u64);
    let mut failures: Vec<String> = Vec::new();
    while Instant::now() < deadline && failures.len() < 10 {
        let (path, text) = &corpus[rng.random_range(0..corpus.len())];
        let input = mutate(text, &corpus, &mut rng);
        let input_seed: u64 = rng.random();
        inputs += 1;
        loaded += u64::from(load_str(&input).scenario.is_some());
        let started = Instant::now();
        let result =
            std::panic::catch_unwind(AssertUnwindSafe(|| exercise(&input, &mut ChaCha8Rng::seed_from_u64(input_seed))));
        let took = started.elapsed();
        let problem = match result {
            Ok(Ok(())) if took > SLOW => Some(format!("took {:.1} s", took.as_secs_f64())),
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(panic) => Some(format!(
                "panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default()
            )),
        };
        if let Some(why) = problem {
            std::fs::create_dir_all(&failures_dir).unwrap();
            let file = failures_dir.join(format!("{seed}-{inputs}.ron"));
            std::fs::write(&file, &input).unwrap();
            let from = path.file_name().unwrap().to_string_lossy();
            failures.push(format!("{} (from {from}, play seed {input_seed}): {why}", file.display()));
        }
    }
    let _ = std::panic::take_hook();
    println!("{inputs} inputs, {loaded} of them valid scenarios, {} failure(s)", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
