//! Phrases: how a checklist phrase is matched in the answer, and when a clause is a list of them.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum El {
    Lit(char),
    /// One or more spaces (not a line break).
    Ws,
    /// Any spaces, or none (between two Chinese characters).
    OptWs,
}

#[derive(Debug)]
pub(super) struct Pattern {
    pub(super) els: Vec<El>,
    pub(super) stem: bool,
}

impl Pattern {
    fn compile(phrase: &str) -> Option<Pattern> {
        let folded: String = phrase.chars().flat_map(fold_char).collect();
        let mut body = folded.trim();
        let stem = body.ends_with('*');
        if stem {
            body = body.trim_end_matches('*').trim_end();
        }
        let mut els: Vec<El> = Vec::new();
        let mut last_lit: Option<char> = None;
        let mut pending_ws = false;
        for c in body.chars() {
            if c.is_whitespace() {
                pending_ws = true;
                continue;
            }
            if let Some(prev) = last_lit {
                if pending_ws {
                    els.push(if is_cjk(prev) || is_cjk(c) { El::OptWs } else { El::Ws });
                } else if is_cjk(prev) && is_cjk(c) {
                    els.push(El::OptWs);
                }
            }
            pending_ws = false;
            els.push(El::Lit(c));
            last_lit = Some(c);
        }
        if els.is_empty() { None } else { Some(Pattern { els, stem }) }
    }

    fn first_lit(&self) -> Option<char> {
        self.els.iter().find_map(|e| if let El::Lit(c) = e { Some(*c) } else { None })
    }

    fn last_lit(&self) -> Option<char> {
        self.els.iter().rev().find_map(|e| if let El::Lit(c) = e { Some(*c) } else { None })
    }

    /// Where a match starting at `i` ends, if there is one.
    fn match_at(&self, t: &[char], i: usize) -> Option<usize> {
        let first = self.first_lit()?;
        if is_word(first) && !edge(t, i) {
            return None;
        }
        // Everything but the last letter, which may change with an English ending.
        let last_at = self.els.iter().rposition(|e| matches!(e, El::Lit(_)))?;
        let mut j = i;
        for el in self.els.get(..last_at)? {
            match *el {
                El::Lit(c) => {
                    if t.get(j) != Some(&c) {
                        return None;
                    }
                    j += 1;
                }
                El::Ws => {
                    let s = j;
                    while t.get(j).is_some_and(|&c| is_space(c)) {
                        j += 1;
                    }
                    if j == s {
                        return None;
                    }
                }
                El::OptWs => {
                    while t.get(j).is_some_and(|&c| is_space(c)) {
                        j += 1;
                    }
                }
            }
        }
        let last = self.last_lit()?;
        if self.stem {
            if t.get(j) != Some(&last) {
                return None;
            }
            j += 1;
            while t.get(j).is_some_and(|&c| same_word(last, c)) {
                j += 1;
            }
            return Some(j);
        }
        if !is_word(last) {
            return (t.get(j) == Some(&last)).then_some(j + 1);
        }
        endings(last).into_iter().find_map(|ending| {
            let n = ending.chars().count();
            let here = t.get(j..j + n)?;
            (here.iter().copied().eq(ending.chars()) && edge(t, j + n)).then_some(j + n)
        })
    }
}

/// The ways the last letter of a phrase may be written at the end of a word: itself, or with a
/// regular English ending (ticket → tickets, box → boxes, report → reported, reporting, warn →
/// warnings, freeze → freezing, notify → notifies, notified, scam → scammed, scamming).
pub(super) fn endings(last: char) -> Vec<String> {
    let mut out = vec![last.to_string()];
    if !last.is_ascii_lowercase() {
        return out;
    }
    out.extend(["s", "es", "ed", "ing", "ings"].map(|e| format!("{last}{e}")));
    match last {
        'e' => out.extend(["ed", "ing", "ings"].map(str::to_owned)),
        'y' => out.extend(["ies", "ied"].map(str::to_owned)),
        'a' | 'i' | 'o' | 'u' | 'w' | 'x' => {}
        _ => out.extend(["ed", "ing", "ings"].map(|e| format!("{last}{last}{e}"))),
    }
    out
}

/// One match of one phrase of an item.
#[derive(Clone, Debug)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The clause it starts in and the clause it ends in (the same unless the phrase holds
    /// punctuation).
    pub(super) first: usize,
    pub(super) last: usize,
}

/// The clause char `pos` lies in (a char that cuts belongs to the next clause).
pub(super) fn clause_of(clauses: &[Clause], pos: usize) -> Option<usize> {
    let k = clauses.partition_point(|c| c.end < pos);
    match clauses.get(k) {
        Some(c) if pos == c.end && c.ends_with.is_some() => (k + 1 < clauses.len()).then_some(k + 1),
        Some(_) => Some(k),
        None => None,
    }
}

pub(super) fn find_hits(t: &[char], phrases: &[String], clauses: &[Clause]) -> Vec<Hit> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for pattern in phrases.iter().filter_map(|p| Pattern::compile(p)) {
        for i in 0..t.len() {
            if let Some(end) = pattern.match_at(t, i) {
                spans.push((i, end));
            }
        }
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    // Sorted by start, longest first: a match lies inside an earlier kept one exactly when it ends
    // no later than the furthest kept end.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut furthest = 0;
    for (s, e) in spans {
        if kept.is_empty() || e > furthest {
            kept.push((s, e));
            furthest = furthest.max(e);
        }
    }
    kept.into_iter()
        .filter_map(|(start, end)| {
            let first = clause_of(clauses, start)?;
            // A phrase ending in punctuation ("01:") ends in the clause that punctuation closes.
            let last_char = end.saturating_sub(1).max(start);
            let last = clauses.partition_point(|c| c.end < last_char).max(first);
            clauses.get(last)?;
            Some(Hit { start, end, first, last })
        })
        .collect()
}

/// Chinese characters that are words on their own (particles, pronouns, prepositions, aspect
/// markers): outside a match each counts as a word, where other characters count in pairs.
pub(super) const ZH_FUNCTION_CHARS: &str = "已了并把被将向给对的地得在也都就又再还和与及或我你您他她它们这那是有要会能请先后从到让叫使用以为于之其此该每各某一个些很太更最才刚正着过吗呢吧啊";

/// Rule 4: the clause `start..end` is a row of checklist phrases rather than a statement.
pub(super) fn is_keyword_list(t: &[char], start: usize, end: usize, hits: &[(usize, &Hit)]) -> bool {
    let items: BTreeSet<usize> = hits.iter().map(|(item, _)| *item).collect();
    let spans: BTreeSet<(usize, usize, usize)> = hits.iter().map(|(item, h)| (h.start, h.end, *item)).collect();
    // Matched phrases: overlapping matches, and matches of one item with only spaces between
    // them ("上报组长", "team lead supervisor"), count once.
    let mut phrases = 0;
    let mut group: Option<(usize, BTreeSet<usize>)> = None;
    for &(s, e, item) in &spans {
        let joins = group.as_ref().is_some_and(|(ge, gi)| {
            s < *ge || (gi.contains(&item) && t.get(*ge..s).is_some_and(|gap| gap.iter().all(|c| is_space(*c))))
        });
        match group.as_mut() {
            Some((ge, gi)) if joins => {
                *ge = (*ge).max(e);
                gi.insert(item);
            }
            _ => {
                phrases += 1;
                group = Some((e, BTreeSet::from([item])));
            }
        }
    }
    // Other words: each Latin word, each one-character Chinese function word, and the remaining
    // Chinese characters in pairs (most Chinese words have two).
    let (mut words, mut function, mut content) = (0_usize, 0_usize, 0_usize);
    for a in atoms(t, start, end) {
        if spans.iter().any(|&(s, e, _)| a.start < e && s < a.end) {
            continue;
        }
        match (a.cjk, t.get(a.start)) {
            (false, _) => words += 1,
            (true, Some(c)) if ZH_FUNCTION_CHARS.contains(*c) => function += 1,
            (true, _) => content += 1,
        }
    }
    let others = words + function + content.div_ceil(2);
    (items.len() >= 2 && phrases > others) || (spans.len() >= 3 && others == 0)
}
