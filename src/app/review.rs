//! The Review screen: the engine's after-action review of the drill just played (ratings, the
//! timeline with response times, feedback per decision, red flags caught and missed, the report
//! against its checklist, the improvement plan), the saved files, replay and retry.

use bevy::prelude::*;
use bevy_egui::egui;

use super::i18n::Tr;
use std::sync::Arc;

use super::i18n::outcome_label;
use super::library::Library;
use super::{AppSystems, Clock, Intent, Notice, Screen};
use crate::engine::debrief::Debrief;
use crate::engine::model::{Outcome, Scenario};
use crate::engine::review::{Level, ReportReview, Review, mm_ss, seconds};
use crate::engine::store;
use crate::engine::store::DrillFiles;

/// The drill just finished.
#[derive(Resource, Clone, Debug)]
pub struct FinishedDrill {
    /// Its review.
    pub review: Review,
    /// Where it was saved, or why it could not be.
    pub files: Result<DrillFiles, String>,
    /// The scenario file.
    pub path: String,
    /// The seed it ran with.
    pub seed: u64,
    /// The record.
    pub debrief: Debrief,
    /// The scenario as played.
    pub scenario: Arc<Scenario>,
}

/// The evaluator's note being written on the Review screen (UI state).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteForm {
    /// The decision it is pinned to, from 1.
    pub decision: usize,
    /// Who writes it.
    pub author: String,
    /// The note.
    pub text: String,
    /// A part of the review to scroll to on the next frame.
    pub jump: Option<ReviewPart>,
    /// The trainee's rating of the drill being given (0: none chosen yet).
    pub stars: u8,
    /// Their comment on the drill.
    pub comment: String,
}

/// A part of the Review screen the trainer can jump to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewPart {
    /// Every decision explained (with a team drill's votes).
    Decisions,
    /// Red flags spotted, caught and missed; false alarms; reveals.
    Flags,
    /// The written answers against their checklists.
    Answers,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NoteForm>()
        .add_systems(OnEnter(Screen::Review), |mut form: ResMut<NoteForm>| {
            *form = NoteForm { decision: 1, ..default() }
        })
        .add_systems(Update, handle_review_intents.in_set(AppSystems::HandleIntents));
}

fn handle_review_intents(
    mut commands: Commands,
    mut intents: MessageReader<Intent>,
    tr: Res<Tr>,
    finished: Option<ResMut<FinishedDrill>>,
    library: Res<Library>,
    clock: Res<Clock>,
    mut form: ResMut<NoteForm>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
    screen: Res<State<Screen>>,
) {
    let mut finished = finished;
    for intent in intents.read() {
        match intent {
            Intent::OpenDebrief(file) => match open_debrief(file, &library, &tr) {
                Ok(f) => {
                    commands.insert_resource(f);
                    next.set(Screen::Review);
                }
                Err(e) => notice.0 = Some(e),
            },
            Intent::OpenFile(path) => {
                if let Err(e) = open_in_viewer(path) {
                    notice.0 = Some(format!("{}: {e}", path.display()));
                }
            }
            Intent::Grade { decision, item, covered, by } => {
                let Some(f) = finished.as_mut() else { continue };
                if let Err(e) = grade_item(f, *decision, item, *covered, by, clock.now(), &library) {
                    notice.0 = Some(e);
                }
            }
            Intent::Feedback { stars, comment } if *screen.get() == Screen::Review => {
                let Some(f) = finished.as_mut() else { continue };
                let now = clock.now();
                match change_and_save(f, &library, |d| d.add_feedback(*stars, comment, now).map(drop)) {
                    Ok(()) => {
                        form.stars = 0;
                        form.comment.clear();
                    }
                    Err(e) => notice.0 = Some(e),
                }
            }
            Intent::AddNote { decision, author, text } if *screen.get() == Screen::Review => {
                let Some(f) = finished.as_mut() else { continue };
                match pin_note(f, *decision, author, text, clock.now(), &library, &tr) {
                    Ok(()) => form.text.clear(),
                    Err(e) => notice.0 = Some(e),
                }
            }
            _ => {}
        }
    }
}

/// Reads a saved debrief and builds its review against the scenario in the library.
pub fn open_debrief(file: &std::path::Path, library: &Library, tr: &Tr) -> Result<FinishedDrill, String> {
    let debrief = store::load_debrief(file).map_err(|e| e.to_string())?;
    if library.held_back(debrief.assessment.as_deref(), &debrief.trainee) {
        return Err(tr.t_text("app-review-held-back", &[("trainee", &debrief.trainee)]));
    }
    let (path, scenario) = library.find(&debrief.scenario.id, &debrief.scenario.language).ok_or_else(|| {
        tr.t_text(
            "app-debrief-scenario-missing",
            &[("file", &file.display()), ("id", &debrief.scenario.id), ("language", &debrief.scenario.language)],
        )
    })?;
    let review = Review::build(&scenario, &debrief, &library.catalog_for(&debrief.trainee));
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".debrief.ron").unwrap_or(&name).to_owned();
    let files = DrillFiles {
        debrief: file.to_owned(),
        markdown: file.with_file_name(format!("{stem}.review.md")),
        html: file.with_file_name(format!("{stem}.review.html")),
    };
    Ok(FinishedDrill { review, files: Ok(files), path, seed: debrief.seed, debrief, scenario })
}

/// Records an evaluator's grade in the debrief, rebuilds the review, and saves the three files
/// again.
fn grade_item(
    f: &mut FinishedDrill,
    decision: usize,
    item: &str,
    covered: bool,
    by: &str,
    now: u64,
    library: &Library,
) -> Result<(), String> {
    change_and_save(f, library, |d| d.add_grade(&decision.to_string(), item, covered, by, now).map(|_| ()))
}

/// Changes the debrief (the saved file under its lock, so a note or grade written meanwhile by
/// the command line is kept), rebuilds the review and writes the review files again.
fn change_and_save(
    f: &mut FinishedDrill,
    library: &Library,
    change: impl FnOnce(&mut crate::engine::debrief::Debrief) -> Result<(), String>,
) -> Result<(), String> {
    let catalog = library.catalog_for(&f.debrief.trainee);
    match &f.files {
        Ok(files) => {
            // The review files are written from the debrief as saved, while it is still locked.
            let scenario = std::sync::Arc::clone(&f.scenario);
            let (debrief, ()) = store::update_debrief_then(&files.debrief, change, |d| {
                let review = Review::build(&scenario, d, &catalog);
                store::write_text(&files.markdown, &review.to_markdown())?;
                store::write_text(&files.html, &review.to_html())
            })
            .map_err(|e| e.to_string())??;
            f.debrief = debrief;
        }
        Err(_) => change(&mut f.debrief)?,
    }
    f.review = Review::build(&f.scenario, &f.debrief, &catalog);
    Ok(())
}

/// Adds the note to the debrief, rebuilds the review, and saves the three files again.
fn pin_note(
    f: &mut FinishedDrill,
    decision: usize,
    author: &str,
    text: &str,
    now: u64,
    library: &Library,
    tr: &Tr,
) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(tr.t("app-note-empty"));
    }
    let author = if author.trim().is_empty() { "evaluator" } else { author.trim() };
    change_and_save(f, library, |d| d.add_note(&decision.to_string(), author, text.trim(), now).map(|_| ()))
}

/// Opens a file with the desktop's default application.
fn open_in_viewer(path: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program).arg(path).spawn().map(drop)
}

/// The colour of a P/S/M/U rating, green to red.
pub fn level_colour(level: Level) -> egui::Color32 {
    match level {
        Level::P => egui::Color32::from_rgb(0x1e, 0x84, 0x49),
        Level::S => egui::Color32::from_rgb(0x7d, 0x9a, 0x1e),
        Level::M => egui::Color32::from_rgb(0xd3, 0x84, 0x00),
        Level::U => egui::Color32::from_rgb(0xc0, 0x39, 0x2b),
    }
}

fn outcome_colour(outcome: Outcome) -> egui::Color32 {
    level_colour(match outcome {
        Outcome::Resolved => Level::P,
        Outcome::PartiallyResolved => Level::M,
        Outcome::Harmed => Level::U,
    })
}

fn bullets(ui: &mut egui::Ui, items: &[String]) {
    for item in items {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(item);
        });
    }
}

/// Red flags spotted, caught through choices and missed; false alarms; masked fields revealed.
fn draw_flags(ui: &mut egui::Ui, r: &Review, tr: &Tr) {
    ui.strong(format!("{} ({})", tr.t("review-spotted"), r.spotted.len()));
    for f in &r.spotted {
        ui.colored_label(level_colour(Level::P), format!("⚑ {} — {}", f.name, f.description));
    }
    ui.strong(tr.t_args("review-flags-caught", &[("count", r.caught.len().into())]));
    for f in &r.caught {
        ui.colored_label(level_colour(Level::P), format!("✔ {} — {}", f.name, f.description));
    }
    ui.strong(tr.t_args("review-flags-missed", &[("count", r.missed.len().into())]));
    for f in &r.missed {
        ui.colored_label(level_colour(Level::U), format!("✖ {} — {} ({})", f.name, f.description, f.seen_at));
    }
    if !r.false_alarms.is_empty() {
        ui.strong(format!("{} ({})", tr.t("review-false-alarms"), r.false_alarms.len()));
        for fa in &r.false_alarms {
            ui.colored_label(level_colour(Level::M), format!("△ {fa}"));
        }
    }
    if !r.reveals.is_empty() {
        ui.strong(tr.t("review-reveals"));
        for rv in &r.reveals {
            let (mark, colour, verdict) = match rv.justified {
                Some(true) => ("✔", level_colour(Level::P), tr.t("review-justified")),
                Some(false) => ("✖", level_colour(Level::U), tr.t("review-unjustified")),
                None => ("•", ui.visuals().text_color(), tr.t("review-unassessed")),
            };
            let mut line = format!("{mark} {} ({}) — {verdict}", rv.field, rv.at);
            if !rv.cost.is_empty() {
                line.push_str(&format!(" {}", rv.cost));
            }
            ui.colored_label(colour, line);
            if !rv.feedback.is_empty() {
                wrapped(ui, egui::RichText::new(&rv.feedback).weak());
            }
        }
    }
}

/// A written answer against its checklist: per item, the words that covered it or why a match
/// did not count, who graded it, and the evaluator's buttons to confirm or change the grade;
/// then the model answer.
fn draw_report(ui: &mut egui::Ui, report: &ReportReview, note: &mut NoteForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    // An incident report has three sections; a free-text answer one.
    ui.strong(tr.t(if report.sections.len() == 1 { "review-written" } else { "review-report" }));
    wrapped(ui, egui::RichText::new(&report.prompt).weak());
    for (section, text) in &report.sections {
        ui.label(egui::RichText::new(section).strong());
        wrapped(ui, if text.is_empty() { tr.t("review-empty") } else { text.clone() });
    }
    let gradable = report.gradable;
    if gradable {
        ui.horizontal(|ui| {
            ui.label(tr.t("review-grade-as"));
            ui.add(
                egui::TextEdit::singleline(&mut note.author).hint_text(tr.t("review-note-author")).desired_width(160.0),
            );
        });
    }
    for item in &report.items {
        ui.horizontal_wrapped(|ui| {
            let (mark, colour) =
                if item.covered { ("✔", level_colour(Level::P)) } else { ("✖", level_colour(Level::U)) };
            ui.colored_label(colour, format!("{mark} {}", item.text));
            let who = match (&item.graded_by, item.automatic_was) {
                (Some(who), Some(was)) => {
                    let was = tr.t(if was { "review-covered" } else { "review-not-covered" });
                    tr.t_args("review-changed-by", &[("who", who.clone().into()), ("was", was.into())])
                }
                (Some(who), None) => tr.t_args("review-graded-by", &[("who", who.clone().into())]),
                (None, _) => tr.t("review-automatic"),
            };
            ui.weak(format!("({who})"));
            if gradable {
                let by =
                    if note.author.trim().is_empty() { "evaluator".to_owned() } else { note.author.trim().to_owned() };
                let grade = |covered| Intent::Grade {
                    decision: report.decision,
                    item: item.id.clone(),
                    covered,
                    by: by.clone(),
                };
                if ui.small_button(tr.t("review-grade-covered")).clicked() {
                    intent = Some(grade(true));
                }
                if ui.small_button(tr.t("review-grade-not-covered")).clicked() {
                    intent = Some(grade(false));
                }
            }
        });
        if let Some(words) = item.evidence.as_ref().filter(|_| item.covered) {
            wrapped(
                ui,
                egui::RichText::new(format!(
                    "    {}",
                    tr.t_args("review-covered-by", &[("words", words.clone().into())])
                ))
                .weak(),
            );
        }
        for refused in &item.refused {
            wrapped(ui, egui::RichText::new(format!("    {refused}")).weak());
        }
    }
    if let Some(model) = &report.model_answer {
        egui::Frame::group(ui.style()).fill(egui::Color32::from_rgb(0xee, 0xf6, 0xee)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(tr.t("review-model-answer"));
            wrapped(ui, model.as_str());
        });
    }
    intent
}

/// A label that wraps at the panel's width, however long the text.
fn wrapped(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).wrap());
}

/// Draws the Review screen.
pub fn draw_review(ui: &mut egui::Ui, finished: &FinishedDrill, note: &mut NoteForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let r = &finished.review;
    egui::Panel::bottom("review-actions").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            match &finished.files {
                Ok(files) => {
                    if ui.button(tr.t("review-open-html")).on_hover_text(files.html.display().to_string()).clicked() {
                        intent = Some(Intent::OpenFile(files.html.clone()));
                    }
                    if ui.button(tr.t("review-open-md")).on_hover_text(files.markdown.display().to_string()).clicked() {
                        intent = Some(Intent::OpenFile(files.markdown.clone()));
                    }
                }
                Err(e) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        tr.t_args("review-not-saved", &[("why", e.clone().into())]),
                    );
                }
            }
            ui.separator();
            if ui.button(tr.t_args("review-replay", &[("seed", finished.seed.into())])).clicked() {
                intent = Some(Intent::PlayAgain { same_seed: true });
            }
            if ui.button(tr.t("review-retry")).clicked() {
                intent = Some(Intent::PlayAgain { same_seed: false });
            }
            if ui.button(tr.t("review-back")).clicked() {
                intent = Some(Intent::Go(Screen::Library));
            }
        });
        // The trainee's rating of the drill, kept in the debrief; the team review gathers them.
        ui.horizontal_wrapped(|ui| {
            match finished.debrief.feedback.last() {
                Some(given) => ui.label(tr.t_args("review-feedback-given", &[("stars", given.stars.into())])),
                None => ui.label(tr.t("review-feedback-ask")),
            };
            for n in 1..=5u8 {
                let star = if n <= note.stars { "★" } else { "☆" };
                if ui
                    .selectable_label(n == note.stars, star)
                    .on_hover_text(tr.t_args("review-feedback-stars", &[("stars", n.into())]))
                    .clicked()
                {
                    note.stars = n;
                }
            }
            ui.add(
                egui::TextEdit::singleline(&mut note.comment)
                    .desired_width(360.0)
                    .hint_text(tr.t("review-feedback-hint")),
            );
            if ui.add_enabled(note.stars > 0, egui::Button::new(tr.t("review-feedback-send"))).clicked() {
                intent = Some(Intent::Feedback { stars: note.stars, comment: note.comment.clone() });
            }
        });
        if let Ok(files) = &finished.files {
            ui.weak(tr.t_args("review-saved", &[("file", files.debrief.display().to_string().into())]));
        }
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(tr.t_args("review-title", &[("title", r.title.clone().into())]));
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(outcome_colour(r.outcome), egui::RichText::new(outcome_label(r.outcome, tr)).strong());
                ui.strong(&r.ending_title);
                ui.weak(tr.t_args(
                    "review-facts",
                    &[
                        ("trainee", r.trainee.clone().into()),
                        ("duration", mm_ss(r.duration_ms).into()),
                        ("seed", r.seed.into()),
                        ("started", r.started.clone().into()),
                    ],
                ));
            });
            ui.label(&r.ending_summary);
            ui.horizontal(|ui| {
                if ui.small_button(format!("↓ {}", tr.t("review-q3"))).clicked() {
                    note.jump = Some(ReviewPart::Decisions);
                }
                if ui.small_button(format!("↓ {}", tr.t("review-jump-flags"))).clicked() {
                    note.jump = Some(ReviewPart::Flags);
                }
                if !r.reports.is_empty() && ui.small_button(format!("↓ {}", tr.t("review-reports"))).clicked() {
                    note.jump = Some(ReviewPart::Answers);
                }
            });
            ui.add_space(8.0);

            ui.heading(tr.t("review-ratings"));
            // The reasons wrap within the panel: a grid row wider than the panel would widen the
            // whole scrolled page, and every text below would run off its right edge.
            let reasons_width = (ui.available_width() - 320.0).max(200.0);
            egui::Grid::new("ratings").num_columns(4).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
                ui.strong(tr.t("review-competency"));
                ui.strong(tr.t("review-rating"));
                ui.strong(tr.t("review-points"));
                ui.strong(tr.t("review-why"));
                ui.end_row();
                for rating in &r.ratings {
                    ui.label(&rating.name);
                    ui.colored_label(level_colour(rating.level), egui::RichText::new(rating.level.letter()).strong());
                    ui.label(format!("{}/{}", rating.earned, rating.possible));
                    ui.scope(|ui| {
                        ui.set_max_width(reasons_width);
                        ui.add(egui::Label::new(rating.reasons.join("; ")).wrap());
                    });
                    ui.end_row();
                }
            });
            ui.weak(tr.t("review-scale"));
            ui.add_space(8.0);

            ui.heading(tr.t("review-q1"));
            bullets(ui, &r.objectives);
            egui::CollapsingHeader::new(tr.t("review-expert-path")).show(ui, |ui| {
                for (i, step) in r.expert_path.iter().enumerate() {
                    ui.label(format!("{}. {} — {}", i + 1, step.label, step.answer));
                }
            });
            ui.add_space(8.0);

            ui.heading(tr.t("review-q2"));
            ui.horizontal(|ui| {
                ui.add_sized([48.0, 18.0], egui::Label::new(egui::RichText::new(tr.t("review-time")).strong()));
                ui.add_sized([72.0, 18.0], egui::Label::new(egui::RichText::new(tr.t("review-response")).strong()));
                ui.strong(tr.t("review-what"));
            });
            for row in &r.timeline {
                ui.horizontal_top(|ui| {
                    ui.add_sized([48.0, 18.0], egui::Label::new(egui::RichText::new(mm_ss(row.t)).monospace()));
                    ui.add_sized([72.0, 18.0], egui::Label::new(row.response_ms.map(seconds).unwrap_or_default()));
                    ui.add(egui::Label::new(&row.what).wrap());
                });
            }
            ui.add_space(8.0);

            if note.jump == Some(ReviewPart::Decisions) {
                ui.scroll_to_cursor_animation(Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
                note.jump = None;
            }
            ui.heading(tr.t("review-q3"));
            for (i, d) in r.decisions.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(format!("{}. {}", i + 1, d.label));
                        let (mark, colour) = if d.best {
                            ("✔", level_colour(Level::P))
                        } else if d.points < 0 {
                            ("✖", level_colour(Level::U))
                        } else {
                            ("△", level_colour(Level::M))
                        };
                        ui.colored_label(colour, mark);
                        ui.weak(tr.t_args("review-answered-in", &[("seconds", seconds(d.response_ms).into())]));
                    });
                    let chosen = if d.timed_out { tr.t("review-timed-out") } else { d.chosen.clone() };
                    let said = if d.matched { "review-you-matched" } else { "review-you-chose" };
                    ui.label(tr.t_args(said, &[("choice", chosen.into())]));
                    if let Some(team) = &d.team {
                        let names = |list: &[String]| if list.is_empty() { "—".to_owned() } else { list.join(", ") };
                        let votes = team.votes.join(", ");
                        ui.label(tr.t_text(
                            "review-team-votes",
                            &[("votes", &votes), ("alignment", &team.alignment), ("taken", &team.taken)],
                        ));
                        ui.weak(tr.t_text(
                            "review-team-votes-who",
                            &[("expert", &names(&team.chose_expert)), ("wrong", &names(&team.sure_and_wrong))],
                        ));
                    }
                    ui.label(&d.feedback);
                    if let Some((_, expert)) = &d.expert {
                        ui.label(tr.t_args("review-expert-would", &[("choice", expert.clone().into())]));
                    }
                    for c in &d.cites {
                        ui.weak(format!("§ {} — {}", c.title, c.text));
                    }
                });
            }
            ui.add_space(6.0);
            if note.jump == Some(ReviewPart::Flags) {
                ui.scroll_to_cursor_animation(Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
                note.jump = None;
            }
            draw_flags(ui, r, tr);
            for report in &r.reports {
                ui.add_space(6.0);
                if note.jump == Some(ReviewPart::Answers) {
                    ui.scroll_to_cursor_animation(Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
                    note.jump = None;
                }
                if let Some(i) = draw_report(ui, report, note, tr) {
                    intent = Some(i);
                }
            }
            ui.add_space(8.0);

            ui.heading(tr.t("review-q4"));
            ui.strong(tr.t("review-sustain"));
            bullets(ui, &r.sustain);
            ui.strong(tr.t("review-improve"));
            bullets(ui, &r.improve);
            ui.strong(tr.t("review-plan"));
            bullets(ui, &r.plan);
            if !r.follow_ups.is_empty() {
                ui.strong(tr.t("review-follow-ups"));
                for f in &r.follow_ups {
                    ui.label(format!("• {} — {}", f.title, f.reason));
                }
            }
            ui.add_space(8.0);
            ui.heading(tr.t("review-notes"));
            for (at, author, text) in &r.notes {
                ui.label(format!("{at} — {author}: {text}"));
            }
            if !r.decisions.is_empty() {
                egui::CollapsingHeader::new(tr.t("review-add-note")).show(ui, |ui| {
                    note.decision = note.decision.clamp(1, r.decisions.len());
                    let shown = r.decisions.get(note.decision - 1).map_or_else(String::new, |d| d.label.clone());
                    egui::ComboBox::from_id_salt("note-decision")
                        .selected_text(format!("{}. {shown}", note.decision))
                        .show_ui(ui, |ui| {
                            for (i, d) in r.decisions.iter().enumerate() {
                                ui.selectable_value(&mut note.decision, i + 1, format!("{}. {}", i + 1, d.label));
                            }
                        });
                    ui.add(egui::TextEdit::singleline(&mut note.author).hint_text(tr.t("review-note-author")));
                    ui.add(
                        egui::TextEdit::multiline(&mut note.text)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY)
                            .hint_text(tr.t("review-note-text")),
                    );
                    if ui.button(tr.t("review-note-pin")).clicked() {
                        intent = Some(Intent::AddNote {
                            decision: note.decision,
                            author: note.author.clone(),
                            text: note.text.clone(),
                        });
                    }
                });
            }
        });
    });
    intent
}
