//! The screenshot tour (`hotwash app --tour DIR`): walks every screen with a scripted drill,
//! saves a PNG of each, and quits; the screenshot test and the README's pictures come from it.
//! Also reports how long the first frame took, for the app benchmark.

use std::path::PathBuf;
use std::time::Instant;

use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::RequestRedraw;

use super::drill::{ActiveDrill, ReportForm};
use super::drill_ui::drill_view;
use super::i18n::Tr;
use super::library::Library;
use super::review::{FinishedDrill, NoteForm, ReviewPart};
use super::{Clock, Intent, Screen};
use crate::engine::model::{InputKind, Spot};
use crate::engine::shown::{Prompt, Shown};

/// One step of the tour.
#[derive(Clone, Debug, PartialEq)]
enum TourStep {
    /// Until every scenario file has loaded.
    WaitLoaded,
    /// Until this screen is shown.
    WaitScreen(Screen),
    /// Let a few frames pass so the screen settles.
    Settle(u32),
    /// Send an intent.
    Send(Intent),
    /// Open the tour's scenario.
    OpenScenario,
    /// Reveal the first masked CRM field on the desk.
    RevealFirst,
    /// Flag the caller's first line and caller ID as suspicious.
    FlagFirst,
    /// Grade the first item of the first written answer as the opposite of its automatic grade.
    OverrideFirst,
    /// Scroll the Review screen to one of its parts.
    Jump(ReviewPart),
    /// Take the best-scoring option, when the drill waits for a choice.
    ChooseBest,
    /// Take best options until the drill asks for a written answer or ends.
    PlayToInputOrEnd,
    /// Write an incident report into the form, when one is asked for.
    FillReport,
    /// Hand the form in, when one is asked for.
    SubmitReport,
    /// Play to the end: best options, and every further written answer with the sample text.
    FinishDrill,
    /// Open the curriculum's first assessment set; with no curriculum or no set, end the tour.
    OpenFirstAssessment,
    /// Start the next drill of the assessment set shown.
    StartShownAssessment,
    /// Let this much time pass (a live session runs meanwhile).
    Wait(std::time::Duration),
    /// Save a screenshot under this name.
    Shot(&'static str),
    /// Quit.
    Exit,
}

#[derive(Resource)]
struct Tour {
    /// When the current step began: a step that does not finish within [`STEP_LIMIT`] stops the
    /// tour with an error instead of hanging.
    step_started: Instant,
    dir: PathBuf,
    scenario: String,
    steps: Vec<TourStep>,
    at: usize,
    settle: u32,
    waiting_for: Option<PathBuf>,
}

/// The longest a tour step may take.
const STEP_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// When the app started, to report the first frame.
#[derive(Resource)]
struct Started(Instant);

pub(super) fn plugin(app: &mut App, started: Instant, tour: Option<(PathBuf, String)>, session: Option<u64>) {
    app.insert_resource(Started(started)).add_systems(First, report_first_frame);
    if let Some((dir, scenario)) = tour {
        // A live session's screen: it runs a while (participants join and play), then one shot.
        let session_steps = session.map(|secs| {
            vec![
                TourStep::WaitScreen(Screen::Session),
                TourStep::Wait(std::time::Duration::from_secs(secs)),
                TourStep::Settle(4),
                TourStep::Shot("session"),
                TourStep::Exit,
            ]
        });
        let steps = session_steps.unwrap_or_else(|| {
            vec![
                TourStep::WaitLoaded,
                TourStep::Settle(6),
                TourStep::Shot("1-library"),
                TourStep::Send(Intent::Go(Screen::Settings)),
                TourStep::WaitScreen(Screen::Settings),
                TourStep::Settle(4),
                TourStep::Shot("2-settings"),
                TourStep::Send(Intent::Go(Screen::Library)),
                TourStep::WaitScreen(Screen::Library),
                TourStep::OpenScenario,
                TourStep::WaitScreen(Screen::Briefing),
                TourStep::Settle(4),
                TourStep::Shot("3-briefing"),
                TourStep::Send(Intent::Start(Some(7))),
                TourStep::WaitScreen(Screen::Drill),
                TourStep::Settle(4),
                TourStep::Shot("4-drill-first-call"),
                TourStep::RevealFirst,
                TourStep::Settle(2),
                TourStep::FlagFirst,
                TourStep::Settle(2),
                TourStep::ChooseBest,
                TourStep::Settle(3),
                // The next decision is timed: its reading time runs before the clock.
                TourStep::Shot("4b-drill-reading"),
                TourStep::ChooseBest,
                TourStep::Settle(4),
                TourStep::Shot("5-drill-later"),
                TourStep::Send(Intent::TogglePause),
                TourStep::Settle(3),
                TourStep::Shot("5b-drill-paused"),
                TourStep::Send(Intent::TogglePause),
                TourStep::Settle(2),
                TourStep::PlayToInputOrEnd,
                TourStep::FillReport,
                TourStep::Settle(4),
                TourStep::Shot("6-incident-report"),
                TourStep::SubmitReport,
                TourStep::FinishDrill,
                TourStep::WaitScreen(Screen::Review),
                TourStep::Settle(6),
                TourStep::Shot("7-review"),
                TourStep::Send(Intent::AddNote {
                    decision: 1,
                    author: "Coach".into(),
                    text: "Held the line under pressure.".into(),
                }),
                TourStep::Settle(2),
                TourStep::OverrideFirst,
                TourStep::Settle(3),
                TourStep::Jump(ReviewPart::Flags),
                TourStep::Settle(4),
                TourStep::Shot("7b-review-flags"),
                TourStep::Jump(ReviewPart::Answers),
                TourStep::Settle(4),
                TourStep::Shot("7c-review-answer"),
                TourStep::Send(Intent::Go(Screen::Team)),
                TourStep::WaitScreen(Screen::Team),
                TourStep::Settle(4),
                TourStep::Shot("8-team"),
                // An assessment set: its screen, a drill played for it, the screen after it.
                TourStep::OpenFirstAssessment,
                TourStep::WaitScreen(Screen::Assessment),
                TourStep::Settle(4),
                TourStep::Shot("9-assessment"),
                TourStep::StartShownAssessment,
                TourStep::WaitScreen(Screen::Drill),
                TourStep::Settle(4),
                TourStep::Shot("9b-assessment-drill"),
                TourStep::FinishDrill,
                TourStep::WaitScreen(Screen::Assessment),
                TourStep::Settle(4),
                TourStep::Shot("9c-assessment-after-a-drill"),
                TourStep::Exit,
            ]
        });
        app.insert_resource(Tour {
            step_started: Instant::now(),
            dir,
            scenario,
            steps,
            at: 0,
            settle: 0,
            waiting_for: None,
        })
        .add_systems(Update, walk_tour.before(super::AppSystems::HandleIntents));
    }
}

fn report_first_frame(frames: Res<FrameCount>, started: Res<Started>, mut done: Local<bool>) {
    // Frame 0 has been drawn once the second frame begins.
    if !*done && frames.0 >= 1 {
        *done = true;
        info!("first frame drawn {} ms after start", started.0.elapsed().as_millis());
    }
}

/// The position of the best-scoring option on offer.
fn best_option(drill: &ActiveDrill) -> Option<usize> {
    let scenario = drill.runner.scenario();
    drill
        .runner
        .options()
        .iter()
        .enumerate()
        .max_by_key(|(i, o)| {
            let points = scenario.choice(&o.id).map_or(0, |(_, c)| c.total_score());
            (points, std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i)
}

/// Writes the tour's sample report (or free-text answer) into the form.
fn fill_sample(form: &mut ReportForm, kind: InputKind, tr: &Tr) {
    match kind {
        InputKind::IncidentReport => {
            form.description = tr.t("tour-report-description");
            form.scope = tr.t("tour-report-scope");
            form.measures = tr.t("tour-report-measures");
        }
        InputKind::FreeText => form.text = tr.t("tour-report-description"),
    }
}

fn walk_tour(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    library: Res<Library>,
    screen: Res<State<Screen>>,
    drill: Option<Res<ActiveDrill>>,
    clock: Res<Clock>,
    tr: Res<Tr>,
    mut form: ResMut<ReportForm>,
    finished: Option<Res<FinishedDrill>>,
    mut note: ResMut<NoteForm>,
    shown: Res<super::assessment::ShownAssessment>,
    mut intents: MessageWriter<Intent>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    redraw.write(RequestRedraw);
    if let Some(file) = &tour.waiting_for {
        if !file.exists() {
            return;
        }
        tour.waiting_for = None;
        tour.settle = 2;
    }
    if tour.settle > 0 {
        tour.settle -= 1;
        return;
    }
    let Some(step) = tour.steps.get(tour.at).cloned() else { return };
    if tour.step_started.elapsed() > STEP_LIMIT {
        error!("tour: step {} ({step:?}) did not finish within {} s", tour.at + 1, STEP_LIMIT.as_secs());
        exit.write(AppExit::error());
        return;
    }
    let view = drill.as_deref().map(|d| drill_view(d, clock.now()));
    let mut done = true;
    match step {
        TourStep::WaitLoaded => {
            done = library.is_loaded();
        }
        TourStep::WaitScreen(s) => done = *screen.get() == s,
        TourStep::Settle(n) => tour.settle = n,
        TourStep::Send(intent) => {
            intents.write(intent);
        }
        TourStep::OpenScenario => {
            if library.playable(&tour.scenario).is_none() {
                error!("tour: {} is not a playable scenario in the folder", tour.scenario);
                exit.write(AppExit::error());
                return;
            }
            intents.write(Intent::OpenBriefing(tour.scenario.clone()));
        }
        TourStep::RevealFirst => {
            let field = view.iter().flat_map(|v| &v.desk).find_map(|(_, s)| match s {
                crate::engine::shown::DeskItem::Crm { fields, .. } => {
                    fields.iter().find(|f| f.masked).map(|f| f.label.clone())
                }
                _ => None,
            });
            if let Some(field) = field {
                intents.write(Intent::Reveal(field));
            }
        }
        TourStep::FlagFirst => {
            let first = view.as_ref().and_then(|v| {
                v.transcript.iter().find(|(_, e)| matches!(e, Shown::Line { speaker: Some(_), .. })).map(|(i, _)| *i)
            });
            if let Some(event) = first {
                intents.write(Intent::Flag(event, Spot::Line));
                if view.as_ref().is_some_and(|v| v.caller_event.is_some()) {
                    intents.write(Intent::Flag(event, Spot::CallerId));
                }
            }
        }
        TourStep::OverrideFirst => {
            let first = finished.as_deref().and_then(|f| {
                f.review.reports.iter().find(|r| r.gradable).and_then(|r| r.items.first().map(|i| (r.decision, i)))
            });
            if let Some((decision, item)) = first {
                intents.write(Intent::Grade {
                    decision,
                    item: item.id.clone(),
                    covered: !item.covered,
                    by: "Coach".into(),
                });
            }
        }
        TourStep::Jump(part) => note.jump = Some(part),
        TourStep::OpenFirstAssessment => {
            let first = match &library.curriculum {
                Some(Ok(c)) => c.assessments.first().map(|a| a.id.clone()),
                _ => None,
            };
            match first {
                Some(id) => {
                    intents.write(Intent::OpenAssessment(id));
                }
                None => {
                    info!("tour: no assessment set in the folder; screenshots saved in {}", tour.dir.display());
                    exit.write(AppExit::Success);
                    return;
                }
            }
        }
        TourStep::StartShownAssessment => {
            if let Some(id) = &shown.0 {
                intents.write(Intent::StartAssessment(id.clone()));
            }
        }
        TourStep::ChooseBest => {
            if let (Some(drill), Some(Prompt::Choices { .. })) = (drill.as_deref(), view.as_ref().map(|v| &v.waiting))
                && let Some(best) = best_option(drill)
            {
                intents.write(Intent::Choose(best));
            }
        }
        // FinishDrill also answers every written answer on the way with the sample report.
        TourStep::PlayToInputOrEnd | TourStep::FinishDrill => {
            match (drill.as_deref(), view.as_ref().map(|v| &v.waiting)) {
                (Some(drill), Some(Prompt::Choices { .. })) => {
                    if let Some(best) = best_option(drill) {
                        intents.write(Intent::Choose(best));
                    }
                    tour.settle = 2;
                    done = false;
                }
                (Some(_), Some(Prompt::Input { kind, .. })) if step == TourStep::FinishDrill => {
                    let mut sample = ReportForm::default();
                    fill_sample(&mut sample, *kind, &tr);
                    intents.write(Intent::Submit(sample.answer(*kind)));
                    tour.settle = 2;
                    done = false;
                }
                (Some(_), Some(Prompt::Nothing)) => done = false,
                _ => {}
            }
        }
        TourStep::FillReport => {
            if let Some(Prompt::Input { kind, .. }) = view.as_ref().map(|v| &v.waiting) {
                fill_sample(&mut form, *kind, &tr);
            }
        }
        TourStep::SubmitReport => {
            if let Some(Prompt::Input { kind, .. }) = view.as_ref().map(|v| &v.waiting) {
                intents.write(Intent::Submit(form.answer(*kind)));
            }
        }
        TourStep::Shot(name) => {
            let path = tour.dir.join(format!("{}-{name}.png", tr.lang().code()));
            let _ = std::fs::create_dir_all(&tour.dir);
            let _ = std::fs::remove_file(&path);
            commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone()));
            tour.waiting_for = Some(path);
        }
        TourStep::Wait(how_long) => done = tour.step_started.elapsed() >= how_long,
        TourStep::Exit => {
            info!("tour: screenshots saved in {}", tour.dir.display());
            exit.write(AppExit::Success);
        }
    }
    if done {
        tour.at += 1;
        tour.step_started = Instant::now();
    }
}
