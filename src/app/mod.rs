//! The desktop drill app (Bevy + egui): Library -> Briefing -> Drill -> Review, plus Team review
//! and Settings.
//!
//! The app is two plugins. [`core_plugin`] holds everything but drawing: the screens as one
//! `States` enum, scenarios as hot-reloaded assets, the drill in progress (saved after every
//! decision), the finished drill's files and review, and the settings. It reacts only to
//! [`Intent`] messages, so the headless tests drive it exactly as the UI does. [`ui::plugin`](ui) draws
//! each screen with egui: plain `draw_*` functions that read a view and return an intent.

pub mod assessment;
pub mod briefing;
pub mod drill;
pub mod drill_ui;
pub mod i18n;
pub mod library;
pub mod library_ui;
pub mod live;
pub mod live_ui;
pub mod review;
pub mod sending;
pub mod settings;
pub mod team;
pub mod tour;
pub mod ui;

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bevy::asset::{AssetMetaCheck, AssetPlugin};
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::WinitSettings;

use crate::engine::debrief::Answer;
use crate::engine::model::Spot;

/// What the app was asked to open.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// The scenario folder (default `scenarios`).
    pub scenarios: PathBuf,
    /// `--data-dir` / `HOTWASH_DATA_DIR`: overrides the data folder of the settings.
    pub data_dir: Option<PathBuf>,
    /// Where the settings are kept (default: the platform's config folder).
    pub settings_file: Option<PathBuf>,
    /// The interface language for this run, over the settings'.
    pub lang: Option<i18n::Lang>,
    /// A scenario (path inside the folder) to open straight into its drill.
    pub open: Option<String>,
    /// The seed for `open`.
    pub seed: Option<u64>,
    /// Walk every screen with a scripted drill, save a PNG of each into this folder, and quit.
    pub tour: Option<PathBuf>,
    /// For the screenshot test: leave the Chinese font out, to prove it is what draws Chinese.
    pub without_cjk_font: bool,
    /// Host or join a live session straight away (`--host`, `--join`).
    pub session: Option<live::StartSession>,
    /// With `tour` and `session`: seconds to let the session run before the screenshot.
    pub tour_after: u64,
}

/// The screens.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Every scenario, grouped by category, with search and filters.
    #[default]
    Library,
    /// The chosen scenario's briefing.
    Briefing,
    /// The drill being played.
    Drill,
    /// The after-action review of the drill just played.
    Review,
    /// Trainee, language, text size, data folder.
    Settings,
    /// Every debrief in the data folder side by side.
    Team,
    /// An assessment set: what it is, how far the trainee is, and the results once it is done.
    Assessment,
    /// A live session: host one (the facilitator's console) or join one.
    Session,
}

/// Everything a person can ask of the app; the UI sends these and the core acts on them.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Intent {
    /// Go to a screen (library or settings, from the top bar).
    Go(Screen),
    /// Library: open a scenario's briefing (its path in the folder).
    OpenBriefing(String),
    /// Library: the search text.
    Search(String),
    /// Library: show one category (its key), or all.
    FilterCategory(Option<String>),
    /// Library: show one scenario language, or all.
    FilterLanguage(Option<String>),
    /// Library: look for new scenario files.
    Rescan,
    /// Library: resume the drill that was interrupted.
    ResumeSaved,
    /// Library: throw away the interrupted drill.
    DiscardSaved,
    /// Briefing: start the drill (with a seed, or a new one).
    Start(Option<u64>),
    /// Drill: choose the option at this position (from 0).
    Choose(usize),
    /// Drill: hand in the written answer.
    Submit(Answer),
    /// Drill: reveal a masked CRM field (its label).
    Reveal(String),
    /// Drill: flag part of a line or an artefact as suspicious (the runner's event index).
    Flag(usize, Spot),
    /// Drill: the facilitator's pause, or resume.
    TogglePause,
    /// Drill: stop without a review (the drill so far is kept aside in the data folder).
    Abandon,
    /// Review: open a saved file in the system's viewer.
    OpenFile(PathBuf),
    /// Review: play the same drill again, with the same seed or a new one.
    PlayAgain {
        /// Keep the seed (same caller, same numbers, same random branches).
        same_seed: bool,
    },
    /// Review: an evaluator's grade of a written answer's checklist item.
    Grade {
        /// The written answer's decision number, from 1.
        decision: usize,
        /// The checklist item's id.
        item: String,
        /// Covered or not.
        covered: bool,
        /// Who grades.
        by: String,
    },
    /// Review: pin an evaluator's note to a decision (numbered from 1).
    AddNote {
        /// The decision's number.
        decision: usize,
        /// Who writes.
        author: String,
        /// The note.
        text: String,
    },
    /// Settings: keep these settings.
    SaveSettings(settings::Settings),
    /// The trainee's rating (1 to 5 stars) and comment on the drill just reviewed.
    Feedback {
        /// Stars.
        stars: u8,
        /// Comment.
        comment: String,
    },
    /// Show this track of the training path in the Library.
    SetTrack(String),
    /// Library: show an assessment set of the curriculum (its id).
    OpenAssessment(String),
    /// Assessment: play the set's next drill not played yet, with the trainee's seed of the set.
    StartAssessment(String),
    /// Send the drills waiting for the LRS now.
    SendNow,
    /// Send the drills the LRS refused again.
    RetryFailed,
    /// Team review: read the data folder again.
    TeamRefresh,
    /// Team review: read this folder of debriefs instead.
    TeamFolder(PathBuf),
    /// Team review: show one debrief's review.
    OpenDebrief(PathBuf),
    /// Team review: show pseudonyms instead of names.
    TeamPseudonymize(bool),
    /// Team review: write it to a file in the data folder.
    TeamExport(team::Export),
    /// Session: host a live session as the form says.
    HostSession(live::HostForm),
    /// Session: join a live session.
    JoinSession(live::JoinForm),
    /// Session: the facilitator's request (pause, inject, note, end, a tie broken, a line said).
    Facilitate(crate::net::ToHost),
    /// Session: a participant's request to the host (a choice, a vote, a line said).
    Ask(crate::net::ToHost),
    /// Session: stop hosting, or leave the session.
    LeaveSession,
    /// Session: open the team review of the session's debriefs (their folder).
    OpenHotWash(PathBuf),
}

/// The clock the drill runs on: the wall clock, plus an offset tests can move.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct Clock {
    /// Milliseconds added to the wall clock.
    pub offset_ms: u64,
}

impl Clock {
    /// Wall-clock milliseconds since the Unix epoch, plus the offset.
    pub fn now(&self) -> u64 {
        let wall = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        u64::try_from(wall).unwrap_or(u64::MAX).saturating_add(self.offset_ms)
    }

    /// Moves the clock on (tests only need this; the app never does).
    pub fn advance(&mut self, by: Duration) {
        self.offset_ms += u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
    }
}

/// Where the scenarios are and where the app keeps its files.
#[derive(Resource, Clone, Debug)]
pub struct Folders {
    /// The scenario folder (absolute).
    pub scenarios: PathBuf,
    /// `--data-dir`, when given: wins over the settings.
    pub data_override: Option<PathBuf>,
    /// The settings file.
    pub settings_file: PathBuf,
}

/// A message for the person, shown in a bar at the top until dismissed by the next screen change.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Notice(pub Option<String>);

/// System sets of `Update`, in order: intents first, then the drill's clock.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// React to intents.
    HandleIntents,
    /// Let drill time pass.
    Advance,
}

/// Everything but drawing: screens, scenarios, the drill, settings. Needs `StatesPlugin` and
/// `AssetPlugin` (the headless tests add `MinimalPlugins` with those).
pub fn core_plugin(app: &mut App, options: &AppOptions) {
    let scenarios = std::path::absolute(&options.scenarios).unwrap_or_else(|_| options.scenarios.clone());
    let settings_file = options.settings_file.clone().unwrap_or_else(settings::default_file);
    app.insert_resource(Folders { scenarios, data_override: options.data_dir.clone(), settings_file })
        .init_resource::<Clock>()
        .init_resource::<Notice>()
        .init_state::<Screen>()
        .add_message::<Intent>()
        .configure_sets(Update, (AppSystems::HandleIntents, AppSystems::Advance).chain());
    settings::plugin(app, options.lang);
    sending::plugin(app);
    library::plugin(app);
    drill::plugin(app);
    assessment::plugin(app);
    review::plugin(app);
    team::plugin(app);
    live::plugin(app);
    if let Some(start) = &options.session {
        app.add_systems(Update, live::start_at_launch(start.clone()).in_set(AppSystems::HandleIntents));
    }
    if let (Some(open), None) = (&options.open, &options.tour) {
        let (open, seed) = (open.clone(), options.seed);
        app.add_systems(Update, open_at_start(open, seed).in_set(AppSystems::HandleIntents));
    }
}

/// How far `hotwash app --open` has got.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenStage {
    /// The library is still loading the file.
    Loading,
    /// The briefing was asked for; the drill starts once it shows.
    Briefing,
    /// The drill was started, or the file is not a playable scenario.
    Done,
}

/// Opens a scenario straight into its drill once it has loaded (`hotwash app --open`); says so
/// when the folder has no such playable file.
fn open_at_start(
    path: String,
    seed: Option<u64>,
) -> impl FnMut(Res<library::Library>, Res<State<Screen>>, Res<i18n::Tr>, ResMut<Notice>, MessageWriter<Intent>) {
    let mut stage = OpenStage::Loading;
    move |library, screen, tr, mut notice, mut intents| match stage {
        OpenStage::Loading if library.playable(&path).is_some() => {
            intents.write(Intent::OpenBriefing(path.clone()));
            stage = OpenStage::Briefing;
        }
        OpenStage::Loading if library.is_loaded() => {
            notice.0 = Some(tr.t_text("app-open-missing", &[("file", &path)]));
            stage = OpenStage::Done;
        }
        OpenStage::Briefing if *screen.get() == Screen::Briefing => {
            intents.write(Intent::Start(seed));
            stage = OpenStage::Done;
        }
        _ => {}
    }
}

/// Opens the app; returns the process exit code.
pub fn run(options: AppOptions) -> u8 {
    let started = std::time::Instant::now();
    if !options.scenarios.is_dir() {
        // Before the settings are read: the language of --lang, else English.
        let tr = options.lang.unwrap_or_default().tr();
        let said = tr.t_text("app-no-scenario-folder", &[("folder", &options.scenarios.display())]);
        eprintln!("hotwash: error: {said}");
        return 2;
    }
    let scenarios = std::path::absolute(&options.scenarios).unwrap_or_else(|_| options.scenarios.clone());
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Hotwash".into(),
                    resolution: WindowResolution::new(1280, 800),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: scenarios.to_string_lossy().into_owned(),
                watch_for_changes_override: Some(true),
                meta_check: AssetMetaCheck::Never,
                ..default()
            }),
    )
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(ClearColor(ui::background()));
    core_plugin(&mut app, &options);
    // The engine's words (a refused step, a file that cannot be read) follow the interface
    // language; only the real app sets it for the process (tests run many apps in one).
    app.add_systems(First, |tr: Res<i18n::Tr>| {
        if tr.is_changed() {
            crate::engine::i18n::set_engine_lang(tr.lang());
        }
    });
    ui::plugin(&mut app, options.without_cjk_font);
    let tour_scenario = options.open.clone().unwrap_or_else(|| {
        let lang = options.lang.unwrap_or(app.world().resource::<settings::Settings>().language);
        format!("bank-security-call.{}.ron", lang.code())
    });
    let session_tour = options.session.is_some().then_some(options.tour_after);
    tour::plugin(&mut app, started, options.tour.clone().map(|dir| (dir, tour_scenario)), session_tour);
    match app.run() {
        AppExit::Success => 0,
        AppExit::Error(code) => code.get(),
    }
}
