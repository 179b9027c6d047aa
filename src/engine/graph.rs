//! A drill as a graph, for Graphviz (`dot`) or Mermaid: decision points, beats and endings, with
//! endings coloured by outcome and red flags, time limits, random branches and injects marked.

use std::fmt::Write as _;

use super::model::*;

/// The graph languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

/// A vertex of the graph: a node or an ending by its id, or the random draw of a choice (the
/// node and choice ids). Each is drawn under a short id of its own (`n3`, `r0`), so no two ever
/// share one, whatever the scenario's ids look like.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Vertex {
    Node(String),
    Dice(String, String),
}

struct Edge {
    from: Vertex,
    to: Vertex,
    label: String,
    dashed: bool,
}

/// The drawn id of every vertex: nodes, then endings, then random draws, in order.
fn vertex_ids(s: &Scenario, edges: &[Edge]) -> std::collections::BTreeMap<Vertex, String> {
    let mut ids = std::collections::BTreeMap::new();
    for id in s.nodes.keys().chain(s.endings.keys()) {
        let n = ids.len();
        ids.entry(Vertex::Node(id.to_string())).or_insert_with(|| format!("n{n}"));
    }
    let mut dice = 0;
    for e in edges {
        for v in [&e.from, &e.to] {
            if !ids.contains_key(v) {
                let id = match v {
                    Vertex::Node(_) => format!("n{}", ids.len()),
                    Vertex::Dice(..) => {
                        dice += 1;
                        format!("r{}", dice - 1)
                    }
                };
                ids.insert(v.clone(), id);
            }
        }
    }
    ids
}

fn short(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    }
}

fn node_caption(s: &Scenario, id: &NodeId, node: &Node) -> Vec<String> {
    let mut lines = vec![node.label.clone().unwrap_or_else(|| id.to_string())];
    let mut marks = Vec::new();
    if let Some(t) = &node.timeout {
        marks.push(format!("⏱ {} s", t.seconds));
    }
    if !node.red_flags.is_empty() {
        let names: Vec<String> = node
            .red_flags
            .iter()
            .map(|f| s.red_flags.get(f).map_or_else(|| f.to_string(), |d| d.name.clone()))
            .collect();
        marks.push(format!("⚑ {}", names.join(", ")));
    }
    for inject in &node.injects {
        let when = match (inject.after, &inject.when) {
            (Some(a), _) => format!("after {a} s"),
            (None, Some(_)) => "on condition".to_owned(),
            (None, None) => "never".to_owned(),
        };
        marks.push(format!("✉ {} ({when})", inject.id));
    }
    if let Some(input) = &node.input {
        marks.push(match input.kind {
            InputKind::IncidentReport => "✎ incident report".to_owned(),
            InputKind::FreeText => "✎ written answer".to_owned(),
        });
    }
    lines.extend(marks);
    lines
}

fn edges(s: &Scenario) -> Vec<Edge> {
    let mut out = Vec::new();
    for (id, node) in &s.nodes {
        if let Some(next) = node.next.as_ref().or(node.input.as_ref().map(|i| &i.next)) {
            route_edges(&mut out, id.as_str(), next, "", false);
        }
        let choices = node.choices.iter().map(|c| (c, false)).chain(node.timeout.as_ref().map(|t| (&t.then, true)));
        for (choice, timed_out) in choices {
            let points = choice.total_score();
            let label = format!("{}{} ({points:+})", if timed_out { "⏱ " } else { "" }, choice.id);
            if let Some(next) = &choice.next {
                route_edges(&mut out, id.as_str(), next, &label, timed_out);
            } else {
                let total = choice.branch.iter().fold(0u64, |sum, b| sum.saturating_add(u64::from(b.weight)));
                let dice = Vertex::Dice(id.to_string(), choice.id.to_string());
                out.push(Edge { from: Vertex::Node(id.to_string()), to: dice.clone(), label, dashed: timed_out });
                for arm in &choice.branch {
                    out.push(Edge {
                        from: dice.clone(),
                        to: Vertex::Node(arm.next.to_string()),
                        label: format!("{}/{total}", arm.weight),
                        dashed: true,
                    });
                }
            }
        }
    }
    out
}

/// The edges of a `next`: one, or one per arm labelled with its condition (`else` for the last).
fn route_edges(out: &mut Vec<Edge>, from: &str, next: &Next, label: &str, dashed: bool) {
    match next {
        Next::To(to) => out.push(Edge {
            from: Vertex::Node(from.to_owned()),
            to: Vertex::Node(to.to_string()),
            label: label.to_owned(),
            dashed,
        }),
        Next::Arms(arms) => {
            for arm in arms {
                let condition = match &arm.when {
                    Some(when) => format!("if {}", ron::to_string(when).unwrap_or_default()),
                    None => "else".to_owned(),
                };
                let label = if label.is_empty() { condition } else { format!("{label} {condition}") };
                out.push(Edge {
                    from: Vertex::Node(from.to_owned()),
                    to: Vertex::Node(arm.to.to_string()),
                    label,
                    dashed,
                });
            }
        }
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

/// Renders the drill as a graph.
pub fn render(s: &Scenario, format: GraphFormat) -> String {
    let edges = edges(s);
    let ids = vertex_ids(s, &edges);
    let id_of = |v: &Vertex| ids.get(v).cloned().unwrap_or_default();
    let node_id = |id: &NodeId| id_of(&Vertex::Node(id.to_string()));
    let dice: Vec<&String> = ids.iter().filter(|(v, _)| matches!(v, Vertex::Dice(..))).map(|(_, id)| id).collect();
    let mut out = String::new();
    match format {
        GraphFormat::Dot => {
            let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&s.id));
            let _ = writeln!(
                out,
                "  rankdir=TB;\n  node [fontname=\"Noto Sans CJK SC,Noto Sans,sans-serif\", fontsize=11];"
            );
            let _ = writeln!(out, "  label=\"{}\"; labelloc=t;", dot_escape(&s.title));
            for (id, node) in &s.nodes {
                let caption = node_caption(s, id, node).iter().map(|l| dot_escape(l)).collect::<Vec<_>>().join("\\n");
                let shape = if node.choices.is_empty() && node.input.is_none() { "ellipse" } else { "box" };
                let start = if *id == s.start { ", penwidth=2" } else { "" };
                let _ = writeln!(out, "  {} [shape={shape}, label=\"{caption}\"{start}];", node_id(id));
            }
            for (id, ending) in &s.endings {
                let colour = match ending.outcome {
                    Outcome::Resolved => "#c6f6d5",
                    Outcome::PartiallyResolved => "#fefcbf",
                    Outcome::Harmed => "#fed7d7",
                };
                let caption = format!("{}\\n[{}]", dot_escape(&ending.title), ending.outcome.key());
                let _ = writeln!(
                    out,
                    "  {} [shape=doubleoctagon, style=filled, fillcolor=\"{colour}\", label=\"{caption}\"];",
                    node_id(id)
                );
            }
            for d in &dice {
                let _ = writeln!(out, "  {d} [shape=diamond, label=\"🎲\"];");
            }
            for e in &edges {
                let style = if e.dashed { ", style=dashed" } else { "" };
                let _ = writeln!(
                    out,
                    "  {} -> {} [label=\"{}\"{style}];",
                    id_of(&e.from),
                    id_of(&e.to),
                    dot_escape(&e.label)
                );
            }
            out.push_str("}\n");
        }
        GraphFormat::Mermaid => {
            out.push_str("flowchart TD\n");
            for (id, node) in &s.nodes {
                let caption = node_caption(s, id, node)
                    .iter()
                    .map(|l| mermaid_text(&short(l, 60)))
                    .collect::<Vec<_>>()
                    .join("<br/>");
                let (open, close) =
                    if node.choices.is_empty() && node.input.is_none() { ("(\"", "\")") } else { ("[\"", "\"]") };
                let _ = writeln!(out, "  {}{open}{caption}{close}", node_id(id));
            }
            for (id, ending) in &s.endings {
                let _ = writeln!(
                    out,
                    "  {}{{{{\"{} [{}]\"}}}}",
                    node_id(id),
                    mermaid_text(&short(&ending.title, 60)),
                    ending.outcome.key()
                );
                let _ = writeln!(out, "  class {} {};", node_id(id), ending.outcome.key());
            }
            for d in &dice {
                let _ = writeln!(out, "  {d}{{\"🎲\"}}");
            }
            for e in &edges {
                let arrow = if e.dashed { "-.->" } else { "-->" };
                if e.label.is_empty() {
                    let _ = writeln!(out, "  {} {arrow} {}", id_of(&e.from), id_of(&e.to));
                } else {
                    let _ =
                        writeln!(out, "  {} {arrow}|\"{}\"| {}", id_of(&e.from), mermaid_text(&e.label), id_of(&e.to));
                }
            }
            let _ = writeln!(out, "  style {} stroke-width:3px", node_id(&s.start));
            out.push_str("  classDef resolved fill:#c6f6d5;\n  classDef partially_resolved fill:#fefcbf;\n  classDef harmed fill:#fed7d7;\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_look_alike_or_are_keywords_are_drawn_apart() {
        let src = r#"Scenario(format: 1, id: "t", title: "T", category: FraudCall, language: "en",
            difficulty: Introductory, minutes: 1, objectives: ["o"],
            briefing: (role: "r", situation: "s"),
            start: "a b",
            nodes: {
                "a b": (text: "1", choices: [(id: "x", text: "x", feedback: "f", scores: {"fraud_recognition": 1}, next: "a-b")]),
                "a-b": (text: "2", choices: [(id: "y", text: "y", feedback: "f", scores: {"fraud_recognition": 1}, next: "a_b")]),
                "a_b": (text: "3", choices: [(id: "z", text: "z", feedback: "f", scores: {"fraud_recognition": 1},
                    branch: [(weight: 1, next: "end"), (weight: 1, next: "a__z")])]),
                "a__z": (text: "4", next: "end"),
            },
            endings: {"end": (title: "<b>End</b>", outcome: Resolved, summary: "s")},
        )"#;
        let checked = crate::engine::load::load_str(src);
        let s = checked.scenario.unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
        let mermaid = render(&s, GraphFormat::Mermaid);
        // Five vertices and one random draw, each under its own id; `end` is never an id.
        for id in ["n0", "n1", "n2", "n3", "n4", "r0"] {
            assert!(mermaid.contains(&format!("\n  {id}")), "{id}: {mermaid}");
        }
        assert!(!mermaid.contains(" end"), "{mermaid}");
        assert!(mermaid.contains("#lt;b#gt;End"), "{mermaid}");
        assert_eq!(mermaid.matches("-->").count() + mermaid.matches("-.->").count(), 6, "{mermaid}");
        let dot = render(&s, GraphFormat::Dot);
        assert!(dot.contains("n3 -> r0") && dot.contains("r0 -> n4") && dot.contains("r0 -> n2"), "{dot}");
    }
}
