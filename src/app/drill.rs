//! The Drill screen: the drill in progress, run by the engine's [`Runner`] on the app's clock, saved
//! after every decision so a crash loses nothing; and the agent's desk that shows it (transcript by
//! channel, caller card, CRM record with masked fields, messages with their real link domain, a
//! complaint queue, numbered choices with a countdown, the incident-report form, the pause).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::egui;
use serde::{Deserialize, Serialize};

use super::i18n::Tr;
use super::library::{Library, SelectedScenario, saved_drill_file};
use super::review::Finished;
use super::settings::Settings;
use super::{AppSystems, Clock, Folders, Intent, Notice, Screen};
use crate::engine::model::{Artefact, Channel, InputKind, Outcome, Role, Scenario};
use crate::engine::review::{Review, clock};
use crate::engine::runner::{Action, Answer, DrillState, Event, Logged, Pick, Runner};
use crate::engine::store;

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
pub struct Interrupted(pub Option<Result<SavedDrill, String>>);

/// The drill being played.
#[derive(Resource, Clone, Debug)]
pub struct ActiveDrill {
    /// The scenario as it was when the drill started (a later edit of the file does not touch it).
    pub scenario: Arc<Scenario>,
    /// Its file, inside the scenario folder.
    pub path: String,
    /// The runner's state.
    pub state: DrillState,
    /// Everything shown so far, in order.
    pub transcript: Vec<Entry>,
    /// Artefacts on the desk, in the order they appeared, with their drill time.
    pub artefacts: Vec<(u64, Artefact)>,
    /// Where in the transcript the current decision started (injects after it are "new").
    pub since_decision: usize,
    /// The last refusal from the runner, shown to the trainee.
    pub problem: Option<String>,
    /// Evaluator notes written during the drill.
    pub notes: Vec<PendingNote>,
    /// What was last saved: number of actions, decisions, pauses, notes, paused or not.
    saved_key: (usize, usize, usize, usize, bool),
}

/// Who speaks, as the caller card shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Their name.
    pub name: String,
    /// Customer, attacker (shown to the trainee as a caller), colleague…
    pub role: Role,
    /// The number or address the agent's screen shows.
    pub caller_id: Option<String>,
    /// What the agent's screen says about them.
    pub note: Option<String>,
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// Someone speaks or writes.
    Line {
        /// Drill time.
        t: u64,
        /// Over which channel.
        channel: Channel,
        /// Who.
        speaker: Option<Speaker>,
        /// What.
        text: String,
        /// Arrived as an interruption.
        inject: bool,
    },
    /// The trainee's choice.
    You {
        /// Drill time.
        t: u64,
        /// The choice's text.
        text: String,
        /// Taken because time ran out.
        timed_out: bool,
    },
    /// The trainee handed in a written answer.
    Answered {
        /// Drill time.
        t: u64,
    },
    /// The trainee revealed a masked field.
    Revealed {
        /// Drill time.
        t: u64,
        /// The field.
        field: String,
    },
    /// The drill ended.
    Ended {
        /// Drill time.
        t: u64,
        /// The ending's title.
        title: String,
        /// Its outcome.
        outcome: Outcome,
    },
}

impl ActiveDrill {
    /// Starts a drill.
    pub fn start(scenario: Arc<Scenario>, path: String, seed: u64, trainee: &str, now: u64) -> Result<Self, String> {
        let runner = Runner::start(&scenario, seed, trainee, now).map_err(|e| e.to_string())?;
        let state = runner.state().clone();
        Ok(Self::with_state(scenario, path, state))
    }

    /// Takes up a saved drill: refuses it if the scenario file changed since; the time between the
    /// save and now counts as a pause.
    pub fn resume(scenario: Arc<Scenario>, saved: &SavedDrill, now: u64) -> Result<Self, String> {
        let mut runner = Runner::restore(&scenario, saved.state.clone()).map_err(|e| e.to_string())?;
        if !runner.is_paused() {
            runner.pause(saved.saved_at.max(runner.state().started_at));
            runner.resume(now);
        }
        let mut state = runner.state().clone();
        state.taken = 0;
        let mut drill = Self::with_state(scenario, saved.path.clone(), state);
        drill.notes.clone_from(&saved.notes);
        Ok(drill)
    }

    fn with_state(scenario: Arc<Scenario>, path: String, state: DrillState) -> Self {
        let mut drill = Self {
            scenario,
            path,
            state,
            transcript: Vec::new(),
            artefacts: Vec::new(),
            since_decision: 0,
            problem: None,
            notes: Vec::new(),
            saved_key: (usize::MAX, 0, 0, 0, false),
        };
        drill.absorb();
        drill
    }

    /// Runs `f` on the runner, then takes its new events into the transcript.
    fn run<R>(&mut self, f: impl FnOnce(&mut Runner<'_>) -> R) -> R {
        let scenario = self.scenario.clone();
        let result = Runner::with_state(&scenario, &mut self.state, f);
        self.absorb();
        result
    }

    /// Applies one intent of the Drill screen at wall-clock `now`.
    pub fn apply(&mut self, intent: &Intent, now: u64) {
        let result = match intent {
            Intent::Choose(i) => self.run(|r| r.choose(&Pick::Index(*i), now)),
            Intent::Submit(answer) => self.run(|r| r.submit(answer.clone(), now)),
            Intent::Reveal(field) => self.run(|r| r.reveal(field, now)),
            Intent::TogglePause => {
                self.run(|r| if r.is_paused() { r.resume(now) } else { r.pause(now) });
                Ok(())
            }
            _ => return,
        };
        self.problem = result.err().map(|e| e.to_string());
    }

    /// Lets time pass: a timeout or a delayed inject may fire.
    pub fn tick(&mut self, now: u64) {
        if let Err(e) = self.run(|r| r.tick(now)) {
            self.problem = Some(e.to_string());
        }
    }

    /// Milliseconds until time changes something (an inject or a timeout), while the clock runs.
    pub fn due_in(&self, now: u64) -> Option<u64> {
        if self.is_paused() || self.is_over() {
            return None;
        }
        let due = self.state.next_due(&self.scenario)?;
        Some(due.saturating_sub(self.state.drill_time(now)))
    }

    /// Is the drill over?
    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }

    /// Is the clock stopped?
    pub fn is_paused(&self) -> bool {
        self.state.is_paused()
    }

    /// Drill time at `now`.
    pub fn drill_time(&self, now: u64) -> u64 {
        self.state.drill_time(now)
    }

    fn speaker(&self, id: Option<&crate::engine::model::CastId>) -> Option<Speaker> {
        let member = self.scenario.cast.get(id?)?;
        let fill = |t: &str| crate::engine::text::fill(t, &self.state.fills);
        Some(Speaker {
            name: fill(&member.name),
            role: member.role,
            caller_id: member.caller_id.as_deref().map(fill),
            note: member.note.as_deref().map(fill),
        })
    }

    /// Moves the runner's new events into the transcript and the desk.
    fn absorb(&mut self) {
        let scenario = self.scenario.clone();
        let events: Vec<Logged> = Runner::with_state(&scenario, &mut self.state, |r| r.take_events());
        for Logged { t, event } in events {
            let entry = match event {
                Event::Line { speaker, channel, text, .. } => {
                    Entry::Line { t, channel, speaker: self.speaker(speaker.as_ref()), text, inject: false }
                }
                Event::Inject { speaker, channel, text, .. } => {
                    Entry::Line { t, channel, speaker: self.speaker(speaker.as_ref()), text, inject: true }
                }
                Event::Artefact { artefact, .. } => {
                    self.artefacts.push((t, artefact));
                    continue;
                }
                Event::Choices { .. } | Event::Input { .. } => {
                    self.since_decision = self.transcript.len();
                    continue;
                }
                Event::Chose { ref choice, .. } | Event::TimedOut { ref choice, .. } => {
                    let timed_out = matches!(event, Event::TimedOut { .. });
                    let text = scenario
                        .choice(choice)
                        .map(|(_, c)| c.text.clone())
                        .or_else(|| {
                            scenario
                                .nodes
                                .values()
                                .filter_map(|n| n.timeout.as_ref())
                                .find(|to| to.then.id == *choice)
                                .map(|to| to.then.text.clone())
                        })
                        .unwrap_or_else(|| choice.to_string());
                    Entry::You { t, text: crate::engine::text::fill(&text, &self.state.fills), timed_out }
                }
                Event::Answered { .. } => Entry::Answered { t },
                Event::Revealed { field, .. } => Entry::Revealed { t, field },
                Event::Ended { ending, outcome } => {
                    let title = scenario.endings.get(&ending).map_or_else(|| ending.to_string(), |e| e.title.clone());
                    Entry::Ended { t, title, outcome }
                }
            };
            self.transcript.push(entry);
        }
    }

    /// The save key: changes whenever something worth saving happened.
    fn key(&self) -> (usize, usize, usize, usize, bool) {
        (
            self.state.actions.len(),
            self.state.decisions.len(),
            self.state.pauses.len(),
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
            title: self.scenario.title.clone(),
            saved_at: now,
            state: self.state.clone(),
            notes: self.notes.clone(),
        };
        store::save(file, &saved).map_err(|e| e.to_string())?;
        self.saved_key = self.key();
        Ok(())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Interrupted>()
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

/// Renames a saved drill to `in-progress.<why>-<stamp>.ron` beside it; `None` when there was none.
fn keep_aside(file: &std::path::Path, why: &str, now: u64) -> Result<Option<PathBuf>, String> {
    if !file.exists() {
        return Ok(None);
    }
    let kept = file.with_file_name(format!("in-progress.{why}-{}.ron", store::file_stamp(now)));
    std::fs::rename(file, &kept).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Some(kept))
}

/// The drill left unfinished in a data folder by a crash or a kill, if there is one.
fn saved_drill_in(data: &std::path::Path) -> Option<Result<SavedDrill, String>> {
    let file = saved_drill_file(data);
    file.exists().then(|| store::load::<SavedDrill>(&file, "saved drill").map_err(|e| e.to_string()))
}

/// Looks for a drill left unfinished by a crash or a kill.
fn find_interrupted(folders: Res<Folders>, settings: Res<Settings>, mut interrupted: ResMut<Interrupted>) {
    interrupted.0 = saved_drill_in(&settings.data_dir(&folders));
}

/// Looks again when Settings point to another data folder: the drill offered for resume is the
/// one saved there, or none.
fn follow_data_folder(
    folders: Res<Folders>,
    settings: Res<Settings>,
    mut seen: Local<Option<PathBuf>>,
    mut interrupted: ResMut<Interrupted>,
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
    drill: Option<ResMut<ActiveDrill>>,
    library: Res<Library>,
    selected: Res<SelectedScenario>,
    settings: Res<Settings>,
    folders: Res<Folders>,
    clock: Res<Clock>,
    mut interrupted: ResMut<Interrupted>,
    mut form: ResMut<ReportForm>,
    finished: Option<Res<Finished>>,
    screen: Res<State<Screen>>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let mut drill = drill;
    for intent in intents.read() {
        let now = clock.now();
        let start = match intent {
            Intent::Start(seed) => selected.0.clone().map(|path| (path, *seed)),
            Intent::PlayAgain { same_seed } => finished.as_ref().map(|f| (f.path.clone(), same_seed.then_some(f.seed))),
            _ => None,
        };
        match intent {
            Intent::Start(_) | Intent::PlayAgain { .. } => {
                let Some((path, seed)) = start else { continue };
                // A drill waiting to be resumed is never overwritten by a new one.
                if interrupted.0.is_some() {
                    let file = saved_drill_file(&settings.data_dir(&folders));
                    match keep_aside(&file, "interrupted", now) {
                        Ok(Some(kept)) => {
                            notice.0 = Some(format!("the interrupted drill was kept as {}", kept.display()));
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
                    notice.0 = Some(format!("{path}: the scenario has errors or is gone; see the library"));
                    next.set(Screen::Library);
                    continue;
                };
                let seed = seed.unwrap_or(now % 1_000_000);
                match ActiveDrill::start(scenario, path, seed, &settings.trainee, now) {
                    Ok(active) => {
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
                    .ok_or_else(|| format!("{}: the scenario is not in the library or has errors", saved.path))
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
            Intent::DiscardSaved => {
                // Kept aside rather than deleted: a facilitator may still want it.
                let file = saved_drill_file(&settings.data_dir(&folders));
                if let Err(e) = keep_aside(&file, "discarded", now) {
                    notice.0 = Some(e);
                }
                interrupted.0 = None;
            }
            Intent::Abandon if drill.is_some() => {
                let file = saved_drill_file(&settings.data_dir(&folders));
                match keep_aside(&file, "abandoned", now) {
                    Ok(Some(kept)) => notice.0 = Some(format!("the drill was stopped; kept as {}", kept.display())),
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
                    let decision = drill.state.decisions.len() + 1;
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
            Intent::Choose(_) | Intent::Submit(_) | Intent::Reveal(_) | Intent::TogglePause => {
                if let Some(drill) = drill.as_mut() {
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
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = clock.now();
    // Only touch the resource (and so wake the UI) when time changes something.
    if drill.due_in(now) == Some(0) {
        drill.tick(now);
    }
    let data = settings.data_dir(&folders);
    let file = saved_drill_file(&data);
    if !drill.is_over() {
        if let Err(e) = drill.bypass_change_detection().save_if_changed(&file, now) {
            notice.0 = Some(e);
        }
        return;
    }
    let scenario = drill.scenario.clone();
    let Some(mut debrief) = Runner::with_state(&scenario, &mut drill.state, |r| r.debrief(now)) else { return };
    for note in &drill.notes {
        let last = debrief.decisions.len().max(1);
        let at = note.decision.min(last).to_string();
        if let Err(e) = debrief.add_note(&at, &note.author, &note.text, note.written_at) {
            warn!("an evaluator note could not be pinned: {e}");
        }
    }
    let review = Review::build(&scenario, &debrief, &library.catalog());
    let files = store::save_drill(&data.join("debriefs"), &debrief, &review).map_err(|e| e.to_string());
    if files.is_ok() {
        let _ = std::fs::remove_file(&file);
    } else if let Err(e) = drill.save_if_changed(&file, now) {
        notice.0 = Some(e);
    }
    commands.insert_resource(Finished {
        review,
        files,
        path: drill.path.clone(),
        seed: debrief.seed,
        debrief,
        scenario,
    });
    commands.remove_resource::<ActiveDrill>();
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

/// An artefact as the desk shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// A CRM record: fields as (label, value shown, still masked).
    Crm {
        /// Record title.
        title: String,
        /// Label, shown value, masked.
        fields: Vec<(String, String, bool)>,
    },
    /// An e-mail or SMS.
    Message {
        /// SMS rather than e-mail.
        sms: bool,
        /// Sender.
        from: String,
        /// Subject.
        subject: Option<String>,
        /// Body.
        body: String,
        /// The link: text, address, real domain.
        link: Option<(String, String, String)>,
    },
    /// A complaint queue, counted up to now.
    Queue {
        /// Label.
        label: String,
        /// Waiting now.
        count: u64,
        /// New per minute.
        per_minute: u32,
    },
    /// A note card.
    Note {
        /// Title.
        title: String,
        /// Body.
        body: String,
    },
}

/// What the trainee must do now.
#[derive(Clone, Debug, PartialEq)]
pub enum Waiting {
    /// Choose: the options, and the time left and allowed when the decision is timed.
    Choices {
        /// Option texts, in order.
        options: Vec<String>,
        /// Milliseconds left and allowed.
        countdown: Option<(u64, u64)>,
    },
    /// Write: an incident report or free text.
    Input {
        /// Which.
        kind: InputKind,
        /// The prompt.
        prompt: String,
    },
    /// Nothing (the drill is ending).
    Nothing,
}

/// What the Drill screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillView {
    /// Scenario title.
    pub title: String,
    /// Who plays.
    pub trainee: String,
    /// Drill time now.
    pub time_ms: u64,
    /// Stopped by the facilitator.
    pub paused: bool,
    /// Everything said and done so far.
    pub transcript: Vec<Entry>,
    /// Who is on the line now.
    pub on_the_line: Option<(Channel, Speaker)>,
    /// Artefacts, newest first.
    pub desk: Vec<Shown>,
    /// Interruptions that arrived during this decision.
    pub notifications: Vec<Entry>,
    /// What the trainee must do.
    pub waiting: Waiting,
    /// The runner's last refusal.
    pub problem: Option<String>,
    /// The number of the decision being faced, from 1.
    pub decision: usize,
    /// Evaluator notes written so far: decision number, author, text.
    pub notes: Vec<(usize, String, String)>,
}

/// The mask shown for a sensitive field until it is revealed.
pub const MASK: &str = "••••••";

/// Builds the Drill screen's view at wall-clock `now`.
pub fn drill_view(drill: &ActiveDrill, now: u64) -> DrillView {
    let (scenario, state) = (drill.scenario.as_ref(), &drill.state);
    let node = match &state.stage {
        crate::engine::runner::Stage::At(id) => scenario.nodes.get(id),
        crate::engine::runner::Stage::Ended(_) => None,
    };
    let (time_ms, options, deadline) = (state.drill_time(now), state.options(scenario), state.deadline(scenario));
    let revealed: BTreeSet<&str> = drill
        .state
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Reveal { field, .. } => Some(field.as_str()),
            _ => None,
        })
        .collect();
    let mut desk = Vec::new();
    let mut seen = BTreeSet::new();
    for (t, artefact) in drill.artefacts.iter().rev() {
        let shown = match artefact {
            Artefact::Crm(r) => Shown::Crm {
                title: r.title.clone(),
                fields: r
                    .fields
                    .iter()
                    .map(|f| {
                        let masked = f.sensitive && !revealed.contains(f.label.as_str());
                        (f.label.clone(), if masked { MASK.to_owned() } else { f.value.clone() }, masked)
                    })
                    .collect(),
            },
            Artefact::Email(m) | Artefact::Sms(m) => Shown::Message {
                sms: matches!(artefact, Artefact::Sms(_)),
                from: m.from.clone(),
                subject: m.subject.clone(),
                body: m.body.clone(),
                link: m.link.as_ref().map(|l| (l.text.clone(), l.href.clone(), l.real_domain().to_owned())),
            },
            Artefact::Queue(q) => Shown::Queue {
                label: q.label.clone(),
                count: u64::from(q.count) + u64::from(q.per_minute) * time_ms.saturating_sub(*t) / 60_000,
                per_minute: q.per_minute,
            },
            Artefact::Note(n) => Shown::Note { title: n.title.clone(), body: n.body.clone() },
        };
        // A record shown again replaces the older copy.
        let key = match &shown {
            Shown::Crm { title, .. } => format!("crm:{title}"),
            Shown::Queue { label, .. } => format!("queue:{label}"),
            other => format!("{other:?}"),
        };
        if seen.insert(key) {
            desk.push(shown);
        }
    }
    let on_the_line = drill.transcript.iter().rev().find_map(|e| match e {
        Entry::Line { channel, speaker: Some(s), .. } if s.role != Role::System => Some((*channel, s.clone())),
        _ => None,
    });
    let notifications = drill
        .transcript
        .get(drill.since_decision..)
        .unwrap_or_default()
        .iter()
        .filter(|e| matches!(e, Entry::Line { inject: true, .. }))
        .cloned()
        .collect();
    let waiting = match node {
        _ if drill.is_over() => Waiting::Nothing,
        Some(n) if n.input.is_some() => {
            let input = n.input.as_ref().map(|i| (i.kind, crate::engine::text::fill(&i.prompt, &drill.state.fills)));
            input.map_or(Waiting::Nothing, |(kind, prompt)| Waiting::Input { kind, prompt })
        }
        Some(n) => Waiting::Choices {
            options: options.into_iter().map(|o| o.text).collect(),
            countdown: deadline.map(|d| {
                let allowed = n.timeout.as_ref().map_or(0, |to| u64::from(to.seconds) * 1000);
                (d.saturating_sub(time_ms), allowed)
            }),
        },
        None => Waiting::Nothing,
    };
    DrillView {
        title: drill.scenario.title.clone(),
        trainee: drill.state.trainee.clone(),
        time_ms,
        paused: drill.is_paused(),
        transcript: drill.transcript.clone(),
        on_the_line,
        desk,
        notifications,
        waiting,
        problem: drill.problem.clone(),
        decision: drill.state.decisions.len() + 1,
        notes: drill.notes.iter().map(|n| (n.decision, n.author.clone(), n.text.clone())).collect(),
    }
}

/// A channel's name with its mark, in the interface language.
pub fn channel_label(channel: Channel, tr: &Tr) -> String {
    let (mark, id) = match channel {
        Channel::Call => ("📞", "channel-call"),
        Channel::Chat => ("💬", "channel-chat"),
        Channel::Email => ("✉", "channel-email"),
        Channel::Sms => ("📱", "channel-sms"),
        Channel::System => ("⚙", "channel-system"),
    };
    format!("{mark} {}", tr.t(id))
}

fn channel_colour(channel: Channel) -> egui::Color32 {
    match channel {
        Channel::Call => egui::Color32::from_rgb(0x1f, 0x6f, 0xb2),
        Channel::Chat => egui::Color32::from_rgb(0x2e, 0x8b, 0x57),
        Channel::Email => egui::Color32::from_rgb(0x7a, 0x4e, 0xa3),
        Channel::Sms => egui::Color32::from_rgb(0xb8, 0x6e, 0x00),
        Channel::System => egui::Color32::from_rgb(0x55, 0x5f, 0x6b),
    }
}

fn role_label(role: Role, tr: &Tr) -> String {
    tr.t(match role {
        // The trainee must not be told who is an attacker: an attacker shows as a caller.
        Role::Customer | Role::Attacker => "role-caller",
        Role::Colleague => "role-colleague",
        Role::Supervisor => "role-supervisor",
        Role::System => "role-system",
        Role::Other => "role-other",
    })
}

const NUMBER_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// Draws the Drill screen; number keys 1–9 choose and P pauses while no text field has the focus.
pub fn draw_drill(ui: &mut egui::Ui, view: &DrillView, form: &mut ReportForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let typing = ui.ctx().egui_wants_keyboard_input();
    if !typing {
        if ui.input(|i| i.key_pressed(egui::Key::P)) {
            intent = Some(Intent::TogglePause);
        }
        if let (Waiting::Choices { options, .. }, false) = (&view.waiting, view.paused) {
            for (i, key) in NUMBER_KEYS.iter().enumerate().take(options.len()) {
                if ui.input(|inp| inp.key_pressed(*key)) {
                    intent = Some(Intent::Choose(i));
                }
            }
        }
    }
    egui::Panel::top("drill-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label(egui::RichText::new(clock(view.time_ms)).monospace().strong().size(16.0));
            ui.separator();
            ui.strong(&view.title);
            ui.separator();
            ui.label(tr.t_args("drill-trainee", &[("trainee", view.trainee.clone().into())]));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = if view.paused { tr.t("drill-resume") } else { tr.t("drill-pause") };
                if ui.button(label).clicked() {
                    intent = Some(Intent::TogglePause);
                }
                if (view.paused || view.problem.is_some())
                    && ui.button(tr.t("drill-abandon")).on_hover_text(tr.t("drill-abandon-hint")).clicked()
                {
                    intent = Some(Intent::Abandon);
                }
            });
        });
    });
    egui::Panel::right("desk").resizable(true).default_size(400.0).show(ui, |ui| {
        ui.heading(tr.t("drill-desk"));
        egui::ScrollArea::vertical().id_salt("desk-scroll").show(ui, |ui| {
            if view.desk.is_empty() {
                ui.weak(tr.t("drill-desk-empty"));
            }
            for shown in &view.desk {
                if let Some(i) = draw_artefact(ui, shown, tr) {
                    intent = Some(i);
                }
                ui.add_space(6.0);
            }
        });
    });
    egui::Panel::bottom("answer").show(ui, |ui| {
        ui.add_space(6.0);
        if view.paused {
            ui.vertical_centered(|ui| {
                ui.heading(tr.t("drill-paused"));
                ui.label(tr.t("drill-paused-hint"));
            });
            ui.add_space(6.0);
            for (decision, author, text) in &view.notes {
                ui.weak(format!("{decision}. {author}: {text}"));
            }
            ui.horizontal(|ui| {
                ui.label(tr.t_args("drill-note", &[("decision", view.decision.into())]));
                ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(ui.available_width() - 160.0));
                if ui.button(tr.t("review-note-pin")).clicked() {
                    intent = Some(Intent::AddNote {
                        decision: view.decision,
                        author: String::new(),
                        text: form.note.clone(),
                    });
                }
            });
        } else if let Some(i) = draw_answer(ui, view, form, tr) {
            intent = Some(i);
        }
        if let Some(problem) = &view.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some((channel, s)) = &view.on_the_line {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.colored_label(channel_colour(*channel), channel_label(*channel, tr));
                    ui.strong(&s.name);
                    ui.weak(role_label(s.role, tr));
                });
                if let Some(id) = &s.caller_id {
                    ui.label(tr.t_args("drill-caller-id", &[("id", id.clone().into())]));
                }
                if let Some(note) = &s.note {
                    ui.weak(note);
                }
            });
        }
        for note in &view.notifications {
            if let Entry::Line { channel, speaker, text, .. } = note {
                egui::Frame::new()
                    .fill(egui::Color32::from_rgb(0xff, 0xf4, 0xd6))
                    .stroke(egui::Stroke::new(1.0, egui::Color32::from_rgb(0xd9, 0xa4, 0x00)))
                    .inner_margin(6.0)
                    .corner_radius(4.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let who = speaker.as_ref().map_or_else(String::new, |s| s.name.clone());
                        ui.strong(tr.t_args(
                            "drill-notification",
                            &[("channel", channel_label(*channel, tr).into()), ("who", who.into())],
                        ));
                        ui.colored_label(egui::Color32::from_rgb(0x40, 0x30, 0x00), text);
                    });
            }
        }
        ui.add_space(4.0);
        egui::ScrollArea::vertical().id_salt("transcript").stick_to_bottom(true).auto_shrink([false, false]).show(
            ui,
            |ui| {
                for entry in &view.transcript {
                    draw_entry(ui, entry, tr);
                }
            },
        );
    });
    intent
}

fn draw_entry(ui: &mut egui::Ui, entry: &Entry, tr: &Tr) {
    match entry {
        Entry::Line { t, channel, speaker, text, inject } => {
            let colour = channel_colour(*channel);
            egui::Frame::new()
                .stroke(egui::Stroke::new(if *inject { 2.0 } else { 1.0 }, colour))
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.weak(clock(*t));
                        ui.colored_label(colour, channel_label(*channel, tr));
                        if let Some(s) = speaker {
                            ui.strong(&s.name);
                        }
                        if *inject {
                            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x6a, 0x00), tr.t("drill-new"));
                        }
                    });
                    ui.label(text);
                });
        }
        Entry::You { t, text, timed_out } => {
            ui.horizontal_wrapped(|ui| {
                ui.weak(clock(*t));
                if *timed_out {
                    ui.colored_label(ui.visuals().error_fg_color, tr.t("drill-timed-out"));
                } else {
                    ui.strong(tr.t("drill-you"));
                }
                ui.label(egui::RichText::new(text).italics());
            });
        }
        Entry::Answered { t } => {
            ui.horizontal(|ui| {
                ui.weak(clock(*t));
                ui.strong(tr.t("drill-answered"));
            });
        }
        Entry::Revealed { t, field } => {
            ui.horizontal(|ui| {
                ui.weak(clock(*t));
                ui.label(tr.t_args("drill-revealed", &[("field", field.clone().into())]));
            });
        }
        Entry::Ended { t, title, .. } => {
            ui.horizontal(|ui| {
                ui.weak(clock(*t));
                ui.strong(title);
            });
        }
    }
    ui.add_space(4.0);
}

fn draw_artefact(ui: &mut egui::Ui, shown: &Shown, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        match shown {
            Shown::Crm { title, fields } => {
                ui.strong(format!("🗂 {}", tr.t_args("drill-crm", &[("title", title.clone().into())])));
                egui::Grid::new(("crm", title)).num_columns(3).striped(true).show(ui, |ui| {
                    for (label, value, masked) in fields {
                        ui.label(label);
                        ui.label(egui::RichText::new(value).monospace());
                        if *masked {
                            if ui.small_button(tr.t("drill-reveal")).on_hover_text(tr.t("drill-reveal-hint")).clicked()
                            {
                                intent = Some(Intent::Reveal(label.clone()));
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
            }
            Shown::Message { sms, from, subject, body, link } => {
                let kind = if *sms { tr.t("drill-sms") } else { tr.t("drill-email") };
                ui.strong(kind);
                ui.label(tr.t_args("drill-from", &[("from", from.clone().into())]));
                if let Some(subject) = subject {
                    ui.label(tr.t_args("drill-subject", &[("subject", subject.clone().into())]));
                }
                ui.separator();
                ui.label(body);
                if let Some((text, href, domain)) = link {
                    // Hovering shows where the link really goes, as a mail client's status bar would.
                    ui.link(text).on_hover_text(tr.t_args(
                        "drill-link-hover",
                        &[("href", href.clone().into()), ("domain", domain.clone().into())],
                    ));
                }
            }
            Shown::Queue { label, count, per_minute } => {
                ui.strong(label);
                ui.label(egui::RichText::new(count.to_string()).size(28.0).strong().color(ui.visuals().warn_fg_color));
                ui.weak(tr.t_args("drill-queue-rate", &[("rate", (*per_minute).into())]));
            }
            Shown::Note { title, body } => {
                ui.strong(title);
                ui.label(body);
            }
        }
    });
    intent
}

fn draw_answer(ui: &mut egui::Ui, view: &DrillView, form: &mut ReportForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    match &view.waiting {
        Waiting::Choices { options, countdown } => {
            if let Some((left, allowed)) = countdown {
                // The bar moves with the seconds shown, so it changes only when they do.
                let secs = left.div_ceil(1000);
                #[expect(clippy::cast_precision_loss, reason = "milliseconds of a countdown fit an f32")]
                let fraction = if *allowed == 0 { 0.0 } else { (secs * 1000) as f32 / *allowed as f32 };
                let colour = if fraction < 0.25 {
                    egui::Color32::from_rgb(0xc0, 0x39, 0x2b)
                } else {
                    egui::Color32::from_rgb(0xe6, 0x7e, 0x22)
                };
                ui.add(
                    egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                        .fill(colour)
                        .text(tr.t_args("drill-countdown", &[("seconds", secs.into())])),
                );
                ui.add_space(4.0);
            }
            ui.label(tr.t("drill-choose"));
            ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                for (i, text) in options.iter().enumerate() {
                    let label = format!("{}.  {}", i + 1, text);
                    let button =
                        egui::Button::new(egui::RichText::new(label).size(15.0)).wrap().min_size(egui::vec2(0.0, 30.0));
                    if ui.add(button).clicked() {
                        intent = Some(Intent::Choose(i));
                    }
                }
            });
        }
        Waiting::Input { kind, prompt } => {
            ui.strong(prompt);
            match kind {
                InputKind::IncidentReport => {
                    for (field, id) in [
                        (&mut form.description, "report-description"),
                        (&mut form.scope, "report-scope"),
                        (&mut form.measures, "report-measures"),
                    ] {
                        ui.label(tr.t(id));
                        ui.add(egui::TextEdit::multiline(field).desired_rows(2).desired_width(f32::INFINITY));
                    }
                }
                InputKind::FreeText => {
                    ui.add(egui::TextEdit::multiline(&mut form.text).desired_rows(4).desired_width(f32::INFINITY));
                }
            }
            if ui.button(tr.t("report-submit")).clicked() {
                intent = Some(Intent::Submit(form.answer(*kind)));
            }
        }
        Waiting::Nothing => {}
    }
    intent
}
