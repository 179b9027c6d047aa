//! Content-blind play: a drill played many times by strategies that never read a word — always
//! the k-th option shown, always the longest or the shortest, uniformly at random, and a written
//! answer of one character — to show whether its outcomes and ratings can be earned without
//! competence. A review is only worth reading if they cannot.

use std::collections::BTreeMap;
use std::sync::Arc;

use rand::{RngExt as _, SeedableRng as _};

use super::debrief::{Answer, Debrief};
use super::i18n::{FluentValue, Tr};
use super::model::{InputKind, Outcome, Scenario};
use super::review::{Level, competency_points};
use super::runner::{Pick, Runner, WallMs, step_limit};
use super::shown::Prompt;

/// Seeds each strategy plays by default.
pub const DEFAULT_SEEDS: u64 = 20;

/// The share of runs in which a position or random strategy may reach a resolved ending before
/// it counts as better than luck (luck alone gives about 1 % on four decisions of three options).
pub const LUCK_SHARE: f64 = 0.05;

/// A way of answering that ignores what the options say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strategy {
    /// Always the option shown at this place (0 = first; the last one when there are fewer).
    Position(usize),
    /// Always the option with the most characters.
    Longest,
    /// Always the option with the fewest characters.
    Shortest,
    /// Any option, uniformly at random (drawn from the seed).
    Random,
}

impl Strategy {
    /// The strategies checked: the first four places, the longest, the shortest, random.
    pub const ALL: [Strategy; 7] = [
        Self::Position(0),
        Self::Position(1),
        Self::Position(2),
        Self::Position(3),
        Self::Longest,
        Self::Shortest,
        Self::Random,
    ];

    /// A short name: `1st`, `2nd`, `3rd`, `4th`, `longest`, `shortest`, `random`.
    pub fn name(self) -> String {
        match self {
            Self::Position(0) => "1st".into(),
            Self::Position(1) => "2nd".into(),
            Self::Position(2) => "3rd".into(),
            Self::Position(k) => format!("{}th", k + 1),
            Self::Longest => "longest".into(),
            Self::Shortest => "shortest".into(),
            Self::Random => "random".into(),
        }
    }

    /// What the strategy does, in `tr`'s language ("always the 2nd option", "random play").
    pub fn words(self, tr: &Tr) -> String {
        match self {
            Self::Position(k) => tr.t_args("blind-strategy-place", &[("place", FluentValue::from(k + 1))]),
            Self::Longest => tr.t("blind-strategy-longest"),
            Self::Shortest => tr.t("blind-strategy-shortest"),
            Self::Random => tr.t("blind-strategy-random"),
        }
    }
}

/// How a content-blind strategy does better than luck.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// The longest or shortest option reaches a resolved ending.
    Resolved {
        /// The strategy.
        strategy: Strategy,
        /// Runs that reached a resolved ending.
        resolved: usize,
        /// Runs in all.
        runs: usize,
    },
    /// The longest or shortest option rates P in more than one competency.
    ManyP {
        /// The strategy.
        strategy: Strategy,
        /// The most competencies rated P in one run.
        count: usize,
    },
    /// A place or random play reaches a resolved ending more often than luck.
    BetterThanLuck {
        /// The strategy.
        strategy: Strategy,
        /// Runs that reached a resolved ending.
        resolved: usize,
        /// Runs in all.
        runs: usize,
        /// Their share, in whole percent.
        percent: u32,
    },
}

impl Finding {
    /// The finding as a sentence in `tr`'s language.
    pub fn words(&self, tr: &Tr) -> String {
        match self {
            Self::Resolved { strategy, resolved, runs } => tr
                .t_text("blind-resolved", &[("strategy", &strategy.words(tr)), ("resolved", resolved), ("runs", runs)]),
            Self::ManyP { strategy, count } => {
                tr.t_text("blind-many-p", &[("strategy", &strategy.words(tr)), ("count", count)])
            }
            Self::BetterThanLuck { strategy, resolved, runs, percent } => tr.t_text(
                "blind-luck",
                &[("strategy", &strategy.words(tr)), ("resolved", resolved), ("runs", runs), ("percent", percent)],
            ),
        }
    }
}

/// How one strategy fared over its runs.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyResult {
    /// The strategy.
    pub strategy: Strategy,
    /// Runs played to an ending.
    pub runs: usize,
    /// Runs that stopped with an error before an ending.
    pub stuck: usize,
    /// Endings reached, by outcome.
    pub outcomes: BTreeMap<Outcome, usize>,
    /// Ratings given, by level, over every competency of every run.
    pub levels: BTreeMap<Level, usize>,
    /// The most competencies rated P in one run.
    pub most_p: usize,
}

impl StrategyResult {
    /// The share of runs that reached a resolved ending.
    pub fn resolved_share(&self) -> f64 {
        let resolved = self.outcomes.get(&Outcome::Resolved).copied().unwrap_or(0);
        #[expect(clippy::cast_precision_loss, reason = "counts of runs fit an f64")]
        let share = if self.runs == 0 { 0.0 } else { resolved as f64 / self.runs as f64 };
        share
    }

    /// Why this strategy does better than luck, if it does: the longest or shortest option ever
    /// reaching a resolved ending or a P in more than one competency; a place or random play
    /// reaching a resolved ending in more than [`LUCK_SHARE`] of its runs.
    pub fn finding(&self) -> Option<Finding> {
        let resolved = self.outcomes.get(&Outcome::Resolved).copied().unwrap_or(0);
        let (strategy, runs) = (self.strategy, self.runs);
        match strategy {
            Strategy::Longest | Strategy::Shortest if resolved > 0 => {
                Some(Finding::Resolved { strategy, resolved, runs })
            }
            Strategy::Longest | Strategy::Shortest if self.most_p > 1 => {
                Some(Finding::ManyP { strategy, count: self.most_p })
            }
            Strategy::Position(_) | Strategy::Random if self.resolved_share() > LUCK_SHARE => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a share of 0 to 1 in percent"
                )]
                let percent = (self.resolved_share() * 100.0).round() as u32;
                Some(Finding::BetterThanLuck { strategy, resolved, runs, percent })
            }
            _ => None,
        }
    }
}

/// Plays `scenario` with every strategy over seeds `0..seeds`.
pub fn play_blind(scenario: &Arc<Scenario>, seeds: u64) -> Vec<StrategyResult> {
    Strategy::ALL
        .iter()
        .map(|&strategy| {
            let mut result = StrategyResult {
                strategy,
                runs: 0,
                stuck: 0,
                outcomes: BTreeMap::new(),
                levels: BTreeMap::new(),
                most_p: 0,
            };
            for seed in 0..seeds {
                let Some(debrief) = play_one(scenario, strategy, seed) else {
                    result.stuck += 1;
                    continue;
                };
                result.runs += 1;
                *result.outcomes.entry(debrief.outcome).or_default() += 1;
                let mut p = 0;
                for points in competency_points(&debrief).values() {
                    if points.possible <= 0 && points.earned == 0 {
                        continue;
                    }
                    let level = points.level();
                    p += usize::from(level == Level::P);
                    *result.levels.entry(level).or_default() += 1;
                }
                result.most_p = result.most_p.max(p);
            }
            result
        })
        .collect()
}

/// One run of `strategy` on `seed`; `None` when the drill stops with an error.
fn play_one(scenario: &Arc<Scenario>, strategy: Strategy, seed: u64) -> Option<Debrief> {
    let start = WallMs(0);
    let mut run = Runner::start(Arc::clone(scenario), seed, "content-blind", start).ok()?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_b11d);
    let mut now = start;
    for _ in 0..step_limit(scenario) {
        // Answers come promptly: a content-blind player is not slow, only blind.
        now = now.plus(2_000);
        match run.waiting(now) {
            Prompt::Nothing => return run.debrief(now),
            Prompt::Input { kind, .. } => {
                let answer = match kind {
                    InputKind::IncidentReport => {
                        Answer::Report { description: ".".into(), scope: ".".into(), measures: ".".into() }
                    }
                    InputKind::FreeText => Answer::Text(".".into()),
                };
                run.submit(answer, now).ok()?;
            }
            Prompt::Choices { options, .. } => {
                let chars = |i: &usize| options.get(*i).map_or(0, |o| o.text.chars().count());
                let last = options.len().checked_sub(1)?;
                let at = match strategy {
                    Strategy::Position(k) => k.min(last),
                    Strategy::Longest => (0..options.len()).max_by_key(|i| (chars(i), std::cmp::Reverse(*i)))?,
                    Strategy::Shortest => (0..options.len()).min_by_key(|i| (chars(i), *i))?,
                    Strategy::Random => rng.random_range(0..options.len()),
                };
                run.choose(&Pick::Index(at), now).ok()?;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::load_str;

    /// Three decisions of three options: a wrong one, the right one, another wrong one.
    fn drill(wrong: &str, right_text: &str, other: &str) -> Arc<Scenario> {
        let node = |id: &str, next: &str| {
            format!(
                r#""{id}": (text: "Q", choices: [
                    (id: "{id}_a", text: "{wrong}", scores: {{"fraud_recognition": -1}}, feedback: "No", next: "bad"),
                    (id: "{id}_b", text: "{right_text}", scores: {{"fraud_recognition": 2}}, feedback: "Yes", next: "{next}"),
                    (id: "{id}_c", text: "{other}", scores: {{"fraud_recognition": -1}}, feedback: "No", next: "bad"),
                ]),"#
            )
        };
        let src = format!(
            r#"Scenario(format: 1, id: "t", title: "T", category: FraudCall, language: "en", difficulty: Introductory,
            minutes: 3, briefing: (role: "A", situation: "B"), objectives: ["O"], start: "q1",
            nodes: {{ {} {} {} }},
            endings: {{ "good": (outcome: Resolved, title: "G", summary: "G"), "bad": (outcome: Harmed, title: "B", summary: "B") }})"#,
            node("q1", "q2"),
            node("q2", "q3"),
            node("q3", "good"),
        );
        let checked = load_str(&src);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        Arc::new(checked.scenario.unwrap())
    }

    fn findings(results: &[StrategyResult]) -> Vec<String> {
        let tr = crate::engine::i18n::Lang::En.tr();
        results.iter().filter_map(StrategyResult::finding).map(|f| f.words(tr)).collect()
    }

    #[test]
    fn a_drill_whose_right_answer_is_the_longest_is_found_out() {
        let s = drill("Read it out", "Call back on the number in the directory and say nothing more", "Read it now");
        let results = play_blind(&s, DEFAULT_SEEDS);
        let longest = results.iter().find(|r| r.strategy == Strategy::Longest).unwrap();
        assert_eq!((longest.runs, longest.outcomes.get(&Outcome::Resolved).copied()), (20, Some(20)));
        assert_eq!(
            findings(&results),
            ["always the longest option reaches a resolved ending in 20 of 20 runs"],
            "the shuffled order leaves the places no better than luck"
        );
    }

    #[test]
    fn a_balanced_drill_in_a_seeded_order_gives_content_blind_play_nothing() {
        let s =
            drill("Read the six digits out to him, he has her name", "Call back on the directory line", "Read it out");
        let results = play_blind(&s, 40);
        assert_eq!(findings(&results), Vec::<String>::new());
        for r in &results {
            assert_eq!(r.runs + r.stuck, 40);
            assert!(r.resolved_share() <= LUCK_SHARE, "{} {:?}", r.strategy.name(), r.outcomes);
        }
    }

    #[test]
    fn a_drill_whose_right_answer_is_always_shown_first_is_found_out_without_a_seeded_order() {
        // The same drill with its options pinned in the written order: the right one second.
        let s =
            drill("Read the six digits out to him, he has her name", "Call back on the directory line", "Read it out");
        let mut pinned = Scenario::clone(&s);
        for node in pinned.nodes.values_mut() {
            for c in &mut node.choices {
                c.pinned = true;
            }
        }
        let results = play_blind(&Arc::new(pinned), DEFAULT_SEEDS);
        assert_eq!(
            findings(&results),
            ["always the 2nd option shown reaches a resolved ending in 20 of 20 runs (100 %, luck is about 1 %)"]
        );
    }
}
