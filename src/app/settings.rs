//! The trainee's settings (name, interface language, text size, data folder), kept in a RON file
//! in the platform's config folder and written atomically whenever they are saved; and the
//! Settings screen.

use crate::engine::folders::DataDir;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::egui;
use serde::{Deserialize, Serialize};

use super::i18n::{Lang, Tr};
use super::sending::{LrsSettings, Sender, Status};
use super::{AppSystems, Folders, Intent, Notice, Screen};
use crate::engine::store;

/// The smallest and largest text size the settings accept.
pub const TEXT_SIZES: std::ops::RangeInclusive<f32> = 0.8..=1.6;

/// What the trainee set.
#[derive(Resource, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The trainee's name or ID, written into every debrief.
    pub trainee: String,
    /// The interface language.
    pub language: Lang,
    /// Text size, as a zoom factor (1.0 is normal).
    pub text_size: f32,
    /// Where debriefs and the drill in progress are kept; `None` for the platform's data folder.
    pub data_dir: Option<PathBuf>,
    /// The Learning Record Store finished drills are sent to.
    pub lrs: LrsSettings,
    /// The track of the training path the Library shows (none: the curriculum's first).
    pub track: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        let trainee = std::env::var("USER").ok().filter(|u| !u.trim().is_empty()).unwrap_or_else(|| "trainee".into());
        let language = std::env::var("LANG").ok().and_then(|l| Lang::from_code(&l)).unwrap_or_default();
        Self { trainee, language, text_size: 1.0, data_dir: None, lrs: LrsSettings::default(), track: None }
    }
}

impl Settings {
    /// The settings as read from `path`: defaults when the file does not exist, and defaults
    /// plus an explanation when it cannot be read (the broken file is kept aside, not lost).
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let (settings, unreadable) = Self::read(path);
        (settings, unreadable.map(|u| u.words(crate::engine::i18n::Lang::En.tr())))
    }

    /// The settings as read from `path`, as [`Settings::load`], with the problem to be worded in
    /// the interface language.
    pub fn read(path: &Path) -> (Self, Option<Unreadable>) {
        if !path.exists() {
            return (Self::default(), None);
        }
        match store::load::<Settings>(path, "settings file") {
            Ok(mut s) => {
                s.text_size = s.text_size.clamp(*TEXT_SIZES.start(), *TEXT_SIZES.end());
                (s, None)
            }
            Err(err) => {
                let aside = path.with_extension("ron.broken");
                let kept = std::fs::rename(path, &aside).is_ok().then_some(aside);
                (Self::default(), Some(Unreadable { error: err.to_string(), kept }))
            }
        }
    }

    /// The data folder in force: `--data-dir` first, then these settings, then the platform's.
    pub fn data_dir(&self, folders: &Folders) -> DataDir {
        DataDir::given_or_default(folders.data_override.as_deref().or(self.data_dir.as_deref()))
    }
}

/// Where the settings are kept unless told otherwise.
pub fn default_file() -> PathBuf {
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("hotwash").join("settings.ron")
}

/// A settings file that could not be read: why, and where it was kept aside (when it could be).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// What is wrong with the file, with its place.
    pub error: String,
    /// Where the broken file now is.
    pub kept: Option<PathBuf>,
}

impl Unreadable {
    /// The notice, in the catalogue's language.
    pub fn words(&self, tr: &crate::engine::i18n::Tr) -> String {
        match &self.kept {
            Some(aside) => {
                tr.t_text("app-settings-unreadable-kept", &[("error", &self.error), ("file", &aside.display())])
            }
            None => tr.t_text("app-settings-unreadable", &[("error", &self.error)]),
        }
    }
}

/// The settings being edited on the Settings screen, before Save.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Draft(pub Settings);

pub(super) fn plugin(app: &mut App, lang: Option<Lang>) {
    let file = app.world().resource::<Folders>().settings_file.clone();
    let (settings, problem) = Settings::read(&file);
    // `--lang` is for this run: the interface speaks it, the settings keep theirs.
    let tr = Tr::new(lang.unwrap_or(settings.language));
    if let Some(problem) = problem {
        app.insert_resource(Notice(Some(problem.words(&tr))));
    }
    app.insert_resource(tr)
        .insert_resource(Draft(settings.clone()))
        .insert_resource(settings)
        .add_systems(Startup, start_sending)
        .add_systems(OnEnter(Screen::Settings), start_draft)
        .add_systems(Update, handle_settings_intents.in_set(AppSystems::HandleIntents));
}

/// Sends what an earlier session left pending, when the settings name an LRS.
fn start_sending(sender: Res<Sender>, settings: Res<Settings>, folders: Res<Folders>) {
    let data = settings.data_dir(&folders);
    sender.configure(&settings.lrs, data.root());
}

fn start_draft(settings: Res<Settings>, mut draft: ResMut<Draft>) {
    draft.0 = settings.clone();
}

fn handle_settings_intents(
    mut intents: MessageReader<Intent>,
    mut settings: ResMut<Settings>,
    mut tr: ResMut<Tr>,
    folders: Res<Folders>,
    sender: Res<Sender>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent {
            Intent::SaveSettings(new) => {
                let mut new = new.clone();
                new.trainee = new.trainee.trim().to_owned();
                if new.trainee.is_empty() {
                    new.trainee = "trainee".into();
                }
                new.text_size = new.text_size.clamp(*TEXT_SIZES.start(), *TEXT_SIZES.end());
                new.lrs.endpoint = new.lrs.endpoint.trim().to_owned();
                new.lrs.base = new.lrs.base.trim().to_owned();
                // Settings that cannot send are not saved: the screen stays, saying why.
                if let Err(why) = new.lrs.check() {
                    notice.0 = Some(tr.t_text("settings-lrs-invalid", &[("why", &why)]));
                    continue;
                }
                if new.language != tr.lang() || new.language != settings.language {
                    *tr = Tr::new(new.language);
                }
                match store::save(&folders.settings_file, &new) {
                    Ok(()) => notice.0 = None,
                    Err(err) => notice.0 = Some(format!("{err}")),
                }
                *settings = new;
                sender.configure(&settings.lrs, settings.data_dir(&folders).root());
                next.set(Screen::Library);
            }
            Intent::SetTrack(track) => {
                settings.track = Some(track.clone());
                if let Err(err) = store::save(&folders.settings_file, &*settings) {
                    notice.0 = Some(format!("{err}"));
                }
            }
            Intent::SendNow => sender.wake(),
            Intent::RetryFailed => {
                let data = settings.data_dir(&folders);
                if let Err(err) = crate::lrs::outbox::Outbox::new(data.root()).retry_failed() {
                    notice.0 = Some(err.to_string());
                }
                sender.configure(&settings.lrs, data.root());
            }
            _ => {}
        }
    }
}

/// What the Settings screen shows.
pub struct SettingsView<'a> {
    /// The settings in force.
    pub saved: &'a Settings,
    /// `--data-dir`, which wins over the folder set here.
    pub data_override: Option<&'a Path>,
    /// The platform's data folder, used when none is set.
    pub default_data_dir: PathBuf,
    /// The settings file.
    pub file: &'a Path,
    /// The queue of drills for the LRS.
    pub sending: Status,
}

/// Draws the Settings screen over the draft being edited; Save sends the draft.
pub fn draw_settings(ui: &mut egui::Ui, view: &SettingsView<'_>, draft: &mut Settings, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    ui.heading(tr.t("settings-title"));
    ui.add_space(8.0);
    egui::Grid::new("settings").num_columns(2).spacing([16.0, 12.0]).show(ui, |ui| {
        ui.label(tr.t("settings-trainee"));
        ui.add(
            egui::TextEdit::singleline(&mut draft.trainee)
                .desired_width(280.0)
                .hint_text(tr.t("settings-trainee-hint")),
        );
        ui.end_row();

        ui.label(tr.t("settings-language"));
        ui.horizontal(|ui| {
            for lang in Lang::ALL {
                ui.radio_value(&mut draft.language, lang, lang.native_name());
            }
        });
        ui.end_row();

        ui.label(tr.t("settings-text-size"));
        ui.add(egui::Slider::new(&mut draft.text_size, TEXT_SIZES).step_by(0.1).fixed_decimals(1));
        ui.end_row();

        ui.label(tr.t("settings-data-folder"));
        ui.vertical(|ui| {
            let mut text = draft.data_dir.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
            let edit = egui::TextEdit::singleline(&mut text)
                .desired_width(420.0)
                .hint_text(view.default_data_dir.display().to_string());
            if ui.add(edit).changed() {
                draft.data_dir = Some(text.trim()).filter(|t| !t.is_empty()).map(PathBuf::from);
            }
            if let Some(over) = view.data_override {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr.t_args("settings-data-overridden", &[("folder", over.display().to_string().into())]),
                );
            } else {
                ui.weak(tr.t("settings-data-hint"));
            }
        });
        ui.end_row();
    });
    ui.add_space(12.0);
    ui.separator();
    if let Some(i) = draw_lrs(ui, view, &mut draft.lrs, tr) {
        intent = Some(i);
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button(tr.t("settings-save")).clicked() {
            intent = Some(Intent::SaveSettings(draft.clone()));
        }
        if ui.button(tr.t("settings-cancel")).clicked() {
            *draft = view.saved.clone();
            intent = Some(Intent::Go(Screen::Library));
        }
    });
    ui.add_space(8.0);
    ui.weak(tr.t_args("settings-file", &[("file", view.file.display().to_string().into())]));
    intent
}

/// An optional path edited as text (empty: none).
fn path_field(ui: &mut egui::Ui, path: &mut Option<PathBuf>, hint: &str) {
    let mut text = path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    if ui.add(egui::TextEdit::singleline(&mut text).desired_width(420.0).hint_text(hint)).changed() {
        *path = Some(text.trim()).filter(|t| !t.is_empty()).map(PathBuf::from);
    }
}

/// The Learning Record Store section: where to send, and the queue.
fn draw_lrs(ui: &mut egui::Ui, view: &SettingsView<'_>, lrs: &mut LrsSettings, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    ui.strong(tr.t("settings-lrs-title"));
    ui.weak(tr.t("settings-lrs-hint"));
    ui.add_space(6.0);
    egui::Grid::new("settings-lrs").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
        ui.label(tr.t("settings-lrs-endpoint"));
        ui.add(
            egui::TextEdit::singleline(&mut lrs.endpoint)
                .desired_width(420.0)
                .hint_text("https://lrs.example.org/xapi"),
        );
        ui.end_row();
        ui.label(tr.t("settings-lrs-base"));
        ui.add(
            egui::TextEdit::singleline(&mut lrs.base).desired_width(420.0).hint_text("https://lms.example.org/xapi"),
        );
        ui.end_row();
        ui.label(tr.t("settings-lrs-auth"));
        path_field(ui, &mut lrs.auth_file, &tr.t("settings-lrs-auth-hint"));
        ui.end_row();
        ui.label(tr.t("settings-lrs-key"));
        path_field(ui, &mut lrs.key_file, &tr.t("settings-lrs-key-hint"));
        ui.end_row();
    });
    let status = &view.sending;
    if !status.entries.is_empty() || view.saved.lrs.is_on() {
        ui.add_space(6.0);
        let (pending, sent, failed) = status.counts();
        ui.label(tr.t_text("settings-lrs-queue", &[("pending", &pending), ("sent", &sent), ("failed", &failed)]));
        if status.busy {
            ui.weak(tr.t("settings-lrs-busy"));
        } else if let Some(why) = &status.waiting {
            ui.colored_label(ui.visuals().warn_fg_color, tr.t_text("settings-lrs-waiting", &[("why", why)]));
        }
        for entry in &status.entries {
            if let crate::lrs::outbox::State::Failed(why) = &entry.state {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr.t_text("settings-lrs-failed", &[("drill", &entry.name), ("why", why)]),
                );
            }
        }
        ui.horizontal(|ui| {
            if view.saved.lrs.is_on() && ui.button(tr.t("settings-lrs-send-now")).clicked() {
                intent = Some(Intent::SendNow);
            }
            if failed > 0 && ui.button(tr.t("settings-lrs-retry")).clicked() {
                intent = Some(Intent::RetryFailed);
            }
        });
    }
    intent
}
