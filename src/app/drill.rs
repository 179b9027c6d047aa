//! The drill in progress: the engine's [`Runner`] on the app's clock, saved after every decision
//! so a crash loses nothing, and the systems that start, resume, advance and finish it. What the
//! Drill screen shows and how it is drawn is in `drill_ui`.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::assessment::ForAssessment;
use super::i18n::Tr;
use super::library::{Library, SelectedScenario};
use super::review::FinishedDrill;
use super::settings::Settings;
use super::{AppSystems, Clock, Folders, Intent, Notice, Screen};
use crate::engine::debrief::Answer;
use crate::engine::folders::DataDir;
use crate::engine::model::{InputKind, Scenario};
use crate::engine::review::Review;
use crate::engine::runner::{DrillState, Pick, Runner};
use crate::engine::shown::Shown;
use crate::engine::store;
use crate::engine::times::WallMs;

/// A drill in progress as saved in the data folder after every decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedDrill {
    /// The scenario file (path inside the scenario folder).
    pub path: String,
    /// Its title, to offer the resume.
    pub title: String,
    /// Wall-clock time of the save: the time after it until the resume counts as a pause.
    pub saved_at: u64,
    /// The runner's state.
    pub state: DrillState,
    /// Evaluator notes written during the drill, pinned when it ends.
    #[serde(default)]
    pub notes: Vec<PendingNote>,
    /// The assessment set the drill is played for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<ForAssessment>,
}

/// An evaluator's note written during a drill, for the decision then being faced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingNote {
    /// The decision's number, from 1.
    pub decision: usize,
    /// Who wrote it.
    pub author: String,
    /// The note.
    pub text: String,
    /// Wall-clock time it was written.
    pub written_at: u64,
}

/// The drill found saved at start-up (a crash or a kill), or why it cannot be read.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct InterruptedDrill(pub Option<Result<SavedDrill, String>>);

/// The drill being played.
#[derive(Resource, Clone, Debug)]
pub struct ActiveDrill {
    /// The runner: the scenario as it was when the drill started (a later edit of the file does
    /// not touch it) and the drill's state.
    pub runner: Runner,
    /// Its file, inside the scenario folder.
    pub path: String,
    /// Everything said and done so far, in order (artefacts are on the desk, not here).
    pub transcript: Vec<Shown>,
    /// The runner's event index of each transcript entry (what flagging a line names).
    pub transcript_events: Vec<usize>,
    /// How many of the runner's events the transcript has taken.
    cursor: usize,
    /// Where in the transcript the current decision started (injects after it are "new").
    pub since_decision: usize,
    /// The last refusal from the runner, shown to the trainee.
    pub problem: Option<String>,
    /// Evaluator notes written during the drill.
    pub notes: Vec<PendingNote>,
    /// The assessment set the drill is played for, if any.
    pub assessment: Option<ForAssessment>,
    /// What was last saved: number of actions, decisions, pauses, notes, paused or not.
    saved_key: (usize, usize, usize, usize, bool),
}

impl ActiveDrill {
    /// Starts a drill at wall-clock `now` (milliseconds).
    pub fn start(scenario: Arc<Scenario>, path: String, seed: u64, trainee: &str, now: u64) -> Result<Self, String> {
        let runner = Runner::start(scenario, seed, trainee, WallMs(now)).map_err(|e| e.to_string())?;
        Ok(Self::with_runner(runner, path))
    }

    /// Takes up a saved drill: refuses it if the scenario file changed since; the time between the
    /// save and now counts as a pause.
    pub fn resume(scenario: Arc<Scenario>, saved: &SavedDrill, now: u64) -> Result<Self, String> {
        let mut runner = Runner::restore(scenario, saved.state.clone()).map_err(|e| e.to_string())?;
        // An assessment's clock never stops: the time away counts (and a timeout may have come).
        if !runner.is_paused() && saved.assessment.is_none() {
            runner.pause(WallMs(saved.saved_at).max(runner.state().started_at()));
            runner.resume(WallMs(now));
        }
        let mut drill = Self::with_runner(runner, saved.path.clone());
        drill.notes.clone_from(&saved.notes);
        drill.assessment.clone_from(&saved.assessment);
        Ok(drill)
    }

    /// A drill shown as it is: a live session's copy of what the host runs.
    pub fn mirror(runner: Runner, path: String) -> Self {
        Self::with_runner(runner, path)
    }

    fn with_runner(runner: Runner, path: String) -> Self {
        let mut drill = Self {
            runner,
            path,
            transcript: Vec::new(),
            transcript_events: Vec::new(),
            cursor: 0,
            since_decision: 0,
            problem: None,
            notes: Vec::new(),
            assessment: None,
            saved_key: (usize::MAX, 0, 0, 0, false),
        };
        drill.absorb();
        drill
    }

    /// Applies one intent of the Drill screen at wall-clock `now`.
    pub fn apply(&mut self, intent: &Intent, now: u64) {
        let now = WallMs(now);
        let result = match intent {
            Intent::Choose(i) => self.runner.choose(&Pick::Index(*i), now),
            Intent::Submit(answer) => self.runner.submit(answer.clone(), now),
            Intent::Reveal(field) => self.runner.reveal(field, now),
            Intent::Flag(event, spot) => self.runner.flag(*event, spot, now).map(drop),
            // An assessment is played through: the clock never stops for the trainee.
            Intent::TogglePause if self.assessment.is_some() && !self.runner.is_paused() => return,
            Intent::TogglePause => {
                if self.runner.is_paused() {
                    self.runner.resume(now);
                } else {
                    self.runner.pause(now);
                }
                Ok(())
            }
            _ => return,
        };
        self.absorb();
        self.problem = result.err().map(|e| e.to_string());
    }

    /// Lets time pass: a timeout or a delayed inject may fire.
    pub fn tick(&mut self, now: u64) {
        let result = self.runner.tick(WallMs(now));
        self.absorb();
        if let Err(e) = result {
            self.problem = Some(e.to_string());
        }
    }

    /// Milliseconds until time changes something (an inject or a timeout), while the clock runs.
    pub fn due_in(&self, now: u64) -> Option<u64> {
        self.runner.due_in(WallMs(now))
    }

    /// Is the drill over?
    pub fn is_over(&self) -> bool {
        self.runner.is_over()
    }

    /// Is the clock stopped?
    pub fn is_paused(&self) -> bool {
        self.runner.is_paused()
    }

    /// Takes the runner's new entries into the transcript (artefacts stay on the runner's desk).
    fn absorb(&mut self) {
        let new = self.runner.shown_since(self.cursor);
        let first = self.cursor;
        self.cursor = self.runner.event_count();
        for (i, entry) in new.into_iter().enumerate() {
            match entry {
                Shown::Artefact { .. } => {}
                Shown::Choices { .. } | Shown::Input { .. } => self.since_decision = self.transcript.len(),
                other => {
                    self.transcript.push(other);
                    self.transcript_events.push(first + i);
                }
            }
        }
    }

    /// The save key: changes whenever something worth saving happened.
    fn key(&self) -> (usize, usize, usize, usize, bool) {
        (
            self.runner.state().actions_taken(),
            self.runner.decisions().len(),
            self.runner.state().pauses_taken(),
            self.notes.len(),
            self.is_paused(),
        )
    }

    /// Saves the drill if anything happened since the last save.
    pub fn save_if_changed(&mut self, file: &std::path::Path, now: u64) -> Result<(), String> {
        if self.key() == self.saved_key {
            return Ok(());
        }
        let saved = SavedDrill {
            path: self.path.clone(),
            title: self.runner.scenario().title.clone(),
            saved_at: now,
            state: self.runner.state().clone(),
            notes: self.notes.clone(),
            assessment: self.assessment.clone(),
        };
        store::save(file, &saved).map_err(|e| e.to_string())?;
        self.saved_key = self.key();
        Ok(())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<InterruptedDrill>()
        .init_resource::<ReportForm>()
        .add_systems(Startup, find_interrupted)
        .add_systems(
            Update,
            (
                handle_drill_intents.in_set(AppSystems::HandleIntents),
                follow_data_folder.after(AppSystems::HandleIntents).run_if(not(resource_exists::<ActiveDrill>)),
                advance_drill.in_set(AppSystems::Advance).run_if(resource_exists::<ActiveDrill>),
            ),
        );
}

/// Moves the drill in progress aside (never deleting it), saying where it went.
fn keep_aside(data: &DataDir, why: &str, now: u64) -> Result<Option<PathBuf>, String> {
    data.keep_in_progress_aside(why, now).map_err(|e| e.to_string())
}

/// The drill left unfinished in a data folder by a crash or a kill, if there is one.
pub(super) fn saved_drill_in(data: &DataDir) -> Option<Result<SavedDrill, String>> {
    let file = data.in_progress();
    file.exists().then(|| store::load::<SavedDrill>(&file, "saved drill").map_err(|e| e.to_string()))
}

/// Looks for a drill left unfinished by a crash or a kill.
fn find_interrupted(folders: Res<Folders>, settings: Res<Settings>, mut interrupted: ResMut<InterruptedDrill>) {
    interrupted.0 = saved_drill_in(&settings.data_dir(&folders));
}

/// Looks again when Settings point to another data folder: the drill offered for resume is the
/// one saved there, or none.
fn follow_data_folder(
    folders: Res<Folders>,
    settings: Res<Settings>,
    mut seen: Local<Option<DataDir>>,
    mut interrupted: ResMut<InterruptedDrill>,
) {
    if !settings.is_changed() {
        return;
    }
    let data = settings.data_dir(&folders);
    if seen.as_ref() == Some(&data) {
        return;
    }
    // The first time, `find_interrupted` has just looked in this folder.
    if seen.replace(data.clone()).is_some() {
        interrupted.0 = saved_drill_in(&data);
    }
}

fn handle_drill_intents(
    mut commands: Commands,
    mut intents: MessageReader<Intent>,
    tr: Res<Tr>,
    drill: Option<ResMut<ActiveDrill>>,
    library: Res<Library>,
    selected: Res<SelectedScenario>,
    settings: Res<Settings>,
    folders: Res<Folders>,
    clock: Res<Clock>,
    mut interrupted: ResMut<InterruptedDrill>,
    mut form: ResMut<ReportForm>,
    finished: Option<Res<FinishedDrill>>,
    screen: Res<State<Screen>>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let mut drill = drill;
    let data = settings.data_dir(&folders);
    for intent in intents.read() {
        let now = clock.now();
        let start = match intent {
            Intent::Start(seed) => selected.0.clone().map(|path| (path, *seed, None)),
            Intent::PlayAgain { same_seed } => {
                finished.as_ref().map(|f| (f.path.clone(), same_seed.then_some(f.seed), None))
            }
            Intent::StartAssessment(id) => match super::assessment::next_drill(&library, id, &settings.trainee, &tr) {
                Ok(next) => Some(next),
                Err(e) => {
                    notice.0 = Some(e);
                    None
                }
            },
            _ => None,
        };
        match intent {
            Intent::Start(_) | Intent::PlayAgain { .. } | Intent::StartAssessment(_) => {
                let Some((path, seed, assessment)) = start else { continue };
                // A drill of an assessment that was interrupted is resumed, never replaced.
                if matches!(&interrupted.0, Some(Ok(saved)) if saved.assessment.is_some()) {
                    notice.0 = Some(tr.t("app-assessment-resume-first"));
                    continue;
                }
                // A data folder that cannot take the results is found now, not after the drill.
                if let Err(e) = store::check_writable(&data.debriefs()) {
                    notice.0 = Some(tr.t_text("app-data-unwritable", &[("error", &e)]));
                    continue;
                }
                // A drill waiting to be resumed is never overwritten by a new one.
                if interrupted.0.is_some() {
                    match keep_aside(&data, "interrupted", now) {
                        Ok(Some(kept)) => {
                            notice.0 = Some(tr.t_text("app-kept-interrupted", &[("file", &kept.display())]));
                        }
                        Ok(None) => {}
                        Err(e) => {
                            notice.0 = Some(e);
                            continue;
                        }
                    }
                    interrupted.0 = None;
                }
                let Some(scenario) = library.playable(&path) else {
                    notice.0 = Some(tr.t_text("app-scenario-gone", &[("file", &path)]));
                    next.set(Screen::Library);
                    continue;
                };
                let seed = seed.unwrap_or(now % 1_000_000);
                match ActiveDrill::start(scenario, path, seed, &settings.trainee, now) {
                    Ok(mut active) => {
                        active.assessment = assessment;
                        *form = ReportForm::default();
                        commands.insert_resource(active);
                        next.set(Screen::Drill);
                    }
                    Err(e) => notice.0 = Some(e),
                }
            }
            Intent::ResumeSaved => {
                let Some(Ok(saved)) = &interrupted.0 else { continue };
                let resumed = library
                    .playable(&saved.path)
                    .ok_or_else(|| tr.t_text("app-resume-scenario-gone", &[("file", &saved.path)]))
                    .and_then(|scenario| ActiveDrill::resume(scenario, saved, now));
                match resumed {
                    Ok(active) => {
                        *form = ReportForm::default();
                        commands.insert_resource(active);
                        interrupted.0 = None;
                        next.set(Screen::Drill);
                    }
                    Err(e) => interrupted.0 = Some(Err(e)),
                }
            }
            Intent::DiscardSaved if matches!(&interrupted.0, Some(Ok(saved)) if saved.assessment.is_some()) => {
                notice.0 = Some(tr.t("app-assessment-resume-first"));
            }
            Intent::DiscardSaved => {
                // Kept aside rather than deleted: a facilitator may still want it.
                if let Err(e) = keep_aside(&data, "discarded", now) {
                    notice.0 = Some(e);
                }
                interrupted.0 = None;
            }
            Intent::Abandon if drill.as_ref().is_some_and(|d| d.assessment.is_some()) => {
                notice.0 = Some(tr.t("app-assessment-no-stop"));
            }
            Intent::Abandon if drill.is_some() => {
                match keep_aside(&data, "abandoned", now) {
                    Ok(Some(kept)) => notice.0 = Some(tr.t_text("app-kept-stopped", &[("file", &kept.display())])),
                    Ok(None) => {}
                    Err(e) => notice.0 = Some(e),
                }
                commands.remove_resource::<ActiveDrill>();
                drill = None;
                next.set(Screen::Library);
            }
            Intent::AddNote { author, text, .. } if *screen.get() == Screen::Drill => {
                if let Some(drill) = drill.as_mut()
                    && !text.trim().is_empty()
                {
                    let decision = drill.runner.decision_number();
                    let author = if author.trim().is_empty() { "facilitator" } else { author.trim() };
                    drill.notes.push(PendingNote {
                        decision,
                        author: author.into(),
                        text: text.trim().into(),
                        written_at: now,
                    });
                    form.note.clear();
                }
            }
            Intent::Choose(_) | Intent::Submit(_) | Intent::Reveal(_) | Intent::Flag(..) | Intent::TogglePause => {
                if let Some(drill) = drill.as_mut() {
                    if *intent == Intent::TogglePause && drill.assessment.is_some() && !drill.is_paused() {
                        drill.problem = Some(tr.t("drill-no-pause"));
                        continue;
                    }
                    drill.apply(intent, now);
                    if matches!(intent, Intent::Submit(_)) && drill.problem.is_none() {
                        *form = ReportForm::default();
                    }
                }
            }
            _ => {}
        }
    }
}

/// Lets drill time pass, saves after every change, and finishes the drill at its ending.
fn advance_drill(
    mut commands: Commands,
    mut drill: ResMut<ActiveDrill>,
    library: Res<Library>,
    settings: Res<Settings>,
    folders: Res<Folders>,
    clock: Res<Clock>,
    sender: Res<super::sending::Sender>,
    tr: Res<super::i18n::Tr>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = clock.now();
    // Only touch the resource (and so wake the UI) when time changes something.
    if drill.due_in(now) == Some(0) {
        drill.tick(now);
    }
    let data = settings.data_dir(&folders);
    let file = data.in_progress();
    if !drill.is_over() {
        if let Err(e) = drill.bypass_change_detection().save_if_changed(&file, now) {
            notice.0 = Some(e);
        }
        return;
    }
    let scenario = Arc::clone(drill.runner.scenario());
    let Some(mut debrief) = drill.runner.debrief(WallMs(now)) else { return };
    debrief.assessment = drill.assessment.as_ref().map(|a| a.id.clone());
    for note in &drill.notes {
        let last = debrief.decisions.len().max(1);
        let at = note.decision.min(last).to_string();
        if let Err(e) = debrief.add_note(&at, &note.author, &note.text, note.written_at) {
            warn!("an evaluator note could not be pinned: {e}");
        }
    }
    let review = Review::build(&scenario, &debrief, &library.catalog_for(&debrief.trainee));
    let files = store::save_drill(&data.debriefs(), &debrief, &review).map_err(|e| e.to_string());
    match &files {
        Ok(saved) => {
            let _ = std::fs::remove_file(&file);
            // What a drill killed while saving left behind: its missing reviews, its temporaries.
            store::complete_reviews(&data.debriefs(), &scenario, &library.catalog_for(&debrief.trainee));
            store::remove_stale_temporaries(&data.debriefs(), std::time::Duration::from_secs(3600));
            // Queued for the LRS beside the debrief, and sent in the background.
            match super::sending::queue_drill(&settings.lrs, &data, &saved.debrief, &debrief, &scenario) {
                Ok(()) => sender.wake(),
                Err(e) => notice.0 = Some(tr.t_text("app-lrs-not-queued", &[("why", &e)])),
            }
        }
        Err(_) => {
            if let Err(e) = drill.save_if_changed(&file, now) {
                notice.0 = Some(e);
            }
        }
    }
    commands.remove_resource::<ActiveDrill>();
    // A drill played for an assessment holds its review back: the set's screen says how far the
    // trainee is, and shows the results once every drill of the set is done.
    if let Some(set) = &drill.assessment {
        if let Err(e) = &files {
            notice.0 = Some(tr.t_text("app-assessment-not-saved", &[("error", e)]));
        }
        commands.insert_resource(super::assessment::ShownAssessment(Some(set.id.clone())));
        next.set(Screen::Assessment);
        return;
    }
    commands.insert_resource(FinishedDrill {
        review,
        files,
        path: drill.path.clone(),
        seed: debrief.seed,
        debrief,
        scenario,
    });
    next.set(Screen::Review);
}

/// The written answer being typed (UI state, not drill state).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportForm {
    /// What happened.
    pub description: String,
    /// Who and what is affected.
    pub scope: String,
    /// What has been done.
    pub measures: String,
    /// A free-text answer.
    pub text: String,
    /// An evaluator's note, written while the drill is paused.
    pub note: String,
}

impl ReportForm {
    /// What the form holds, as the answer a node of this kind asks for (trimmed).
    pub fn answer(&self, kind: InputKind) -> Answer {
        match kind {
            InputKind::IncidentReport => Answer::Report {
                description: self.description.trim().to_owned(),
                scope: self.scope.trim().to_owned(),
                measures: self.measures.trim().to_owned(),
            },
            InputKind::FreeText => Answer::Text(self.text.trim().to_owned()),
        }
    }
}
