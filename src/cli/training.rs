//! `hotwash path`: where a trainee stands on a track of the curriculum, and the drill to play next.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use hotwash::engine::folders::{debrief_files, read_debriefs, scenarios_by_id};
use hotwash::engine::path::{self, Curriculum, DrillState, reason_words, shortfalls};
use hotwash::engine::review::{DrillSummary, PastPlay};

use super::{Exit, Usage, Words, user_or};

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
    let known: BTreeSet<String> = library.keys().map(|(id, _)| id.clone()).collect();
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
    let title = |id: &str| {
        library
            .get(&(id.to_owned(), lang.to_owned()))
            .or_else(|| library.iter().find(|((i, _), _)| i == id).map(|(_, s)| s))
            .map_or_else(|| id.to_owned(), |s| s.title.clone())
    };
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
            let (mark, said) = match state {
                DrillState::Passed => ("✔", tr.t("path-passed")),
                DrillState::Failed(short) => ("✘", tr.t_text("path-failed", &[("why", &shortfalls(short, tr))])),
                DrillState::NotPlayed => ("·", tr.t("path-not-played")),
            };
            say!(
                "    {}",
                tr.t_text("path-drill", &[("mark", &mark), ("id", id), ("title", &title(id)), ("state", &said)])
            );
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
