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
