//! Engine benchmarks: load + validate synthetic scenarios of 100, 1,000 and 10,000 lean nodes and
//! 10,000 rich ones (see `engine::synth`), and runner decisions per second.
//! Run with `cargo bench --no-default-features --bench engine`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hotwash::engine::load::load_str;
use hotwash::engine::runner::{Pick, Runner};
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
    let scenario = load_str(&source).scenario.expect("clean");
    // Start once (start hashes the scenario); each iteration plays 1,000 decisions on a copy.
    let start = Runner::start(&scenario, 7, "bench", 0).expect("starts");
    let mut group = c.benchmark_group("runner");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("1000_decisions", |b| {
        b.iter(|| {
            let mut run = start.clone();
            let mut now = 0;
            while !run.is_over() {
                now += 1_000;
                run.choose(&Pick::Index(0), now).expect("verify is always on offer");
            }
            run.state().decisions.len()
        });
    });
    group.finish();
}

criterion_group!(benches, load_and_validate, decisions);
criterion_main!(benches);
