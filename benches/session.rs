//! What a host pays per participant action in a facilitated session of 30 (the live-session
//! budget is a p99 under 100 ms from a choice to the console, and under half a core): one
//! participant's choice taken (the request checked, applied, the session kept unchanged on a
//! refusal) and the facilitator's console worked out again for everyone, mid-way through a real
//! drill. Run with `cargo bench --no-default-features --bench session`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers of tests and benchmarks fail by panicking, like the tests themselves"
)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use hotwash::engine::debrief::Answer;
use hotwash::engine::facilitated::{FacilitatedRequest, FacilitatedSession};
use hotwash::engine::runner::{Stage, WallMs};
use hotwash::engine::shown::Prompt;
use hotwash::engine::team_drill::Who;

const PARTICIPANTS: usize = 30;

/// The next request of participant `name`: the first option shown, or a short written answer.
fn next_move(session: &FacilitatedSession, name: &str, now: WallMs) -> Option<FacilitatedRequest> {
    let run = session.runner_of(name)?;
    match run.waiting(now) {
        Prompt::Choices { node, options, .. } => {
            Some(FacilitatedRequest::Choose { node, choice: options.first()?.id.clone() })
        }
        Prompt::Input { node, .. } => Some(FacilitatedRequest::Submit {
            node,
            answer: Answer::Text("Called the emergency line and stayed with the caller.".into()),
        }),
        Prompt::Nothing => None,
    }
}

/// A session of 30 on `scenario`, every participant three decisions in.
fn room(scenario: &Arc<hotwash::engine::model::Scenario>) -> (FacilitatedSession, u64) {
    let mut s = FacilitatedSession::open(Arc::clone(scenario), 7, None);
    let mut t = 1_000_000;
    for i in 0..PARTICIPANTS {
        s.handle(&Who::Member(format!("p{i:02}")), FacilitatedRequest::Join, WallMs(t)).unwrap();
    }
    for _ in 0..3 {
        for i in 0..PARTICIPANTS {
            t += 200;
            let name = format!("p{i:02}");
            if let Some(request) = next_move(&s, &name, WallMs(t)) {
                s.handle(&Who::Member(name), request, WallMs(t)).unwrap();
            }
        }
    }
    (s, t)
}

fn session(c: &mut Criterion) {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/urgent-help-call.en.ron");
    let scenario = Arc::new(hotwash::engine::load::load_file(Path::new(file)).1.scenario.expect("urgent-help-call"));
    let (room, t) = room(&scenario);
    assert!(room.runner_of("p00").is_some_and(|r| matches!(r.stage(), Stage::At(_))));
    let mut group = c.benchmark_group("session");
    group.bench_function("30_participants_choice_then_console", |b| {
        b.iter_batched_ref(
            || room.clone(),
            |s| {
                let now = WallMs(t + 1_000);
                let request = next_move(s, "p17", now).expect("p17 is still playing");
                s.handle(&Who::Member("p17".into()), request, now).unwrap();
                s.console(now).len()
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.bench_function("30_participants_console", |b| b.iter(|| room.console(WallMs(t + 1_000)).len()));
    group.finish();
}

criterion_group!(benches, session);
criterion_main!(benches);
