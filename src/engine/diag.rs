//! Diagnostics for people: `path:line:col: error: message`, the source line with a caret under
//! the place, and a hint.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::i18n::msg;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The scenario cannot be played.
    Error,
    /// The scenario can be played but is probably not what the author meant.
    Warning,
}

/// A place in a source file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// A range in a source file, `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Where it starts.
    pub start: Pos,
    /// Where it ends.
    pub end: Pos,
}

impl Span {
    /// A span covering one position.
    pub fn at(line: usize, col: usize) -> Self {
        let p = Pos { line, col };
        Self { start: p, end: p }
    }
}

/// Turns byte offsets of a source into lines and character columns.
pub struct LineTable<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineTable<'a> {
    /// Indexes the line starts of `src`.
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        Self { src, starts }
    }

    /// The line and column of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = 1 + self.src.get(start..offset.min(self.src.len())).map_or(0, |s| s.chars().count());
        Pos { line, col }
    }

    /// The text of line `number` (from 1) without its line ending, as [`str::lines`] gives it:
    /// `None` for line 0, past the last line, and for the empty rest after a final line ending.
    pub fn line(&self, number: usize) -> Option<&'a str> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        match self.starts.get(number) {
            Some(&next) => {
                let line = self.src.get(start..next - 1)?;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => self.src.get(start..).filter(|rest| !rest.is_empty()),
        }
    }

    /// The span of a byte range.
    pub fn span(&self, range: (usize, usize)) -> Span {
        Span { start: self.pos(range.0), end: self.pos(range.1) }
    }

    /// The byte offset of a line and column.
    pub fn offset(&self, pos: Pos) -> usize {
        let start = self.starts.get(pos.line.saturating_sub(1)).copied().unwrap_or(self.src.len());
        let rest = &self.src[start..];
        start + rest.char_indices().nth(pos.col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
    }
}

/// One problem found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when known.
    pub span: Option<Span>,
    /// What would fix it.
    pub hint: Option<String>,
    /// The name of the kind of warning, for one that `hotwash check --allow NAME` may hide.
    pub lint: Option<&'static str>,
}

impl Diagnostic {
    /// An error with no place yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), span: None, hint: None, lint: None }
    }

    /// A warning with no place yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, message: message.into(), span: None, hint: None, lint: None }
    }

    /// The same diagnostic at a place.
    #[must_use]
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// The same diagnostic with a hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic as a warning of a kind that may be allowed.
    #[must_use]
    pub fn lint(mut self, name: &'static str) -> Self {
        self.lint = Some(name);
        self
    }

    /// Is this an error (not a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal: the location line, the source line with a caret
    /// under the place, and the hint. This finds the line by reading `source` from the top; to
    /// render many diagnostics of one file, use a [`Renderer`].
    pub fn render(&self, path: &str, source: &str) -> String {
        let line = self.span.and_then(|span| source.lines().nth(span.start.line.saturating_sub(1)));
        self.render_line(path, line)
    }

    /// Renders the diagnostic with `line`, the text of the line its span starts on (`None` when
    /// the source has no such line).
    fn render_line(&self, path: &str, line: Option<&str>) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = String::new();
        let Some(span) = self.span else {
            let _ = writeln!(out, "{path}: {kind}: {}", self.message);
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "  = {}", msg!("diag-render-hint", hint = hint));
            }
            return out;
        };
        let _ = writeln!(out, "{path}:{}:{}: {kind}: {}", span.start.line, span.start.col, self.message);
        if let Some(line) = line {
            let number = span.start.line.to_string();
            let gutter = " ".repeat(number.len());
            let line = line.replace('\t', " ");
            let before: String = line.chars().take(span.start.col.saturating_sub(1)).collect();
            let width = if span.end.line == span.start.line && span.end.col > span.start.col {
                let marked: String =
                    line.chars().skip(span.start.col.saturating_sub(1)).take(span.end.col - span.start.col).collect();
                marked.width().max(1)
            } else {
                1
            };
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {}", line.trim_end());
            let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(before.width()), "^".repeat(width));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = {}", msg!("diag-render-hint", hint = hint));
        }
        out
    }
}

/// Renders the diagnostics of one source file, each exactly as [`Diagnostic::render`] does. The
/// file's line table is built once, so each diagnostic costs only its own line: rendering all the
/// diagnostics of a file takes time linear in the file's size plus theirs.
pub struct Renderer<'a> {
    path: &'a str,
    lines: LineTable<'a>,
}

impl<'a> Renderer<'a> {
    /// A renderer for `source`, naming it `path` in every location line.
    pub fn new(path: &'a str, source: &'a str) -> Self {
        Self { path, lines: LineTable::new(source) }
    }

    /// Renders one diagnostic of the source.
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let line = diagnostic.span.and_then(|span| self.lines.line(span.start.line.max(1)));
        diagnostic.render_line(self.path, line)
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo: within a
/// third of the longer one's length (at least 1), the first of the closest.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Nobody mistypes an id of hundreds of characters: no comparison, whatever its length.
    if word.len() > 256 {
        return None;
    }
    let word_chars: Vec<char> = word.chars().collect();
    let word_ascii = word.is_ascii();
    let mut candidate_chars = Vec::new();
    let mut rows = [Vec::new(), Vec::new(), Vec::new()];
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // Characters are compared as bytes when both words are ASCII.
        let ascii = word_ascii && candidate.is_ascii();
        let length = if ascii {
            candidate.len()
        } else {
            candidate_chars.clear();
            candidate_chars.extend(candidate.chars());
            candidate_chars.len()
        };
        let limit = (word_chars.len().max(length) / 3).max(1);
        // A candidate is taken only within the limit and closer than the best so far.
        let Some(bound) = best.map_or(Some(limit), |(d, _)| d.checked_sub(1).map(|closer| closer.min(limit))) else {
            break;
        };
        if word_chars.len().abs_diff(length) > bound {
            continue;
        }
        let distance = if ascii {
            edit_distance_within(word.as_bytes(), candidate.as_bytes(), bound, &mut rows)
        } else {
            edit_distance_within(&word_chars, &candidate_chars, bound, &mut rows)
        };
        if let Some(distance) = distance {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A hint that names the likely typo, or else lists what would be accepted (at most ten).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(close) = did_you_mean(word, candidates.clone()) {
        return msg!("diag-did-you-mean", name = close);
    }
    let mut all = candidates.into_iter();
    let shown: Vec<String> = all.by_ref().take(10).map(|c| format!("`{c}`")).collect();
    if shown.is_empty() {
        return msg!("diag-none-declared");
    }
    let separator = msg!("diag-list-sep");
    let list = shown.join(separator.as_str());
    match all.count() {
        0 => msg!("diag-expected-one-of", list = list),
        more => msg!("diag-expected-one-of-more", list = list, more = more),
    }
}

/// The edit distance of `a` and `b` over characters, counting a swap of two neighbours as one
/// edit, when it is at most `bound`. The rows of the table are kept in `rows` between calls, and
/// the computation stops at the first row whose smallest entry exceeds the bound: a row's smallest
/// entry is never below the one before's (a swap from two rows up costs 1, no less than the step
/// to the row between), so the distance, in the last row, exceeds it too.
fn edit_distance_within<T: PartialEq>(a: &[T], b: &[T], bound: usize, rows: &mut [Vec<usize>; 3]) -> Option<usize> {
    let width = b.len() + 1;
    for r in rows.iter_mut() {
        if r.len() < width {
            r.resize(width, 0);
        }
    }
    let [before, above, row] = rows;
    let (mut before, mut above, mut row) = (&mut before[..width], &mut above[..width], &mut row[..width]);
    for i in 0..=a.len() {
        for j in 0..width {
            row[j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (above[j] + 1).min(row[j - 1] + 1).min(above[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(before[j - 2] + 1);
                }
                best
            };
        }
        if row.iter().all(|&d| d > bound) {
            return None;
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    // The last row computed is now `above`.
    above.get(b.len()).copied().filter(|&d| d <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_the_span_with_wide_characters() {
        let source = "a\n  text: \"你好\", next: \"nowhere\",\n";
        let span = Span { start: Pos { line: 2, col: 21 }, end: Pos { line: 2, col: 30 } };
        let d = Diagnostic::error("no such node").at(Some(span)).hint("did you mean `now`?");
        assert_eq!(
            d.render("x.ron", source),
            "x.ron:2:21: error: no such node\n  |\n2 |   text: \"你好\", next: \"nowhere\",\n  |                       ^^^^^^^^^\n  = hint: did you mean `now`?\n"
        );
    }

    #[test]
    fn a_renderer_gives_what_render_gives_for_every_malformed_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut rendered = 0;
        for file in files {
            let shown = file.display().to_string();
            let (source, checked) = crate::engine::load::load_file(&file);
            let renderer = Renderer::new(&shown, &source);
            for d in &checked.diagnostics {
                assert_eq!(renderer.render(d), d.render(&shown, &source));
                rendered += 1;
            }
        }
        assert!(rendered > 40, "{rendered} diagnostics");
    }

    #[test]
    fn a_renderer_handles_lines_past_the_end_crlf_and_tabs() {
        let source = "a\r\n\tb: \"x\"\r\nlast";
        let renderer = Renderer::new("x.ron", source);
        for (line, col, end) in [(0, 1, 2), (1, 1, 3), (2, 2, 4), (2, 9, 12), (3, 1, 9), (4, 1, 1), (9, 3, 3)] {
            let span = Span { start: Pos { line, col }, end: Pos { line, col: end } };
            for d in [Diagnostic::error("e").at(Some(span)).hint("h"), Diagnostic::warning("w").at(None)] {
                assert_eq!(renderer.render(&d), d.render("x.ron", source), "{line}:{col}");
            }
        }
    }

    /// The whole edit-distance table, as a reference for the bounded one.
    fn reference_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let width = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * width];
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                d[i * width + j] = if i == 0 || j == 0 {
                    i + j
                } else {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut best = (d[(i - 1) * width + j] + 1)
                        .min(d[i * width + j - 1] + 1)
                        .min(d[(i - 1) * width + j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = best.min(d[(i - 2) * width + j - 2] + 1);
                    }
                    best
                };
            }
        }
        d[a.len() * width + b.len()]
    }

    #[test]
    fn the_bounded_search_finds_what_comparing_every_candidate_in_full_finds() {
        // Words over a small alphabet (one wide character) so that many are close.
        let mut seed = 7u64;
        let mut word = || {
            let mut w = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            for k in 0..(seed >> 60) as usize {
                w.push(['a', 'b', 'c', '你', '_'][((seed >> (4 * k + 3)) % 5) as usize]);
            }
            w
        };
        let mut rows = [Vec::new(), Vec::new(), Vec::new()];
        for _ in 0..300 {
            let target = word();
            let candidates: Vec<String> = (0..40).map(|_| word()).collect();
            let expected = candidates
                .iter()
                .map(|c| (reference_distance(&target, c), c.as_str()))
                .filter(|(d, c)| *d <= (target.chars().count().max(c.chars().count()) / 3).max(1))
                .fold(
                    None,
                    |best: Option<(usize, &str)>, (d, c)| {
                        if best.is_none_or(|(b, _)| d < b) { Some((d, c)) } else { best }
                    },
                );
            assert_eq!(did_you_mean(&target, candidates.iter().map(String::as_str)), expected.map(|(_, c)| c));
            let a: Vec<char> = target.chars().collect();
            for c in &candidates {
                let b: Vec<char> = c.chars().collect();
                let full = reference_distance(&target, c);
                for bound in 0..6 {
                    let within = edit_distance_within(&a, &b, bound, &mut rows);
                    assert_eq!(within, (full <= bound).then_some(full), "{target:?} {c:?} {bound}");
                }
            }
        }
    }

    #[test]
    fn suggests_close_words_or_lists_candidates() {
        assert_eq!(suggest("intor", ["intro", "ending"]), "did you mean `intro`?");
        assert_eq!(suggest("zzz", ["intro", "ending"]), "expected one of `intro`, `ending`");
        assert_eq!(suggest("zzz", []), "none is declared");
        let many: Vec<String> = (0..12).map(|i| format!("n{i}")).collect();
        assert_eq!(
            suggest("zzzzzz", many.iter().map(String::as_str)),
            "expected one of `n0`, `n1`, `n2`, `n3`, `n4`, `n5`, `n6`, `n7`, `n8`, `n9` and 2 more"
        );
        assert_eq!(suggest("zzzzzz", many[..10].iter().map(String::as_str)).matches('`').count(), 20);
    }
}
