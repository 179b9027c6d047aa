//! The Briefing screen: the trainee's role, the situation, the learning objectives and what the
//! trainee may do, before Start.

use bevy_egui::egui;

use super::i18n::Tr;
use super::i18n::{category_label, difficulty_label};
use super::{Intent, Screen};
use crate::engine::model::Scenario;

fn section(ui: &mut egui::Ui, heading: String, body: impl FnOnce(&mut egui::Ui)) {
    ui.add_space(10.0);
    ui.heading(heading);
    body(ui);
}

/// Draws the briefing of `scenario`.
pub fn draw_briefing(ui: &mut egui::Ui, scenario: &Scenario, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    egui::Panel::bottom("briefing-actions").show(ui, |ui| {
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let start = egui::Button::new(egui::RichText::new(tr.t("briefing-start")).size(18.0).strong());
            if ui.add(start).clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                intent = Some(Intent::Start(None));
            }
            if ui.button(tr.t("briefing-back")).clicked() {
                intent = Some(Intent::Go(Screen::Library));
            }
            ui.weak(tr.t("briefing-keys"));
        });
        ui.add_space(8.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(egui::RichText::new(&scenario.title).size(26.0));
            ui.weak(tr.t_args(
                "briefing-facts",
                &[
                    ("category", category_label(&scenario.category, tr).into()),
                    ("difficulty", difficulty_label(scenario.difficulty, tr).into()),
                    ("language", scenario.language.clone().into()),
                    ("minutes", scenario.minutes.into()),
                ],
            ));
            section(ui, tr.t("briefing-role"), |ui| {
                ui.label(&scenario.briefing.role);
            });
            section(ui, tr.t("briefing-situation"), |ui| {
                ui.label(&scenario.briefing.situation);
            });
            section(ui, tr.t("briefing-objectives"), |ui| {
                for o in &scenario.objectives {
                    ui.label(format!("• {o}"));
                }
            });
            if !scenario.briefing.allowed.is_empty() {
                section(ui, tr.t("briefing-allowed"), |ui| {
                    for a in &scenario.briefing.allowed {
                        ui.label(format!("• {a}"));
                    }
                });
            }
            let timed = scenario.nodes.values().filter(|n| n.timeout.is_some()).count();
            if timed > 0 {
                ui.add_space(10.0);
                ui.colored_label(ui.visuals().warn_fg_color, tr.t("briefing-timed"));
            }
        });
    });
    intent
}
