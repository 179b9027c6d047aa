//! Finds where a value stands in RON source, so that problems found after parsing (a missing
//! node, a type mismatch) can be reported at their line and column.
//!
//! `ron` parses into plain values without positions. This module walks the token structure of a
//! file that `ron` has already accepted and records, for each value, the path to it
//! (`nodes["intro"].choices[1].next`) and the span of its first token, plus the span of its key.
//! It also finds map keys written twice, which deserialising into a map would silently merge.

use std::collections::{HashMap, HashSet};

use super::diag::{Pos, Span};

/// Builds the path strings the index uses: `field`, `.field`, `["key"]`, `[3]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    /// The top-level value.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// A struct field below this path.
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        let mut s = self.0.clone();
        push_field(&mut s, name);
        Self(s)
    }

    /// A map entry below this path.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut s = self.0.clone();
        push_key(&mut s, key);
        Self(s)
    }

    /// A list or tuple element below this path.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut s = self.0.clone();
        push_index(&mut s, i);
        Self(s)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn push_field(s: &mut String, name: &str) {
    if !s.is_empty() {
        s.push('.');
    }
    s.push_str(name);
}

fn push_key(s: &mut String, key: &str) {
    s.push_str("[\"");
    s.push_str(key);
    s.push_str("\"]");
}

fn push_index(s: &mut String, i: usize) {
    s.push('[');
    s.push_str(&i.to_string());
    s.push(']');
}

/// Where each value of a file stands.
#[derive(Debug, Default)]
pub struct SourceIndex {
    entries: HashMap<String, Entry>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: Option<Span>,
    value: Span,
}

/// A map key written twice in the same map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the map.
    pub map: String,
    /// The key.
    pub key: String,
    /// Where it is written the second time.
    pub span: Span,
    /// Where it was first written.
    pub first: Span,
}

impl SourceIndex {
    /// Indexes every value of `source`, which should be RON that `ron` accepted.
    pub fn build(source: &str) -> Self {
        let mut entries: HashMap<String, Entry> = HashMap::new();
        walk(source, |path, seg, key, value| {
            let mut full = path.to_owned();
            match seg {
                Seg::Field(f) => push_field(&mut full, f),
                Seg::Key(k) => push_key(&mut full, k),
                Seg::Index(i) => push_index(&mut full, i),
                Seg::None => {
                    // The inside of `Some(…)`: point at the value itself, keep the key.
                    if let Some(entry) = entries.get_mut(&full) {
                        entry.value = value;
                        return;
                    }
                }
            }
            entries.entry(full).or_insert(Entry { key, value });
        });
        Self { entries }
    }

    /// The span of the value at `path` (its first token).
    pub fn value(&self, path: &Path) -> Option<Span> {
        self.entries.get(path.as_str()).map(|e| e.value)
    }

    /// The span of the key or field name of the value at `path`, or of the value itself.
    pub fn key(&self, path: &Path) -> Option<Span> {
        self.entries.get(path.as_str()).map(|e| e.key.unwrap_or(e.value))
    }
}

/// Finds map keys written twice in `source`.
pub fn duplicate_keys(source: &str) -> Vec<DuplicateKey> {
    let mut seen: HashMap<(String, String), Span> = HashMap::new();
    let mut reported: HashSet<(String, String, Span)> = HashSet::new();
    let mut out = Vec::new();
    walk(source, |path, seg, key, _| {
        if let (Seg::Key(k), Some(span)) = (seg, key) {
            let id = (path.to_owned(), k.to_owned());
            match seen.get(&id) {
                Some(first) if *first != span => {
                    if reported.insert((id.0.clone(), id.1.clone(), span)) {
                        out.push(DuplicateKey { map: id.0, key: id.1, span, first: *first });
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert(id, span);
                }
            }
        }
    });
    out
}

#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Field(&'a str),
    Key(&'a str),
    Index(usize),
    None,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    Open(char),
    Close,
    Colon,
    Comma,
    Str(&'a str),
    Ident(&'a str),
    Other,
}

struct Lexer<'a> {
    src: &'a str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Lexer<'a> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_trivia(&mut self) {
        loop {
            let rest = &self.src[self.at..];
            if rest.starts_with("//") {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
            } else if rest.starts_with("/*") {
                let mut depth = 0usize;
                while self.at < self.src.len() {
                    let rest = &self.src[self.at..];
                    if rest.starts_with("/*") {
                        depth += 1;
                        self.bump();
                        self.bump();
                    } else if rest.starts_with("*/") {
                        depth -= 1;
                        self.bump();
                        self.bump();
                        if depth == 0 {
                            break;
                        }
                    } else {
                        self.bump();
                    }
                }
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return;
            }
        }
    }

    /// The next token with its span; `None` at the end.
    fn next(&mut self) -> Option<(Tok<'a>, Span)> {
        self.skip_trivia();
        let start = self.pos();
        let begin = self.at;
        let c = self.bump()?;
        let tok = match c {
            '(' | '[' | '{' => Tok::Open(c),
            ')' | ']' | '}' => Tok::Close,
            ':' => Tok::Colon,
            ',' => Tok::Comma,
            '"' => {
                self.quoted('"');
                Tok::Str(&self.src[begin + 1..self.at.saturating_sub(1).max(begin + 1)])
            }
            '\'' => {
                self.quoted('\'');
                Tok::Other
            }
            'b' if self.peek() == Some('"') => {
                self.bump();
                self.quoted('"');
                Tok::Other
            }
            'r' if matches!(self.peek(), Some('"' | '#')) => {
                let mut hashes = 0;
                while self.peek() == Some('#') {
                    self.bump();
                    hashes += 1;
                }
                self.bump();
                let body = self.at;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = self.src[self.at..].find(&close).map_or(self.src.len(), |i| self.at + i);
                while self.at < end {
                    self.bump();
                }
                for _ in 0..close.chars().count() {
                    self.bump();
                }
                Tok::Str(&self.src[body..end])
            }
            c if c.is_alphabetic() || c == '_' => {
                while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '#') {
                    self.bump();
                }
                Tok::Ident(&self.src[begin..self.at])
            }
            _ => {
                while self.peek().is_some_and(|c| !c.is_whitespace() && !"()[]{}:,\"/".contains(c)) {
                    self.bump();
                }
                Tok::Other
            }
        };
        Some((tok, Span { start, end: self.pos() }))
    }

    fn quoted(&mut self, quote: char) {
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == quote {
                break;
            }
        }
    }
}

#[derive(Debug)]
enum Frame {
    /// `( … )`: fields or tuple elements; `transparent` for `Some(…)`.
    Paren { index: usize, transparent: bool, path_len: usize },
    /// `[ … ]`.
    List { index: usize, path_len: usize },
    /// `{ … }`: `key_path` is the path of the entry being read.
    Map { path_len: usize },
}

/// Walks every value of `source`, calling `visit(parent_path, segment, key_span, value_span)`.
fn walk<'a>(source: &'a str, mut visit: impl FnMut(&str, Seg<'a>, Option<Span>, Span)) {
    let mut lexer = Lexer { src: source, at: 0, line: 1, col: 1 };
    let mut stack: Vec<Frame> = Vec::new();
    let mut path = String::new();
    // What the next value is called, and where its key stood.
    let mut pending: (Seg<'a>, Option<Span>) = (Seg::None, None);
    let mut lookahead = lexer.next();
    while let Some((tok, span)) = lookahead.take() {
        let mut next = lexer.next();
        match tok {
            Tok::Comma => {
                match stack.last_mut() {
                    Some(Frame::Paren { index, .. } | Frame::List { index, .. }) => *index += 1,
                    _ => {}
                }
                pending = (Seg::None, None);
            }
            Tok::Colon => {}
            Tok::Close => {
                if let Some(frame) = stack.pop() {
                    let len = match frame {
                        Frame::Paren { path_len, .. }
                        | Frame::List { path_len, .. }
                        | Frame::Map { path_len } => path_len,
                    };
                    path.truncate(len);
                }
                pending = (Seg::None, None);
            }
            _ => {
                // A field name inside a struct: `name: value`.
                if let (Tok::Ident(name), Some((Tok::Colon, _)), Some(Frame::Paren { .. })) =
                    (tok, next, stack.last())
                {
                    pending = (Seg::Field(name), Some(span));
                    lookahead = next;
                    continue;
                }
                // A map key: `"key": value`.
                if let (Some(Frame::Map { .. }), (Seg::None, None)) = (stack.last(), pending) {
                    let key = if let Tok::Str(s) = tok { s } else { "" };
                    pending = (Seg::Key(key), Some(span));
                    lookahead = next;
                    continue;
                }
                let seg = match (pending.0, stack.last()) {
                    (Seg::None, Some(Frame::Paren { transparent: true, .. })) => Seg::None,
                    (Seg::None, Some(Frame::Paren { index, .. } | Frame::List { index, .. })) => {
                        Seg::Index(*index)
                    }
                    (seg, _) => seg,
                };
                visit(&path, seg, pending.1, span);
                let opens = match tok {
                    Tok::Open(c) => Some((c, false)),
                    Tok::Ident(name) if matches!(next, Some((Tok::Open('('), _))) => {
                        next = lexer.next();
                        Some(('(', name == "Some"))
                    }
                    _ => None,
                };
                if let Some((c, transparent)) = opens {
                    let path_len = path.len();
                    match seg {
                        Seg::Field(f) => push_field(&mut path, f),
                        Seg::Key(k) => push_key(&mut path, k),
                        Seg::Index(i) => push_index(&mut path, i),
                        Seg::None => {}
                    }
                    stack.push(match c {
                        '(' => Frame::Paren { index: 0, transparent, path_len },
                        '[' => Frame::List { index: 0, path_len },
                        _ => Frame::Map { path_len },
                    });
                }
                pending = (Seg::None, None);
            }
        }
        lookahead = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment
Scenario(
    id: "x", /* block /* nested */ */
    nodes: {
        "intro": (
            text: "Hi, \"there\"",
            choices: [
                (id: "a", next: Some("end")),
                (id: "b", next: "nowhere", when: Is("v", Bool(true))),
            ],
        ),
        "intro": (text: r#"raw"#),
    },
)
"##;

    #[test]
    fn finds_values_keys_and_nested_elements() {
        let index = SourceIndex::build(SRC);
        let root = Path::root();
        let intro = root.field("nodes").key("intro");
        let span = |l, c, el, ec| Some(Span { start: Pos { line: l, col: c }, end: Pos { line: el, col: ec } });
        assert_eq!(index.value(&root.field("id")), span(3, 9, 3, 12));
        assert_eq!(index.key(&intro), span(5, 9, 5, 16));
        assert_eq!(index.value(&intro.field("choices").index(0).field("next")), span(8, 38, 8, 43));
        assert_eq!(index.value(&intro.field("choices").index(1).field("next")), span(9, 33, 9, 42));
        let when = intro.field("choices").index(1).field("when");
        assert_eq!(index.value(&when.index(1)), span(9, 58, 9, 62));
    }

    #[test]
    fn reports_keys_written_twice() {
        let dups = duplicate_keys(SRC);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].map, "nodes");
        assert_eq!(dups[0].key, "intro");
        assert_eq!(dups[0].first.start, Pos { line: 5, col: 9 });
        assert_eq!(dups[0].span.start, Pos { line: 12, col: 9 });
    }
}
