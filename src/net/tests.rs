//! The session code and its key, the hello sealed in the token, and the limits on what a
//! participant may send.

use super::*;

#[test]
fn a_code_reads_as_people_type_it_and_nothing_else() {
    let code = SessionCode::parse("abcd-efgh").unwrap();
    assert_eq!(code.shown(), "ABCD-EFGH");
    assert_eq!(SessionCode::parse(" ABCD EFGH ").unwrap(), code);
    // 0, 1, I, L and O are not in the alphabet; seven or nine letters are not a code.
    for bad in ["ABCD-EFG0", "ABCD-EFGI", "ABCD-EFG", "ABCD-EFGHJ", ""] {
        assert!(matches!(SessionCode::parse(bad), Err(NetError::BadCode(_))), "{bad}");
    }
    let made = SessionCode::generate().unwrap();
    assert_eq!(SessionCode::parse(&made.shown()).unwrap(), made);
}

#[test]
fn the_key_is_the_codes_alone_and_differs_for_another_code() {
    let a = SessionCode::parse("ABCD-EFGH").unwrap();
    let b = SessionCode::parse("ABCD-EFGJ").unwrap();
    assert_eq!(a.key(), a.key());
    assert_ne!(a.key(), b.key());
    assert_ne!(a.tag(), b.tag());
    assert_eq!(a.tag().len(), 12);
}

#[test]
fn a_hello_goes_through_the_tokens_user_data() {
    let hello = Hello::new("  王芳 ", new_seat().unwrap()).unwrap();
    assert_eq!(hello.name, "王芳");
    let data = hello.to_user_data().unwrap();
    assert_eq!(Hello::from_user_data(&data), Some(hello));
    assert!(Hello::from_user_data(&[0u8; NETCODE_USER_DATA_BYTES]).is_none());
    assert!(Hello::from_user_data(&[b'{'; NETCODE_USER_DATA_BYTES]).is_none());
    assert!(matches!(Hello::new("", String::new()), Err(NetError::BadName)));
    assert!(matches!(Hello::new(&"x".repeat(MAX_NAME_CHARS + 1), String::new()), Err(NetError::BadName)));
    assert!(matches!(Hello::new("a\nb", String::new()), Err(NetError::BadName)));
}

#[test]
fn oversized_and_unreadable_messages_are_refused_before_the_engine() {
    let request = ToHost::Facilitated(FacilitatedRequest::Pause { who: None });
    assert_eq!(decode_to_host(&encode(&request)), Ok(request));
    assert_eq!(decode_to_host(&vec![b' '; MAX_TO_HOST_BYTES + 1]), Err(Malformed::TooLarge(MAX_TO_HOST_BYTES + 1)));
    assert!(matches!(decode_to_host(b"\xff\x00garbage"), Err(Malformed::Unreadable(_))));
    assert!(matches!(decode_to_host(br#"{"Facilitated":{"Launch":null}}"#), Err(Malformed::Unreadable(_))));
}

#[test]
fn addresses_take_the_default_port() {
    assert_eq!(parse_address("127.0.0.1").unwrap(), "127.0.0.1:7447".parse().unwrap());
    assert_eq!(parse_address("127.0.0.1:9000").unwrap(), "127.0.0.1:9000".parse().unwrap());
    assert!(parse_address("not an address at all:x").is_err());
}

fn fixture_setup(mode: Mode) -> host::Setup {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/session/front-desk-code.en.ron");
    host::Setup {
        mode,
        scenario_file: file.into(),
        source: std::fs::read_to_string(file).unwrap(),
        seed: 5,
        roster: None,
        lead: None,
        trainee: None,
        role_player: None,
        set: None,
    }
}

/// Polls the host and a participant together until `done` says so.
fn exchange(
    host: &mut host::Host,
    p: &mut participant::Participant,
    heard: &mut Vec<participant::Heard>,
    events: &mut Vec<host::HostEvent>,
    done: impl Fn(&[participant::Heard], &[host::HostEvent]) -> bool,
) {
    for _ in 0..4000 {
        host.poll(wall_now());
        events.extend(host.take_events());
        heard.extend(p.poll(wall_now()));
        if done(heard, events) {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    panic!("heard {heard:?}; events {events:?}");
}

#[test]
fn a_request_longer_than_one_packet_reaches_the_host_and_one_too_long_is_refused() {
    use participant::Heard;
    let dir = tempfile::tempdir().unwrap();
    let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let mut host = host::Host::open(fixture_setup(Mode::Facilitated), dir.path(), local, vec![local]).unwrap();
    let addr = host.addresses()[0];
    let hello = Hello::new("ana", new_seat().unwrap()).unwrap();
    let mut p = participant::Participant::connect(addr, host.code(), &hello).unwrap();
    let (mut heard, mut events) = (Vec::new(), Vec::new());
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| h.contains(&Heard::View));
    heard.clear();
    // A written answer of 5,000 bytes is not for this decision, but it arrives whole and the
    // session says why it refuses it; 20,000 bytes are refused unread.
    let answer = crate::engine::debrief::Answer::Text("x".repeat(5000));
    p.send(&ToHost::Facilitated(FacilitatedRequest::Submit { node: "ask".into(), answer }));
    p.send_bytes(vec![b' '; MAX_TO_HOST_BYTES + 4000]);
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| h.len() >= 2);
    assert!(matches!(&heard[0], Heard::Refused(w) if w.contains("not waiting for a written answer")), "{heard:?}");
    assert!(matches!(&heard[1], Heard::Refused(w) if w.contains("more than the 16384")), "{heard:?}");
    assert!(events.iter().any(|e| matches!(e, host::HostEvent::Malformed { who, .. } if who == "ana")), "{events:?}");
}

#[test]
fn a_join_sent_as_a_request_is_refused_and_not_recorded() {
    use participant::Heard;
    let dir = tempfile::tempdir().unwrap();
    let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let mut host = host::Host::open(fixture_setup(Mode::Facilitated), dir.path(), local, vec![local]).unwrap();
    let hello = Hello::new("ana", new_seat().unwrap()).unwrap();
    let mut p = participant::Participant::connect(host.addresses()[0], host.code(), &hello).unwrap();
    let (mut heard, mut events) = (Vec::new(), Vec::new());
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| h.contains(&Heard::View));
    let before = std::fs::read_to_string(dir.path().join(host::SESSION_FILE)).unwrap();
    for _ in 0..20 {
        p.send(&ToHost::Facilitated(FacilitatedRequest::Join));
    }
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| {
        h.iter().filter(|x| matches!(x, Heard::Refused(w) if w.contains("a join is not a request"))).count() == 20
    });
    assert_eq!(std::fs::read_to_string(dir.path().join(host::SESSION_FILE)).unwrap(), before);
}

#[test]
fn a_setup_is_read_as_typed_and_refused_when_it_cannot_start() {
    let file = || ("f".to_owned(), String::new());
    let (f, src) = file();
    let s = host::Setup::new(Mode::Team, f, src, 1, " Ana , Ben，Cai,, ", " Ana ", "", "").unwrap();
    assert_eq!(s.roster.as_deref(), Some(&["Ana".to_owned(), "Ben".into(), "Cai".into()][..]));
    assert_eq!(s.lead.as_deref(), Some("Ana"));
    let (f, src) = file();
    assert!(
        matches!(host::Setup::new(Mode::Team, f, src, 1, "Ana,Ben,Ana", "", "", ""), Err(NetError::Session(w)) if w.contains("given twice"))
    );
    let (f, src) = file();
    assert!(host::Setup::new(Mode::Team, f, src, 1, "Ana,Ben", "Zoe", "", "").is_err(), "a lead who is no member");
    let (f, src) = file();
    assert!(host::Setup::new(Mode::Team, f, src, 1, "", "", "", "").is_err(), "a team needs members");
    let (f, src) = file();
    assert!(host::Setup::new(Mode::RolePlay, f, src, 1, "", "", "Tia", "Tia").is_err(), "two different people");
    let (f, src) = file();
    assert!(matches!(
        host::Setup::new(Mode::Facilitated, f, src, 1, &"x".repeat(41), "", "", ""),
        Err(NetError::BadName)
    ));
}

/// A facilitated set of the two session drills, with nobody on the roster.
fn fixture_set() -> host::Setup {
    let second = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/session/number-change.en.ron");
    let then = vec![host::SetDrill { scenario_file: second.into(), source: std::fs::read_to_string(second).unwrap() }];
    fixture_setup(Mode::Facilitated).playing_set("Front desk".into(), then)
}

#[test]
fn a_facilitated_set_moves_on_when_the_facilitator_says_and_is_taken_up_again_with_every_drill() {
    use participant::Heard;
    let dir = tempfile::tempdir().unwrap();
    let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let mut host = host::Host::open(fixture_set(), dir.path(), local, vec![local]).unwrap();
    assert_eq!(host.place().map(|p| (p.drill, p.drills)), Some((1, 2)));
    let hello = Hello::new("ana", new_seat().unwrap()).unwrap();
    let mut p = participant::Participant::connect(host.addresses()[0], host.code(), &hello).unwrap();
    let (mut heard, mut events) = (Vec::new(), Vec::new());
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| h.contains(&Heard::View));
    assert_eq!(p.welcome().and_then(|w| w.set.clone()).map(|s| (s.name, s.drill)), Some(("Front desk".into(), 1)));
    // A participant does not move a facilitated set on.
    p.send(&ToHost::NextDrill { from: 1 });
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| h.iter().any(|x| matches!(x, Heard::Refused(_))));
    assert!(heard.iter().any(|x| matches!(x, Heard::Refused(w) if w.contains("only the facilitator"))), "{heard:?}");
    for (node, choice) in [("ask", "refuse"), ("verify", "callback"), ("close", "report")] {
        p.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: node.into(), choice: choice.into() }));
    }
    until_ended(&mut host, &mut p, &mut events);
    // Her first drill is over; she sees the next one's title, not hers to start.
    let next = p.view().and_then(|v| v.next.clone()).unwrap();
    assert_eq!((next.title.as_str(), next.yours), ("A new number, today", false));
    assert!(!p.view().unwrap().is_last());
    host.facilitate(ToHost::NextDrill { from: 1 }, wall_now()).unwrap();
    heard.clear();
    exchange(&mut host, &mut p, &mut heard, &mut events, |h, _| {
        h.contains(&Heard::Welcome) && h.last() == Some(&Heard::View)
    });
    assert_eq!(p.scenario().unwrap().id.as_str(), "number-change");
    assert_eq!(p.welcome().unwrap().drill(), 2);
    assert!(p.view().unwrap().next.is_none() && p.view().unwrap().debrief.is_none());
    assert!(events.iter().any(|e| matches!(e, host::HostEvent::NextDrill { place, .. } if place.drill == 2)));
    // The last drill has no next one.
    assert!(host.facilitate(ToHost::NextDrill { from: 2 }, wall_now()).unwrap_err().contains("there is no next drill"));
    for (node, choice) in [("change", "verify"), ("after", "note")] {
        p.send(&ToHost::Facilitated(FacilitatedRequest::Choose { node: node.into(), choice: choice.into() }));
    }
    until_ended(&mut host, &mut p, &mut events);
    assert!(p.view().unwrap().is_last(), "no drill follows the set's last");
    assert_eq!(host.debriefs().len(), 2);
    // Taken up again from its file: both drills, the second one current.
    drop(host);
    let mut again = host::Host::resume(dir.path(), local, vec![local]).unwrap();
    assert_eq!(again.place().map(|p| p.drill), Some(2));
    let kept: Vec<String> = again.debriefs().iter().map(|(_, d)| d.scenario.id.to_string()).collect();
    assert_eq!(kept, ["front-desk-code", "number-change"]);
    assert!(!again.is_over(), "a facilitated set ends when the facilitator says");
    again.facilitate(ToHost::Facilitated(FacilitatedRequest::End), wall_now()).unwrap();
    assert!(again.is_over());
    let results = again.write_results(&[]).unwrap();
    assert_eq!(results.files.len(), 2);
}

/// Polls the host and a participant until the participant's screen has their drill's debrief.
fn until_ended(host: &mut host::Host, p: &mut participant::Participant, events: &mut Vec<host::HostEvent>) {
    for _ in 0..4000 {
        host.poll(wall_now());
        events.extend(host.take_events());
        p.poll(wall_now());
        if p.view().is_some_and(|v| v.debrief.is_some()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    panic!("the drill did not end; events {events:?}");
}

#[test]
fn a_participant_keeps_each_drills_debrief_once_however_often_the_host_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let code = SessionCode::parse("ABCD-EFGH").unwrap();
    let files = participant::JoinFiles::new(dir.path(), &code, "ana");
    let setup = fixture_setup(Mode::Facilitated);
    let scenario = crate::engine::load::load_str(&setup.source).scenario.unwrap();
    use crate::engine::runner::{Pick, Runner};
    let mut runner = Runner::start(std::sync::Arc::new(scenario.clone()), 5, "ana", WallMs(0)).unwrap();
    for choice in ["refuse", "callback", "report"] {
        runner.choose(&Pick::Id(choice.into()), WallMs(1000)).unwrap();
    }
    let debrief = runner.debrief(WallMs(2000)).unwrap();
    let out = dir.path().join("debriefs");
    let count = || {
        std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().to_string_lossy().ends_with(".debrief.ron"))
            .count()
    };
    assert!(files.keep_debrief(1, &out, &scenario, &debrief, &[]).unwrap().is_some());
    assert!(files.keep_debrief(1, &out, &scenario, &debrief, &[]).unwrap().is_none(), "sent again after a rejoin");
    assert_eq!(count(), 1);
    // The set's next drill has its own.
    assert!(files.keep_debrief(2, &out, &scenario, &debrief, &[]).unwrap().is_some());
    assert_eq!(count(), 2);
}

#[test]
fn a_member_away_when_a_set_moves_on_still_keeps_the_drill_they_missed_the_end_of() {
    use crate::engine::team_drill::TeamRequest;
    use participant::Heard;
    let dir = tempfile::tempdir().unwrap();
    let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let mut setup = fixture_set();
    setup.mode = Mode::Team;
    setup.roster = Some(vec!["ana".into(), "ben".into()]);
    let mut host = host::Host::open(setup, dir.path(), local, vec![local]).unwrap();
    let address = host.addresses()[0];
    let (ana_hello, ben_hello) =
        (Hello::new("ana", new_seat().unwrap()).unwrap(), Hello::new("ben", new_seat().unwrap()).unwrap());
    let mut ana = participant::Participant::connect(address, host.code(), &ana_hello).unwrap();
    let mut ben = participant::Participant::connect(address, host.code(), &ben_hello).unwrap();
    let (mut heard, mut events) = (Vec::new(), Vec::new());
    for _ in 0..4000 {
        host.poll(wall_now());
        events.extend(host.take_events());
        heard.extend(ana.poll(wall_now()));
        ben.poll(wall_now());
        if host.team().is_some() && ben.view().is_some_and(|v| v.drill.is_some()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // Ben's machine goes away; Ana votes alone and the facilitator takes the votes cast.
    ben.disconnect();
    drop(ben);
    for (node, choice) in [("ask", "refuse"), ("verify", "callback"), ("close", "report")] {
        ana.send(&ToHost::Team(TeamRequest::Vote { node: node.into(), choice: choice.into(), confidence: None }));
        exchange(&mut host, &mut ana, &mut heard, &mut events, |_, e| {
            e.iter().any(|e| matches!(e, host::HostEvent::Accepted { who: Some(w), .. } if w == "ana"))
        });
        events.clear();
        host.facilitate(ToHost::Team(TeamRequest::Close { node: node.into() }), wall_now()).unwrap();
    }
    assert!(host.next_is_open(), "the first drill has ended");
    host.facilitate(ToHost::NextDrill { from: 1 }, wall_now()).unwrap();
    // A second click (or the lead asking at the same time) does not skip the second drill.
    let again = host.facilitate(ToHost::NextDrill { from: 1 }, wall_now()).unwrap_err();
    assert!(again.contains("moved on already: drill 2"), "{again}");
    assert_eq!(host.place().map(|p| p.drill), Some(2));
    // The host is taken up again mid-set; Ben comes back with his seat and keeps drill 1.
    drop(ana);
    drop(host);
    let mut host = host::Host::resume(dir.path(), local, vec![local]).unwrap();
    assert_eq!(host.place().map(|p| p.drill), Some(2));
    assert!(host.team().is_some(), "the second drill runs with the same team");
    let mut ben = participant::Participant::connect(host.addresses()[0], host.code(), &ben_hello).unwrap();
    let mut heard = Vec::new();
    exchange(&mut host, &mut ben, &mut heard, &mut events, |h, _| h.contains(&Heard::View));
    let earlier: Vec<(usize, String)> = heard
        .iter()
        .filter_map(|h| match h {
            Heard::Earlier { drill, scenario, debrief } => {
                assert_eq!(debrief.scenario.id, scenario.id);
                Some((*drill, crate::engine::review::Review::build(scenario, debrief, &[]).summary()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(earlier.len(), 1, "{heard:?}");
    assert_eq!(earlier[0].0, 1);
    assert!(earlier[0].1.contains("Code kept, call reported"), "{}", earlier[0].1);
    // Then the drill played now.
    assert_eq!(ben.welcome().map(|w| w.drill()), Some(2));
    assert_eq!(ben.scenario().unwrap().id.as_str(), "number-change");
}
