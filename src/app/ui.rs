//! Drawing: egui set-up (the Chinese font, text size), the top bar and each screen's `draw_*`
//! function, and keeping an idle window idle: `bevy_egui` 0.42's repeated `ModifiersChanged` is
//! dropped, and the window wakes only as often as a visible clock needs.

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContexts, EguiInput, EguiPlugin, EguiPreUpdateSet, EguiPrimaryContextPass, egui};

use super::drill::{ActiveDrill, ReportForm, Shown, draw_drill, drill_view};
use super::i18n::Tr;
use super::library::{Library, SelectedScenario, draw_library, library_view};
use super::review::{Finished, draw_review};
use super::settings::{Draft, Settings, SettingsView, draw_settings};
use super::{Clock, Folders, Intent, Notice, Screen};
use crate::app::drill::Interrupted;

/// Noto Sans SC (SIL Open Font License), subset to GB 2312 and the bundled drills' characters.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.ttf");

/// How often a visible countdown is redrawn.
pub const COUNTDOWN_REDRAW: Duration = Duration::from_millis(250);
/// How often a climbing complaint queue is redrawn.
pub const QUEUE_REDRAW: Duration = Duration::from_secs(2);

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
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(
            PreUpdate,
            drop_repeated_modifiers.after(EguiPreUpdateSet::ProcessInput).before(EguiPreUpdateSet::BeginPass),
        )
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
        ctx.set_visuals(egui::Visuals::light());
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

/// Wakes the app as often as what is on screen needs: a countdown a few times a second, a
/// climbing queue every two seconds, a delayed inject when it is due; otherwise only on input.
fn pace_redraws(
    screen: Res<State<Screen>>,
    drill: Option<Res<ActiveDrill>>,
    clock: Res<Clock>,
    mut winit: ResMut<WinitSettings>,
) {
    let desktop = WinitSettings::desktop_app();
    let mut wait = None;
    if let (Screen::Drill, Some(drill)) = (screen.get(), drill.as_deref()) {
        let now = clock.now();
        if let Some(due) = drill.due_in(now) {
            wait = Some(Duration::from_millis(due.max(1)));
        }
        if !drill.is_paused() {
            let view = drill_view(drill, now);
            if matches!(view.waiting, super::drill::Waiting::Choices { countdown: Some(_), .. }) {
                wait = Some(wait.map_or(COUNTDOWN_REDRAW, |w| w.min(COUNTDOWN_REDRAW)));
            }
            if view.desk.iter().any(|s| matches!(s, Shown::Queue { per_minute, .. } if *per_minute > 0)) {
                wait = Some(wait.map_or(QUEUE_REDRAW, |w| w.min(QUEUE_REDRAW)));
            }
        }
    }
    let wanted = match wait {
        Some(wait) => {
            WinitSettings { focused_mode: UpdateMode::reactive(wait), unfocused_mode: UpdateMode::reactive(wait) }
        }
        None => desktop,
    };
    if winit.focused_mode != wanted.focused_mode || winit.unfocused_mode != wanted.unfocused_mode {
        *winit = wanted;
    }
}

/// An intent or a screen change needs another frame to show its effect.
fn redraw_after_change(
    mut intents: MessageReader<Intent>,
    next: Res<NextState<Screen>>,
    drill: Option<Res<ActiveDrill>>,
    library: Res<Library>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let intent = intents.read().count() > 0;
    let pending = matches!(*next, NextState::Pending(_) | NextState::PendingIfNeq(_));
    let drill_changed = drill.is_some_and(|d| d.is_changed());
    if intent || pending || drill_changed || library.is_changed() {
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
                for (target, id) in [(Screen::Library, "nav-library"), (Screen::Settings, "nav-settings")] {
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

/// Draws the screen in force and sends what the person asked for.
fn draw_ui(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    tr: Res<Tr>,
    settings: Res<Settings>,
    folders: Res<Folders>,
    library: Res<Library>,
    selected: Res<SelectedScenario>,
    interrupted: Res<Interrupted>,
    drill: Option<Res<ActiveDrill>>,
    finished: Option<Res<Finished>>,
    notice: Res<Notice>,
    clock: Res<Clock>,
    mut draft: ResMut<Draft>,
    mut form: ResMut<ReportForm>,
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
            let scenario = selected.0.as_deref().and_then(|p| library.playable(p));
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
                shown(&mut |ui| draw_drill(ui, &view, &mut form, &tr));
            }
        }
        Screen::Review => {
            if let Some(finished) = finished.as_deref() {
                shown(&mut |ui| draw_review(ui, finished, &tr));
            }
        }
        Screen::Settings => {
            let view = SettingsView {
                saved: &settings,
                data_override: folders.data_override.as_deref(),
                default_data_dir: crate::cli::data_dir(None),
                file: &folders.settings_file,
            };
            shown(&mut |ui| draw_settings(ui, &view, &mut draft.0, &tr));
        }
    }
    if let Some(intent) = intent {
        intents.write(intent);
    }
    Ok(())
}
