//! The training path: a curriculum file beside the scenarios (`curriculum.ron`) groups drills into
//! tracks and levels, names a placement set and the pass mark of each competency; from a trainee's
//! past drills it tells where they stand on a track and which drill to play next, and why.
//! `docs/curriculum.md` documents the file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::diag::Diagnostic;
use super::i18n::{Tr, msg, standard_competency_name};
use super::model::{CompetencyId, Outcome};
use super::review::{Level, PastPlay};

/// Whether two names are the same trainee: compared trimmed and in lower case (any script).
pub fn same_trainee(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Each trainee once, by the first spelling of their name met, in name order.
pub fn distinct_trainees<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for name in names {
        seen.entry(name.trim().to_lowercase()).or_insert_with(|| name.trim().to_owned());
    }
    seen.into_values().collect()
}

/// The format of curriculum files this version reads.
pub const CURRICULUM_FORMAT: u32 = 1;

/// The curriculum file's name, in the scenario folder.
pub const FILE_NAME: &str = "curriculum.ron";

/// A text in each language: `{"en": "…", "zh-CN": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    /// The text in `language` (`zh…` Chinese), else English, else any.
    pub fn get(&self, language: &str) -> &str {
        let key = if language.starts_with("zh") { "zh-CN" } else { "en" };
        self.0.get(key).or_else(|| self.0.get("en")).or_else(|| self.0.values().next()).map_or("", String::as_str)
    }
}

/// The training path of an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    /// [`CURRICULUM_FORMAT`].
    pub format: u32,
    /// The tracks, in the order they are offered.
    pub tracks: Vec<Track>,
    /// The drills a new trainee plays first, to see where they stand.
    #[serde(default)]
    pub placement: Vec<String>,
    /// The lowest rating that passes, per competency; a drill is passed when it ends Resolved and
    /// every competency it rated is at its mark or better (competencies not named: `S`).
    #[serde(default)]
    pub pass_marks: BTreeMap<CompetencyId, Level>,
    /// Assessment sets: a drill or several, each with the seeds every trainee plays.
    #[serde(default)]
    pub assessments: Vec<Assessment>,
}

/// A track: levels of drills, played in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id.
    pub id: String,
    /// Its name in each language.
    pub name: Texts,
    /// Its levels, first to last.
    pub levels: Vec<TrackLevel>,
}

/// One level of a track.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackLevel {
    /// Its name in each language.
    pub name: Texts,
    /// Scenario ids; every one must be passed to complete the level.
    pub drills: Vec<String>,
}

/// An assessment set: drills played with fixed seeds, no pause, pass or fail against the marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Stable id.
    pub id: String,
    /// Its name in each language.
    pub name: Texts,
    /// Scenario ids, in the order they are played.
    pub drills: Vec<String>,
    /// The seeds: trainee number `n` (counted from 0 in the order they start) plays seed
    /// `seeds[n % len]`, so neighbours do not see the same details.
    pub seeds: Vec<u64>,
}

impl Assessment {
    /// The seed `trainee` plays: one of the set's seeds, the same every time for one trainee
    /// (names compared trimmed and in lower case), spread over the seeds across trainees.
    pub fn seed_for(&self, trainee: &str) -> u64 {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(trainee.trim().to_lowercase().as_bytes());
        let n = u64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8]));
        let len = u64::try_from(self.seeds.len().max(1)).unwrap_or(1);
        let index = usize::try_from(n % len).unwrap_or(0);
        self.seeds.get(index).copied().unwrap_or(0)
    }
}

/// How a trainee stands on an assessment set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentResult {
    /// The trainee.
    pub trainee: String,
    /// Each drill of the set: its state in the trainee's first play of it for this set.
    pub drills: Vec<(String, DrillState)>,
}

impl AssessmentResult {
    /// Every drill played.
    pub fn complete(&self) -> bool {
        self.drills.iter().all(|(_, s)| *s != DrillState::NotPlayed)
    }

    /// Every drill played and passed.
    pub fn passed(&self) -> bool {
        self.drills.iter().all(|(_, s)| *s == DrillState::Passed)
    }

    /// How many drills of the set are played.
    pub fn done(&self) -> usize {
        self.drills.iter().filter(|(_, s)| *s != DrillState::NotPlayed).count()
    }

    /// The first drill of the set not played yet, in the set's order.
    pub fn next(&self) -> Option<&str> {
        self.drills.iter().find(|(_, s)| *s == DrillState::NotPlayed).map(|(id, _)| id.as_str())
    }

    /// The verdict in words: passed, not passed, or how far the trainee is.
    pub fn verdict_words(&self, tr: &Tr) -> String {
        if !self.complete() {
            tr.t_text("assess-incomplete", &[("done", &self.done()), ("of", &self.drills.len())])
        } else if self.passed() {
            tr.t("assess-passed")
        } else {
            tr.t("assess-failed")
        }
    }
}

/// Whether a play counts for `trainee` on drill `scenario` of assessment `set`: played by them
/// (any spelling of their name) for that set.
pub fn counts_for(set: &Assessment, scenario: &str, trainee: &str, play: &PastPlay, played_for: Option<&str>) -> bool {
    played_for == Some(set.id.as_str()) && play.scenario == scenario && same_trainee(&play.trainee, trainee)
}

/// The result of `trainee` on assessment `set`: each drill judged on its first play for the set
/// (a second attempt does not replace it; the facilitator decides about retakes).
pub fn assessment_result(
    curriculum: &Curriculum,
    set: &Assessment,
    plays: &[(PastPlay, Option<String>)],
    trainee: &str,
) -> AssessmentResult {
    let drills = set
        .drills
        .iter()
        .map(|id| {
            let first = plays
                .iter()
                .filter(|(p, a)| counts_for(set, id, trainee, p, a.as_deref()))
                .min_by_key(|(p, _)| p.ended_at);
            let state = match first {
                None => DrillState::NotPlayed,
                Some((p, _)) => match curriculum.verdict(p) {
                    Ok(()) => DrillState::Passed,
                    Err(short) => DrillState::Failed(short),
                },
            };
            (id.clone(), state)
        })
        .collect();
    AssessmentResult { trainee: trainee.trim().to_owned(), drills }
}

/// Drills a facilitator can host one after the other in a live session: a level of a track or
/// an assessment set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillSet {
    /// `<track id>-<level number>` for a level, the set's id for an assessment set.
    pub id: String,
    /// Its name in the language asked for (a level: track and level).
    pub name: String,
    /// Scenario ids, in the order they are played.
    pub drills: Vec<String>,
}

impl Curriculum {
    /// Every set a live session can play, named in `language`: each track's levels, then the
    /// assessment sets.
    pub fn sets(&self, language: &str) -> Vec<DrillSet> {
        let levels = self.tracks.iter().flat_map(|track| {
            track.levels.iter().enumerate().map(move |(i, level)| DrillSet {
                id: format!("{}-{}", track.id, i + 1),
                name: format!("{} · {}", track.name.get(language), level.name.get(language)),
                drills: level.drills.clone(),
            })
        });
        let assessments = self.assessments.iter().map(|a| DrillSet {
            id: a.id.clone(),
            name: a.name.get(language).to_owned(),
            drills: a.drills.clone(),
        });
        levels.chain(assessments).collect()
    }

    /// The assessment set with this id.
    pub fn assessment(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    /// Reads `path` without checking it against a library; the error located.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        crate::engine::load::ron_options()
            .from_str(&text)
            .map_err(|e| format!("{}:{}:{}: error: {}", path.display(), e.span.start.line, e.span.start.col, e.code))
    }

    /// Reads and checks `path` against the scenario ids of the library; every problem is a
    /// located diagnostic.
    pub fn load(path: &Path, known: &BTreeSet<String>) -> Result<Self, Vec<Diagnostic>> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Diagnostic::error(msg!("diag-curriculum-unreadable", error = e))])?;
        let curriculum: Self = crate::engine::load::ron_options().from_str(&text).map_err(|e| {
            let span = crate::engine::diag::Span {
                start: crate::engine::diag::Pos { line: e.span.start.line, col: e.span.start.col },
                end: crate::engine::diag::Pos { line: e.span.end.line, col: e.span.end.col },
            };
            vec![Diagnostic::error(e.code.to_string()).at(Some(span))]
        })?;
        let problems = curriculum.check(known);
        if problems.is_empty() {
            return Ok(curriculum);
        }
        // Each problem at the first place its subject (a drill id, a track id) is written.
        let lines = crate::engine::diag::LineTable::new(&text);
        Err(problems
            .into_iter()
            .map(|d| {
                let at = d
                    .message
                    .rsplit('`')
                    .nth(1)
                    .and_then(|subject| text.find(&format!("\"{subject}\"")).map(|i| (i, subject.len() + 2)));
                match at {
                    Some((i, n)) => d.at(Some(lines.span((i, i + n)))),
                    None => d.at(Some(crate::engine::diag::Span::at(1, 1))),
                }
            })
            .collect())
    }

    /// What is wrong with the curriculum: an unknown format, a drill the library does not have, a
    /// track without levels, an assessment without seeds, a name missing a language.
    pub fn check(&self, known: &BTreeSet<String>) -> Vec<Diagnostic> {
        /// An error for each language `texts` has no name in, worded by `missing` from the language.
        fn named(texts: &Texts, missing: impl Fn(&str) -> String, out: &mut Vec<Diagnostic>) {
            for lang in ["en", "zh-CN"] {
                if texts.0.get(lang).is_none_or(|t| t.trim().is_empty()) {
                    out.push(Diagnostic::error(missing(lang)));
                }
            }
        }
        /// An error, worded by `missing`, when the library has no drill `id`.
        fn drill(known: &BTreeSet<String>, id: &str, missing: impl FnOnce() -> String, out: &mut Vec<Diagnostic>) {
            if !known.contains(id) {
                let hint = crate::engine::diag::suggest(id, known.iter().map(String::as_str));
                out.push(Diagnostic::error(missing()).hint(hint));
            }
        }
        let mut out = Vec::new();
        if self.format != CURRICULUM_FORMAT {
            out.push(Diagnostic::error(msg!(
                "diag-curriculum-format",
                format = self.format,
                version = CURRICULUM_FORMAT
            )));
        }
        let mut track_ids = BTreeSet::new();
        for track in &self.tracks {
            if !track_ids.insert(&track.id) {
                out.push(Diagnostic::error(msg!("diag-curriculum-track-twice", track = track.id)));
            }
            named(&track.name, |lang| msg!("diag-curriculum-track-no-name", track = track.id, lang = lang), &mut out);
            if track.levels.is_empty() {
                out.push(Diagnostic::error(msg!("diag-curriculum-track-no-levels", track = track.id)));
            }
            for (i, level) in track.levels.iter().enumerate() {
                let n = i + 1;
                named(
                    &level.name,
                    |lang| msg!("diag-curriculum-level-no-name", level = n, track = track.id, lang = lang),
                    &mut out,
                );
                if level.drills.is_empty() {
                    out.push(Diagnostic::error(msg!("diag-curriculum-level-no-drills", level = n, track = track.id)));
                }
                for id in &level.drills {
                    drill(
                        known,
                        id,
                        || msg!("diag-curriculum-level-unknown-drill", level = n, track = track.id, drill = id),
                        &mut out,
                    );
                }
            }
        }
        if self.tracks.is_empty() {
            out.push(Diagnostic::error(msg!("diag-curriculum-no-tracks")));
        }
        for id in &self.placement {
            drill(known, id, || msg!("diag-curriculum-placement-unknown-drill", drill = id), &mut out);
        }
        for a in &self.assessments {
            named(&a.name, |lang| msg!("diag-curriculum-assessment-no-name", assessment = a.id, lang = lang), &mut out);
            for id in &a.drills {
                drill(
                    known,
                    id,
                    || msg!("diag-curriculum-assessment-unknown-drill", assessment = a.id, drill = id),
                    &mut out,
                );
            }
            if a.seeds.is_empty() {
                out.push(Diagnostic::error(msg!("diag-curriculum-assessment-no-seeds", assessment = a.id)));
            }
        }
        out
    }

    /// The pass mark of a competency (`S` when the curriculum names none).
    pub fn mark(&self, competency: &CompetencyId) -> Level {
        self.pass_marks.get(competency).copied().unwrap_or(Level::S)
    }

    /// Whether a play passes: it ended Resolved and every competency is at its mark or better.
    /// The shortfalls otherwise (competency, rating, mark); an ending not Resolved is `Err` with
    /// none.
    pub fn verdict(&self, play: &PastPlay) -> Result<(), Vec<(CompetencyId, Level, Level)>> {
        let short: Vec<(CompetencyId, Level, Level)> = play
            .levels
            .iter()
            .filter(|(c, level)| **level > self.mark(c))
            .map(|(c, level)| (c.clone(), *level, self.mark(c)))
            .collect();
        if play.outcome == Some(Outcome::Resolved) && short.is_empty() { Ok(()) } else { Err(short) }
    }
}

/// Where one drill of a track stands for a trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrillState {
    /// Not played yet.
    NotPlayed,
    /// The last play passed.
    Passed,
    /// The last play did not pass: the shortfalls (none when only the ending fell short).
    Failed(Vec<(CompetencyId, Level, Level)>),
}

/// Why a drill is recommended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A new trainee starts with the placement set.
    Placement,
    /// The last play of it did not pass.
    FailedLast(Vec<(CompetencyId, Level, Level)>),
    /// Not played yet, and it trains the trainee's weakest competency.
    Weakest(CompetencyId),
    /// Not played yet.
    NotPlayed,
}

/// Where a trainee stands on a track, and what to play next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The track's id.
    pub track: String,
    /// Each level: its drills and their states.
    pub levels: Vec<Vec<(String, DrillState)>>,
    /// The first level not yet passed (equal to the number of levels when all are).
    pub current: usize,
    /// The drill to play next, and why; none when the track is complete.
    pub next: Option<(String, Reason)>,
}

impl Standing {
    /// Drills passed and drills in the current level.
    pub fn progress(&self) -> (usize, usize) {
        let level = self.levels.get(self.current).map_or(&[][..], Vec::as_slice);
        (level.iter().filter(|(_, s)| *s == DrillState::Passed).count(), level.len())
    }
}

/// A competency's name: the standard one in the catalogue's language, else its id.
fn competency_name(c: &CompetencyId, tr: &Tr) -> String {
    standard_competency_name(c, tr.lang()).unwrap_or_else(|| c.to_string())
}

/// The words of shortfalls: `Fraud recognition S (needs P)`, joined; that the drill did not end
/// resolved when there is none.
pub fn shortfalls(short: &[(CompetencyId, Level, Level)], tr: &Tr) -> String {
    let parts: Vec<String> = short
        .iter()
        .map(|(c, got, mark)| {
            tr.t_text(
                "path-short",
                &[("competency", &competency_name(c, tr)), ("got", &got.letter()), ("mark", &mark.letter())],
            )
        })
        .collect();
    if parts.is_empty() { tr.t("path-not-resolved") } else { parts.join(&tr.t("path-list-sep")) }
}

/// A drill's state on a level or a set: a mark (✔ passed, ✘ not passed, · not played) and words.
pub fn state_words(state: &DrillState, tr: &Tr) -> (&'static str, String) {
    match state {
        DrillState::Passed => ("✔", tr.t("path-passed")),
        DrillState::Failed(short) => ("✘", tr.t_text("path-failed", &[("why", &shortfalls(short, tr))])),
        DrillState::NotPlayed => ("·", tr.t("path-not-played")),
    }
}

/// Why a drill is recommended, in words.
pub fn reason_words(reason: &Reason, tr: &Tr) -> String {
    match reason {
        Reason::Placement => tr.t("path-reason-placement"),
        Reason::FailedLast(short) => tr.t_text("path-reason-failed", &[("why", &shortfalls(short, tr))]),
        Reason::Weakest(c) => tr.t_text("path-reason-weakest", &[("competency", &competency_name(c, tr))]),
        Reason::NotPlayed => tr.t("path-reason-not-played"),
    }
}

/// Where `trainee` stands on `track`, from their plays (any language counts; the latest play of
/// a drill decides). `trains` says which competencies a drill scores (for the weakest-competency
/// choice).
pub fn standing(
    curriculum: &Curriculum,
    track: &Track,
    plays: &[PastPlay],
    trainee: &str,
    trains: impl Fn(&str) -> BTreeSet<CompetencyId>,
) -> Standing {
    let mine: Vec<&PastPlay> = plays.iter().filter(|p| same_trainee(&p.trainee, trainee)).collect();
    let last = |id: &str| mine.iter().filter(|p| p.scenario == id).max_by_key(|p| p.ended_at).copied();
    let state = |id: &str| match last(id) {
        None => DrillState::NotPlayed,
        Some(play) => match curriculum.verdict(play) {
            Ok(()) => DrillState::Passed,
            Err(short) => DrillState::Failed(short),
        },
    };
    let levels: Vec<Vec<(String, DrillState)>> =
        track.levels.iter().map(|l| l.drills.iter().map(|d| (d.clone(), state(d))).collect()).collect();
    let current = levels.iter().position(|l| l.iter().any(|(_, s)| *s != DrillState::Passed)).unwrap_or(levels.len());
    // A trainee with no drill at all starts with the placement set.
    if mine.is_empty()
        && let Some(first) = curriculum.placement.first()
    {
        return Standing { track: track.id.clone(), levels, current, next: Some((first.clone(), Reason::Placement)) };
    }
    let unplayed_placement = curriculum.placement.iter().find(|d| last(d).is_none());
    let next = if let Some(d) = unplayed_placement.filter(|_| current == 0) {
        Some((d.clone(), Reason::Placement))
    } else if let Some(level) = levels.get(current) {
        // The most recent failure of this level first; then the drill not yet played that trains
        // the weakest competency; then the first not played.
        let failed = level
            .iter()
            .filter_map(|(d, s)| match s {
                DrillState::Failed(short) => Some((d, short, last(d).map_or(0, |p| p.ended_at))),
                _ => None,
            })
            .max_by_key(|(_, _, at)| *at);
        match failed {
            Some((d, short, _)) => Some((d.clone(), Reason::FailedLast(short.clone()))),
            None => {
                let weakest = weakest(&mine);
                let unplayed: Vec<&String> =
                    level.iter().filter(|(_, s)| *s == DrillState::NotPlayed).map(|(d, _)| d).collect();
                let trains_weakest =
                    weakest.as_ref().and_then(|w| unplayed.iter().find(|d| trains(d).contains(w)).map(|d| (*d, w)));
                match trains_weakest {
                    Some((d, w)) => Some((d.clone(), Reason::Weakest(w.clone()))),
                    None => unplayed.first().map(|d| ((*d).clone(), Reason::NotPlayed)),
                }
            }
        }
    } else {
        None
    };
    Standing { track: track.id.clone(), levels, current, next }
}

/// The competency rated worst in the trainee's latest play of each drill (ties: the one rated so
/// most often, then by name); none without a rating below P.
fn weakest(plays: &[&PastPlay]) -> Option<CompetencyId> {
    let mut latest: BTreeMap<(&str, &str), &PastPlay> = BTreeMap::new();
    for p in plays {
        let key = (p.scenario.as_str(), p.language.as_str());
        if latest.get(&key).is_none_or(|q| q.ended_at < p.ended_at) {
            latest.insert(key, p);
        }
    }
    let mut worst: BTreeMap<&CompetencyId, (Level, usize)> = BTreeMap::new();
    for p in latest.values() {
        for (c, level) in &p.levels {
            let entry = worst.entry(c).or_insert((Level::P, 0));
            if *level > entry.0 {
                *entry = (*level, 1);
            } else if *level == entry.0 {
                entry.1 += 1;
            }
        }
    }
    worst
        .into_iter()
        .filter(|(_, (level, _))| *level != Level::P)
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(a.1.1.cmp(&b.1.1)).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
}

#[cfg(test)]
mod tests;
