//! Synthetic scenarios of any size, for benchmarks and for tests of large inputs. Each is a clean
//! scenario (no diagnostics). A *lean* node is a typical decision: a line, a red flag and three
//! scored choices with feedback (about 600 bytes). A *rich* node adds a CRM record, an inject,
//! effects, a condition, citations and a random branch (about 1 KB).

use std::fmt::Write as _;

/// RON source of a clean scenario with `nodes` decision nodes, lean or rich.
pub fn scenario_source(nodes: usize, rich: bool) -> String {
    let nodes = nodes.max(2);
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
    for i in 0..nodes {
        let next = if i + 1 < nodes { format!("n{}", i + 1) } else { "safe".to_owned() };
        let skip = if i + 2 < nodes { format!("n{}", i + 2) } else { "safe".to_owned() };
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
                (id: "x{i}", text: "Do what they ask", scores: {{"data_protection": -2}}, feedback: "Wrong: nothing was verified.", next: "harmed"),
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
                (id: "x{i}", text: "Comply", scores: {{"data_protection": -2}}, feedback: "Wrong.", next: "harmed"),
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
}
