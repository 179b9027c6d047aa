//! The desktop app without a window: `MinimalPlugins` + states + assets + the app's core plugin,
//! driven by the same intents the UI sends: a drill from the library to the review (with a
//! timeout), hot reload, resume after a crash, a corrupt saved drill, and settings that persist.

use std::path::PathBuf;
use std::time::Duration;

use bevy::asset::{AssetMetaCheck, AssetPlugin};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use hotwash::app::drill::{ActiveDrill, InterruptedDrill};
use hotwash::app::drill_ui::drill_view;
use hotwash::app::i18n::{Lang, Tr};
use hotwash::app::library::{Library, Status};
use hotwash::app::review::FinishedDrill;
use hotwash::app::settings::Settings;
use hotwash::app::team::{Export, TeamScreen};
use hotwash::app::{AppOptions, Clock, Intent, Screen, core_plugin};
use hotwash::engine::debrief::{Answer, DecisionKind};
use hotwash::engine::replay::{compare, replay};
use hotwash::engine::shown::{Countdown, Prompt, Shown};
use hotwash::engine::times::WallMs;

use crate::root;

/// A scenario folder with two bundled drills, a data folder and a settings file, all temporary.
pub struct Dirs {
    _keep: tempfile::TempDir,
    pub scenarios: PathBuf,
    pub data: PathBuf,
    pub settings: PathBuf,
}

impl Dirs {
    /// The bundled scenarios, and `data` as the data folder (settings inside it).
    pub fn around(data: &std::path::Path) -> Self {
        let keep = tempfile::tempdir().unwrap();
        let scenarios = keep.path().join("scenarios");
        std::fs::create_dir_all(&scenarios).unwrap();
        for name in ["bank-security-call.en.ron", "bank-security-call.zh-CN.ron"] {
            std::fs::copy(root().join("scenarios").join(name), scenarios.join(name)).unwrap();
        }
        Dirs { _keep: keep, scenarios, data: data.to_owned(), settings: data.join("settings.ron") }
    }
}

pub fn dirs() -> Dirs {
    let keep = tempfile::tempdir().unwrap();
    let scenarios = keep.path().join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    for name in ["bank-security-call.en.ron", "bank-security-call.zh-CN.ron", "itinerary-request.en.ron"] {
        std::fs::copy(root().join("scenarios").join(name), scenarios.join(name)).unwrap();
    }
    let data = keep.path().join("data");
    let settings = keep.path().join("config").join("settings.ron");
    Dirs { _keep: keep, scenarios, data, settings }
}

pub fn headless(dirs: &Dirs) -> App {
    headless_with(dirs, Some(dirs.data.clone()))
}

/// The headless app with `data_override` as `--data-dir` (`None`: the settings' data folder).
pub fn headless_with(dirs: &Dirs, data_override: Option<PathBuf>) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        AssetPlugin {
            file_path: dirs.scenarios.to_string_lossy().into_owned(),
            watch_for_changes_override: Some(false),
            meta_check: AssetMetaCheck::Never,
            ..default()
        },
    ));
    let options = AppOptions {
        scenarios: dirs.scenarios.clone(),
        data_dir: data_override,
        settings_file: Some(dirs.settings.clone()),
        lang: Some(Lang::En),
        ..AppOptions::default()
    };
    core_plugin(&mut app, &options);
    app
}

/// Updates until `done` holds (asset loading runs on other threads), failing after 10 s.
pub fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    for _ in 0..2000 {
        app.update();
        if done(app.world()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("timed out waiting for: {what}");
}

pub fn screen(world: &World) -> Screen {
    *world.resource::<State<Screen>>().get()
}

pub fn send(app: &mut App, intent: Intent) {
    app.world_mut().write_message(intent);
    app.update();
    app.update();
}

pub fn loaded(world: &World) -> bool {
    let lib = world.resource::<Library>();
    lib.is_loaded()
}

fn open_and_start(app: &mut App, path: &str, seed: u64) {
    update_until(app, "the library loads", loaded);
    send(app, Intent::OpenBriefing(path.into()));
    assert_eq!(screen(app.world()), Screen::Briefing);
    send(app, Intent::Start(Some(seed)));
    assert_eq!(screen(app.world()), Screen::Drill);
}

/// Plays the drill on screen to its end with the best-scored option each time (the drill ends
/// within a few decisions), failing if it is still on the Drill screen after 60 steps.
pub fn play_expert(app: &mut App) {
    for _ in 0..60 {
        if screen(app.world()) != Screen::Drill {
            break;
        }
        match view(app).waiting {
            // The expert answer each time: the drill ends within a few decisions.
            Prompt::Choices { ref options, .. } => {
                let runner = app.world().resource::<ActiveDrill>().runner.scenario().clone();
                let best = (0..options.len())
                    .max_by_key(|i| runner.choice(&options[*i].id).map_or(i32::MIN, |(_, c)| c.total_score()))
                    .unwrap();
                send(app, Intent::Choose(best));
            }
            Prompt::Input { kind: hotwash::engine::model::InputKind::IncidentReport, .. } => {
                send(app, Intent::Submit(report()));
            }
            Prompt::Input { .. } => send(app, Intent::Submit(Answer::Text("Nothing was disclosed.".into()))),
            Prompt::Nothing => app.update(),
        }
    }
    if screen(app.world()) == Screen::Drill {
        let v = view(app);
        panic!("still in the drill: {:?} {:?}", v.waiting, v.problem);
    }
}

fn view(app: &App) -> hotwash::app::drill_ui::DrillView {
    let world = app.world();
    drill_view(world.resource::<ActiveDrill>(), world.resource::<Clock>().now())
}

fn report() -> Answer {
    Answer::Report {
        description: "Caller claimed to be risk control and asked for the card number and a code; nothing was given."
            .into(),
        scope: "One customer, Lin Xiaowen; no card number or code disclosed.".into(),
        measures: "Called risk control on the directory line, card hold placed, team lead told, fraud case opened."
            .into(),
    }
}

#[test]
fn a_drill_goes_from_the_library_to_the_review_with_a_timeout_and_replays_exactly() {
    let dirs = dirs();
    let mut app = headless(&dirs);
    open_and_start(&mut app, "bank-security-call.en.ron", 7);
    let mut timed_out = false;
    for _ in 0..60 {
        if screen(app.world()) != Screen::Drill {
            break;
        }
        match view(&app).waiting {
            Prompt::Choices { countdown: Some(Countdown { left_ms: left, reading_left_ms: reading, .. }), .. }
                if !timed_out =>
            {
                // Let the reading time and then the clock run out on the first timed decision.
                app.world_mut().resource_mut::<Clock>().advance(Duration::from_millis(reading + left + 1000));
                app.update();
                app.update();
                timed_out = true;
                let entries = &app.world().get_resource::<ActiveDrill>().map(|d| d.transcript.clone());
                if let Some(entries) = entries {
                    assert!(entries.iter().any(|e| matches!(e, Shown::You { timed_out: true, .. })));
                }
            }
            Prompt::Choices { .. } => send(&mut app, Intent::Choose(0)),
            Prompt::Input { kind: hotwash::engine::model::InputKind::IncidentReport, .. } => {
                send(&mut app, Intent::Submit(report()));
            }
            Prompt::Input { .. } => send(&mut app, Intent::Submit(Answer::Text("Nothing was disclosed.".into()))),
            Prompt::Nothing => app.update(),
        }
    }
    if screen(app.world()) == Screen::Drill {
        let v = view(&app);
        panic!("still in the drill: {:?} {:?}", v.waiting, v.problem);
    }
    assert!(timed_out, "the drill had no timed decision to let run out");
    assert_eq!(screen(app.world()), Screen::Review);
    assert!(!app.world().contains_resource::<ActiveDrill>());
    let finished = app.world().resource::<FinishedDrill>().clone();
    assert!(finished.debrief.decisions.iter().any(|d| d.kind == DecisionKind::Timeout));
    let files = finished.files.clone().expect("the drill was saved");
    for f in [&files.debrief, &files.markdown, &files.html] {
        assert!(f.starts_with(dirs.data.join("debriefs")), "{}", f.display());
        assert!(std::fs::metadata(f).unwrap().len() > 100, "{}", f.display());
    }
    // The saved record is the drill: replaying its seed and answers gives the same debrief.
    let saved = hotwash::engine::store::load_debrief(&files.debrief).unwrap();
    let scenario = crate::scenario("bank-security-call.en.ron");
    let again = replay(&scenario, &saved).unwrap();
    assert_eq!(compare(&saved, &again), Vec::<String>::new());
    assert_eq!(saved.trainee, app.world().resource::<Settings>().trainee);
    // No drill in progress is left behind, and the library now shows the result.
    assert!(!dirs.data.join("in-progress.ron").exists());
    send(&mut app, Intent::Go(Screen::Library));
    let library = app.world().resource::<Library>();
    assert_eq!(library.results.len(), 1);
    assert_eq!(library.results[0].scenario, "bank-security-call");

    // An evaluator pins a note in the review: the saved files carry it, the record still replays.
    send(&mut app, Intent::Go(Screen::Library));
    app.world_mut().insert_resource(finished.clone());
    app.world_mut().insert_resource(NextState::Pending(Screen::Review));
    app.update();
    send(
        &mut app,
        Intent::AddNote { decision: 1, author: "Coach Wu".into(), text: "Good instinct, slow start.".into() },
    );
    let noted = app.world().resource::<FinishedDrill>().clone();
    assert_eq!(noted.debrief.notes.len(), 1);
    assert_eq!(noted.review.notes.len(), 1);
    let saved = hotwash::engine::store::load_debrief(&files.debrief).unwrap();
    assert_eq!(saved.notes[0].author, "Coach Wu");
    assert!(std::fs::read_to_string(&files.markdown).unwrap().contains("Good instinct, slow start."));
    assert_eq!(compare(&saved, &replay(&scenario, &saved).unwrap()), Vec::<String>::new());

    // The trainee rates the drill: kept in the debrief beside the note, gathered by the team review.
    send(&mut app, Intent::Feedback { stars: 4, comment: "The second timer felt short.".into() });
    let rated = hotwash::engine::store::load_debrief(&files.debrief).unwrap();
    assert_eq!(rated.feedback.len(), 1);
    assert_eq!((rated.feedback[0].stars, rated.feedback[0].comment.as_str()), (4, "The second timer felt short."));
    assert_eq!(rated.notes.len(), 1, "the note is kept");
    assert_eq!(compare(&rated, &replay(&scenario, &rated).unwrap()), Vec::<String>::new());
    send(&mut app, Intent::Feedback { stars: 9, comment: String::new() });
    let notice = app.world().resource::<hotwash::app::Notice>().0.clone().unwrap_or_default();
    assert!(notice.contains("1 to 5 stars"), "{notice}");

    // The team review reads the data folder, exports, and hides names on request.
    send(&mut app, Intent::Go(Screen::Team));
    assert_eq!(screen(app.world()), Screen::Team);
    let team = app.world().resource::<TeamScreen>();
    assert_eq!(team.read, 1);
    let review = team.review.clone().expect("a team review");
    assert_eq!(review.trainees[0].name, saved.trainee);
    assert_eq!(review.feedback.len(), 1);
    assert_eq!((review.feedback[0].ratings, review.feedback[0].average), (1, 4.0));
    assert!(review.to_markdown(hotwash::engine::i18n::Lang::En).contains("★★★★☆: The second timer felt short."));
    send(&mut app, Intent::TeamExport(Export::Csv));
    let Some(Ok(csv)) = app.world().resource::<TeamScreen>().exported.clone() else { panic!("not exported") };
    assert!(csv.starts_with(dirs.data.join("team-reviews")));
    assert!(std::fs::read_to_string(&csv).unwrap().lines().count() >= 2);
    send(&mut app, Intent::TeamPseudonymize(true));
    let hidden = app.world().resource::<TeamScreen>().review.clone().unwrap();
    assert_ne!(hidden.trainees[0].name, saved.trainee);
    assert!(dirs.data.join("pseudonym.key").exists());
    send(&mut app, Intent::OpenDebrief(files.debrief.clone()));
    assert_eq!(screen(app.world()), Screen::Review);
    assert_eq!(app.world().resource::<FinishedDrill>().debrief.seed, 7);
    assert_eq!(app.world().resource::<FinishedDrill>().review.notes.len(), 1);

    // Play again with the same seed: the same caller details.
    send(&mut app, Intent::OpenBriefing("bank-security-call.en.ron".into()));
    app.world_mut().insert_resource(finished.clone());
    send(&mut app, Intent::PlayAgain { same_seed: true });
    assert_eq!(screen(app.world()), Screen::Drill);
    assert_eq!(app.world().resource::<ActiveDrill>().runner.fills(), &finished.debrief.fills);
}

#[test]
fn editing_a_scenario_reloads_it_and_a_drill_in_progress_keeps_its_version() {
    let dirs = dirs();
    let mut app = headless(&dirs);
    open_and_start(&mut app, "itinerary-request.en.ron", 3);
    let started_title = app.world().resource::<ActiveDrill>().runner.scenario().title.clone();

    let file = dirs.scenarios.join("itinerary-request.en.ron");
    let source = std::fs::read_to_string(&file).unwrap();
    let renamed = source.replacen(&format!("title: \"{started_title}\""), "title: \"Edited while running\"", 1);
    assert_ne!(renamed, source, "the title line was found");
    std::fs::write(&file, &renamed).unwrap();
    app.world().resource::<AssetServer>().reload("itinerary-request.en.ron");
    update_until(&mut app, "the edited title", |w| {
        w.resource::<Library>().playable("itinerary-request.en.ron").is_some_and(|s| s.title == "Edited while running")
    });
    assert_eq!(app.world().resource::<ActiveDrill>().runner.scenario().title, started_title);

    // A broken edit: the file stays listed, with its first error and where it is.
    std::fs::write(&file, renamed.replacen("start:", "strat:", 1)).unwrap();
    app.world().resource::<AssetServer>().reload("itinerary-request.en.ron");
    update_until(&mut app, "the broken file", |w| {
        matches!(w.resource::<Library>().entries["itinerary-request.en.ron"].status, Status::Broken { .. })
    });
    let Status::Broken { first, all } = &app.world().resource::<Library>().entries["itinerary-request.en.ron"].status
    else {
        unreachable!()
    };
    assert!(first.starts_with("itinerary-request.en.ron:"), "{first}");
    assert!(first.contains(": error: "), "{first}");
    assert!(all.contains("strat"), "{all}");
    // The drill goes on.
    send(&mut app, Intent::Choose(0));
    assert_eq!(app.world().resource::<ActiveDrill>().runner.decisions().len(), 1);
}

#[test]
fn a_drill_killed_mid_way_is_offered_for_resume_and_the_time_away_does_not_count() {
    let dirs = dirs();
    let (decisions, drill_time) = {
        let mut app = headless(&dirs);
        open_and_start(&mut app, "itinerary-request.en.ron", 11);
        send(&mut app, Intent::Choose(0));
        send(&mut app, Intent::Choose(0));
        send(&mut app, Intent::TogglePause);
        send(&mut app, Intent::AddNote { decision: 3, author: String::new(), text: "Stalled here.".into() });
        send(&mut app, Intent::TogglePause);
        let drill = app.world().resource::<ActiveDrill>();
        assert_eq!(drill.notes.len(), 1);
        let now = app.world().resource::<Clock>().now();
        assert!(dirs.data.join("in-progress.ron").exists(), "saved after every decision");
        (drill.runner.decisions().len(), drill.runner.drill_time(WallMs(now)).0)
        // The app is dropped here without finishing: a crash.
    };
    assert_eq!(decisions, 2);
    let mut app = headless(&dirs);
    // Ten minutes pass before the app is opened again.
    app.world_mut().resource_mut::<Clock>().advance(Duration::from_secs(600));
    update_until(&mut app, "the library loads", loaded);
    let Some(Ok(saved)) = app.world().resource::<InterruptedDrill>().0.clone() else {
        panic!("no resumable drill: {:?}", app.world().resource::<InterruptedDrill>().0)
    };
    assert_eq!(saved.path, "itinerary-request.en.ron");
    send(&mut app, Intent::ResumeSaved);
    assert_eq!(screen(app.world()), Screen::Drill);
    let drill = app.world().resource::<ActiveDrill>();
    assert_eq!(drill.runner.decisions().len(), 2);
    assert_eq!(drill.notes[0].text, "Stalled here.");
    assert_eq!(drill.notes[0].decision, 3);
    assert!(drill.transcript.len() >= 4, "the transcript is rebuilt: {:?}", drill.transcript);
    let now = app.world().resource::<Clock>().now();
    let resumed = drill.runner.drill_time(WallMs(now)).0;
    // The time after the last save (at most the moments since the last decision) and the ten
    // minutes away are left out.
    assert!(
        resumed + 1_000 >= drill_time && resumed < drill_time + 5_000,
        "{drill_time} ms before, {resumed} ms after"
    );
    assert!(app.world().resource::<InterruptedDrill>().0.is_none());
}

#[test]
fn a_corrupt_saved_drill_is_reported_with_its_place_and_can_be_discarded() {
    let dirs = dirs();
    std::fs::create_dir_all(&dirs.data).unwrap();
    let file = dirs.data.join("in-progress.ron");
    std::fs::write(&file, "(path: \"x.ron\",\n title: 7,\n").unwrap();
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    let Some(Err(why)) = app.world().resource::<InterruptedDrill>().0.clone() else { panic!("not reported") };
    assert!(why.contains("in-progress.ron:2:"), "{why}");
    send(&mut app, Intent::ResumeSaved);
    assert_eq!(screen(app.world()), Screen::Library);
    send(&mut app, Intent::DiscardSaved);
    assert!(!file.exists());
    assert_eq!(kept_aside(&dirs, "discarded").len(), 1, "kept aside, not deleted");
    assert!(app.world().resource::<InterruptedDrill>().0.is_none());
}

#[test]
fn settings_persist_and_switch_the_language() {
    let dirs = dirs();
    {
        let mut app = headless(&dirs);
        app.update();
        let mut new = app.world().resource::<Settings>().clone();
        new.trainee = "  Li Na ".into();
        new.language = Lang::ZhCn;
        new.text_size = 9.0;
        send(&mut app, Intent::SaveSettings(new));
        assert_eq!(app.world().resource::<Tr>().lang(), Lang::ZhCn);
        assert_eq!(app.world().resource::<Tr>().t("nav-library"), "演练库");
    }
    let text = std::fs::read_to_string(&dirs.settings).unwrap();
    assert!(text.contains("Li Na") && text.contains("ZhCn"), "{text}");
    let (read, problem) = Settings::load(&dirs.settings);
    assert_eq!(problem, None);
    assert_eq!(read.trainee, "Li Na");
    assert!((read.text_size - 1.6).abs() < 1e-6, "clamped: {}", read.text_size);

    // A settings file that cannot be read: defaults, a notice, and the file kept aside.
    std::fs::write(&dirs.settings, "(trainee: [").unwrap();
    let (_, problem) = Settings::load(&dirs.settings);
    let problem = problem.expect("a notice");
    assert!(problem.contains("settings.ron:1:"), "{problem}");
    assert!(dirs.settings.with_extension("ron.broken").exists());
}

#[test]
fn the_drill_screen_wakes_only_when_what_it_shows_changes() {
    let dirs = dirs();
    std::fs::copy(
        root().join("scenarios/cancellation-scam-leak.en.ron"),
        dirs.scenarios.join("cancellation-scam-leak.en.ron"),
    )
    .unwrap();
    let mut app = headless(&dirs);
    open_and_start(&mut app, "cancellation-scam-leak.en.ron", 2);
    let next = |app: &App| {
        let world = app.world();
        let drill = world.resource::<ActiveDrill>();
        let now = world.resource::<Clock>().now();
        hotwash::app::ui::next_change(drill, now)
    };
    // A 45 s countdown on screen (after its reading time): the next whole second shown, never
    // 60 times a second.
    let shown_left = |c: Countdown| if c.reading_left_ms > 0 { c.reading_left_ms } else { c.left_ms };
    let Prompt::Choices { countdown: Some(c), .. } = view(&app).waiting else { panic!("no countdown") };
    let left = shown_left(c);
    let wait = next(&app).expect("a countdown wakes the window");
    assert!(wait <= Duration::from_millis(1_030) && wait >= Duration::from_millis(20), "{wait:?}");
    let to_next_second = match left % 1000 {
        0 => 1000,
        rest => rest,
    };
    assert!(Duration::from_millis(to_next_second + 30) >= wait, "{left} ms left, waits {wait:?}");
    // Later in the same decision it still waits for the next second (an inject whose condition
    // is false must not keep the window awake).
    app.world_mut().resource_mut::<Clock>().advance(Duration::from_millis(10_000));
    app.update();
    let Prompt::Choices { countdown: Some(c), .. } = view(&app).waiting else { panic!("no countdown") };
    let left = shown_left(c);
    let wait = next(&app).expect("a countdown wakes the window");
    let to_next_second = match left % 1000 {
        0 => 1000,
        rest => rest,
    };
    assert!(
        wait + Duration::from_millis(10) >= Duration::from_millis(to_next_second.max(20)),
        "{left} ms left, waits {wait:?}"
    );
    // Paused: nothing changes on its own.
    send(&mut app, Intent::TogglePause);
    assert_eq!(next(&app), None);
}

/// Saved drills kept aside in the data folder for `why` (discarded, abandoned, interrupted).
fn kept_aside(dirs: &Dirs, why: &str) -> Vec<PathBuf> {
    let prefix = format!("in-progress.{why}-");
    std::fs::read_dir(&dirs.data)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_new_drill_never_overwrites_an_interrupted_one_and_a_stopped_drill_is_kept() {
    let dirs = dirs();
    {
        let mut app = headless(&dirs);
        open_and_start(&mut app, "itinerary-request.en.ron", 4);
        send(&mut app, Intent::Choose(0));
    }
    let interrupted = std::fs::read_to_string(dirs.data.join("in-progress.ron")).unwrap();
    let mut app = headless(&dirs);
    open_and_start(&mut app, "bank-security-call.en.ron", 5);
    let kept = kept_aside(&dirs, "interrupted");
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), interrupted);
    assert!(app.world().resource::<InterruptedDrill>().0.is_none());

    // Stopping a drill (from the pause) ends it without a review and keeps what was played.
    send(&mut app, Intent::Choose(0));
    send(&mut app, Intent::TogglePause);
    send(&mut app, Intent::Abandon);
    assert_eq!(screen(app.world()), Screen::Library);
    assert!(!app.world().contains_resource::<ActiveDrill>());
    let abandoned = kept_aside(&dirs, "abandoned");
    assert_eq!(abandoned.len(), 1);
    assert!(std::fs::read_to_string(&abandoned[0]).unwrap().contains("bank-security-call"));
    assert!(!dirs.data.join("in-progress.ron").exists());
}

#[test]
fn the_library_reads_only_new_and_changed_debriefs() {
    let s = crate::scenario("bank-security-call.en.ron");
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, seed: u64| {
        let d =
            crate::play(&s, seed, |_, run| Some(crate::expert(run)), |_| 4_000, |kind| crate::full_answer(kind, "en"))
                .unwrap();
        let file = folder.path().join(name);
        hotwash::engine::store::save(&file, &d).unwrap();
        file
    };
    let first = write("a.debrief.ron", 1);
    let mut library = Library::default();
    library.read_results(folder.path());
    assert_eq!((library.results.len(), &library.unreadable), (1, &None));
    let result = library.results[0].clone();
    assert_eq!((result.scenario.as_str(), result.trainee.as_str()), ("bank-security-call", "Test Trainee"));

    // Same size, same modification time: taken as read before, not opened again.
    let modified = std::fs::metadata(&first).unwrap().modified().unwrap();
    let len = std::fs::metadata(&first).unwrap().len() as usize;
    std::fs::write(&first, "x".repeat(len)).unwrap();
    std::fs::File::options().write(true).open(&first).unwrap().set_modified(modified).unwrap();
    library.read_results(folder.path());
    assert_eq!((library.results.clone(), &library.unreadable), (vec![result.clone()], &None));

    // A newer modification time: read again, and now it is unreadable.
    let later = modified + Duration::from_secs(10);
    std::fs::File::options().write(true).open(&first).unwrap().set_modified(later).unwrap();
    library.read_results(folder.path());
    assert!(library.results.is_empty());
    let (count, why) = library.unreadable.clone().expect("reported");
    assert_eq!(count, 1);
    assert!(why.contains("a.debrief.ron"), "{why}");

    // A new file is read; a removed one is forgotten.
    write("b.debrief.ron", 2);
    library.read_results(folder.path());
    assert_eq!((library.results.len(), library.unreadable.as_ref().map(|u| u.0)), (1, Some(1)));
    std::fs::remove_file(&first).unwrap();
    library.read_results(folder.path());
    assert_eq!((library.results.len(), &library.unreadable), (1, &None));
}

#[test]
fn pointing_settings_at_another_data_folder_offers_the_drill_saved_there() {
    let dirs = dirs();
    let other = dirs.data.with_file_name("other-data");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("in-progress.ron"), "(path: \"x.ron\",\n title: 7,\n").unwrap();
    let settings = Settings { data_dir: Some(dirs.data.clone()), ..Settings::default() };
    std::fs::create_dir_all(dirs.settings.parent().unwrap()).unwrap();
    hotwash::engine::store::save(&dirs.settings, &settings).unwrap();
    let mut app = headless_with(&dirs, None);
    update_until(&mut app, "the library loads", loaded);
    assert!(app.world().resource::<InterruptedDrill>().0.is_none(), "nothing saved in the first folder");

    send(&mut app, Intent::SaveSettings(Settings { data_dir: Some(other.clone()), ..settings.clone() }));
    let Some(Err(why)) = app.world().resource::<InterruptedDrill>().0.clone() else {
        panic!("the saved drill of the new folder is not offered: {:?}", app.world().resource::<InterruptedDrill>().0)
    };
    assert!(why.contains("other-data") && why.contains("in-progress.ron:2:"), "{why}");

    send(&mut app, Intent::SaveSettings(settings));
    assert!(app.world().resource::<InterruptedDrill>().0.is_none(), "back in the first folder: nothing to resume");
}

#[test]
fn the_transcript_shows_an_ending_title_with_its_placeholders_filled() {
    let source = std::fs::read_to_string(crate::root().join("scenarios/bank-security-call.en.ron")).unwrap();
    let scenario = hotwash::engine::load::load_str(&source).scenario.expect("clean");
    // Every ending's title names the customer, as `cancellation-scam-leak` names the amount lost.
    let mut edited = scenario.clone();
    for ending in edited.endings.values_mut() {
        ending.title = format!("{} · {{customer}}", ending.title);
    }
    let mut drill =
        ActiveDrill::start(std::sync::Arc::new(edited), "bank.en.ron".into(), 5, "Test Trainee", crate::T0).unwrap();
    let mut now = crate::T0;
    for _ in 0..100 {
        if drill.is_over() {
            break;
        }
        now += 2_000;
        match drill.runner.waiting(WallMs(now)) {
            Prompt::Input { kind, .. } => drill.apply(&Intent::Submit(crate::full_answer(kind, "en")), now),
            _ => {
                // The expert answer, so the drill moves on to an ending.
                let hotwash::engine::runner::Pick::Id(best) = crate::expert(&drill.runner) else { unreachable!() };
                let at = drill.runner.options().iter().position(|o| o.id == best).unwrap_or(0);
                drill.apply(&Intent::Choose(at), now);
            }
        }
    }
    assert!(drill.is_over(), "{:?}", drill.problem);
    let customer = drill.runner.fills()["customer"].clone();
    let Some(Shown::Ended { title, .. }) = drill.transcript.last() else { panic!("{:?}", drill.transcript.last()) };
    assert!(title.ends_with(&format!(" · {customer}")), "{title}");
    assert!(!title.contains('{'), "{title}");
}

#[test]
fn a_finished_drill_is_queued_for_the_lrs_and_sent_once_the_lrs_can_be_reached() {
    use hotwash::app::sending::{LrsSettings, Sender};
    let dirs = dirs();
    let port = crate::lrs::free_port();
    let auth = dirs.data.parent().unwrap().join("lrs-auth");
    std::fs::write(&auth, format!("{}\n", crate::lrs::AUTH)).unwrap();
    let lrs = LrsSettings {
        endpoint: format!("http://127.0.0.1:{port}/xAPI"),
        base: crate::lrs::BASE.into(),
        auth_file: Some(auth),
        key_file: None,
    };
    let settings = Settings { trainee: "Li Na".into(), lrs, ..Settings::default() };
    hotwash::engine::store::save(&dirs.settings, &settings).unwrap();
    let mut app = headless(&dirs);
    open_and_start(&mut app, "bank-security-call.en.ron", 7);
    play_expert(&mut app);
    assert_eq!(screen(app.world()), Screen::Review);
    // The LRS is down: the drill waits in the outbox, and Settings can say why.
    let pending = dirs.data.join("outbox/pending");
    let queued: Vec<_> = std::fs::read_dir(&pending).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(queued.len(), 1, "{queued:?}");
    let statements: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&queued[0]).unwrap()).unwrap();
    assert_eq!(statements[0]["actor"]["account"]["homePage"], crate::lrs::BASE);
    assert!(statements[0]["actor"]["account"]["name"].as_str().unwrap().starts_with("T-"));
    let waited = |app: &App| app.world().resource::<Sender>().status();
    for _ in 0..400 {
        if waited(&app).waiting.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = waited(&app);
    assert!(status.waiting.as_deref().is_some_and(|w| w.contains("could not be reached")), "{status:?}");
    assert_eq!(status.counts(), (1, 0, 0));
    // The LRS comes up; Send now empties the queue.
    let server = crate::lrs::Server::start_on(port, tempfile::tempdir().unwrap());
    send(&mut app, Intent::SendNow);
    for _ in 0..400 {
        if waited(&app).counts() == (0, 1, 0) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(waited(&app).counts(), (0, 1, 0), "{:?}", waited(&app));
    let registration = statements[0]["context"]["registration"].as_str().unwrap();
    assert_eq!(server.statements_of(registration).len(), statements.len());
    assert!(dirs.data.join("outbox/sent").read_dir().unwrap().count() == 1);
}

#[test]
fn a_data_folder_that_cannot_take_the_results_stops_the_drill_before_it_starts() {
    let dirs = dirs();
    // A file where the data folder should be.
    std::fs::write(&dirs.data, "not a folder").unwrap();
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    send(&mut app, Intent::OpenBriefing("bank-security-call.en.ron".into()));
    send(&mut app, Intent::Start(Some(3)));
    assert_eq!(screen(app.world()), Screen::Briefing, "the drill did not start");
    let notice = app.world().resource::<hotwash::app::Notice>().0.clone().unwrap_or_default();
    assert!(notice.starts_with("The drill was not started: its results could not be saved."), "{notice}");
    assert!(notice.contains("data"), "the notice names the folder: {notice}");
}
