//! `hotwash run`: a drill played at the terminal, interactively or scripted, drawn from the
//! runner's presentable entries, with the transcript's words in the drill's language (errors stay
//! English).

use std::io::{BufRead as _, Write as _};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use hotwash::engine::debrief::Answer;
use hotwash::engine::folders::{debrief_files, read_debriefs};
use hotwash::engine::i18n::{Lang, Tr, spot_name};
use hotwash::engine::model::{Artefact, Channel, InputKind, Spot};
use hotwash::engine::review::{DrillSummary, PastPlay, Review, mm_ss};
use hotwash::engine::runner::{Pick, RunError, Runner};
use hotwash::engine::shown::{DeskItem, Prompt, Shown, Speaker};
use hotwash::engine::store;
use hotwash::engine::times::WallMs;

use super::author::{catalog_beside, load_playable};
use super::{Exit, Words, now, user_or};

/// A host's place in the runner's events: what has been printed so far.
pub(super) struct Printer {
    cursor: usize,
    /// The drill's language.
    tr: &'static Tr,
}

impl Printer {
    /// A printer of a drill in the language of `tr`, from its first event.
    pub(super) fn new(tr: &'static Tr) -> Self {
        Self { cursor: 0, tr }
    }

    /// Prints what happened since the last call; returns whether a decision was put.
    pub(super) fn print_new(&mut self, runner: &Runner) -> bool {
        let shown = runner.shown_since(self.cursor);
        print_shown(&shown, self.cursor, self.tr);
        self.cursor = runner.event_count();
        shown.iter().any(|s| matches!(s, Shown::Choices { .. }))
    }
}

fn name(speaker: &Speaker) -> String {
    match &speaker.caller_id {
        Some(number) => format!("{} <{number}>", speaker.name),
        None => speaker.name.clone(),
    }
}

/// Prints entries; the first is event `first` of the drill. Lines and artefacts carry their
/// number (`#n`, the event's index from 1), by which the trainee flags them.
fn print_shown(entries: &[Shown], first: usize, tr: &Tr) {
    let sep = tr.t("review-sep");
    for (i, entry) in entries.iter().enumerate() {
        let t = mm_ss(entry.t().0);
        let n = first + i + 1;
        match entry {
            Shown::Line { channel, speaker, text, inject: false, .. } => {
                let channel = channel_name(*channel, tr);
                match speaker {
                    Some(s) => say!("\n[{t}] #{n} {channel} · {}{sep}\n  {text}", name(s)),
                    None => say!("\n[{t}] #{n} {channel}{sep}\n  {text}"),
                }
            }
            Shown::Line { channel, speaker, text, inject: true, .. } => {
                let who = speaker.as_ref().map(name).unwrap_or_default();
                let said = tr.t_text("review-said", &[("who", &who), ("text", text)]);
                say!("\n[{t}] #{n} !! {} {said}", channel_name(*channel, tr));
            }
            Shown::Artefact { artefact, .. } => print_artefact(artefact, n, tr),
            Shown::Flagged { event, spot, .. } => {
                let part = spot_name(spot, tr.lang());
                say!("  ⚑ {}", tr.t_text("cli-flagged", &[("n", &(event + 1)), ("part", &part)]));
            }
            Shown::Revealed { field, .. } => say!("  {}", tr.t_text("review-revealed-row", &[("field", field)])),
            Shown::Choices { t, options, deadline, reading_ms, .. } => {
                for (i, o) in options.iter().enumerate() {
                    say!("  {}) {}", i + 1, o.text);
                }
                if let Some(deadline) = deadline {
                    let seconds = deadline.since(t.plus(*reading_ms)).div_ceil(1000);
                    if *reading_ms > 0 {
                        let read = reading_ms.div_ceil(1000);
                        say!("  {}", tr.t_text("cli-read-then-answer", &[("read", &read), ("seconds", &seconds)]));
                    } else {
                        say!("  {}", tr.t_text("cli-answer-within", &[("seconds", &seconds)]));
                    }
                }
            }
            Shown::Input { kind, prompt, .. } => {
                let shape = tr.t(match kind {
                    InputKind::IncidentReport => "cli-shape-report",
                    InputKind::FreeText => "cli-shape-text",
                });
                say!("\n  ✎ {}", tr.t_text("cli-input", &[("prompt", prompt), ("shape", &shape)]));
            }
            Shown::You { timed_out: true, .. } => say!("\n[{t}] {}", tr.t("cli-time-ran-out")),
            Shown::Ended { title, .. } => say!("\n[{t}] === {title} ==="),
            Shown::You { timed_out: false, .. } | Shown::Answered { .. } => {}
        }
    }
}

/// A channel as the app names it.
fn channel_name(channel: Channel, tr: &Tr) -> String {
    tr.t(match channel {
        Channel::Call => "channel-call",
        Channel::Chat => "channel-chat",
        Channel::Email => "channel-email",
        Channel::Sms => "channel-sms",
        Channel::System => "channel-system",
    })
}

fn print_artefact(artefact: &Artefact, n: usize, tr: &Tr) {
    match artefact {
        Artefact::Crm(r) => {
            say!("  ┌ #{n} {}", tr.t_text("cli-crm", &[("title", &r.title)]));
            for f in &r.fields {
                let value =
                    if f.sensitive { format!("••••••  {}", tr.t("cli-masked")) } else { f.value.clone() };
                say!("  │ {}", tr.t_text("review-said", &[("who", &f.label), ("text", &value)]));
            }
        }
        Artefact::Email(m) | Artefact::Sms(m) => {
            let kind =
                channel_name(if matches!(artefact, Artefact::Email(_)) { Channel::Email } else { Channel::Sms }, tr);
            say!("  ┌ #{n} {}", tr.t_text("cli-from", &[("kind", &kind), ("from", &m.from)]));
            if let Some(subject) = &m.subject {
                say!("  │ {}", tr.t_text("drill-subject", &[("subject", subject)]));
            }
            print_lines(&m.body);
            if let Some(link) = &m.link {
                let domain = link.real_domain();
                say!("  │ {}", tr.t_text("cli-link", &[("text", &link.text), ("domain", &domain)]));
            }
        }
        Artefact::Queue(q) => say!(
            "  ┌ #{n} {}",
            tr.t_text("cli-queue", &[("label", &q.label), ("count", &q.count), ("rate", &q.per_minute)])
        ),
        Artefact::Note(note) => {
            say!("  ┌ #{n} {}", note.title);
            print_lines(&note.body);
        }
    }
}

/// The revealed field as the desk now shows it: `label: value`.
fn reveal_line(runner: &Runner, field: &str, tr: &Tr) -> String {
    let value = runner
        .desk(now())
        .into_iter()
        .find_map(|item| match item {
            DeskItem::Crm { fields, .. } => fields.into_iter().find(|f| f.label == field).map(|f| f.value),
            _ => None,
        })
        .unwrap_or_default();
    tr.t_text("review-said", &[("who", &field), ("text", &value)])
}

/// Prints text as lines of an artefact's box, however many lines it has.
fn print_lines(text: &str) {
    for line in text.lines() {
        say!("  │ {line}");
    }
}

/// What the trainee does next in a scripted run or at the prompt.
enum Step {
    Pick(Pick),
    Wait,
    /// Flag part of event `.0` (an index from 0) as suspicious.
    Flag(usize, Spot),
    /// Reveal the masked CRM field with this label.
    Reveal(String),
}

/// Reads a step: an option's number or id, `wait`, `flag:N[:part]` or `reveal:Field label`
/// (at the prompt, spaces may stand for the colons: `flag 4 link`, `reveal Card number`).
fn parse_step(token: &str) -> Result<Step> {
    let token = token.trim();
    if token.eq_ignore_ascii_case("wait") {
        return Ok(Step::Wait);
    }
    let (word, rest) = token.split_once([':', ' ']).unwrap_or((token, ""));
    if word.eq_ignore_ascii_case("reveal") {
        let field = rest.trim();
        if field.is_empty() {
            bail!("`{token}`: say which field, as `reveal:Card number`");
        }
        return Ok(Step::Reveal(field.to_owned()));
    }
    if word.eq_ignore_ascii_case("flag") {
        let (number, part) = rest.trim().split_once([':', ' ']).unwrap_or((rest.trim(), "line"));
        let n: usize =
            number.trim().trim_start_matches('#').parse().map_err(|_| {
                anyhow!("`{token}`: flag what? give the number shown as #n, as `flag:4` or `flag:5:link`")
            })?;
        let event = n.checked_sub(1).ok_or_else(|| anyhow!("`{token}`: the numbers start at #1"))?;
        let spot = match part.trim().to_lowercase().as_str() {
            "" | "line" => Spot::Line,
            "caller" | "caller-id" | "callerid" => Spot::CallerId,
            "sender" | "from" => Spot::Sender,
            "subject" => Spot::Subject,
            "body" => Spot::Body,
            "link" => Spot::Link,
            "title" => Spot::Title,
            _ => Spot::Field(part.trim().to_owned()),
        };
        return Ok(Step::Flag(event, spot));
    }
    Ok(match token.parse::<usize>() {
        Ok(n) => Step::Pick(Pick::Index(n.checked_sub(1).unwrap_or(usize::MAX))),
        Err(_) => Step::Pick(Pick::Id(token.into())),
    })
}

/// A flag or a reveal, as a script writes it.
pub(super) enum Marked {
    /// Flag part of event `.0` (an index from 0).
    Flag(usize, Spot),
    /// Reveal the masked field with this label.
    Reveal(String),
}

/// Reads a scripted flag (`flag:N[:part]`) or reveal (`reveal:Field`).
pub(super) fn parse_mark(token: &str) -> Result<Marked> {
    match parse_step(token)? {
        Step::Flag(event, spot) => Ok(Marked::Flag(event, spot)),
        Step::Reveal(field) => Ok(Marked::Reveal(field)),
        Step::Pick(_) | Step::Wait => bail!("`{token}` is neither a flag nor a reveal"),
    }
}

/// Milliseconds a scripted trainee takes for each answer.
const SCRIPTED_THINK_MS: u64 = 2_000;

/// The three sections of an incident report: as named in errors, and the message that asks for
/// it at the terminal.
const REPORT_SECTIONS: [(&str, &str); 3] = [
    ("event description", "review-section-description"),
    ("scope of impact", "review-section-scope"),
    ("measures taken", "review-section-measures"),
];

/// Builds the answer a node of `kind` asks for from `next`, which is asked for each part by its
/// name (for errors) and its prompt (for the terminal, in the drill's language).
fn answer_from(kind: InputKind, tr: &Tr, mut next: impl FnMut(&str, &str) -> Result<String>) -> Result<Answer> {
    let prompt = |id: &str| format!("  {}> ", tr.t(id));
    Ok(match kind {
        InputKind::IncidentReport => {
            let [(d, dp), (s, sp), (m, mp)] = REPORT_SECTIONS;
            Answer::Report {
                description: next(d, &prompt(dp))?,
                scope: next(s, &prompt(sp))?,
                measures: next(m, &prompt(mp))?,
            }
        }
        InputKind::FreeText => Answer::Text(next("a written answer", &prompt("review-answer"))?),
    })
}

/// The next written answer given with --input.
pub(super) fn given_answer(kind: InputKind, inputs: &mut std::vec::IntoIter<String>, node: &str) -> Result<Answer> {
    answer_from(kind, Lang::En.tr(), |what, _| {
        let what = if what.starts_with("a ") { what.to_owned() } else { format!("an incident report ({what})") };
        inputs.next().ok_or_else(|| anyhow!("node `{node}` asks for {what}; give it with --input"))
    })
}

/// How `hotwash run` plays.
pub struct Play {
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--choose`: scripted, else interactive.
    pub choose: Option<Vec<String>>,
    /// `--input`.
    pub inputs: Vec<String>,
    /// `--trainee`.
    pub trainee: Option<String>,
    /// `--resume`.
    pub resume: bool,
    /// `--assessment`: the set this drill is played for.
    pub assessment: Option<String>,
}

/// An interactive run saved after every step, to be continued with `--resume` after the
/// process was killed.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedRun {
    /// Wall-clock time of the save: the time after it until the resume counts as a pause.
    saved_at: u64,
    /// The assessment set the run is played for.
    #[serde(default)]
    assessment: Option<String>,
    /// The runner's state.
    state: hotwash::engine::runner::DrillState,
}

/// Where an interactive run of `scenario` by `trainee` is saved while it lasts.
fn saved_run_file(out: &Path, scenario: &hotwash::engine::model::Scenario, trainee: &str) -> std::path::PathBuf {
    let name = format!("{}.{}_{}", store::slug(&scenario.id), store::slug(&scenario.language), store::slug(trainee));
    let name: String = name.chars().take(150).collect();
    out.join(format!(".{name}.in-progress.ron"))
}

/// `hotwash run`: the transcript in the drill's own language (`--lang` only words a scenario
/// that will not load).
pub fn run(path: &Path, play: Play, out: &Path, words: Words) -> Result<Exit> {
    let scenario = load_playable(path, words)?;
    // A folder the results cannot be written to is found now, not after the drill.
    store::check_writable(out)?;
    let started = now();
    let trainee = user_or(play.trainee, "trainee");
    let tr = Lang::of(&scenario.language).tr();
    // The runner's refusals speak the drill's language too.
    hotwash::engine::i18n::set_engine_lang(tr.lang());
    let saved_file = saved_run_file(out, &scenario, &trainee);
    // An assessment fixes the seed from the set, and holds the review back until the set is done.
    let set = match &play.assessment {
        Some(id) => {
            if play.seed.is_some() {
                return Err(super::Usage(tr.t("cli-assess-seed")).into());
            }
            Some(super::training::assessment_of(path, id, &scenario.id, tr)?)
        }
        None => None,
    };
    if play.resume && play.seed.is_some() {
        return Err(super::Usage(tr.t("cli-resume-seed")).into());
    }
    let mut runner = if play.resume {
        let saved: SavedRun = store::load(&saved_file, "saved run").map_err(|e| match e {
            store::StoreError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound => {
                anyhow!(tr.t_text("cli-no-saved-run", &[("file", &saved_file.display())]))
            }
            other => anyhow!(other),
        })?;
        // A run resumes as what it was: played for the same assessment, or for none.
        if saved.assessment != play.assessment {
            let said = tr.t_text(
                "cli-resume-assessment",
                &[
                    ("saved", &saved.assessment.as_deref().unwrap_or("-")),
                    ("given", &play.assessment.as_deref().unwrap_or("-")),
                ],
            );
            return Err(super::Usage(said).into());
        }
        let mut runner = Runner::restore(scenario.clone(), saved.state)?;
        // The time the run was away counts as a pause.
        runner.pause(WallMs(saved.saved_at));
        runner.resume(started);
        runner
    } else {
        if saved_file.exists() {
            let kept = saved_file.with_extension(format!("kept-{}.ron", store::file_stamp(started.0)));
            std::fs::rename(&saved_file, &kept)?;
            say_err!("hotwash: {}", tr.t_text("cli-saved-run-kept", &[("file", &kept.display())]));
        }
        let seed = match &set {
            Some((_, set)) => set.seed_for(&trainee),
            None => play.seed.unwrap_or(started.0 % 1_000_000),
        };
        Runner::start(scenario.clone(), seed, &trainee, started)?
    };
    let seed = runner.state().seed();
    say!("{}", tr.t_text("cli-heading", &[("title", &scenario.title), ("seed", &seed), ("trainee", &trainee)]));
    let mut inputs = play.inputs.into_iter();
    let mut printer = Printer { cursor: 0, tr };
    let end = match play.choose {
        Some(steps) => play_scripted(&mut runner, &mut printer, &steps, &mut inputs, started)?,
        None => play_interactive(&mut runner, &mut printer, &mut inputs, &saved_file, play.assessment.as_deref())?,
    };
    printer.print_new(&runner);
    let mut debrief = runner.debrief(end).ok_or_else(|| anyhow!("the drill did not end"))?;
    debrief.assessment = set.as_ref().map(|(_, s)| s.id.clone());
    // Follow-ups chosen with the trainee's history: the drills they played before, saved where
    // this one goes.
    let found = debrief_files(&[out.to_owned()]).unwrap_or_default();
    let plays: Vec<PastPlay> = read_debriefs(&found, |_| {}).debriefs.iter().map(|(_, d)| PastPlay::of(d)).collect();
    let catalog = DrillSummary::with_history(catalog_beside(path), &plays, &trainee);
    let review = Review::build(&scenario, &debrief, &catalog);
    let saved = store::save_drill(out, &debrief, &review)?;
    // The record is safe: the saved run and temporaries left by killed runs can go, and reviews a
    // killed run did not write are written now.
    let _ = std::fs::remove_file(&saved_file);
    store::remove_stale_temporaries(out, Duration::from_secs(3600));
    for file in store::complete_reviews(out, &scenario, &catalog) {
        say!("{}", tr.t_text("cli-wrote", &[("file", &file.display())]));
    }
    if let Some((curriculum, set)) = &set {
        // Only the record is said; the results come when the set is complete.
        say!("{}", tr.t_text("cli-wrote", &[("file", &saved.debrief.display())]));
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        return super::training::after_assessment_drill(curriculum, set, &trainee, out, dir, tr);
    }
    say!("\n{}", review.summary());
    for f in [&saved.debrief, &saved.markdown, &saved.html] {
        say!("{}", tr.t_text("cli-wrote", &[("file", &f.display())]));
    }
    Ok(Exit::Clean)
}

/// Takes a scripted flag or reveal (`step` as written, for errors).
fn mark(runner: &mut Runner, step: &str, parsed: Step, now: WallMs) -> Result<()> {
    let result = match parsed {
        Step::Flag(event, spot) => runner.flag(event, &spot, now).map(drop),
        Step::Reveal(field) => runner.reveal(&field, now),
        Step::Pick(_) | Step::Wait => Ok(()),
    };
    result.map_err(|e| anyhow!("step `{step}`: {e}"))
}

/// Plays `steps` on a simulated clock; returns the wall-clock end.
fn play_scripted(
    runner: &mut Runner,
    printer: &mut Printer,
    steps: &[String],
    inputs: &mut std::vec::IntoIter<String>,
    start: WallMs,
) -> Result<WallMs> {
    let mut steps = steps.iter().filter(|s| !s.trim().is_empty()).peekable();
    let mut now = start;
    loop {
        let (node, options) = match runner.waiting(now) {
            Prompt::Nothing => break,
            Prompt::Input { node, kind, .. } => {
                printer.print_new(runner);
                // Flags and reveals scripted before a written answer are taken while writing it.
                while let Some(step) = steps.next_if(|s| matches!(parse_step(s), Ok(Step::Flag(..) | Step::Reveal(_))))
                {
                    mark(runner, step, parse_step(step)?, now)?;
                }
                now = now.plus(SCRIPTED_THINK_MS);
                runner.submit(given_answer(kind, inputs, node.as_str())?, now)?;
                continue;
            }
            Prompt::Choices { node, options, .. } => (node, options),
        };
        printer.print_new(runner);
        let Some(step) = steps.next() else {
            let options: Vec<String> =
                options.iter().enumerate().map(|(i, o)| format!("{} = {}", i + 1, o.id)).collect();
            bail!("--choose ran out before the drill ended: node `{node}` waits for a choice ({})", options.join(", "));
        };
        let deadline = runner.deadline().map(|d| runner.wall_time_at(d));
        match parse_step(step)? {
            marked @ (Step::Flag(..) | Step::Reveal(_)) => mark(runner, step, marked, now)?,
            Step::Wait => {
                let Some(deadline) = deadline else { bail!("`wait` at node `{node}`, which has no time limit") };
                now = now.max(deadline);
                runner.tick(now)?;
            }
            Step::Pick(pick) => {
                now = now.plus(SCRIPTED_THINK_MS);
                if let Some(deadline) = deadline {
                    now = now.min(WallMs(deadline.0.saturating_sub(1))).max(runner.wall_time_at(runner.entered_at()));
                }
                runner.choose(&pick, now).map_err(|e| anyhow!("step `{step}`: {e}"))?;
            }
        }
    }
    let extra: Vec<&str> = steps.map(String::as_str).collect();
    if !extra.is_empty() {
        say_err!(
            "hotwash: warning: the drill ended before the scripted answers {}; they were not used",
            extra.join(",")
        );
    }
    Ok(now)
}

/// Plays at the terminal, reading answers from standard input while the clock runs; returns the
/// wall-clock end.
fn play_interactive(
    runner: &mut Runner,
    printer: &mut Printer,
    inputs: &mut std::vec::IntoIter<String>,
    saved_file: &Path,
    assessment: Option<&str>,
) -> Result<WallMs> {
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let read_line = |prompt: &str| -> Result<String> {
        say_part!("{prompt}");
        let _ = std::io::stdout().flush();
        rx.recv().map_err(|_| anyhow!("standard input ended before the drill did"))
    };
    say!("{}", printer.tr.t("cli-flag-help"));
    let mut shown_deadline = None;
    let mut saved_key = None;
    loop {
        // Saved after every step, so a killed run can be resumed.
        let key = (runner.state().actions_taken(), runner.decisions().len(), runner.event_count());
        if saved_key != Some(key) {
            let saved = SavedRun {
                saved_at: now().0,
                assessment: assessment.map(str::to_owned),
                state: runner.state().clone(),
            };
            store::save(saved_file, &saved)?;
            saved_key = Some(key);
        }
        let node = match runner.waiting(now()) {
            Prompt::Nothing => break,
            Prompt::Input { node, kind, .. } => {
                printer.print_new(runner);
                let answer = match given_answer(kind, inputs, node.as_str()) {
                    Ok(answer) => answer,
                    Err(_) => answer_from(kind, printer.tr, |_, prompt| read_line(prompt))?,
                };
                runner.submit(answer, now())?;
                continue;
            }
            Prompt::Choices { node, .. } => node,
        };
        let put = printer.print_new(runner);
        if shown_deadline != runner.deadline() || put {
            say_part!("{}> ", printer.tr.t("cli-choose"));
            let _ = std::io::stdout().flush();
            shown_deadline = runner.deadline();
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let pick = match parse_step(line) {
                    Ok(Step::Pick(pick)) => pick,
                    Ok(Step::Wait) => continue,
                    Ok(Step::Flag(event, spot)) => {
                        if let Err(err) = runner.flag(event, &spot, now()) {
                            say!("  {err}");
                        }
                        printer.print_new(runner);
                        continue;
                    }
                    Ok(Step::Reveal(field)) => {
                        // What happened meanwhile (an inject, the clock running out) and the reveal
                        // itself are printed first, then the field's value.
                        let revealed = runner.reveal(&field, now());
                        printer.print_new(runner);
                        match revealed {
                            Ok(()) => say!("  {}", reveal_line(runner, &field, printer.tr)),
                            Err(err) => say!("  {err}"),
                        }
                        continue;
                    }
                    Err(err) => {
                        say!("  {err}");
                        continue;
                    }
                };
                match runner.choose(&pick, now()) {
                    Ok(()) => {}
                    Err(RunError::TooLate(_)) => say!("  {}", printer.tr.t("cli-too-late")),
                    Err(RunError::NoSuchOption(..)) => say_part!("  {}> ", printer.tr.t("cli-no-such-option")),
                    Err(err) => return Err(anyhow!("at node `{node}`: {err}")),
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => runner.tick(now())?,
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("standard input ended before the drill did"),
        }
    }
    Ok(now())
}
