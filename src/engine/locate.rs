//! Finds where a value stands in RON source, so that problems found after parsing (a missing
//! node, a type mismatch) can be reported at their line and column.
//!
//! `ron` parses into plain values without positions. This module walks the token structure of a
//! file that `ron` has already accepted and records, for each value, the path to it
//! (`nodes["intro"].choices[1].next`) and the byte range of its first token, plus that of its
//! key. It also finds map keys written twice, which deserialising into a map would silently merge.
//! The walk works on bytes (every RON delimiter is ASCII) and turns offsets into lines and
//! columns only for the places it reports.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::diag::{LineTable, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seg<'a> {
    Field(&'a str),
    Key(&'a str),
    Index(usize),
}

/// The path to a value, built on the stack as a chain of borrowed parents, without allocating;
/// it becomes text (`nodes["intro"].choices[1].next`) only when a problem is reported.
#[derive(Clone, Copy, Debug)]
pub struct ValuePath<'a> {
    parent: Option<&'a ValuePath<'a>>,
    seg: Option<Seg<'a>>,
}

impl<'a> ValuePath<'a> {
    /// The top-level value.
    pub fn root() -> Self {
        Self { parent: None, seg: None }
    }

    /// A struct field below this path.
    #[must_use]
    pub fn field(&'a self, name: &'a str) -> Self {
        Self { parent: Some(self), seg: Some(Seg::Field(name)) }
    }

    /// A map entry below this path.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> Self {
        Self { parent: Some(self), seg: Some(Seg::Key(key)) }
    }

    /// A list or tuple element below this path.
    #[must_use]
    pub fn index(&'a self, i: usize) -> Self {
        Self { parent: Some(self), seg: Some(Seg::Index(i)) }
    }

    /// The path as text, then the texts of its parents from the nearest.
    pub fn texts(&self) -> Vec<String> {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.extend(p.seg);
            at = p.parent;
        }
        segs.reverse();
        let mut s = String::new();
        let mut out = Vec::with_capacity(segs.len());
        for seg in segs {
            push_seg(&mut s, seg);
            out.push(s.clone());
        }
        out.reverse();
        out
    }
}

fn push_seg(s: &mut String, seg: Seg<'_>) {
    match seg {
        Seg::Field(name) => {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(name);
        }
        Seg::Key(key) => {
            s.push_str("[\"");
            s.push_str(key);
            s.push_str("\"]");
        }
        Seg::Index(i) => {
            s.push('[');
            s.push_str(&i.to_string());
            s.push(']');
        }
    }
}

/// Where the values of a file stand: every value, or only those asked for.
pub struct SourceIndex<'a> {
    lines: LineTable<'a>,
    /// Path text -> where its value stands; `None` for a path asked for that the file lacks.
    entries: HashMap<String, Option<Located>>,
}

#[derive(Clone, Copy, Debug)]
struct Located {
    key: Option<(usize, usize)>,
    value: (usize, usize),
}

/// Records a value visited at the path of `slot`: the first value written at a path is kept
/// (a repeated map key points at its first writing), except that the inside of `Some(…)`
/// (`inner`) moves the value to itself and keeps the key.
fn record(slot: &mut Option<Located>, inner: bool, key: Option<(usize, usize)>, value: (usize, usize)) {
    match slot {
        Some(entry) if inner => entry.value = value,
        Some(_) => {}
        None => *slot = Some(Located { key, value }),
    }
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

impl<'a> SourceIndex<'a> {
    /// Indexes every value of `source`, which should be RON that `ron` accepted. This keeps a path
    /// text for each value of the file; to locate a few values, [`Self::build_for`] is cheaper.
    pub fn build(source: &'a str) -> Self {
        let mut entries: HashMap<String, Option<Located>> = HashMap::default();
        walk(source, |_, path, seg, key, value| {
            let mut full = path.to_owned();
            if let Some(seg) = seg {
                push_seg(&mut full, seg);
            }
            record(entries.entry(full).or_default(), seg.is_none(), key, value);
            true
        });
        Self { lines: LineTable::new(source), entries }
    }

    /// Indexes the values of `source` at the path texts `paths` (as [`ValuePath::texts`] gives them),
    /// in one pass over the file. Lookups of these paths give what they give in [`Self::build`]'s
    /// index; the pass builds the path of a value only in a bracket that may hold one of them,
    /// and goes into no other.
    pub fn build_for<'p>(source: &'a str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let paths: Vec<&str> = paths.into_iter().collect();
        // The paths of the brackets a wanted value may stand in: a path text is its parent's
        // followed by `.field`, `["key"]` or `[index]`, so each text up to a `.` or `[` (keys are
        // written unescaped, so this may keep some that are not parents), and the top level.
        let mut holders: HashSet<&str> =
            paths.iter().flat_map(|path| path.match_indices(['.', '[']).map(|(i, _)| &path[..i])).collect();
        holders.insert("");
        let mut entries: HashMap<String, Option<Located>> =
            paths.iter().map(|path| ((*path).to_owned(), None)).collect();
        let mut full = String::new();
        // The bracket last visited, and whether it may hold a wanted value.
        let mut here = (usize::MAX, false);
        walk(source, |container, path, seg, key, value| {
            let Some(seg) = seg else {
                // The top level, or the inside of `Some(…)`, which stands at the path of the `Some`.
                if let Some(slot) = entries.get_mut(path) {
                    record(slot, true, key, value);
                }
                return holders.contains(path);
            };
            if here.0 != container {
                here = (container, holders.contains(path));
            }
            if !here.1 {
                return false;
            }
            full.clear();
            full.push_str(path);
            push_seg(&mut full, seg);
            match entries.get_mut(full.as_str()) {
                // A wanted value: its inside is needed when it is a `Some(…)`.
                Some(slot) => {
                    record(slot, false, key, value);
                    true
                }
                None => holders.contains(full.as_str()),
            }
        });
        Self { lines: LineTable::new(source), entries }
    }

    /// Lines and columns of the indexed source.
    pub fn lines(&self) -> &LineTable<'a> {
        &self.lines
    }

    fn find(&self, texts: &[String]) -> Option<&Located> {
        texts.iter().find_map(|t| self.entries.get(t).and_then(Option::as_ref))
    }

    /// The span of the value at `path` (its first token), or of its nearest located parent.
    pub fn value(&self, path: &ValuePath<'_>) -> Option<Span> {
        self.value_at(&path.texts())
    }

    /// The span of the key or field name of the value at `path`, or of the value itself.
    pub fn key(&self, path: &ValuePath<'_>) -> Option<Span> {
        self.key_at(&path.texts())
    }

    /// [`Self::value`] for a path already turned into texts by [`ValuePath::texts`].
    pub fn value_at(&self, texts: &[String]) -> Option<Span> {
        self.find(texts).map(|e| self.lines.span(e.value))
    }

    /// [`Self::key`] for a path already turned into texts by [`ValuePath::texts`].
    pub fn key_at(&self, texts: &[String]) -> Option<Span> {
        self.find(texts).map(|e| self.lines.span(e.key.unwrap_or(e.value)))
    }
}

/// Finds map keys written twice in `source`.
pub fn duplicate_keys(source: &str) -> Vec<DuplicateKey> {
    let mut seen: HashMap<(usize, &str), (usize, usize)> = HashMap::default();
    let mut found = Vec::new();
    walk(source, |container, path, seg, key, _| {
        if let (Some(Seg::Key(k)), Some(span)) = (seg, key) {
            match seen.get(&(container, k)) {
                Some(first) if *first != span => found.push((path.to_owned(), k.to_owned(), span, *first)),
                Some(_) => {}
                None => {
                    seen.insert((container, k), span);
                }
            }
        }
        true
    });
    let lines = LineTable::new(source);
    found
        .into_iter()
        .map(|(map, key, span, first)| DuplicateKey { map, key, span: lines.span(span), first: lines.span(first) })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    Open(u8),
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
}

impl<'a> Lexer<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn skip_trivia(&mut self) {
        let b = self.bytes();
        loop {
            match (b.get(self.at), b.get(self.at + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    self.at = memchr::memchr(b'\n', &b[self.at..]).map_or(b.len(), |i| self.at + i);
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut depth = 0usize;
                    while self.at < b.len() {
                        if b[self.at..].starts_with(b"/*") {
                            depth += 1;
                            self.at += 2;
                        } else if b[self.at..].starts_with(b"*/") {
                            depth -= 1;
                            self.at += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.at += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// The next token with its byte range; `None` at the end.
    fn next(&mut self) -> Option<(Tok<'a>, (usize, usize))> {
        self.skip_trivia();
        let begin = self.at;
        let c = self.peek()?;
        self.at += 1;
        let tok = match c {
            b'(' | b'[' | b'{' => Tok::Open(c),
            b')' | b']' | b'}' => Tok::Close,
            b':' => Tok::Colon,
            b',' => Tok::Comma,
            b'"' => {
                self.quoted(b'"');
                Tok::Str(self.src.get(begin + 1..self.at.saturating_sub(1).max(begin + 1)).unwrap_or(""))
            }
            b'\'' => {
                self.quoted(b'\'');
                Tok::Other
            }
            b'b' if self.peek() == Some(b'"') => {
                self.at += 1;
                self.quoted(b'"');
                Tok::Other
            }
            b'r' if matches!(self.peek(), Some(b'"' | b'#')) => {
                let mut hashes = 0;
                while self.peek() == Some(b'#') {
                    self.at += 1;
                    hashes += 1;
                }
                self.at += 1;
                let body = self.at.min(self.src.len());
                let close = format!("\"{}", "#".repeat(hashes));
                let end = self.src.get(body..).and_then(|r| r.find(&close)).map_or(self.src.len(), |i| body + i);
                self.at = (end + close.len()).min(self.src.len());
                Tok::Str(self.src.get(body..end).unwrap_or(""))
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'#') {
                    self.at += 1;
                }
                Tok::Ident(self.src.get(begin..self.at).unwrap_or(""))
            }
            _ => {
                while self.peek().is_some_and(|c| !c.is_ascii_whitespace() && !b"()[]{}:,\"/".contains(&c)) {
                    self.at += 1;
                }
                Tok::Other
            }
        };
        // Never stop inside a UTF-8 character.
        while !self.src.is_char_boundary(self.at.min(self.src.len())) {
            self.at += 1;
        }
        self.at = self.at.min(self.src.len());
        Some((tok, (begin, self.at)))
    }

    fn quoted(&mut self, quote: u8) {
        let b = self.bytes();
        while let Some(i) = memchr::memchr2(quote, b'\\', &b[self.at.min(b.len())..]) {
            let at = self.at + i;
            if b[at] == b'\\' {
                self.at = at + 2;
            } else {
                self.at = at + 1;
                return;
            }
        }
        self.at = b.len();
    }
}

#[derive(Debug)]
enum Frame {
    /// `( … )`: fields or tuple elements; `transparent` for `Some(…)`.
    Paren { index: usize, transparent: bool, path_len: usize },
    /// `[ … ]`.
    List { index: usize, path_len: usize },
    /// `{ … }`.
    Map { path_len: usize },
}

/// Walks every value of `source`, calling
/// `visit(container, parent_path, segment, key_range, value_range)`: `container` numbers the
/// bracket the value stands in, and the segment is `None` for the inside of `Some(…)`. When the
/// value opens a bracket and `visit` returns `false`, the walk passes over that bracket's
/// contents (its tokens are still read, so that it ends where it would) without visiting them.
fn walk<'a>(
    source: &'a str,
    mut visit: impl FnMut(usize, &str, Option<Seg<'a>>, Option<(usize, usize)>, (usize, usize)) -> bool,
) {
    let mut lexer = Lexer { src: source, at: 0 };
    let mut stack: Vec<(usize, Frame)> = Vec::new();
    let mut opened = 0usize;
    let mut path = String::new();
    // What the next value is called, and where its key stood.
    let mut pending: (Option<Seg<'a>>, Option<(usize, usize)>) = (None, None);
    let mut lookahead = lexer.next();
    while let Some((tok, span)) = lookahead.take() {
        let mut next = lexer.next();
        match tok {
            Tok::Comma => {
                if let Some((_, Frame::Paren { index, .. } | Frame::List { index, .. })) = stack.last_mut() {
                    *index += 1;
                }
                pending = (None, None);
            }
            Tok::Colon => {}
            Tok::Close => {
                if let Some((_, frame)) = stack.pop() {
                    let len = match frame {
                        Frame::Paren { path_len, .. } | Frame::List { path_len, .. } | Frame::Map { path_len } => {
                            path_len
                        }
                    };
                    path.truncate(len);
                }
                pending = (None, None);
            }
            _ => {
                // A field name inside a struct: `name: value`.
                let top = stack.last().map(|(_, f)| f);
                if let (Tok::Ident(name), Some((Tok::Colon, _)), Some(Frame::Paren { .. })) = (tok, next, top) {
                    pending = (Some(Seg::Field(name)), Some(span));
                    lookahead = next;
                    continue;
                }
                // A map key: `"key": value`.
                if let (Some(Frame::Map { .. }), (None, None)) = (top, pending) {
                    let key = if let Tok::Str(s) = tok { s } else { "" };
                    pending = (Some(Seg::Key(key)), Some(span));
                    lookahead = next;
                    continue;
                }
                let seg = match (pending.0, top) {
                    (None, Some(Frame::Paren { transparent: true, .. })) => None,
                    (None, Some(Frame::Paren { index, .. } | Frame::List { index, .. })) => Some(Seg::Index(*index)),
                    (seg, _) => seg,
                };
                let descend = visit(stack.last().map_or(0, |(id, _)| *id), &path, seg, pending.1, span);
                let opens = match tok {
                    Tok::Open(c) => Some((c, false)),
                    Tok::Ident(name) if matches!(next, Some((Tok::Open(b'('), _))) => {
                        next = lexer.next();
                        Some((b'(', name == "Some"))
                    }
                    _ => None,
                };
                if opens.is_some() && !descend {
                    // To the matching close, counting brackets as the frames below would.
                    let mut depth = 1usize;
                    while depth > 0 {
                        match next {
                            Some((Tok::Open(_), _)) => depth += 1,
                            Some((Tok::Close, _)) => depth -= 1,
                            Some(_) => {}
                            None => break,
                        }
                        next = lexer.next();
                    }
                    pending = (None, None);
                    lookahead = next;
                    continue;
                }
                if let Some((c, transparent)) = opens {
                    let path_len = path.len();
                    if let Some(seg) = seg {
                        push_seg(&mut path, seg);
                    }
                    opened += 1;
                    let frame = match c {
                        b'(' => Frame::Paren { index: 0, transparent, path_len },
                        b'[' => Frame::List { index: 0, path_len },
                        _ => Frame::Map { path_len },
                    };
                    stack.push((opened, frame));
                }
                pending = (None, None);
            }
        }
        lookahead = next;
    }
}

#[cfg(test)]
mod tests;
