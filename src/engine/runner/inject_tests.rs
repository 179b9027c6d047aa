//! The facilitator's injects: sent by hand at the decision being faced, with their line, red
//! flags and effects, recorded so the drill replays with them; refused when unknown or too late.

use super::*;
use crate::engine::load::{clean_scenario, load_str};
use crate::engine::replay::{compare, replay};

const SRC: &str = r#"Scenario(
format: 1, id: "hand", title: "Hand", category: DataLeak, language: "en",
difficulty: Introductory, minutes: 3,
briefing: (role: "Agent", situation: "A leak."),
objectives: ["Say nothing to the press"],
cast: {"reporter": (name: "Wu Fang", role: Other)},
variables: {"press": Bool(false)},
red_flags: {"press": (name: "Press pressure", description: "A reporter wants a comment now")},
start: "triage",
nodes: {
    "triage": (text: "Customers are calling about the leak", choices: [
        (id: "script", text: "Use the approved holding statement", scores: {"crisis_communication": 2}, feedback: "Right", next: "done"),
        (id: "guess", text: "Tell callers what you think happened", scores: {"crisis_communication": -1}, feedback: "No", next: "done"),
        (id: "refer", text: "Refer the reporter to the press office", when: Is("press", Bool(true)), catches: ["press"], scores: {"crisis_communication": 2}, feedback: "Right", next: "done"),
    ]),
},
endings: {"done": (outcome: Resolved, title: "Done", summary: "Done")},
facilitator_injects: [
    (id: "press_call", speaker: "reporter", channel: Call, text: "Evening paper here: is customer data on a forum?",
     red_flags: ["press"], effects: [Set("press", Bool(true))]),
],
)"#;

fn scenario() -> Arc<Scenario> {
    clean_scenario(SRC)
}

#[test]
fn a_facilitators_inject_arrives_where_the_trainee_is_and_the_drill_replays_with_it() {
    let s = scenario();
    let mut run = Runner::start(s.clone(), 4, "ann", WallMs(0)).unwrap();
    assert_eq!(run.options().len(), 2);
    run.send_inject(&InjectId::from("press_call"), WallMs(5_000)).unwrap();
    // The line arrives, the flag is present, the effect unlocks the third option.
    let last = run.shown_since(0).into_iter().rev().find(|e| matches!(e, crate::engine::shown::Shown::Line { .. }));
    let Some(crate::engine::shown::Shown::Line { text, inject, speaker, .. }) = last else { panic!("no line") };
    assert_eq!((text.as_str(), inject), ("Evening paper here: is customer data on a forum?", true));
    assert_eq!(speaker.map(|s| s.name), Some("Wu Fang".to_owned()));
    assert!(run.state().shown_flags.contains_key(&RedFlagId::from("press")));
    assert!(run.options().iter().any(|o| o.id == ChoiceId::from("refer")));
    run.choose(&Pick::Id("refer".into()), WallMs(9_000)).unwrap();
    let debrief = run.debrief(WallMs(9_000)).unwrap();
    assert!(debrief.actions.contains(&Action::Inject { t: 5_000, inject: "press_call".into() }));
    let again = replay(&s, &debrief).unwrap();
    assert!(compare(&debrief, &again).is_empty(), "{:?}", compare(&debrief, &again));
    // Without the inject the replay could not choose `refer`: the record is what made it possible.
    let mut without = debrief.clone();
    without.actions.retain(|a| !matches!(a, Action::Inject { .. }));
    assert!(replay(&s, &without).is_err());
}

#[test]
fn an_unknown_inject_or_one_after_the_end_is_refused() {
    let s = scenario();
    let mut run = Runner::start(s, 4, "ann", WallMs(0)).unwrap();
    assert_eq!(run.send_inject(&InjectId::from("nope"), WallMs(1_000)), Err(RunError::Missing("nope".into())));
    assert!(run.state().actions.is_empty(), "a refused inject is not recorded");
    run.choose(&Pick::Id("script".into()), WallMs(2_000)).unwrap();
    assert_eq!(run.send_inject(&InjectId::from("press_call"), WallMs(3_000)), Err(RunError::Ended));
}

#[test]
fn check_refuses_a_facilitators_inject_with_a_timer_or_twice() {
    let timed = SRC.replace(r#"(id: "press_call", speaker"#, r#"(id: "press_call", after: 10, speaker"#);
    let checked = load_str(&timed);
    let errors: Vec<&str> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(errors, ["the facilitator's inject `press_call` has `after`, but the facilitator sends it by hand"]);
    let span = checked.diagnostics.iter().find(|d| d.is_error()).and_then(|d| d.span).unwrap();
    assert_eq!(SRC.lines().count(), timed.lines().count());
    assert_eq!(timed.lines().nth(span.start.line - 1).map(|l| l.contains("after: 10")), Some(true));
    let twice = SRC.replace("facilitator_injects: [", r#"facilitator_injects: [(id: "press_call", text: "Again"),"#);
    let checked = load_str(&twice);
    assert!(
        checked.diagnostics.iter().any(|d| d.message == "the facilitator's inject `press_call` is declared twice"),
        "{:?}",
        checked.diagnostics
    );
}

#[test]
fn flagging_a_facilitators_inject_credits_the_flags_it_carries() {
    let s = scenario();
    let mut run = Runner::start(s, 4, "ann", WallMs(0)).unwrap();
    run.send_inject(&InjectId::from("press_call"), WallMs(5_000)).unwrap();
    let event = run
        .events_since(0)
        .iter()
        .rposition(|l| matches!(&l.event, crate::engine::debrief::Event::Inject { .. }))
        .unwrap();
    assert_eq!(run.flag(event, &Spot::Line, WallMs(6_000)).unwrap(), [RedFlagId::from("press")]);
}

#[test]
fn a_facilitators_inject_is_held_to_the_limits_and_to_ids_of_its_own() {
    let huge = SRC.replace(
        "effects: [Set(\"press\", Bool(true))]",
        "effects: [Set(\"press\", Bool(true)), Add(\"n\", 1000000000000000)]",
    );
    let huge =
        huge.replace("variables: {\"press\": Bool(false)}", "variables: {\"press\": Bool(false), \"n\": Int(0)}");
    let checked = load_str(&huge);
    let errors: Vec<&str> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("1000000000000000"), "{errors:?}");
    let clash = SRC.replace(
        r#""triage": (text: "Customers are calling about the leak", choices: ["#,
        r#""triage": (text: "Customers are calling about the leak", injects: [(id: "press_call", after: 60, text: "A reporter rings")], choices: ["#,
    );
    let checked = load_str(&clash);
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.message == "the facilitator's inject `press_call` has the id of an inject of node `triage`"),
        "{:?}",
        checked.diagnostics
    );
}
