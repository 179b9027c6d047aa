//! The Library screen as the trainee sees it: drills as cards grouped by category, search and
//! filters, broken files with their first error, a drill to resume. The view is built from the
//! library; drawing only reads it and returns an intent.

use std::collections::BTreeMap;
use std::path::Path;

use bevy_egui::egui;

use super::Intent;
use super::drill::SavedDrill;
use super::i18n::{Tr, category_label, difficulty_label, outcome_label};
use super::library::{Library, Status};
use super::settings::Settings;
use crate::engine::model::Category;
use crate::engine::review::DrillSummary;

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
    /// The trainee's training path, when the folder has a curriculum.
    pub path: Option<PathView>,
}

/// The training path as the Library shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathView {
    /// Every track: id and name.
    pub tracks: Vec<(String, String)>,
    /// The track shown.
    pub track: String,
    /// Where the trainee stands: `Level 2 of 4 · name — 3 of 7 passed`, or that the track is done.
    pub standing: String,
    /// The drill to play next: its path in the folder, title, and why.
    pub next: Option<(String, String, String)>,
    /// What is wrong with the curriculum.
    pub problem: Option<String>,
    /// The curriculum's assessment sets: id, name, and how the trainee stands on each.
    pub assessments: Vec<(String, String, String)>,
}

/// Builds the path view: the curriculum checked against the drills that loaded, the trainee's
/// standing on the chosen track, the next drill in the interface language where there is one.
fn path_view(library: &Library, settings: &Settings, tr: &Tr) -> Option<PathView> {
    use crate::engine::path::{self, reason_words};
    let curriculum = match library.curriculum.as_ref()? {
        Ok(c) => c,
        Err(e) => return Some(PathView { problem: Some(e.clone()), ..PathView::default() }),
    };
    let lang = tr.lang().code();
    let ready: Vec<(&String, &std::sync::Arc<crate::engine::model::Scenario>)> = library
        .entries
        .iter()
        .filter_map(|(p, e)| match &e.status {
            Status::Ready(s) => Some((p, s)),
            _ => None,
        })
        .collect();
    let known: std::collections::BTreeSet<String> = ready.iter().map(|(_, s)| s.id.to_string()).collect();
    if let Some(problem) = curriculum.check(&known).first() {
        return Some(PathView { problem: Some(problem.message.clone()), ..PathView::default() });
    }
    let track = settings
        .track
        .as_ref()
        .and_then(|id| curriculum.tracks.iter().find(|t| t.id == *id))
        .or_else(|| curriculum.tracks.first())?;
    // The drill in the interface language where there is one.
    let find = |id: &str| library.find_preferring(id, lang);
    let trains = |id: &str| find(id).map(|(_, s)| DrillSummary::of(&s).competencies).unwrap_or_default();
    let standing = path::standing(curriculum, track, &library.plays(), &settings.trainee, trains);
    let standing_words = match track.levels.get(standing.current) {
        Some(level) => {
            let (passed, of) = standing.progress();
            tr.t_text(
                "library-path-level",
                &[
                    ("n", &(standing.current + 1)),
                    ("levels", &track.levels.len()),
                    ("name", &level.name.get(lang)),
                    ("passed", &passed),
                    ("of", &of),
                ],
            )
        }
        None => tr.t("path-complete"),
    };
    let next = standing
        .next
        .as_ref()
        .and_then(|(id, reason)| find(id).map(|(p, s)| (p, s.title.clone(), reason_words(reason, tr))));
    let plays = library.plays_with_sets();
    let assessments = curriculum
        .assessments
        .iter()
        .map(|set| {
            let result = path::assessment_result(curriculum, set, &plays, &settings.trainee);
            (set.id.clone(), set.name.get(lang).to_owned(), result.verdict_words(tr))
        })
        .collect();
    Some(PathView {
        tracks: curriculum.tracks.iter().map(|t| (t.id.clone(), t.name.get(lang).to_owned())).collect(),
        track: track.id.clone(),
        standing: standing_words,
        next,
        problem: None,
        assessments,
    })
}

/// Draws the training path panel.
fn draw_path(ui: &mut egui::Ui, path: &PathView, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.strong(tr.t("library-path-title"));
            if let Some(problem) = &path.problem {
                ui.colored_label(ui.visuals().error_fg_color, tr.t_text("library-path-problem", &[("why", problem)]));
                return;
            }
            let name = path.tracks.iter().find(|(id, _)| *id == path.track).map_or("", |(_, n)| n.as_str());
            egui::ComboBox::from_label(tr.t("library-path-track")).selected_text(name).show_ui(ui, |ui| {
                for (id, label) in &path.tracks {
                    if ui.selectable_label(*id == path.track, label).clicked() {
                        intent = Some(Intent::SetTrack(id.clone()));
                    }
                }
            });
            ui.label(&path.standing);
        });
        if let Some((file, title, reason)) = &path.next {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.t_text("library-path-next", &[("title", title), ("reason", reason)]));
                if ui.button(tr.t("library-path-open")).clicked() {
                    intent = Some(Intent::OpenBriefing(file.clone()));
                }
            });
        }
        if !path.assessments.is_empty() {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.strong(tr.t("library-assessments"));
                for (id, name, standing) in &path.assessments {
                    ui.separator();
                    ui.label(tr.t_text("library-assessment-row", &[("name", name), ("standing", standing)]));
                    if ui.button(tr.t("library-assessment-open")).clicked() {
                        intent = Some(Intent::OpenAssessment(id.clone()));
                    }
                }
            });
        }
    });
    ui.add_space(8.0);
    intent
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
    let mut view = LibraryView { folder: folder.display().to_string(), ..Default::default() };
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
    view.path = path_view(library, settings, tr);
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
    if let Some(path) = &view.path
        && let Some(i) = draw_path(ui, path, tr)
    {
        intent = Some(i);
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
                                intent = Some(Intent::OpenBriefing(card.path.clone()));
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
