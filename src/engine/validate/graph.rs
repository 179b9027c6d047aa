//! The whole-graph checks: every node reachable from the start, an ending reachable from every
//! node, and declared names (red flags, competencies, references, cast) actually used.

use std::collections::VecDeque;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Checker;
use crate::engine::diag::Diagnostic;
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::*;

/// Every node or ending a node can lead to, ignoring conditions.
pub fn successors(node: &Node) -> impl Iterator<Item = &NodeId> {
    let choices = node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then));
    let via_choices =
        choices.flat_map(|ch| ch.next.iter().flat_map(Next::targets).chain(ch.branch.iter().map(|b| &b.next)));
    node.next.iter().chain(node.input.as_ref().map(|i| &i.next)).flat_map(Next::targets).chain(via_choices)
}

pub(super) fn check_graph(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let s = c.s;
    // Number every node and ending once; the walks below work on numbers.
    let ids: Vec<&NodeId> = s.nodes.keys().chain(s.endings.keys()).collect();
    let number: HashMap<&NodeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    let mut backward: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, node) in s.nodes.values().enumerate() {
        for next in successors(node).filter_map(|n| number.get(n)) {
            forward[i].push(*next);
            backward[*next].push(i);
        }
    }
    let spread = |from: Vec<usize>, edges: &[Vec<usize>]| -> Vec<bool> {
        let mut seen = vec![false; ids.len()];
        let mut queue: VecDeque<usize> = VecDeque::new();
        for i in from {
            if !seen[i] {
                seen[i] = true;
                queue.push_back(i);
            }
        }
        while let Some(i) = queue.pop_front() {
            for &j in &edges[i] {
                if !seen[j] {
                    seen[j] = true;
                    queue.push_back(j);
                }
            }
        }
        seen
    };
    let reached = spread(number.get(&s.start).into_iter().copied().collect(), &forward);
    let finishing = spread((s.nodes.len()..ids.len()).collect(), &backward);
    for (i, id) in s.nodes.keys().enumerate() {
        let nodes = root.field("nodes");
        let p = nodes.key(id.as_str());
        if !reached[i] {
            c.at_key(
                p,
                Diagnostic::warning(msg!("diag-node-unreachable", id = id, start = s.start))
                    .hint(msg!("diag-node-unreachable-hint")),
            );
        }
        if !finishing[i] {
            c.at_key(p, Diagnostic::error(msg!("diag-node-no-ending", id = id)).hint(msg!("diag-node-no-ending-hint")));
        }
    }
    for (i, id) in s.endings.keys().enumerate() {
        if !reached[s.nodes.len() + i] {
            c.at_key(
                root.field("endings").key(id.as_str()),
                Diagnostic::warning(msg!("diag-ending-unreachable", id = id)),
            );
        }
    }
}

pub(super) fn check_usage(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let s = c.s;
    let caught: HashSet<&RedFlagId> = s.all_choices().flat_map(|(_, ch)| &ch.catches).collect();
    // A flag the facilitator's injects carry shows when the facilitator sends them.
    let present: HashSet<&RedFlagId> = s
        .nodes
        .values()
        .flat_map(|n| n.red_flags.iter().chain(n.injects.iter().flat_map(|i| &i.red_flags)))
        .chain(s.facilitator_injects.iter().flat_map(|i| &i.red_flags))
        .collect();
    for id in s.red_flags.keys() {
        let flags = root.field("red_flags");
        let p = flags.key(id.as_str());
        if !caught.contains(id) {
            c.at_key(
                p,
                Diagnostic::warning(msg!("diag-red-flag-never-caught", id = id))
                    .hint(msg!("diag-red-flag-never-caught-hint")),
            );
        }
        if !present.contains(id) {
            c.at_key(
                p,
                Diagnostic::warning(msg!("diag-red-flag-never-shown", id = id))
                    .hint(msg!("diag-red-flag-never-shown-hint")),
            );
        }
    }
    let scored: HashSet<&CompetencyId> = s
        .all_choices()
        .flat_map(|(_, ch)| ch.scores.keys())
        .chain(
            s.nodes
                .values()
                .filter_map(|n| n.input.as_ref())
                .flat_map(|i| i.checklist.iter().map(|item| &item.competency)),
        )
        // Spotting and the cost of unjustified reveals score too.
        .chain(s.spotting.as_ref())
        .chain(
            s.nodes
                .values()
                .flat_map(|n| n.artefacts.iter().chain(n.injects.iter().flat_map(|i| &i.artefacts)))
                .flat_map(|a| match a {
                    Artefact::Crm(r) => {
                        r.fields.iter().filter_map(|f| f.reveal.as_ref().map(|rule| &rule.competency)).collect()
                    }
                    _ => Vec::new(),
                }),
        )
        .collect();
    for id in s.competencies.keys().filter(|id| !scored.contains(id)) {
        c.at_key(
            root.field("competencies").key(id.as_str()),
            Diagnostic::warning(msg!("diag-competency-unscored", id = id)),
        );
    }
    let cited: HashSet<&RefId> = s.all_choices().flat_map(|(_, ch)| &ch.cites).collect();
    for id in s.references.keys().filter(|id| !cited.contains(id)) {
        c.at_key(
            root.field("references").key(id.as_str()),
            Diagnostic::warning(msg!("diag-reference-uncited", id = id)),
        );
    }
}
