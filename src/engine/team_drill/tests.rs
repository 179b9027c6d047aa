//! The team drill: majority, ties broken by the lead or the facilitator, a decision whose time
//! runs out, alignment, who was sure and wrong, requests refused, and a restore from the record.

use super::*;
use crate::engine::load::clean_scenario;
use crate::engine::runner::Stage;

/// Three decisions: `a` untimed (right / wrong / other), `b` timed at 30 s (fast / slow), then a
/// written answer at `c`.
fn scenario() -> Arc<Scenario> {
    let src = r#"Scenario(format: 1, id: "votes-test", title: "T", category: FraudCall, language: "en",
        difficulty: Introductory, minutes: 1, briefing: (role: "A", situation: "B"), objectives: ["O"], start: "a",
        nodes: {
            "a": (text: "A", choices: [
                (id: "right", text: "Call back on the number on file", scores: {"fraud_recognition": 2}, feedback: "f", next: "b"),
                (id: "wrong", text: "Read the code out to the caller", scores: {"fraud_recognition": -2}, feedback: "f", next: "b"),
                (id: "other", text: "Put the caller on hold for later", scores: {"fraud_recognition": 0}, feedback: "f", next: "b"),
            ]),
            "b": (text: "B", timeout: (seconds: 30, then: (id: "slow", text: "S", scores: {"fraud_recognition": -1}, feedback: "f", next: "c")),
                choices: [
                    (id: "fast", text: "Freeze the card now", scores: {"fraud_recognition": 1}, feedback: "f", next: "c"),
                    (id: "later", text: "Wait for a supervisor", scores: {"fraud_recognition": 0}, feedback: "f", next: "c"),
                ]),
            "c": (text: "C", input: (kind: FreeText, prompt: "What happened?", checklist: [
                (id: "froze", text: "Says the card was frozen", any: ["froze", "frozen"], competency: "fraud_recognition"),
            ], next: "good")),
        },
        endings: { "good": (outcome: Resolved, title: "G", summary: "G") })"#;
    clean_scenario(src)
}

fn team(lead: Option<&str>) -> TeamDrill {
    let members = ["Ana", "Bo", "Chen", "Dana"].map(String::from).to_vec();
    TeamDrill::start(scenario(), 3, members, lead.map(String::from), WallMs(1_000_000)).unwrap()
}

fn member(name: &str) -> Who {
    Who::Member(name.into())
}

fn vote(node: &str, choice: &str, sure: bool) -> TeamRequest {
    let confidence = Some(if sure { Confidence::Sure } else { Confidence::NotSure });
    TeamRequest::Vote { node: node.into(), choice: choice.into(), confidence }
}

fn at(secs: u64) -> WallMs {
    WallMs(1_000_000 + secs * 1000)
}

#[test]
fn the_majority_decides_once_everyone_has_voted_and_votes_stay_hidden_until_then() {
    let mut t = team(None);
    t.handle(&member("Ana"), vote("a", "right", true), at(1)).unwrap();
    t.handle(&member("Bo"), vote("a", "right", false), at(2)).unwrap();
    t.handle(&member("Chen"), vote("a", "wrong", true), at(3)).unwrap();
    // Three of four: still open, and only who voted is known.
    assert_eq!(t.voted(), ["Ana", "Bo", "Chen"]);
    assert!(t.decisions().is_empty());
    // A member may change their vote before the decision is taken.
    t.handle(&member("Ana"), vote("a", "other", false), at(4)).unwrap();
    t.handle(&member("Ana"), vote("a", "right", true), at(5)).unwrap();
    t.handle(&member("Dana"), vote("a", "right", true), at(6)).unwrap();
    let d = &t.decisions()[0];
    assert_eq!((d.answer.as_ref().map(ChoiceId::as_str), d.taken), (Some("right"), Taken::Majority));
    assert_eq!(d.votes.len(), 4);
    // 3 of 4 = 75 %.
    assert_eq!(d.alignment, Alignment::Unified);
    assert_eq!(d.expert, [ChoiceId::from("right")]);
    assert_eq!(d.chose_expert(), ["Bo", "Ana", "Dana"]);
    assert_eq!(d.sure_and_wrong(), ["Chen"]);
    assert_eq!(t.runner().stage(), &Stage::At("b".into()));
    assert!(t.voted().is_empty());
}

#[test]
fn a_tie_goes_to_the_leads_vote_or_else_waits_for_the_facilitator() {
    let mut led = team(Some("Bo"));
    for (who, choice) in [("Ana", "right"), ("Bo", "wrong"), ("Chen", "right"), ("Dana", "wrong")] {
        led.handle(&member(who), vote("a", choice, true), at(1)).unwrap();
    }
    let d = &led.decisions()[0];
    assert_eq!((d.answer.as_ref().map(ChoiceId::as_str), d.taken), (Some("wrong"), Taken::LeadBrokeTie));
    // 2 of 4 = 50 %.
    assert_eq!(d.alignment, Alignment::Split);

    let mut t = team(None);
    for (who, choice) in [("Ana", "right"), ("Bo", "wrong"), ("Chen", "right"), ("Dana", "wrong")] {
        t.handle(&member(who), vote("a", choice, true), at(1)).unwrap();
    }
    let mut tied: Vec<&str> = t.tie().unwrap().iter().map(ChoiceId::as_str).collect();
    tied.sort_unstable();
    assert_eq!(tied, ["right", "wrong"]);
    // With no lead, only the facilitator breaks it, and only for one of the tied options; votes wait.
    let br = |c: &str| TeamRequest::BreakTie { node: "a".into(), choice: c.into() };
    assert_eq!(t.handle(&member("Ana"), br("right"), at(2)), Err(TeamRefusal::FacilitatorOnly));
    assert_eq!(t.handle(&Who::Facilitator, br("other"), at(2)), Err(TeamRefusal::NoSuchTie));
    assert_eq!(t.handle(&member("Ana"), vote("a", "right", true), at(2)), Err(TeamRefusal::NotOpen("a".into())));
    t.handle(&Who::Facilitator, br("right"), at(3)).unwrap();
    assert_eq!(t.decisions()[0].taken, Taken::FacilitatorBrokeTie);
    assert_eq!(t.runner().stage(), &Stage::At("b".into()));
}

#[test]
fn the_lead_breaks_a_tie_their_vote_did_not_settle_and_no_other_member_may() {
    let mut t = team(Some("Dana"));
    t.handle(&member("Ana"), vote("a", "right", false), at(1)).unwrap();
    t.handle(&member("Bo"), vote("a", "wrong", true), at(2)).unwrap();
    // The facilitator takes the votes cast before the lead has voted: a tie.
    t.handle(&Who::Facilitator, TeamRequest::Close { node: "a".into() }, at(3)).unwrap();
    assert!(t.tie().is_some());
    let br = |c: &str| TeamRequest::BreakTie { node: "a".into(), choice: c.into() };
    assert_eq!(t.handle(&member("Ana"), br("right"), at(4)), Err(TeamRefusal::FacilitatorOnly));
    t.handle(&member("Dana"), br("right"), at(5)).unwrap();
    let d = &t.decisions()[0];
    assert_eq!((d.answer.as_ref().map(ChoiceId::as_str), d.taken), (Some("right"), Taken::LeadBrokeTie));
}

#[test]
fn when_time_runs_out_the_votes_cast_decide_and_with_none_the_timeout_is_taken() {
    let mut t = team(None);
    for who in ["Ana", "Bo", "Chen", "Dana"] {
        t.handle(&member(who), vote("a", "right", true), at(1)).unwrap();
    }
    // `b` is timed: two votes for `later`, one for `fast`, then the clock runs out.
    t.handle(&member("Ana"), vote("b", "later", false), at(2)).unwrap();
    t.handle(&member("Bo"), vote("b", "later", true), at(3)).unwrap();
    t.handle(&member("Chen"), vote("b", "fast", true), at(4)).unwrap();
    t.tick(at(600)).unwrap();
    let d = &t.decisions()[1];
    assert_eq!((d.answer.as_ref().map(ChoiceId::as_str), d.taken), (Some("later"), Taken::Majority));
    // 2 of 3 = 66 %.
    assert_eq!(d.alignment, Alignment::Unified);
    assert_eq!(d.sure_and_wrong(), ["Bo"]);
    assert_eq!(t.runner().stage(), &Stage::At("c".into()));

    // No vote at all: the drill's own timeout.
    let mut quiet = team(None);
    for who in ["Ana", "Bo", "Chen", "Dana"] {
        quiet.handle(&member(who), vote("a", "right", true), at(1)).unwrap();
    }
    quiet.tick(at(600)).unwrap();
    let d = &quiet.decisions()[1];
    assert_eq!((d.answer.as_ref(), d.taken, d.alignment), (None, Taken::TimedOut, Alignment::Divided));
    assert_eq!(quiet.runner().decisions()[1].kind, crate::engine::debrief::DecisionKind::Timeout);

    // A tie nobody breaks before the time runs out: the timeout too.
    let mut torn = team(Some("Dana"));
    for who in ["Ana", "Bo", "Chen", "Dana"] {
        torn.handle(&member(who), vote("a", "right", true), at(1)).unwrap();
    }
    torn.handle(&member("Ana"), vote("b", "fast", true), at(2)).unwrap();
    torn.handle(&member("Bo"), vote("b", "later", true), at(3)).unwrap();
    torn.tick(at(600)).unwrap();
    assert_eq!(torn.decisions()[1].taken, Taken::TimedOut);
    assert_eq!(torn.runner().stage(), &Stage::At("c".into()));
}

#[test]
fn strangers_late_votes_and_options_not_on_offer_are_refused_and_change_nothing() {
    let mut t = team(Some("Ana"));
    let before = t.record().log.len();
    assert_eq!(
        t.handle(&member("Mallory"), vote("a", "right", true), at(1)),
        Err(TeamRefusal::NotAMember("Mallory".into()))
    );
    assert_eq!(t.handle(&Who::Facilitator, vote("a", "right", true), at(1)), Err(TeamRefusal::MembersOnly));
    assert_eq!(t.handle(&member("Bo"), vote("a", "slow", true), at(1)), Err(TeamRefusal::NotOffered("slow".into())));
    assert_eq!(t.handle(&member("Bo"), vote("b", "fast", true), at(1)), Err(TeamRefusal::NotOpen("b".into())));
    assert_eq!(
        t.handle(&member("Bo"), TeamRequest::Close { node: "a".into() }, at(1)),
        Err(TeamRefusal::FacilitatorOnly)
    );
    assert_eq!(t.handle(&Who::Facilitator, TeamRequest::Close { node: "a".into() }, at(1)), Err(TeamRefusal::NoVotes));
    assert_eq!(t.record().log.len(), before);
    assert!(t.voted().is_empty());
    // Only the facilitator sends an inject, and only one the scenario has.
    let inject = TeamRequest::Inject { inject: "call_back".into() };
    assert_eq!(t.handle(&member("Ana"), inject.clone(), at(1)), Err(TeamRefusal::FacilitatorOnly));
    assert_eq!(
        t.handle(&Who::Facilitator, inject, at(1)),
        Err(TeamRefusal::Run(RunError::Missing("call_back".into())))
    );
    // The facilitator closes a decision with the votes cast so far.
    t.handle(&member("Bo"), vote("a", "wrong", true), at(2)).unwrap();
    t.handle(&Who::Facilitator, TeamRequest::Close { node: "a".into() }, at(3)).unwrap();
    assert_eq!(t.decisions()[0].answer, Some("wrong".into()));
    // Only the lead (or the facilitator) hands in the written answer.
    t.handle(&member("Bo"), vote("b", "fast", true), at(4)).unwrap();
    t.handle(&Who::Facilitator, TeamRequest::Close { node: "b".into() }, at(5)).unwrap();
    let answer = TeamRequest::Submit { node: "c".into(), answer: Answer::Text("We froze the card.".into()) };
    assert_eq!(t.handle(&member("Bo"), answer.clone(), at(6)), Err(TeamRefusal::LeadOnly));
    t.handle(&member("Ana"), answer, at(7)).unwrap();
    assert!(t.runner().is_over());
    let debrief = t.debrief(at(8)).unwrap();
    assert_eq!(debrief.trainee, "Team: Ana, Bo, Chen, Dana");
}

#[test]
fn a_team_drill_is_taken_up_again_from_its_record_with_nothing_lost() {
    let mut t = team(Some("Chen"));
    for (who, choice) in [("Ana", "right"), ("Bo", "wrong"), ("Chen", "wrong"), ("Dana", "right")] {
        t.handle(&member(who), vote("a", choice, who != "Bo"), at(1)).unwrap();
    }
    t.handle(&member("Ana"), vote("b", "fast", true), at(3)).unwrap();
    // The host is killed here; the record was saved after the last request.
    let saved = ron::to_string(t.record()).unwrap();
    let record: TeamRecord = ron::from_str(&saved).unwrap();
    let mut again = TeamDrill::restore(scenario(), &record).unwrap();
    assert_eq!(again.decisions(), t.decisions());
    assert_eq!(again.voted(), ["Ana"]);
    assert_eq!(again.record(), t.record());
    // Both go on the same way.
    for drill in [&mut t, &mut again] {
        drill.tick(at(600)).unwrap();
    }
    assert_eq!(again.decisions(), t.decisions());
    assert_eq!(again.runner().state(), t.runner().state());
    // A record of another version of the drill is refused.
    let mut other = record;
    other.hash = "0".repeat(64);
    assert!(matches!(TeamDrill::restore(scenario(), &other), Err(TeamRefusal::Run(RunError::OtherScenario(..)))));
}

#[test]
fn alignment_thresholds() {
    assert_eq!(Alignment::of(3, 5), Alignment::Unified);
    assert_eq!(Alignment::of(2, 5), Alignment::Split);
    assert_eq!(Alignment::of(1, 3), Alignment::Divided);
    assert_eq!(Alignment::of(0, 0), Alignment::Divided);
    assert_eq!(Alignment::of(5, 5), Alignment::Unified);
}

#[test]
fn the_review_shows_each_decisions_votes_alignment_and_who_was_sure_and_wrong_in_both_languages() {
    let mut t = team(Some("Bo"));
    for (who, choice, sure) in
        [("Ana", "right", true), ("Bo", "wrong", true), ("Chen", "right", false), ("Dana", "wrong", true)]
    {
        t.handle(&member(who), vote("a", choice, sure), at(1)).unwrap();
    }
    t.tick(at(600)).unwrap();
    let en = t.votes_markdown(crate::engine::i18n::Lang::En.tr());
    let rows: Vec<&str> = en.lines().filter(|l| l.starts_with("| 1 ") || l.starts_with("| 2 ")).collect();
    assert_eq!(
        rows,
        [
            "| 1 | Read the code out to the caller (a tie, broken by the team lead) | Split | Ana: Call back on the number on file (sure), Bo: Read the code out to the caller (sure), Chen: Call back on the number on file (not sure), Dana: Read the code out to the caller (sure) | Call back on the number on file | Ana, Chen | Bo, Dana |",
            "| 2 | no answer: the time ran out | Divided | — | Freeze the card now | — | — |",
        ]
    );
    assert!(en.contains("Alignment over the drill: 0 unified, 1 split, 1 divided"), "{en}");
    let zh = t.votes_markdown(crate::engine::i18n::Lang::ZhCn.tr());
    assert!(zh.starts_with("## 团队投票\n"), "{zh}");
    assert!(zh.contains("Read the code out to the caller（平票，由组长决定） | 意见分歧 |"), "{zh}");
    assert!(zh.contains("| 2 | 没有回答：时间已到 | 意见分散 |"), "{zh}");
}

#[test]
fn a_team_needs_distinct_members_and_a_lead_among_them_and_keeps_its_name_in_any_language() {
    let start = |members: &[&str], lead: Option<&str>| {
        let members = members.iter().map(|m| (*m).to_owned()).collect();
        TeamDrill::start(scenario(), 3, members, lead.map(String::from), at(0)).map(|_| ())
    };
    assert_eq!(start(&[], None), Err(TeamRefusal::BadTeam));
    assert_eq!(start(&["Ana", "Ana"], None), Err(TeamRefusal::BadTeam));
    assert_eq!(start(&["Ana", "Bo"], Some("Zed")), Err(TeamRefusal::BadTeam));
    // The team's name is fixed when it starts: a restore on a Chinese thread gives the same.
    let t = team(None);
    let again = crate::engine::i18n::with_engine_lang(crate::engine::i18n::Lang::ZhCn, || {
        TeamDrill::restore(scenario(), t.record()).unwrap()
    });
    assert_eq!(again.runner().state().trainee(), "Team: Ana, Bo, Chen, Dana");
}

/// Plays the drill to its end: `a` with `votes_a`, `b` all for `fast`, then the written answer.
fn played(votes_a: [(&str, &str, bool); 4], start: u64) -> Debrief {
    let members = ["Ana", "Bo", "Chen", "Dana"].map(String::from).to_vec();
    let mut t = TeamDrill::start(scenario(), 3, members, Some("Ana".into()), at(start)).unwrap();
    for (i, (who, choice, sure)) in votes_a.into_iter().enumerate() {
        t.handle(&member(who), vote("a", choice, sure), at(start + i as u64)).unwrap();
    }
    for (i, who) in ["Ana", "Bo", "Chen", "Dana"].into_iter().enumerate() {
        t.handle(&member(who), vote("b", "fast", false), at(start + 10 + i as u64)).unwrap();
    }
    let answer = crate::engine::debrief::Answer::Text("The card was frozen.".into());
    t.handle(&Who::Facilitator, TeamRequest::Submit { node: "c".into(), answer }, at(start + 20)).unwrap();
    t.debrief(at(start + 21)).unwrap()
}

#[test]
fn the_team_review_follows_a_teams_alignment_and_sure_but_wrong_votes_across_sessions() {
    let first =
        played([("Ana", "wrong", true), ("Bo", "wrong", true), ("Chen", "right", false), ("Dana", "other", false)], 0);
    let second = played(
        [("Ana", "right", true), ("Bo", "right", true), ("Chen", "right", false), ("Dana", "wrong", false)],
        600,
    );
    // The votes travel with the debrief and do not change what replays.
    assert_eq!(first.team_votes.len(), 2);
    let again = crate::engine::replay::replay(&scenario(), &first).unwrap();
    assert_eq!(again.team_votes, first.team_votes);
    assert!(crate::engine::replay::compare(&first, &again).is_empty());
    let s = scenario();
    let debriefs = vec![("1".to_owned(), second), ("2".to_owned(), first)];
    let review = crate::engine::team::TeamReview::build(&debriefs, |_| Some(&s), None);
    let rows = &review.team_votes;
    assert_eq!(rows.len(), 2);
    // In the order played, whatever the order of the files.
    let (r1, r2) = (&rows[0], &rows[1]);
    assert!(r1.started < r2.started);
    // First session: `a` split two-one-one on a wrong answer (the lead's), `b` unified.
    assert_eq!((r1.decisions, r1.alignment, r1.expert, r1.sure_and_wrong, r1.sure), (2, [1, 1, 0], 1, 2, 2));
    // Second: three of four on the expert answer, then unified again; nobody sure and wrong.
    assert_eq!((r2.decisions, r2.alignment, r2.expert, r2.sure_and_wrong, r2.sure), (2, [2, 0, 0], 2, 0, 2));
    let md = review.to_markdown(crate::engine::i18n::Lang::En);
    assert!(md.contains("## Team drills: alignment across sessions"), "{md}");
    assert!(md.contains("| 2 | 1 | 1 | 0 | 1/2 | 2/2 |"), "{md}");
    assert!(md.contains("cast 2 of 4 sure votes for answers that were not the expert's"), "{md}");
    let zh = review.to_markdown(crate::engine::i18n::Lang::ZhCn);
    assert!(zh.contains("## 团队演练：各场次的意见一致程度"), "{zh}");
}
