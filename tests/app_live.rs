//! The Session screen with `egui_kittest`, on real sessions on 127.0.0.1 (a host and participants
//! in this process): the facilitator's console with three participants, a team member's vote and
//! a role-player's card, in English and Chinese; what each button sends.

use std::path::Path;
use std::time::Duration;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hotwash::app::Intent;
use hotwash::app::drill::ReportForm;
use hotwash::app::i18n::{Lang, Tr};
use hotwash::app::library::Library;
use hotwash::app::live::{Hosting, JoinForm, Joined, Live, SessionForms};
use hotwash::app::live_ui::draw_session;
use hotwash::engine::facilitated::FacilitatedRequest;
use hotwash::engine::role_play::RolePlayRequest;
use hotwash::engine::team_drill::{Confidence, TeamRequest};
use hotwash::net::host::{Host, Setup};
use hotwash::net::participant::Participant;
use hotwash::net::{Hello, Mode, ToHost, new_seat, wall_now};

use crate::root;

const DRILL: &str = "tests/fixtures/session/front-desk-code.en.ron";

fn setup(mode: Mode) -> Setup {
    let file = root().join(DRILL);
    Setup {
        mode,
        scenario_file: file.display().to_string(),
        source: std::fs::read_to_string(&file).unwrap(),
        seed: 4,
        roster: None,
        lead: None,
        trainee: None,
        role_player: None,
        set: None,
    }
}

/// A role play of the fixture: Tia answers, Rob plays the caller.
fn role_play() -> Setup {
    Setup { trainee: Some("tia".into()), role_player: Some("rob".into()), ..setup(Mode::RolePlay) }
}

fn open(setup: Setup, dir: &Path) -> Hosting {
    let local = "127.0.0.1:0".parse().unwrap();
    Hosting::new(Host::open(setup, &dir.join("session"), local, vec![local]).unwrap())
}

/// Polls the host and every side until `done`, failing after 20 s.
fn settle(
    h: &mut Hosting,
    joined: &mut [&mut Joined],
    others: &mut [&mut Participant],
    done: impl Fn(&Hosting, &[&mut Joined]) -> bool,
) {
    let tr = Tr::new(Lang::En);
    for _ in 0..4000 {
        let now = wall_now();
        h.poll(now, Vec::new, &tr);
        for j in joined.iter_mut() {
            j.poll(now, &tr);
        }
        for p in others.iter_mut() {
            p.poll(now);
        }
        if done(h, joined) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the session did not settle; log: {:?}", h.log);
}

fn participant(h: &Hosting, name: &str) -> Participant {
    let hello = Hello::new(name, new_seat().unwrap()).unwrap();
    Participant::connect(h.host.addresses()[0], h.host.code(), &hello).unwrap()
}

fn joined(h: &Hosting, name: &str, dir: &Path) -> Joined {
    let form = JoinForm { address: h.host.addresses()[0].to_string(), code: h.host.code().shown(), name: name.into() };
    Joined::connect(&form, dir, "unused").unwrap()
}

/// The Session screen of `live` as a harness whose state is the last intent.
fn screen(live: Live, lang: Lang) -> Harness<'static, Option<Intent>> {
    let tr = Tr::new(lang);
    let library = Library::default();
    let mut forms = SessionForms::default();
    let mut report = ReportForm::default();
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        move |ui, intent: &mut Option<Intent>| {
            if let Some(i) = draw_session(ui, &live, &mut forms, &mut report, &library, wall_now().0, &tr) {
                *intent = Some(i);
            }
        },
        None,
    )
}

#[test]
fn the_console_shows_three_participants_harm_and_sends_pause_notes_and_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(setup(Mode::Facilitated), dir.path());
    let (mut ana, mut ben, mut cai) = (participant(&h, "ana"), participant(&h, "ben"), participant(&h, "cai"));
    settle(&mut h, &mut [], &mut [&mut ana, &mut ben, &mut cai], |h, _| h.host.console(wall_now()).len() == 3);
    ben.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: "ask".into(), choice: "read".into() }));
    ana.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: "ask".into(), choice: "refuse".into() }));
    settle(&mut h, &mut [], &mut [&mut ana, &mut ben, &mut cai], |h, _| {
        h.host.console(wall_now()).iter().filter(|r| r.decision == 2).count() == 2
    });
    let code = h.host.code().shown();
    let first = h.host.console(wall_now())[0].name.clone();
    let mut harness = screen(Live::Hosting(Box::new(h)), Lang::En);
    harness.run();
    harness.get_by_label(&code);
    harness.get_by_label("3 participant(s)");
    for name in ["ana", "ben", "cai"] {
        harness.get_by_label(name);
    }
    // Ben's harmful choice is on his row; two are at the second decision, one still at the first.
    harness.get_by_label("read");
    assert_eq!(harness.query_all_by_label("decision 2 `verify`").count(), 2);
    harness.get_by_label("decision 1 `ask`");
    harness.get_by_label("√ 2 caught");
    // The first row's Pause pauses that participant (rows in the order they joined).
    assert_eq!(harness.state(), &None);
    harness.query_all_by_label("Pause").next().unwrap().click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::Pause { who: Some(first.clone()) })))
    );
    // A note typed on the first row is pinned to that participant's decision.
    harness.query_all_by_role(egui::accesskit::Role::TextInput).next().unwrap().click();
    harness.run();
    harness.query_all_by_role(egui::accesskit::Role::TextInput).next().unwrap().type_text("Held the line");
    harness.run();
    harness.query_all_by_label("Pin the note").next().unwrap().click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::Note {
            who: first,
            text: "Held the line".into()
        })))
    );
    harness.get_by_label("End the session").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::End))));
    harness.get_by_label("Pause everyone").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::Pause { who: None })))
    );
    harness.get_by_label("Send to everyone").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Facilitate(ToHost::Facilitated(FacilitatedRequest::Inject {
            who: None,
            inject: "lead_check".into()
        })))
    );
}

#[test]
fn the_console_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(setup(Mode::Facilitated), dir.path());
    let mut ana = participant(&h, "王芳");
    settle(&mut h, &mut [], &mut [&mut ana], |h, _| h.host.console(wall_now()).len() == 1);
    let mut harness = screen(Live::Hosting(Box::new(h)), Lang::ZhCn);
    harness.run();
    for label in ["王芳", "结束场次", "全部暂停", "1 名参与者", "场次代码", "第 1 个决策 `ask`"] {
        harness.get_by_label(label);
    }
}

#[test]
fn a_team_member_votes_with_a_confidence_and_sees_who_has_voted() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = setup(Mode::Team);
    s.roster = Some(vec!["ana".into(), "ben".into()]);
    s.lead = Some("ana".into());
    let mut h = open(s, dir.path());
    let mut ana = joined(&h, "ana", dir.path());
    let mut ben = participant(&h, "ben");
    settle(&mut h, &mut [&mut ana], &mut [&mut ben], |h, _| h.host.team().is_some());
    ben.send(&ToHost::Team(TeamRequest::Vote { node: "ask".into(), choice: "read".into(), confidence: None }));
    settle(&mut h, &mut [&mut ana], &mut [&mut ben], |_, j| {
        j[0].view.as_ref().and_then(|v| v.team.as_ref()).is_some_and(|t| t.voted == ["ben"])
    });
    for lang in [Lang::En, Lang::ZhCn] {
        let form =
            JoinForm { address: h.host.addresses()[0].to_string(), code: h.host.code().shown(), name: "ana".into() };
        let mut me = Joined::connect(&form, dir.path(), "unused").unwrap();
        settle(&mut h, &mut [&mut me], &mut [&mut ben], |_, j| j[0].drill.is_some());
        let mut harness = screen(Live::Joined(Box::new(me)), lang);
        harness.run();
        if lang == Lang::ZhCn {
            harness.get_by_label("你的投票把握：");
            harness.get_by_label("● ben");
            continue;
        }
        harness.get_by_label("Your vote is:");
        harness.get_by_label("○ ana (lead)");
        harness.get_by_label("● ben");
        harness.get_by_label("sure").click();
        harness.run();
        let refuse =
            harness.query_all(egui_kittest::kittest::by().label_contains("Refuse; you will call back")).next().unwrap();
        refuse.click();
        harness.run();
        assert_eq!(
            harness.state(),
            &Some(Intent::Ask(ToHost::Team(TeamRequest::Vote {
                node: "ask".into(),
                choice: "refuse".into(),
                confidence: Some(Confidence::Sure)
            })))
        );
    }
}

#[test]
fn the_role_card_shows_the_part_and_sends_lines_ad_libs_matches_and_nudges() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(role_play(), dir.path());
    let mut rob = joined(&h, "rob", dir.path());
    let mut tia = participant(&h, "tia");
    settle(&mut h, &mut [&mut rob], &mut [&mut tia], |_, j| j[0].view.as_ref().is_some_and(|v| v.card.is_some()));
    let mut harness = screen(Live::Joined(Box::new(rob)), Lang::En);
    harness.run();
    for shown in [
        "Role card",
        "You play Li Qiang",
        "Wants: The one-time code, before the agent checks anything",
        "How: Friendly, then impatient; sigh if they hesitate",
        "Plant: Urgency, Code request",
        "If they push back: Say the account will be frozen in five minutes",
    ] {
        harness.get_by_label(shown);
    }
    harness.get_by_label("I said the line").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::Ask(ToHost::RolePlay(RolePlayRequest::Said { node: "ask".into() }))));
    harness.get_by_role(egui::accesskit::Role::TextInput).click();
    harness.run();
    harness.get_by_role(egui::accesskit::Role::TextInput).type_text("Five minutes, then the account is frozen.");
    harness.run();
    harness.get_by_label("Said this").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Ask(ToHost::RolePlay(RolePlayRequest::AdLib {
            text: "Five minutes, then the account is frozen.".into()
        })))
    );
    harness.get_by_label("Refuse; you will call back on the file number").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Ask(ToHost::RolePlay(RolePlayRequest::Match {
            node: "ask".into(),
            choice: Some("refuse".into())
        })))
    );
    harness.get_by_label("None of these: nudge (the trainee stays on the decision)").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::Ask(ToHost::RolePlay(RolePlayRequest::Match { node: "ask".into(), choice: None })))
    );
}

#[test]
fn the_role_card_speaks_chinese_and_the_trainee_answers_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(role_play(), dir.path());
    let mut rob = joined(&h, "rob", dir.path());
    let mut tia = joined(&h, "tia", dir.path());
    settle(&mut h, &mut [&mut rob, &mut tia], &mut [], |_, j| j.iter().all(|j| j.drill.is_some()));
    let mut harness = screen(Live::Joined(Box::new(rob)), Lang::ZhCn);
    harness.run();
    for shown in ["角色卡", "你扮演 Li Qiang", "我已说出这句台词", "都不对应：提示一下（学员停留在此决策）"]
    {
        harness.get_by_label(shown);
    }
    // The trainee's screen hides the options: the answer is spoken, and matched by the role-player.
    let mut harness = screen(Live::Joined(Box::new(tia)), Lang::En);
    harness.run();
    harness.get_by_label("Answer aloud");
    assert!(harness.query_by_label_contains("Refuse; you will call back").is_none());
}

#[test]
fn a_joined_app_rejoins_a_host_that_restarts_and_keeps_its_drill_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(setup(Mode::Facilitated), dir.path());
    let address = h.host.addresses()[0];
    let mut me = joined(&h, "ana", dir.path());
    settle(&mut h, &mut [&mut me], &mut [], |_, j| j[0].drill.is_some());
    me.link
        .participant_mut()
        .send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: "ask".into(), choice: "refuse".into() }));
    settle(&mut h, &mut [&mut me], &mut [], |_, j| {
        j[0].drill.as_ref().is_some_and(|d| d.runner.decisions().len() == 1)
    });
    // The host goes away without a word (as when killed); the app keeps showing the drill.
    drop(h);
    let tr = Tr::new(Lang::En);
    let lost = std::time::Instant::now();
    while !me.link.is_rejoining() {
        me.poll(wall_now(), &tr);
        assert!(lost.elapsed() < Duration::from_secs(20), "the lost host was noticed");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(me.drill.as_ref().unwrap().runner.decisions().len(), 1);
    // The host is taken up again from its folder, on the same port: the app rejoins by itself.
    let mut again = Hosting::new(Host::resume(&dir.path().join("session"), address, vec![address]).unwrap());
    settle(&mut again, &mut [&mut me], &mut [], |h, j| {
        !j[0].link.is_rejoining() && h.host.connected() == ["ana"] && j[0].drill.is_some()
    });
    assert_eq!(me.drill.as_ref().unwrap().runner.decisions().len(), 1);
    assert!(me.log.iter().any(|l| l.starts_with("Lost the connection")), "{:?}", me.log);
}

#[test]
fn the_review_of_a_team_drill_shows_each_decisions_votes_in_both_languages() {
    use hotwash::app::review::{FinishedDrill, NoteForm, draw_review};
    use hotwash::engine::review::Review;
    let (scenario, debrief) = team_debrief();
    let review = Review::build(&scenario, &debrief, &[]);
    assert!(review.to_markdown().contains("**Votes:** ana: Refuse; you will call back on the file number (sure), ben: Read the code out so the account is not frozen (sure) · Split · a tie, broken by the team lead"), "{}", review.to_markdown());
    for (lang, shown) in [
        (Lang::En, ["Votes: ana: Refuse; you will call back on the file number (sure)", "Sure and wrong: ben"]),
        (Lang::ZhCn, ["投票：ana", "确定但选错的成员：ben"]),
    ] {
        let finished = FinishedDrill {
            review: review.clone(),
            files: Err("not saved in this test".into()),
            path: String::new(),
            seed: 4,
            debrief: debrief.clone(),
            scenario: scenario.clone(),
        };
        let tr = Tr::new(lang);
        let mut note = NoteForm { jump: Some(hotwash::app::review::ReviewPart::Decisions), ..NoteForm::default() };
        let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 2400.0)).build_ui(move |ui| {
            let _ = draw_review(ui, &finished, &mut note, &tr);
        });
        harness.run();
        for text in shown {
            let found = harness.query_all(egui_kittest::kittest::by().label_contains(text)).next().is_some();
            assert!(found, "{text:?} on the review");
        }
    }
}

#[test]
fn the_start_forms_host_and_join_as_filled_in() {
    let mut harness = screen(Live::Off, Lang::En);
    harness.run();
    harness.get_by_label("Host a session");
    harness.get_by_label("Join a session");
    // With no scenario loaded there is nothing to host; joining needs the address and the code.
    let fields: Vec<_> = harness.query_all_by_role(egui::accesskit::Role::TextInput).collect();
    // The host form's names and "also reachable at", then the join form's address, code and name.
    assert_eq!(fields.len(), 5);
    drop(fields);
    for (i, text) in [(2, "127.0.0.1:7447"), (3, "abcd-efgh"), (4, "王芳")] {
        harness.query_all_by_role(egui::accesskit::Role::TextInput).nth(i).unwrap().click();
        harness.run();
        harness.query_all_by_role(egui::accesskit::Role::TextInput).nth(i).unwrap().type_text(text);
        harness.run();
    }
    harness.get_by_label("Join").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &Some(Intent::JoinSession(JoinForm {
            address: "127.0.0.1:7447".into(),
            code: "abcd-efgh".into(),
            name: "王芳".into()
        }))
    );
}

#[test]
fn hosting_from_the_app_lists_the_addresses_asked_for_and_refuses_one_that_is_no_address() {
    use hotwash::app::Notice;
    use hotwash::app::live::HostForm;
    let data = tempfile::tempdir().unwrap();
    let dirs = crate::app::Dirs::around(data.path());
    let mut app = crate::app::headless(&dirs);
    crate::app::update_until(&mut app, "the library loads", crate::app::loaded);
    let form = |also_at: &str| HostForm {
        scenario: "bank-security-call.en.ron".into(),
        port: 0,
        also_at: also_at.into(),
        ..HostForm::default()
    };
    crate::app::send(&mut app, Intent::HostSession(form("10.0.4.7, not-an-address")));
    assert!(matches!(app.world().resource::<Live>(), Live::Off));
    let said = app.world().resource::<Notice>().0.clone().unwrap_or_default();
    assert!(said.contains("`not-an-address`"), "{said}");
    crate::app::send(&mut app, Intent::HostSession(form("10.0.4.7")));
    let Live::Hosting(h) = app.world().resource::<Live>() else { panic!("not hosting") };
    let addresses: Vec<String> = h.host.addresses().iter().map(|a| a.ip().to_string()).collect();
    assert!(addresses.contains(&"127.0.0.1".to_owned()) && addresses.contains(&"10.0.4.7".to_owned()), "{addresses:?}");
    // The session is kept in the data folder, private to its owner.
    let folder = h.host.folder().to_owned();
    assert!(folder.starts_with(data.path().join("sessions")));
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
}

/// A team drill of the fixture played to its end: a tie at `ask` the lead's vote settles (Ben
/// sure and wrong), then two unified decisions.
fn team_debrief() -> (std::sync::Arc<hotwash::engine::model::Scenario>, hotwash::engine::debrief::Debrief) {
    use hotwash::engine::session::Who;
    use hotwash::engine::team_drill::TeamDrill;
    use hotwash::engine::times::WallMs;
    let scenario = std::sync::Arc::new(
        hotwash::engine::load::load_str(&std::fs::read_to_string(root().join(DRILL)).unwrap()).scenario.unwrap(),
    );
    let mut t =
        TeamDrill::start(scenario.clone(), 4, vec!["ana".into(), "ben".into()], Some("ana".into()), WallMs(1_000))
            .unwrap();
    let vote = |node: &str, choice: &str, sure: Option<Confidence>| TeamRequest::Vote {
        node: node.into(),
        choice: choice.into(),
        confidence: sure,
    };
    let member = |n: &str| Who::Member(n.into());
    t.handle(&member("ana"), vote("ask", "refuse", Some(Confidence::Sure)), WallMs(2_000)).unwrap();
    t.handle(&member("ben"), vote("ask", "read", Some(Confidence::Sure)), WallMs(3_000)).unwrap();
    t.handle(&member("ana"), vote("verify", "callback", None), WallMs(4_000)).unwrap();
    t.handle(&member("ben"), vote("verify", "callback", None), WallMs(5_000)).unwrap();
    t.handle(&member("ana"), vote("close", "report", None), WallMs(6_000)).unwrap();
    t.handle(&member("ben"), vote("close", "report", None), WallMs(7_000)).unwrap();
    (scenario, t.debrief(WallMs(8_000)).unwrap())
}

#[test]
fn the_team_review_screen_shows_team_drills_alignment_across_sessions_in_both_languages() {
    use hotwash::app::team::{TeamScreen, draw_team};
    use hotwash::engine::team::TeamReview;
    let (scenario, debrief) = team_debrief();
    let debriefs = vec![("a".to_owned(), debrief)];
    let review = TeamReview::build(&debriefs, |_| Some(&*scenario), None);
    for (lang, heading, prompt) in [
        (Lang::En, "Team drills: alignment across sessions", "cast 1 of 2 sure votes"),
        (Lang::ZhCn, "团队演练：各场次的意见一致程度", "有 1 张投给了非专家答案"),
    ] {
        let team = TeamScreen { review: Some(review.clone()), read: 1, ..TeamScreen::default() };
        let tr = Tr::new(lang);
        let mut folder = String::new();
        let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 3000.0)).build_ui(move |ui| {
            let _ = draw_team(ui, &team, &mut folder, &tr);
        });
        harness.run();
        harness.get_by_label(heading);
        assert!(harness.query_all(egui_kittest::kittest::by().label_contains(prompt)).next().is_some(), "{prompt}");
        // The row: team, drill, …, unified / split / divided, expert answers, sure and wrong.
        assert!(harness.query_all_by_label("Team: ana, ben").next().is_some());
        harness.get_by_label("3/3");
        harness.get_by_label("1/2");
    }
}

/// A team of Ana (the lead, in the app) and Ben playing a set of the two session drills, the
/// first played to its end: the host, Ana's side with the first drill kept, and Ben.
fn team_set_after_its_first_drill(dir: &Path) -> (Hosting, Joined, Participant) {
    let second = root().join("tests/fixtures/session/number-change.en.ron");
    let then = vec![hotwash::net::host::SetDrill {
        scenario_file: second.display().to_string(),
        source: std::fs::read_to_string(&second).unwrap(),
    }];
    let mut s = setup(Mode::Team).playing_set("Front desk".into(), then);
    s.roster = Some(vec!["ana".into(), "ben".into()]);
    s.lead = Some("ana".into());
    let mut h = open(s, dir);
    let mut ana = joined(&h, "ana", dir);
    let mut ben = participant(&h, "ben");
    settle(&mut h, &mut [&mut ana], &mut [&mut ben], |h, _| h.host.team().is_some());
    for (node, choice) in [("ask", "refuse"), ("verify", "callback")] {
        let vote = ToHost::Team(TeamRequest::Vote { node: node.into(), choice: choice.into(), confidence: None });
        ana.link.participant_mut().send(&vote);
        ben.send(&vote);
        settle(&mut h, &mut [&mut ana], &mut [&mut ben], |h, _| {
            h.host.team().is_some_and(|t| t.decisions().iter().any(|d| d.node.as_str() == node))
        });
    }
    // The last vote ends the drill: Ana's side hears it as a drill ended with another to come.
    let vote = ToHost::Team(TeamRequest::Vote { node: "close".into(), choice: "report".into(), confidence: None });
    ana.link.participant_mut().send(&vote);
    ben.send(&vote);
    let tr = Tr::new(Lang::En);
    let started = std::time::Instant::now();
    let ended = loop {
        let now = wall_now();
        h.poll(now, Vec::new, &tr);
        ben.poll(now);
        if let Some(ended) = ana.poll(now, &tr).finished {
            break ended;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the drill did not end; log: {:?}", h.log);
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!((ended.drill, ended.last), (1, false));
    assert!(h.host.next_is_open());
    let data = hotwash::engine::folders::DataDir::given_or_default(Some(&dir.join("ana-data")));
    let review = ana.keep(ended, &Library::default(), &data, &tr);
    assert!(review.is_none(), "a drill with another after it is not the session's end");
    (h, ana, ben)
}

#[test]
fn a_set_shows_where_it_stands_the_facilitator_and_the_lead_start_its_next_drill_in_both_languages() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let (h, ana, _ben) = team_set_after_its_first_drill(dir.path());
        // The lead's app: the drill is over, kept on this machine, the next one is hers to start.
        let kept = ana.between.as_ref().unwrap().saved.clone().unwrap();
        assert!(kept.starts_with(dir.path().join("ana-data/debriefs")), "{}", kept.display());
        assert!(kept.exists());
        let mut harness = screen(Live::Joined(Box::new(ana)), lang);
        harness.run();
        let (heading, next, start, place) = match lang {
            Lang::En => (
                "Drill 1 of 2 is over",
                "Next: A new number, today. Start it when everyone is ready.",
                "Start the next drill",
                "Front desk: drill 1 of 2",
            ),
            Lang::ZhCn => (
                "第 1/2 个演练已结束",
                "下一个：《A new number, today》。大家准备好后开始。",
                "开始下一个演练",
                "Front desk：第 1/2 个演练",
            ),
        };
        harness.get_by_label(heading);
        harness.get_by_label(next);
        harness.get_by_label(place);
        harness.get_by_label_contains("Outcome: Resolved");
        harness.get_by_label(start).click();
        harness.run();
        assert_eq!(harness.state(), &Some(Intent::Ask(ToHost::NextDrill { from: 1 })));

        // The facilitator's screen: where the set stands and the button that starts the next drill.
        let mut harness = screen(Live::Hosting(Box::new(h)), lang);
        harness.run();
        harness.get_by_label(place);
        let button = match lang {
            Lang::En => "Next drill: A new number, today",
            Lang::ZhCn => "下一个演练：A new number, today",
        };
        harness.get_by_label(button).click();
        harness.run();
        assert_eq!(harness.state(), &Some(Intent::Facilitate(ToHost::NextDrill { from: 1 })));
    }
}

#[test]
fn hosting_a_set_from_the_app_plays_its_drills_in_the_interface_language() {
    use hotwash::app::live::HostForm;
    let data = tempfile::tempdir().unwrap();
    let dirs = crate::app::Dirs::around(data.path());
    // The whole bundled library, with its curriculum.
    for file in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let file = file.unwrap().path();
        std::fs::copy(&file, dirs.scenarios.join(file.file_name().unwrap())).unwrap();
    }
    let mut app = crate::app::headless(&dirs);
    crate::app::update_until(&mut app, "the library loads", crate::app::loaded);
    let form = HostForm { set: "scam-calls-check".into(), port: 0, ..HostForm::default() };
    crate::app::send(&mut app, Intent::HostSession(form));
    let Live::Hosting(h) = app.world().resource::<Live>() else { panic!("not hosting") };
    let place = h.host.place().unwrap();
    assert_eq!((place.name.as_str(), place.drill, place.drills), ("Scam calls check", 1, 3));
    let files: Vec<String> = h
        .host
        .setup()
        .drills()
        .iter()
        .map(|(f, _)| Path::new(f).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        ["bank-security-call.en.ron", "refund-scam-victim.en.ron", "genuine-96110-warning.en.ron"],
        "the set's drills in order, in the app's language"
    );
    assert_eq!(h.host.next_scenario().unwrap().id.as_str(), "refund-scam-victim");
}

#[test]
fn going_on_while_participants_still_play_a_facilitated_drill_asks_the_facilitator_first() {
    let dir = tempfile::tempdir().unwrap();
    let second = root().join("tests/fixtures/session/number-change.en.ron");
    let then = vec![hotwash::net::host::SetDrill {
        scenario_file: second.display().to_string(),
        source: std::fs::read_to_string(&second).unwrap(),
    }];
    let mut h = open(setup(Mode::Facilitated).playing_set("Front desk".into(), then), dir.path());
    let mut ana = participant(&h, "ana");
    settle(&mut h, &mut [], &mut [&mut ana], |h, _| h.host.console(wall_now()).len() == 1);
    let mut harness = screen(Live::Hosting(Box::new(h)), Lang::En);
    harness.run();
    harness.get_by_label("Front desk: drill 1 of 2");
    harness.get_by_label("Next drill: A new number, today").click();
    harness.run();
    assert_eq!(harness.state(), &None, "nothing is sent while Ana still plays");
    harness.get_by_label("Still playing: ana. Going on ends their drill here, without a debrief.");
    assert!(harness.query_by_label("Next drill: A new number, today").is_none(), "the button waits for the answer");
    harness.get_by_label("Wait for them").click();
    harness.run();
    assert_eq!(harness.state(), &None);
    harness.get_by_label("Next drill: A new number, today").click();
    harness.run();
    harness.get_by_label("End their drill and go on").click();
    harness.run();
    assert_eq!(harness.state(), &Some(Intent::Facilitate(ToHost::NextDrill { from: 1 })));
}
