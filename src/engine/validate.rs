//! Every semantic rule of a scenario: metadata, texts and placeholders, references to nodes,
//! cast, red flags, competencies and variables, node shapes, artefacts, choices, conditions and
//! effects; the whole-graph checks are in `validate/graph.rs`. Problems carry the path of the
//! value they concern; `load` turns them into located diagnostics.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::diag::{Diagnostic, did_you_mean, suggest};
use super::i18n::msg;
use super::locate::ValuePath;
use super::model::*;
use super::text::placeholders;

mod conditions;
mod cues;
mod graph;
mod injects;
mod limits;
mod marks;

use conditions::{check_condition, check_effect};
pub use cues::OPTION_LENGTH;
pub use graph::successors;
use graph::{check_graph, check_usage};

/// A problem found by [`validate`], with the path of the value it is about.
#[derive(Debug)]
pub struct Problem {
    /// What is wrong.
    pub diagnostic: Diagnostic,
    /// Where: a value or the key that names it.
    pub place: Place,
    /// The exact text inside the value to point at (a placeholder in a long string).
    pub needle: Option<String>,
}

/// Where a problem points: the path of a value as text, then its parents' from the nearest.
#[derive(Debug)]
pub enum Place {
    /// The value at this path.
    Value(Vec<String>),
    /// The key or field name of the value at this path.
    Key(Vec<String>),
}

impl Place {
    /// The path as text, then its parents' from the nearest.
    pub fn texts(&self) -> &[String] {
        match self {
            Place::Value(texts) | Place::Key(texts) => texts,
        }
    }
}

struct Checker<'a> {
    s: &'a Scenario,
    targets: HashSet<&'a NodeId>,
    out: Vec<Problem>,
    choice_ids: HashSet<&'a ChoiceId>,
    /// The hint for each missing target met so far: the candidates are the same for all.
    target_hints: HashMap<String, String>,
    /// How often the best option is the longest, counted node by node.
    lengths: cues::Lengths,
}

impl Checker<'_> {
    fn at(&mut self, path: ValuePath<'_>, d: Diagnostic) {
        self.out.push(Problem { diagnostic: d, place: Place::Value(path.texts()), needle: None });
    }

    fn at_key(&mut self, path: ValuePath<'_>, d: Diagnostic) {
        self.out.push(Problem { diagnostic: d, place: Place::Key(path.texts()), needle: None });
    }
}

/// Checks every semantic rule of the format; an empty list means the scenario is clean.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    // The whole-graph checks need nothing from the others: on a large scenario they run on the
    // other core. Problems come out in the same order either way.
    if s.nodes.len() >= PARALLEL_FROM_NODES {
        let (mut out, graph) = std::thread::scope(|scope| {
            let lang = super::i18n::engine_lang();
            let graph = scope.spawn(move || super::i18n::with_engine_lang(lang, || check_whole(s)));
            (check_parts(s), graph.join())
        });
        out.extend(graph.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        return out;
    }
    let mut out = check_parts(s);
    out.extend(check_whole(s));
    out
}

/// The most nodes a scenario may have.
pub const MAX_NODES: usize = 100_000;
/// The longest scenario id `check` accepts: it goes into the names of debrief files.
pub const MAX_SCENARIO_ID: usize = 64;

/// Scenarios with at least this many nodes are checked on two cores.
const PARALLEL_FROM_NODES: usize = 1_000;

/// Reachability and usage: the checks over the whole graph.
fn check_whole(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker {
        s,
        targets: HashSet::default(),
        out: Vec::new(),
        choice_ids: HashSet::default(),
        target_hints: HashMap::default(),
        lengths: cues::Lengths::default(),
    };
    let root = ValuePath::root();
    check_graph(&mut c, &root);
    check_usage(&mut c, &root);
    c.out
}

/// Every check of the metadata, the cast, the nodes and the endings, one by one.
fn check_parts(s: &Scenario) -> Vec<Problem> {
    let targets: HashSet<&NodeId> = s.nodes.keys().chain(s.endings.keys()).collect();
    let choices = s.nodes.values().map(|n| n.choices.len() + 1).sum();
    let mut choice_ids = HashSet::default();
    choice_ids.reserve(choices);
    let mut c = Checker {
        s,
        targets,
        out: Vec::new(),
        choice_ids,
        target_hints: HashMap::default(),
        lengths: cues::Lengths::default(),
    };
    let root = ValuePath::root();
    check_metadata(&mut c, &root);
    limits::check_limits(&mut c, &root);
    for (id, member) in &s.cast {
        let cast = root.field("cast");
        let p = cast.key(id.as_str());
        check_text(&mut c, p.field("name"), &member.name);
        if let Some(wants) = &member.wants {
            check_text(&mut c, p.field("wants"), wants);
        }
        if let Some(caller_id) = &member.caller_id {
            check_text(&mut c, p.field("caller_id"), caller_id);
        }
    }
    for (name, data) in &s.random {
        let random = root.field("random");
        let p = random.key(name);
        match data {
            RandomData::OneOf(options) if options.is_empty() => {
                c.at(p, Diagnostic::error(msg!("diag-random-empty", name = name)).hint(msg!("diag-random-empty-hint")));
            }
            RandomData::Range(lo, hi) if lo > hi => c.at(
                p,
                Diagnostic::error(msg!("diag-random-range", name = name, lo = lo, hi = hi))
                    .hint(msg!("diag-random-range-hint")),
            ),
            _ => {}
        }
    }
    if s.nodes.len() > MAX_NODES {
        c.at_key(
            root.field("nodes"),
            Diagnostic::error(msg!("diag-too-many-nodes", count = s.nodes.len(), max = MAX_NODES)),
        );
    }
    if !s.has_target(&s.start) {
        let hint = suggest(s.start.as_str(), s.nodes.keys().map(NodeId::as_str));
        c.at(root.field("start"), Diagnostic::error(msg!("diag-start-missing", start = s.start)).hint(hint));
    } else if s.endings.contains_key(&s.start) {
        c.at(
            root.field("start"),
            Diagnostic::error(msg!("diag-start-at-ending")).hint(msg!("diag-start-at-ending-hint")),
        );
    }
    for id in s.endings.keys().filter(|id| s.nodes.contains_key(*id)) {
        c.at_key(
            root.field("endings").key(id.as_str()),
            Diagnostic::error(msg!("diag-node-and-ending", id = id)).hint(msg!("diag-node-and-ending-hint")),
        );
    }
    for (id, node) in &s.nodes {
        let p = root.field("nodes");
        let p = p.key(id.as_str());
        check_node(&mut c, &p, id, node);
        cues::check_decision(&mut c, &p, id, node);
    }
    cues::check_drill(&mut c, &root);
    injects::check_facilitator_injects(&mut c, &root);
    for (id, ending) in &s.endings {
        let endings = root.field("endings");
        let p = endings.key(id.as_str());
        check_text(&mut c, p.field("title"), &ending.title);
        check_text(&mut c, p.field("summary"), &ending.summary);
    }
    c.out
}

fn check_metadata(c: &mut Checker<'_>, root: &ValuePath<'_>) {
    let s = c.s;
    check_text(c, root.field("title"), &s.title);
    for (i, objective) in s.objectives.iter().enumerate() {
        check_text(c, root.field("objectives").index(i), objective);
    }
    if let Some(spotting) = &s.spotting {
        check_competency(c, root.field("spotting"), false, spotting);
    }
    if s.format != FORMAT_VERSION {
        c.at(
            root.field("format"),
            Diagnostic::error(msg!("diag-format-unknown", format = s.format))
                .hint(msg!("diag-format-unknown-hint", version = FORMAT_VERSION)),
        );
    }
    if s.id.is_empty()
        || !s.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
    {
        c.at(
            root.field("id"),
            Diagnostic::error(msg!("diag-scenario-id-unusable", id = s.id))
                .hint(msg!("diag-scenario-id-unusable-hint")),
        );
    } else if s.id.len() > MAX_SCENARIO_ID {
        c.at(
            root.field("id"),
            Diagnostic::error(msg!("diag-scenario-id-too-long", length = s.id.len(), max = MAX_SCENARIO_ID))
                .hint(msg!("diag-scenario-id-too-long-hint")),
        );
    }
    if !matches!(s.language.as_str(), "en" | "zh-CN") {
        c.at(
            root.field("language"),
            Diagnostic::error(msg!("diag-language-unsupported", language = s.language))
                .hint(msg!("diag-language-unsupported-hint")),
        );
    }
    if s.minutes == 0 {
        c.at(root.field("minutes"), Diagnostic::warning(msg!("diag-zero-minutes")));
    }
    if s.objectives.is_empty() {
        c.at_key(
            root.field("title"),
            Diagnostic::warning(msg!("diag-no-objectives")).hint(msg!("diag-no-objectives-hint")),
        );
    }
    let b = root.field("briefing");
    check_text(c, b.field("role"), &s.briefing.role);
    check_text(c, b.field("situation"), &s.briefing.situation);
    for (i, allowed) in s.briefing.allowed.iter().enumerate() {
        check_text(c, b.field("allowed").index(i), allowed);
    }
}

fn check_text(c: &mut Checker<'_>, path: ValuePath<'_>, text: &str) {
    limits::text(c, path, text);
    if !text.contains(['{', '}']) {
        return;
    }
    match placeholders(text) {
        Err(problem) => {
            c.at(path, Diagnostic::error(msg!("diag-bad-placeholder", problem = placeholder_problem(&problem))));
        }
        Ok(names) => {
            for name in names.into_iter().filter(|n| !c.s.random.contains_key(*n)) {
                let hint = suggest(name, c.s.random.keys().map(String::as_str));
                let diagnostic = Diagnostic::error(msg!("diag-placeholder-unfilled", name = name))
                    .hint(msg!("diag-placeholder-unfilled-hint", hint = hint));
                c.out.push(Problem {
                    diagnostic,
                    place: Place::Value(path.texts()),
                    needle: Some(format!("{{{name}}}")),
                });
            }
        }
    }
}

/// The words of a problem [`placeholders`] found (it words them in English), in the engine's
/// language.
fn placeholder_problem(problem: &str) -> String {
    const UNOPENED: &str = "a `}` without its `{` (write `}}` for a literal brace)";
    const UNCLOSED: &str = "a `{` without its `}` (write `{{` for a literal brace)";
    if problem == UNOPENED {
        return msg!("diag-placeholder-unopened");
    }
    if problem == UNCLOSED {
        return msg!("diag-placeholder-unclosed");
    }
    match problem
        .strip_prefix("`{")
        .and_then(|r| r.strip_suffix("}` is not a placeholder name (letters, digits and `_`)"))
    {
        Some(name) => msg!("diag-placeholder-bad-name", name = name),
        None => problem.to_owned(),
    }
}

/// Reports `id` when `map` does not declare it; `what` names the kind of thing (a message, made
/// only when there is a problem).
fn check_ref<K: Ord + AsRef<str>, V>(
    c: &mut Checker<'_>,
    path: ValuePath<'_>,
    what: fn() -> String,
    id: &str,
    map: &BTreeMap<K, V>,
) {
    if !map.keys().any(|k| k.as_ref() == id) {
        let hint = suggest(id, map.keys().map(AsRef::as_ref));
        c.at(path, Diagnostic::error(msg!("diag-not-declared", what = what(), id = shown_id(id))).hint(hint));
    }
}

/// An id as a message shows it: whole up to 64 characters, else its start and its length.
fn shown_id(id: &str) -> std::borrow::Cow<'_, str> {
    let n = id.chars().count();
    if n <= 64 {
        return std::borrow::Cow::Borrowed(id);
    }
    std::borrow::Cow::Owned(msg!("diag-shown-id-long", start = id.chars().take(24).collect::<String>(), count = n))
}

macro_rules! as_ref_str {
    ($($t:ty),*) => {$(impl AsRef<str> for $t { fn as_ref(&self) -> &str { &self.0 } })*};
}
as_ref_str!(NodeId, CastId, RedFlagId, RefId, VarId, CompetencyId);

fn check_target(c: &mut Checker<'_>, path: ValuePath<'_>, target: &NodeId) {
    if !c.targets.contains(target) {
        let s = c.s;
        let hint = c
            .target_hints
            .entry(target.to_string())
            .or_insert_with(|| suggest(target.as_str(), s.nodes.keys().chain(s.endings.keys()).map(NodeId::as_str)))
            .clone();
        c.at(path, Diagnostic::error(msg!("diag-target-missing", id = shown_id(target.as_str()))).hint(hint));
    }
}

/// Checks a `next`: its target, or each arm's condition and target, the last arm unconditional.
fn check_next(c: &mut Checker<'_>, path: ValuePath<'_>, next: &Next) {
    let arms = match next {
        Next::To(target) => return check_target(c, path, target),
        Next::Arms(arms) => arms,
    };
    if arms.is_empty() {
        c.at(path, Diagnostic::error(msg!("diag-next-no-arms")).hint(msg!("diag-next-no-arms-hint")));
    }
    let last = arms.len().saturating_sub(1);
    for (i, arm) in arms.iter().enumerate() {
        let ap = path.index(i);
        match (&arm.when, i == last) {
            (Some(when), false) => check_condition(c, ap.field("when"), when),
            (Some(when), true) => {
                check_condition(c, ap.field("when"), when);
                c.at(
                    ap.field("when"),
                    Diagnostic::error(msg!("diag-next-last-arm-conditional"))
                        .hint(msg!("diag-next-last-arm-conditional-hint")),
                );
            }
            (None, false) => c.at_key(
                ap,
                Diagnostic::warning(msg!("diag-next-arm-unconditional", arm = i + 1))
                    .hint(msg!("diag-next-arm-unconditional-hint")),
            ),
            (None, true) => {}
        }
        check_target(c, ap.field("to"), &arm.to);
    }
}

/// Reports an undeclared competency, at the map key when `key` (a `scores` entry).
fn check_competency(c: &mut Checker<'_>, path: ValuePath<'_>, key: bool, id: &CompetencyId) {
    if !c.s.has_competency(id) {
        let declared = STANDARD_COMPETENCIES.iter().copied().chain(c.s.competencies.keys().map(CompetencyId::as_str));
        let close = did_you_mean(id.as_str(), declared.clone()).is_some();
        let mut hint = suggest(id.as_str(), declared);
        if !close {
            hint = msg!("diag-competency-undeclared-hint", hint = hint);
        }
        let diagnostic = Diagnostic::error(msg!("diag-competency-undeclared", id = id)).hint(hint);
        let place = if key { Place::Key(path.texts()) } else { Place::Value(path.texts()) };
        c.out.push(Problem { diagnostic, place, needle: None });
    }
}

fn check_node<'a>(c: &mut Checker<'a>, p: &ValuePath<'_>, id: &NodeId, node: &'a Node) {
    if let Some(speaker) = &node.speaker {
        check_ref(c, p.field("speaker"), || msg!("diag-kind-cast-member"), speaker.as_str(), &c.s.cast);
    }
    check_text(c, p.field("text"), &node.text);
    for (field, text) in [("direction", &node.direction), ("pushback", &node.pushback)] {
        if let Some(text) = text {
            check_text(c, p.field(field), text);
        }
    }
    if let Some(label) = &node.label {
        check_text(c, p.field("label"), label);
    }
    for (i, flag) in node.red_flags.iter().enumerate() {
        check_ref(c, p.field("red_flags").index(i), || msg!("diag-kind-red-flag"), flag.as_str(), &c.s.red_flags);
    }
    check_artefacts(c, &p.field("artefacts"), &node.artefacts);
    marks::check_spots(c, p, &node.red_flags, &node.spots, &node.artefacts);
    let ways =
        usize::from(!node.choices.is_empty()) + usize::from(node.input.is_some()) + usize::from(node.next.is_some());
    if ways == 0 {
        c.at_key(*p, Diagnostic::error(msg!("diag-node-dead-end", id = id)).hint(msg!("diag-node-dead-end-hint")));
    } else if ways > 1 {
        c.at_key(*p, Diagnostic::error(msg!("diag-node-several-ways", id = id)).hint(msg!("diag-keep-one")));
    }
    if let Some(next) = &node.next {
        check_next(c, p.field("next"), next);
    }
    for (i, choice) in node.choices.iter().enumerate() {
        check_choice(c, &p.field("choices").index(i), choice);
    }
    if let Some(timeout) = &node.timeout {
        let tp = p.field("timeout");
        if node.choices.is_empty() {
            c.at_key(
                tp,
                Diagnostic::error(msg!("diag-timeout-no-choices", id = id)).hint(msg!("diag-timeout-no-choices-hint")),
            );
        }
        if timeout.seconds == 0 {
            c.at(tp.field("seconds"), Diagnostic::error(msg!("diag-timeout-zero")));
        }
        check_choice(c, &tp.field("then"), &timeout.then);
    }
    if !node.choices.is_empty() && node.choices.iter().all(|ch| ch.when.is_some()) {
        c.at_key(
            p.field("choices"),
            Diagnostic::warning(msg!("diag-all-choices-conditional", id = id))
                .hint(msg!("diag-all-choices-conditional-hint")),
        );
    }
    if !node.choices.is_empty() {
        let all = node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then));
        if all.clone().all(|ch| ch.scores.values().all(|v| *v == 0)) {
            c.at_key(
                p.field("choices"),
                Diagnostic::warning(msg!("diag-decision-unscored", id = id)).hint(msg!("diag-decision-unscored-hint")),
            );
        }
    }
    if node.next.is_some() && !node.injects.is_empty() {
        c.at_key(
            p.field("injects"),
            Diagnostic::warning(msg!("diag-injects-skipped", id = id)).hint(msg!("diag-injects-skipped-hint")),
        );
    }
    injects::check_node_injects(c, p, id, node);
    if let Some(input) = &node.input {
        let ip = p.field("input");
        check_text(c, ip.field("prompt"), &input.prompt);
        check_next(c, ip.field("next"), &input.next);
        if let Some(model) = &input.model_answer {
            check_text(c, ip.field("model_answer"), model);
        }
        if input.checklist.is_empty() {
            c.at_key(ip, Diagnostic::warning(msg!("diag-no-checklist")).hint(msg!("diag-no-checklist-hint")));
        }
        let mut check_ids = HashSet::default();
        for (i, item) in input.checklist.iter().enumerate() {
            let checklist = ip.field("checklist");
            let cp = checklist.index(i);
            if !check_ids.insert(&item.id) {
                c.at(cp.field("id"), Diagnostic::error(msg!("diag-checklist-twice", item = item.id)));
            }
            check_competency(c, cp.field("competency"), false, &item.competency);
            if item.any.iter().all(|k| k.trim().is_empty()) {
                c.at_key(cp.field("any"), Diagnostic::error(msg!("diag-checklist-no-keywords", item = item.id)));
            }
            if item.section.is_some() && input.kind == InputKind::FreeText {
                c.at(cp.field("section"), Diagnostic::warning(msg!("diag-section-ignored")));
            }
        }
    }
}

fn check_artefacts(c: &mut Checker<'_>, p: &ValuePath<'_>, artefacts: &[Artefact]) {
    for (i, artefact) in artefacts.iter().enumerate() {
        let ap = p.index(i);
        match artefact {
            Artefact::Crm(record) => {
                check_text(c, ap.field("title"), &record.title);
                for (j, field) in record.fields.iter().enumerate() {
                    let fields = ap.field("fields");
                    let fp = fields.index(j);
                    check_text(c, fp.field("value"), &field.value);
                    marks::check_reveal(c, &fp, field);
                }
            }
            Artefact::Email(m) | Artefact::Sms(m) => {
                check_text(c, ap.field("from"), &m.from);
                check_text(c, ap.field("body"), &m.body);
                if let Some(subject) = &m.subject {
                    check_text(c, ap.field("subject"), subject);
                }
                if let Some(link) = &m.link {
                    check_text(c, ap.field("link").field("text"), &link.text);
                    check_text(c, ap.field("link").field("href"), &link.href);
                    match link.scheme().as_deref() {
                        Some("http" | "https") | None => {
                            if link.real_domain().is_empty() {
                                c.at(ap.field("link").field("href"), Diagnostic::error(msg!("diag-link-no-domain")));
                            }
                        }
                        Some(scheme) => c.at(
                            ap.field("link").field("href"),
                            Diagnostic::error(msg!("diag-link-scheme", scheme = scheme))
                                .hint(msg!("diag-link-scheme-hint")),
                        ),
                    }
                }
            }
            Artefact::Queue(q) => check_text(c, ap.field("label"), &q.label),
            Artefact::Note(n) => {
                check_text(c, ap.field("title"), &n.title);
                check_text(c, ap.field("body"), &n.body);
            }
        }
    }
}

fn check_choice<'a>(c: &mut Checker<'a>, p: &ValuePath<'_>, choice: &'a Choice) {
    if !c.choice_ids.insert(&choice.id) {
        let first =
            c.s.all_choices().find(|(_, ch)| ch.id == choice.id).map(|(node, _)| node.to_string()).unwrap_or_default();
        c.at(
            p.field("id"),
            Diagnostic::error(msg!("diag-choice-twice", id = choice.id))
                .hint(msg!("diag-choice-twice-hint", node = first)),
        );
    }
    check_text(c, p.field("text"), &choice.text);
    check_text(c, p.field("feedback"), &choice.feedback);
    if choice.feedback.trim().is_empty() {
        c.at_key(
            *p,
            Diagnostic::warning(msg!("diag-choice-no-feedback", id = choice.id))
                .hint(msg!("diag-choice-no-feedback-hint")),
        );
    }
    if let Some(when) = &choice.when {
        check_condition(c, p.field("when"), when);
    }
    for (i, effect) in choice.effects.iter().enumerate() {
        check_effect(c, p.field("effects").index(i), effect);
    }
    for competency in choice.scores.keys() {
        check_competency(c, p.field("scores").key(competency.as_str()), true, competency);
    }
    for (i, flag) in choice.catches.iter().enumerate() {
        check_ref(c, p.field("catches").index(i), || msg!("diag-kind-red-flag"), flag.as_str(), &c.s.red_flags);
    }
    for (i, reference) in choice.cites.iter().enumerate() {
        check_ref(c, p.field("cites").index(i), || msg!("diag-kind-reference"), reference.as_str(), &c.s.references);
    }
    match (&choice.next, choice.branch.is_empty()) {
        (Some(next), true) => check_next(c, p.field("next"), next),
        (None, true) => c.at_key(
            *p,
            Diagnostic::error(msg!("diag-choice-leads-nowhere", id = choice.id))
                .hint(msg!("diag-choice-leads-nowhere-hint")),
        ),
        (Some(_), false) => c.at_key(
            *p,
            Diagnostic::error(msg!("diag-choice-next-and-branch", id = choice.id)).hint(msg!("diag-keep-one")),
        ),
        (None, false) => {
            for (i, arm) in choice.branch.iter().enumerate() {
                let branch = p.field("branch");
                let bp = branch.index(i);
                if arm.weight == 0 {
                    c.at(
                        bp.field("weight"),
                        Diagnostic::error(msg!("diag-branch-zero-weight")).hint(msg!("diag-branch-zero-weight-hint")),
                    );
                }
                check_target(c, bp.field("next"), &arm.next);
            }
        }
    }
}
