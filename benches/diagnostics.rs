//! Diagnostics benchmarks: load + validate + render every diagnostic of synthetic scenarios of
//! 10,000 and 20,000 lean nodes: without problems, with 26 % of the nodes unreachable (one warning
//! each) and with 26 % leading to a misspelt node id (one error each; see `engine::synth`). Run with
//! `cargo bench --no-default-features --bench diagnostics`.
//!
//! With `HOTWASH_WRITE_SCENARIOS=<folder>` in the environment it benchmarks nothing and writes the
//! scenario files instead, for `scripts/bench-check.sh` to time `hotwash check` on them.

/// The allocator the `hotwash` binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, Throughput};
use hotwash::engine::diag::Renderer;
use hotwash::engine::load::load_str;
use hotwash::engine::synth::{faulty_count, scenario_source, scenario_with_missing_targets, scenario_with_unreachable};

/// The sizes measured, in nodes.
const SIZES: [usize; 2] = [10_000, 20_000];

/// The files of one size: its name, its text and how many diagnostics it gives. First the file
/// without problems (the difference is what the diagnostics cost), then 26 % of the nodes
/// unreachable (warnings), then 26 % with a misspelt target (errors whose hint is found among all
/// the node ids).
fn files(nodes: usize) -> [(String, String, usize); 3] {
    let faulty = faulty_count(nodes);
    [
        (format!("lean_{nodes}_clean"), scenario_source(nodes, false), 0),
        (format!("lean_{nodes}_{faulty}_warnings"), scenario_with_unreachable(nodes, false), faulty),
        (format!("lean_{nodes}_{faulty}_missing_targets"), scenario_with_missing_targets(nodes, false), faulty),
    ]
}

/// Loads, validates and renders every diagnostic as `hotwash check` prints them.
fn check_and_render(source: &str) -> (usize, String) {
    let checked = load_str(source);
    let renderer = Renderer::new("bench.ron", source);
    let rendered: Vec<String> = checked.diagnostics.iter().map(|d| renderer.render(d)).collect();
    (checked.diagnostics.len(), rendered.join("\n"))
}

fn diagnostics(c: &mut Criterion) {
    let mut group = c.benchmark_group("diagnostics");
    group.sample_size(10);
    for nodes in SIZES {
        for (name, source, count) in files(nodes) {
            group.throughput(Throughput::Bytes(source.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(name), &source, |b, source| {
                b.iter(|| {
                    let (found, text) = check_and_render(source);
                    assert_eq!(found, count);
                    text
                });
            });
        }
    }
    group.finish();
}

/// Writes the benchmarked files to `folder`, each as its name with `.ron`.
fn write_scenarios(folder: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    for nodes in SIZES {
        for (name, source, _) in files(nodes) {
            std::fs::write(folder.join(format!("{name}.ron")), source)?;
        }
    }
    Ok(())
}

fn main() {
    if let Some(folder) = std::env::var_os("HOTWASH_WRITE_SCENARIOS") {
        if let Err(err) = write_scenarios(folder.as_ref()) {
            eprintln!("diagnostics bench: cannot write the scenarios: {err}");
            std::process::exit(1);
        }
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    diagnostics(&mut c);
    c.final_summary();
}
