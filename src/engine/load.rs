//! Loading a scenario file: its bytes read with the quick reader or `ron` (syntax errors located),
//! repeated keys found, then every rule of [`super::validate`], each problem reported with its
//! place in the source.

use std::path::Path;

use ron::extensions::Extensions;

use super::diag::{Diagnostic, LineTable, Span};
use super::i18n::msg;
use super::locate::{SourceIndex, duplicate_keys};
use super::model::*;
use super::validate::{Place, Problem, validate};

/// The largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of brackets a scenario file may have.
pub const MAX_NESTING: usize = 128;

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
        return too_large(bytes.len() as u64);
    }
    match std::str::from_utf8(bytes) {
        Ok(source) => load_str(source),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let end = LineTable::new(valid).pos(valid.len());
            Checked::failed(
                Diagnostic::error(msg!("diag-not-utf8"))
                    .at(Some(Span::at(end.line, end.col)))
                    .hint(msg!("diag-not-utf8-hint")),
            )
        }
    }
}

/// Loads and checks a scenario file from disk. An unreadable file is one error diagnostic.
pub fn load_file(path: &Path) -> (String, Checked) {
    use std::io::Read as _;
    let failed = |err: std::io::Error| Checked::failed(Diagnostic::error(msg!("diag-file-unreadable", error = err)));
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(err) => return (String::new(), failed(err)),
    };
    if size > MAX_FILE_BYTES as u64 {
        // Refused by its size, without reading it.
        return (String::new(), too_large(size));
    }
    // No more than one byte past the limit is read, even when the file grows meanwhile or has no
    // size (a device or a pipe).
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) if bytes.len() > MAX_FILE_BYTES => (String::new(), too_large(bytes.len() as u64)),
        Ok(_) => {
            let checked = load_bytes(&bytes);
            (String::from_utf8_lossy(&bytes).into_owned(), checked)
        }
        Err(err) => (String::new(), failed(err)),
    }
}

fn too_large(size: u64) -> Checked {
    Checked::failed(
        Diagnostic::error(msg!("diag-file-too-large", size = size, max = MAX_FILE_BYTES))
            .hint(msg!("diag-file-too-large-hint")),
    )
}

/// Loads and checks a scenario from source text.
pub fn load_str(source: &str) -> Checked {
    if source.len() > MAX_FILE_BYTES {
        return load_bytes(source.as_bytes());
    }
    if source.trim().is_empty() {
        return Checked::failed(
            Diagnostic::error(msg!("diag-file-empty")).at(Some(Span::at(1, 1))).hint(msg!("diag-file-empty-hint")),
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
            Diagnostic::error(msg!("diag-duplicate-key", key = dup.key, map = dup.map))
                .at(Some(dup.span))
                .hint(msg!("diag-duplicate-key-hint", line = dup.first.start.line)),
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
fn find_after(lines: &LineTable<'_>, source: &str, from: super::diag::Pos, needle: &str) -> Option<Span> {
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
    let message = match &err.code {
        E::ExceededRecursionLimit => msg!("diag-too-deep"),
        code => code.to_string(),
    };
    let d = Diagnostic::error(message).at(Some(span));
    match &err.code {
        E::ExceededRecursionLimit => d.hint(msg!("diag-too-deep-hint", max = MAX_NESTING)),
        E::Eof => d.hint(msg!("diag-syntax-eof-hint")),
        E::ExpectedStringEnd => d.hint(msg!("diag-syntax-string-end-hint")),
        E::ExpectedStructLikeEnd | E::ExpectedComma => d.hint(msg!("diag-syntax-comma-hint")),
        E::MissingStructField { field, .. } => d.hint(msg!("diag-syntax-missing-field-hint", field = field)),
        _ => d,
    }
}

/// A scenario for a test: `source` must load without errors (the failure names them).
#[cfg(test)]
pub(crate) fn clean_scenario(source: &str) -> std::sync::Arc<Scenario> {
    let checked = load_str(source);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    std::sync::Arc::new(checked.scenario.unwrap_or_else(|| panic!("{:?}", checked.diagnostics)))
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
