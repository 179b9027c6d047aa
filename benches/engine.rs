//! Engine benchmarks: load + validate synthetic scenarios of 100, 1,000 and 10,000 lean nodes and
//! 10,000 rich ones (see `engine::synth`), runner decisions per second, whole playthroughs of
//! large drills counting the start, and the content hash a loaded scenario computes once.
//! Run with `cargo bench --no-default-features --bench engine`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers of tests and benchmarks fail by panicking, like the tests themselves"
)]

/// The allocator the `hotwash` binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hotwash::engine::load::load_str;
use hotwash::engine::model::Scenario;
use std::path::Path;
use std::sync::Arc;

use hotwash::engine::debrief::OptionOrder;
use hotwash::engine::runner::{Pick, Runner, WallMs};
use hotwash::engine::synth::scenario_source;

fn load_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_validate");
    group.sample_size(20);
    for (nodes, rich) in [(100, false), (1_000, false), (5_000, false), (10_000, false), (10_000, true)] {
        let source = scenario_source(nodes, rich);
        let name = format!("{}_{nodes}", if rich { "rich" } else { "lean" });
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &source, |b, source| {
            b.iter(|| {
                let checked = load_str(source);
                assert!(checked.scenario.is_some());
                checked
            });
        });
    }
    group.finish();
}

fn decisions(c: &mut Criterion) {
    let source = scenario_source(1_000, true);
    let scenario = Arc::new(load_str(&source).scenario.expect("clean"));
    // Start once; each iteration plays 1,000 decisions on a copy.
    // Options as written, so "the first option" follows the same path every time.
    let start = Runner::start_ordered(scenario, 7, "bench", WallMs(0), OptionOrder::AsWritten).expect("starts");
    let mut group = c.benchmark_group("runner");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("1000_decisions", |b| {
        b.iter(|| {
            let mut run = start.clone();
            let mut now = WallMs(0);
            while !run.is_over() {
                now = now.plus(1_000);
                run.choose(&Pick::Index(0), now).expect("verify is always on offer");
            }
            run.decisions().len()
        });
    });
    group.finish();
}

/// Plays a drill from `start` to an ending, always taking the first option; returns the decisions.
fn play_through(scenario: &Arc<Scenario>, seed: u64) -> usize {
    let mut run =
        Runner::start_ordered(Arc::clone(scenario), seed, "bench", WallMs(0), OptionOrder::AsWritten).expect("starts");
    let mut now = WallMs(0);
    while !run.is_over() {
        now = now.plus(1_000);
        run.choose(&Pick::Index(0), now).expect("an option is always on offer");
    }
    run.decisions().len()
}

/// Whole playthroughs of large drills, the start included: a host loads a scenario once and
/// starts drills on it, so starting must not cost in proportion to the scenario's size.
fn playthroughs(c: &mut Criterion) {
    let mut group = c.benchmark_group("playthrough");
    group.sample_size(20);
    for nodes in [1_000, 10_000] {
        let scenario = Arc::new(load_str(&scenario_source(nodes, false)).scenario.expect("clean"));
        let decisions = play_through(&scenario, 1);
        group.throughput(Throughput::Elements(decisions as u64));
        group.bench_function(format!("lean_{nodes}_from_start"), |b| {
            let mut seed = 0;
            b.iter(|| {
                seed += 1;
                play_through(&scenario, seed)
            });
        });
    }
    group.finish();
    // What the first start after loading pays once: the content hash of the whole scenario.
    let mut group = c.benchmark_group("content_hash");
    group.sample_size(20);
    let scenario: Scenario = load_str(&scenario_source(10_000, false)).scenario.expect("clean");
    group.bench_function("lean_10000_first_start", |b| {
        b.iter_batched_ref(|| scenario.clone(), |s| s.content_hash().len(), criterion::BatchSize::LargeInput);
    });
    group.finish();
}

/// The bundled scenario with the most nodes.
fn largest_bundled() -> Arc<Scenario> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("scenarios/").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| hotwash::engine::load::load_file(f).1.scenario)
        .max_by_key(|s| (s.nodes.len(), s.id.clone()))
        .map(Arc::new)
        .expect("bundled scenarios")
}

fn explore(c: &mut Criterion) {
    // The drill with the most nodes, and the one with the most states to explore.
    let most_states = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/urgent-help-call.en.ron");
    let most_states =
        Arc::new(hotwash::engine::load::load_file(Path::new(most_states)).1.scenario.expect("urgent-help-call"));
    let mut group = c.benchmark_group("explore");
    group.sample_size(10);
    for s in [largest_bundled(), most_states] {
        group.bench_function(format!("{}_{}", s.id, s.language), |b| {
            b.iter(|| {
                let x = hotwash::engine::explore::explore(&s, 200_000);
                assert!(x.exhaustive);
                x.states
            });
        });
    }
    group.finish();
}

/// Writes `n` debriefs of the bundled bank drill, played with varied answers, to a folder.
fn debrief_folder(n: usize) -> tempfile::TempDir {
    let s = load_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/bank-security-call.en.ron"))
            .expect("bundled"),
    )
    .scenario
    .map(Arc::new)
    .expect("clean");
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..n {
        let mut run = Runner::start(
            Arc::clone(&s),
            i as u64,
            &format!("trainee {}", i % 40),
            WallMs(1_772_355_600_000 + i as u64 * 60_000),
        )
        .expect("starts");
        let mut now = run.state().started_at();
        let mut step = 0;
        while !run.is_over() {
            step += 1;
            now = now.plus(1_000 + (i as u64 * 37 + step * 911) % 9_000);
            if let Some(kind) = run
                .scenario()
                .nodes
                .get(match run.stage() {
                    hotwash::engine::runner::Stage::At(id) => id,
                    hotwash::engine::runner::Stage::Ended(id) => id,
                })
                .and_then(|n| n.input.as_ref())
                .map(|i| i.kind)
            {
                let text =
                    "impersonation; card number and code asked; nothing disclosed; reported to team lead".to_owned();
                let answer = match kind {
                    hotwash::engine::model::InputKind::FreeText => hotwash::engine::debrief::Answer::Text(text),
                    hotwash::engine::model::InputKind::IncidentReport => hotwash::engine::debrief::Answer::Report {
                        description: text.clone(),
                        scope: text.clone(),
                        measures: text,
                    },
                };
                run.submit(answer, now).expect("answer");
                continue;
            }
            let options = run.options().len().max(1);
            let _ = run.choose(&Pick::Index((i + step as usize) % options), now);
        }
        let d = run.debrief(now).expect("ended");
        hotwash::engine::store::save(&dir.path().join(format!("{i:05}.debrief.ron")), &d).expect("saved");
    }
    dir
}

fn team_review(c: &mut Criterion) {
    let dir = debrief_folder(10_000);
    let exe = env!("CARGO_BIN_EXE_hotwash");
    let mut group = c.benchmark_group("team_review");
    group.sample_size(10);
    group.bench_function("10000_debriefs_cli", |b| {
        b.iter(|| {
            let out = std::process::Command::new(exe)
                .args(["review", "--scenarios", concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"), "--out"])
                .arg(dir.path().join("team.md"))
                .arg(dir.path())
                .output()
                .expect("runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        });
    });
    group.finish();
}

criterion_group!(benches, load_and_validate, decisions, playthroughs, explore, team_review);
criterion_main!(benches);
