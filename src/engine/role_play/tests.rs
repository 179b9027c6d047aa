//! The role play: the role card, lines said and ad-libbed, answers matched or nudged, who may do
//! what, the debrief that replays with the ad-libs and matches, and a restore from the record.

use super::*;
use crate::engine::debrief::{Action, Event};
use crate::engine::load::clean_scenario;
use crate::engine::replay::{compare, replay};

const SRC: &str = r#"Scenario(
format: 1, id: "roleplay", title: "Role play", category: FraudCall, language: "en",
difficulty: Introductory, minutes: 3,
briefing: (role: "Agent", situation: "A caller wants a code."),
objectives: ["Keep the code"],
cast: {"caller": (name: "Li Qiang", role: Attacker, wants: "The one-time code, before the agent checks anything")},
red_flags: {"urgency": (name: "Urgency", description: "Pressed to act now")},
start: "ask",
nodes: {
    "ask": (speaker: Some("caller"), text: "I'm from the bank. Read me the code, quickly.",
        direction: "Friendly, then impatient; sigh if they hesitate",
        pushback: "Say the account will be frozen in five minutes",
        red_flags: ["urgency"], choices: [
        (id: "refuse", text: "Refuse and call back on the number on file", catches: ["urgency"], scores: {"fraud_recognition": 2}, feedback: "Right", next: "note"),
        (id: "read", text: "Read the code out to keep him calm", harm: Some(Leak), scores: {"fraud_recognition": -2}, feedback: "A leak", next: "leaked"),
    ]),
    "note": (text: "Write the case note", input: (kind: FreeText, prompt: "What happened?", checklist: [
        (id: "refused", text: "Says the code was refused", any: ["refused"], competency: "fraud_recognition"),
    ], next: "good")),
},
endings: {
    "good": (outcome: Resolved, title: "Good", summary: "Good"),
    "leaked": (outcome: Harmed, title: "Leaked", summary: "Leaked"),
},
)"#;

fn scenario() -> Arc<Scenario> {
    clean_scenario(SRC)
}

fn at(secs: u64) -> WallMs {
    WallMs(3_000_000 + secs * 1000)
}

fn caller() -> Who {
    Who::Member("Wang".into())
}

fn trainee() -> Who {
    Who::Member("Min".into())
}

/// The caller says the line, ad-libs twice, nudges once, then matches Min's answer to `refuse`;
/// Min types the case note.
fn played() -> RolePlay {
    let mut r = RolePlay::start(scenario(), 5, "Min", "Wang", at(0)).unwrap();
    r.handle(&caller(), RolePlayRequest::Said { node: "ask".into() }, at(2)).unwrap();
    r.handle(&caller(), RolePlayRequest::AdLib { text: "Come on, it's only six digits.".into() }, at(10)).unwrap();
    r.handle(&caller(), RolePlayRequest::Match { node: "ask".into(), choice: None }, at(15)).unwrap();
    r.handle(&caller(), RolePlayRequest::AdLib { text: "Your account will be frozen!".into() }, at(20)).unwrap();
    r.handle(&caller(), RolePlayRequest::Match { node: "ask".into(), choice: Some("refuse".into()) }, at(30)).unwrap();
    let note = RolePlayRequest::Submit { node: "note".into(), answer: Answer::Text("I refused the code.".into()) };
    r.handle(&trainee(), note, at(60)).unwrap();
    r
}

#[test]
fn the_role_card_says_who_to_play_what_they_want_the_line_and_what_to_do_on_pushback() {
    let mut r = RolePlay::start(scenario(), 5, "Min", "Wang", at(0)).unwrap();
    let card = r.card().unwrap();
    assert_eq!(card.who, Some(("Li Qiang".to_owned(), Role::Attacker)));
    assert_eq!(card.wants.as_deref(), Some("The one-time code, before the agent checks anything"));
    assert_eq!(card.line, "I'm from the bank. Read me the code, quickly.");
    assert_eq!(card.direction.as_deref(), Some("Friendly, then impatient; sigh if they hesitate"));
    assert_eq!(card.pushback.as_deref(), Some("Say the account will be frozen in five minutes"));
    assert_eq!(card.flags, ["Urgency"]);
    assert_eq!(card.options.len(), 2);
    assert!(!card.said);
    r.handle(&caller(), RolePlayRequest::Said { node: "ask".into() }, at(2)).unwrap();
    r.handle(&caller(), RolePlayRequest::Match { node: "ask".into(), choice: None }, at(3)).unwrap();
    let card = r.card().unwrap();
    assert!(card.said);
    assert_eq!(card.nudges, 1, "a nudge keeps the trainee on the decision");
    assert_eq!(r.runner().stage(), &Stage::At("ask".into()));
}

#[test]
fn ad_libs_go_into_the_transcript_and_matched_answers_into_the_debrief_which_replays() {
    let r = played();
    let d = r.debrief(at(61)).unwrap();
    assert_eq!(d.outcome, crate::engine::model::Outcome::Resolved);
    let ad_libs: Vec<&str> = d
        .events
        .iter()
        .filter_map(|l| match &l.event {
            Event::Line { text, ad_lib: true, speaker, .. } => {
                assert_eq!(speaker.as_ref().map(|s| s.as_str()), Some("caller"));
                Some(text.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(ad_libs, ["Come on, it's only six digits.", "Your account will be frozen!"]);
    assert!(d.decisions[0].matched && !d.decisions[1].matched);
    assert!(d.actions.contains(&Action::Choose { t: 30_000, choice: "refuse".into(), matched: true }));
    let again = replay(&scenario(), &d).unwrap();
    assert!(compare(&d, &again).is_empty(), "{:?}", compare(&d, &again));
    // A debrief saved as RON and read back keeps both marks.
    let back: crate::engine::debrief::Debrief = ron::from_str(&ron::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn only_the_role_player_speaks_and_matches_and_only_the_trainee_writes() {
    let mut r = RolePlay::start(scenario(), 5, "Min", "Wang", at(0)).unwrap();
    let matched = RolePlayRequest::Match { node: "ask".into(), choice: Some("refuse".into()) };
    assert_eq!(r.handle(&trainee(), matched.clone(), at(1)), Err(RolePlayRefusal::RolePlayerOnly));
    assert_eq!(
        r.handle(&Who::Member("Eve".into()), RolePlayRequest::AdLib { text: "hi".into() }, at(1)),
        Err(RolePlayRefusal::RolePlayerOnly)
    );
    assert_eq!(r.handle(&caller(), RolePlayRequest::AdLib { text: "  ".into() }, at(1)), Err(RolePlayRefusal::Empty));
    assert_eq!(
        r.handle(&caller(), RolePlayRequest::Match { node: "note".into(), choice: None }, at(1)),
        Err(RolePlayRefusal::NotOpen("note".into()))
    );
    assert!(r.record().log.is_empty());
    // The facilitator may match for the role-player.
    r.handle(&Who::Facilitator, matched, at(2)).unwrap();
    let note = RolePlayRequest::Submit { node: "note".into(), answer: Answer::Text("I refused.".into()) };
    assert_eq!(r.handle(&caller(), note.clone(), at(3)), Err(RolePlayRefusal::TraineeOnly));
    r.handle(&trainee(), note, at(4)).unwrap();
    assert!(r.runner().is_over());
}

#[test]
fn a_role_play_is_taken_up_again_from_its_record() {
    let r = played();
    let record: RolePlayRecord = ron::from_str(&ron::to_string(r.record()).unwrap()).unwrap();
    let again = RolePlay::restore(scenario(), &record).unwrap();
    assert_eq!(again.runner().state(), r.runner().state());
    assert_eq!(again.debrief(at(61)), r.debrief(at(61)));
}

#[test]
fn the_review_marks_the_ad_libs_and_the_answers_matched() {
    let d = played().debrief(at(61)).unwrap();
    let review = crate::engine::review::Review::build(&scenario(), &d, &[]);
    assert!(review.decisions[0].matched);
    let md = review.to_markdown();
    assert!(md.contains("Li Qiang (in their own words): Come on, it's only six digits."), "{md}");
    assert!(md.contains("Answered in own words, matched to: Refuse and call back on the number on file"), "{md}");
    assert!(md.contains("**Answered in own words, matched to"), "{md}");
}
