//! The Library screen and what it lists: scenario files loaded as Bevy assets through the
//! engine's loader and validator (hot-reloaded when a file changes), the trainee's last result
//! for each, and a drill that was interrupted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext};
use bevy::prelude::*;
use bevy_egui::egui;

use super::drill::SavedDrill;
use super::i18n::{Tr, category_label, difficulty_label, outcome_label};
use super::settings::Settings;
use super::{AppSystems, Folders, Intent, Notice, Screen};
use crate::engine::load::load_bytes;
use crate::engine::model::{Category, Outcome, Scenario};
use crate::engine::review::{DrillSummary, Points, competency_points};
use crate::engine::store;

/// A scenario file as the asset server holds it: the scenario when it loads, and its problems.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioAsset {
    /// The scenario, when the file has no errors.
    pub scenario: Option<Arc<Scenario>>,
    /// The first error as `path:line:col: error: message`, when there is one.
    pub first_error: Option<String>,
    /// Every diagnostic, rendered with its line and caret.
    pub diagnostics: String,
}

impl ScenarioAsset {
    /// Loads and validates `bytes`, naming the file `shown` in diagnostics.
    pub fn from_bytes(shown: &str, bytes: &[u8]) -> Self {
        let checked = load_bytes(bytes);
        let source = String::from_utf8_lossy(bytes);
        let rendered: Vec<String> = checked.diagnostics.iter().map(|d| d.render(shown, &source)).collect();
        let first_error = checked
            .diagnostics
            .iter()
            .zip(&rendered)
            .find(|(d, _)| d.is_error())
            .and_then(|(_, r)| r.lines().next().map(str::to_owned));
        let scenario = if checked.has_errors() { None } else { checked.scenario.map(Arc::new) };
        Self { scenario, first_error, diagnostics: rendered.join("\n") }
    }
}

/// Reads `.ron` scenario files with the engine's loader; a file with errors still loads, as an
/// asset that carries its diagnostics, so the library can show them.
#[derive(Default, TypePath)]
pub struct ScenarioLoader;

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(ScenarioAsset::from_bytes(&load_context.path().to_string(), &bytes))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// What the library knows of one file.
#[derive(Clone, Debug)]
pub enum Status {
    /// Not read yet.
    Loading,
    /// Playable.
    Ready(Arc<Scenario>),
    /// Has errors: the first one, and all of them rendered.
    Broken {
        /// `path:line:col: error: message`.
        first: String,
        /// Every diagnostic with its line and caret.
        all: String,
    },
}

/// One scenario file in the folder.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Keeps the asset loaded and watched.
    pub handle: Handle<ScenarioAsset>,
    /// What is known of it.
    pub status: Status,
}

/// A finished drill found in the data folder.
#[derive(Clone, Debug, PartialEq)]
pub struct PastResult {
    /// Scenario id.
    pub scenario: String,
    /// Scenario language.
    pub language: String,
    /// Who played.
    pub trainee: String,
    /// When it ended (wall-clock ms).
    pub ended_at: u64,
    /// The outcome.
    pub outcome: Outcome,
    /// P/S/M/U per competency, in order.
    pub levels: String,
    /// The same, by competency, for choosing follow-up drills.
    pub by_competency: BTreeMap<crate::engine::model::CompetencyId, crate::engine::review::Level>,
}

/// The scenario folder's files, the filters, and past results.
#[derive(Resource, Debug, Default)]
pub struct Library {
    /// Files by their path inside the scenario folder.
    pub entries: BTreeMap<String, Entry>,
    /// The search text.
    pub search: String,
    /// Only this category (its key).
    pub category: Option<String>,
    /// Only this scenario language.
    pub language: Option<String>,
    /// Finished drills found in the data folder, oldest first.
    pub results: Vec<PastResult>,
    /// Debrief files that could not be read: how many, and the first problem.
    pub unreadable: Option<(usize, String)>,
    /// What each debrief file gave when last read, with its size and modification time then, so
    /// coming back to the library reads only new and changed debriefs.
    read_files: BTreeMap<PathBuf, (Option<FileVersion>, Result<PastResult, String>)>,
}

/// A file's size and modification time, to tell whether it changed since it was read.
type FileVersion = (u64, std::time::SystemTime);

fn file_version(file: &Path) -> Option<FileVersion> {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The last result a debrief file records.
fn past_result(file: &Path) -> Result<PastResult, String> {
    let d = store::load_debrief(file).map_err(|e| e.to_string())?;
    let levels = competency_points(&d).values().map(|p: &Points| p.level().letter()).collect();
    let by_competency = crate::engine::review::PastPlay::of(&d).levels;
    Ok(PastResult {
        by_competency,
        scenario: d.scenario.id,
        language: d.scenario.language,
        trainee: d.trainee,
        ended_at: d.ended_at,
        outcome: d.outcome,
        levels,
    })
}

impl Library {
    /// Is any scenario file still being read?
    pub fn is_loading(&self) -> bool {
        self.entries.values().any(|e| matches!(e.status, Status::Loading))
    }

    /// Has every file in the folder been read (and is there at least one)?
    pub fn is_loaded(&self) -> bool {
        !self.entries.is_empty() && !self.is_loading()
    }

    /// The playable scenario at `path`.
    pub fn playable(&self, path: &str) -> Option<Arc<Scenario>> {
        match &self.entries.get(path)?.status {
            Status::Ready(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// The playable scenario with this id and language, with its path.
    pub fn find(&self, id: &str, language: &str) -> Option<(String, Arc<Scenario>)> {
        self.entries.iter().find_map(|(path, e)| match &e.status {
            Status::Ready(s) if s.id == id && s.language == language => Some((path.clone(), s.clone())),
            _ => None,
        })
    }

    /// Summaries of every playable scenario, for follow-up suggestions in reviews.
    pub fn catalog(&self) -> Vec<DrillSummary> {
        self.entries
            .values()
            .filter_map(|e| match &e.status {
                Status::Ready(s) => Some(DrillSummary::of(s)),
                _ => None,
            })
            .collect()
    }

    /// The catalogue with `trainee`'s last result on each drill, for follow-ups chosen for them.
    pub fn catalog_for(&self, trainee: &str) -> Vec<DrillSummary> {
        let plays: Vec<crate::engine::review::PastPlay> = self
            .results
            .iter()
            .map(|r| crate::engine::review::PastPlay {
                scenario: r.scenario.clone(),
                language: r.language.clone(),
                trainee: r.trainee.clone(),
                ended_at: r.ended_at,
                levels: r.by_competency.clone(),
            })
            .collect();
        DrillSummary::with_history(self.catalog(), &plays, trainee)
    }

    /// The newest result of `trainee` on a scenario.
    pub fn last_result(&self, scenario: &Scenario, trainee: &str) -> Option<&PastResult> {
        self.results
            .iter()
            .filter(|r| r.scenario == scenario.id && r.language == scenario.language && r.trainee == trainee)
            .max_by_key(|r| r.ended_at)
    }

    /// Reads the debriefs in `dir` for the last results: new and changed files only, the others
    /// as read before. Unreadable ones are counted and named.
    pub fn read_results(&mut self, dir: &Path) {
        let files = crate::engine::folders::debrief_files(&[dir.to_owned()]).unwrap_or_default();
        let mut before = std::mem::take(&mut self.read_files);
        for file in files {
            let version = file_version(&file);
            let entry = match before.remove(&file) {
                Some(known) if version.is_some() && known.0 == version => known,
                _ => (version, past_result(&file)),
            };
            self.read_files.insert(file, entry);
        }
        self.results = self.read_files.values().filter_map(|(_, r)| r.as_ref().ok().cloned()).collect();
        self.results.sort_by_key(|r| r.ended_at);
        let bad: Vec<&String> = self.read_files.values().filter_map(|(_, r)| r.as_ref().err()).collect();
        self.unreadable = bad.first().map(|first| (bad.len(), (*first).clone()));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>()
        .init_asset_loader::<ScenarioLoader>()
        .init_resource::<Library>()
        .init_resource::<SelectedScenario>()
        .init_resource::<FolderChanged>()
        .add_systems(Startup, (scan_folder, filter_to_interface_language))
        .add_systems(OnEnter(Screen::Library), read_results)
        .add_systems(
            Update,
            (handle_library_intents, pick_up_new_files, follow_assets).chain().in_set(AppSystems::HandleIntents),
        );
}

/// Set (from another thread) when files were added to or removed from the scenario folder.
#[derive(Resource, Clone, Debug, Default)]
pub struct FolderChanged(pub std::sync::Arc<std::sync::atomic::AtomicBool>);

/// Loads files that appeared in the folder and forgets those that went.
fn pick_up_new_files(
    changed: Res<FolderChanged>,
    folders: Res<Folders>,
    server: Res<AssetServer>,
    mut library: ResMut<Library>,
) {
    if changed.0.swap(false, std::sync::atomic::Ordering::Relaxed) {
        sync_entries(&mut library, &folders.scenarios, &server, false);
    }
}

/// The scenario chosen in the library, for the briefing.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectedScenario(pub Option<String>);

/// Every scenario file under `dir`, as paths inside it with `/` separators, sorted.
pub fn scenario_paths(dir: &Path) -> Vec<String> {
    let files = crate::engine::folders::scenario_files(&[dir.to_owned()]).unwrap_or_default();
    files
        .iter()
        .filter_map(|f| f.strip_prefix(dir).ok())
        .map(|rel| rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        .collect()
}

/// Loads every scenario file not yet known and forgets files that are gone; with `reload`, also
/// reads the known ones again.
fn sync_entries(library: &mut Library, folder: &Path, server: &AssetServer, reload: bool) {
    let paths = scenario_paths(folder);
    library.entries.retain(|p, _| paths.contains(p));
    for path in paths {
        match library.entries.entry(path) {
            std::collections::btree_map::Entry::Occupied(known) => {
                if reload {
                    server.reload(known.key().clone());
                }
            }
            std::collections::btree_map::Entry::Vacant(new) => {
                let handle = server.load::<ScenarioAsset>(new.key().clone());
                new.insert(Entry { handle, status: Status::Loading });
            }
        }
    }
}

fn scan_folder(folders: Res<Folders>, server: Res<AssetServer>, mut library: ResMut<Library>) {
    sync_entries(&mut library, &folders.scenarios, &server, false);
}

/// The library opens on the scenarios in the interface language.
fn filter_to_interface_language(tr: Res<super::i18n::Tr>, mut library: ResMut<Library>) {
    library.language = Some(tr.lang().code().to_owned());
}

fn read_results(folders: Res<Folders>, settings: Res<Settings>, mut library: ResMut<Library>) {
    library.read_results(&settings.data_dir(&folders).debriefs());
}

/// Keeps each entry's status in step with its asset: loaded, reloaded after an edit, or failed.
fn follow_assets(
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    mut failed: MessageReader<AssetLoadFailedEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    mut library: ResMut<Library>,
) {
    for event in events.read() {
        let (AssetEvent::Added { id } | AssetEvent::Modified { id } | AssetEvent::LoadedWithDependencies { id }) =
            event
        else {
            continue;
        };
        let Some(asset) = assets.get(*id) else { continue };
        for entry in library.entries.values_mut().filter(|e| e.handle.id() == *id) {
            entry.status = match (&asset.scenario, &asset.first_error) {
                (Some(s), _) => Status::Ready(s.clone()),
                (None, first) => Status::Broken {
                    first: first.clone().unwrap_or_else(|| asset.diagnostics.clone()),
                    all: asset.diagnostics.clone(),
                },
            };
        }
    }
    for fail in failed.read() {
        for entry in library.entries.values_mut().filter(|e| e.handle.id() == fail.id) {
            let first = format!("{}: error: {}", fail.path, fail.error);
            entry.status = Status::Broken { all: first.clone(), first };
        }
    }
}

fn handle_library_intents(
    mut intents: MessageReader<Intent>,
    mut library: ResMut<Library>,
    mut selected: ResMut<SelectedScenario>,
    mut next: ResMut<NextState<Screen>>,
    mut notice: ResMut<Notice>,
    folders: Res<Folders>,
    server: Res<AssetServer>,
) {
    for intent in intents.read() {
        match intent {
            Intent::Go(screen @ (Screen::Library | Screen::Settings | Screen::Team)) => {
                notice.0 = None;
                next.set(*screen);
            }
            Intent::Open(path) if library.playable(path).is_some() => {
                selected.0 = Some(path.clone());
                next.set(Screen::Briefing);
            }
            Intent::Search(text) => library.search.clone_from(text),
            Intent::FilterCategory(c) => library.category.clone_from(c),
            Intent::FilterLanguage(l) => library.language.clone_from(l),
            Intent::Rescan => sync_entries(&mut library, &folders.scenarios, &server, true),
            _ => {}
        }
    }
}

/// One playable scenario as a card.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Path inside the folder.
    pub path: String,
    /// Title.
    pub title: String,
    /// Difficulty, in the interface language.
    pub difficulty: String,
    /// Scenario language tag.
    pub language: String,
    /// Estimated minutes.
    pub minutes: u32,
    /// The trainee's last result, ready to show.
    pub last: Option<String>,
}

/// What the Library screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryView {
    /// Cards by category (label), in the library's category order.
    pub groups: Vec<(String, Vec<Card>)>,
    /// Files with errors: path, first error, every diagnostic.
    pub broken: Vec<(String, String, String)>,
    /// Files still loading.
    pub loading: usize,
    /// The search text.
    pub search: String,
    /// Categories present: key and label.
    pub categories: Vec<(String, String)>,
    /// The category shown, or all.
    pub category: Option<String>,
    /// Languages present.
    pub languages: Vec<String>,
    /// The language shown, or all.
    pub language: Option<String>,
    /// The interrupted drill: title and how far it got, or why it cannot be resumed.
    pub saved: Option<Result<String, String>>,
    /// Debrief files that could not be read.
    pub unreadable: Option<(usize, String)>,
    /// The folder shown.
    pub folder: String,
}

fn category_rank(c: &Category) -> usize {
    match c {
        Category::FraudCall => 0,
        Category::Phishing => 1,
        Category::SocialEngineering => 2,
        Category::DataLeak => 3,
        Category::MassComplaint => 4,
        Category::UrgentHelp => 5,
        Category::CrisisManagement => 6,
        Category::Other(_) => 7,
    }
}

/// Builds the Library screen's view.
pub fn library_view(
    library: &Library,
    saved: Option<&Result<SavedDrill, String>>,
    settings: &Settings,
    folder: &Path,
    tr: &Tr,
) -> LibraryView {
    let needle = library.search.trim().to_lowercase();
    let mut categories: BTreeMap<(usize, String), String> = BTreeMap::new();
    let mut languages: Vec<String> = Vec::new();
    let mut groups: BTreeMap<(usize, String), Vec<Card>> = BTreeMap::new();
    let mut view = LibraryView { folder: folder.display().to_string(), ..default() };
    for (path, entry) in &library.entries {
        match &entry.status {
            Status::Loading => view.loading += 1,
            Status::Broken { first, all } => view.broken.push((path.clone(), first.clone(), all.clone())),
            Status::Ready(s) => {
                let key = (category_rank(&s.category), s.category.key().to_owned());
                let label = category_label(&s.category, tr);
                categories.entry(key.clone()).or_insert_with(|| label.clone());
                if !languages.contains(&s.language) {
                    languages.push(s.language.clone());
                }
                let shown = library.category.as_ref().is_none_or(|c| c == s.category.key())
                    && library.language.as_ref().is_none_or(|l| *l == s.language)
                    && (needle.is_empty()
                        || [s.title.as_str(), s.id.as_str(), label.as_str(), s.briefing.situation.as_str()]
                            .iter()
                            .any(|t| t.to_lowercase().contains(&needle)));
                if !shown {
                    continue;
                }
                let last = library.last_result(s, &settings.trainee).map(|r| {
                    tr.t_args(
                        "library-last-result",
                        &[
                            ("outcome", outcome_label(r.outcome, tr).into()),
                            ("levels", r.levels.clone().into()),
                            ("date", crate::engine::review::utc(r.ended_at).into()),
                        ],
                    )
                });
                groups.entry(key).or_default().push(Card {
                    path: path.clone(),
                    title: s.title.clone(),
                    difficulty: difficulty_label(s.difficulty, tr),
                    language: s.language.clone(),
                    minutes: s.minutes,
                    last,
                });
            }
        }
    }
    languages.sort();
    view.groups = groups.into_iter().map(|(key, cards)| (categories[&key].clone(), cards)).collect();
    view.categories = categories.into_iter().map(|((_, key), label)| (key, label)).collect();
    view.languages = languages;
    view.search.clone_from(&library.search);
    view.category.clone_from(&library.category);
    view.language.clone_from(&library.language);
    view.unreadable.clone_from(&library.unreadable);
    view.saved = saved.map(|s| match s {
        Ok(saved) => Ok(tr.t_args(
            "library-resume-what",
            &[
                ("title", saved.title.clone().into()),
                ("decisions", saved.state.decisions_taken().into()),
                ("trainee", saved.state.trainee().to_owned().into()),
            ],
        )),
        Err(e) => Err(e.clone()),
    });
    view
}

/// Draws the Library screen.
pub fn draw_library(ui: &mut egui::Ui, view: &LibraryView, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    if let Some(saved) = &view.saved {
        egui::Frame::group(ui.style()).fill(ui.visuals().warn_fg_color.gamma_multiply(0.15)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(tr.t("library-resume-title"));
            match saved {
                Ok(what) => {
                    ui.label(what);
                    ui.horizontal(|ui| {
                        if ui.button(tr.t("library-resume")).clicked() {
                            intent = Some(Intent::ResumeSaved);
                        }
                        if ui.button(tr.t("library-discard")).clicked() {
                            intent = Some(Intent::DiscardSaved);
                        }
                    });
                }
                Err(why) => {
                    ui.label(why);
                    if ui.button(tr.t("library-discard")).clicked() {
                        intent = Some(Intent::DiscardSaved);
                    }
                }
            }
        });
        ui.add_space(8.0);
    }
    ui.horizontal(|ui| {
        ui.label(tr.t("library-search"));
        let mut search = view.search.clone();
        let edit = egui::TextEdit::singleline(&mut search).hint_text(tr.t("library-search-hint")).desired_width(260.0);
        if ui.add(edit).changed() {
            intent = Some(Intent::Search(search));
        }
        let all = tr.t("library-all");
        let shown = view
            .category
            .as_ref()
            .and_then(|c| view.categories.iter().find(|(k, _)| k == c))
            .map_or(all.clone(), |(_, l)| l.clone());
        egui::ComboBox::from_id_salt("category").selected_text(shown).show_ui(ui, |ui| {
            if ui.selectable_label(view.category.is_none(), &all).clicked() {
                intent = Some(Intent::FilterCategory(None));
            }
            for (key, label) in &view.categories {
                if ui.selectable_label(view.category.as_ref() == Some(key), label).clicked() {
                    intent = Some(Intent::FilterCategory(Some(key.clone())));
                }
            }
        });
        let shown = view.language.clone().unwrap_or_else(|| tr.t("library-all-languages"));
        egui::ComboBox::from_id_salt("language").selected_text(shown).show_ui(ui, |ui| {
            if ui.selectable_label(view.language.is_none(), tr.t("library-all-languages")).clicked() {
                intent = Some(Intent::FilterLanguage(None));
            }
            for lang in &view.languages {
                if ui.selectable_label(view.language.as_ref() == Some(lang), lang).clicked() {
                    intent = Some(Intent::FilterLanguage(Some(lang.clone())));
                }
            }
        });
        if ui.button(tr.t("library-rescan")).on_hover_text(&view.folder).clicked() {
            intent = Some(Intent::Rescan);
        }
    });
    ui.add_space(6.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if !view.broken.is_empty() {
            ui.heading(tr.t_args("library-broken", &[("count", view.broken.len().into())]));
            for (path, first, all) in &view.broken {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.strong(path);
                    ui.colored_label(ui.visuals().error_fg_color, first);
                    egui::CollapsingHeader::new(tr.t("library-broken-details")).id_salt(path).show(ui, |ui| {
                        ui.label(egui::RichText::new(all).monospace());
                    });
                });
            }
            ui.add_space(8.0);
        }
        if view.loading > 0 {
            ui.weak(tr.t_args("library-loading", &[("count", view.loading.into())]));
        }
        if view.groups.is_empty() && view.loading == 0 {
            if view.categories.is_empty() {
                ui.label(tr.t_args("library-empty", &[("folder", view.folder.clone().into())]));
            } else {
                ui.label(tr.t("library-no-match"));
            }
        }
        for (label, cards) in &view.groups {
            ui.add_space(6.0);
            ui.heading(label);
            ui.separator();
            for card in cards {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.vertical(|ui| {
                            ui.strong(&card.title);
                            ui.weak(tr.t_args(
                                "library-card-facts",
                                &[
                                    ("difficulty", card.difficulty.clone().into()),
                                    ("language", card.language.clone().into()),
                                    ("minutes", card.minutes.into()),
                                ],
                            ));
                            match &card.last {
                                Some(last) => ui.label(last),
                                None => ui.weak(tr.t("library-never-played")),
                            };
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button(tr.t("library-open")).on_hover_text(&card.path).clicked() {
                                intent = Some(Intent::Open(card.path.clone()));
                            }
                        });
                    });
                });
            }
        }
        if let Some((count, first)) = &view.unreadable {
            ui.add_space(8.0);
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr.t_args("library-unreadable", &[("count", (*count).into()), ("first", first.clone().into())]),
            );
        }
    });
    intent
}
