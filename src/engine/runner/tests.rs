//! The runner's tests: a small drill with a timeout, injects, a random branch and a report.
use super::*;
use crate::engine::debrief::{Answer, Debrief, Logged, OptionOrder};
use crate::engine::load::load_str;
use crate::engine::replay::{compare, replay};
use crate::engine::shown::{Countdown, DeskItem, Prompt, Shown};

const DRILL: &str = r#"Scenario(
format: 1, id: "t", title: "T {who}", category: FraudCall, language: "en",
difficulty: Introductory, minutes: 3,
briefing: (role: "Agent", situation: "A call."),
objectives: ["Verify"],
variables: {"pressure": Int(0), "warned": Bool(false)},
random: {"who": OneOf(["Li", "Wu"])},
red_flags: {"urgency": (name: "Urgency", description: "Pressure")},
cast: {"caller": (name: "{who}", role: Attacker, caller_id: "95555")},
start: "ask",
nodes: {
    "ask": (
        speaker: "caller", text: "Hurry, {who} here", red_flags: ["urgency"],
        timeout: (seconds: 10, then: (id: "froze", text: "Silence", scores: {"fraud_recognition": -1}, feedback: "Too slow", next: "bad")),
        injects: [
            (id: "push", after: 4, text: "Caller pushes", effects: [Add("pressure", 2)]),
            (id: "lead", when: AtLeast("pressure", 2), text: "Lead: careful", effects: [Set("warned", Bool(true))]),
        ],
        choices: [
            (id: "verify", text: "Verify", scores: {"fraud_recognition": 2}, catches: ["urgency"], feedback: "Good", next: "report"),
            (id: "comply", text: "Comply", scores: {"fraud_recognition": -2}, feedback: "Bad", branch: [(weight: 1, next: "bad"), (weight: 1, next: "lucky")]),
            (id: "ask_lead", text: "Ask the lead", when: Is("warned", Bool(true)), scores: {"escalation_reporting": 1}, feedback: "Fine", next: "report"),
        ],
    ),
    "lucky": (text: "He hangs up", next: "partial"),
    "report": (text: "Write it up", input: (kind: IncidentReport, prompt: "Report", checklist: [
        (id: "what", text: "Says what", section: Description, any: ["impersonat", "冒充"], competency: "escalation_reporting", points: 2),
        (id: "scope", text: "Says who", section: Scope, any: ["one customer"], competency: "escalation_reporting"),
    ], next: "good")),
},
endings: {
    "good": (outcome: Resolved, title: "Good", summary: "Fine"),
    "partial": (outcome: PartiallyResolved, title: "Partial", summary: "Hm"),
    "bad": (outcome: Harmed, title: "Lost to {who}", summary: "Lost"),
},
)"#;

/// A drill of `s` started at 0 with seed 1, its options as written and its clocks starting at once
/// (the rules of drills played before seeded orders and reading allowances).
fn as_written_at_once(s: &Arc<Scenario>) -> Runner {
    let rules = Rules { order: OptionOrder::AsWritten, timing: Timing::AtOnce, ..Rules::CURRENT };
    Runner::start_as(s.clone(), 1, "ann", at(0), rules).unwrap()
}

fn scenario() -> Arc<Scenario> {
    crate::engine::load::clean_scenario(DRILL)
}

/// The events since `cursor`, moving the cursor on, as a host takes them.
fn take(run: &Runner, cursor: &mut usize) -> Vec<Logged> {
    let events = run.events_since(*cursor).to_vec();
    *cursor = run.event_count();
    events
}

fn kinds(events: &[Logged]) -> Vec<String> {
    events
        .iter()
        .map(|l| {
            let name = format!("{:?}", l.event);
            format!("{}@{}", name.split([' ', '{', '(']).next().unwrap_or_default(), l.t)
        })
        .collect()
}

const T0: u64 = 1_700_000_000_000;

fn at(ms: u64) -> WallMs {
    WallMs(T0 + ms)
}

#[test]
fn injects_arrive_on_time_and_unlock_a_choice() {
    let s = scenario();
    let mut run = Runner::start_ordered(s.clone(), 1, "ann", at(0), OptionOrder::AsWritten).unwrap();
    let mut cursor = 0;
    assert_eq!(kinds(&take(&run, &mut cursor)), ["Line@0", "Choices@0"]);
    assert_eq!(run.options().len(), 2);
    run.tick(at(3_999)).unwrap();
    assert!(take(&run, &mut cursor).is_empty());
    run.tick(at(5_000)).unwrap();
    // The delayed inject arrives at its scheduled time, then the condition inject, then the
    // options are offered again with the unlocked choice.
    assert_eq!(kinds(&take(&run, &mut cursor)), ["Inject@4000", "Inject@4000", "Choices@4000"]);
    assert_eq!(run.options().iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["verify", "comply", "ask_lead"]);
    run.choose(&Pick::Id("ask_lead".into()), at(6_000)).unwrap();
    assert_eq!(run.state().decisions[0].response_ms(), 6_000);
}

#[test]
fn a_timeout_is_taken_at_the_deadline_and_scored() {
    let s = scenario();
    let mut run = as_written_at_once(&s);
    assert_eq!(run.choose(&Pick::Index(0), at(10_000)), Err(RunError::TooLate("ask".into())));
    assert!(run.is_over());
    let d = run.debrief(at(10_000)).unwrap();
    assert_eq!(d.ending.as_str(), "bad");
    assert_eq!(d.decisions[0].kind, DecisionKind::Timeout);
    assert_eq!(d.decisions[0].decided_at, 10_000);
    assert_eq!(d.scores[&CompetencyId::from("fraud_recognition")], -1);
}

#[test]
fn pausing_stops_the_clock() {
    let s = scenario();
    let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
    run.pause(at(2_000));
    run.tick(at(60_000)).unwrap();
    assert!(!run.is_over());
    run.resume(at(60_000));
    assert_eq!(run.drill_time(at(61_000)), DrillMs(3_000));
    run.choose(&Pick::Id("verify".into()), at(61_000)).unwrap();
    assert_eq!(run.state().decisions[0].response_ms(), 3_000);
}

#[test]
fn a_report_is_scored_against_its_checklist_by_section() {
    let s = scenario();
    let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
    run.choose(&Pick::Id("verify".into()), at(1_000)).unwrap();
    assert_eq!(
        run.submit(Answer::Text("x".into()), at(2_000)),
        Err(RunError::WrongAnswer("report".into(), "run-what-incident-report"))
    );
    let answer = Answer::Report {
        description: "Caller IMPERSONATED the bank".into(),
        scope: "no data".into(),
        measures: "one customer warned".into(),
    };
    run.submit(answer, at(9_000)).unwrap();
    let d = run.debrief(at(9_000)).unwrap();
    let report = &d.decisions[1];
    assert_eq!(report.checklist, vec![("what".into(), true), ("scope".into(), false)]);
    assert_eq!(report.scores[&CompetencyId::from("escalation_reporting")], 2);
    assert_eq!(report.expert[&CompetencyId::from("escalation_reporting")], 3);
    assert_eq!(d.outcome, Outcome::Resolved);
}

#[test]
fn a_seed_replays_the_same_random_branch_and_details() {
    let s = scenario();
    let play = |seed| {
        let mut run = Runner::start(s.clone(), seed, "ann", at(0)).unwrap();
        run.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
        run.tick(at(1_000)).unwrap();
        run.debrief(at(1_000)).unwrap()
    };
    let endings: BTreeSet<String> = (0..20).map(|seed| play(seed).ending.to_string()).collect();
    assert_eq!(endings.len(), 2, "both arms are drawn over 20 seeds");
    for seed in 0..5 {
        let d = play(seed);
        assert_eq!(play(seed), d);
        assert_eq!(replay(&s, &d).unwrap(), d);
        assert!(compare(&d, &replay(&s, &d).unwrap()).is_empty());
    }
}

#[test]
fn a_saved_drill_restores_and_finishes_like_an_uninterrupted_one() {
    let s = scenario();
    let mut run = Runner::start(s.clone(), 3, "ann", at(0)).unwrap();
    run.tick(at(5_000)).unwrap();
    let saved = ron::to_string(run.state()).unwrap();
    let state: DrillState = crate::engine::load::ron_options().from_str(&saved).unwrap();
    let mut restored = Runner::restore(s.clone(), state).unwrap();
    for r in [&mut run, &mut restored] {
        r.choose(&Pick::Id("verify".into()), at(6_000)).unwrap();
        r.submit(
            Answer::Report { description: "impersonation".into(), scope: String::new(), measures: String::new() },
            at(7_000),
        )
        .unwrap();
    }
    assert_eq!(run.debrief(at(7_000)), restored.debrief(at(7_000)));
    let mut other = Scenario::clone(&s);
    other.title = "Changed".into();
    assert!(matches!(Runner::restore(Arc::new(other), run.state().clone()), Err(RunError::OtherScenario(..))));
}

#[test]
fn a_tampered_debrief_is_caught_by_its_replay() {
    let s = scenario();
    let mut run = Runner::start(s.clone(), 3, "ann", at(0)).unwrap();
    run.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
    let mut d = run.debrief(at(1_000)).unwrap();
    d.scores.insert("fraud_recognition".into(), 5);
    let differences = compare(&d, &replay(&s, &d).unwrap());
    assert_eq!(differences[0], "score `fraud_recognition`: recorded 5, replay gives -2");
}

#[test]
fn a_host_is_shown_filled_names_options_and_ending_titles() {
    let s = scenario();
    let mut run = as_written_at_once(&s);
    let who = run.fills()["who"].clone();
    let shown = run.shown_since(0);
    let Shown::Line { speaker: Some(speaker), text, inject: false, .. } = &shown[0] else { panic!("{shown:?}") };
    assert_eq!((speaker.name.as_str(), speaker.caller_id.as_deref()), (who.as_str(), Some("95555")));
    assert_eq!(text, &format!("Hurry, {who} here"));
    let Prompt::Choices { options, countdown: Some(countdown), .. } = run.waiting(at(4_000)) else { panic!() };
    assert_eq!(options.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["Verify", "Comply"]);
    assert_eq!(countdown, Countdown { left_ms: 6_000, allowed_ms: 10_000, reading_left_ms: 0 });
    // The inject falls due at 4 s: that is the next wake-up, then the countdown's seconds.
    assert_eq!(run.due_in(at(1_500)), Some(2_500));
    assert_eq!(run.wake_in(at(1_500)), Some(500));
    assert_eq!(run.decision_number(), 1);
    let cursor = run.event_count();
    run.tick(at(10_000)).unwrap();
    let after = run.shown_since(cursor);
    assert!(
        matches!(&after[..], [.., Shown::You { timed_out: true, text, .. }, Shown::Ended { title, .. }]
        if text == "Silence" && *title == format!("Lost to {who}")),
        "{after:?}"
    );
    assert_eq!(run.waiting(at(10_000)), Prompt::Nothing);
    assert_eq!(run.wake_in(at(10_000)), None);
}

#[test]
fn a_reveal_after_an_inject_fell_due_replays_exactly() {
    let src = DRILL.replace(
        r#""ask": (
        speaker: "caller","#,
        r#""ask": (
        speaker: "caller", artefacts: [Crm(title: "Card", fields: [(label: "PAN", value: "6222", sensitive: true)])],"#,
    );
    let checked = load_str(&src);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let s = Arc::new(checked.scenario.unwrap());
    let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
    // The inject is due at 4 s; nothing ticked before the reveal at 5 s.
    run.reveal("PAN", at(5_000)).unwrap();
    run.choose(&Pick::Id("verify".into()), at(6_000)).unwrap();
    run.submit(Answer::Report { description: "x".into(), scope: "y".into(), measures: "z".into() }, at(7_000)).unwrap();
    let d = run.debrief(at(7_000)).unwrap();
    assert_eq!(compare(&d, &replay(&s, &d).unwrap()), Vec::<String>::new());
    assert!(run.revealed().contains("PAN"));
    let Some(DeskItem::Crm { fields, .. }) = run.desk(at(7_000)).into_iter().next() else { panic!() };
    assert_eq!((fields[0].value.as_str(), fields[0].masked), ("6222", false));
}

#[test]
fn thousands_of_chained_condition_injects_do_not_exhaust_the_stack() {
    // Each inject's effect makes the next one hold. On a small stack, as a deep recursion
    // would need a large one.
    let injects: Vec<String> = (0..5_000)
        .map(|i| format!(r#"(id: "i{i}", when: AtLeast("pressure", {i}), text: "x", effects: [Add("pressure", 1)])"#))
        .collect();
    let src = DRILL.replace(
        r#"(id: "push", after: 4, text: "Caller pushes", effects: [Add("pressure", 2)]),"#,
        &format!("{},", injects.join(",\n")),
    );
    let s = Arc::new(crate::engine::load::ron_options().from_str::<Scenario>(&src).unwrap());
    let events = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || Runner::start(s, 1, "ann", at(0)).map(|run| run.event_count()))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(events.unwrap() > 5_000);
}

#[test]
fn a_loop_of_timeouts_stops_with_a_clear_error() {
    let src = DRILL.replace("next: \"bad\")),\n", "next: \"ask\")),\n");
    let s = Arc::new(load_str(&src).scenario.unwrap());
    let mut run = Runner::start(s.clone(), 1, "ann", at(0)).unwrap();
    let err = run.tick(at(1_000_000_000)).unwrap_err();
    assert_eq!(err, RunError::EndlessLoop("ask".into(), MAX_STEPS));
    assert_eq!(err.to_string(), "the drill passed through 10000 nodes without ending; it loops at node `ask`");
}

#[test]
fn a_drill_longer_than_the_loop_guard_plays_from_start_to_end() {
    let s = Arc::new(load_str(&crate::engine::synth::scenario_source(12_000, false)).scenario.unwrap());
    assert!(step_limit(&s) > MAX_STEPS);
    let mut run = Runner::start_ordered(s, 1, "ann", at(0), OptionOrder::AsWritten).unwrap();
    let mut now = at(0);
    while !run.is_over() {
        now = now.plus(1_000);
        run.choose(&Pick::Index(0), now).unwrap();
    }
    assert!(run.decisions().len() > 10_000);
}

/// The ids on offer, in the order shown.
fn shown_ids(run: &Runner) -> Vec<String> {
    run.options().into_iter().map(|o| o.id.to_string()).collect()
}

#[test]
fn options_are_shown_in_an_order_drawn_from_the_seed_with_pinned_ones_in_place() {
    let src = DRILL
        .replace(
            r#"(id: "ask_lead", text: "Ask the lead","#,
            r#"(id: "wait", text: "Wait", feedback: "Hm", next: "bad"),
            (id: "ignore", text: "Ignore", feedback: "Hm", next: "bad"),
            (id: "ask_lead", text: "Ask the lead","#,
        )
        .replace(
            r#"feedback: "Fine", next: "report"),"#,
            r#"feedback: "Fine", next: "report"),
            (id: "hang_up", text: "Hang up", feedback: "Hm", next: "bad", pinned: true),"#,
        );
    let checked = load_str(&src);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let s = Arc::new(checked.scenario.unwrap());
    let orders: BTreeSet<Vec<String>> = (0..40)
        .map(|seed| {
            let run = Runner::start(s.clone(), seed, "ann", at(0)).unwrap();
            let ids = shown_ids(&run);
            // The same seed shows the same order; every option is there; the pinned one keeps
            // its written place, the last (one option is still locked).
            assert_eq!(ids, shown_ids(&Runner::start(s.clone(), seed, "ann", at(0)).unwrap()));
            assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>().len(), 5);
            assert_eq!(ids[4], "hang_up", "{ids:?}");
            ids
        })
        .collect();
    assert!(orders.len() >= 12, "40 seeds give many orders of four options: {}", orders.len());
    let firsts: BTreeSet<&str> = orders.iter().map(|o| o[0].as_str()).collect();
    assert_eq!(firsts.len(), 4, "each unpinned option comes first for some seed");

    // An option unlocked during the decision joins without reordering the others, and a
    // position picks what is shown there.
    let mut run = Runner::start(s.clone(), 7, "ann", at(0)).unwrap();
    let before = shown_ids(&run);
    run.tick(at(5_000)).unwrap();
    let after = shown_ids(&run);
    assert_eq!(after.len(), 6);
    assert_eq!(after[5], "hang_up");
    assert_eq!(after.iter().filter(|id| *id != "ask_lead").cloned().collect::<Vec<_>>(), before);
    let third = after[2].clone();
    run.choose(&Pick::Index(2), at(6_000)).unwrap();
    let d = &run.decisions()[0];
    assert_eq!(d.choice.as_ref().map(ToString::to_string), Some(third));
    assert_eq!(d.offered.iter().map(ToString::to_string).collect::<Vec<_>>(), after, "the order shown is recorded");

    // The seeded order replays exactly, and options keep the random branch's draws.
    let mut run = Runner::start(s.clone(), 7, "ann", at(0)).unwrap();
    run.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
    run.tick(at(1_000)).unwrap();
    let d = run.debrief(at(1_000)).unwrap();
    assert_eq!(d.order, OptionOrder::Seeded);
    assert_eq!(compare(&d, &replay(&s, &d).unwrap()), Vec::<String>::new());
    let mut written = Runner::start_ordered(s.clone(), 7, "ann", at(0), OptionOrder::AsWritten).unwrap();
    written.choose(&Pick::Id("comply".into()), at(1_000)).unwrap();
    written.tick(at(1_000)).unwrap();
    assert_eq!(written.debrief(at(1_000)).unwrap().ending, d.ending, "the branch draw is the same");
}

#[test]
fn a_debrief_from_before_seeded_orders_replays_in_the_written_order() {
    let s = scenario();
    let mut run = Runner::start_ordered(s.clone(), 3, "ann", at(0), OptionOrder::AsWritten).unwrap();
    run.choose(&Pick::Index(1), at(1_000)).unwrap();
    run.tick(at(1_000)).unwrap();
    let d = run.debrief(at(1_000)).unwrap();
    // Written before the field existed: no `order` in the file.
    let text = ron::to_string(&d).unwrap().replace(",order:AsWritten", "");
    assert!(!text.contains("order:"), "{text}");
    let old: Debrief = crate::engine::load::ron_options().from_str(&text).unwrap();
    assert_eq!(old.order, OptionOrder::AsWritten);
    assert_eq!(old.decisions[0].choice.as_ref().map(ToString::to_string).as_deref(), Some("comply"));
    assert_eq!(compare(&old, &replay(&s, &old).unwrap()), Vec::<String>::new());
}

#[test]
fn a_timed_decision_starts_its_clock_after_an_ordinary_reader_has_read_it() {
    let s = scenario();
    let mut run =
        Runner::start_as(s.clone(), 1, "ann", at(0), Rules { order: OptionOrder::AsWritten, ..Rules::CURRENT })
            .unwrap();
    let who = run.fills()["who"].clone();
    // "Hurry, {who} here" and the options "Verify", "Comply": five words at 240 a minute.
    let reading = crate::engine::text::reading_ms(&format!("Hurry, {who} here\nVerify\nComply"));
    assert_eq!(reading, 5 * crate::engine::text::MS_PER_WORD);
    assert_eq!(run.reading_ends(), DrillMs(reading));
    assert_eq!(run.deadline(), Some(DrillMs(reading + 10_000)));
    let Prompt::Choices { countdown: Some(c), .. } = run.waiting(at(250)) else { panic!() };
    assert_eq!(c, Countdown { left_ms: 10_000, allowed_ms: 10_000, reading_left_ms: reading - 250 });
    let Prompt::Choices { countdown: Some(c), .. } = run.waiting(at(reading + 4_000)) else { panic!() };
    assert_eq!(c, Countdown { left_ms: 6_000, allowed_ms: 10_000, reading_left_ms: 0 });
    // While reading, the screen changes when the reading seconds do.
    let crossing = match (reading - 250) % 1000 {
        0 => 1000,
        rest => rest,
    };
    assert_eq!(run.wake_in(at(250)), Some(crossing));
    // Time runs out only after the allowance and the limit.
    run.tick(at(reading + 9_999)).unwrap();
    assert!(!run.is_over());
    run.tick(at(reading + 10_000)).unwrap();
    let d = run.debrief(at(reading + 10_000)).unwrap();
    assert_eq!((d.timing, d.decisions[0].decided_at), (Timing::AfterReading, reading + 10_000));
    assert_eq!(compare(&d, &replay(&s, &d).unwrap()), Vec::<String>::new());

    // A debrief from before reading allowances (no `timing` in the file) replays with the clock
    // starting at once.
    let mut old = as_written_at_once(&s);
    old.tick(at(10_000)).unwrap();
    let d = old.debrief(at(10_000)).unwrap();
    let text = ron::to_string(&d).unwrap().replace(",order:AsWritten", "").replace(",timing:AtOnce", "");
    assert!(!text.contains("timing:"), "{text}");
    let old: Debrief = crate::engine::load::ron_options().from_str(&text).unwrap();
    assert_eq!((old.timing, old.decisions[0].decided_at), (Timing::AtOnce, 10_000));
    assert_eq!(compare(&old, &replay(&s, &old).unwrap()), Vec::<String>::new());
}
