//! The Assessment screen: an assessment set of the curriculum played by the trainee in the app.
//! The set's drills are played one after another, each with the trainee's seed of the set and no
//! pause; after each drill this screen says how far the trainee is, and only once every drill is
//! done does it show the results and open the reviews. The CLI's `run --assessment` and
//! `assess` judge the same plays the same way (`engine::path`).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::egui;
use serde::{Deserialize, Serialize};

use super::i18n::Tr;
use super::library::Library;
use super::settings::Settings;
use super::{AppSystems, Intent, Screen};
use crate::engine::path::{self, Assessment, AssessmentResult, Curriculum, DrillState};

/// The assessment set a drill is played for: no pause, and the review held back until the set is
/// done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForAssessment {
    /// The set's id in the curriculum.
    pub id: String,
    /// Its name in the interface language when the drill started.
    pub name: String,
}

/// The assessment set the Assessment screen shows (its id).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownAssessment(pub Option<String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShownAssessment>()
        .add_systems(Update, handle_assessment_intents.in_set(AppSystems::HandleIntents));
}

fn handle_assessment_intents(
    mut intents: MessageReader<Intent>,
    mut shown: ResMut<ShownAssessment>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        if let Intent::OpenAssessment(id) = intent {
            shown.0 = Some(id.clone());
            next.set(Screen::Assessment);
        }
    }
}

/// The curriculum and its set `id`, or why the set cannot be played.
fn set_of<'a>(library: &'a Library, id: &str, tr: &Tr) -> Result<(&'a Curriculum, &'a Assessment), String> {
    let curriculum = match &library.curriculum {
        Some(Ok(c)) => c,
        Some(Err(e)) => return Err(tr.t_text("library-path-problem", &[("why", e)])),
        None => return Err(tr.t_text("assess-app-no-curriculum", &[("file", &path::FILE_NAME)])),
    };
    let set = curriculum.assessment(id).ok_or_else(|| {
        let ids: Vec<&str> = curriculum.assessments.iter().map(|a| a.id.as_str()).collect();
        tr.t_text("cli-assess-unknown", &[("id", &id), ("ids", &ids.join(", "))])
    })?;
    Ok((curriculum, set))
}

/// `trainee`'s result on `set`, from every debrief the library has read.
fn result_of(library: &Library, curriculum: &Curriculum, set: &Assessment, trainee: &str) -> AssessmentResult {
    path::assessment_result(curriculum, set, &library.plays_with_sets(), trainee)
}

/// What starts `trainee`'s next drill of set `id`: the drill's file (in the interface language
/// where there is one), their seed of the set, and the set; or why there is none.
pub fn next_drill(
    library: &Library,
    id: &str,
    trainee: &str,
    tr: &Tr,
) -> Result<(String, Option<u64>, Option<ForAssessment>), String> {
    let (curriculum, set) = set_of(library, id, tr)?;
    let lang = tr.lang().code();
    let result = result_of(library, curriculum, set, trainee);
    let drill = result.next().ok_or_else(|| tr.t("assess-app-all-done"))?;
    let (file, _) =
        library.find_preferring(drill, lang).ok_or_else(|| tr.t_text("assess-app-missing", &[("drill", &drill)]))?;
    let name = set.name.get(lang).to_owned();
    Ok((file, Some(set.seed_for(trainee)), Some(ForAssessment { id: set.id.clone(), name })))
}

/// One drill of the set as the screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// √ passed, × not passed once the set is done; ● played or ○ not played before.
    pub mark: String,
    /// The drill's title (its id when the library does not have it).
    pub title: String,
    /// Played or not; passed or not, with the shortfall, once the set is done.
    pub state: String,
    /// The debrief of the play that counts, once the set is done.
    pub review: Option<PathBuf>,
}

/// What the Assessment screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssessmentView {
    /// The set's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who plays.
    pub trainee: String,
    /// How it is played, in words.
    pub intro: String,
    /// Passed, not passed, or how far the trainee is.
    pub verdict: String,
    /// Every drill played.
    pub complete: bool,
    /// Every drill played and passed.
    pub passed: bool,
    /// The drills in the set's order.
    pub rows: Vec<Row>,
    /// The next drill's title, and whether it is the first.
    pub next: Option<(String, bool)>,
    /// Why the set cannot be shown or played.
    pub problem: Option<String>,
}

/// Builds the Assessment screen's view of the set shown, for the trainee in Settings.
pub fn assessment_view(library: &Library, shown: &ShownAssessment, settings: &Settings, tr: &Tr) -> AssessmentView {
    let id = shown.0.clone().unwrap_or_default();
    let trainee = settings.trainee.clone();
    let (curriculum, set) = match set_of(library, &id, tr) {
        Ok(found) => found,
        Err(problem) => return AssessmentView { id, trainee, problem: Some(problem), ..AssessmentView::default() },
    };
    let lang = tr.lang().code();
    let result = result_of(library, curriculum, set, &trainee);
    let complete = result.complete();
    let title =
        |drill: &str| library.find_preferring(drill, lang).map_or_else(|| drill.to_owned(), |(_, s)| s.title.clone());
    let rows = result
        .drills
        .iter()
        .map(|(drill, state)| {
            // Marks the app's fonts draw (the terminal's ✔ and ✘ would be boxes).
            let (mark, state_words) = if complete {
                let mark = match state {
                    DrillState::Passed => "√",
                    DrillState::Failed(_) => "×",
                    DrillState::NotPlayed => "○",
                };
                (mark, path::state_words(state, tr).1)
            } else if *state == DrillState::NotPlayed {
                ("○", tr.t("path-not-played"))
            } else {
                ("●", tr.t("assess-app-played"))
            };
            // The play that counts: the trainee's first for the set.
            let review = complete
                .then(|| {
                    library
                        .results
                        .iter()
                        .filter(|r| path::counts_for(set, drill, &trainee, &r.play(), r.assessment.as_deref()))
                        .min_by_key(|r| r.ended_at)
                        .map(|r| r.file.clone())
                })
                .flatten();
            Row { mark: mark.to_owned(), title: title(drill), state: state_words, review }
        })
        .collect();
    let next = result.next().map(|drill| (title(drill), result.done() == 0));
    let problem = result
        .next()
        .filter(|drill| library.find_preferring(drill, lang).is_none())
        .map(|drill| tr.t_text("assess-app-missing", &[("drill", &drill)]));
    AssessmentView {
        intro: tr.t_text("assess-app-intro", &[("count", &set.drills.len()), ("trainee", &trainee)]),
        verdict: result.verdict_words(tr),
        name: set.name.get(lang).to_owned(),
        id,
        trainee,
        complete,
        passed: result.passed(),
        rows,
        next,
        problem,
    }
}

/// Draws the Assessment screen.
pub fn draw_assessment(ui: &mut egui::Ui, view: &AssessmentView, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(tr.t_text("assess-app-title", &[("name", &view.name)]));
        if let Some(problem) = &view.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if !view.name.is_empty() {
            ui.label(&view.intro);
            ui.add_space(8.0);
            let verdict = egui::RichText::new(&view.verdict).strong().size(18.0);
            let verdict = match (view.complete, view.passed) {
                (true, true) => verdict.color(egui::Color32::from_rgb(40, 140, 60)),
                (true, false) => verdict.color(ui.visuals().error_fg_color),
                (false, _) => verdict,
            };
            ui.label(verdict);
            if !view.complete {
                ui.weak(tr.t("assess-app-held-back"));
            }
            ui.add_space(8.0);
            egui::Grid::new("assessment-drills")
                .striped(true)
                .num_columns(4)
                .min_col_width(16.0)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for row in &view.rows {
                        ui.label(&row.mark);
                        ui.strong(&row.title);
                        ui.label(&row.state);
                        match &row.review {
                            Some(file) if ui.button(tr.t("assess-app-review")).clicked() => {
                                intent = Some(Intent::OpenDebrief(file.clone()));
                            }
                            _ => {}
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(12.0);
            if let Some((title, first)) = &view.next
                && view.problem.is_none()
            {
                let words = if *first { "assess-app-start" } else { "assess-app-next" };
                let words = egui::RichText::new(tr.t_text(words, &[("title", title)])).strong().size(16.0);
                let button = egui::Button::new(words).min_size(egui::vec2(0.0, 32.0));
                if ui.add(button).clicked() {
                    intent = Some(Intent::StartAssessment(view.id.clone()));
                }
            }
        }
        ui.add_space(8.0);
        if ui.button(tr.t("assess-app-back")).clicked() {
            intent = Some(Intent::Go(Screen::Library));
        }
    });
    intent
}
