//! A quick reader for the plain RON that scenario files are written in, so that a large scenario
//! loads within its budget (10,000 nodes in under 100 ms; `ron` alone parses about 50 MB/s here,
//! see BENCHMARKS.md).
//!
//! It reads exactly what `ron` reads with [`super::load::ron_options`] (implicit `Some`, flat
//! newtype variants), restricted to the common forms: ASCII identifiers, decimal integers,
//! strings with the usual escapes, raw strings, `//` and `/* */` comments. Anything else (an
//! extension attribute, a float, a byte string, an unusual whitespace
//! character) and every error make it give up and return `None`, and the caller reads the file
//! with `ron`, which stays the reference and reports every syntax error. So it never accepts a
//! file that `ron` rejects and never reads a value differently; `tests::agrees_with_ron` and the
//! property test in `tests/properties.rs` hold it to that.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};

/// What the quick reader read.
#[derive(Debug)]
pub struct QuickRead<T> {
    /// The value.
    pub value: T,
    /// Whether some map has a key written twice (the same text between the quotes); the caller
    /// then finds and reports them with [`super::locate::duplicate_keys`].
    pub repeated_keys: bool,
}

/// Reads `source` as a `T`, or `None` when `ron` must read it (an error, or a form this reader
/// leaves to `ron`).
pub fn from_str<'de, T: de::Deserialize<'de>>(source: &'de str) -> Option<QuickRead<T>> {
    Reader::new(source).read()
}

/// Nesting units (two per container) after which the reader gives up: well below `ron`'s
/// recursion limit, which counts at most two per container, so `ron` never fails on depth where
/// this reader succeeded.
const MAX_DEPTH: usize = 100;

/// The one error: "let `ron` read this".
#[derive(Debug)]
struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to ron")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<M: fmt::Display>(_: M) -> Self {
        GiveUp
    }
}

type Res<T> = Result<T, GiveUp>;

struct Reader<'de> {
    text: &'de str,
    /// `text` as bytes; every cursor position is at a character boundary.
    src: &'de [u8],
    at: usize,
    /// Inside a newtype variant, where a struct or tuple is written without its own brackets
    /// (`Crm(title: …)`), as `ron`'s `UNWRAP_VARIANT_NEWTYPES` reads it.
    newtype: bool,
    depth: usize,
    /// The raw keys of the maps being read, innermost last.
    keys: Vec<&'de [u8]>,
    repeated: bool,
}

/// Bytes that may follow an identifier or a number: anything else is left to `ron`.
fn ends_token(b: Option<u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'(' | b')' | b',' | b':' | b']' | b'}' | b'/'))
}

/// The whitespace the quick reader skips (`ron` skips a few more, which it is left to read).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

impl<'de> Reader<'de> {
    fn new(source: &'de str) -> Self {
        Reader {
            text: source,
            src: source.as_bytes(),
            at: 0,
            newtype: false,
            depth: 0,
            keys: Vec::new(),
            repeated: false,
        }
    }

    /// The whole source as one `T`.
    fn read<T: de::Deserialize<'de>>(&mut self) -> Option<QuickRead<T>> {
        self.ws().ok()?;
        if self.peek() == Some(b'#') {
            return None;
        }
        let value = T::deserialize(&mut *self).ok()?;
        self.ws().ok()?;
        (self.at == self.src.len()).then_some(QuickRead { value, repeated_keys: self.repeated })
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.at += usize::from(hit);
        hit
    }

    fn expect(&mut self, b: u8) -> Res<()> {
        if self.eat(b) { Ok(()) } else { Err(GiveUp) }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 2;
        if self.depth > MAX_DEPTH { Err(GiveUp) } else { Ok(()) }
    }

    fn leave(&mut self) {
        self.depth -= 2;
    }

    /// Skips spaces, tabs, line breaks and comments.
    fn ws(&mut self) -> Res<()> {
        loop {
            while self.peek().is_some_and(is_space) {
                self.at += 1;
            }
            if self.peek() != Some(b'/') {
                return Ok(());
            }
            match self.src.get(self.at + 1) {
                Some(b'/') => {
                    self.at = memchr::memchr(b'\n', &self.src[self.at..]).map_or(self.src.len(), |i| self.at + i);
                }
                Some(b'*') => {
                    self.at += 2;
                    let mut level = 1;
                    while level > 0 {
                        let rest = &self.src[self.at..];
                        let i = memchr::memchr2(b'/', b'*', rest).ok_or(GiveUp)?;
                        self.at += i;
                        if self.src[self.at..].starts_with(b"/*") {
                            level += 1;
                            self.at += 2;
                        } else if self.src[self.at..].starts_with(b"*/") {
                            level -= 1;
                            self.at += 2;
                        } else {
                            self.at += 1;
                        }
                    }
                }
                _ => return Err(GiveUp),
            }
        }
    }

    /// `ws`, then a `,` and `ws` again when there is one.
    fn comma(&mut self) -> Res<bool> {
        self.ws()?;
        if self.eat(b',') {
            self.ws()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// The ASCII identifier at the cursor, without moving.
    fn peek_ident(&self) -> Res<&'de str> {
        let rest = &self.src[self.at..];
        if !rest.first().is_some_and(|&b| ident_start(b)) {
            return Err(GiveUp);
        }
        let len = rest.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'_')).unwrap_or(rest.len());
        if !ends_token(rest.get(len).copied()) {
            return Err(GiveUp);
        }
        self.text.get(self.at..self.at + len).ok_or(GiveUp)
    }

    fn ident(&mut self) -> Res<&'de str> {
        let ident = self.peek_ident()?;
        self.at += ident.len();
        Ok(ident)
    }

    /// A decimal integer with an optional sign.
    fn integer(&mut self) -> Res<i128> {
        let negative = self.peek() == Some(b'-');
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.at += 1;
        }
        let rest = &self.src[self.at..];
        let len = rest.iter().position(|b| !b.is_ascii_digit()).unwrap_or(rest.len());
        if len == 0 || len > 30 || !ends_token(rest.get(len).copied()) {
            return Err(GiveUp);
        }
        let magnitude = rest[..len].iter().fold(0i128, |n, d| n * 10 + i128::from(d - b'0'));
        self.at += len;
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// A string, and the raw text between its quotes (what duplicate keys are compared by).
    fn string(&mut self) -> Res<(Cow<'de, str>, &'de [u8])> {
        match self.peek() {
            Some(b'"') => self.at += 1,
            Some(b'r') => return self.raw_string(),
            _ => return Err(GiveUp),
        }
        let start = self.at;
        let end = start + memchr::memchr(b'"', &self.src[start..]).ok_or(GiveUp)?;
        let Some(first_escape) = memchr::memchr(b'\\', &self.src[start..end]) else {
            self.at = end + 1;
            return Ok((Cow::Borrowed(self.text.get(start..end).ok_or(GiveUp)?), &self.src[start..end]));
        };
        let mut out = self.src[start..start + first_escape].to_vec();
        self.at = start + first_escape;
        loop {
            let next = memchr::memchr2(b'"', b'\\', &self.src[self.at..]).ok_or(GiveUp)?;
            out.extend_from_slice(&self.src[self.at..self.at + next]);
            self.at += next;
            if self.eat(b'"') {
                break;
            }
            self.at += 1;
            self.escape(&mut out)?;
        }
        let raw = &self.src[start..self.at - 1];
        let text = String::from_utf8(out).map_err(|_| GiveUp)?;
        Ok((Cow::Owned(text), raw))
    }

    /// The escape after a `\`: the one-character escapes, `\u{…}` and a line continuation.
    fn escape(&mut self, out: &mut Vec<u8>) -> Res<()> {
        let c = self.peek().ok_or(GiveUp)?;
        self.at += 1;
        let byte = match c {
            b'\'' | b'"' | b'\\' => c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'0' => b'\0',
            b'\n' => return self.continuation(),
            b'\r' if self.eat(b'\n') => return self.continuation(),
            b'u' => {
                self.expect(b'{')?;
                let rest = &self.src[self.at..];
                let len = rest.iter().position(|b| !b.is_ascii_hexdigit()).unwrap_or(rest.len());
                if !(1..=6).contains(&len) || rest.get(len) != Some(&b'}') {
                    return Err(GiveUp);
                }
                let code = u32::from_str_radix(std::str::from_utf8(&rest[..len]).map_err(|_| GiveUp)?, 16)
                    .map_err(|_| GiveUp)?;
                let ch = char::from_u32(code).ok_or(GiveUp)?;
                self.at += len + 1;
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                return Ok(());
            }
            _ => return Err(GiveUp),
        };
        out.push(byte);
        Ok(())
    }

    /// A `\` at the end of a line joins the next line, leading spaces dropped.
    fn continuation(&mut self) -> Res<()> {
        while self.peek().is_some_and(is_space) {
            self.at += 1;
        }
        Ok(())
    }

    /// `r"…"` or `r#"…"#` (any number of `#`).
    fn raw_string(&mut self) -> Res<(Cow<'de, str>, &'de [u8])> {
        self.at += 1;
        let hashes = self.src[self.at..].iter().take_while(|&&b| b == b'#').count();
        self.at += hashes;
        self.expect(b'"')?;
        let start = self.at;
        let mut from = start;
        let end = loop {
            let quote = from + memchr::memchr(b'"', &self.src[from..]).ok_or(GiveUp)?;
            if self.src[quote + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
                break quote;
            }
            from = quote + 1;
        };
        self.at = end + 1 + hashes;
        Ok((Cow::Borrowed(self.text.get(start..end).ok_or(GiveUp)?), &self.src[start..end]))
    }

    /// A struct's name when written (it must be the type's), as `ron` checks it.
    fn struct_name(&mut self, name: &str) -> Res<()> {
        match self.peek() {
            Some(b) if ident_start(b) => {
                if self.ident()? != name {
                    return Err(GiveUp);
                }
                Ok(())
            }
            Some(b) if b.is_ascii_digit() || !b.is_ascii() => Err(GiveUp),
            _ => Ok(()),
        }
    }

    /// The bracketed fields of a struct, its name already read.
    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        let flat = std::mem::take(&mut self.newtype);
        self.bracketed((b'(', b')'), Kind::Fields, flat, |items| visitor.visit_map(items))
    }

    /// `open`, the comma-separated items (given to `read`), `close`. When `flat` (a struct or
    /// tuple inside a newtype variant) the brackets are the variant's and are read by it.
    fn bracketed<T>(
        &mut self,
        (open, close): (u8, u8),
        kind: Kind,
        flat: bool,
        read: impl FnOnce(Items<'_, 'de>) -> Res<T>,
    ) -> Res<T> {
        if !flat {
            self.expect(open)?;
        }
        self.enter()?;
        let from = self.keys.len();
        let value = read(Items { r: self, close, had_comma: true, kind })?;
        if kind == Kind::Entries {
            self.check_keys(from);
        }
        self.leave();
        self.ws()?;
        if !flat {
            self.expect(close)?;
        }
        Ok(value)
    }

    /// Marks the map whose keys start at `from` when a key repeats.
    fn check_keys(&mut self, from: usize) {
        let keys = &mut self.keys[from..];
        let repeated = if keys.len() <= 8 {
            keys.iter().enumerate().any(|(i, k)| keys[..i].contains(k))
        } else {
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1])
        };
        self.repeated |= repeated;
        self.keys.truncate(from);
    }
}

mod access;
use access::{Items, Kind};

#[cfg(test)]
mod tests;
