//! Drawing: egui set-up (the Chinese font, text size), the top bar and each screen's `draw_*`
//! function, and keeping an idle window idle: `bevy_egui` 0.42's repeated `ModifiersChanged` is
//! dropped, and the window wakes only as often as a visible clock needs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{EventLoopProxy, EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::{EguiContexts, EguiInput, EguiPlugin, EguiPreUpdateSet, EguiPrimaryContextPass, egui};

use super::drill::{ActiveDrill, ReportForm};
use super::drill_ui::{draw_drill, drill_view};
use super::i18n::Tr;
use super::library::{Library, SelectedScenario};
use super::library_ui::{draw_library, library_view};
use super::review::{FinishedDrill, NoteForm, draw_review};
use super::settings::{Draft, Settings, SettingsView, draw_settings};
use super::team::{TeamFolderField, TeamScreen, draw_team};
use super::{Clock, Folders, Intent, Notice, Screen};
use crate::app::drill::InterruptedDrill;

/// Noto Sans SC (SIL Open Font License), subset to GB 2312 and the bundled drills' characters.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.ttf");

/// How often the window looks again while scenario files are still loading.
const LOADING_POLL: Duration = Duration::from_millis(100);

/// The window's background: egui's light panel grey, drawn by the clear instead of by each panel.
pub fn background() -> Color {
    let [r, g, b, _] = egui::Visuals::light().panel_fill.to_array();
    Color::srgb_u8(r, g, b)
}

/// Font and text-size set-up state.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
struct EguiSetup {
    fonts_done: bool,
    with_cjk: bool,
    zoom: f32,
}

pub(super) fn plugin(app: &mut App, without_cjk_font: bool) {
    app.add_plugins(EguiPlugin::default())
        .insert_resource(EguiSetup { fonts_done: false, with_cjk: !without_cjk_font, zoom: 0.0 })
        // egui draws its own anti-aliased shapes; multisampling would only multiply the cost of
        // every frame (on a software renderer it is most of it).
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn((Camera2d, bevy::render::view::Msaa::Off));
        })
        .add_systems(
            PreUpdate,
            drop_repeated_modifiers.after(EguiPreUpdateSet::ProcessInput).before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(Startup, watch_scenario_folder)
        .add_systems(EguiPrimaryContextPass, (set_up_egui, draw_ui).chain())
        .add_systems(Last, (pace_redraws, redraw_after_change));
}

/// The fonts egui uses: its defaults, with Noto Sans SC behind them for Chinese.
pub fn fonts(with_cjk: bool) -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    if with_cjk {
        fonts.font_data.insert("noto-sans-sc".into(), Arc::new(egui::FontData::from_static(CJK_FONT)));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push("noto-sans-sc".into());
        }
    }
    fonts
}

fn set_up_egui(mut contexts: EguiContexts, mut setup: ResMut<EguiSetup>, settings: Res<Settings>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !setup.fonts_done {
        ctx.set_fonts(fonts(setup.with_cjk));
        // Panels leave their background to the window's clear colour (the same grey): a software
        // renderer then shades each pixel of the background once per frame, not once per panel.
        let mut visuals = egui::Visuals::light();
        visuals.panel_fill = egui::Color32::TRANSPARENT;
        ctx.set_visuals(visuals);
        ctx.all_styles_mut(|s| s.spacing.item_spacing = egui::vec2(8.0, 6.0));
        setup.fonts_done = true;
    }
    if (setup.zoom - settings.text_size).abs() > f32::EPSILON {
        ctx.set_zoom_factor(settings.text_size);
        setup.zoom = settings.text_size;
    }
    Ok(())
}

/// `bevy_egui` 0.42 pushes `ModifiersChanged` into every frame's input, which egui takes as new
/// input and answers with a repaint, so an idle window redraws forever. Only real changes pass.
fn drop_repeated_modifiers(mut inputs: Query<&mut EguiInput>, mut last: Local<Option<egui::Modifiers>>) {
    for mut input in &mut inputs {
        let events = &mut input.0.events;
        events.retain(|event| match event {
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

/// Wakes the event loop at a given moment from a thread of its own: the window stays in
/// `desktop_app` mode (changing the update mode would itself force a frame).
struct Waker {
    tx: std::sync::mpsc::Sender<Instant>,
    scheduled: Option<Instant>,
}

impl Waker {
    fn start(proxy: EventLoopProxy<WinitUserEvent>) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<Instant>();
        let spawned = std::thread::Builder::new().name("hotwash-waker".into()).spawn(move || {
            use std::sync::mpsc::RecvTimeoutError;
            let mut next: Option<Instant> = None;
            loop {
                let got = match next {
                    Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                    None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match got {
                    Ok(at) => next = Some(at),
                    Err(RecvTimeoutError::Timeout) => {
                        let _ = proxy.send_event(WinitUserEvent::WakeUp);
                        next = None;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        if let Err(e) = spawned {
            error!("no timer thread ({e}); a countdown will update on input only");
        }
        Self { tx, scheduled: None }
    }

    /// Asks for a frame `after` from now, unless one is already due about then.
    fn wake_in(&mut self, after: Duration) {
        let now = Instant::now();
        let at = now + after;
        let close = |s: Instant| s > now && (s.max(at) - s.min(at)) < Duration::from_millis(8);
        if !self.scheduled.is_some_and(close) && self.tx.send(at).is_ok() {
            self.scheduled = Some(at);
        }
    }
}

/// Wakes the app when what is on screen changes: the countdown's shown second, the queue's
/// count, a delayed inject or the deadline; otherwise only on input.
fn pace_redraws(
    screen: Res<State<Screen>>,
    drill: Option<Res<ActiveDrill>>,
    clock: Res<Clock>,
    library: Res<Library>,
    live: Res<super::live::Live>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut waker: Local<Option<Waker>>,
) {
    let mut wait = match (screen.get(), drill.as_deref()) {
        (Screen::Drill, Some(drill)) => next_change(drill, clock.now()),
        _ => None,
    };
    // A live session is polled on the network while it lasts, whatever the screen.
    if live.is_on() {
        wait = Some(wait.map_or(super::live::POLL_EVERY, |w| w.min(super::live::POLL_EVERY)));
    }
    // Scenario files still loading: look again soon, or the library would wait for input.
    if library.is_loading() {
        wait = Some(wait.map_or(LOADING_POLL, |w| w.min(LOADING_POLL)));
    }
    if let (Some(wait), Some(proxy)) = (wait, proxy) {
        waker.get_or_insert_with(|| Waker::start((**proxy).clone())).wake_in(wait);
    }
}

/// An idle window sleeps, so the asset server would only see an edited scenario at the next
/// input. A thread looks at the folder's files twice a second (names, sizes, times: no reading)
/// and wakes the window a few times when something changed, long enough for the file watcher's
/// reload to land; it flags a new or removed file for the library to pick up.
fn watch_scenario_folder(
    folders: Res<Folders>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    changed: Res<super::library::FolderChanged>,
) {
    let Some(proxy) = proxy else { return };
    let proxy: EventLoopProxy<WinitUserEvent> = (**proxy).clone();
    let (folder, changed) = (folders.scenarios.clone(), changed.0.clone());
    let look = move || {
        let files = super::library::scenario_paths(&folder);
        let stamps: Vec<(String, Option<(u64, std::time::SystemTime)>)> = files
            .into_iter()
            .map(|f| {
                let meta = std::fs::metadata(folder.join(&f)).ok();
                let stamp = meta.and_then(|m| m.modified().ok().map(|t| (m.len(), t)));
                (f, stamp)
            })
            .collect();
        stamps
    };
    let spawned = std::thread::Builder::new().name("hotwash-folder".into()).spawn(move || {
        let mut before = look();
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = look();
            if now != before {
                let names = |v: &[(String, Option<(u64, std::time::SystemTime)>)]| {
                    v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
                };
                if names(&now) != names(&before) {
                    changed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                before = now;
                for pause in [0, 400, 800, 1600] {
                    std::thread::sleep(Duration::from_millis(pause));
                    if proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                        return;
                    }
                }
            }
        }
    });
    if let Err(e) = spawned {
        error!("no folder watch thread ({e}); edits show at the next input");
    }
}

/// How long until the Drill screen shows something new on its own, if it ever does.
pub fn next_change(drill: &ActiveDrill, now: u64) -> Option<Duration> {
    drill.runner.wake_in(crate::engine::times::WallMs(now)).map(|ms| Duration::from_millis(ms.max(20) + 5))
}

/// An intent or a screen change needs another frame to show its effect.
fn redraw_after_change(
    mut intents: MessageReader<Intent>,
    next: Res<NextState<Screen>>,
    drill: Option<Res<ActiveDrill>>,
    library: Res<Library>,
    live: Res<super::live::Live>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let intent = intents.read().count() > 0;
    let pending = matches!(*next, NextState::Pending(_) | NextState::PendingIfNeq(_));
    let drill_changed = drill.is_some_and(|d| d.is_changed());
    if intent || pending || drill_changed || library.is_changed() || live.is_changed() {
        redraw.write(RequestRedraw);
    }
}

/// The top bar: the app's name, the screens one may go to, and a notice when there is one.
fn draw_top_bar(ui: &mut egui::Ui, screen: Screen, notice: Option<&str>, trainee: &str, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(egui::RichText::new("Hotwash").strong());
            ui.separator();
            if screen != Screen::Drill {
                for (target, id) in [
                    (Screen::Library, "nav-library"),
                    (Screen::Session, "nav-session"),
                    (Screen::Team, "nav-team"),
                    (Screen::Settings, "nav-settings"),
                ] {
                    if ui.selectable_label(screen == target, tr.t(id)).clicked() && screen != target {
                        intent = Some(Intent::Go(target));
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(tr.t_args("nav-trainee", &[("trainee", trainee.to_owned().into())]));
            });
        });
        if let Some(notice) = notice {
            ui.colored_label(ui.visuals().error_fg_color, notice);
        }
    });
    intent
}

/// What is being typed on the screens (UI state, never drill state).
#[derive(bevy::ecs::system::SystemParam)]
struct Forms<'w> {
    draft: ResMut<'w, Draft>,
    session: ResMut<'w, super::live::SessionForms>,
    report: ResMut<'w, ReportForm>,
    note: ResMut<'w, NoteForm>,
    team_folder: ResMut<'w, TeamFolderField>,
}

/// What the Briefing, Assessment and Session screens are about.
#[derive(bevy::ecs::system::SystemParam)]
struct Chosen<'w> {
    scenario: Res<'w, SelectedScenario>,
    assessment: Res<'w, super::assessment::ShownAssessment>,
    live: Res<'w, super::live::Live>,
}

/// Draws the screen in force and sends what the person asked for.
fn draw_ui(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    tr: Res<Tr>,
    settings: Res<Settings>,
    folders: Res<Folders>,
    library: Res<Library>,
    chosen: Chosen,
    interrupted: Res<InterruptedDrill>,
    drill: Option<Res<ActiveDrill>>,
    finished: Option<Res<FinishedDrill>>,
    notice: Res<Notice>,
    clock: Res<Clock>,
    team: Res<TeamScreen>,
    sender: Res<super::sending::Sender>,
    mut forms: Forms,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let screen = *screen.get();
    let mut intent = draw_top_bar(&mut root, screen, notice.0.as_deref(), &settings.trainee, &tr);
    let mut shown = |f: &mut dyn FnMut(&mut egui::Ui) -> Option<Intent>| {
        let inner = egui::CentralPanel::default().show(&mut root, |ui| f(ui)).inner;
        intent = intent.take().or(inner);
    };
    match screen {
        Screen::Library => {
            let view = library_view(&library, interrupted.0.as_ref(), &settings, &folders.scenarios, &tr);
            shown(&mut |ui| draw_library(ui, &view, &tr));
        }
        Screen::Briefing => {
            let scenario = chosen.scenario.0.as_deref().and_then(|p| library.playable(p));
            shown(&mut |ui| match &scenario {
                Some(s) => super::briefing::draw_briefing(ui, s, &tr),
                None => {
                    ui.label(tr.t("briefing-gone"));
                    ui.button(tr.t("briefing-back")).clicked().then_some(Intent::Go(Screen::Library))
                }
            });
        }
        Screen::Drill => {
            if let Some(drill) = drill.as_deref() {
                let view = drill_view(drill, clock.now());
                shown(&mut |ui| draw_drill(ui, &view, &mut forms.report, &tr));
            }
        }
        Screen::Review => {
            if let Some(finished) = finished.as_deref() {
                shown(&mut |ui| draw_review(ui, finished, &mut forms.note, &tr));
            }
        }
        Screen::Team => shown(&mut |ui| draw_team(ui, &team, &mut forms.team_folder.0, &tr)),
        Screen::Session => {
            let now = clock.now();
            shown(&mut |ui| {
                super::live_ui::draw_session(
                    ui,
                    &chosen.live,
                    &mut forms.session,
                    &mut forms.report,
                    &library,
                    now,
                    &tr,
                )
            });
        }
        Screen::Assessment => {
            let view = super::assessment::assessment_view(&library, &chosen.assessment, &settings, &tr);
            shown(&mut |ui| super::assessment::draw_assessment(ui, &view, &tr));
        }
        Screen::Settings => {
            let view = SettingsView {
                saved: &settings,
                data_override: folders.data_override.as_deref(),
                default_data_dir: crate::engine::folders::DataDir::platform_default(),
                file: &folders.settings_file,
                sending: sender.status(),
            };
            // The queue changes in the background: look again every second while it is shown.
            if view.sending.busy || view.sending.counts().0 > 0 {
                ctx.request_repaint_after(std::time::Duration::from_secs(1));
            }
            shown(&mut |ui| draw_settings(ui, &view, &mut forms.draft.0, &tr));
        }
    }
    if let Some(intent) = intent {
        intents.write(intent);
    }
    Ok(())
}
