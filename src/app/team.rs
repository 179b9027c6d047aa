//! The Team review screen: every debrief in the data folder side by side (the engine's
//! `TeamReview`): P/S/M/U per competency and who needs support, the decision points the team got
//! wrong most, red flags missed most, each trainee's drills, evaluator notes and prompts for the
//! hot wash; with pseudonyms on request and exports to Markdown, HTML and CSV.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::egui;

use super::i18n::Tr;
use super::i18n::outcome_label;
use super::library::{Library, Status};
use super::review::level_colour;
use super::settings::Settings;
use super::{AppSystems, Clock, Folders, Intent, Screen};
use crate::engine::folders::{DataDir, debrief_files, read_debriefs};
use crate::engine::model::{Scenario, ScenarioId};
use crate::engine::review::{Level, seconds};
use crate::engine::store;
use crate::engine::team::{Pseudonyms, TeamReview};

/// A format the team review is exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Markdown.
    Markdown,
    /// One printable HTML page.
    Html,
    /// One row per debrief.
    Csv,
}

impl Export {
    fn extension(self) -> &'static str {
        match self {
            Export::Markdown => "md",
            Export::Html => "html",
            Export::Csv => "csv",
        }
    }
}

/// The team review as last built.
#[derive(Resource, Clone, Debug, Default)]
pub struct TeamScreen {
    /// The review, when at least one debrief could be read.
    pub review: Option<TeamReview>,
    /// Debriefs read.
    pub read: usize,
    /// Debriefs that could not be read, with why.
    pub skipped: Vec<String>,
    /// Names replaced by pseudonyms.
    pub pseudonymize: bool,
    /// The last export: where it went, or why it failed.
    pub exported: Option<Result<PathBuf, String>>,
    /// The folder read (default: the data folder's `debriefs`).
    pub folder: Option<PathBuf>,
}

/// The folder field of the Team review screen (UI state).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamFolderField(pub String);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TeamScreen>()
        .init_resource::<TeamFolderField>()
        .add_systems(OnEnter(Screen::Team), (build_team_review, fill_folder_field).chain())
        .add_systems(Update, handle_team_intents.in_set(AppSystems::HandleIntents));
}

fn build_team_review(
    mut team: ResMut<TeamScreen>,
    library: Res<Library>,
    folders: Res<Folders>,
    settings: Res<Settings>,
    tr: Res<Tr>,
) {
    rebuild(&mut team, &library, &settings.data_dir(&folders), &tr);
}

fn fill_folder_field(
    team: Res<TeamScreen>,
    folders: Res<Folders>,
    settings: Res<Settings>,
    mut field: ResMut<TeamFolderField>,
) {
    let folder = team.folder.clone().unwrap_or_else(|| settings.data_dir(&folders).debriefs());
    field.0 = folder.display().to_string();
}

/// Reads every debrief under the chosen folder (default the data folder's `debriefs`) and builds
/// the review, through the same reading the command line's `review` uses.
fn rebuild(team: &mut TeamScreen, library: &Library, data: &DataDir, tr: &Tr) {
    let folder = team.folder.clone().unwrap_or_else(|| data.debriefs());
    team.skipped.clear();
    let files = if folder.is_dir() {
        match debrief_files(&[folder]) {
            Ok(files) => files,
            Err(e) => {
                team.skipped.push(e.to_string());
                Vec::new()
            }
        }
    } else {
        team.skipped.push(tr.t_text("app-no-such-folder", &[("folder", &folder.display())]));
        Vec::new()
    };
    let mut read = read_debriefs(&files, |_| {});
    team.skipped.extend(read.skipped);
    // Drills of an assessment a trainee is still taking stay out until the set is done.
    let before = read.debriefs.len();
    read.debriefs.retain(|(_, d)| !library.held_back(d.assessment.as_deref(), &d.trainee));
    let held = before - read.debriefs.len();
    if held > 0 {
        team.skipped.push(tr.t_text("app-team-held-back", &[("count", &held)]));
    }
    let scenarios: BTreeMap<(ScenarioId, String), &Scenario> = library
        .entries
        .values()
        .filter_map(|e| match &e.status {
            Status::Ready(s) => Some(((s.id.clone(), s.language.clone()), s.as_ref())),
            _ => None,
        })
        .collect();
    let key = if team.pseudonymize {
        match data.pseudonym_key() {
            Ok((key, _)) => Some(key),
            Err(e) => {
                // Never fall back to real names while pseudonyms were asked for.
                team.skipped.push(tr.t_text("app-no-pseudonyms", &[("error", &e)]));
                team.review = None;
                return;
            }
        }
    } else {
        None
    };
    let pseudonyms = key.as_deref().map(Pseudonyms::new);
    team.read = read.debriefs.len();
    team.review = (!read.debriefs.is_empty()).then(|| {
        TeamReview::build(
            &read.debriefs,
            |d| scenarios.get(&(d.scenario.id.clone(), d.scenario.language.clone())).copied(),
            pseudonyms.as_ref(),
        )
    });
}

fn handle_team_intents(
    mut intents: MessageReader<Intent>,
    mut team: ResMut<TeamScreen>,
    library: Res<Library>,
    folders: Res<Folders>,
    settings: Res<Settings>,
    clock: Res<Clock>,
    tr: Res<Tr>,
    mut next: ResMut<NextState<super::Screen>>,
) {
    let data = settings.data_dir(&folders);
    for intent in intents.read() {
        match intent {
            Intent::TeamPseudonymize(on) => {
                team.pseudonymize = *on;
                rebuild(&mut team, &library, &data, &tr);
            }
            Intent::TeamRefresh => rebuild(&mut team, &library, &data, &tr),
            Intent::TeamFolder(folder) => {
                team.folder = Some(folder.clone());
                rebuild(&mut team, &library, &data, &tr);
            }
            // The hot wash of a live session: the team review of its debriefs.
            Intent::OpenHotWash(folder) => {
                team.folder = Some(folder.clone());
                rebuild(&mut team, &library, &data, &tr);
                next.set(super::Screen::Team);
            }
            Intent::TeamExport(format) => {
                let Some(review) = &team.review else { continue };
                let text = match format {
                    // Exported in the interface language.
                    Export::Markdown => review.to_markdown(tr.lang()),
                    Export::Html => review.to_html(tr.lang()),
                    Export::Csv => review.to_csv(tr.lang()),
                };
                let path = data.team_reviews().join(format!(
                    "team-review_{}.{}",
                    store::file_stamp(clock.now()),
                    format.extension()
                ));
                team.exported = Some(store::write_text(&path, &text).map(|()| path).map_err(|e| e.to_string()));
            }
            _ => {}
        }
    }
}

/// A horizontal bar split by P, S, M and U counts, with the counts written on it.
fn level_bar(ui: &mut egui::Ui, counts: [usize; 4], width: f32) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 18.0), egui::Sense::hover());
    let total: usize = counts.iter().sum();
    if total == 0 {
        return;
    }
    let painter = ui.painter_at(rect);
    let mut x = rect.left();
    let mut tip = Vec::new();
    for (count, level) in counts.iter().zip([Level::P, Level::S, Level::M, Level::U]) {
        if *count == 0 {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "counts of debriefs fit an f32")]
        let w = rect.width() * *count as f32 / total as f32;
        let part = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
        painter.rect_filled(part, 0.0, level_colour(level));
        if w > 16.0 {
            painter.text(
                part.center(),
                egui::Align2::CENTER_CENTER,
                count.to_string(),
                egui::FontId::proportional(12.0),
                egui::Color32::WHITE,
            );
        }
        tip.push(format!("{} {count}", level.letter()));
        x += w;
    }
    response.on_hover_text(tip.join(" · "));
}

/// A bar of `part` out of `whole`, red for the part.
fn share_bar(ui: &mut egui::Ui, part: usize, whole: usize, width: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::from_gray(225));
    if whole > 0 {
        #[expect(clippy::cast_precision_loss, reason = "counts of debriefs fit an f32")]
        let w = rect.width() * part as f32 / whole as f32;
        painter.rect_filled(
            egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height())),
            2.0,
            level_colour(Level::U),
        );
    }
}

/// Draws the Team review screen; `folder` is the folder field being edited.
pub fn draw_team(ui: &mut egui::Ui, team: &TeamScreen, folder: &mut String, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    ui.horizontal(|ui| {
        ui.label(tr.t("team-folder"));
        ui.add(egui::TextEdit::singleline(folder).desired_width(460.0));
        if ui.button(tr.t("team-read-folder")).clicked() && !folder.trim().is_empty() {
            intent = Some(Intent::TeamFolder(PathBuf::from(folder.trim())));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.heading(tr.t("team-title"));
        ui.separator();
        let mut pseudonymize = team.pseudonymize;
        if ui.checkbox(&mut pseudonymize, tr.t("team-pseudonymize")).changed() {
            intent = Some(Intent::TeamPseudonymize(pseudonymize));
        }
        if ui.button(tr.t("team-refresh")).clicked() {
            intent = Some(Intent::TeamRefresh);
        }
        ui.separator();
        ui.label(tr.t("team-export"));
        for (format, label) in [(Export::Markdown, "Markdown"), (Export::Html, "HTML"), (Export::Csv, "CSV")] {
            if ui.add_enabled(team.review.is_some(), egui::Button::new(label)).clicked() {
                intent = Some(Intent::TeamExport(format));
            }
        }
    });
    match &team.exported {
        Some(Ok(path)) => {
            ui.label(tr.t_args("team-exported", &[("file", path.display().to_string().into())]));
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {}
    }
    ui.weak(tr.t_args("team-read", &[("read", team.read.into()), ("skipped", team.skipped.len().into())]));
    for skipped in &team.skipped {
        ui.colored_label(ui.visuals().warn_fg_color, skipped);
    }
    let Some(review) = &team.review else {
        ui.add_space(12.0);
        ui.label(tr.t("team-empty"));
        return intent;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(6.0);
        ui.heading(tr.t("team-competencies"));
        egui::Grid::new("team-competencies").num_columns(7).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
            ui.strong(tr.t("review-competency"));
            for level in [Level::P, Level::S, Level::M, Level::U] {
                ui.colored_label(level_colour(level), egui::RichText::new(level.letter()).strong());
            }
            ui.label("");
            ui.strong(tr.t("team-needs-support"));
            ui.end_row();
            for row in &review.competencies {
                // The six standard competencies in the interface language; a scenario's own as named.
                ui.label(row.name_in(tr.lang()));
                let counts = [Level::P, Level::S, Level::M, Level::U].map(|l| row.by_level.get(&l).map_or(0, Vec::len));
                for level in [Level::P, Level::S, Level::M, Level::U] {
                    let names = row.by_level.get(&level).cloned().unwrap_or_default();
                    ui.label(names.len().to_string()).on_hover_text(names.join(", "));
                }
                level_bar(ui, counts, 220.0);
                let support: Vec<String> = [Level::M, Level::U]
                    .iter()
                    .flat_map(|l| row.by_level.get(l).cloned().unwrap_or_default())
                    .collect();
                ui.label(support.join(", "));
                ui.end_row();
            }
        });
        ui.weak(tr.t("review-scale"));

        ui.add_space(10.0);
        ui.heading(tr.t("team-decisions"));
        // The engine ranks decisions by the share of trainees who went wrong; shown as ranked.
        let decisions: Vec<_> = review.decisions.iter().filter(|d| d.met > 0).collect();
        egui::Grid::new("team-decisions").num_columns(5).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
            ui.strong(tr.t("team-decision"));
            ui.strong(tr.t("team-wrong"));
            ui.strong(tr.t("team-median"));
            ui.strong(tr.t("team-slowest"));
            ui.strong(tr.t("team-answers"));
            ui.end_row();
            for d in decisions.iter().take(15) {
                ui.label(format!("{} · {}", d.scenario, d.label));
                ui.horizontal(|ui| {
                    // `met` counts every trainee who met the decision, the wrong ones included.
                    share_bar(ui, d.wrong, d.met, 80.0);
                    ui.label(format!("{}/{}", d.wrong, d.met));
                });
                ui.label(seconds(d.median_ms));
                ui.label(seconds(d.slowest_ms));
                let answers: Vec<String> = d
                    .choices
                    .iter()
                    .filter(|c| c.count > 0)
                    .map(|c| format!("{}{} ×{}", if c.expert { "★ " } else { "" }, c.text, c.count))
                    .collect();
                ui.add(egui::Label::new(answers.join(" | ")).truncate()).on_hover_text(answers.join("\n"));
                ui.end_row();
            }
        });

        ui.add_space(10.0);
        ui.heading(tr.t("team-flags"));
        let mut flags: Vec<_> = review.flags.iter().filter(|f| f.shown > 0).collect();
        flags.sort_by_key(|f| std::cmp::Reverse(f.missed));
        for f in flags.iter().take(12) {
            ui.horizontal(|ui| {
                share_bar(ui, f.missed, f.shown, 80.0);
                ui.label(tr.t_args(
                    "team-flag-row",
                    &[
                        ("flag", f.name.clone().into()),
                        ("scenario", f.scenario.clone().into()),
                        ("missed", f.missed.into()),
                        ("shown", f.shown.into()),
                    ],
                ));
            });
        }

        ui.add_space(10.0);
        ui.heading(tr.t("team-trainees"));
        for t in &review.trainees {
            egui::CollapsingHeader::new(format!("{} ({})", t.name, t.played.len())).id_salt(&t.name).show(ui, |ui| {
                for p in &t.played {
                    ui.horizontal_wrapped(|ui| {
                        ui.weak(&p.started);
                        ui.label(&p.title);
                        ui.label(outcome_label(p.outcome, tr));
                        for level in p.levels.values() {
                            ui.colored_label(level_colour(*level), level.letter());
                        }
                        ui.weak(
                            tr.t_args(
                                "team-flags-caught",
                                &[("caught", p.flags.0.into()), ("shown", p.flags.1.into())],
                            ),
                        );
                        if ui.small_button(tr.t("team-open-review")).on_hover_text(&p.source).clicked() {
                            intent = Some(Intent::OpenDebrief(PathBuf::from(&p.source)));
                        }
                    });
                }
            });
        }
        if !review.notes.is_empty() {
            ui.add_space(10.0);
            ui.heading(tr.t("review-notes"));
            for n in &review.notes {
                ui.label(format!("{} · {} · {} — {}: {}", n.trainee, n.title, n.decision, n.author, n.text));
            }
        }
        if !review.team_votes.is_empty() {
            ui.add_space(10.0);
            ui.heading(tr.t("team-votes-across"));
            egui::Grid::new("votes-across-sessions").striped(true).num_columns(8).show(ui, |ui| {
                for id in [
                    "team-votes-team",
                    "team-feedback-drill",
                    "team-csv-started",
                    "team-vote-unified",
                    "team-vote-split",
                    "team-vote-divided",
                    "team-votes-expert-share",
                    "team-votes-sure-wrong-of",
                ] {
                    ui.strong(tr.t(id));
                }
                ui.end_row();
                for r in &review.team_votes {
                    ui.label(&r.team);
                    ui.label(&r.title);
                    ui.weak(&r.started);
                    for n in r.alignment {
                        ui.label(n.to_string());
                    }
                    ui.label(format!("{}/{}", r.expert, r.decisions));
                    ui.label(format!("{}/{}", r.sure_and_wrong, r.sure));
                    ui.end_row();
                }
            });
        }
        if !review.prompts.is_empty() {
            ui.add_space(10.0);
            ui.heading(tr.t("team-prompts"));
            for p in &review.prompts {
                ui.label(format!("• {}", p.text(tr.lang())));
            }
        }
    });
    intent
}
