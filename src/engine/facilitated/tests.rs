//! The facilitated session: three participants, the console, an inject and a note, the
//! facilitator's actions refused to participants, a restore from the record and a rejoin.

use super::*;
use crate::engine::load::clean_scenario;
use crate::engine::replay::{compare, replay};

const SRC: &str = r#"Scenario(
format: 1, id: "room", title: "Room", category: FraudCall, language: "en",
difficulty: Introductory, minutes: 3,
briefing: (role: "Agent", situation: "A caller wants a code."),
objectives: ["Keep the code"],
cast: {"caller": (name: "Li Qiang", role: Attacker), "lead": (name: "Zhou Min", role: Supervisor)},
variables: {"warned": Bool(false)},
red_flags: {"urgency": (name: "Urgency", description: "Pressed to act now")},
start: "ask",
nodes: {
    "ask": (text: "Read me the code, quickly", speaker: Some("caller"), red_flags: ["urgency"], choices: [
        (id: "refuse", text: "Refuse and call back on the number on file", catches: ["urgency"], scores: {"fraud_recognition": 2}, feedback: "Right", next: "close"),
        (id: "read", text: "Read the code out to keep him calm", harm: Some(Leak), scores: {"fraud_recognition": -2}, feedback: "A leak", next: "close"),
        (id: "hold", text: "Put him on hold and ask a colleague", scores: {"fraud_recognition": 0}, feedback: "Slow", next: "close"),
    ]),
    "close": (text: "Wrap up", choices: [
        (id: "report", text: "Report the call to the fraud desk now", scores: {"procedure_compliance": 2}, feedback: "Right", next: [(when: HarmDone, to: "leaked"), (to: "good")]),
        (id: "forget", text: "Close the ticket and take the next call", scores: {"procedure_compliance": -1}, feedback: "No", next: [(when: HarmDone, to: "leaked"), (to: "partial")]),
    ]),
},
endings: {
    "good": (outcome: Resolved, title: "Good", summary: "Good"),
    "partial": (outcome: PartiallyResolved, title: "Partial", summary: "Partial"),
    "leaked": (outcome: Harmed, title: "Leaked", summary: "Leaked"),
},
facilitator_injects: [
    (id: "lead_check", speaker: "lead", channel: Chat, text: "Everything OK on your line?", effects: [Set("warned", Bool(true))]),
],
)"#;

fn scenario() -> Arc<Scenario> {
    clean_scenario(SRC)
}

fn at(secs: u64) -> WallMs {
    WallMs(2_000_000 + secs * 1000)
}

fn p(name: &str) -> Who {
    Who::Member(name.into())
}

fn choose(node: &str, choice: &str) -> FacilitatedRequest {
    FacilitatedRequest::Choose { node: node.into(), choice: choice.into() }
}

/// Three participants, an inject to all, a note for Bo, Ana and Bo finish, Chen is stuck.
fn room() -> FacilitatedSession {
    let mut s = FacilitatedSession::open(scenario(), 9, Some(vec!["Ana".into(), "Bo".into(), "Chen".into()]));
    for name in ["Ana", "Bo", "Chen"] {
        s.handle(&p(name), FacilitatedRequest::Join, at(0)).unwrap();
    }
    s.handle(&p("Ana"), choose("ask", "refuse"), at(20)).unwrap();
    s.handle(&p("Bo"), choose("ask", "read"), at(30)).unwrap();
    s.handle(&Who::Facilitator, FacilitatedRequest::Inject { who: None, inject: "lead_check".into() }, at(40)).unwrap();
    s.handle(
        &Who::Facilitator,
        FacilitatedRequest::Note { who: "Bo".into(), text: "Read the code out under pressure".into() },
        at(41),
    )
    .unwrap();
    s.handle(&p("Ana"), choose("close", "report"), at(50)).unwrap();
    s.handle(&p("Bo"), choose("close", "report"), at(60)).unwrap();
    s
}

#[test]
fn the_console_shows_everyone_live_and_each_debrief_keeps_its_note_and_replays() {
    let mut s = room();
    let console = s.console(at(150));
    let names: Vec<&str> = console.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo", "Chen"]);
    let (ana, bo, chen) = (&console[0], &console[1], &console[2]);
    assert_eq!((ana.outcome, ana.node.as_ref()), (Some(Outcome::Resolved), None));
    assert_eq!(ana.caught, [RedFlagId::from("urgency")]);
    // A finished drill's decision count is the decisions it took.
    assert_eq!(ana.decision, 2);
    // Ana refused but never flagged the urgency she was shown: spotting keeps her at S.
    assert_eq!(ana.ratings[&CompetencyId::from("fraud_recognition")], Level::S);
    assert_eq!(ana.ratings[&CompetencyId::from("procedure_compliance")], Level::P);
    assert_eq!(bo.outcome, Some(Outcome::Harmed));
    assert_eq!(bo.harm, [ChoiceId::from("read")]);
    assert_eq!(bo.missed, [RedFlagId::from("urgency")]);
    assert_eq!(bo.ratings[&CompetencyId::from("fraud_recognition")], Level::U);
    // Chen has not answered the first decision in 150 s: stuck, and the inject reached them.
    assert_eq!((chen.node.as_ref().map(NodeId::as_str), chen.decision, chen.stuck), (Some("ask"), 1, true));
    assert!(chen.on_decision_ms >= 150_000 - 1_000, "{}", chen.on_decision_ms);
    // The urgency shown at the decision Chen still faces is not missed yet.
    assert!(chen.missed.is_empty(), "{:?}", chen.missed);
    let chen_saw = s.runner_of("Chen").unwrap().shown_since(0);
    assert!(
        chen_saw.iter().any(
            |e| matches!(e, crate::engine::shown::Shown::Line { text, .. } if text == "Everything OK on your line?")
        )
    );
    // The guide: the expert answer and the flags planted at each decision.
    let guide = s.guide();
    assert_eq!(guide[0].node, NodeId::from("ask"));
    assert_eq!(
        (guide[0].expert.clone(), guide[0].flags.clone()),
        (vec![ChoiceId::from("refuse")], vec![RedFlagId::from("urgency")])
    );
    // The facilitator ends the session: the finished drills' debriefs, Bo's with the note.
    s.handle(&Who::Facilitator, FacilitatedRequest::End, at(160)).unwrap();
    let debriefs = s.debriefs();
    assert_eq!(debriefs.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["Ana", "Bo"]);
    let bo = &debriefs[1].1;
    assert_eq!(bo.notes.len(), 1);
    assert_eq!(
        (bo.notes[0].text.as_str(), bo.notes[0].author.as_str()),
        ("Read the code out under pressure", "facilitator")
    );
    for (_, d) in &debriefs {
        let again = replay(&scenario(), d).unwrap();
        assert!(compare(d, &again).is_empty(), "{:?}", compare(d, &again));
    }
    assert_eq!(s.handle(&p("Chen"), choose("ask", "refuse"), at(170)), Err(FacilitatedRefusal::Ended));
}

#[test]
fn a_participant_reaches_only_their_own_drill_and_no_facilitator_action() {
    let mut s = room();
    let before = s.record().log.len();
    assert_eq!(
        s.handle(&p("Mallory"), FacilitatedRequest::Join, at(70)),
        Err(FacilitatedRefusal::NotOnRoster("Mallory".into()))
    );
    assert_eq!(
        s.handle(&p("Chen"), FacilitatedRequest::Pause { who: Some("Ana".into()) }, at(70)),
        Err(FacilitatedRefusal::FacilitatorOnly)
    );
    assert_eq!(s.handle(&p("Chen"), FacilitatedRequest::End, at(70)), Err(FacilitatedRefusal::FacilitatorOnly));
    assert_eq!(s.handle(&Who::Facilitator, choose("ask", "refuse"), at(70)), Err(FacilitatedRefusal::ParticipantsOnly));
    // A choice about a decision Chen is not facing is refused (a late or replayed message).
    assert_eq!(
        s.handle(&p("Chen"), choose("close", "report"), at(70)),
        Err(FacilitatedRefusal::NotOpen("close".into()))
    );
    assert_eq!(
        s.handle(&Who::Facilitator, FacilitatedRequest::Note { who: "Chen".into(), text: "  ".into() }, at(70)),
        Err(FacilitatedRefusal::EmptyNote)
    );
    assert_eq!(s.record().log.len(), before, "refused requests are not recorded");
    // Pausing one participant stops only their clock, and they cannot act until resumed.
    s.handle(&Who::Facilitator, FacilitatedRequest::Pause { who: Some("Chen".into()) }, at(80)).unwrap();
    assert_eq!(s.handle(&p("Chen"), choose("ask", "hold"), at(90)), Err(FacilitatedRefusal::Paused));
    let console = s.console(at(300));
    assert!(console[2].paused && !console[2].stuck);
    assert!(!console[0].paused);
    s.handle(&Who::Facilitator, FacilitatedRequest::Resume { who: None }, at(300)).unwrap();
    assert!(!s.console(at(300))[2].paused);
}

#[test]
fn a_session_is_taken_up_again_from_its_record_and_a_participant_rejoins_where_they_were() {
    let s = room();
    let saved = ron::to_string(s.record()).unwrap();
    let record: FacilitatedRecord = ron::from_str(&saved).unwrap();
    let mut again = FacilitatedSession::restore(scenario(), &record).unwrap();
    assert_eq!(again.console(at(100)), s.console(at(100)));
    // Chen's app was killed; Chen joins again and goes on at the same decision.
    again.handle(&p("Chen"), FacilitatedRequest::Join, at(101)).unwrap();
    assert_eq!(again.console(at(101)).len(), 3);
    assert_eq!(again.runner_of("Chen").unwrap().stage(), &Stage::At("ask".into()));
    again.handle(&p("Chen"), choose("ask", "hold"), at(110)).unwrap();
    assert_eq!(again.console(at(111))[2].node.as_ref().map(NodeId::as_str), Some("close"));
}
