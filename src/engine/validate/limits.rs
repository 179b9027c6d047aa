//! Numbers and sizes no real drill needs, refused with their place, so that no arithmetic on a
//! scenario's numbers can overflow (scores, points and costs are summed over thousands of
//! decisions and debriefs; seconds become milliseconds) and no hostile file can make a command
//! slow (an id of 100,000 characters compared for "did you mean", a checklist phrase searched in
//! every answer, thousands of injects checked at every step).

use super::Checker;
use crate::engine::diag::Diagnostic;
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::*;

/// The largest score, checklist points or reveal cost, either way.
pub const MAX_POINTS: i32 = 1_000;
/// The largest weight of a random branch.
pub const MAX_WEIGHT: u32 = 1_000_000;
/// The longest time limit or inject delay, in seconds: a day.
pub const MAX_SECONDS: u32 = 86_400;
/// The largest complaint-queue count or rate.
pub const MAX_QUEUE: u32 = 10_000_000;
/// The largest integer a variable starts at, is added to it, or bounds a random number.
pub const MAX_INT: i64 = 1_000_000_000_000;
/// The longest id (of a node, choice, inject, red flag, competency, checklist item, variable,
/// cast member, reference or random value), in characters.
pub const MAX_ID: usize = 128;
/// The longest checklist phrase, in characters.
pub const MAX_PHRASE: usize = 200;
/// The longest text (a line, a message, feedback, an ending), in characters: the longest in the
/// bundled drills has about 1,250.
pub const MAX_TEXT: usize = 10_000;
/// The longest random detail (an option of `OneOf`, a `Pattern`), in characters.
pub const MAX_DETAIL: usize = 200;
/// The most injects one beat may have.
pub const MAX_INJECTS: usize = 100;

/// `what` names the figure (a message, made only when there is a problem).
fn too_large(what: fn() -> String, value: impl std::fmt::Display, limit: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(msg!("diag-too-large", what = what(), value = value, limit = limit))
}

fn points(c: &mut Checker<'_>, p: ValuePath<'_>, what: fn() -> String, value: i32) {
    if value.unsigned_abs() > MAX_POINTS.unsigned_abs() {
        c.at(p, too_large(what, value, format!("±{MAX_POINTS}")));
    }
}

fn seconds(c: &mut Checker<'_>, p: ValuePath<'_>, what: fn() -> String, value: u32) {
    if value > MAX_SECONDS {
        c.at(
            p,
            too_large(what, msg!("diag-limit-seconds", seconds = value), msg!("diag-limit-a-day", max = MAX_SECONDS)),
        );
    }
}

fn int(c: &mut Checker<'_>, p: ValuePath<'_>, what: fn() -> String, value: i64) {
    if value.unsigned_abs() > MAX_INT.unsigned_abs() {
        c.at(p, too_large(what, value, format!("±{MAX_INT}")));
    }
}

/// An id's length; the message shows its start only.
fn id(c: &mut Checker<'_>, p: ValuePath<'_>, what: fn() -> String, id: &str) {
    let n = id.chars().count();
    if n > MAX_ID {
        let start: String = id.chars().take(24).collect();
        c.at_key(
            p,
            Diagnostic::error(msg!("diag-id-too-long", what = what(), start = start, length = n, max = MAX_ID)),
        );
    }
}

/// Every id named by a declaration (a map key), by its place.
fn keys<'k, V: 'k>(
    c: &mut Checker<'_>,
    p: &ValuePath<'_>,
    what: fn() -> String,
    map: impl IntoIterator<Item = (&'k str, V)>,
) {
    for (key, _) in map {
        id(c, p.key(key), what, key);
    }
}

fn choice(c: &mut Checker<'_>, p: &ValuePath<'_>, ch: &Choice) {
    id(c, p.field("id"), || msg!("diag-kind-choice-id"), ch.id.as_str());
    for (competency, value) in &ch.scores {
        points(c, p.field("scores").key(competency.as_str()), || msg!("diag-limit-score"), *value);
    }
    for (i, arm) in ch.branch.iter().enumerate() {
        if arm.weight > MAX_WEIGHT {
            c.at(
                p.field("branch").index(i).field("weight"),
                too_large(|| msg!("diag-limit-weight"), arm.weight, MAX_WEIGHT),
            );
        }
    }
    effects(c, &p.field("effects"), &ch.effects);
}

fn effects(c: &mut Checker<'_>, p: &ValuePath<'_>, effects: &[Effect]) {
    for (i, effect) in effects.iter().enumerate() {
        match effect {
            Effect::Add(_, n) => int(c, p.index(i).index(1), || msg!("diag-limit-addition"), *n),
            Effect::Set(_, Value::Int(n)) => int(c, p.index(i).index(1), || msg!("diag-limit-value"), *n),
            Effect::Set(..) => {}
        }
    }
}

fn artefacts(c: &mut Checker<'_>, p: &ValuePath<'_>, artefacts: &[Artefact]) {
    for (i, artefact) in artefacts.iter().enumerate() {
        let ap = p.index(i);
        match artefact {
            Artefact::Queue(q) => {
                for (field, value) in [("count", q.count), ("per_minute", q.per_minute)] {
                    if value > MAX_QUEUE {
                        c.at(ap.field(field), too_large(|| msg!("diag-limit-queue"), value, MAX_QUEUE));
                    }
                }
            }
            Artefact::Crm(record) => {
                for (j, field) in record.fields.iter().enumerate() {
                    // The value is checked with the texts; the label, which names a place to
                    // flag, here.
                    text(c, ap.field("fields").index(j).field("label"), &field.label);
                    if let Some(rule) = &field.reveal {
                        let cost = || msg!("diag-limit-cost");
                        points(c, ap.field("fields").index(j).field("reveal").field("cost"), cost, rule.cost);
                    }
                }
            }
            Artefact::Email(_) | Artefact::Sms(_) | Artefact::Note(_) => {}
        }
    }
}

/// A text's length (a line, a message, feedback, a label, a name): filled, shown, logged and
/// copied at every step of a play or an exploration.
pub(super) fn text(c: &mut Checker<'_>, p: ValuePath<'_>, text: &str) {
    if text.len() > MAX_TEXT && text.chars().count() > MAX_TEXT {
        let n = text.chars().count();
        c.at(
            p,
            Diagnostic::error(msg!("diag-text-too-long", length = n, max = MAX_TEXT))
                .hint(msg!("diag-text-too-long-hint")),
        );
    }
}

/// A random detail's length: it is filled into texts wherever its placeholder stands.
fn detail(c: &mut Checker<'_>, p: ValuePath<'_>, text: &str) {
    let n = text.chars().count();
    if n > MAX_DETAIL {
        c.at(p, Diagnostic::error(msg!("diag-detail-too-long", length = n, max = MAX_DETAIL)));
    }
}

/// Every limit of the scenario.
pub(super) fn check_limits(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let s = c.s;
    keys(c, &root.field("cast"), || msg!("diag-kind-cast-member"), s.cast.iter().map(|(k, v)| (k.as_str(), v)));
    keys(c, &root.field("red_flags"), || msg!("diag-kind-red-flag"), s.red_flags.iter().map(|(k, v)| (k.as_str(), v)));
    let competencies = s.competencies.iter().map(|(k, v)| (k.as_str(), v));
    keys(c, &root.field("competencies"), || msg!("diag-kind-competency"), competencies);
    let references = s.references.iter().map(|(k, v)| (k.as_str(), v));
    keys(c, &root.field("references"), || msg!("diag-kind-reference"), references);
    keys(c, &root.field("variables"), || msg!("diag-kind-variable"), s.variables.iter().map(|(k, v)| (k.as_str(), v)));
    keys(c, &root.field("random"), || msg!("diag-kind-random-value"), s.random.iter().map(|(k, v)| (k.as_str(), v)));
    keys(c, &root.field("endings"), || msg!("diag-kind-ending"), s.endings.iter().map(|(k, v)| (k.as_str(), v)));
    // Declared texts the validator reads nowhere else.
    for (id, flag) in &s.red_flags {
        let p = root.field("red_flags");
        text(c, p.key(id.as_str()).field("name"), &flag.name);
        text(c, p.key(id.as_str()).field("description"), &flag.description);
    }
    for (id, competency) in &s.competencies {
        let p = root.field("competencies");
        text(c, p.key(id.as_str()).field("name"), &competency.name);
        text(c, p.key(id.as_str()).field("description"), &competency.description);
    }
    for (id, reference) in &s.references {
        let p = root.field("references");
        text(c, p.key(id.as_str()).field("title"), &reference.title);
        text(c, p.key(id.as_str()).field("text"), &reference.text);
    }
    for (name, value) in &s.variables {
        if let Value::Int(n) = value {
            int(c, root.field("variables").key(name.as_str()), || msg!("diag-limit-start-value"), *n);
        }
    }
    for (name, data) in &s.random {
        let p = root.field("random");
        match data {
            RandomData::Range(lo, hi) => {
                int(c, p.key(name).index(0), || msg!("diag-limit-bound"), *lo);
                int(c, p.key(name).index(1), || msg!("diag-limit-bound"), *hi);
            }
            RandomData::Pattern(text) => detail(c, p.key(name).index(0), text),
            RandomData::OneOf(options) => {
                let list = p.key(name);
                let list = list.index(0);
                for (i, text) in options.iter().enumerate() {
                    detail(c, list.index(i), text);
                }
            }
        }
    }
    for (node_id, node) in &s.nodes {
        let nodes = root.field("nodes");
        let p = nodes.key(node_id.as_str());
        id(c, p, || msg!("diag-kind-node-id"), node_id.as_str());
        for (i, ch) in node.choices.iter().enumerate() {
            choice(c, &p.field("choices").index(i), ch);
        }
        if let Some(timeout) = &node.timeout {
            seconds(c, p.field("timeout").field("seconds"), || msg!("diag-limit-time-limit"), timeout.seconds);
            choice(c, &p.field("timeout").field("then"), &timeout.then);
        }
        artefacts(c, &p.field("artefacts"), &node.artefacts);
        if node.injects.len() > MAX_INJECTS {
            c.at_key(
                p.field("injects"),
                Diagnostic::error(msg!("diag-too-many-injects", count = node.injects.len(), max = MAX_INJECTS))
                    .hint(msg!("diag-too-many-injects-hint")),
            );
        }
        for (i, inject) in node.injects.iter().enumerate() {
            let injects = p.field("injects");
            check_inject(c, &injects.index(i), inject);
        }
        if let Some(input) = &node.input {
            let ip = p.field("input");
            for (i, item) in input.checklist.iter().enumerate() {
                let checklist = ip.field("checklist");
                let cp = checklist.index(i);
                id(c, cp.field("id"), || msg!("diag-kind-checklist-item"), item.id.as_str());
                text(c, cp.field("text"), &item.text);
                points(c, cp.field("points"), || msg!("diag-limit-checklist-points"), item.points);
                for (j, phrase) in item.any.iter().enumerate() {
                    let n = phrase.chars().count();
                    if n > MAX_PHRASE {
                        c.at(
                            cp.field("any").index(j),
                            Diagnostic::error(msg!("diag-phrase-too-long", length = n, max = MAX_PHRASE)),
                        );
                    }
                }
            }
        }
    }
}

/// An inject's figures and sizes: its id, delay, artefacts and effects (a node's or the
/// facilitator's).
pub(super) fn check_inject(c: &mut Checker<'_>, ip: &ValuePath<'_>, inject: &Inject) {
    id(c, ip.field("id"), || msg!("diag-kind-inject-id"), inject.id.as_str());
    if let Some(after) = inject.after {
        seconds(c, ip.field("after"), || msg!("diag-limit-delay"), after);
    }
    artefacts(c, &ip.field("artefacts"), &inject.artefacts);
    effects(c, &ip.field("effects"), &inject.effects);
}
