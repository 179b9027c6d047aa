//! Synthetic scenarios of any size, for benchmarks and for tests of large inputs.
//! [`scenario_source`] gives a clean scenario (no diagnostics); [`scenario_with_unreachable`] and
//! [`scenario_with_missing_targets`] the same with one problem in about a quarter of its nodes.
//! A *lean* node is a typical decision: a line, a red flag and three scored choices with feedback
//! (about 600 bytes). A *rich* node adds a CRM record, an inject, effects, a condition, citations
//! and a random branch (about 1 KB).

use std::fmt::Write as _;

/// RON source of a clean scenario with `nodes` decision nodes, lean or rich.
pub fn scenario_source(nodes: usize, rich: bool) -> String {
    source(nodes, rich, Fault::None)
}

/// RON source of a scenario with `nodes` decision nodes, lean or rich, in which 13 of every 50
/// nodes (26 %, spread through the file; see [`faulty_count`]) are led to by no choice: each gives
/// the warning "node `nX` cannot be reached from the start `n0`", and nothing else is wrong. The
/// start `n0` is always reachable.
pub fn scenario_with_unreachable(nodes: usize, rich: bool) -> String {
    source(nodes, rich, Fault::Unreachable)
}

/// RON source of a scenario with `nodes` decision nodes, lean or rich, in which the same nodes as
/// in [`scenario_with_unreachable`] have a choice leading to a misspelt node, a different one for
/// each (`mX` for `nX`): each gives the error "`mX` is not a node or an ending" with the hint "did
/// you mean `nX`?", found among all the ids, and nothing else is wrong.
pub fn scenario_with_missing_targets(nodes: usize, rich: bool) -> String {
    source(nodes, rich, Fault::MissingTarget)
}

/// How many nodes of a scenario with `nodes` nodes [`scenario_with_unreachable`] cuts off, and
/// [`scenario_with_missing_targets`] gives a misspelt target.
pub fn faulty_count(nodes: usize) -> usize {
    (0..nodes.max(2)).filter(|&i| is_faulty(i)).count()
}

/// Whether node `i` has the fault: 13 of every 50, spread out, never the start.
fn is_faulty(i: usize) -> bool {
    i > 0 && (i * 13) % 50 < 13
}

/// What is wrong with the faulty nodes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    Unreachable,
    MissingTarget,
}

/// The scenario with `fault` in the faulty nodes. Every node leads to the next two reachable ones
/// (or the ending `safe`); an unreachable node is skipped by the others.
fn source(nodes: usize, rich: bool, fault: Fault) -> String {
    let nodes = nodes.max(2);
    let cut_off = |i| fault == Fault::Unreachable && is_faulty(i);
    // For each node, the next reachable node after it, then the one after that.
    let mut after = vec![("safe".to_owned(), "safe".to_owned()); nodes];
    let mut ahead = ("safe".to_owned(), "safe".to_owned());
    for i in (0..nodes).rev() {
        after[i] = ahead.clone();
        if !cut_off(i) {
            ahead = (format!("n{i}"), ahead.0);
        }
    }
    let mut s = String::with_capacity(nodes * 900);
    s.push_str(
        r#"Scenario(
    format: 1,
    id: "synthetic",
    title: "Synthetic drill for {customer}",
    category: FraudCall,
    language: "en",
    difficulty: Advanced,
    minutes: 30,
    briefing: (role: "Agent", situation: "A long call with {customer}.", allowed: ["Call back"]),
    objectives: ["Stay calm", "Verify"],
    references: {"pipl-28": (title: "PIPL Art. 28", text: "Sensitive personal information.")},
    cast: {"caller": (name: "{customer}", role: Customer, caller_id: "{phone}")},
    variables: {"pressure": Int(0), "verified": Bool(false)},
    random: {"customer": OneOf(["Li Wei", "Chen Jing", "Zhao Min"]), "phone": Pattern("138####@@##"), "amount": Range(100, 9000)},
    red_flags: {"urgency": (name: "Urgency", description: "Pressure to skip checks.")},
    start: "n0",
    nodes: {
"#,
    );
    for (i, (next, skip)) in after.iter().enumerate() {
        let harmed = if fault == Fault::MissingTarget && is_faulty(i) { format!("m{i}") } else { "harmed".to_owned() };
        let timeout = if i % 10 == 3 {
            format!(
                r#"timeout: (seconds: 30, then: (id: "t{i}", text: "Hesitate", scores: {{"crisis_communication": -1}}, feedback: "Too slow.", next: "{next}")),"#
            )
        } else {
            String::new()
        };
        if !rich {
            let _ = write!(
                s,
                r#"        "n{i}": (
            label: "Step {i}",
            speaker: "caller",
            text: "Step {i}: I need ¥{{amount}} moved now, {{customer}} here. Please hurry.",
            red_flags: ["urgency"],
            {timeout}
            choices: [
                (id: "v{i}", text: "Verify the caller first", scores: {{"identity_verification": 2}}, catches: ["urgency"], feedback: "Right: verify before acting.", cites: ["pipl-28"], next: "{next}"),
                (id: "s{i}", text: "Skip the check this once", scores: {{"identity_verification": -1}}, feedback: "Risky: the pressure is the tell.", next: "{skip}"),
                (id: "x{i}", text: "Do what they ask", scores: {{"data_protection": -2}}, feedback: "Wrong: nothing was verified.", next: "{harmed}"),
            ],
        ),
"#
            );
            continue;
        }
        let _ = write!(
            s,
            r#"        "n{i}": (
            label: "Step {i}",
            speaker: "caller",
            text: "Step {i}: I need ¥{{amount}} moved now, {{customer}} here.",
            red_flags: ["urgency"],
            artefacts: [Crm(title: "Record {i}", fields: [(label: "Phone", value: "{{phone}}", sensitive: true)])],
            injects: [(id: "push", after: 20, text: "The caller pushes.", effects: [Add("pressure", 1)])],
            {timeout}
            choices: [
                (id: "v{i}", text: "Verify first", effects: [Set("verified", Bool(true))], scores: {{"identity_verification": 2}}, catches: ["urgency"], feedback: "Right.", cites: ["pipl-28"], next: "{next}"),
                (id: "s{i}", text: "Skip ahead", when: AtLeast("pressure", 0), scores: {{"identity_verification": -1}}, feedback: "Risky.", branch: [(weight: 3, next: "{skip}"), (weight: 1, next: "{next}")]),
                (id: "x{i}", text: "Comply", scores: {{"data_protection": -2}}, feedback: "Wrong.", next: "{harmed}"),
            ],
        ),
"#
        );
    }
    s.push_str(
        r#"    },
    endings: {
        "safe": (outcome: Resolved, title: "Safe", summary: "Done."),
        "harmed": (outcome: Harmed, title: "Harmed", summary: "Money lost."),
    },
)
"#,
    );
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_scenarios_are_clean_at_every_size() {
        for n in [2, 100, 10_000] {
            for rich in [false, true] {
                let checked = crate::engine::load::load_str(&super::scenario_source(n, rich));
                assert_eq!(checked.diagnostics, vec![], "{n} nodes, rich {rich}");
                assert_eq!(checked.scenario.map(|s| s.nodes.len()), Some(n));
            }
        }
    }

    #[test]
    fn faulty_nodes_give_one_diagnostic_each_and_nothing_else() {
        for n in [2, 100, 1_000] {
            let faulty: Vec<_> = (0..n).filter(|&i| super::is_faulty(i)).collect();
            assert_eq!(super::faulty_count(n), faulty.len());
            for rich in [false, true] {
                let checked = crate::engine::load::load_str(&super::scenario_with_unreachable(n, rich));
                let expected: Vec<String> =
                    faulty.iter().map(|i| format!("node `n{i}` cannot be reached from the start `n0`")).collect();
                let found: Vec<&str> = checked.diagnostics.iter().map(|d| d.message.as_str()).collect();
                assert_eq!(found, expected, "{n} nodes, rich {rich}");
                assert_eq!(checked.scenario.map(|s| s.nodes.len()), Some(n));

                let checked = crate::engine::load::load_str(&super::scenario_with_missing_targets(n, rich));
                let expected: Vec<(String, Option<String>)> = faulty
                    .iter()
                    .map(|i| (format!("`m{i}` is not a node or an ending"), Some(format!("did you mean `n{i}`?"))))
                    .collect();
                let found: Vec<_> = checked.diagnostics.into_iter().map(|d| (d.message, d.hint)).collect();
                assert_eq!(found, expected, "{n} nodes, rich {rich}");
            }
        }
        assert_eq!(super::faulty_count(10_000), 2_599);
        assert_eq!(super::faulty_count(20_000), 5_199);
    }
}
