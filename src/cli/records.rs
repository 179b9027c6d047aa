//! Commands on finished drills: `replay`, `note`, `grade`, `review` (team review) and `export` (xAPI).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Result, anyhow};
use hotwash::engine::debrief::Debrief;
use hotwash::engine::folders::{DataDir, debrief_files, read_debriefs, scenario_files, scenarios_by_id};
use hotwash::engine::load::load_file;
use hotwash::engine::model::Scenario;
use hotwash::engine::replay::{differences, replay as replay_debrief};
use hotwash::engine::review::{Review, effective_checklist};
use hotwash::engine::store;
use hotwash::engine::team::{Pseudonyms, TeamReview};
use hotwash::engine::xapi;

use super::author::{catalog_beside, load_playable};
use super::{Exit, ReviewFormat, Usage, Words, now, user_or};

/// The data folder's pseudonym key, saying so when it was made just now.
pub fn pseudonym_key(data: &DataDir, words: Words) -> Result<Vec<u8>> {
    let (key, made) = data.pseudonym_key()?;
    if made {
        let file = data.pseudonym_key_file();
        say_err!("hotwash: {}", words.tr().t_text("cli-key-created", &[("file", &file.display())]));
    }
    Ok(key)
}

/// The debriefs under `paths` read for a team review or an export, with a progress bar on a
/// large folder; unreadable files are named on standard error.
fn read_all(paths: &[PathBuf], words: Words) -> Result<(usize, hotwash::engine::folders::ReadDebriefs)> {
    let tr = words.tr();
    let files = debrief_files(paths).map_err(|e| Usage(e.to_string()))?;
    let progress = indicatif::ProgressBar::new(files.len() as u64);
    // The message has no braces of its own; the template's are indicatif's.
    let reading = tr.t("cli-reading-debriefs").replace(['{', '}'], "");
    progress.set_style(
        indicatif::ProgressStyle::with_template(&format!("{reading} {{bar:30}} {{pos}}/{{len}} {{eta}}"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut said = 0;
    let read = read_debriefs(&files, |read| {
        for skipped in read.skipped.get(said..).unwrap_or_default() {
            progress.suspend(|| say_err!("hotwash: {}", tr.t_text("cli-skipped", &[("what", skipped)])));
        }
        said = read.skipped.len();
        progress.inc(1);
    });
    progress.finish_and_clear();
    if read.debriefs.is_empty() {
        return Err(anyhow!(
            tr.t_text("cli-no-debriefs", &[("found", &files.len()), ("skipped", &read.skipped.len())])
        ));
    }
    Ok((files.len(), read))
}

/// `hotwash review`.
pub fn team_review(
    paths: &[PathBuf],
    format: ReviewFormat,
    words: Words,
    out: Option<&Path>,
    key: Option<&[u8]>,
    scenarios: &Path,
) -> Result<Exit> {
    let (tr, lang) = (words.tr(), words.lang());
    let (_, read) = read_all(paths, words)?;
    let library = scenarios_by_id(scenarios);
    let pseudonyms = key.map(Pseudonyms::new);
    let mut team = TeamReview::build(
        &read.debriefs,
        |d| library.get(&(d.scenario.id.clone(), d.scenario.language.clone())),
        pseudonyms.as_ref(),
    );
    // Who passed the curriculum's assessment sets, when there is a curriculum beside the scenarios.
    if let Ok(curriculum) = hotwash::engine::path::Curriculum::read(&scenarios.join(hotwash::engine::path::FILE_NAME)) {
        team = team.with_assessments(&curriculum, &read.debriefs, pseudonyms.as_ref(), lang.code());
    }
    let text = match format {
        ReviewFormat::Html => team.to_html(lang.catalogue()),
        ReviewFormat::Csv => team.to_csv(lang.catalogue()),
        ReviewFormat::Md => team.to_markdown(lang.catalogue()),
    };
    match out {
        Some(path) => {
            store::write_text(path, &text)?;
            let said = tr.t_text(
                "cli-review-wrote",
                &[("file", &path.display()), ("debriefs", &read.debriefs.len()), ("skipped", &read.skipped.len())],
            );
            say_err!("{said}");
        }
        None => say_part!("{text}"),
    }
    Ok(Exit::Clean)
}

/// What `hotwash export` was asked to do.
pub struct Export {
    /// `--base`.
    pub base: Option<String>,
    /// `--include-answers`.
    pub include_answers: bool,
    /// `--scenarios`.
    pub scenarios: PathBuf,
    /// Where to send.
    pub lrs: super::LrsArgs,
}

/// `hotwash export --xapi`: statements to a file, to standard output, or to an LRS.
pub fn export_xapi(
    paths: &[PathBuf],
    out: Option<&Path>,
    export: &Export,
    data: &DataDir,
    words: Words,
) -> Result<Exit> {
    let tr = words.tr();
    let base = match &export.base {
        Some(text) => xapi::IriBase::parse(text)
            .map_err(|why| Usage(tr.t_text("cli-export-bad-base", &[("base", &text), ("why", &why)])))?,
        None if export.lrs.lrs.is_some() => return Err(Usage(tr.t("cli-export-base-needed")).into()),
        None => xapi::IriBase::default(),
    };
    // The LRS and its credentials are checked before anything is read.
    let lrs = match &export.lrs.lrs {
        Some(url) => {
            let auth = hotwash::lrs::Credentials::find(export.lrs.lrs_auth_file.as_deref())?;
            let mut lrs = hotwash::lrs::Lrs::new(url, auth)?;
            if lrs.sends_credentials_in_clear() {
                say_err!("hotwash: {}", tr.t_text("cli-lrs-clear", &[("url", &lrs.url())]));
            }
            lrs.batch = usize::from(export.lrs.batch);
            lrs.retry.attempts = export.lrs.attempts;
            Some(lrs)
        }
        None => None,
    };
    let (_, read) = read_all(paths, words)?;
    let library = scenarios_by_id(&export.scenarios);
    let pseudonyms = Pseudonyms::new(&pseudonym_key(data, words)?);
    let options = xapi::Options { base, include_answers: export.include_answers };
    let mut statements = Vec::new();
    // Which debrief each statement came from, to name it when the LRS refuses one.
    let mut source: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (file, d) in &read.debriefs {
        let scenario = library.get(&(d.scenario.id.clone(), d.scenario.language.clone()));
        for s in xapi::statements(d, scenario, &pseudonyms.account(&d.trainee), &options) {
            let id = s["id"].as_str().unwrap_or_default().to_owned();
            let verb = s["verb"]["id"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_owned();
            source.insert(id, (file.clone(), verb));
            statements.push(s);
        }
    }
    if out.is_some() || lrs.is_none() {
        let text = serde_json::to_string_pretty(&statements)? + "\n";
        match out {
            Some(path) => {
                store::write_text(path, &text)?;
                let said = tr.t_text(
                    "cli-export-wrote",
                    &[("statements", &statements.len()), ("debriefs", &read.debriefs.len()), ("file", &path.display())],
                );
                say_err!("{said}");
            }
            None => say_part!("{text}"),
        }
    }
    let mut clean = read.skipped.is_empty();
    if let Some(lrs) = lrs {
        let progress = indicatif::ProgressBar::new(statements.len() as u64);
        let sending = tr.t_text("cli-lrs-sending", &[("url", &lrs.url())]).replace(['{', '}'], "");
        progress.set_style(
            indicatif::ProgressStyle::with_template(&format!("{sending} {{bar:30}} {{pos}}/{{len}} {{eta}}"))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let sent = lrs.send(&statements, |done, _| progress.set_position(done as u64));
        progress.finish_and_clear();
        let sent = sent?;
        for refusal in &sent.refused {
            let (file, verb) = source.get(&refusal.id).cloned().unwrap_or_default();
            let said = tr.t_text(
                "cli-lrs-refused",
                &[
                    ("id", &refusal.id),
                    ("verb", &verb),
                    ("file", &file),
                    ("status", &refusal.status),
                    ("message", &refusal.message),
                ],
            );
            say_err!("hotwash: {said}");
        }
        let said = tr.t_text(
            "cli-lrs-sent",
            &[
                ("stored", &sent.stored),
                ("statements", &statements.len()),
                ("debriefs", &read.debriefs.len()),
                ("url", &lrs.url()),
                ("refused", &sent.refused.len()),
            ],
        );
        say!("{said}");
        clean &= sent.refused.is_empty();
    }
    Ok(if clean { Exit::Clean } else { Exit::Problems })
}

/// `hotwash note`, said in the debrief's language unless `--lang` says otherwise. The debrief is
/// read and written under a lock, so notes written at once are all kept.
pub fn note(path: &Path, at: &str, text: &str, author: Option<String>, words: Words) -> Result<Exit> {
    let author = user_or(author, "facilitator");
    let (debrief, note) =
        store::update_debrief(path, |d| d.add_note(at, &author, text, now().0).cloned())?.map_err(|e| anyhow!(e))?;
    let tr = words.about(&debrief.scenario.language);
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    let said = tr.t_text("cli-noted", &[("decision", &note.decision), ("node", &note.node), ("file", &path.display())]);
    say!("{said}");
    Ok(Exit::Clean)
}

/// `hotwash feedback`: the trainee's rating and comment, kept in the debrief under its lock.
pub fn feedback(path: &Path, stars: u8, comment: &str, words: Words) -> Result<Exit> {
    let (debrief, _) =
        store::update_debrief(path, |d| d.add_feedback(stars, comment, now().0).map(drop))?.map_err(|e| anyhow!(e))?;
    let tr = words.about(&debrief.scenario.language);
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    say!("{}", tr.t_text("cli-feedback-kept", &[("stars", &stars), ("file", &path.display())]));
    Ok(Exit::Clean)
}

/// An evaluator's grade given on the command line.
pub struct GradeArgs {
    /// The written answer: decision number or node id.
    pub at: String,
    /// The checklist item.
    pub item: String,
    /// Covered or not.
    pub covered: bool,
    /// Who grades.
    pub by: String,
}

/// `hotwash grade`: lists the written answers' checklist items with their grades, or records an
/// evaluator's grade and writes the review beside the debrief again.
pub fn grade(path: &Path, grade: Option<GradeArgs>, scenario: Option<&Path>, words: Words) -> Result<Exit> {
    let debrief = store::load_debrief(path)?;
    let tr = words.about(&debrief.scenario.language);
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    let Some(g) = grade else {
        let mut any = false;
        for (i, d) in debrief.decisions.iter().enumerate().filter(|(_, d)| d.answer.is_some()) {
            any = true;
            say!("{}", tr.t_text("cli-grade-answer", &[("decision", &(i + 1)), ("node", &d.node)]));
            let graded = effective_checklist(&debrief, i);
            if graded.is_empty() {
                say!("  {}", tr.t("cli-grade-old"));
            }
            for (c, covered, by) in graded {
                let mark = if covered { "☑" } else { "☐" };
                let who =
                    by.map_or_else(|| tr.t("review-automatic"), |g| tr.t_text("review-graded-by", &[("who", &g.by)]));
                let evidence = c.by.as_ref().map(|e| format!(" — “{}”", e.words)).unwrap_or_default();
                say!("  {mark} {} ({who}){evidence}", c.item);
            }
        }
        if !any {
            say!("{}", tr.t("cli-grade-none"));
        }
        return Ok(Exit::Clean);
    };
    // The printable review beside the debrief, written again with the confirmed grade while the
    // debrief is still locked, so a grade given meanwhile elsewhere is not lost from it.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let dir = path.parent().unwrap_or(Path::new(".")).to_owned();
    let beside = name
        .strip_suffix(".debrief.ron")
        .map(|stem| (dir.join(format!("{stem}.review.md")), dir.join(format!("{stem}.review.html"))));
    let beside = beside.filter(|(md, html)| md.exists() || html.exists());
    let found = beside.as_ref().map(|_| find_scenario(&debrief, path, scenario, words));
    let mut written = Vec::new();
    let (_, given) = store::update_debrief_then(
        path,
        |d| d.add_grade(&g.at, &g.item, g.covered, &g.by, now().0).cloned(),
        |d| {
            if let (Some((md, html)), Some(Ok((scenario_path, s)))) = (&beside, &found) {
                let review = Review::build(s, d, &catalog_beside(scenario_path));
                store::write_text(md, &review.to_markdown())?;
                store::write_text(html, &review.to_html())?;
                written.extend([md.clone(), html.clone()]);
            }
            Ok(())
        },
    )?
    .map_err(|e| anyhow!(e))?;
    let verdict = tr.t(if given.covered { "review-covered" } else { "review-not-covered" });
    say!(
        "{}",
        tr.t_text(
            "cli-graded",
            &[("item", &given.item), ("decision", &given.decision), ("verdict", &verdict), ("file", &path.display())]
        )
    );
    for file in &written {
        say!("{}", tr.t_text("cli-wrote", &[("file", &file.display())]));
    }
    if let Some(Err(err)) = &found {
        say_err!("hotwash: warning: the review beside the debrief was not written again: {err}");
    }
    Ok(Exit::Clean)
}

/// Finds the scenario a debrief was played on: the given file, else by id and language in
/// `./scenarios` and beside the debrief, preferring the same content.
fn find_scenario(
    debrief: &Debrief,
    debrief_path: &Path,
    given: Option<&Path>,
    words: Words,
) -> Result<(PathBuf, Arc<Scenario>)> {
    if let Some(path) = given {
        return Ok((path.to_owned(), load_playable(path, words)?));
    }
    let mut dirs = vec![PathBuf::from("scenarios")];
    if let Some(parent) = debrief_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        dirs.push(parent.to_owned());
    }
    let dirs: Vec<PathBuf> = dirs.into_iter().filter(|d| d.is_dir()).collect();
    let mut candidates: BTreeMap<(bool, PathBuf), Scenario> = BTreeMap::new();
    for file in scenario_files(&dirs).unwrap_or_default() {
        if let Some(s) = load_file(&file).1.scenario
            && s.id == debrief.scenario.id
            && s.language == debrief.scenario.language
        {
            let same = s.content_hash() == debrief.scenario.hash;
            candidates.insert((!same, file), s);
        }
    }
    candidates.into_iter().next().map(|((_, path), s)| (path, Arc::new(s))).ok_or_else(|| {
        anyhow!(words.about(&debrief.scenario.language).t_text(
            "cli-replay-no-scenario",
            &[("id", &debrief.scenario.id), ("language", &debrief.scenario.language)]
        ))
    })
}

/// `hotwash replay`, said in the debrief's language unless `--lang` says otherwise.
pub fn replay(path: &Path, scenario: Option<&Path>, words: Words) -> Result<Exit> {
    let debrief = store::load_debrief(path)?;
    let tr = words.about(&debrief.scenario.language);
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    let (scenario_path, scenario) = find_scenario(&debrief, path, scenario, words)?;
    let (debrief_file, scenario_file) = (path.display(), scenario_path.display());
    let replayed = match replay_debrief(&scenario, &debrief) {
        Ok(replayed) => replayed,
        Err(err) => {
            let said = tr.t_text(
                "cli-replay-fails",
                &[("debrief", &debrief_file), ("scenario", &scenario_file), ("error", &err)],
            );
            say!("{said}");
            return Ok(Exit::Problems);
        }
    };
    let differences = differences(&debrief, &replayed);
    if differences.is_empty() {
        let said = tr.t_text(
            "cli-replay-verified",
            &[
                ("debrief", &debrief_file),
                ("scenario", &scenario_file),
                ("decisions", &debrief.decisions.len()),
                ("ending", &debrief.ending),
            ],
        );
        say!("{said}");
        Ok(Exit::Clean)
    } else {
        say!("{}", tr.t_text("cli-replay-differs", &[("debrief", &debrief_file), ("scenario", &scenario_file)]));
        for d in differences {
            say!("  - {}", d.words(tr));
        }
        Ok(Exit::Problems)
    }
}
