//! Grading of a written answer against an input node's checklist: which items the answer covers,
//! the words that covered each one, and the matches that were found but not counted, with why.
//! The review shows these reasons to the trainee, so every rule is written here in plain words.
//!
//! # Finding a phrase
//!
//! - Case does not matter. Full-width letters, digits and punctuation (`ＯＴＰ`, `，`) count as their
//!   ordinary forms, and curly apostrophes as straight ones.
//! - A phrase in Latin letters or digits matches whole words only: "son" does not match "reason", "lead"
//!   does not match "leadership", "48" does not match "1480". A letter next to a digit is a word edge,
//!   so "48" matches "48h".
//! - The last word of a phrase also matches its regular English forms: -s, -es, -ed, -ing, -ings, with a
//!   final e dropped, a final y turned to i, or a final consonant doubled ("ticket" matches "tickets",
//!   "report" matches "reported" and "reporting", "freeze" matches "freezing", "notify" matches
//!   "notified", "scam" matches "scammed"). It does not match other words that merely start with it
//!   ("freezer", "scampi", "blockade", "reporter"), nor irregular forms, which a checklist lists
//!   ("froze", "frozen", "told").
//! - A phrase ending in `*` is a stem: its last word matches any word that starts with it ("freez*"
//!   matches "freeze", "freezing"; "team lead*" matches "team leader").
//! - A phrase with Chinese (or Japanese) characters matches inside longer text, since those languages
//!   leave no spaces between words; spaces typed between two such characters are ignored. Only the
//!   Latin edges of a mixed phrase ("理赔app") must be word edges.
//! - Spaces inside a phrase match any run of spaces, but not a line break.
//! - Where one phrase's match lies inside another's of the same item ("泄露" inside "没有泄露"), only
//!   the longer one is kept.
//!
//! # Clauses
//!
//! The answer is cut into clauses at `.` `!` `?` `;` `,`, a line break, `…` and the Chinese
//! `。` `！` `？` `；` `，` `、`. A `.` between two letters or digits ("bank.com", "3.5") and a `,`
//! between two digits ("17,900") do not cut. A colon (`:` `：`) does not cut either: a label and
//! what follows it are one statement ("Caller ID: 0755 5550 0188", "措施：冻结卡片"). A match must
//! lie in one clause, unless the phrase itself contains the punctuation ("art. 57"). A sentence runs
//! to the next `.` `!` `?` `;` `…`, line break or `。` (not to a comma or `、`). Each rule below looks
//! at the match's own clause.
//!
//! # When a match does not count
//!
//! An item is covered when at least one of its matches counts. The first of these reasons that
//! applies is the one reported:
//!
//! 1. **Copied from the prompt.** Once case, spaces and punctuation are set aside, the clause's words
//!    appear, in order and next to each other, in the question the trainee was asked.
//! 2. **A question.** The clause belongs to a sentence ending in `?` or `？`.
//! 3. **Too short.** The clause has fewer than 3 words, or fewer than 5 Chinese characters (words and
//!    characters add up in a mixed clause: 3 words count as much as 5 characters). "Froze.", "冻结。"
//!    and "Card frozen," say nothing beyond the phrase. One exception for Chinese lists: a clause of 3
//!    or 4 characters after `、` or `，` counts when it continues a clause that is long enough and
//!    reports something done (it holds `已` or `了`), as in "我已冻结卡片、上报组长": the list shares
//!    that clause's subject and its "already".
//! 4. **A list of keywords.** Phrases of 2 or more different items match in the clause, and the
//!    matched phrases outnumber the clause's other words. A phrase counts once however many words
//!    it has; overlapping matches, and matches of one item with only spaces between them ("上报组长",
//!    "report team lead"), count as one phrase. Outside the matches, a Chinese character that is a
//!    word on its own (已, 了, 并, 和, 把, 我…) counts as a word and the other characters count in pairs,
//!    since most Chinese words have two. Or the clause is nothing but 3 or more matches. None of its
//!    matches count. "freeze account report team lead police", "freeze and report and police" and
//!    "冻结账户上报组长报警", "冻结卡片上报组长" fail; "I froze the account and reported it to my team
//!    lead", "hang up and ring the official number", "已冻结卡片并上报组长" and "已上报组长并冻结" pass.
//! 5. **Negated.** A negating word governs the match.
//!    - English negators: not, no, never, none, nothing, nobody, no one, neither, nor, cannot, unable
//!      to, failed to, forgot to, refused to, neglected to, every "n't" form (also typed without the
//!      apostrophe: didnt, dont, wasnt…), and "without", which governs only the next 3 words. Not
//!      negating: not only, not just, not until, no later than, no sooner, no matter, no doubt, never
//!      mind, none other than, without delay / hesitation / hesitating / waiting. "No one else" does
//!      negate: "no one else was told" says something did not happen.
//!    - Chinese negators: 没有, 没, 未, 并未, 并没有, 从未, 从没, 未曾, 尚未, 还没, 不, 不要, 不能, 不会,
//!      不是, 别, 勿, 切勿, 请勿, 无, 无法, 毫无, 并无, 并非, 未经, 禁止, 拒绝, 忘了, 忘记. Not negating:
//!      不仅, 不但, 不久, 毫不犹豫, 不得不, 不论, 不管, 无论, 不少, 不断, 不停, 不到, 不同, 不法, 不明,
//!      不当, 不慎, 不小心, 不幸, 对不起, 差不多, 别人, 特别, 识别, 未来, 未知, 没收 and the like, and the
//!      question forms 是不是, 有没有, 要不要, 会不会.
//!    - A negator governs what follows it in its clause, up to the end of its reach (below). Only a
//!      negator wholly before the matched words counts: a phrase that itself holds one ("not to
//!      share", "不要透露", "didn't give") is a positive statement unless another negator stands
//!      before it. "告诉客户不要透露验证码" covers "不要透露"; "没有告诉客户不要透露" does not.
//!    - "nothing", "nobody", "no one" or "none" straight after the matched words negates them as
//!      their object ("I froze nothing", "I told my team lead nothing"), unless a verb follows it and
//!      makes it the subject of a new statement ("I told her nothing was lost").
//!    - The reach ends at a word that starts a new thought: "but", "so", "because", "however", "when",
//!      "after", "before", "until", "unless", "while", "although", "which", "who"; 但, 但是, 可是, 不过,
//!      却, 而, 然而, 就, 即, 便, 才, 所以, 因此, 因为, 由于, 于是, 结果, 导致.
//!    - It ends at a new coordinated verb phrase: "and", "then", "also", "plus", "as well as"; 并, 并且,
//!      然后, 而且, 再, 也, 还, 同时, 随后, 接着, 之后, 以后, 后来, 立即, 立刻, 马上, 随即, 另外, 此外. It goes
//!      on over "or", "nor", 或, 和, 与, 及 ("I did not freeze the card or tell my team lead").
//!    - After a negated verb of knowing or noticing (realise, know, notice, see, spot, recognise,
//!      understand; 意识到, 发现, 察觉, 识破, 知道, 看出, 认出, 想到, 注意到), what was not known is stated
//!      as a fact, so the reach ends where it starts: at a new subject (I, we, he, she, they), at
//!      "that" followed by a subject, at a verb such as "is", "was", "has", "will", "can", or at 是
//!      ("she didn't realise the caller was a fraudster", "没有意识到对方是骗子"). After "if",
//!      "whether" or 是否 it is not a fact ("I don't know if the customer was warned"), and after
//!      other verbs the reach goes on ("I would not say that it is a scam").
//!    - A past-tense or would-be negation ("did not", "didn't", "was not", "had not", "could not",
//!      "would not", "failed to", "forgot to", "refused to"; 没有, 没, 未, 并未, 从未, 尚未, 忘了, 拒绝)
//!      also reaches over "and" (并, 然后…) and over a comma or `、` into a list of further verbs: "I
//!      did not freeze the card, tell my team lead or warn the customer", "没有冻结卡片、上报组长". It
//!      stops where the next part starts with its own subject (I, we, the, my, 我, 客户…) or reports
//!      something done in its own right (a past-tense verb such as "froze" or "reported", a verb
//!      such as "was" or "will", or 已 / 了): "I didn't give him anything, froze the card and called
//!      my lead" keeps "froze" and "called" counted. Present and imperative negations do not reach
//!      over a comma, so "Never share your code, hang up and call us" counts "hang up".
//!
//! Matches are reported in the order they appear in the answer: the first counted one is the
//! evidence, and the first few refused ones are listed with their reason.

use std::collections::{BTreeMap, BTreeSet};

/// How many refused matches one item lists.
const MAX_REFUSED: usize = 3;

/// What the grading found for one checklist item.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Coverage {
    /// Whether the item counts as covered.
    pub covered: bool,
    /// When covered: the words of the answer that covered it (the matched words as written in the
    /// answer) and the clause they stand in.
    pub by: Option<Evidence>,
    /// Matches that were found but not counted, each with why (at most a few; first ones).
    pub refused: Vec<Refused>,
}

/// The words that covered an item, as written in the answer.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// The matched words.
    pub words: String,
    /// The clause they stand in.
    pub clause: String,
}

/// A match that was found but not counted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Refused {
    /// The matched words, as written in the answer.
    pub words: String,
    /// The clause they stand in.
    pub clause: String,
    /// Why the match does not count.
    pub why: Why,
}

/// Why a match does not count.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Why {
    /// A negation governs the match (the negating word as written, e.g. "did not", "没有").
    Negated(String),
    /// The clause says nothing beyond the phrase (too few words / characters).
    TooShort,
    /// The clause is a list of checklist phrases rather than a statement.
    KeywordList,
    /// The clause is copied from the prompt.
    CopiedFromPrompt,
    /// The clause is a question.
    Question,
}

/// Grades a written answer against every checklist item at once.
/// `items[i]` = the phrases of item i, as the author wrote them.
/// `prompt` = the question the trainee was asked (a clause copied from it never counts).
#[must_use]
pub fn grade(answer: &str, items: &[&[String]], prompt: &str) -> Vec<Coverage> {
    let text = Folded::new(answer);
    let t = text.chars.as_slice();
    let clauses = split_clauses(t);
    let units: Vec<Vec<Unit>> = clauses.iter().map(|c| units_in(t, c.start, c.end)).collect();
    let inherited = inherited_negations(&clauses, &units);
    let listed = continues_done_list(t, &clauses, &units);
    let prompt = Folded::new(prompt);
    let prompt_key = token_key(&prompt.chars, 0, prompt.chars.len());

    let hits: Vec<Vec<Hit>> = items.iter().map(|phrases| find_hits(t, phrases, &clauses)).collect();
    // The matches of every item in each clause (or run of clauses), for rule 4.
    let mut by_clause: BTreeMap<(usize, usize), Vec<(usize, &Hit)>> = BTreeMap::new();
    for (item, item_hits) in hits.iter().enumerate() {
        for hit in item_hits {
            by_clause.entry((hit.first, hit.last)).or_default().push((item, hit));
        }
    }
    // Rules 1 to 4 judge a whole clause, so they are worked out once per clause.
    let clause_verdicts: BTreeMap<(usize, usize), Option<Why>> = by_clause
        .iter()
        .map(|(&(first, last), same)| {
            let verdict = match (clauses.get(first), clauses.get(last)) {
                (Some(head), Some(tail)) => {
                    let (start, end) = (head.start, tail.end);
                    let key = token_key(t, start, end);
                    if key.len() > 2 && prompt_key.contains(&key) {
                        Some(Why::CopiedFromPrompt)
                    } else if tail.question {
                        Some(Why::Question)
                    } else if !long_enough(t, start, end) && !listed.get(first).copied().unwrap_or(false) {
                        Some(Why::TooShort)
                    } else if is_keyword_list(t, start, end, same) {
                        Some(Why::KeywordList)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            ((first, last), verdict)
        })
        .collect();

    let judge = |hit: &Hit| -> Option<Why> {
        if let Some(why) = clause_verdicts.get(&(hit.first, hit.last)).cloned().flatten() {
            return Some(why);
        }
        let clause_units = units.get(hit.first).map_or(&[][..], Vec::as_slice);
        // A phrase that holds its own negator ("没有泄露", "not to share") states the negated
        // fact: a negation carried over from the clause before does not turn it round again.
        let own_negator = clause_units
            .iter()
            .any(|u| u.start >= hit.start && u.end <= hit.end && matches!(u.role, Role::Neg { .. } | Role::NegNear));
        let inherit = if own_negator { None } else { inherited.get(hit.first).copied().flatten() };
        let negation = negation_before(clause_units, hit.start, inherit).or_else(|| {
            let last_units = units.get(hit.last).map_or(&[][..], Vec::as_slice);
            negation_after(t, last_units, hit.end)
        });
        negation.map(|n| Why::Negated(text.original(n.start, n.end)))
    };

    hits.iter()
        .map(|item_hits| {
            let mut coverage = Coverage { covered: false, by: None, refused: Vec::new() };
            for hit in item_hits {
                if coverage.covered && coverage.refused.len() >= MAX_REFUSED {
                    break;
                }
                match judge(hit) {
                    None if coverage.by.is_none() => {
                        coverage.covered = true;
                        let (words, clause) = (text.original(hit.start, hit.end), clause_text(&text, &clauses, hit));
                        coverage.by = Some(Evidence { words, clause });
                    }
                    Some(why) if coverage.refused.len() < MAX_REFUSED => {
                        let (words, clause) = (text.original(hit.start, hit.end), clause_text(&text, &clauses, hit));
                        coverage.refused.push(Refused { words, clause, why });
                    }
                    _ => {}
                }
            }
            coverage
        })
        .collect()
}

// ---- Text ---------------------------------------------------------------------------------------

/// The answer folded for matching (lower case, full-width forms as ASCII), each char remembering the
/// bytes of the original char it came from.
struct Folded<'a> {
    source: &'a str,
    chars: Vec<char>,
    spans: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn new(source: &'a str) -> Self {
        let mut chars = Vec::with_capacity(source.len());
        let mut spans = Vec::with_capacity(source.len());
        for (i, c) in source.char_indices() {
            for f in fold_char(c) {
                chars.push(f);
                spans.push((i, i + c.len_utf8()));
            }
        }
        Folded { source, chars, spans }
    }

    /// The original text of folded chars `start..end`.
    fn original(&self, start: usize, end: usize) -> String {
        if start >= end {
            return String::new();
        }
        let (Some(&(from, _)), Some(&(_, to))) = (self.spans.get(start), self.spans.get(end - 1)) else {
            return String::new();
        };
        self.source.get(from..to).unwrap_or_default().to_owned()
    }
}

fn fold_char(c: char) -> std::char::ToLowercase {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\t' | '\u{00A0}' => ' ',
        '\r' | '\u{2028}' | '\u{2029}' => '\n',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{FFE5}' => '¥',
        '\u{FF61}' => '。',
        '\u{FF64}' => '、',
        _ => c,
    };
    c.to_lowercase()
}

/// Chinese, Japanese kana and CJK compatibility characters: written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' |
        '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '\u{30000}'..='\u{3134F}')
}

/// A letter or digit of a space-separated script.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Whether `a` and `b` belong to the same word (both letters, or both digits).
fn same_word(a: char, b: char) -> bool {
    is_word(a) && is_word(b) && a.is_numeric() == b.is_numeric()
}

/// Whether there is a word edge between chars `i - 1` and `i`.
fn edge(t: &[char], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|p| t.get(p)), t.get(i)) {
        (Some(&a), Some(&b)) => !same_word(a, b),
        _ => true,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

// ---- Clauses ------------------------------------------------------------------------------------

/// A clause: folded chars `start..end`, without the punctuation that ends it.
#[derive(Debug)]
struct Clause {
    start: usize,
    end: usize,
    /// The punctuation that ends it; none at the end of the answer.
    ends_with: Option<char>,
    /// Its sentence ends in a question mark.
    question: bool,
}

impl Clause {
    /// Ends at a comma or `、`, which a list or a negation may continue over.
    fn soft_end(&self) -> bool {
        matches!(self.ends_with, Some(',' | '、'))
    }
}

fn cuts(t: &[char], i: usize) -> bool {
    let around = |f: fn(char) -> bool| {
        i.checked_sub(1).and_then(|p| t.get(p)).is_some_and(|&c| f(c)) && t.get(i + 1).is_some_and(|&c| f(c))
    };
    match t.get(i) {
        Some('!' | '?' | ';' | '\n' | '。' | '、' | '…') => true,
        Some('.') => !around(|c| c.is_ascii_alphanumeric()),
        Some(',') => !around(|c| c.is_ascii_digit()),
        _ => false,
    }
}

fn ends_sentence(c: Option<char>) -> bool {
    matches!(c, None | Some('.' | '!' | '?' | ';' | '\n' | '。' | '…'))
}

fn split_clauses(t: &[char]) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut start = 0;
    for i in 0..=t.len() {
        if i == t.len() || cuts(t, i) {
            let ends_with = t.get(i).copied();
            clauses.push(Clause { start, end: i, ends_with, question: false });
            start = i + 1;
        }
    }
    let mut sentence = 0;
    for k in 0..clauses.len() {
        let ends_with = clauses[k].ends_with;
        if ends_sentence(ends_with) {
            if ends_with == Some('?') {
                for clause in &mut clauses[sentence..=k] {
                    clause.question = true;
                }
            }
            sentence = k + 1;
        }
    }
    clauses
}

fn clause_text(text: &Folded<'_>, clauses: &[Clause], hit: &Hit) -> String {
    match (clauses.get(hit.first), clauses.get(hit.last)) {
        (Some(a), Some(b)) => text.original(a.start, b.end).trim().to_owned(),
        _ => String::new(),
    }
}

/// Words (letters or digits, with inner apostrophes) and single Chinese characters.
#[derive(Clone, Copy, Debug)]
struct Atom {
    start: usize,
    end: usize,
    cjk: bool,
}

fn atoms(t: &[char], start: usize, end: usize) -> Vec<Atom> {
    let end = end.min(t.len());
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = t[i];
        if is_cjk(c) {
            out.push(Atom { start: i, end: i + 1, cjk: true });
            i += 1;
        } else if is_word(c) {
            let s = i;
            i += 1;
            while i < end {
                if is_word(t[i]) {
                    i += 1;
                } else if t[i] == '\'' && i + 1 < end && is_word(t[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
            out.push(Atom { start: s, end: i, cjk: false });
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a clause says enough to count (rule 3): 3 words, 5 Chinese characters, or a mix.
fn long_enough(t: &[char], start: usize, end: usize) -> bool {
    let (words, cjk) =
        atoms(t, start, end).iter().fold((0, 0), |(w, c), a| if a.cjk { (w, c + 1) } else { (w + 1, c) });
    words * 5 + cjk * 3 >= 15
}

/// For each clause: whether it is a 3- or 4-character Chinese list entry continuing (over `、` or
/// `，`) a long clause that reports something done.
fn continues_done_list(t: &[char], clauses: &[Clause], units: &[Vec<Unit>]) -> Vec<bool> {
    let mut out = vec![false; clauses.len()];
    // Whether the list running into clause k started with a long clause reporting something done.
    let mut head_done = false;
    for k in 0..clauses.len() {
        let clause = &clauses[k];
        let cjk = atoms(t, clause.start, clause.end).iter().filter(|a| a.cjk).count();
        let after_soft = k > 0 && clauses[k - 1].soft_end();
        if !after_soft {
            head_done = false;
        }
        let long = long_enough(t, clause.start, clause.end);
        out[k] = after_soft && head_done && !long && cjk >= 3;
        let done = units.get(k).is_some_and(|u| u.iter().any(|u| u.role == Role::Done));
        if long && done {
            head_done = true;
        } else if !out[k] {
            head_done = false;
        }
    }
    out
}

/// The clause's words and Chinese characters, as a string that can be searched for in another
/// (`" a b 冻 结 "`).
fn token_key(t: &[char], start: usize, end: usize) -> String {
    let mut key = String::from(" ");
    for a in atoms(t, start, end) {
        key.extend(t[a.start..a.end].iter().filter(|c| is_word(**c) || is_cjk(**c)));
        key.push(' ');
    }
    key
}

mod lexicon;
mod negation;
mod phrases;

use lexicon::Role;
use negation::*;
use phrases::*;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
