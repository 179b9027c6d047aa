//! Negation: the words of a clause with their roles, and whether a negator still governs a match.

use super::*;

use super::lexicon::{EN_LEXICON, EN_PAST, NEG, Role, ZH_LEXICON};

/// A word or Chinese word with its role in negation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) role: Role,
    /// A past-tense English verb, whatever its role.
    pub(super) past: bool,
}

pub(super) fn is_past(word: &str) -> bool {
    EN_PAST.contains(&word) || (word.len() >= 4 && word.ends_with("ed") && !word.ends_with("eed"))
}

pub(super) fn units_in(t: &[char], start: usize, end: usize) -> Vec<Unit> {
    let atoms = atoms(t, start, end);
    let words: Vec<String> = atoms.iter().map(|a| t[a.start..a.end].iter().collect()).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < atoms.len() {
        let mut best: Option<(usize, Role)> = None;
        if atoms[k].cjk {
            for &(entry, role) in ZH_LEXICON {
                let n = entry.chars().count();
                let fits = entry.chars().enumerate().all(|(j, c)| {
                    atoms
                        .get(k + j)
                        .is_some_and(|a| a.cjk && t[a.start] == c && (j == 0 || atoms[k + j - 1].end == a.start))
                });
                if fits && best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, role));
                }
            }
        } else {
            for &(entry, role) in EN_LEXICON {
                let n = entry.split(' ').count();
                let fits = entry
                    .split(' ')
                    .enumerate()
                    .all(|(j, p)| atoms.get(k + j).is_some_and(|a| !a.cjk) && words.get(k + j).is_some_and(|w| w == p));
                if fits && best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, role));
                }
            }
        }
        let (n, role) = best.unwrap_or_else(|| {
            let w = &words[k];
            let role = if atoms[k].cjk {
                Role::Plain
            } else if w.ends_with("n't") {
                NEG
            } else if is_past(w) {
                Role::Done
            } else {
                Role::Plain
            };
            (1, role)
        });
        let last = k + n - 1;
        let past = n == 1 && !atoms[k].cjk && is_past(&words[k]);
        out.push(Unit { start: atoms[k].start, end: atoms[last].end, role, past });
        k += n;
    }
    out
}

/// A negator in reach.
#[derive(Clone, Copy, Debug)]
pub(super) struct Negation {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) carry: bool,
    /// Words it still reaches ("without" only).
    pub(super) reach: Option<u8>,
    /// Words seen since the negator.
    pub(super) seen: u8,
    /// It negates a verb of knowing ("did not realise"): a new clause after it states a fact.
    pub(super) factive: bool,
}

/// Whether a past-tense negation reaches into the part of a clause starting at unit `from`: not
/// when the part starts with its own subject or reports something done.
pub(super) fn part_continues(units: &[Unit], from: usize) -> bool {
    let part = units
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|u| !matches!(u.role, Role::Ends | Role::Joins | Role::Neg { .. } | Role::NegNear));
    for (i, u) in part.enumerate() {
        match u.role {
            Role::Subject | Role::Pronoun if i == 0 => return false,
            Role::Done | Role::Aux => return false,
            _ if u.past => return false,
            _ => {}
        }
    }
    true
}

/// The negation in reach at folded position `upto` of a clause, given what it inherits.
pub(super) fn negation_before(units: &[Unit], upto: usize, inherit: Option<Negation>) -> Option<Negation> {
    let mut active = inherit;
    for (k, u) in units.iter().enumerate() {
        if u.end > upto {
            break;
        }
        let new = |carry, reach| Negation { start: u.start, end: u.end, carry, reach, seen: 0, factive: false };
        let factive = active.is_some_and(|n| n.factive);
        match u.role {
            Role::Neg { carry } => active = Some(new(carry, None)),
            Role::NegNear => active = Some(new(false, Some(3))),
            Role::Ends => active = None,
            Role::Joins => {
                if !active.is_some_and(|n| n.carry && part_continues(units, k + 1)) {
                    active = None;
                }
            }
            Role::Pronoun | Role::Aux | Role::Copula if factive => active = None,
            Role::That
                if factive && units.get(k + 1).is_some_and(|n| matches!(n.role, Role::Subject | Role::Pronoun)) =>
            {
                active = None;
            }
            Role::Plain
            | Role::Subject
            | Role::Pronoun
            | Role::Done
            | Role::That
            | Role::Aux
            | Role::Copula
            | Role::Knows
            | Role::Whether => {
                if let Some(n) = active.as_mut() {
                    if u.role == Role::Knows && n.seen <= 1 {
                        n.factive = true;
                    }
                    if u.role == Role::Whether {
                        n.factive = false;
                    }
                    n.seen = n.seen.saturating_add(1);
                    if let Some(left) = n.reach.as_mut() {
                        *left = left.saturating_sub(1);
                        if *left == 0 {
                            active = None;
                        }
                    }
                }
            }
        }
    }
    active
}

/// "nothing", "nobody", "no one" or "none" right after the match, as its object ("I froze
/// nothing", "told my team lead nothing"), unless a verb follows it ("told her nothing was lost").
pub(super) fn negation_after(t: &[char], units: &[Unit], end: usize) -> Option<Negation> {
    let k = units.iter().position(|u| u.start >= end)?;
    let u = units[k];
    let gap = t.get(end..u.start)?;
    let word: String = t.get(u.start..u.end)?.iter().collect();
    if !gap.iter().all(|c| is_space(*c)) || !matches!(word.as_str(), "nothing" | "nobody" | "no one" | "none") {
        return None;
    }
    let mut next = units.get(k + 1..).unwrap_or_default().iter();
    let mut after = next.next();
    if after.is_some_and(|a| t.get(a.start..a.end).is_some_and(|w| w.iter().copied().eq("else".chars()))) {
        after = next.next();
    }
    if after.is_some_and(|a| matches!(a.role, Role::Aux | Role::Done | Role::Neg { .. }) || a.past) {
        return None;
    }
    Some(Negation { start: u.start, end: u.end, carry: false, reach: None, seen: 0, factive: false })
}

/// For each clause: the past-tense negation it inherits over a comma or `、` from the clause before.
pub(super) fn inherited_negations(clauses: &[Clause], units: &[Vec<Unit>]) -> Vec<Option<Negation>> {
    let mut out: Vec<Option<Negation>> = Vec::with_capacity(clauses.len());
    for k in 0..clauses.len() {
        let inherit = if k > 0 && clauses[k - 1].soft_end() {
            let before = &units[k - 1];
            let end = clauses[k - 1].end;
            negation_before(before, end, out[k - 1])
                .filter(|n| n.carry && n.reach.is_none() && part_continues(&units[k], 0))
        } else {
            None
        };
        out.push(inherit);
    }
    out
}
