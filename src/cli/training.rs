//! `hotwash path`: where a trainee stands on a track of the curriculum, and the drill to play next.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use hotwash::engine::folders::{debrief_files, read_debriefs, scenarios_by_id};
use hotwash::engine::model::{Scenario, ScenarioId};
use hotwash::engine::path::{self, Curriculum, DrillState, reason_words};
use hotwash::engine::review::{DrillSummary, PastPlay};

use super::{Exit, Usage, Words, user_or};

/// A drill's title in `lang` where the library has it in that language, else in any, else its id.
fn title_in(library: &BTreeMap<(ScenarioId, String), Scenario>, id: &str, lang: &str) -> String {
    library
        .get(&(ScenarioId::from(id), lang.to_owned()))
        .or_else(|| library.iter().find(|((i, _), _)| *i == id).map(|(_, s)| s))
        .map_or_else(|| id.to_owned(), |s| s.title.clone())
}

/// One drill of a level or a set: its mark, id, title and state.
fn drill_line(id: &str, state: &DrillState, title: &str, tr: &hotwash::engine::i18n::Tr) -> String {
    let (mark, said) = path::state_words(state, tr);
    tr.t_text("path-drill", &[("mark", &mark), ("id", &id), ("title", &title), ("state", &said)])
}

/// `hotwash path`.
pub fn path(
    scenarios: &Path,
    curriculum_file: Option<&Path>,
    track: Option<&str>,
    trainee: Option<String>,
    debriefs: &[PathBuf],
    words: Words,
) -> Result<Exit> {
    let tr = words.tr();
    let lang = words.lang().code();
    let library = scenarios_by_id(scenarios);
    let known: BTreeSet<String> = library.keys().map(|(id, _)| id.to_string()).collect();
    let file = curriculum_file.map_or_else(|| scenarios.join(path::FILE_NAME), Path::to_owned);
    if !file.exists() {
        return Err(Usage(tr.t_text("path-no-curriculum", &[("file", &file.display())])).into());
    }
    let curriculum = match Curriculum::load(&file, &known) {
        Ok(c) => c,
        Err(problems) => {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let shown = file.display().to_string();
            let renderer = hotwash::engine::diag::Renderer::new(&shown, &source);
            for d in &problems {
                say_err!("{}", renderer.render(d));
            }
            return Ok(Exit::Problems);
        }
    };
    let track = match track {
        Some(id) => curriculum.tracks.iter().find(|t| t.id == id).ok_or_else(|| {
            let ids: Vec<&str> = curriculum.tracks.iter().map(|t| t.id.as_str()).collect();
            Usage(tr.t_text("path-no-track", &[("track", &id), ("tracks", &ids.join(", "))]))
        })?,
        None => curriculum.tracks.first().ok_or_else(|| anyhow!("the curriculum has no tracks"))?,
    };
    let trainee = user_or(trainee, "trainee");
    let files = debrief_files(debriefs).unwrap_or_default();
    let plays: Vec<PastPlay> = read_debriefs(&files, |_| {}).debriefs.iter().map(|(_, d)| PastPlay::of(d)).collect();
    let title = |id: &str| title_in(&library, id, lang);
    let trains = |id: &str| {
        library.iter().find(|((i, _), _)| i == id).map(|(_, s)| DrillSummary::of(s).competencies).unwrap_or_default()
    };
    let standing = path::standing(&curriculum, track, &plays, &trainee, trains);
    say!(
        "{}",
        tr.t_text("path-heading", &[("trainee", &trainee), ("track", &track.name.get(lang)), ("id", &track.id)])
    );
    for (i, (level, drills)) in track.levels.iter().zip(&standing.levels).enumerate() {
        let passed = drills.iter().filter(|(_, s)| *s == DrillState::Passed).count();
        let here = if i == standing.current { format!("  {}", tr.t("path-here")) } else { String::new() };
        say!(
            "  {}{here}",
            tr.t_text(
                "path-level",
                &[("n", &(i + 1)), ("name", &level.name.get(lang)), ("passed", &passed), ("of", &drills.len())]
            )
        );
        for (id, state) in drills {
            say!("    {}", drill_line(id, state, &title(id), tr));
        }
    }
    match &standing.next {
        Some((id, reason)) => say!(
            "{}",
            tr.t_text("path-next", &[("id", id), ("title", &title(id)), ("reason", &reason_words(reason, tr))])
        ),
        None => say!("{}", tr.t("path-complete")),
    }
    Ok(Exit::Clean)
}

/// The curriculum in `file` and its assessment set `id`; a usage error saying what is missing.
fn read_set(
    file: &Path,
    id: &str,
    tr: &hotwash::engine::i18n::Tr,
) -> Result<(Curriculum, hotwash::engine::path::Assessment)> {
    let curriculum = Curriculum::read(file)
        .map_err(|e| Usage(format!("{}\n{e}", tr.t_text("path-no-curriculum", &[("file", &file.display())]))))?;
    let Some(set) = curriculum.assessment(id).cloned() else {
        let ids: Vec<&str> = curriculum.assessments.iter().map(|a| a.id.as_str()).collect();
        return Err(Usage(tr.t_text("cli-assess-unknown", &[("id", &id), ("ids", &ids.join(", "))])).into());
    };
    Ok((curriculum, set))
}

/// The curriculum beside `scenario_file` and its assessment set `id`, which must hold `drill`.
pub fn assessment_of(
    scenario_file: &Path,
    id: &str,
    drill: &str,
    tr: &hotwash::engine::i18n::Tr,
) -> Result<(Curriculum, hotwash::engine::path::Assessment)> {
    let dir = scenario_file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file = dir.join(path::FILE_NAME);
    let (curriculum, set) = read_set(&file, id, tr)?;
    if !set.drills.iter().any(|d| d == drill) {
        let drills = set.drills.join(", ");
        return Err(
            Usage(tr.t_text("cli-assess-not-in-set", &[("drill", &drill), ("id", &id), ("drills", &drills)])).into()
        );
    }
    Ok((curriculum, set))
}

/// Every play in `folders` with the assessment it was played for.
fn plays_with_sets(folders: &[PathBuf]) -> Vec<(PastPlay, Option<String>)> {
    let files = debrief_files(folders).unwrap_or_default();
    read_debriefs(&files, |_| {}).debriefs.iter().map(|(_, d)| (PastPlay::of(d), d.assessment.clone())).collect()
}

/// Prints a trainee's result on a set: each drill and the verdict.
fn print_result(
    result: &path::AssessmentResult,
    set: &hotwash::engine::path::Assessment,
    scenarios: &Path,
    tr: &hotwash::engine::i18n::Tr,
) {
    let lang = tr.lang().code();
    let library = scenarios_by_id(scenarios);
    let title = |id: &str| title_in(&library, id, lang);
    let verdict = result.verdict_words(tr);
    say!(
        "{}",
        tr.t_text(
            "assess-heading",
            &[("name", &set.name.get(lang)), ("id", &set.id), ("trainee", &result.trainee), ("verdict", &verdict)]
        )
    );
    for (id, state) in &result.drills {
        say!("    {}", drill_line(id, state, &title(id), tr));
    }
}

/// After a drill played for an assessment: how far the trainee is, and the results once the set
/// is complete.
pub fn after_assessment_drill(
    curriculum: &Curriculum,
    set: &hotwash::engine::path::Assessment,
    trainee: &str,
    out: &Path,
    scenarios: &Path,
    tr: &hotwash::engine::i18n::Tr,
) -> Result<Exit> {
    let result = path::assessment_result(curriculum, set, &plays_with_sets(&[out.to_owned()]), trainee);
    if result.complete() {
        print_result(&result, set, scenarios, tr);
    } else {
        let name = set.name.get(tr.lang().code());
        let (done, of) = (result.done(), result.drills.len());
        say!("{}", tr.t_text("assess-recorded", &[("name", &name), ("done", &done), ("of", &of)]));
    }
    Ok(Exit::Clean)
}

/// `hotwash assess`: each trainee's result on an assessment set (or one trainee's).
pub fn assess(id: &str, scenarios: &Path, trainee: Option<&str>, debriefs: &[PathBuf], words: Words) -> Result<Exit> {
    let tr = words.tr();
    let file = scenarios.join(path::FILE_NAME);
    let (curriculum, set) = read_set(&file, id, tr)?;
    let plays = plays_with_sets(debriefs);
    let mut trainees: Vec<String> = match trainee {
        Some(t) => vec![t.to_owned()],
        None => path::distinct_trainees(
            plays.iter().filter(|(_, a)| a.as_deref() == Some(id)).map(|(p, _)| p.trainee.as_str()),
        ),
    };
    trainees.sort();
    if trainees.is_empty() {
        say!("{}", tr.t_text("assess-nobody", &[("id", &id)]));
    }
    for t in &trainees {
        print_result(&path::assessment_result(&curriculum, &set, &plays, t), &set, scenarios, tr);
    }
    Ok(Exit::Clean)
}
