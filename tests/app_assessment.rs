//! An assessment set played in the desktop app, headless and driven by intents: each drill with
//! the trainee's seed of the set, no pause, the review held back until the set is done, then the
//! results drill by drill with their reviews; and the Assessment screen drawn in both languages.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hotwash::app::assessment::{AssessmentView, ShownAssessment, assessment_view, draw_assessment};
use hotwash::app::drill::{ActiveDrill, SavedDrill};
use hotwash::app::i18n::{Lang, Tr};
use hotwash::app::library::Library;
use hotwash::app::review::FinishedDrill;
use hotwash::app::settings::Settings;
use hotwash::app::{Intent, Notice, Screen};
use hotwash::engine::path::Curriculum;

use crate::app::{Dirs, dirs, headless, loaded, play_expert, screen, send, update_until};
use crate::root;

const CURRICULUM: &str = r#"Curriculum(
    format: 1,
    tracks: [(
        id: "front-line",
        name: {"en": "Front line", "zh-CN": "一线坐席"},
        levels: [(name: {"en": "Day one", "zh-CN": "第一天"}, drills: ["intro-fraud", "intro-privacy"])],
    )],
    assessments: [(
        id: "check",
        name: {"en": "Day-one check", "zh-CN": "入职考核"},
        drills: ["intro-fraud", "intro-privacy"],
        seeds: [11, 23, 37],
    )],
)"#;

const TRAINEE: &str = "Wang Fang";

/// The usual test folders, with two introductory drills in both languages and a curriculum whose
/// assessment set holds them.
fn dirs_with_set() -> Dirs {
    let dirs = dirs();
    for drill in ["intro-fraud", "intro-privacy"] {
        for lang in ["en", "zh-CN"] {
            let name = format!("{drill}.{lang}.ron");
            std::fs::copy(root().join("scenarios").join(&name), dirs.scenarios.join(&name)).unwrap();
        }
    }
    std::fs::write(dirs.scenarios.join("curriculum.ron"), CURRICULUM).unwrap();
    let settings = Settings { trainee: TRAINEE.into(), ..Settings::default() };
    hotwash::engine::store::save(&dirs.settings, &settings).unwrap();
    dirs
}

fn view_in(app: &App, lang: Lang) -> AssessmentView {
    let world = app.world();
    assessment_view(
        world.resource::<Library>(),
        world.resource::<ShownAssessment>(),
        world.resource::<Settings>(),
        &Tr::new(lang),
    )
}

fn title(app: &App, id: &str) -> String {
    app.world().resource::<Library>().find(id, "en").unwrap().1.title.clone()
}

#[test]
fn an_assessment_set_is_played_through_with_its_seeds_and_the_results_come_at_the_end() {
    let dirs = dirs_with_set();
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    let set = Curriculum::read(&dirs.scenarios.join("curriculum.ron")).unwrap().assessments[0].clone();

    send(&mut app, Intent::OpenAssessment("check".into()));
    assert_eq!(screen(app.world()), Screen::Assessment);
    let before = view_in(&app, Lang::En);
    assert_eq!(before.problem, None);
    assert_eq!(before.verdict, "incomplete, 0 of 2 drills done");
    assert_eq!(before.next, Some((title(&app, "intro-fraud"), true)));
    assert!(before.rows.iter().all(|r| r.state == "not played yet" && r.review.is_none()), "{:?}", before.rows);

    // The first drill: the trainee's seed of the set, and the clock cannot be stopped.
    send(&mut app, Intent::StartAssessment("check".into()));
    assert_eq!(screen(app.world()), Screen::Drill);
    let drill = app.world().resource::<ActiveDrill>();
    assert_eq!(drill.runner.scenario().id, "intro-fraud");
    assert_eq!(drill.runner.state().seed(), set.seed_for(TRAINEE));
    assert_eq!(drill.assessment.as_ref().map(|a| a.id.as_str()), Some("check"));
    send(&mut app, Intent::TogglePause);
    let drill = app.world().resource::<ActiveDrill>();
    assert!(!drill.is_paused());
    assert_eq!(drill.problem.as_deref(), Some("A drill played for an assessment cannot be paused."));

    // A drill killed now would be resumed as played for the set.
    let in_progress = dirs.data.join("in-progress.ron");
    update_until(&mut app, "the drill is saved", |_| in_progress.exists());
    let saved: SavedDrill = hotwash::engine::store::load(&in_progress, "saved drill").unwrap();
    assert_eq!(saved.assessment.map(|a| a.id), Some("check".to_owned()));

    // Its end shows how far the trainee is, not the review.
    play_expert(&mut app);
    app.update();
    assert_eq!(screen(app.world()), Screen::Assessment);
    assert!(app.world().get_resource::<FinishedDrill>().is_none(), "the review is held back");
    let after_one = view_in(&app, Lang::En);
    assert_eq!(after_one.verdict, "incomplete, 1 of 2 drills done");
    assert_eq!(after_one.rows[0].state, "played");
    assert!(after_one.rows.iter().all(|r| r.review.is_none()), "no review before the set is done");
    assert_eq!(after_one.next, Some((title(&app, "intro-privacy"), false)));
    let debriefs: Vec<_> = hotwash::engine::folders::debrief_files(&[dirs.data.join("debriefs")]).unwrap();
    assert_eq!(debriefs.len(), 1);
    // Its review cannot be opened from elsewhere (the Team screen) either, until the set is done.
    send(&mut app, Intent::OpenDebrief(debriefs[0].clone()));
    assert_eq!(screen(app.world()), Screen::Assessment);
    assert!(app.world().resource::<Notice>().0.as_deref().is_some_and(|n| n.contains("held back")));
    send(&mut app, Intent::Go(Screen::Team));
    let team = app.world().resource::<hotwash::app::team::TeamScreen>();
    assert!(team.review.is_none(), "the held-back drill is not in the team review");
    assert!(team.skipped.iter().any(|s| s.starts_with("1 drill(s) of assessments")), "{:?}", team.skipped);
    send(&mut app, Intent::OpenAssessment("check".into()));
    let first = hotwash::engine::store::load_debrief(&debriefs[0]).unwrap();
    assert_eq!((first.assessment.as_deref(), first.seed), (Some("check"), set.seed_for(TRAINEE)));

    // The second drill, then the results with a review for each drill.
    send(&mut app, Intent::StartAssessment("check".into()));
    assert_eq!(app.world().resource::<ActiveDrill>().runner.scenario().id, "intro-privacy");
    play_expert(&mut app);
    app.update();
    assert_eq!(screen(app.world()), Screen::Assessment);
    let done = view_in(&app, Lang::En);
    assert!(done.complete && done.next.is_none(), "{done:?}");
    let expected = if done.passed { "PASSED" } else { "NOT PASSED" };
    assert_eq!(done.verdict, expected);
    for (row, id) in done.rows.iter().zip(["intro-fraud", "intro-privacy"]) {
        let file = row.review.as_ref().expect("a review once the set is done");
        let debrief = hotwash::engine::store::load_debrief(file).unwrap();
        assert_eq!((debrief.scenario.id.as_str(), debrief.assessment.as_deref()), (id, Some("check")));
        assert!(["√", "×"].contains(&row.mark.as_str()), "{row:?}");
    }
    // The set is done: no third start, and a review opens from the results.
    send(&mut app, Intent::StartAssessment("check".into()));
    assert_eq!(screen(app.world()), Screen::Assessment);
    assert_eq!(app.world().resource::<Notice>().0.as_deref(), Some("every drill of this assessment is already done"));
    send(&mut app, Intent::OpenDebrief(done.rows[1].review.clone().unwrap()));
    assert_eq!(screen(app.world()), Screen::Review);
    assert_eq!(app.world().resource::<FinishedDrill>().debrief.scenario.id, "intro-privacy");

    // The same results in Chinese, drawn: titles of the Chinese drills, the verdict, the buttons.
    let zh = view_in(&app, Lang::ZhCn);
    assert_eq!(zh.name, "入职考核");
    assert_eq!(zh.verdict, if done.passed { "通过" } else { "未通过" });
    let harness = run(zh.clone(), Lang::ZhCn);
    harness.get_by_label("考核：入职考核");
    harness.get_by_label(&zh.rows[0].title);
    assert_eq!(harness.query_all_by_label("查看复盘").count(), 2);
}

#[test]
fn the_library_lists_the_sets_and_a_drill_of_a_set_has_no_pause_button() {
    let dirs = dirs_with_set();
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    let tr = Tr::new(Lang::En);
    let view = {
        let world = app.world();
        hotwash::app::library_ui::library_view(
            world.resource::<Library>(),
            None,
            world.resource::<Settings>(),
            &dirs.scenarios,
            &tr,
        )
    };
    let path = view.path.clone().unwrap();
    assert_eq!(
        path.assessments,
        vec![("check".to_owned(), "Day-one check".to_owned(), "incomplete, 0 of 2 drills done".to_owned())]
    );
    let mut harness = Harness::builder().with_size(egui::vec2(1000.0, 700.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            if let Some(i) = hotwash::app::library_ui::draw_library(ui, &view, &tr) {
                *intent = Some(i);
            }
        },
        None,
    );
    harness.get_by_label("Day-one check: incomplete, 0 of 2 drills done");
    harness.get_by_label("Open the assessment").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::OpenAssessment("check".into())));

    send(&mut app, Intent::OpenAssessment("check".into()));
    send(&mut app, Intent::StartAssessment("check".into()));
    let drill_view =
        hotwash::app::drill_ui::drill_view(app.world().resource::<ActiveDrill>(), hotwash::app::Clock::default().now());
    assert_eq!(drill_view.assessment.as_deref(), Some("Day-one check"));
    let tr = Tr::new(Lang::En);
    let mut harness = Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            let mut form = hotwash::app::drill::ReportForm::default();
            if let Some(i) = hotwash::app::drill_ui::draw_drill(ui, &drill_view, &mut form, &tr) {
                *intent = Some(i);
            }
        },
        None,
    );
    harness.get_by_label("Assessment: Day-one check");
    assert!(harness.query_by_label("Pause (P)").is_none(), "no pause button in an assessment drill");
    harness.key_press(egui::Key::P);
    harness.run();
    assert_eq!(harness.state(), &None, "P does not pause an assessment drill");
}

fn run(view: AssessmentView, lang: Lang) -> Harness<'static, Option<Intent>> {
    let tr = Tr::new(lang);
    Harness::builder().with_size(egui::vec2(1000.0, 700.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            if let Some(i) = draw_assessment(ui, &view, &tr) {
                *intent = Some(i);
            }
        },
        None,
    )
}

#[test]
fn the_assessment_screen_starts_the_next_drill_and_opens_reviews_only_when_done() {
    let row = |mark: &str, state: &str, review: Option<&str>| hotwash::app::assessment::Row {
        mark: mark.into(),
        title: "Day one: a scam call".into(),
        state: state.into(),
        review: review.map(Into::into),
    };
    let midway = AssessmentView {
        id: "check".into(),
        name: "Day-one check".into(),
        trainee: TRAINEE.into(),
        intro: "2 drills".into(),
        verdict: "incomplete, 1 of 2 drills done".into(),
        rows: vec![row("●", "played", None), row("·", "not played yet", None)],
        next: Some(("Day one: privacy".into(), false)),
        ..AssessmentView::default()
    };
    let mut harness = run(midway, Lang::En);
    harness.get_by_label("The results and the reviews are held back until every drill of the set is done.");
    assert!(harness.query_by_label("Open the review").is_none());
    harness.get_by_label("Start the next drill: Day one: privacy").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::StartAssessment("check".into())));

    let done = AssessmentView {
        id: "check".into(),
        name: "Day-one check".into(),
        verdict: "NOT PASSED".into(),
        complete: true,
        rows: vec![
            row("√", "passed", Some("/d/a.ron")),
            row("×", "not passed (the drill did not end resolved)", Some("/d/b.ron")),
        ],
        ..AssessmentView::default()
    };
    let mut harness = run(done, Lang::En);
    assert!(harness.query_by_label_contains("Start").is_none());
    harness.query_all_by_label("Open the review").nth(1).unwrap().click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::OpenDebrief("/d/b.ron".into())));
}

#[test]
fn an_interrupted_assessment_drill_is_resumed_with_its_clock_never_replaced_or_discarded() {
    let dirs = dirs_with_set();
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    send(&mut app, Intent::OpenAssessment("check".into()));
    send(&mut app, Intent::StartAssessment("check".into()));
    let in_progress = dirs.data.join("in-progress.ron");
    update_until(&mut app, "the drill is saved", |_| in_progress.exists());
    // The app is killed; a new one finds the drill, and 10 minutes have passed.
    drop(app);
    let mut app = headless(&dirs);
    update_until(&mut app, "the library loads", loaded);
    app.world_mut().resource_mut::<hotwash::app::Clock>().advance(std::time::Duration::from_secs(600));
    send(&mut app, Intent::OpenAssessment("check".into()));
    send(&mut app, Intent::StartAssessment("check".into()));
    assert_eq!(screen(app.world()), Screen::Assessment, "no fresh start over the interrupted drill");
    assert_eq!(
        app.world().resource::<Notice>().0.as_deref(),
        Some("A drill of an assessment was interrupted: resume it first (it cannot be discarded or replaced).")
    );
    send(&mut app, Intent::DiscardSaved);
    assert!(in_progress.exists(), "an assessment drill is not discarded");
    send(&mut app, Intent::ResumeSaved);
    assert_eq!(screen(app.world()), Screen::Drill);
    let drill = app.world().resource::<ActiveDrill>();
    assert_eq!(drill.assessment.as_ref().map(|a| a.id.as_str()), Some("check"));
    // The 10 minutes away count: no pause was added for them.
    assert_eq!(drill.runner.state().pauses_taken(), 0);
    let now = hotwash::engine::times::WallMs(app.world().resource::<hotwash::app::Clock>().now());
    assert!(drill.runner.drill_time(now).0 >= 600_000);
    // And it cannot be stopped.
    send(&mut app, Intent::Abandon);
    assert_eq!(screen(app.world()), Screen::Drill);
}
