//! The Session screen: host or join a live session; the facilitator's console (facilitated),
//! the team's votes, the role card; a participant's own drill through the Drill screen's drawing.

use bevy_egui::egui;

use super::Intent;
use super::drill::{ActiveDrill, ReportForm};
use super::drill_ui::{draw_drill, drill_view};
use super::i18n::{Tr, competency_label};
use super::library::Library;
use super::live::{Hosting, Joined, Live, SessionForms, request_for, results_folder};
use super::review::level_colour;
use crate::engine::facilitated::{ConsoleRow, FacilitatedRequest};
use crate::engine::review::mm_ss;
use crate::engine::role_play::{RoleCard, RolePlayRequest};
use crate::engine::team_drill::{Confidence, TeamDecision, TeamRequest, alignment_name, vote_words};
use crate::engine::times::WallMs;
use crate::net::{Mode, Part, TeamView, ToHost};

mod start;

/// The colour of what did harm, and of a participant who looks stuck.
const ALARM: egui::Color32 = egui::Color32::from_rgb(0xc0, 0x39, 0x2b);

fn mode_label(mode: Mode, tr: &Tr) -> String {
    tr.t(mode.label_id())
}

/// Draws the Session screen; returns what the person asked for.
pub fn draw_session(
    ui: &mut egui::Ui,
    live: &Live,
    forms: &mut SessionForms,
    report: &mut ReportForm,
    library: &Library,
    now: u64,
    tr: &Tr,
) -> Option<Intent> {
    match live {
        Live::Off => start::draw_start(ui, forms, library, tr),
        Live::Hosting(h) => draw_hosting(ui, h, forms, now, tr),
        Live::Joined(j) => draw_joined(ui, j, forms, report, now, tr),
    }
}

/// The facilitator's screen.
fn draw_hosting(ui: &mut egui::Ui, h: &Hosting, forms: &mut SessionForms, now: u64, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let host = &h.host;
    let setup = host.setup();
    ui.horizontal(|ui| {
        ui.heading(format!("{} · {}", host.scenario().title, mode_label(setup.mode, tr)));
        if let Some(place) = host.place() {
            ui.separator();
            ui.strong(place.words(tr));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(tr.t("live-leave")).on_hover_text(tr.t("live-leave-host-hint")).clicked() {
                intent = Some(Intent::LeaveSession);
            }
            if setup.mode == Mode::Facilitated && !host.is_over() && ui.button(tr.t("live-end")).clicked() {
                intent = Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::End)));
            }
            let from = host.place().map_or(1, |p| p.drill);
            // Armed for an earlier drill (the set moved on meanwhile): forgotten.
            if forms.confirm_next.is_some_and(|d| d != from) {
                forms.confirm_next = None;
            }
            if let Some(next) = host.next_scenario().filter(|_| !host.is_over() && forms.confirm_next.is_none()) {
                let hint =
                    if setup.mode == Mode::Facilitated { "live-next-drill-now" } else { "live-next-drill-later" };
                let button = ui
                    .add_enabled(
                        host.next_is_open(),
                        egui::Button::new(tr.t_text("live-next-drill", &[("title", &next.title)])),
                    )
                    .on_hover_text(tr.t(hint))
                    .on_disabled_hover_text(tr.t("live-next-drill-later"));
                if button.clicked() {
                    // Participants still playing a facilitated drill lose it: the facilitator
                    // confirms first, on a line of its own (a double click never confirms).
                    if still_playing(host, now).is_empty() {
                        intent = Some(Intent::Facilitate(ToHost::NextDrill { from }));
                    } else {
                        forms.confirm_next = Some(from);
                    }
                }
            }
        });
    });
    if let Some(from) = forms.confirm_next {
        ui.horizontal(|ui| {
            let names = still_playing(host, now).join(", ");
            ui.colored_label(ALARM, tr.t_text("live-next-still-playing", &[("names", &names)]));
            if ui.button(tr.t("live-next-cancel")).clicked() {
                forms.confirm_next = None;
            }
            if ui.button(tr.t("live-next-confirm")).clicked() {
                forms.confirm_next = None;
                intent = Some(Intent::Facilitate(ToHost::NextDrill { from }));
            }
        });
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(tr.t("live-code"));
            ui.label(egui::RichText::new(host.code().shown()).monospace().strong().size(26.0));
            ui.separator();
            ui.vertical(|ui| {
                let addresses: Vec<String> = host.addresses().iter().map(ToString::to_string).collect();
                ui.label(tr.t_text("live-addresses", &[("addresses", &addresses.join("  ·  "))]));
                ui.weak(tr.t_text("live-saved-in", &[("folder", &host.folder().display())]));
            });
        });
    });
    if host.is_over() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            match &h.results {
                Some(Ok(results)) => {
                    ui.strong(tr.t_text("live-over", &[("count", &results.files.len())]));
                    if let Some(folder) = results_folder(h)
                        && ui.button(tr.t("live-open-hot-wash")).clicked()
                    {
                        intent = Some(Intent::OpenHotWash(folder.clone()));
                    }
                }
                Some(Err(e)) => {
                    ui.colored_label(ALARM, e);
                }
                None => {}
            }
        });
    }
    let faced = match setup.mode {
        Mode::Facilitated => draw_console(ui, h, forms, now, tr),
        Mode::Team => draw_team_host(ui, h, forms, tr),
        Mode::RolePlay => match host.role_play().and_then(crate::engine::role_play::RolePlay::card) {
            Some(card) => {
                let node = crate::engine::session::open_node(host.role_play().map(|r| r.runner())?);
                draw_card(ui, &card, node, forms, tr).map(Intent::Facilitate)
            }
            None => {
                waiting_line(ui, host, tr);
                None
            }
        },
    };
    intent = intent.or(faced);
    ui.add_space(6.0);
    egui::CollapsingHeader::new(tr.t("live-log")).default_open(true).show(ui, |ui| {
        for line in &h.log {
            ui.weak(line);
        }
    });
    intent
}

/// Who is still playing the facilitated drill (none in other kinds of session).
fn still_playing(host: &crate::net::host::Host, now: u64) -> Vec<String> {
    host.console(WallMs(now)).into_iter().filter(|r| r.node.is_some()).map(|r| r.name).collect()
}

fn waiting_line(ui: &mut egui::Ui, host: &crate::net::host::Host, tr: &Tr) {
    let missing = host.waiting_for();
    if !missing.is_empty() {
        ui.label(tr.t_text("cli-join-waiting", &[("names", &missing.join(", "))]));
    }
}

/// The facilitated session's console: one row per participant, and the guide.
fn draw_console(ui: &mut egui::Ui, h: &Hosting, forms: &mut SessionForms, now: u64, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let host = &h.host;
    let rows = host.console(WallMs(now));
    let injects: Vec<String> = host.scenario().facilitator_injects.iter().map(|i| i.id.to_string()).collect();
    // The first inject is offered (again after a set moves on to a drill with other injects).
    if !injects.contains(&forms.inject)
        && let Some(first) = injects.first()
    {
        forms.inject.clone_from(first);
    }
    let send = |r: FacilitatedRequest| Some(Intent::Facilitate(ToHost::Facilitated(r)));
    ui.horizontal(|ui| {
        ui.strong(tr.t_text("live-participants", &[("count", &rows.len())]));
        ui.separator();
        if ui.button(tr.t("live-pause-all")).clicked() {
            intent = send(FacilitatedRequest::Pause { who: None });
        }
        if ui.button(tr.t("live-resume-all")).clicked() {
            intent = send(FacilitatedRequest::Resume { who: None });
        }
        if !injects.is_empty() {
            ui.separator();
            egui::ComboBox::from_id_salt("live-inject").selected_text(forms.inject.clone()).show_ui(ui, |ui| {
                for id in &injects {
                    ui.selectable_value(&mut forms.inject, id.clone(), id);
                }
            });
            if ui.button(tr.t("live-inject-all")).clicked() {
                intent = send(FacilitatedRequest::Inject { who: None, inject: forms.inject.as_str().into() });
            }
        }
    });
    if rows.is_empty() {
        ui.weak(tr.t("live-nobody-yet"));
    }
    egui::ScrollArea::vertical().id_salt("console").max_height(ui.available_height() * 0.6).show(ui, |ui| {
        egui::Grid::new("console-grid").striped(true).num_columns(7).spacing([12.0, 6.0]).show(ui, |ui| {
            for id in [
                "live-col-name",
                "live-col-at",
                "live-col-time",
                "live-col-ratings",
                "live-col-flags",
                "live-col-harm",
                "",
            ] {
                ui.strong(if id.is_empty() { String::new() } else { tr.t(id) });
            }
            ui.end_row();
            for row in &rows {
                if let Some(i) = console_row(ui, row, forms, !injects.is_empty(), tr) {
                    intent = Some(i);
                }
                ui.end_row();
            }
        });
    });
    if let Some(session) = host.facilitated() {
        egui::CollapsingHeader::new(tr.t("live-guide")).show(ui, |ui| {
            egui::Grid::new("guide-grid").striped(true).num_columns(3).show(ui, |ui| {
                for row in session.guide() {
                    ui.monospace(row.node.to_string());
                    let expert: Vec<String> = row.expert.iter().map(ToString::to_string).collect();
                    ui.label(tr.t_text("live-guide-expert", &[("options", &expert.join(", "))]));
                    let flags: Vec<String> = row
                        .flags
                        .iter()
                        .map(|f| host.scenario().red_flags.get(f).map_or_else(|| f.to_string(), |d| d.name.clone()))
                        .collect();
                    ui.label(tr.t_text("live-guide-flags", &[("flags", &flags.join(", "))]));
                    ui.end_row();
                }
            });
        });
    }
    intent
}

fn console_row(
    ui: &mut egui::Ui,
    row: &ConsoleRow,
    forms: &mut SessionForms,
    injects: bool,
    tr: &Tr,
) -> Option<Intent> {
    let mut intent = None;
    let send = |r: FacilitatedRequest| Some(Intent::Facilitate(ToHost::Facilitated(r)));
    let name = egui::RichText::new(&row.name).strong();
    ui.label(if row.stuck { name.color(ALARM) } else { name });
    let at = match (&row.node, row.outcome) {
        (Some(node), _) => tr.t_text("cli-console-at", &[("n", &row.decision), ("node", node)]),
        (None, Some(outcome)) => super::i18n::outcome_label(outcome, tr),
        (None, None) => tr.t("cli-console-done"),
    };
    let mut state = at;
    if row.paused {
        state = format!("{state} · {}", tr.t("cli-console-paused"));
    }
    if row.stuck {
        state = format!("{state} · {}", tr.t("cli-console-stuck"));
    }
    ui.label(state);
    ui.monospace(mm_ss(row.on_decision_ms));
    ui.horizontal(|ui| {
        for (competency, level) in &row.ratings {
            ui.colored_label(level_colour(*level), level.letter().to_string())
                .on_hover_text(competency_label(competency, tr));
        }
    });
    let list = |ids: &[String]| if ids.is_empty() { "–".to_owned() } else { ids.join(", ") };
    let caught = list(&row.caught.iter().map(ToString::to_string).collect::<Vec<_>>());
    let missed = list(&row.missed.iter().map(ToString::to_string).collect::<Vec<_>>());
    ui.horizontal(|ui| {
        ui.label(tr.t_text("live-flags-caught", &[("count", &row.caught.len())])).on_hover_text(caught);
        let missed_label = tr.t_text("live-flags-missed", &[("count", &row.missed.len())]);
        let shown = if row.missed.is_empty() { ui.label(missed_label) } else { ui.colored_label(ALARM, missed_label) };
        shown.on_hover_text(missed);
    });
    let harm = list(&row.harm.iter().map(ToString::to_string).collect::<Vec<_>>());
    if row.harm.is_empty() {
        ui.label(harm)
    } else {
        ui.colored_label(ALARM, harm)
    };
    ui.horizontal(|ui| {
        let who = Some(row.name.clone());
        if row.node.is_some() {
            let (label, request) = if row.paused {
                (tr.t("live-resume"), FacilitatedRequest::Resume { who: who.clone() })
            } else {
                (tr.t("live-pause"), FacilitatedRequest::Pause { who: who.clone() })
            };
            if ui.small_button(label).clicked() {
                intent = send(request);
            }
            if injects && ui.small_button(tr.t("live-inject")).on_hover_text(forms.inject.clone()).clicked() {
                intent = send(FacilitatedRequest::Inject { who, inject: forms.inject.as_str().into() });
            }
        }
        let note = forms.notes.entry(row.name.clone()).or_default();
        ui.add(egui::TextEdit::singleline(note).desired_width(160.0).hint_text(tr.t("live-note-hint")));
        if ui.small_button(tr.t("review-note-pin")).clicked() && !note.trim().is_empty() {
            intent = send(FacilitatedRequest::Note { who: row.name.clone(), text: note.trim().to_owned() });
            note.clear();
        }
    });
    intent
}

/// The team drill as the facilitator runs it: who has voted, ties to break, decisions taken.
fn draw_team_host(ui: &mut egui::Ui, h: &Hosting, forms: &mut SessionForms, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let host = &h.host;
    let Some(team) = host.team() else {
        waiting_line(ui, host, tr);
        return None;
    };
    let node = crate::engine::session::open_node(team.runner());
    let view = TeamView {
        members: team.record().members.clone(),
        lead: team.record().lead.clone(),
        voted: team.voted().into_iter().map(str::to_owned).collect(),
        tie: team.tie().map(<[_]>::to_vec),
        decisions: team.decisions().to_vec(),
    };
    if let Some(node) = &node {
        ui.strong(tr.t_text("live-team-open", &[("n", &team.runner().decision_number()), ("node", node)]));
        for option in team.runner().options() {
            ui.label(format!("· {}", option.text));
        }
        if let Some(tied) = &view.tie {
            ui.horizontal(|ui| {
                ui.colored_label(ALARM, tr.t("live-team-tie"));
                for choice in tied {
                    if ui.button(choice.to_string()).clicked() {
                        intent = Some(Intent::Facilitate(ToHost::Team(TeamRequest::BreakTie {
                            node: node.clone(),
                            choice: choice.clone(),
                        })));
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            if !view.voted.is_empty() && ui.button(tr.t("live-team-close")).clicked() {
                intent = Some(Intent::Facilitate(ToHost::Team(TeamRequest::Close { node: node.clone() })));
            }
            let injects: Vec<String> = host.scenario().facilitator_injects.iter().map(|i| i.id.to_string()).collect();
            if let Some(first) = injects.first() {
                if !injects.contains(&forms.inject) {
                    forms.inject.clone_from(first);
                }
                egui::ComboBox::from_id_salt("inject-for-the-team").selected_text(forms.inject.clone()).show_ui(
                    ui,
                    |ui| {
                        for id in &injects {
                            ui.selectable_value(&mut forms.inject, id.clone(), id);
                        }
                    },
                );
                if ui.button(tr.t("live-inject")).clicked() {
                    intent = Some(Intent::Facilitate(ToHost::Team(TeamRequest::Inject {
                        inject: forms.inject.as_str().into(),
                    })));
                }
            }
        });
    }
    team_panel(ui, &view, tr);
    intent
}

/// Who has voted, and each decision taken with its votes and alignment.
fn team_panel(ui: &mut egui::Ui, view: &TeamView, tr: &Tr) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("live-team-members"));
        for member in &view.members {
            let lead = view.lead.as_ref() == Some(member);
            let mark = if view.voted.contains(member) { "●" } else { "○" };
            let text =
                if lead { format!("{mark} {member} ({})", tr.t("live-team-lead")) } else { format!("{mark} {member}") };
            ui.label(text).on_hover_text(tr.t("live-team-voted-hint"));
        }
    });
    if !view.decisions.is_empty() {
        egui::Grid::new("team-decisions").striped(true).num_columns(4).show(ui, |ui| {
            for id in ["live-col-decision", "live-col-votes", "live-col-answer", "team-votes-alignment"] {
                ui.strong(tr.t(id));
            }
            ui.end_row();
            for decision in &view.decisions {
                team_decision_row(ui, decision, tr);
                ui.end_row();
            }
        });
    }
}

fn team_decision_row(ui: &mut egui::Ui, d: &TeamDecision, tr: &Tr) {
    ui.monospace(d.node.to_string());
    let votes: Vec<String> = d.votes.iter().map(|v| vote_words(v, v.choice.as_str(), tr)).collect();
    ui.label(if votes.is_empty() { "–".to_owned() } else { votes.join(", ") });
    let answer = d.answer.as_ref().map_or_else(|| tr.t("review-timed-out"), ToString::to_string);
    if d.expert.iter().any(|e| Some(e) == d.answer.as_ref()) {
        ui.label(answer)
    } else {
        ui.colored_label(ALARM, answer)
    };
    ui.label(alignment_name(d.alignment, tr));
}

/// The role card, with what the role-player (or the facilitator playing the cast) does.
fn draw_card(
    ui: &mut egui::Ui,
    card: &RoleCard,
    node: Option<crate::engine::model::NodeId>,
    forms: &mut SessionForms,
    tr: &Tr,
) -> Option<ToHost> {
    let mut request = None;
    let node = node?;
    egui::Frame::group(ui.style()).fill(egui::Color32::from_rgb(0xfb, 0xf7, 0xee)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.heading(tr.t("cli-card-heading"));
        if let Some((name, _)) = &card.who {
            ui.strong(tr.t_text("cli-card-who", &[("name", name)]));
        }
        if let Some(wants) = &card.wants {
            ui.label(tr.t_text("cli-card-wants", &[("wants", wants)]));
        }
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("“{}”", card.line)).size(20.0));
        if let Some(direction) = &card.direction {
            ui.label(egui::RichText::new(tr.t_text("cli-card-direction", &[("direction", direction)])).italics());
        }
        if !card.flags.is_empty() {
            ui.colored_label(ALARM, tr.t_text("cli-card-flags", &[("flags", &card.flags.join(", "))]));
        }
        if let Some(pushback) = &card.pushback {
            ui.label(tr.t_text("cli-card-pushback", &[("pushback", pushback)]));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if card.said {
                ui.label(format!("√ {}", tr.t("live-card-said")));
            } else if ui.button(tr.t("live-card-mark-said")).clicked() {
                request = Some(RolePlayRequest::Said { node: node.clone() });
            }
            ui.add(
                egui::TextEdit::singleline(&mut forms.ad_lib)
                    .desired_width(320.0)
                    .hint_text(tr.t("live-card-ad-lib-hint")),
            );
            if ui.button(tr.t("live-card-ad-lib")).clicked() && !forms.ad_lib.trim().is_empty() {
                request = Some(RolePlayRequest::AdLib { text: forms.ad_lib.trim().to_owned() });
                forms.ad_lib.clear();
            }
        });
        ui.add_space(6.0);
        ui.strong(tr.t("live-card-match"));
        for option in &card.options {
            if ui.button(&option.text).clicked() {
                request = Some(RolePlayRequest::Match { node: node.clone(), choice: Some(option.id.clone()) });
            }
        }
        let nudge = if card.nudges > 0 {
            tr.t_text("live-card-nudge-again", &[("count", &card.nudges)])
        } else {
            tr.t("live-card-nudge")
        };
        if ui.button(nudge).clicked() {
            request = Some(RolePlayRequest::Match { node: node.clone(), choice: None });
        }
    });
    request.map(ToHost::RolePlay)
}

/// A participant's screen.
fn draw_joined(
    ui: &mut egui::Ui,
    j: &Joined,
    forms: &mut SessionForms,
    report: &mut ReportForm,
    now: u64,
    tr: &Tr,
) -> Option<Intent> {
    let mut intent = None;
    let welcome = j.welcome.as_ref();
    egui::Panel::top("live-joined-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            match (welcome, j.drill.as_ref().map(|d| d.runner.scenario())) {
                (Some(w), Some(s)) => {
                    let part = tr.t(w.part.label_id());
                    ui.strong(format!("{} · {} · {}", s.title, mode_label(w.mode, tr), part));
                    if let Some(place) = &w.set {
                        ui.separator();
                        ui.label(place.words(tr));
                    }
                }
                _ => {
                    ui.spinner();
                    ui.label(tr.t("live-connecting"));
                }
            }
            if j.link.is_rejoining() {
                ui.colored_label(ALARM, tr.t("live-reconnecting"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(tr.t("live-leave")).on_hover_text(tr.t("live-leave-join-hint")).clicked() {
                    intent = Some(Intent::LeaveSession);
                }
            });
        });
        if let Some(why) = &j.refused {
            ui.colored_label(ALARM, tr.t_text("cli-join-refused", &[("why", why)]));
        }
        if !j.waiting_for().is_empty() {
            ui.label(tr.t_text("cli-join-waiting", &[("names", &j.waiting_for().join(", "))]));
        }
    });
    let (Some(welcome), Some(drill)) = (welcome, j.drill.as_ref()) else {
        for line in &j.log {
            ui.weak(line);
        }
        return intent;
    };
    let host_now = j.link.participant().host_now(WallMs(now)).0;
    let view = j.view.as_ref();
    if let (Some(between), Some(next)) = (&j.between, view.and_then(|v| v.next.as_ref())) {
        intent = intent.or(between_drills(ui, between, next, welcome, tr));
    }
    match welcome.part {
        Part::RolePlayer => {
            if let Some(card) = view.and_then(|v| v.card.as_ref()) {
                let node = crate::engine::session::open_node(&drill.runner);
                if let Some(request) = draw_card(ui, card, node, forms, tr) {
                    intent = Some(Intent::Ask(request));
                }
            }
            ui.add_space(6.0);
            ui.strong(tr.t("live-card-transcript"));
            egui::ScrollArea::vertical().id_salt("rp-transcript").stick_to_bottom(true).show(ui, |ui| {
                for entry in &drill.transcript {
                    if let crate::engine::shown::Shown::Line { speaker, text, .. } = entry {
                        let who = speaker.as_ref().map_or_else(String::new, |s| format!("{}: ", s.name));
                        ui.label(format!("{who}{text}"));
                    }
                }
            });
        }
        Part::Member { lead } => {
            if let Some(team) = view.and_then(|v| v.team.as_ref()) {
                egui::Panel::top("live-team").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(tr.t("live-team-confidence"));
                        ui.radio_value(&mut forms.confidence, Some(Confidence::Sure), tr.t("live-team-sure"));
                        ui.radio_value(&mut forms.confidence, Some(Confidence::NotSure), tr.t("live-team-not-sure"));
                        ui.radio_value(&mut forms.confidence, None, tr.t("live-team-no-confidence"));
                    });
                    if let (Some(tied), Some(node)) = (&team.tie, crate::engine::session::open_node(&drill.runner)) {
                        ui.horizontal(|ui| {
                            ui.colored_label(ALARM, tr.t("live-team-tie"));
                            if lead {
                                for choice in tied {
                                    if ui.button(choice.to_string()).clicked() {
                                        intent = Some(Intent::Ask(ToHost::Team(TeamRequest::BreakTie {
                                            node: node.clone(),
                                            choice: choice.clone(),
                                        })));
                                    }
                                }
                            }
                        });
                    }
                    team_panel(ui, team, tr);
                });
            }
            intent = intent.or_else(|| drill_in_session(ui, drill, welcome.mode, false, forms, report, host_now, tr));
        }
        Part::Trainee => {
            let aloud = welcome.mode == Mode::RolePlay;
            intent = intent.or_else(|| drill_in_session(ui, drill, welcome.mode, aloud, forms, report, host_now, tr));
        }
    }
    intent
}

/// Between a set's drills: how the last one went, where it is kept, and what comes next.
fn between_drills(
    ui: &mut egui::Ui,
    between: &super::live::Between,
    next: &crate::net::NextDrill,
    welcome: &crate::net::Welcome,
    tr: &Tr,
) -> Option<Intent> {
    let mut intent = None;
    egui::Frame::group(ui.style()).fill(egui::Color32::from_rgb(0xee, 0xf4, 0xfb)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if let Some(place) = &welcome.set {
            let args: [(&str, &dyn std::fmt::Display); 2] = [("n", &place.drill), ("count", &place.drills)];
            ui.heading(tr.t_text("live-between-heading", &args));
        }
        ui.label(&between.summary);
        match &between.saved {
            Ok(file) => ui.weak(tr.t_text("live-between-saved", &[("file", &file.display())])),
            Err(why) => ui.colored_label(ALARM, why),
        };
        ui.add_space(4.0);
        let id = format!("live-between-next-{}", next.starter(welcome.mode));
        ui.strong(tr.t_text(&id, &[("title", &next.title)]));
        if next.yours && ui.button(tr.t("live-start-next")).clicked() {
            intent = Some(Intent::Ask(ToHost::NextDrill { from: welcome.drill() }));
        }
    });
    intent
}

/// The participant's drill, drawn as on the Drill screen; what they do goes to the host.
#[expect(clippy::too_many_arguments, reason = "the drill's view, its forms and the words")]
fn drill_in_session(
    ui: &mut egui::Ui,
    drill: &ActiveDrill,
    mode: Mode,
    aloud: bool,
    forms: &SessionForms,
    report: &mut ReportForm,
    host_now: u64,
    tr: &Tr,
) -> Option<Intent> {
    let mut view = drill_view(drill, host_now);
    view.live = Some(aloud);
    let asked = draw_drill(ui, &view, report, tr)?;
    request_for(&asked, mode, drill, forms).map(Intent::Ask)
}
