//! `{placeholder}` text: finding the names a text uses and filling them from seeded data.

use std::collections::BTreeMap;

use rand::RngExt as _;

use super::model::RandomData;

/// The placeholder names a text uses, in order, or a message about a stray brace.
pub fn placeholders(text: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        let (brace, after) = (&rest[i..=i], &rest[i + 1..]);
        if after.starts_with(brace) {
            rest = &after[1..];
            continue;
        }
        if brace == "}" {
            return Err("a `}` without its `{` (write `}}` for a literal brace)".to_owned());
        }
        let Some(end) = after.find('}') else {
            return Err("a `{` without its `}` (write `{{` for a literal brace)".to_owned());
        };
        let name = &after[..end];
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("`{{{name}}}` is not a placeholder name (letters, digits and `_`)"));
        }
        names.push(name);
        rest = &after[end + 1..];
    }
    Ok(names)
}

/// Fills every `{name}` in `text` from `fills`; unknown names and stray braces stay as written
/// (the validator reports them before a drill can start).
pub fn fill(text: &str, fills: &BTreeMap<String, String>) -> String {
    if !text.contains(['{', '}']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let (brace, after) = (&rest[i..=i], &rest[i + 1..]);
        if after.starts_with(brace) {
            out.push_str(brace);
            rest = &after[1..];
            continue;
        }
        match after.find('}').filter(|_| brace == "{") {
            Some(end) if fills.contains_key(&after[..end]) => {
                out.push_str(&fills[&after[..end]]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(brace);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Draws one value for each entry of `random`.
pub fn draw_fills(random: &BTreeMap<String, RandomData>, rng: &mut impl rand::Rng) -> BTreeMap<String, String> {
    random
        .iter()
        .map(|(name, data)| {
            let value = match data {
                RandomData::OneOf(options) if options.is_empty() => String::new(),
                RandomData::OneOf(options) => options[rng.random_range(0..options.len())].clone(),
                RandomData::Range(lo, hi) if lo <= hi => rng.random_range(*lo..=*hi).to_string(),
                RandomData::Range(lo, _) => lo.to_string(),
                RandomData::Pattern(pattern) => pattern
                    .chars()
                    .map(|c| match c {
                        '#' => char::from(b'0' + rng.random_range(0..10u8)),
                        '@' => char::from(b'A' + rng.random_range(0..26u8)),
                        c => c,
                    })
                    .collect(),
            };
            (name.clone(), value)
        })
        .collect()
}

/// Formats drill milliseconds as `m:ss`.
pub fn mm_ss(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Formats a response time as seconds with one decimal.
pub fn seconds(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
}

/// Formats wall-clock milliseconds as a UTC date and time.
pub fn utc(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_else(|| ms.to_string())
}

/// Milliseconds an ordinary reader takes per English word: 240 words a minute, the average
/// silent reading rate of adults for non-fiction (Brysbaert 2019, a meta-analysis of 190 studies:
/// 238 words a minute).
pub const MS_PER_WORD: u64 = 250;

/// Milliseconds an ordinary reader takes per Chinese character: 260 characters a minute, the
/// rate measured for Chinese in the International Reading Speed Texts (Trauzettel-Klosinski and
/// Dietz 2012: 255 ± 29 characters a minute).
pub const MS_PER_CJK_CHAR: u64 = 231;

/// Is `c` a CJK ideograph or a CJK punctuation mark (each read as one unit)?
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// How long an ordinary reader takes to read `text`: each Chinese character at 260 a minute, each
/// other word (a run of letters or digits) at 240 a minute.
pub fn reading_ms(text: &str) -> u64 {
    let (mut cjk, mut words, mut in_word) = (0u64, 0u64, false);
    for c in text.chars() {
        if is_cjk(c) {
            cjk += u64::from(c.is_alphanumeric());
            in_word = false;
        } else if c.is_alphanumeric() {
            words += u64::from(!in_word);
            in_word = true;
        } else if c != '\'' && c != '’' {
            in_word = false;
        }
    }
    cjk.saturating_mul(MS_PER_CJK_CHAR).saturating_add(words.saturating_mul(MS_PER_WORD))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng as _;

    #[test]
    fn reading_time_counts_words_and_chinese_characters() {
        assert_eq!(reading_ms("Read me the full card number, don't wait."), 8 * MS_PER_WORD);
        assert_eq!(reading_ms("请读出完整卡号。"), 7 * MS_PER_CJK_CHAR);
        assert_eq!(reading_ms("卡号 6222 的客户"), 5 * MS_PER_CJK_CHAR + MS_PER_WORD);
        assert_eq!(reading_ms(" — … "), 0);
    }

    #[test]
    fn finds_names_and_skips_escaped_braces() {
        assert_eq!(placeholders("Hi {name}, {{not}} {order_no}"), Ok(vec!["name", "order_no"]));
        assert!(placeholders("Hi {name").unwrap_err().contains("without its `}`"));
        assert!(placeholders("Hi name}").unwrap_err().contains("without its `{`"));
        assert!(placeholders("{a b}").unwrap_err().contains("not a placeholder name"));
    }

    #[test]
    fn fills_known_names_and_unescapes() {
        let fills = BTreeMap::from([("name".to_owned(), "王芳".to_owned())]);
        assert_eq!(fill("Hi {name}, {{x}} {other}", &fills), "Hi 王芳, {x} {other}");
    }

    #[test]
    fn the_same_seed_draws_the_same_values() {
        let random = BTreeMap::from([
            ("a".to_owned(), RandomData::OneOf(vec!["x".into(), "y".into(), "z".into()])),
            ("b".to_owned(), RandomData::Range(100, 999)),
            ("c".to_owned(), RandomData::Pattern("138-####-@@".into())),
        ]);
        let draw = |seed| draw_fills(&random, &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let c = &draw(7)["c"];
        assert!(c.starts_with("138-") && c.len() == 11, "{c}");
    }
}
