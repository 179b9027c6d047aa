//! Everything the command line prints goes through here: text from scenarios and debriefs (a
//! trainee's name, an ending, a note) may hold control characters that would drive the terminal
//! (colours, cursor moves, a title change) or reorder it (bidirectional overrides), so every such
//! character but newline and tab is shown escaped (`\u{1b}`); and a reader that goes away (`hotwash review | head`) ends the
//! command quietly instead of a panic on the broken pipe.

use std::borrow::Cow;
use std::io::Write as _;

/// Characters that drive a terminal or reorder what it shows: control characters but newline and
/// tab, the bidirectional marks, overrides and isolates, and the line and paragraph separators.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` with every character that drives or reorders the terminal escaped.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars().map(|c| if unsafe_char(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect(),
    )
}

/// Writes `text` to standard output (or error), terminal-safe. When the reader has gone, the
/// command ends as a pipe's writer does (exit 141, as if by SIGPIPE) without a message.
pub fn write(to_stderr: bool, text: &str) {
    let text = safe(text);
    let result = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    };
    if let Err(err) = result
        && err.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(141);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(safe("Li Na\n\tok"), "Li Na\n\tok");
        assert_eq!(safe("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(safe("a\rb\u{7}"), "a\\u{d}b\\u{7}");
        assert_eq!(safe("Li\u{202e}aN"), "Li\\u{202e}aN");
    }
}
