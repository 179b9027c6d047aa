//! Loading a scenario file and checking it: syntax through `ron`, then every semantic rule, each
//! problem reported with its place.

use std::collections::{BTreeMap, VecDeque};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path as FsPath;

use ron::extensions::Extensions;

use super::diag::{Diagnostic, Span, suggest};
use super::locate::{Lines, Path, SourceIndex, duplicate_keys};
use super::model::*;
use super::text::placeholders;

/// The largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of brackets a scenario file may have.
pub const MAX_NESTING: usize = 128;
/// The most nodes a scenario may have.
pub const MAX_NODES: usize = 100_000;

/// What loading a scenario gave: the scenario when it has no errors, and every problem found.
#[derive(Debug)]
pub struct Checked {
    /// The scenario, present only when there are no errors (warnings allowed).
    pub scenario: Option<Scenario>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Are there errors?
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn failed(diagnostic: Diagnostic) -> Self {
        Self { scenario: None, diagnostics: vec![diagnostic] }
    }
}

/// The RON options scenario files are read with: `Some` may be left out, and an enum variant
/// holding a struct may be written flat (`Crm(title: …)`).
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_recursion_limit(MAX_NESTING)
}

/// Loads and checks a scenario from a file's bytes.
pub fn load_bytes(bytes: &[u8]) -> Checked {
    if bytes.len() > MAX_FILE_BYTES {
        return Checked::failed(
            Diagnostic::error(format!(
                "the file is {} bytes; scenario files may be at most {MAX_FILE_BYTES} bytes (16 MiB)",
                bytes.len()
            ))
            .hint("split the drill into smaller scenarios"),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(source) => load_str(source),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let end = Lines::new(valid).pos(valid.len());
            Checked::failed(
                Diagnostic::error("the file is not UTF-8 text")
                    .at(Some(Span::at(end.line, end.col)))
                    .hint("save the scenario as UTF-8 (binary files and other encodings are not scenarios)"),
            )
        }
    }
}

/// Loads and checks a scenario file from disk. An unreadable file is one error diagnostic.
pub fn load_file(path: &FsPath) -> (String, Checked) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let checked = load_bytes(&bytes);
            (String::from_utf8_lossy(&bytes).into_owned(), checked)
        }
        Err(err) => (String::new(), Checked::failed(Diagnostic::error(format!("cannot read the file: {err}")))),
    }
}

/// Loads and checks a scenario from source text.
pub fn load_str(source: &str) -> Checked {
    if source.len() > MAX_FILE_BYTES {
        return load_bytes(source.as_bytes());
    }
    if source.trim().is_empty() {
        return Checked::failed(
            Diagnostic::error("the file is empty")
                .at(Some(Span::at(1, 1)))
                .hint("start from `hotwash new <id>` or the example in docs/scenario-format.md"),
        );
    }
    let (scenario, duplicates) = match super::quick::from_str::<Scenario>(source) {
        // Keys written twice are located by a scan of the text, needed only when the quick
        // reader saw a repeat.
        Some(read) => (read.value, if read.repeated_keys { duplicate_keys(source) } else { Vec::new() }),
        None => {
            // `ron` reads it and reports the syntax error; the scan runs on the other core.
            let (parsed, duplicates) = std::thread::scope(|scope| {
                let scan = scope.spawn(|| duplicate_keys(source));
                let parsed: Result<Scenario, _> = ron_options().from_str(source);
                (parsed, scan.join())
            });
            match parsed {
                Ok(s) => (s, duplicates.unwrap_or_default()),
                Err(err) => return Checked::failed(syntax_diagnostic(&err)),
            }
        }
    };
    let mut diagnostics = Vec::new();
    for dup in duplicates {
        diagnostics.push(
            Diagnostic::error(format!("`{}` is written twice in `{}`", dup.key, dup.map))
                .at(Some(dup.span))
                .hint(format!("the first is at line {}; ids must be unique", dup.first.start.line)),
        );
    }
    let problems = validate(&scenario);
    if !problems.is_empty() {
        // One pass over the file locates every path the problems name (and their parents).
        let index = SourceIndex::build_for(source, problems.iter().flat_map(|p| p.place.texts()).map(String::as_str));
        diagnostics.extend(problems.into_iter().map(|problem| locate(problem, &index, source)));
    }
    diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.severity));
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Checked { scenario: (!has_errors).then_some(scenario), diagnostics }
}

/// The problem's diagnostic at its place in `source`, found in `index`.
fn locate(problem: Problem, index: &SourceIndex<'_>, source: &str) -> Diagnostic {
    let mut span = match &problem.place {
        Place::Value(p) => index.value_at(p).or_else(|| index.key_at(p)),
        Place::Key(p) => index.key_at(p),
    };
    if let (Some(needle), Some(found)) = (&problem.needle, span) {
        span = find_after(index.lines(), source, found.start, needle).or(span);
    }
    problem.diagnostic.at(span)
}

/// The span of the first `needle` at or after `from` in the indexed source.
fn find_after(lines: &Lines<'_>, source: &str, from: super::diag::Pos, needle: &str) -> Option<Span> {
    let start = lines.offset(from);
    let at = start + source.get(start..)?.find(needle)?;
    Some(lines.span((at, at + needle.len())))
}

fn syntax_diagnostic(err: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let span = Span {
        start: super::diag::Pos { line: err.span.start.line, col: err.span.start.col },
        end: super::diag::Pos { line: err.span.end.line, col: err.span.end.col },
    };
    let d = Diagnostic::error(err.code.to_string()).at(Some(span));
    match &err.code {
        E::ExceededRecursionLimit => d.hint(format!("scenario files may nest at most {MAX_NESTING} levels deep")),
        E::Eof => d.hint("the file ends too early: a bracket or quote is not closed"),
        E::ExpectedStringEnd => d.hint("a string is not closed: its closing `\"` is missing"),
        E::ExpectedStructLikeEnd | E::ExpectedComma => d.hint("a `,` between fields or a closing bracket is missing"),
        E::MissingStructField { field, .. } => d.hint(format!("add `{field}: …` (see docs/scenario-format.md)")),
        _ => d,
    }
}

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
}

impl Checker<'_> {
    fn at(&mut self, path: Path<'_>, d: Diagnostic) {
        self.out.push(Problem { diagnostic: d, place: Place::Value(path.texts()), needle: None });
    }

    fn at_key(&mut self, path: Path<'_>, d: Diagnostic) {
        self.out.push(Problem { diagnostic: d, place: Place::Key(path.texts()), needle: None });
    }
}

/// Checks every semantic rule of the format; an empty list means the scenario is clean.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    // The whole-graph checks need nothing from the others: on a large scenario they run on the
    // other core. Problems come out in the same order either way.
    if s.nodes.len() >= PARALLEL_FROM_NODES {
        let (mut out, graph) = std::thread::scope(|scope| {
            let graph = scope.spawn(|| check_whole(s));
            (check_parts(s), graph.join())
        });
        out.extend(graph.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        return out;
    }
    let mut out = check_parts(s);
    out.extend(check_whole(s));
    out
}

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
    };
    let root = Path::root();
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
    let mut c = Checker { s, targets, out: Vec::new(), choice_ids, target_hints: HashMap::default() };
    let root = Path::root();
    check_metadata(&mut c, &root);
    for (id, member) in &s.cast {
        let cast = root.field("cast");
        let p = cast.key(id.as_str());
        check_text(&mut c, p.field("name"), &member.name);
        if let Some(caller_id) = &member.caller_id {
            check_text(&mut c, p.field("caller_id"), caller_id);
        }
    }
    for (name, data) in &s.random {
        let random = root.field("random");
        let p = random.key(name);
        match data {
            RandomData::OneOf(options) if options.is_empty() => {
                c.at(p, Diagnostic::error(format!("random `{name}` has no options")).hint("give at least one text"));
            }
            RandomData::Range(lo, hi) if lo > hi => c.at(
                p,
                Diagnostic::error(format!("random `{name}` ranges from {lo} down to {hi}"))
                    .hint("write the smaller number first"),
            ),
            _ => {}
        }
    }
    if s.nodes.len() > MAX_NODES {
        c.at_key(
            root.field("nodes"),
            Diagnostic::error(format!("the scenario has {} nodes; at most {MAX_NODES} are allowed", s.nodes.len())),
        );
    }
    if !s.has_target(&s.start) {
        let hint = suggest(s.start.as_str(), s.nodes.keys().map(NodeId::as_str));
        c.at(root.field("start"), Diagnostic::error(format!("the start node `{}` does not exist", s.start)).hint(hint));
    } else if s.endings.contains_key(&s.start) {
        c.at(root.field("start"), Diagnostic::error("the drill starts at an ending").hint("start at a node"));
    }
    for id in s.endings.keys().filter(|id| s.nodes.contains_key(*id)) {
        c.at_key(
            root.field("endings").key(id.as_str()),
            Diagnostic::error(format!("`{id}` is both a node and an ending"))
                .hint("nodes and endings share one set of ids"),
        );
    }
    for (id, node) in &s.nodes {
        check_node(&mut c, &root.field("nodes").key(id.as_str()), id, node);
    }
    for (id, ending) in &s.endings {
        let endings = root.field("endings");
        let p = endings.key(id.as_str());
        check_text(&mut c, p.field("title"), &ending.title);
        check_text(&mut c, p.field("summary"), &ending.summary);
    }
    c.out
}

fn check_metadata(c: &mut Checker<'_>, root: &Path<'_>) {
    let s = c.s;
    if s.format != FORMAT_VERSION {
        c.at(
            root.field("format"),
            Diagnostic::error(format!("format {} is not known to this version of Hotwash", s.format))
                .hint(format!("this version reads format {FORMAT_VERSION}")),
        );
    }
    if s.id.is_empty()
        || !s.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
    {
        c.at(
            root.field("id"),
            Diagnostic::error(format!("the scenario id `{}` is not usable in file names", s.id))
                .hint("use lower-case letters, digits, `-` and `_`"),
        );
    }
    if !matches!(s.language.as_str(), "en" | "zh-CN") {
        c.at(
            root.field("language"),
            Diagnostic::error(format!("language `{}` is not supported", s.language)).hint("expected `en` or `zh-CN`"),
        );
    }
    if s.minutes == 0 {
        c.at(root.field("minutes"), Diagnostic::warning("the drill is estimated at 0 minutes"));
    }
    if s.objectives.is_empty() {
        c.at_key(
            root.field("title"),
            Diagnostic::warning("the scenario has no learning objectives")
                .hint("add `objectives: [\"…\"]`; the review compares against them"),
        );
    }
    let b = root.field("briefing");
    check_text(c, b.field("role"), &s.briefing.role);
    check_text(c, b.field("situation"), &s.briefing.situation);
    for (i, allowed) in s.briefing.allowed.iter().enumerate() {
        check_text(c, b.field("allowed").index(i), allowed);
    }
}

fn check_text(c: &mut Checker<'_>, path: Path<'_>, text: &str) {
    if !text.contains(['{', '}']) {
        return;
    }
    match placeholders(text) {
        Err(msg) => c.at(path, Diagnostic::error(format!("bad placeholder: {msg}"))),
        Ok(names) => {
            for name in names.into_iter().filter(|n| !c.s.random.contains_key(*n)) {
                let hint = suggest(name, c.s.random.keys().map(String::as_str));
                let diagnostic = Diagnostic::error(format!("placeholder `{{{name}}}` is never filled"))
                    .hint(format!("declare it under `random`; {hint}"));
                c.out.push(Problem {
                    diagnostic,
                    place: Place::Value(path.texts()),
                    needle: Some(format!("{{{name}}}")),
                });
            }
        }
    }
}

fn check_ref<K: Ord + AsRef<str>, V>(c: &mut Checker<'_>, path: Path<'_>, what: &str, id: &str, map: &BTreeMap<K, V>) {
    if !map.keys().any(|k| k.as_ref() == id) {
        let hint = suggest(id, map.keys().map(AsRef::as_ref));
        c.at(path, Diagnostic::error(format!("{what} `{id}` is not declared")).hint(hint));
    }
}

macro_rules! as_ref_str {
    ($($t:ty),*) => {$(impl AsRef<str> for $t { fn as_ref(&self) -> &str { &self.0 } })*};
}
as_ref_str!(NodeId, CastId, RedFlagId, RefId, VarId, CompetencyId);

fn check_target(c: &mut Checker<'_>, path: Path<'_>, target: &NodeId) {
    if !c.targets.contains(target) {
        let s = c.s;
        let hint = c
            .target_hints
            .entry(target.to_string())
            .or_insert_with(|| suggest(target.as_str(), s.nodes.keys().chain(s.endings.keys()).map(NodeId::as_str)))
            .clone();
        c.at(path, Diagnostic::error(format!("`{target}` is not a node or an ending")).hint(hint));
    }
}

/// Reports an undeclared competency, at the map key when `key` (a `scores` entry).
fn check_competency(c: &mut Checker<'_>, path: Path<'_>, key: bool, id: &CompetencyId) {
    if !c.s.has_competency(id) {
        let declared = STANDARD_COMPETENCIES.iter().copied().chain(c.s.competencies.keys().map(CompetencyId::as_str));
        let mut hint = suggest(id.as_str(), declared);
        if !hint.starts_with("did you mean") {
            hint.push_str("; declare others under `competencies`");
        }
        let diagnostic = Diagnostic::error(format!("competency `{id}` is not declared")).hint(hint);
        let place = if key { Place::Key(path.texts()) } else { Place::Value(path.texts()) };
        c.out.push(Problem { diagnostic, place, needle: None });
    }
}

fn check_node<'a>(c: &mut Checker<'a>, p: &Path<'_>, id: &NodeId, node: &'a Node) {
    if let Some(speaker) = &node.speaker {
        check_ref(c, p.field("speaker"), "cast member", speaker.as_str(), &c.s.cast);
    }
    check_text(c, p.field("text"), &node.text);
    if let Some(label) = &node.label {
        check_text(c, p.field("label"), label);
    }
    for (i, flag) in node.red_flags.iter().enumerate() {
        check_ref(c, p.field("red_flags").index(i), "red flag", flag.as_str(), &c.s.red_flags);
    }
    check_artefacts(c, &p.field("artefacts"), &node.artefacts);
    let ways =
        usize::from(!node.choices.is_empty()) + usize::from(node.input.is_some()) + usize::from(node.next.is_some());
    if ways == 0 {
        c.at_key(
            *p,
            Diagnostic::error(format!("node `{id}` has no choices, input or next: the drill would stop here"))
                .hint("add `choices`, an `input`, or `next` to an ending"),
        );
    } else if ways > 1 {
        c.at_key(
            *p,
            Diagnostic::error(format!("node `{id}` has more than one of `choices`, `input` and `next`"))
                .hint("keep one"),
        );
    }
    if let Some(next) = &node.next {
        check_target(c, p.field("next"), next);
    }
    for (i, choice) in node.choices.iter().enumerate() {
        check_choice(c, &p.field("choices").index(i), choice);
    }
    if let Some(timeout) = &node.timeout {
        let tp = p.field("timeout");
        if node.choices.is_empty() {
            c.at_key(
                tp,
                Diagnostic::error(format!("node `{id}` has a time limit but no choices"))
                    .hint("a timeout belongs on a decision"),
            );
        }
        if timeout.seconds == 0 {
            c.at(tp.field("seconds"), Diagnostic::error("a time limit of 0 seconds cannot be met"));
        }
        check_choice(c, &tp.field("then"), &timeout.then);
    }
    if !node.choices.is_empty() {
        let all = node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then));
        if all.clone().all(|ch| ch.scores.values().all(|v| *v == 0)) {
            c.at_key(
                p.field("choices"),
                Diagnostic::warning(format!("the decision at `{id}` scores nothing"))
                    .hint("give the choices `scores` so the review can rate it"),
            );
        }
    }
    if node.next.is_some() && !node.injects.is_empty() {
        c.at_key(
            p.field("injects"),
            Diagnostic::warning(format!("node `{id}` moves straight on to `next`, so its injects never arrive"))
                .hint("put injects on a node that waits for a choice or an answer"),
        );
    }
    let mut inject_ids = HashSet::default();
    for (i, inject) in node.injects.iter().enumerate() {
        let injects = p.field("injects");
        let ip = injects.index(i);
        if !inject_ids.insert(&inject.id) {
            c.at(ip.field("id"), Diagnostic::error(format!("inject `{}` appears twice in node `{id}`", inject.id)));
        }
        if inject.after.is_none() && inject.when.is_none() {
            c.at_key(
                ip,
                Diagnostic::error(format!("inject `{}` never arrives", inject.id))
                    .hint("give it `after: <seconds>` or `when: <condition>`"),
            );
        }
        if let Some(speaker) = &inject.speaker {
            check_ref(c, ip.field("speaker"), "cast member", speaker.as_str(), &c.s.cast);
        }
        check_text(c, ip.field("text"), &inject.text);
        for (j, flag) in inject.red_flags.iter().enumerate() {
            check_ref(c, ip.field("red_flags").index(j), "red flag", flag.as_str(), &c.s.red_flags);
        }
        check_artefacts(c, &ip.field("artefacts"), &inject.artefacts);
        if let Some(when) = &inject.when {
            check_condition(c, ip.field("when"), when);
        }
        for (j, effect) in inject.effects.iter().enumerate() {
            check_effect(c, ip.field("effects").index(j), effect);
        }
    }
    if let Some(input) = &node.input {
        let ip = p.field("input");
        check_text(c, ip.field("prompt"), &input.prompt);
        check_target(c, ip.field("next"), &input.next);
        if input.checklist.is_empty() {
            c.at_key(
                ip,
                Diagnostic::warning("the written answer has no checklist")
                    .hint("list what a good answer covers, so it can be scored"),
            );
        }
        let mut check_ids = HashSet::default();
        for (i, item) in input.checklist.iter().enumerate() {
            let checklist = ip.field("checklist");
            let cp = checklist.index(i);
            if !check_ids.insert(&item.id) {
                c.at(cp.field("id"), Diagnostic::error(format!("checklist item `{}` appears twice", item.id)));
            }
            check_competency(c, cp.field("competency"), false, &item.competency);
            if item.any.iter().all(|k| k.trim().is_empty()) {
                c.at_key(
                    cp.field("any"),
                    Diagnostic::error(format!(
                        "checklist item `{}` has no keywords, so it can never be covered",
                        item.id
                    )),
                );
            }
            if item.section.is_some() && input.kind == InputKind::FreeText {
                c.at(
                    cp.field("section"),
                    Diagnostic::warning("a free-text answer has no sections; `section` is ignored"),
                );
            }
        }
    }
}

fn check_artefacts(c: &mut Checker<'_>, p: &Path<'_>, artefacts: &[Artefact]) {
    for (i, artefact) in artefacts.iter().enumerate() {
        let ap = p.index(i);
        match artefact {
            Artefact::Crm(record) => {
                check_text(c, ap.field("title"), &record.title);
                for (j, field) in record.fields.iter().enumerate() {
                    check_text(c, ap.field("fields").index(j).field("value"), &field.value);
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
                    if link.real_domain().is_empty() {
                        c.at(ap.field("link").field("href"), Diagnostic::error("the link has no domain"));
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

fn check_choice<'a>(c: &mut Checker<'a>, p: &Path<'_>, choice: &'a Choice) {
    if !c.choice_ids.insert(&choice.id) {
        let first =
            c.s.all_choices().find(|(_, ch)| ch.id == choice.id).map(|(node, _)| node.to_string()).unwrap_or_default();
        c.at(
            p.field("id"),
            Diagnostic::error(format!("choice id `{}` is used twice", choice.id))
                .hint(format!("it is also in node `{first}`; choice ids are unique in a scenario")),
        );
    }
    check_text(c, p.field("text"), &choice.text);
    check_text(c, p.field("feedback"), &choice.feedback);
    if choice.feedback.trim().is_empty() {
        c.at_key(
            *p,
            Diagnostic::warning(format!("choice `{}` has no feedback", choice.id))
                .hint("say why it is right or wrong; the review shows it"),
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
        check_ref(c, p.field("catches").index(i), "red flag", flag.as_str(), &c.s.red_flags);
    }
    for (i, reference) in choice.cites.iter().enumerate() {
        check_ref(c, p.field("cites").index(i), "reference", reference.as_str(), &c.s.references);
    }
    match (&choice.next, choice.branch.is_empty()) {
        (Some(next), true) => check_target(c, p.field("next"), next),
        (None, true) => c.at_key(
            *p,
            Diagnostic::error(format!("choice `{}` leads nowhere", choice.id)).hint("give it `next` or a `branch`"),
        ),
        (Some(_), false) => c.at_key(
            *p,
            Diagnostic::error(format!("choice `{}` has both `next` and `branch`", choice.id)).hint("keep one"),
        ),
        (None, false) => {
            for (i, arm) in choice.branch.iter().enumerate() {
                let branch = p.field("branch");
                let bp = branch.index(i);
                if arm.weight == 0 {
                    c.at(
                        bp.field("weight"),
                        Diagnostic::error("a random branch needs a positive weight")
                            .hint("weights are relative: 1 and 3 mean one in four"),
                    );
                }
                check_target(c, bp.field("next"), &arm.next);
            }
        }
    }
}

fn check_var(c: &mut Checker<'_>, path: &Path<'_>, var: &VarId) -> bool {
    let known = c.s.variables.contains_key(var);
    if !known {
        check_ref(c, path.index(0), "variable", var.as_str(), &c.s.variables);
    }
    known
}

fn check_type(c: &mut Checker<'_>, path: Path<'_>, var: &VarId, expected: &str, what: &str) {
    if let Some(initial) = c.s.variables.get(var)
        && initial.type_name() != expected
    {
        c.at(
            path,
            Diagnostic::error(format!("{what} treats `{var}` as {expected}, but it is {}", initial.type_name())),
        );
    }
}

fn check_condition(c: &mut Checker<'_>, p: Path<'_>, cond: &Condition) {
    // Nesting is bounded by the parser's recursion limit, so recursion here is safe.
    match cond {
        Condition::Is(var, value) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(1), var, value.type_name(), "this condition");
            }
        }
        Condition::AtLeast(var, _) | Condition::AtMost(var, _) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(0), var, "integer", "this comparison");
            }
        }
        Condition::Caught(flag) => check_ref(c, p.index(0), "red flag", flag.as_str(), &c.s.red_flags),
        Condition::Visited(node) => check_target(c, p.index(0), node),
        Condition::Chose(choice) => {
            if c.s.choice(choice).is_none() {
                let ids: Vec<&str> = c.s.all_choices().map(|(_, ch)| ch.id.as_str()).collect();
                let hint = suggest(choice.as_str(), ids.iter().copied());
                c.at(p.index(0), Diagnostic::error(format!("choice `{choice}` does not exist")).hint(hint));
            }
        }
        Condition::Not(inner) => check_condition(c, p.index(0), inner),
        Condition::All(list) | Condition::Any(list) => {
            let items = p.index(0);
            for (i, inner) in list.iter().enumerate() {
                check_condition(c, items.index(i), inner);
            }
        }
    }
}

fn check_effect(c: &mut Checker<'_>, p: Path<'_>, effect: &Effect) {
    match effect {
        Effect::Set(var, value) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(1), var, value.type_name(), "this effect");
            }
        }
        Effect::Add(var, _) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(0), var, "integer", "`Add`");
            }
        }
    }
}

/// Every node or ending a node can lead to, ignoring conditions.
pub fn successors(node: &Node) -> impl Iterator<Item = &NodeId> {
    let choices = node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then));
    let via_choices = choices.flat_map(|ch| ch.next.iter().chain(ch.branch.iter().map(|b| &b.next)));
    node.next.iter().chain(node.input.as_ref().map(|i| &i.next)).chain(via_choices)
}

fn check_graph(c: &mut Checker<'_>, root: &Path<'_>) {
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
                Diagnostic::warning(format!("node `{id}` cannot be reached from the start `{}`", s.start))
                    .hint("lead a choice or `next` to it, or remove it"),
            );
        }
        if !finishing[i] {
            c.at_key(
                p,
                Diagnostic::error(format!("no ending can be reached from node `{id}`"))
                    .hint("every path must lead to an ending; a loop needs a way out"),
            );
        }
    }
    for (i, id) in s.endings.keys().enumerate() {
        if !reached[s.nodes.len() + i] {
            c.at_key(
                root.field("endings").key(id.as_str()),
                Diagnostic::warning(format!("ending `{id}` cannot be reached from the start")),
            );
        }
    }
}

fn check_usage(c: &mut Checker<'_>, root: &Path<'_>) {
    let s = c.s;
    let caught: HashSet<&RedFlagId> = s.all_choices().flat_map(|(_, ch)| &ch.catches).collect();
    let present: HashSet<&RedFlagId> =
        s.nodes.values().flat_map(|n| n.red_flags.iter().chain(n.injects.iter().flat_map(|i| &i.red_flags))).collect();
    for id in s.red_flags.keys() {
        let flags = root.field("red_flags");
        let p = flags.key(id.as_str());
        if !caught.contains(id) {
            c.at_key(
                p,
                Diagnostic::warning(format!("red flag `{id}` is never caught by any choice"))
                    .hint("add it to the `catches` of the choices that notice it"),
            );
        }
        if !present.contains(id) {
            c.at_key(
                p,
                Diagnostic::warning(format!("red flag `{id}` never appears in a node or inject"))
                    .hint("list it in the `red_flags` of the beat where it shows"),
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
        .collect();
    for id in s.competencies.keys().filter(|id| !scored.contains(id)) {
        c.at_key(
            root.field("competencies").key(id.as_str()),
            Diagnostic::warning(format!("competency `{id}` is never scored")),
        );
    }
    let cited: HashSet<&RefId> = s.all_choices().flat_map(|(_, ch)| &ch.cites).collect();
    for id in s.references.keys().filter(|id| !cited.contains(id)) {
        c.at_key(
            root.field("references").key(id.as_str()),
            Diagnostic::warning(format!("reference `{id}` is never cited")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::diag::{Pos, Renderer};

    const MINIMAL: &str = r#"Scenario(
    format: 1, id: "t", title: "T", category: FraudCall, language: "en",
    difficulty: Introductory, minutes: 3,
    briefing: (role: "Agent", situation: "A call."),
    objectives: ["Verify"],
    red_flags: {"urgency": (name: "Urgency", description: "Pressure")},
    start: "a",
    nodes: {
        "a": (text: "Hello", red_flags: ["urgency"], choices: [
            (id: "good", text: "Verify", scores: {"identity_verification": 2}, catches: ["urgency"], feedback: "Right", next: "end"),
            (id: "bad", text: "Comply", scores: {"identity_verification": -1}, feedback: "Wrong", next: "end"),
        ]),
    },
    endings: {"end": (outcome: Resolved, title: "Done", summary: "Done")},
)"#;

    #[test]
    fn a_minimal_scenario_is_clean() {
        let checked = load_str(MINIMAL);
        assert_eq!(checked.diagnostics, vec![]);
        assert!(checked.scenario.is_some());
    }

    #[test]
    fn a_missing_target_is_an_error_at_its_value_with_a_hint() {
        let src = MINIMAL.replace("feedback: \"Wrong\", next: \"end\"", "feedback: \"Wrong\", next: \"edn\"");
        let checked = load_str(&src);
        assert!(checked.scenario.is_none());
        let d = &checked.diagnostics[0];
        assert_eq!(d.message, "`edn` is not a node or an ending");
        assert_eq!(d.hint.as_deref(), Some("did you mean `end`?"));
        assert_eq!(d.span.map(|s| (s.start.line, s.start.col)), Some((11, 105)));
    }

    #[test]
    fn many_problems_stand_where_the_index_of_every_value_puts_them() {
        // 2,000 nodes, 519 of them unreachable, and errors of other kinds: a placeholder found
        // inside its text, a value inside `Some(…)`, list elements, a repeated choice id.
        let mut source = crate::engine::synth::scenario_with_unreachable(2_000, false);
        for (marker, from, to) in [
            ("Step 7: I need", "{customer}", "{custmer}"),
            ("(id: \"x1499\"", "next: \"harmed\"", "next: Some(\"harmd\")"),
            ("(id: \"v998\"", "[\"urgency\"]", "[\"urgncy\"]"),
            ("(id: \"v998\"", "[\"pipl-28\"]", "[\"pipl-29\"]"),
            ("(id: \"v1801\"", "v1801", "v1800"),
        ] {
            // `from` becomes `to` in the line that holds `marker`.
            let at = source.find(marker).expect("the marker is written");
            let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = at + source[at..].find('\n').expect("the line ends");
            let line = source[start..end].replacen(from, to, 1);
            assert_ne!(line, source[start..end], "{from}");
            source.replace_range(start..end, &line);
        }
        let checked = load_str(&source);
        let scenario: Scenario = ron_options().from_str(&source).expect("the edits keep the syntax");
        let full = SourceIndex::build(&source);
        let mut expected: Vec<Diagnostic> =
            validate(&scenario).into_iter().map(|problem| locate(problem, &full, &source)).collect();
        expected.sort_by_key(|d| (d.span.map(|s| s.start), d.severity));
        assert_eq!(checked.diagnostics, expected);
        let errors: Vec<&str> =
            checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
        assert_eq!(errors.len(), 5, "{errors:?}");
        let warnings = checked.diagnostics.iter().filter(|d| !d.is_error()).count();
        assert_eq!(warnings, crate::engine::synth::faulty_count(2_000));

        // Each unreachable node is reported at its key, found here by a plain text search.
        for d in checked.diagnostics.iter().filter(|d| !d.is_error()) {
            let id = d.message.split('`').nth(1).expect("the node is named");
            let at = source.find(&format!("\n        \"{id}\": (")).expect("the node is written") + 9;
            let line = source[..at].matches('\n').count() + 1;
            let col = source[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let span = Span { start: Pos { line, col }, end: Pos { line, col: col + id.len() + 2 } };
            assert_eq!(d.span, Some(span), "{}", d.message);
        }

        // Rendered from the line table, each is the text that reading the source from the top gives.
        let renderer = Renderer::new("many.ron", &source);
        for d in &checked.diagnostics {
            assert_eq!(renderer.render(d), d.render("many.ron", &source));
        }
    }

    #[test]
    fn a_syntax_error_names_the_field_ron_expected() {
        let src = MINIMAL.replace("minutes: 3", "minuts: 3");
        let checked = load_str(&src);
        assert_eq!(checked.diagnostics.len(), 1);
        assert!(
            checked.diagnostics[0].message.contains("Unexpected field named `minuts`"),
            "{:?}",
            checked.diagnostics
        );
    }
}
