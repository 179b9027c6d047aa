//! Injects: those of a node, which arrive after a time or when a condition holds, and the
//! facilitator's, sent by hand at any decision.

use rustc_hash::FxHashSet as HashSet;

use super::conditions::{check_condition, check_effect};
use super::{Checker, check_artefacts, check_ref, check_text, limits, marks};
use crate::engine::diag::Diagnostic;
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::{Inject, Node, NodeId};

/// A node's injects: each once, each with a way to arrive, and what each says and shows.
pub(super) fn check_node_injects(c: &mut Checker<'_>, p: &ValuePath<'_>, id: &NodeId, node: &Node) {
    let mut inject_ids = HashSet::default();
    for (i, inject) in node.injects.iter().enumerate() {
        let injects = p.field("injects");
        let ip = injects.index(i);
        if !inject_ids.insert(&inject.id) {
            c.at(ip.field("id"), Diagnostic::error(msg!("diag-inject-twice", inject = inject.id, node = id)));
        }
        if inject.after.is_none() && inject.when.is_none() {
            c.at_key(
                ip,
                Diagnostic::error(msg!("diag-inject-never", inject = inject.id)).hint(msg!("diag-inject-never-hint")),
            );
        }
        check_content(c, &ip, inject);
    }
}

/// The facilitator's injects: each once, sent by hand (no `after`, no `when`), and what each
/// says and shows.
pub(super) fn check_facilitator_injects(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let count = c.s.facilitator_injects.len();
    if count > limits::MAX_INJECTS {
        c.at_key(
            root.field("facilitator_injects"),
            Diagnostic::error(msg!("diag-too-many-hand-injects", count = count, max = limits::MAX_INJECTS)),
        );
    }
    let mut ids = HashSet::default();
    for (i, inject) in c.s.facilitator_injects.iter().enumerate() {
        let injects = root.field("facilitator_injects");
        let ip = injects.index(i);
        if !ids.insert(&inject.id) {
            c.at(ip.field("id"), Diagnostic::error(msg!("diag-hand-inject-twice", inject = inject.id)));
        }
        // Flagging names an inject by id: a node's and the facilitator's must not share one.
        if let Some((node, _)) = c.s.nodes.iter().find(|(_, n)| n.injects.iter().any(|i| i.id == inject.id)) {
            c.at(ip.field("id"), Diagnostic::error(msg!("diag-hand-inject-clash", inject = inject.id, node = node)));
        }
        limits::check_inject(c, &ip, inject);
        if inject.after.is_some() || inject.when.is_some() {
            let field = if inject.after.is_some() { "after" } else { "when" };
            c.at(
                ip.field(field),
                Diagnostic::error(msg!("diag-hand-inject-timed", inject = inject.id, field = field))
                    .hint(msg!("diag-hand-inject-timed-hint")),
            );
        }
        check_content(c, &ip, inject);
    }
}

/// What an inject says and shows: its speaker, text, red flags, artefacts and where the flags
/// show, its condition and effects.
fn check_content(c: &mut Checker<'_>, ip: &ValuePath<'_>, inject: &Inject) {
    if let Some(speaker) = &inject.speaker {
        check_ref(c, ip.field("speaker"), || msg!("diag-kind-cast-member"), speaker.as_str(), &c.s.cast);
    }
    check_text(c, ip.field("text"), &inject.text);
    for (j, flag) in inject.red_flags.iter().enumerate() {
        check_ref(c, ip.field("red_flags").index(j), || msg!("diag-kind-red-flag"), flag.as_str(), &c.s.red_flags);
    }
    check_artefacts(c, &ip.field("artefacts"), &inject.artefacts);
    marks::check_spots(c, ip, &inject.red_flags, &inject.spots, &inject.artefacts);
    if let Some(when) = &inject.when {
        check_condition(c, ip.field("when"), when);
    }
    for (j, effect) in inject.effects.iter().enumerate() {
        check_effect(c, ip.field("effects").index(j), effect);
    }
}
