//! The explorer on small scenarios: branches, merged states, sampling, harm.

use super::*;
use crate::engine::load::load_str;

fn scenario(nodes: &str, endings: &str) -> Arc<Scenario> {
    let src = format!(
        r#"Scenario(format: 1, id: "t", title: "T", category: FraudCall, language: "en", difficulty: Introductory, minutes: 1,
        briefing: (role: "A", situation: "B"), objectives: ["O"], variables: {{"n": Int(0)}}, start: "a",
        nodes: {{ {nodes} }}, endings: {{ {endings} }})"#
    );
    let checked = load_str(&src);
    Arc::new(checked.scenario.unwrap_or_else(|| {
        // The explorer must also work on drills the validator rejects; parse without checks.
        crate::engine::load::ron_options().from_str(&src).expect("parses")
    }))
}

const ENDS: &str =
    r#""good": (outcome: Resolved, title: "G", summary: "G"), "bad": (outcome: Harmed, title: "B", summary: "B")"#;

#[test]
fn finds_shortest_paths_score_ranges_and_traps() {
    let s = scenario(
        r#""a": (text: "A", choices: [
                (id: "right", text: "R", scores: {"fraud_recognition": 2}, feedback: "f", next: "b"),
                (id: "wrong", text: "W", scores: {"fraud_recognition": -1}, feedback: "f", next: "bad"),
            ]),
            "b": (text: "B", timeout: (seconds: 5, then: (id: "slow", text: "S", scores: {"fraud_recognition": -2}, feedback: "f", next: "bad")),
                choices: [(id: "finish", text: "F", scores: {"fraud_recognition": 1}, feedback: "f", next: "good")])"#,
        ENDS,
    );
    let x = explore(&s, 10_000);
    assert!(x.exhaustive && !x.has_problems(), "{x:?}");
    assert_eq!(x.endings[&NodeId::from("bad")].iter().map(ToString::to_string).collect::<Vec<_>>(), ["wrong"]);
    assert_eq!(x.endings[&NodeId::from("good")].len(), 2);
    assert_eq!(x.score_range[&CompetencyId::from("fraud_recognition")], (-1, 3));
    assert_eq!(x.never_good, vec![ChoiceId::from("slow"), ChoiceId::from("wrong")]);
    assert_eq!(x.expert_path.iter().map(ToString::to_string).collect::<Vec<_>>(), ["right", "finish"]);
}

#[test]
fn follows_every_arm_of_a_random_branch() {
    let s = scenario(
        r#""a": (text: "A", choices: [(id: "roll", text: "R", scores: {"fraud_recognition": 1}, feedback: "f",
                branch: [(weight: 99, next: "good"), (weight: 1, next: "bad")])])"#,
        ENDS,
    );
    let x = explore(&s, 10_000);
    assert_eq!(x.endings.keys().map(NodeId::as_str).collect::<Vec<_>>(), ["bad", "good"]);
    assert_eq!(x.endings[&NodeId::from("bad")][0].to_string(), "roll [arm 2]");
}

#[test]
fn reports_a_dead_end_an_unreachable_ending_and_a_loop_with_no_exit() {
    let s = scenario(
        r#""a": (text: "A", choices: [
                (id: "loop", text: "L", scores: {"fraud_recognition": 1}, feedback: "f", next: "b"),
                (id: "gated", text: "G", when: AtLeast("n", 5), scores: {"fraud_recognition": 1}, feedback: "f", next: "good"),
            ]),
            "b": (text: "B", choices: [(id: "again", text: "Again", effects: [Add("n", -1)], scores: {"fraud_recognition": 0}, feedback: "f", next: "c")]),
            "c": (text: "C", choices: [(id: "back", text: "Back", when: AtMost("n", -3), scores: {"fraud_recognition": 0}, feedback: "f", next: "b"),
                                      (id: "on", text: "On", when: AtLeast("n", 0), scores: {"fraud_recognition": 0}, feedback: "f", next: "bad")])"#,
        ENDS,
    );
    let x = explore(&s, 10_000);
    assert!(x.has_problems());
    assert_eq!(x.unreached_endings, vec![NodeId::from("bad"), NodeId::from("good")]);
    assert_eq!(
        x.stuck,
        vec![
            (NodeId::from("a"), "no ending can be reached from here in play".to_owned()),
            (NodeId::from("b"), "no ending can be reached from here in play".to_owned()),
            (NodeId::from("c"), "no choice is available at node `c`: every choice's `when` is false".to_owned()),
        ]
    );
}

#[test]
fn samples_when_the_space_is_too_large_and_says_so() {
    let s = Arc::new(load_str(&crate::engine::synth::scenario_source(60, false)).scenario.unwrap());
    let x = explore(&s, 200);
    assert!(!x.exhaustive);
    assert_eq!(x.sampled_paths, 200);
    assert!(x.endings.contains_key(&NodeId::from("harmed")));
}

#[test]
fn a_resolved_ending_after_a_harmful_choice_is_reported_with_its_path() {
    let nodes = r#""a": (text: "Q", choices: [
            (id: "leak", text: "Read it out", harm: Some(Leak), feedback: "No", next: "b"),
            (id: "safe", text: "Call back", feedback: "Yes", next: "b"),
        ]),
        "b": (text: "Then", choices: [
            (id: "fine", text: "Close the case", feedback: "Ok", next: "good"),
            (id: "worse", text: "Promise a refund", harm: Some(FalsePromise), feedback: "No", next: "bad"),
        ]),"#;
    let x = explore(&scenario(nodes, ENDS), 10_000);
    assert_eq!(x.resolved_after_harm.len(), 1, "{:?}", x.resolved_after_harm);
    let h = &x.resolved_after_harm[0];
    assert_eq!((h.ending.as_str(), h.harmful.as_str()), ("good", "leak"));
    let steps: Vec<String> = h.path.iter().map(|s| format!("{}:{s}", s.node)).collect();
    assert_eq!(steps, ["a:leak", "b:fine"]);
    assert!(x.has_problems());
    // The harm routed to a harmed ending is no problem.
    let fixed = nodes
        .replace(r#"harm: Some(Leak), feedback: "No", next: "b""#, r#"harm: Some(Leak), feedback: "No", next: "bad""#);
    let x = explore(&scenario(&fixed, ENDS), 10_000);
    assert_eq!(x.resolved_after_harm, Vec::new());
}
