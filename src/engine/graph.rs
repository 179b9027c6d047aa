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

struct Edge {
    from: String,
    to: String,
    label: String,
    dashed: bool,
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
                let total: u32 = choice.branch.iter().map(|b| b.weight).sum();
                let dice = format!("{id}__{}", choice.id);
                out.push(Edge { from: id.to_string(), to: dice.clone(), label, dashed: timed_out });
                for arm in &choice.branch {
                    out.push(Edge {
                        from: dice.clone(),
                        to: arm.next.to_string(),
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
        Next::To(to) => out.push(Edge { from: from.to_owned(), to: to.to_string(), label: label.to_owned(), dashed }),
        Next::Arms(arms) => {
            for arm in arms {
                let condition = match &arm.when {
                    Some(when) => format!("if {}", ron::to_string(when).unwrap_or_default()),
                    None => "else".to_owned(),
                };
                let label = if label.is_empty() { condition } else { format!("{label} {condition}") };
                out.push(Edge { from: from.to_owned(), to: arm.to.to_string(), label, dashed });
            }
        }
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid_id(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
}

/// Renders the drill as a graph.
pub fn render(s: &Scenario, format: GraphFormat) -> String {
    let edges = edges(s);
    let dice: Vec<&str> = edges.iter().filter(|e| e.from.contains("__")).map(|e| e.from.as_str()).collect();
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
                let _ = writeln!(out, "  \"{}\" [shape={shape}, label=\"{caption}\"{start}];", dot_escape(id.as_str()));
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
                    "  \"{}\" [shape=doubleoctagon, style=filled, fillcolor=\"{colour}\", label=\"{caption}\"];",
                    dot_escape(id.as_str())
                );
            }
            for d in &dice {
                let _ = writeln!(out, "  \"{}\" [shape=diamond, label=\"🎲\"];", dot_escape(d));
            }
            for e in &edges {
                let style = if e.dashed { ", style=dashed" } else { "" };
                let _ = writeln!(
                    out,
                    "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                    dot_escape(&e.from),
                    dot_escape(&e.to),
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
                let _ = writeln!(out, "  {}{open}{caption}{close}", mermaid_id(id.as_str()));
            }
            for (id, ending) in &s.endings {
                let _ = writeln!(
                    out,
                    "  {}{{{{\"{} [{}]\"}}}}",
                    mermaid_id(id.as_str()),
                    mermaid_text(&short(&ending.title, 60)),
                    ending.outcome.key()
                );
                let _ = writeln!(out, "  class {} {};", mermaid_id(id.as_str()), ending.outcome.key());
            }
            for d in &dice {
                let _ = writeln!(out, "  {}{{\"🎲\"}}", mermaid_id(d));
            }
            for e in &edges {
                let arrow = if e.dashed { "-.->" } else { "-->" };
                if e.label.is_empty() {
                    let _ = writeln!(out, "  {} {arrow} {}", mermaid_id(&e.from), mermaid_id(&e.to));
                } else {
                    let _ = writeln!(
                        out,
                        "  {} {arrow}|\"{}\"| {}",
                        mermaid_id(&e.from),
                        mermaid_text(&e.label),
                        mermaid_id(&e.to)
                    );
                }
            }
            let _ = writeln!(out, "  style {} stroke-width:3px", mermaid_id(s.start.as_str()));
            out.push_str("  classDef resolved fill:#c6f6d5;\n  classDef partially_resolved fill:#fefcbf;\n  classDef harmed fill:#fed7d7;\n");
        }
    }
    out
}
