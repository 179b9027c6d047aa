//! The Drill screen as the trainee sees it: the agent's desk (transcript by channel, caller card,
//! CRM record with masked fields, messages with their real link domain, a complaint queue,
//! numbered choices with a countdown, the incident-report form, the pause). The view is built
//! from the runner's host API; drawing only reads it and returns an intent.

use bevy_egui::egui;

use super::Intent;
use super::drill::{ActiveDrill, ReportForm};
use super::i18n::Tr;
use crate::engine::model::{Channel, InputKind, Role, Spot};
use crate::engine::review::mm_ss;
use crate::engine::shown::{DeskField, DeskItem, DeskLink, Prompt, Shown, Speaker};
use crate::engine::times::WallMs;

/// What the Drill screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillView {
    /// Scenario title.
    pub title: String,
    /// Who plays.
    pub trainee: String,
    /// Drill time now.
    pub time_ms: u64,
    /// Stopped by the facilitator.
    pub paused: bool,
    /// Everything said and done so far, each with the runner's event index (what a flag names).
    pub transcript: Vec<(usize, Shown)>,
    /// The places flagged as suspicious so far: (event index, part).
    pub flagged: Vec<(usize, Spot)>,
    /// The event of the latest line of who is on the line (whose caller ID can be flagged).
    pub caller_event: Option<usize>,
    /// Who is on the line now.
    pub on_the_line: Option<(Channel, Speaker)>,
    /// Artefacts, newest first, each with the event that showed it.
    pub desk: Vec<(usize, DeskItem)>,
    /// Interruptions that arrived during this decision.
    pub notifications: Vec<Shown>,
    /// What the trainee must do.
    pub waiting: Prompt,
    /// The runner's last refusal.
    pub problem: Option<String>,
    /// The number of the decision being faced, from 1.
    pub decision: usize,
    /// Evaluator notes written so far: decision number, author, text.
    pub notes: Vec<(usize, String, String)>,
    /// The name of the assessment set the drill is played for: no pause button then.
    pub assessment: Option<String>,
    /// Played in a live session: the facilitator pauses and ends it, and the answers go to the
    /// host. `Some(false)` shows the options; `Some(true)` hides them (a role play, where the
    /// trainee answers aloud).
    pub live: Option<bool>,
}

/// Builds the Drill screen's view at wall-clock `now`.
pub fn drill_view(drill: &ActiveDrill, now: u64) -> DrillView {
    let (runner, now) = (&drill.runner, WallMs(now));
    let notifications = drill
        .transcript
        .get(drill.since_decision..)
        .unwrap_or_default()
        .iter()
        .filter(|e| matches!(e, Shown::Line { inject: true, .. }))
        .cloned()
        .collect();
    DrillView {
        title: runner.title(),
        trainee: runner.trainee().to_owned(),
        time_ms: runner.drill_time(now).0,
        paused: runner.is_paused(),
        transcript: drill.transcript_events.iter().copied().zip(drill.transcript.iter().cloned()).collect(),
        flagged: runner.flagged(),
        caller_event: drill
            .transcript_events
            .iter()
            .zip(&drill.transcript)
            .rev()
            .find(|(_, e)| matches!(e, Shown::Line { speaker: Some(s), .. } if s.caller_id.is_some()))
            .map(|(i, _)| *i),
        on_the_line: runner.on_the_line(),
        desk: runner.desk_events(now),
        notifications,
        waiting: runner.waiting(now),
        problem: drill.problem.clone(),
        decision: runner.decision_number(),
        notes: drill.notes.iter().map(|n| (n.decision, n.author.clone(), n.text.clone())).collect(),
        assessment: drill.assessment.as_ref().map(|a| a.name.clone()),
        live: None,
    }
}

/// A channel's name with its mark, in the interface language.
pub fn channel_label(channel: Channel, tr: &Tr) -> String {
    let (mark, id) = match channel {
        Channel::Call => ("📞", "channel-call"),
        Channel::Chat => ("💬", "channel-chat"),
        Channel::Email => ("✉", "channel-email"),
        Channel::Sms => ("📱", "channel-sms"),
        Channel::System => ("⚙", "channel-system"),
    };
    format!("{mark} {}", tr.t(id))
}

fn channel_colour(channel: Channel) -> egui::Color32 {
    match channel {
        Channel::Call => egui::Color32::from_rgb(0x1f, 0x6f, 0xb2),
        Channel::Chat => egui::Color32::from_rgb(0x2e, 0x8b, 0x57),
        Channel::Email => egui::Color32::from_rgb(0x7a, 0x4e, 0xa3),
        Channel::Sms => egui::Color32::from_rgb(0xb8, 0x6e, 0x00),
        Channel::System => egui::Color32::from_rgb(0x55, 0x5f, 0x6b),
    }
}

fn role_label(role: Role, tr: &Tr) -> String {
    tr.t(match role {
        // The trainee must not be told who is an attacker: an attacker shows as a caller.
        Role::Customer | Role::Attacker => "role-caller",
        Role::Colleague => "role-colleague",
        Role::Supervisor => "role-supervisor",
        Role::System => "role-system",
        Role::Other => "role-other",
    })
}

const NUMBER_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// Draws the Drill screen; number keys 1–9 choose and P pauses while no text field has the focus.
pub fn draw_drill(ui: &mut egui::Ui, view: &DrillView, form: &mut ReportForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    let typing = ui.ctx().egui_wants_keyboard_input();
    if !typing {
        if view.assessment.is_none() && ui.input(|i| i.key_pressed(egui::Key::P)) {
            intent = Some(Intent::TogglePause);
        }
        // F flags the newest line not yet flagged.
        if !view.paused && ui.input(|i| i.key_pressed(egui::Key::F)) {
            let newest =
                view.transcript.iter().rev().find(|(e, entry)| {
                    matches!(entry, Shown::Line { .. }) && !view.flagged.contains(&(*e, Spot::Line))
                });
            if let Some((event, _)) = newest {
                intent = Some(Intent::Flag(*event, Spot::Line));
            }
        }
        if let (Prompt::Choices { options, .. }, false, false) = (&view.waiting, view.paused, view.live == Some(true)) {
            for (i, key) in NUMBER_KEYS.iter().enumerate().take(options.len()) {
                if ui.input(|inp| inp.key_pressed(*key)) {
                    intent = Some(Intent::Choose(i));
                }
            }
        }
    }
    egui::Panel::top("drill-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label(egui::RichText::new(mm_ss(view.time_ms)).monospace().strong().size(16.0));
            ui.separator();
            ui.strong(&view.title);
            ui.separator();
            ui.label(tr.t_args("drill-trainee", &[("trainee", view.trainee.clone().into())]));
            if let Some(name) = &view.assessment {
                ui.separator();
                ui.label(egui::RichText::new(tr.t_text("drill-assessment", &[("name", name)])).strong())
                    .on_hover_text(tr.t("drill-assessment-hint"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // An assessment drill is played through; a drill resumed paused can still resume.
                // In a live session the facilitator pauses.
                if view.live.is_none() && (view.assessment.is_none() || view.paused) {
                    let label = if view.paused { tr.t("drill-resume") } else { tr.t("drill-pause") };
                    if ui.button(label).clicked() {
                        intent = Some(Intent::TogglePause);
                    }
                }
                if (view.paused || view.problem.is_some())
                    && view.assessment.is_none()
                    && view.live.is_none()
                    && ui.button(tr.t("drill-abandon")).on_hover_text(tr.t("drill-abandon-hint")).clicked()
                {
                    intent = Some(Intent::Abandon);
                }
            });
        });
    });
    egui::Panel::right("desk").resizable(true).default_size(400.0).show(ui, |ui| {
        ui.heading(tr.t("drill-desk"));
        egui::ScrollArea::vertical().id_salt("desk-scroll").show(ui, |ui| {
            if view.desk.is_empty() {
                ui.weak(tr.t("drill-desk-empty"));
            }
            for (event, shown) in &view.desk {
                if let Some(i) = draw_artefact(ui, *event, shown, &view.flagged, tr) {
                    intent = Some(i);
                }
                ui.add_space(6.0);
            }
        });
    });
    egui::Panel::bottom("answer").show(ui, |ui| {
        ui.add_space(6.0);
        if view.paused && view.live.is_some() {
            ui.vertical_centered(|ui| {
                ui.heading(tr.t("drill-paused"));
                ui.label(tr.t("live-paused-hint"));
            });
        } else if view.live == Some(true) && matches!(view.waiting, Prompt::Choices { .. }) {
            ui.vertical_centered(|ui| {
                ui.heading(tr.t("live-answer-aloud"));
                ui.label(tr.t("live-answer-aloud-hint"));
            });
        } else if view.paused {
            ui.vertical_centered(|ui| {
                ui.heading(tr.t("drill-paused"));
                ui.label(tr.t("drill-paused-hint"));
            });
            ui.add_space(6.0);
            for (decision, author, text) in &view.notes {
                ui.weak(format!("{decision}. {author}: {text}"));
            }
            ui.horizontal(|ui| {
                ui.label(tr.t_args("drill-note", &[("decision", view.decision.into())]));
                ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(ui.available_width() - 160.0));
                if ui.button(tr.t("review-note-pin")).clicked() {
                    intent = Some(Intent::AddNote {
                        decision: view.decision,
                        author: String::new(),
                        text: form.note.clone(),
                    });
                }
            });
        } else if let Some(i) = draw_answer(ui, view, form, tr) {
            intent = Some(i);
        }
        if let Some(problem) = &view.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some((channel, s)) = &view.on_the_line {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.colored_label(channel_colour(*channel), channel_label(*channel, tr));
                    ui.strong(&s.name);
                    ui.weak(role_label(s.role, tr));
                });
                if let Some(id) = &s.caller_id {
                    ui.horizontal(|ui| {
                        ui.label(tr.t_args("drill-caller-id", &[("id", id.clone().into())]));
                        if let Some(event) = view.caller_event
                            && let Some(i) = flag_button(ui, event, &Spot::CallerId, &view.flagged, tr)
                        {
                            intent = Some(i);
                        }
                    });
                }
                if let Some(note) = &s.note {
                    ui.weak(note);
                }
            });
        }
        for note in &view.notifications {
            if let Shown::Line { channel, speaker, text, .. } = note {
                egui::Frame::new()
                    .fill(egui::Color32::from_rgb(0xff, 0xf4, 0xd6))
                    .stroke(egui::Stroke::new(1.0, egui::Color32::from_rgb(0xd9, 0xa4, 0x00)))
                    .inner_margin(6.0)
                    .corner_radius(4.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let who = speaker.as_ref().map_or_else(String::new, |s| s.name.clone());
                        ui.strong(tr.t_args(
                            "drill-notification",
                            &[("channel", channel_label(*channel, tr).into()), ("who", who.into())],
                        ));
                        ui.colored_label(egui::Color32::from_rgb(0x40, 0x30, 0x00), text);
                    });
            }
        }
        ui.add_space(4.0);
        egui::ScrollArea::vertical().id_salt("transcript").stick_to_bottom(true).auto_shrink([false, false]).show(
            ui,
            |ui| {
                for (event, entry) in &view.transcript {
                    if let Some(i) = draw_entry(ui, *event, entry, view, tr) {
                        intent = Some(i);
                    }
                }
            },
        );
    });
    intent
}

/// A flag button for one part of an event: ⚐ to flag it, ⚑ once flagged (whether it was a
/// warning sign is for the review to say).
fn flag_button(ui: &mut egui::Ui, event: usize, spot: &Spot, flagged: &[(usize, Spot)], tr: &Tr) -> Option<Intent> {
    if flagged.iter().any(|(e, s)| *e == event && s == spot) {
        ui.colored_label(FLAG_COLOUR, "⚑").on_hover_text(tr.t("drill-flagged"));
        return None;
    }
    let part = crate::engine::i18n::spot_name(spot, tr.lang());
    let hint = tr.t_args("drill-flag-hint", &[("part", part.clone().into())]);
    // Read out (and found by tests) as "Flag the link", not as the flag glyph.
    let name = tr.t_args("drill-flag-label", &[("part", part.into())]);
    let button = ui.small_button("⚐");
    button.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name));
    button.on_hover_text(hint).clicked().then(|| Intent::Flag(event, spot.clone()))
}

/// The colour of a raised flag.
const FLAG_COLOUR: egui::Color32 = egui::Color32::from_rgb(0xc0, 0x39, 0x2b);

fn draw_entry(ui: &mut egui::Ui, event: usize, entry: &Shown, view: &DrillView, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    match entry {
        Shown::Line { t, channel, speaker, text, inject } => {
            let colour = channel_colour(*channel);
            egui::Frame::new()
                .stroke(egui::Stroke::new(if *inject { 2.0 } else { 1.0 }, colour))
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.weak(mm_ss(t.0));
                        ui.colored_label(colour, channel_label(*channel, tr));
                        if let Some(s) = speaker {
                            ui.strong(&s.name);
                        }
                        if *inject {
                            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x6a, 0x00), tr.t("drill-new"));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            intent = flag_button(ui, event, &Spot::Line, &view.flagged, tr);
                        });
                    });
                    ui.label(text);
                });
        }
        Shown::You { t, text, timed_out, .. } => {
            ui.horizontal_wrapped(|ui| {
                ui.weak(mm_ss(t.0));
                if *timed_out {
                    ui.colored_label(ui.visuals().error_fg_color, tr.t("drill-timed-out"));
                } else {
                    ui.strong(tr.t("drill-you"));
                }
                ui.label(egui::RichText::new(text).italics());
            });
        }
        Shown::Answered { t } => {
            ui.horizontal(|ui| {
                ui.weak(mm_ss(t.0));
                ui.strong(tr.t("drill-answered"));
            });
        }
        Shown::Revealed { t, field } => {
            ui.horizontal(|ui| {
                ui.weak(mm_ss(t.0));
                ui.label(tr.t_args("drill-revealed", &[("field", field.clone().into())]));
            });
        }
        Shown::Flagged { t, spot, what, .. } => {
            let part = crate::engine::i18n::spot_name(spot, tr.lang());
            ui.horizontal_wrapped(|ui| {
                ui.weak(mm_ss(t.0));
                ui.colored_label(FLAG_COLOUR, "⚑");
                ui.label(tr.t_args("drill-you-flagged", &[("part", part.into())]));
                if !what.is_empty() {
                    ui.weak(egui::RichText::new(shorten(what, 60)).italics());
                }
            });
        }
        Shown::Ended { t, title, .. } => {
            ui.horizontal(|ui| {
                ui.weak(mm_ss(t.0));
                ui.strong(title);
            });
        }
        // Artefacts are on the desk, and decisions in the answer panel.
        Shown::Artefact { .. } | Shown::Choices { .. } | Shown::Input { .. } => return None,
    }
    ui.add_space(4.0);
    intent
}

/// The first `chars` characters of a text, with an ellipsis when cut.
fn shorten(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

fn draw_artefact(
    ui: &mut egui::Ui,
    event: usize,
    shown: &DeskItem,
    flagged: &[(usize, Spot)],
    tr: &Tr,
) -> Option<Intent> {
    // Set from inside the frame's closures (a flag button or a reveal button).
    let intent = std::cell::Cell::new(None);
    let flag = |ui: &mut egui::Ui, spot: Spot| {
        if let Some(i) = flag_button(ui, event, &spot, flagged, tr) {
            intent.set(Some(i));
        }
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        match shown {
            DeskItem::Crm { title, fields } => {
                ui.strong(format!("🗂 {}", tr.t_args("drill-crm", &[("title", title.clone().into())])));
                egui::Grid::new(("crm", title)).num_columns(4).striped(true).show(ui, |ui| {
                    for DeskField { label, value, masked } in fields {
                        ui.label(label);
                        ui.label(egui::RichText::new(value).monospace());
                        if *masked {
                            if ui.small_button(tr.t("drill-reveal")).on_hover_text(tr.t("drill-reveal-hint")).clicked()
                            {
                                intent.set(Some(Intent::Reveal(label.clone())));
                            }
                        } else {
                            ui.label("");
                        }
                        flag(ui, Spot::Field(label.clone()));
                        ui.end_row();
                    }
                });
            }
            DeskItem::Message { sms, from, subject, body, link } => {
                let kind = if *sms { tr.t("drill-sms") } else { tr.t("drill-email") };
                ui.strong(kind);
                ui.horizontal_wrapped(|ui| {
                    ui.label(tr.t_args("drill-from", &[("from", from.clone().into())]));
                    flag(ui, Spot::Sender);
                });
                if let Some(subject) = subject {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(tr.t_args("drill-subject", &[("subject", subject.clone().into())]));
                        flag(ui, Spot::Subject);
                    });
                }
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    ui.label(body);
                    flag(ui, Spot::Body);
                });
                if let Some(DeskLink { text, href, real_domain: domain }) = link {
                    ui.horizontal_wrapped(|ui| {
                        // Hovering shows where the link really goes, as a mail client's status bar would.
                        ui.link(text).on_hover_text(tr.t_args(
                            "drill-link-hover",
                            &[("href", href.clone().into()), ("domain", domain.clone().into())],
                        ));
                        flag(ui, Spot::Link);
                    });
                }
            }
            DeskItem::Queue { label, count, per_minute } => {
                ui.strong(label);
                ui.label(egui::RichText::new(count.to_string()).size(28.0).strong().color(ui.visuals().warn_fg_color));
                ui.weak(tr.t_args("drill-queue-rate", &[("rate", (*per_minute).into())]));
            }
            DeskItem::Note { title, body } => {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(title);
                    flag(ui, Spot::Title);
                });
                ui.horizontal_wrapped(|ui| {
                    ui.label(body);
                    flag(ui, Spot::Body);
                });
            }
        }
    });
    intent.into_inner()
}

fn draw_answer(ui: &mut egui::Ui, view: &DrillView, form: &mut ReportForm, tr: &Tr) -> Option<Intent> {
    let mut intent = None;
    match &view.waiting {
        Prompt::Choices { options, countdown, .. } => {
            if let Some(countdown) = countdown.filter(|c| c.reading_left_ms > 0) {
                // The reading phase: a calm bar; the clock has not started yet.
                let secs = countdown.reading_left_ms.div_ceil(1000);
                ui.add(egui::ProgressBar::new(1.0).fill(egui::Color32::from_rgb(0xa8, 0xcf, 0xee)).text(tr.t_args(
                    "drill-reading",
                    &[("seconds", secs.into()), ("limit", countdown.allowed_ms.div_ceil(1000).into())],
                )));
                ui.add_space(4.0);
            } else if let Some(countdown) = countdown {
                // The bar moves with the seconds shown, so it changes only when they do.
                let (secs, allowed) = (countdown.left_ms.div_ceil(1000), countdown.allowed_ms);
                #[expect(clippy::cast_precision_loss, reason = "milliseconds of a countdown fit an f32")]
                let fraction = if allowed == 0 { 0.0 } else { (secs * 1000) as f32 / allowed as f32 };
                let colour = if fraction < 0.25 {
                    egui::Color32::from_rgb(0xc0, 0x39, 0x2b)
                } else {
                    egui::Color32::from_rgb(0xe6, 0x7e, 0x22)
                };
                ui.add(
                    egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                        .fill(colour)
                        .text(tr.t_args("drill-countdown", &[("seconds", secs.into())])),
                );
                ui.add_space(4.0);
            }
            ui.label(tr.t("drill-choose"));
            ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                for (i, option) in options.iter().enumerate() {
                    let label = format!("{}.  {}", i + 1, option.text);
                    let button =
                        egui::Button::new(egui::RichText::new(label).size(15.0)).wrap().min_size(egui::vec2(0.0, 30.0));
                    if ui.add(button).clicked() {
                        intent = Some(Intent::Choose(i));
                    }
                }
            });
        }
        Prompt::Input { kind, prompt, .. } => {
            ui.strong(prompt);
            match kind {
                InputKind::IncidentReport => {
                    for (field, id) in [
                        (&mut form.description, "report-description"),
                        (&mut form.scope, "report-scope"),
                        (&mut form.measures, "report-measures"),
                    ] {
                        ui.label(tr.t(id));
                        ui.add(egui::TextEdit::multiline(field).desired_rows(2).desired_width(f32::INFINITY));
                    }
                }
                InputKind::FreeText => {
                    ui.add(egui::TextEdit::multiline(&mut form.text).desired_rows(4).desired_width(f32::INFINITY));
                }
            }
            if ui.button(tr.t("report-submit")).clicked() {
                intent = Some(Intent::Submit(form.answer(*kind)));
            }
        }
        Prompt::Nothing => {}
    }
    intent
}
