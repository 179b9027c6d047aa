//! The Library screen and what it lists: scenario files loaded as Bevy assets through the
//! engine's loader and validator (hot-reloaded when a file changes), the trainee's last result
//! for each, and a drill that was interrupted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext};
use bevy::prelude::*;

use super::settings::Settings;
use super::{AppSystems, Folders, Intent, Notice, Screen};
use crate::engine::load::load_bytes;
use crate::engine::model::{Outcome, Scenario};
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
        // One line table for all of the file's diagnostics.
        let renderer = crate::engine::diag::Renderer::new(shown, &source);
        let rendered: Vec<String> = checked.diagnostics.iter().map(|d| renderer.render(d)).collect();
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
/// asset that carries its diagnostics (in the interface language), so the library can show them.
#[derive(Default, TypePath)]
pub struct ScenarioLoader {
    /// The interface language, shared with [`LoaderLang`]: Chinese when set.
    chinese: Arc<AtomicBool>,
}

/// The language the scenario loader words diagnostics in: the interface's, followed when
/// Settings change it (the files are then read again).
#[derive(Resource, Clone, Default)]
pub struct LoaderLang(Arc<AtomicBool>);

impl LoaderLang {
    fn set(&self, lang: crate::engine::i18n::Lang) {
        self.0.store(lang == crate::engine::i18n::Lang::ZhCn, Ordering::Relaxed);
    }
}

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
        let lang = if self.chinese.load(Ordering::Relaxed) {
            crate::engine::i18n::Lang::ZhCn
        } else {
            crate::engine::i18n::Lang::En
        };
        let path = load_context.path().to_string();
        Ok(crate::engine::i18n::with_engine_lang(lang, || ScenarioAsset::from_bytes(&path, &bytes)))
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
pub struct ScenarioEntry {
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
    /// The assessment set it was played for, if any.
    pub assessment: Option<String>,
    /// The debrief file.
    pub file: PathBuf,
}

/// The scenario folder's files, the filters, and past results.
#[derive(Resource, Debug, Default)]
pub struct Library {
    /// Files by their path inside the scenario folder.
    pub entries: BTreeMap<String, ScenarioEntry>,
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
    /// The curriculum beside the scenarios (`curriculum.ron`): none when there is no such file,
    /// the error when it cannot be read.
    pub curriculum: Option<Result<crate::engine::path::Curriculum, String>>,
    /// What each debrief file gave when last read, with its size and modification time then, so
    /// coming back to the library reads only new and changed debriefs.
    read_files: BTreeMap<PathBuf, (Option<FileVersion>, Result<PastResult, String>)>,
    /// The assessment sets each trainee has done every drill of: (set id, trainee trimmed and in
    /// lower case), worked out when the results or the curriculum are read, not on every frame.
    complete_sets: std::collections::BTreeSet<(String, String)>,
}

impl PastResult {
    /// The result as a play, for the training path and assessments.
    pub fn play(&self) -> crate::engine::review::PastPlay {
        crate::engine::review::PastPlay {
            scenario: self.scenario.clone(),
            language: self.language.clone(),
            trainee: self.trainee.clone(),
            ended_at: self.ended_at,
            levels: self.by_competency.clone(),
            outcome: Some(self.outcome),
        }
    }
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
        scenario: d.scenario.id.to_string(),
        language: d.scenario.language,
        trainee: d.trainee,
        ended_at: d.ended_at,
        outcome: d.outcome,
        levels,
        assessment: d.assessment,
        file: file.to_owned(),
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

    /// Every past result as a play, for follow-ups and the training path.
    pub fn plays(&self) -> Vec<crate::engine::review::PastPlay> {
        self.results.iter().map(PastResult::play).collect()
    }

    /// Every past result as a play with the assessment set it was played for.
    pub fn plays_with_sets(&self) -> Vec<(crate::engine::review::PastPlay, Option<String>)> {
        self.results.iter().map(|r| (r.play(), r.assessment.clone())).collect()
    }

    /// The playable scenario with this id in `language` where there is one, else in any language.
    pub fn find_preferring(&self, id: &str, language: &str) -> Option<(String, Arc<Scenario>)> {
        self.find(id, language).or_else(|| {
            self.entries.iter().find_map(|(path, e)| match &e.status {
                Status::Ready(s) if s.id == id => Some((path.clone(), s.clone())),
                _ => None,
            })
        })
    }

    /// The sets of drills a live session can play (the curriculum's levels and assessment sets),
    /// named in `language`; none without a readable curriculum.
    pub fn drill_sets(&self, language: &str) -> Vec<crate::engine::path::DrillSet> {
        match &self.curriculum {
            Some(Ok(curriculum)) => curriculum.sets(language),
            _ => Vec::new(),
        }
    }

    /// The files of a set's drills, each in `language` where the folder has it, else in another;
    /// the first drill the folder has no playable file of is the error.
    pub fn set_files(&self, set: &crate::engine::path::DrillSet, language: &str) -> Result<Vec<String>, String> {
        set.drills
            .iter()
            .map(|id| self.find_preferring(id, language).map(|(path, _)| path).ok_or_else(|| id.clone()))
            .collect()
    }

    /// The catalogue with `trainee`'s last result on each drill, for follow-ups chosen for them.
    pub fn catalog_for(&self, trainee: &str) -> Vec<DrillSummary> {
        DrillSummary::with_history(self.catalog(), &self.plays(), trainee)
    }

    /// Whether a play for assessment set `set` by `trainee` is held back: the set is in the
    /// curriculum and the trainee has not done every drill of it yet. Its result and review are
    /// not shown in the app until then (the facilitator sees them with `hotwash review` or
    /// `assess`).
    pub fn held_back(&self, set: Option<&str>, trainee: &str) -> bool {
        let (Some(set), Some(Ok(curriculum))) = (set, &self.curriculum) else { return false };
        curriculum.assessment(set).is_some()
            && !self.complete_sets.contains(&(set.to_owned(), trainee.trim().to_lowercase()))
    }

    /// Works out again which trainees have done every drill of which assessment set.
    fn find_complete_sets(&mut self) {
        use crate::engine::path::{assessment_result, distinct_trainees};
        self.complete_sets.clear();
        let Some(Ok(curriculum)) = &self.curriculum else { return };
        let plays = self.plays_with_sets();
        for set in &curriculum.assessments {
            let played = plays.iter().filter(|(_, a)| a.as_deref() == Some(set.id.as_str()));
            for trainee in distinct_trainees(played.map(|(p, _)| p.trainee.as_str())) {
                if assessment_result(curriculum, set, &plays, &trainee).complete() {
                    self.complete_sets.insert((set.id.clone(), trainee.to_lowercase()));
                }
            }
        }
    }

    /// The newest result of `trainee` on a scenario.
    pub fn last_result(&self, scenario: &Scenario, trainee: &str) -> Option<&PastResult> {
        self.results
            .iter()
            .filter(|r| r.scenario == scenario.id && r.language == scenario.language && r.trainee == trainee)
            // A play for an assessment the trainee is still taking shows nothing yet.
            .filter(|r| !self.held_back(r.assessment.as_deref(), &r.trainee))
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
        self.find_complete_sets();
        let bad: Vec<&String> = self.read_files.values().filter_map(|(_, r)| r.as_ref().err()).collect();
        self.unreadable = bad.first().map(|first| (bad.len(), (*first).clone()));
    }
}

pub(super) fn plugin(app: &mut App) {
    let lang = LoaderLang::default();
    if let Some(tr) = app.world().get_resource::<super::i18n::Tr>() {
        lang.set(tr.lang());
    }
    app.init_asset::<ScenarioAsset>()
        .register_asset_loader(ScenarioLoader { chinese: lang.0.clone() })
        .insert_resource(lang)
        .add_systems(Update, follow_interface_language)
        .init_resource::<Library>()
        .init_resource::<SelectedScenario>()
        .init_resource::<FolderChanged>()
        .add_systems(Startup, (scan_folder, filter_to_interface_language))
        .add_systems(OnEnter(Screen::Library), read_results)
        .add_systems(OnEnter(Screen::Assessment), read_results)
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
    let curriculum = folder.join(crate::engine::path::FILE_NAME);
    library.curriculum = curriculum.exists().then(|| crate::engine::path::Curriculum::read(&curriculum));
    library.find_complete_sets();
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
                new.insert(ScenarioEntry { handle, status: Status::Loading });
            }
        }
    }
}

fn scan_folder(folders: Res<Folders>, server: Res<AssetServer>, mut library: ResMut<Library>) {
    sync_entries(&mut library, &folders.scenarios, &server, false);
}

/// Diagnostics follow the interface language: when Settings change it, the files are read again.
fn follow_interface_language(
    tr: Res<super::i18n::Tr>,
    lang: Res<LoaderLang>,
    folders: Res<Folders>,
    server: Res<AssetServer>,
    mut library: ResMut<Library>,
) {
    let chinese = tr.lang() == crate::engine::i18n::Lang::ZhCn;
    if tr.is_changed() && lang.0.load(Ordering::Relaxed) != chinese {
        lang.set(tr.lang());
        sync_entries(&mut library, &folders.scenarios, &server, true);
    }
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
            Intent::OpenBriefing(path) if library.playable(path).is_some() => {
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
