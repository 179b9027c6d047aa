//! Tests of what the assessment rests on: conditional routing on what happened (harm, caught
//! flags, covered checklist items).
use super::*;
use crate::engine::debrief::Answer;
use crate::engine::load::load_str;

const ROUTED: &str = r#"Scenario(
format: 1, id: "routed", title: "Routed", category: FraudCall, language: "en",
difficulty: Introductory, minutes: 3,
briefing: (role: "Agent", situation: "A call."),
objectives: ["Keep card data from the caller"],
red_flags: {"spoof": (name: "Spoofed number", description: "The caller ID is forged")},
start: "ask",
nodes: {
    "ask": (text: "Read me the card number", red_flags: ["spoof"], choices: [
        (id: "read", text: "Read the card number out to him", harm: Some(Leak), scores: {"data_protection": -2}, feedback: "A leak", next: "close"),
        (id: "refuse", text: "Refuse and call back", catches: ["spoof"], scores: {"data_protection": 2}, feedback: "Right", next: "close"),
        (id: "stall", text: "Put them on hold", scores: {"data_protection": 0}, feedback: "Hm", next: "close"),
    ]),
    "close": (text: "The caller hangs up", next: [
        (when: HarmDone, to: "leaked"),
        (when: Caught("spoof"), to: "note"),
        (to: "partial"),
    ]),
    "note": (text: "Write the case note", input: (kind: FreeText, prompt: "What happened?", checklist: [
        (id: "refused", text: "Says the number was refused", any: ["refused"], competency: "data_protection"),
    ], model_answer: "I refused to read the card number and called the customer back.",
    next: [(when: Covered("refused"), to: "good"), (to: "partial")])),
},
endings: {
    "good": (outcome: Resolved, title: "Protected", summary: "Fine"),
    "partial": (outcome: PartiallyResolved, title: "Partly", summary: "Hm"),
    "leaked": (outcome: Harmed, title: "Leaked", summary: "Lost"),
},
)"#;

fn routed() -> Arc<Scenario> {
    let checked = load_str(ROUTED);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    Arc::new(checked.scenario.unwrap())
}

fn ending_after(choice: &str, answer: Option<&str>) -> NodeId {
    let mut run = Runner::start(routed(), 7, "ann", WallMs(0)).unwrap();
    run.choose(&Pick::Id(choice.into()), WallMs(1_000)).unwrap();
    if let Some(text) = answer {
        run.submit(Answer::Text(text.into()), WallMs(2_000)).unwrap();
    }
    match run.stage() {
        Stage::Ended(id) => id.clone(),
        Stage::At(id) => panic!("still at {id}"),
    }
}

#[test]
fn next_takes_the_first_arm_whose_condition_holds() {
    assert_eq!(ending_after("read", None).as_str(), "leaked", "harm routes to the harmed ending");
    assert_eq!(ending_after("stall", None).as_str(), "partial", "no arm holds: the last one");
    assert_eq!(ending_after("refuse", Some("I refused to read the number out to the caller.")).as_str(), "good");
    assert_eq!(ending_after("refuse", Some(".")).as_str(), "partial", "an empty note cannot reach the best ending");
}

#[test]
fn arms_round_trip_and_a_single_target_is_written_as_before() {
    let s = routed();
    let close = s.nodes[&NodeId::from("close")].next.clone().unwrap();
    let text = ron::to_string(&close).unwrap();
    assert_eq!(text, r#"[(when:Some(HarmDone),to:"leaked"),(when:Some(Caught("spoof")),to:"note"),(to:"partial")]"#);
    assert_eq!(crate::engine::load::ron_options().from_str::<Next>(&text).unwrap(), close);
    // A single target is written as the bare id, as before arms existed, so hashes hold.
    assert_eq!(ron::to_string(&Next::from("good")).unwrap(), "\"good\"");
}

#[test]
fn the_validator_requires_an_unconditional_last_arm() {
    let src = ROUTED.replace("(to: \"partial\"),\n    ]),", "(when: Visited(\"ask\"), to: \"partial\"),\n    ]),");
    let checked = load_str(&src);
    let errors: Vec<String> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    assert_eq!(errors, ["the last arm of `next` has a condition: when none holds, the drill has nowhere to go"]);
    let src = ROUTED.replace("Covered(\"refused\")", "Covered(\"refusd\")");
    let checked = load_str(&src);
    let errors: Vec<String> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    assert_eq!(errors, ["no written answer has a checklist item `refusd`"]);
}

#[test]
fn a_debrief_from_before_clause_grading_loads_and_replays_as_it_was_graded() {
    let s = routed();
    let old_rules = Rules { grading: Grading::Substring, spotting: false, ..Rules::CURRENT };
    let mut run = Runner::start_as(Arc::clone(&s), 7, "ann", WallMs(0), old_rules).unwrap();
    run.choose(&Pick::Id("refuse".into()), WallMs(1_000)).unwrap();
    // "refused." is too short to count today; by substring it covered the item.
    run.submit(Answer::Text("refused.".into()), WallMs(2_000)).unwrap();
    let d = run.debrief(WallMs(2_000)).unwrap();
    assert_eq!(d.decisions[1].checklist, vec![("refused".into(), true)]);
    assert!(d.decisions[1].coverage.is_empty());
    // Written before the fields existed.
    let text = ron::to_string(&d).unwrap().replace(",grading:Substring,spotting:None,grades:[]", "");
    assert!(!text.contains("grading:") && !text.contains("grades:"), "{text}");
    let old: crate::engine::debrief::Debrief = crate::engine::load::ron_options().from_str(&text).unwrap();
    assert_eq!(Rules::of(&old), old_rules);
    let again = crate::engine::replay::replay(&s, &old).unwrap();
    assert_eq!(again.decisions, old.decisions);
    assert_eq!(again.outcome, Outcome::Resolved);
    // Its answer was graded before grades could be confirmed.
    let mut old = old;
    assert_eq!(
        old.add_grade("2", "refused", false, "Coach", 1).unwrap_err(),
        "the answer at decision 2 was graded before checklist grading could be confirmed"
    );
    // Played today, the same note does not count.
    let mut run = Runner::start(Arc::clone(&s), 7, "ann", WallMs(0)).unwrap();
    run.choose(&Pick::Id("refuse".into()), WallMs(1_000)).unwrap();
    run.submit(Answer::Text("refused.".into()), WallMs(2_000)).unwrap();
    assert_eq!(run.stage(), &Stage::Ended("partial".into()));
}

/// The routed drill with a decision, `debrief_call`, between the call and the note, reached only
/// when `arm` holds.
fn with_debrief_call(arm: &str) -> String {
    let close =
        format!("\"close\": (text: \"The caller hangs up\", next: [\n        (when: {arm}, to: \"debrief_call\"),");
    ROUTED.replace(r#""close": (text: "The caller hangs up", next: ["#, &close).replace(
        r#""note": (text:"#,
        r#""debrief_call": (text: "Your lead asks what to do next", choices: [
        (id: "log_it", text: "Log it", scores: {"data_protection": 1}, feedback: "Yes", next: "note"),
        (id: "forget", text: "Forget it", scores: {"data_protection": -1}, feedback: "No", next: "note"),
    ]),
    "note": (text:"#,
    )
}

#[test]
fn the_expert_path_follows_arms_as_the_expert_walk_decides_them() {
    let src = with_debrief_call(r#"All([Caught("spoof"), Spotted("spoof")])"#);
    let checked = load_str(&src);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let s = checked.scenario.unwrap();
    let path: Vec<String> = s.expert_path().iter().map(|(n, c)| format!("{n}:{}", c.id)).collect();
    // The expert refuses (catching the spoofed number) and spots what was shown: the first arm.
    assert_eq!(path, ["ask:refuse", "debrief_call:log_it"]);
}

#[test]
fn the_validator_checks_spots_reveal_rules_and_the_spotting_competency() {
    let src = include_str!("../../../tests/fixtures/assessment/assessment-check.en.ron");
    assert!(load_str(src).diagnostics.is_empty());
    let errors = |src: &str| -> Vec<String> { load_str(src).diagnostics.iter().map(|d| d.message.clone()).collect() };
    let broken = src
        .replace(
            r#"spots: {"spoofed_id": [CallerId], "urgency": [Line]}"#,
            r#"spots: {"lookalike_link": [Field("Nmae")], "urgency": [Line]}"#,
        )
        .replace(
            "reveal: (when: Any([Chose(\"verify_callback\"), Chose(\"warn_link\")]),",
            "reveal: (when: Chose(\"verifed\"), cost: -2, competency: \"privacy\",",
        )
        .replace("    start: \"call\",", "    spotting: \"spoting\",\n    start: \"call\",");
    let found = errors(&broken);
    for expected in [
        "red flag `lookalike_link` has spots but is not among this beat's `red_flags`",
        "no CRM record of this beat has a field `Nmae`",
        "choice `verifed` does not exist",
        "a reveal's cost is the points it takes away: write it as a positive number",
        "competency `privacy` is not declared",
        "competency `spoting` is not declared",
    ] {
        assert!(found.iter().any(|m| m == expected), "missing {expected:?} in {found:#?}");
    }
}

#[test]
fn the_explorer_reaches_what_only_spotting_or_a_covered_item_opens() {
    // `debrief_call` is reached only when the red flag was caught and spotted.
    let src = with_debrief_call(r#"Spotted("spoof")"#);
    let checked = load_str(&src);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let x = crate::engine::explore::explore(&Arc::new(checked.scenario.unwrap()), 10_000);
    assert!(x.unreached_nodes.is_empty(), "{:?}", x.unreached_nodes);
}
