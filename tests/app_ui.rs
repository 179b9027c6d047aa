//! The app's screens as egui functions, driven with `egui_kittest`: find by label, click, press
//! keys, and check the intent that comes back and what is shown. Also the interface texts: the app
//! names outcomes and competencies as the saved reviews do, and the shipped font has a glyph for
//! every Chinese character the app and the bundled drills show.

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hotwash::app::drill::ReportForm;
use hotwash::app::drill_ui::{DrillView, draw_drill};
use hotwash::app::i18n::{Lang, Tr};
use hotwash::app::library_ui::{Card, LibraryView, draw_library};
use hotwash::app::settings::{Settings, SettingsView, draw_settings};
use hotwash::app::{Intent, Screen};
use hotwash::engine::debrief::Answer;
use hotwash::engine::debrief::OptionView;
use hotwash::engine::model::{Channel, InputKind, Role, Spot};
use hotwash::engine::shown::{Countdown, DeskField, DeskItem, DeskLink, MASK, Prompt, Shown, Speaker};
use hotwash::engine::times::DrillMs;

fn library_view() -> LibraryView {
    LibraryView {
        groups: vec![(
            "Fraud and impersonation calls".into(),
            vec![
                Card {
                    path: "bank-security-call.en.ron".into(),
                    title: "Risk control on the line".into(),
                    difficulty: "Intermediate".into(),
                    language: "en".into(),
                    minutes: 12,
                    last: Some("Last result: Resolved · PPSP · 2026-11-28 10:00 UTC".into()),
                },
                Card {
                    path: "refund-scam-victim.en.ron".into(),
                    title: "The double refund".into(),
                    difficulty: "Intermediate".into(),
                    language: "en".into(),
                    minutes: 14,
                    last: None,
                },
            ],
        )],
        broken: vec![(
            "broken.en.ron".into(),
            "broken.en.ron:12:5: error: unknown node `greting`".into(),
            "broken.en.ron:12:5: error: unknown node `greting`\n   |\n12 |     start: \"greting\",".into(),
        )],
        categories: vec![("fraud_call".into(), "Fraud and impersonation calls".into())],
        languages: vec!["en".into(), "zh-CN".into()],
        folder: "scenarios".into(),
        ..LibraryView::default()
    }
}

fn run_library(view: LibraryView) -> Harness<'static, Option<Intent>> {
    let tr = Tr::new(Lang::En);
    Harness::builder().with_size(egui::vec2(1000.0, 700.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            if let Some(i) = draw_library(ui, &view, &tr) {
                *intent = Some(i);
            }
        },
        None,
    )
}

#[test]
fn the_library_lists_cards_with_results_and_broken_files_with_their_first_error() {
    let mut harness = run_library(library_view());
    harness.run();
    harness.get_by_label("Risk control on the line");
    harness.get_by_label("Last result: Resolved · PPSP · 2026-11-28 10:00 UTC");
    harness.get_by_label("Not played yet");
    harness.get_by_label("Intermediate · en · about 12 min");
    harness.get_by_label("One scenario file has errors");
    harness.get_by_label("broken.en.ron:12:5: error: unknown node `greting`");
    let open = harness.get_all_by_label("Open").collect::<Vec<_>>();
    assert_eq!(open.len(), 2);
    open[1].click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::OpenBriefing("refund-scam-victim.en.ron".into())));
}

#[test]
fn the_library_shows_the_training_path_and_opens_the_next_drill() {
    use hotwash::app::library_ui::PathView;
    let path = PathView {
        tracks: vec![("front-line".into(), "Front line".into()), ("team-lead".into(), "TeamScreen lead".into())],
        track: "front-line".into(),
        standing: "Level 2 of 4 · Scam and impersonation calls — 3 of 7 passed".into(),
        next: Some((
            "refund-scam-victim.en.ron".into(),
            "The double refund".into(),
            "trains Fraud recognition, your weakest competency so far".into(),
        )),
        problem: None,
        assessments: Vec::new(),
    };
    let mut harness = run_library(LibraryView { path: Some(path), ..library_view() });
    harness.run();
    harness.get_by_label("Your training path");
    harness.get_by_label("Level 2 of 4 · Scam and impersonation calls — 3 of 7 passed");
    harness.get_by_label("Next: The double refund — trains Fraud recognition, your weakest competency so far");
    // The path's Open comes first, before the cards'.
    let open = harness.get_all_by_label("Open").collect::<Vec<_>>();
    assert_eq!(open.len(), 3);
    open[0].click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::OpenBriefing("refund-scam-victim.en.ron".into())));
    harness.get_by_label("track").click();
    harness.run();
    harness.get_by_label("TeamScreen lead").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::SetTrack("team-lead".into())));
    // A curriculum that cannot be used says why, in place of the path.
    let broken = PathView {
        problem: Some("level 2 names drill `x`, which is not in the library".into()),
        ..PathView::default()
    };
    let mut harness = run_library(LibraryView { path: Some(broken), ..library_view() });
    harness.run();
    harness.get_by_label("the curriculum cannot be used: level 2 names drill `x`, which is not in the library");
}

#[test]
fn typing_in_the_search_box_sends_the_search() {
    let mut harness = run_library(library_view());
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).click();
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text("refund");
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::Search("refund".into())));
}

#[test]
fn an_interrupted_drill_is_offered_for_resume() {
    let mut view = library_view();
    view.saved = Some(Ok("“Risk control”, Li Na, after 2 decision(s).".into()));
    let mut harness = run_library(view);
    harness.run();
    harness.get_by_label("A drill was interrupted");
    harness.get_by_label("Resume").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::ResumeSaved));
}

fn drill_view(waiting: Prompt, paused: bool) -> DrillView {
    let caller = Speaker {
        name: "Wang Lei".into(),
        role: Role::Attacker,
        caller_id: Some("0755-5550-0100 · Harbourline Bank".into()),
        note: None,
    };
    DrillView {
        title: "Risk control on the line".into(),
        trainee: "Li Na".into(),
        time_ms: 65_000,
        paused,
        transcript: vec![
            (
                0,
                Shown::Line {
                    t: DrillMs(0),
                    channel: Channel::Call,
                    speaker: Some(caller.clone()),
                    text: "Read me the full card number.".into(),
                    inject: false,
                },
            ),
            (
                3,
                Shown::Line {
                    t: DrillMs(30_000),
                    channel: Channel::Sms,
                    speaker: None,
                    text: "A code has just gone to her phone.".into(),
                    inject: true,
                },
            ),
            (
                5,
                Shown::Flagged {
                    t: DrillMs(31_000),
                    event: 0,
                    spot: Spot::Line,
                    what: "Read me the full card number.".into(),
                },
            ),
        ],
        flagged: vec![(0, Spot::Line)],
        caller_event: Some(0),
        on_the_line: Some((Channel::Call, caller)),
        desk: vec![
            (
                1,
                DeskItem::Crm {
                    title: "Lin Xiaowen".into(),
                    fields: vec![
                        DeskField { label: "Name".into(), value: "Lin Xiaowen".into(), masked: false },
                        DeskField { label: "Debit card".into(), value: MASK.into(), masked: true },
                    ],
                },
            ),
            (
                2,
                DeskItem::Message {
                    sms: true,
                    from: "Harbourline Bank".into(),
                    subject: None,
                    body: "Cancel the payment at the link.".into(),
                    link: Some(DeskLink {
                        text: "www.harbourline.example/cancel".into(),
                        href: "https://harbourline-secure.example.net/c".into(),
                        real_domain: "harbourline-secure.example.net".into(),
                    }),
                },
            ),
            (4, DeskItem::Queue { label: "Customers waiting".into(), count: 11, per_minute: 4 }),
        ],
        notifications: vec![],
        waiting,
        problem: None,
        decision: 3,
        notes: vec![(2, "Coach Wu".into(), "Hesitated at the code request.".into())],
        assessment: None,
        live: None,
    }
}

fn run_drill(view: DrillView) -> Harness<'static, (Option<Intent>, ReportForm)> {
    let tr = Tr::new(Lang::En);
    Harness::builder().with_size(egui::vec2(1200.0, 800.0)).build_ui_state(
        move |ui, (intent, form): &mut (Option<Intent>, ReportForm)| {
            if let Some(i) = draw_drill(ui, &view, form, &tr) {
                *intent = Some(i);
            }
        },
        (None, ReportForm::default()),
    )
}

fn choices() -> Prompt {
    let option = |id: &str, text: &str| OptionView { id: id.into(), text: text.into() };
    Prompt::Choices {
        node: "ask".into(),
        options: vec![
            option("read", "Read it out."),
            option("extension", "Ask for his extension."),
            option("call_back", "Call back on the directory line."),
        ],
        countdown: Some(Countdown { left_ms: 12_000, allowed_ms: 30_000, reading_left_ms: 0 }),
    }
}

#[test]
fn number_keys_choose_and_the_countdown_shows() {
    let mut harness = run_drill(drill_view(choices(), false));
    harness.run();
    harness.get_by_label("1.  Read it out.");
    harness.get_by_label("12 s left");
    harness.get_by_label("Caller ID: 0755-5550-0100 · Harbourline Bank");
    // An attacker is shown as a caller, never as an attacker.
    assert!(harness.query_by_label_contains("ttacker").is_none());
    harness.key_press(egui::Key::Num3);
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Choose(2)));
}

#[test]
fn a_timed_decision_shows_its_reading_time_before_the_clock_runs() {
    let Prompt::Choices { node, options, .. } = choices() else { unreachable!() };
    let reading = Countdown { left_ms: 30_000, allowed_ms: 30_000, reading_left_ms: 7_400 };
    let mut harness = run_drill(drill_view(Prompt::Choices { node, options, countdown: Some(reading) }, false));
    harness.run();
    harness.get_by_label("Reading time: 8 s, then 30 s to decide");
    assert_eq!(harness.query_all_by_label("30 s left").count(), 0, "the clock has not started");
    let tr = Tr::new(Lang::ZhCn);
    assert_eq!(
        tr.t_args("drill-reading", &[("seconds", 8.into()), ("limit", 30.into())]),
        "阅读时间：8 秒，之后有 30 秒作决定"
    );
}

#[test]
fn clicking_a_choice_and_revealing_a_field_send_their_intents() {
    let mut harness = run_drill(drill_view(choices(), false));
    harness.run();
    harness.get_by_label("2.  Ask for his extension.").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Choose(1)));
    harness.get_by_label("Reveal").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Reveal("Debit card".into())));
    harness.get_by_label("11");
    harness.get_by_label("+4 per minute");
}

#[test]
fn lines_and_parts_of_artefacts_can_be_flagged_by_click_and_f_flags_the_newest_line() {
    let mut harness = run_drill(drill_view(choices(), false));
    harness.run();
    // The first line is flagged already: it shows the raised flag and the transcript says so.
    harness.get_by_label("You flagged the line as suspicious");
    harness.get_by_label("Flag the link").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Flag(2, Spot::Link)));
    harness.get_by_label("Flag the field “Debit card”").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Flag(1, Spot::Field("Debit card".into()))));
    harness.get_by_label("Flag the caller ID").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Flag(0, Spot::CallerId)));
    // F flags the newest line not flagged yet: the SMS notice (event 3), not the flagged call.
    harness.key_press(egui::Key::F);
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Flag(3, Spot::Line)));
}

#[test]
fn a_paused_drill_hides_the_choices_and_p_resumes() {
    let mut harness = run_drill(drill_view(choices(), true));
    harness.run();
    harness.get_by_label("Paused by the facilitator");
    assert!(harness.query_by_label("1.  Read it out.").is_none());
    harness.key_press(egui::Key::Num1);
    harness.run();
    assert_eq!(harness.state().0, None, "no choice while paused");
    harness.key_press(egui::Key::P);
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::TogglePause));
    // While paused the facilitator can pin a note to the decision being faced.
    harness.get_by_label("2. Coach Wu: Hesitated at the code request.");
    harness.get_by_role(egui::accesskit::Role::TextInput).click();
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text("Asked for help.");
    harness.run();
    harness.get_by_label("Pin the note").click();
    harness.run();
    assert_eq!(
        harness.state().0,
        Some(Intent::AddNote { decision: 3, author: String::new(), text: "Asked for help.".into() })
    );
}

#[test]
fn the_incident_report_form_sends_its_three_sections() {
    let waiting =
        Prompt::Input { node: "note".into(), kind: InputKind::IncidentReport, prompt: "Write the case note.".into() };
    let mut harness = run_drill(drill_view(waiting, false));
    harness.run();
    harness.get_by_label("Write the case note.");
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    assert_eq!(fields.len(), 3);
    fields[0].click();
    harness.run();
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    fields[0].type_text("Fake risk-control call.");
    harness.run();
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    fields[1].click();
    harness.run();
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    fields[1].type_text("One customer.");
    harness.run();
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    fields[2].click();
    harness.run();
    let fields = harness.get_all_by_role(egui::accesskit::Role::MultilineTextInput).collect::<Vec<_>>();
    fields[2].type_text("Card held; team lead told.");
    harness.run();
    harness.get_by_label("Hand in").click();
    harness.run();
    assert_eq!(
        harness.state().0,
        Some(Intent::Submit(Answer::Report {
            description: "Fake risk-control call.".into(),
            scope: "One customer.".into(),
            measures: "Card held; team lead told.".into(),
        }))
    );
}

#[test]
fn settings_save_the_edited_draft() {
    let saved = Settings { trainee: "Li Na".into(), language: Lang::En, text_size: 1.0, ..Settings::default() };
    let file = std::path::PathBuf::from("/tmp/settings.ron");
    let tr = Tr::new(Lang::En);
    let mut harness = Harness::builder().with_size(egui::vec2(900.0, 500.0)).build_ui_state(
        move |ui, (intent, draft): &mut (Option<Intent>, Settings)| {
            let view = SettingsView {
                saved: &saved,
                data_override: None,
                default_data_dir: "/data/hotwash".into(),
                file: &file,
                sending: Default::default(),
            };
            if let Some(i) = draw_settings(ui, &view, draft, &tr) {
                *intent = Some(i);
            }
        },
        (None, Settings { trainee: "Li Na".into(), language: Lang::En, text_size: 1.0, ..Settings::default() }),
    );
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let Some(Intent::SaveSettings(s)) = &harness.state().0 else { panic!("{:?}", harness.state().0) };
    assert_eq!(s.language, Lang::ZhCn);
    assert_eq!(s.trainee, "Li Na");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::Go(Screen::Library)));
}

#[test]
fn settings_show_the_lrs_queue_and_send_refused_drills_again() {
    use hotwash::app::sending::{LrsSettings, Status};
    use hotwash::lrs::outbox::{QueuedDrill, State};
    let lrs = LrsSettings {
        endpoint: "https://lrs.example.org/xapi".into(),
        base: "https://lms.example.org/xapi".into(),
        ..LrsSettings::default()
    };
    let saved = Settings { trainee: "Li Na".into(), lrs, ..Settings::default() };
    let file = std::path::PathBuf::from("/tmp/settings.ron");
    let sending = Status {
        entries: vec![
            QueuedDrill { name: "drill-a".into(), state: State::Pending(None) },
            QueuedDrill {
                name: "drill-b".into(),
                state: State::Failed("statement 1: 409 Differing statements".into()),
            },
            QueuedDrill { name: "drill-c".into(), state: State::Sent },
        ],
        waiting: Some("the LRS at https://lrs.example.org/xapi/statements could not be reached".into()),
        busy: false,
    };
    for (lang, queue, refused, retry) in [
        (
            Lang::En,
            "1 pending · 1 sent · 1 failed",
            "drill-b was refused: statement 1: 409",
            "Send the refused drills again",
        ),
        (Lang::ZhCn, "待发送 1 · 已发送 1 · 被拒收 1", "drill-b 被拒收：statement 1: 409", "重新发送被拒收的演练"),
    ] {
        let tr = Tr::new(lang);
        let (saved, file, sending) = (saved.clone(), file.clone(), sending.clone());
        let draft = saved.clone();
        let mut harness = Harness::builder().with_size(egui::vec2(1000.0, 800.0)).build_ui_state(
            move |ui, (intent, draft): &mut (Option<Intent>, Settings)| {
                let view = SettingsView {
                    saved: &saved,
                    data_override: None,
                    default_data_dir: "/data/hotwash".into(),
                    file: &file,
                    sending: sending.clone(),
                };
                if let Some(i) = draw_settings(ui, &view, draft, &tr) {
                    *intent = Some(i);
                }
            },
            (None, draft),
        );
        harness.run();
        harness.get_by_label_contains(queue);
        harness.get_by_label_contains(refused);
        harness.get_by_label_contains("could not be reached");
        harness.get_by_label(retry).click();
        harness.run();
        assert_eq!(harness.state().0, Some(Intent::RetryFailed));
    }
}

#[test]
fn the_briefing_starts_the_drill() {
    let scenario = crate::scenario("bank-security-call.zh-CN.ron");
    let tr = Tr::new(Lang::ZhCn);
    let mut harness = Harness::builder().with_size(egui::vec2(1000.0, 700.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            if let Some(i) = hotwash::app::briefing::draw_briefing(ui, &scenario, &tr) {
                *intent = Some(i);
            }
        },
        None,
    );
    harness.run();
    harness.get_by_label("你的角色");
    harness.get_by_label("开始演练").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::Start(None)));
}

#[test]
fn the_app_names_outcomes_and_competencies_as_the_saved_review_does() {
    use hotwash::app::i18n::{competency_label, outcome_label};
    use hotwash::engine::model::{Outcome, STANDARD_COMPETENCIES};
    use hotwash::engine::review::Review;
    for (file, lang) in [("bank-security-call.en.ron", Lang::En), ("bank-security-call.zh-CN.ron", Lang::ZhCn)] {
        let tr = Tr::new(lang);
        let s = crate::scenario(file);
        for (strategy, want) in [(0, Outcome::Resolved), (1, Outcome::PartiallyResolved)] {
            let d = crate::play(
                &s,
                42,
                |_, run| Some(if strategy == 0 { crate::expert(run) } else { hotwash::engine::runner::Pick::Index(0) }),
                |_| 3_000,
                |k| crate::full_answer(k, lang.code()),
            )
            .unwrap();
            assert_eq!(d.outcome, want, "{file}");
            let review = Review::build(&s, &d, &[]);
            let md = review.to_markdown();
            let label = outcome_label(d.outcome, &tr);
            assert_eq!(review.outcome_name(), label);
            assert!(md.contains(&format!("** {label} — ")), "{file}: outcome “{label}” in\n{md}");
            for r in &review.ratings {
                let label = competency_label(&r.competency, &tr);
                assert_eq!(r.name, label, "{file}");
                assert!(md.contains(&format!("| {label} | **")), "{file}: competency “{label}” in\n{md}");
            }
        }
        for id in STANDARD_COMPETENCIES {
            let id = hotwash::engine::model::CompetencyId::from(id);
            assert_eq!(competency_label(&id, &tr), hotwash::engine::review::competency_name(&id, lang.code(), None));
        }
    }
    assert_eq!(outcome_label(Outcome::Harmed, &Tr::new(Lang::En)), "Harm done");
    let zh = Tr::new(Lang::ZhCn);
    let outcomes = [Outcome::Resolved, Outcome::PartiallyResolved, Outcome::Harmed].map(|o| outcome_label(o, &zh));
    assert_eq!(outcomes, ["已解决", "部分解决", "造成损害"]);
}

/// The characters of `text` that the fonts cannot draw.
fn missing_glyphs(with_cjk: bool, text: &str) -> Vec<char> {
    let ctx = egui::Context::default();
    ctx.set_fonts(hotwash::app::ui::fonts(with_cjk));
    ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    let font = egui::FontId::proportional(14.0);
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars.dedup();
    ctx.fonts_mut(|f| chars.into_iter().filter(|c| !f.has_glyph(&font, *c)).collect())
}

#[test]
fn the_shipped_font_draws_every_chinese_character_of_the_app_and_the_bundled_drills() {
    let mut text = Lang::ZhCn.source();
    // The marks the Assessment screen and the training path draw beside a drill.
    text.push_str("●○√×");
    for file in crate::bundled() {
        if file.to_string_lossy().contains(".zh-CN.") {
            text.push_str(&std::fs::read_to_string(file).unwrap());
        }
    }
    let cjk: String = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
    assert!(cjk.chars().count() > 1000);
    assert_eq!(missing_glyphs(true, &text), Vec::<char>::new());
    // Without it, Chinese would be boxes: the test can tell.
    assert!(missing_glyphs(false, &cjk).len() > 100);
}

#[test]
fn the_team_review_shows_ratings_and_exports() {
    use hotwash::app::team::{Export, TeamScreen, draw_team};
    let scenario = crate::scenario("bank-security-call.en.ron");
    let played =
        crate::play(&scenario, 3, |_, run| Some(crate::expert(run)), |_| 4_000, |kind| crate::full_answer(kind, "en"))
            .unwrap();
    let review =
        hotwash::engine::team::TeamReview::build(&[("a.debrief.ron".to_owned(), played)], |_| Some(&scenario), None);
    let team = TeamScreen {
        review: Some(review),
        read: 1,
        skipped: vec!["x.debrief.ron:1:1: error: broken".into()],
        ..TeamScreen::default()
    };
    let tr = Tr::new(Lang::En);
    let mut harness = Harness::builder().with_size(egui::vec2(1100.0, 800.0)).build_ui_state(
        move |ui, (intent, folder): &mut (Option<Intent>, String)| {
            if let Some(i) = draw_team(ui, &team, folder, &tr) {
                *intent = Some(i);
            }
        },
        (None, "/data/debriefs".to_owned()),
    );
    harness.run();
    harness.get_by_label("1 debrief(s) read, 1 could not be read.");
    harness.get_by_label("x.debrief.ron:1:1: error: broken");
    harness.get_by_label("Identity verification");
    harness.get_by_label("CSV").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::TeamExport(Export::Csv)));
    harness.get_by_label("Pseudonyms instead of names").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::TeamPseudonymize(true)));
    harness.get_by_label("Read").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::TeamFolder("/data/debriefs".into())));
    // Click through to one trainee's drill.
    harness.get_by_label("Test Trainee (1)").click();
    harness.run();
    harness.get_by_label("Review").click();
    harness.run();
    assert_eq!(harness.state().0, Some(Intent::OpenDebrief("a.debrief.ron".into())));
}

#[test]
fn the_team_review_shows_the_share_who_went_wrong_of_those_who_met_a_decision() {
    use hotwash::app::team::{TeamScreen, draw_team};
    use hotwash::engine::runner::Pick;
    let scenario = crate::scenario("bank-security-call.en.ron");
    // Four trainees; three of them go wrong at the first decision.
    let debriefs: Vec<(String, hotwash::engine::debrief::Debrief)> = (0..4)
        .map(|i| {
            let played = crate::play(
                &scenario,
                3,
                |step, run| {
                    let Pick::Id(best) = crate::expert(run) else { unreachable!() };
                    let wrong = run.options().into_iter().find(|o| o.id != best).map(|o| Pick::Id(o.id));
                    if step == 1 && i < 3 { wrong } else { Some(Pick::Id(best)) }
                },
                |_| 4_000,
                |kind| crate::full_answer(kind, "en"),
            )
            .unwrap();
            (format!("{i}.debrief.ron"), played)
        })
        .collect();
    let review = hotwash::engine::team::TeamReview::build(&debriefs, |_| Some(&*scenario), None);
    let first = &review.decisions[0];
    assert_eq!((first.wrong, first.met), (3, 4), "the engine counts 3 wrong of 4");
    let team = TeamScreen { review: Some(review), read: 4, ..TeamScreen::default() };
    let tr = Tr::new(Lang::En);
    let mut harness = Harness::builder().with_size(egui::vec2(1100.0, 900.0)).build_ui_state(
        move |ui, folder: &mut String| {
            draw_team(ui, &team, folder, &tr);
        },
        "/data/debriefs".to_owned(),
    );
    harness.run();
    assert!(harness.query_all_by_label("3/4").count() >= 1, "3 of 4 is shown as 3/4");
    assert_eq!(harness.query_all_by_label("3/7").count(), 0);
}
