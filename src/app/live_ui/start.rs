//! The Session screen before a session: the form that hosts one (a drill or a set, the kind of
//! session, who may join) and the form that joins one.

use bevy_egui::egui;

use super::{ALARM, mode_label};
use crate::app::Intent;
use crate::app::i18n::Tr;
use crate::app::library::Library;
use crate::app::live::{HostForm, SessionForms};
use crate::net::Mode;

/// Host a session, or join one.
pub(super) fn draw_start(ui: &mut egui::Ui, forms: &mut SessionForms, library: &Library, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    ui.heading(tr.t("live-title"));
    ui.label(tr.t("live-intro"));
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.heading(tr.t("live-host-heading"));
            let form = &mut forms.host;
            // Drills in the interface language first (the first is offered), each group by title.
            let mut playable: Vec<(bool, String, String)> = library
                .entries
                .keys()
                .filter_map(|path| {
                    let s = library.playable(path)?;
                    Some((s.language != tr.lang().code(), format!("{} · {}", s.title, s.language), path.clone()))
                })
                .collect();
            playable.sort();
            let playable: Vec<(String, String)> = playable.into_iter().map(|(_, title, path)| (path, title)).collect();
            if form.scenario.is_empty()
                && let Some((first, _)) = playable.first()
            {
                form.scenario.clone_from(first);
            }
            let sets = library.drill_sets(tr.lang().code());
            let mut as_set = !form.set.is_empty();
            ui.horizontal(|ui| {
                ui.radio_value(&mut as_set, false, tr.t("live-host-one-drill"));
                ui.add_enabled_ui(!sets.is_empty(), |ui| {
                    ui.radio_value(&mut as_set, true, tr.t("live-host-a-set"))
                        .on_disabled_hover_text(tr.t("live-host-no-sets"));
                });
            });
            let mut ready = !form.scenario.is_empty();
            if as_set {
                if !sets.iter().any(|s| s.id == form.set)
                    && let Some(first) = sets.first()
                {
                    form.set.clone_from(&first.id);
                }
                ready = set_chooser(ui, form, library, &sets, tr);
            } else {
                form.set.clear();
                let chosen =
                    playable.iter().find(|(p, _)| *p == form.scenario).map(|(_, t)| t.clone()).unwrap_or_default();
                ui.label(tr.t("live-host-drill"));
                egui::ComboBox::from_id_salt("live-drill")
                    .selected_text(chosen)
                    .width(ui.available_width() - 12.0)
                    .show_ui(ui, |ui| {
                        for (path, title) in &playable {
                            ui.selectable_value(&mut form.scenario, path.clone(), title);
                        }
                    });
            }
            ui.label(tr.t("live-host-mode"));
            ui.horizontal(|ui| {
                for mode in [Mode::Facilitated, Mode::Team, Mode::RolePlay] {
                    ui.radio_value(&mut form.mode, mode, mode_label(mode, tr));
                }
            });
            ui.weak(tr.t(match form.mode {
                Mode::Facilitated => "live-mode-facilitated-hint",
                Mode::Team => "live-mode-team-hint",
                Mode::RolePlay => "live-mode-role-play-hint",
            }));
            egui::Grid::new("live-host-grid").num_columns(2).show(ui, |ui| {
                match form.mode {
                    Mode::Facilitated => {
                        ui.label(tr.t("live-host-roster"));
                        ui.text_edit_singleline(&mut form.names);
                        ui.end_row();
                    }
                    Mode::Team => {
                        ui.label(tr.t("live-host-members"));
                        ui.text_edit_singleline(&mut form.names);
                        ui.end_row();
                        ui.label(tr.t("live-host-lead"));
                        ui.text_edit_singleline(&mut form.lead);
                        ui.end_row();
                    }
                    Mode::RolePlay => {
                        ui.label(tr.t("live-host-trainee"));
                        ui.text_edit_singleline(&mut form.trainee);
                        ui.end_row();
                        ui.label(tr.t("live-host-role-player"));
                        ui.text_edit_singleline(&mut form.role_player);
                        ui.end_row();
                    }
                }
                ui.label(tr.t("live-host-port"));
                ui.add(egui::DragValue::new(&mut form.port).range(1024..=65535));
                ui.end_row();
                ui.label(tr.t("live-host-also-at")).on_hover_text(tr.t("live-host-also-at-hint"));
                ui.add(egui::TextEdit::singleline(&mut form.also_at).hint_text("10.0.4.7"));
                ui.end_row();
            });
            ui.add_enabled_ui(ready, |ui| {
                if ui.button(tr.t("live-host-button")).clicked() {
                    intent = Some(Intent::HostSession(form.clone()));
                }
            });
        });
        let ui = &mut cols[1];
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.heading(tr.t("live-join-heading"));
            ui.label(tr.t("live-join-hint"));
            let form = &mut forms.join;
            egui::Grid::new("live-join-grid").num_columns(2).show(ui, |ui| {
                ui.label(tr.t("live-join-address"));
                ui.add(egui::TextEdit::singleline(&mut form.address).hint_text("192.168.1.20:7447"));
                ui.end_row();
                ui.label(tr.t("live-join-code"));
                ui.add(egui::TextEdit::singleline(&mut form.code).hint_text("ABCD-EFGH"));
                ui.end_row();
                ui.label(tr.t("live-join-name"));
                ui.add(egui::TextEdit::singleline(&mut form.name).hint_text(tr.t("live-join-name-hint")));
                ui.end_row();
            });
            ui.add_enabled_ui(!form.address.trim().is_empty() && !form.code.trim().is_empty(), |ui| {
                if ui.button(tr.t("live-join-button")).clicked() {
                    intent = Some(Intent::JoinSession(form.clone()));
                }
            });
        });
    });
    intent
}

/// The set to host, and its drills; whether the folder has every one of them.
fn set_chooser(
    ui: &mut egui::Ui,
    form: &mut HostForm,
    library: &Library,
    sets: &[crate::engine::path::DrillSet],
    tr: &Tr,
) -> bool {
    let Some(chosen) = sets.iter().find(|s| s.id == form.set) else { return false };
    ui.label(tr.t("live-host-set"));
    egui::ComboBox::from_id_salt("live-set")
        .selected_text(chosen.name.clone())
        .width(ui.available_width() - 12.0)
        .show_ui(ui, |ui| {
            for set in sets {
                ui.selectable_value(&mut form.set, set.id.clone(), &set.name);
            }
        });
    match library.set_files(chosen, tr.lang().code()) {
        Ok(files) => {
            let titles: Vec<String> =
                files.iter().filter_map(|f| library.playable(f)).map(|s| s.title.clone()).collect();
            let args: [(&str, &dyn std::fmt::Display); 2] = [("count", &titles.len()), ("titles", &titles.join(" → "))];
            ui.weak(tr.t_text("live-host-set-drills", &args));
            true
        }
        Err(missing) => {
            ui.colored_label(ALARM, tr.t_text("live-host-set-missing", &[("drills", &missing)]));
            false
        }
    }
}
