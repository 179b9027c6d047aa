//! Snapshots of the review texts people read, for fixed drills.

use hotwash::engine::review::{DrillSummary, Review};
use hotwash::engine::runner::Pick;

use crate::{expert, full_answer, play, scenario};

/// A fixed catalogue for follow-up suggestions, so the snapshots do not change when drills are
/// added to the library.
fn catalog() -> Vec<DrillSummary> {
    ["mass-complaint-crisis", "urgent-help-call"]
        .iter()
        .flat_map(|id| ["en", "zh-CN"].map(|lang| format!("{id}.{lang}.ron")))
        .map(|file| DrillSummary::of(&scenario(&file)))
        .collect()
}

#[test]
fn review_of_a_drill_that_took_the_first_option_everywhere() {
    let s = scenario("bank-security-call.en.ron");
    let d = play(&s, 42, |_, _| Some(Pick::Index(0)), |step| 3_000 + 1_500 * step as u64, |k| full_answer(k, "en"))
        .unwrap();
    let review = Review::build(&s, &d, &catalog());
    insta::assert_snapshot!("bank_first_options_md", review.to_markdown());
}

#[test]
fn review_of_an_expert_drill_in_chinese() {
    let s = scenario("bank-security-call.zh-CN.ron");
    let d = play(&s, 7, |_, run| Some(expert(run)), |_| 4_000, |k| full_answer(k, "zh-CN")).unwrap();
    let review = Review::build(&s, &d, &catalog());
    insta::assert_snapshot!("bank_expert_zh_md", review.to_markdown());
    assert!(review.missed.is_empty(), "the expert path catches every red flag shown: {:?}", review.missed);
}

#[test]
fn the_html_review_is_one_self_contained_page_with_the_same_content() {
    let s = scenario("bank-security-call.en.ron");
    let d = play(&s, 42, |_, _| Some(Pick::Index(0)), |_| 3_000, |k| full_answer(k, "en")).unwrap();
    let review = Review::build(&s, &d, &catalog());
    let html = review.to_html();
    insta::assert_snapshot!("bank_first_options_html", html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert!(
        !html.contains("<script") && !html.contains("src=") && !html.contains("href=\"http"),
        "no outside resources"
    );
    assert!(html.contains("<table>"), "ratings and timeline are tables");
    for r in &review.ratings {
        assert!(html.contains(&format!("<strong>{}</strong>", r.level.letter())), "rating {} shown", r.name);
    }
}

#[test]
fn follow_ups_are_chosen_for_the_trainee_with_their_history_and_a_reason() {
    let s = scenario("bank-security-call.en.ron");
    let d = play(&s, 42, |_, _| Some(Pick::Index(0)), |_| 3_000, |k| full_answer(k, "en")).unwrap();
    let weak: Vec<String> =
        Review::build(&s, &d, &[]).ratings.iter().filter(|r| r.level.letter() != "P").map(|r| r.name.clone()).collect();
    assert!(!weak.is_empty());
    let others = ["mass-complaint-crisis", "urgent-help-call", "refund-scam-victim"];
    let catalog: Vec<DrillSummary> =
        others.iter().map(|id| DrillSummary::of(&scenario(&format!("{id}.en.ron")))).collect();
    // Never played: each is suggested as new, with what it trains.
    let fresh = Review::build(&s, &d, &catalog);
    assert!(!fresh.follow_ups.is_empty());
    for fu in &fresh.follow_ups {
        assert!(fu.reason.starts_with("trains ") && fu.reason.ends_with("; not played yet"), "{}", fu.reason);
        assert!(fu.trains.iter().all(|t| weak.contains(t)), "{:?} not among {weak:?}", fu.trains);
    }
    // The trainee played the first suggestion and did well everywhere: it moves behind the
    // others, said as "played before"; a drill last rated U in a weak competency stays in front.
    let first = fresh.follow_ups[0].id.clone();
    let played = |id: &str, level: hotwash::engine::review::Level| hotwash::engine::review::PastPlay {
        scenario: id.to_owned(),
        language: "en".into(),
        trainee: d.trainee.clone(),
        ended_at: 1,
        levels: catalog.iter().find(|c| c.id == id).unwrap().competencies.iter().map(|c| (c.clone(), level)).collect(),
        outcome: None,
    };
    let history = [played(&first, hotwash::engine::review::Level::P)];
    let again = Review::build(&s, &d, &DrillSummary::with_history(catalog.clone(), &history, &d.trainee));
    let ids: Vec<&str> = again.follow_ups.iter().map(|f| f.id.as_str()).collect();
    if again.follow_ups.len() > 1 {
        assert_ne!(ids[0], first, "{ids:?}");
    }
    let moved = again.follow_ups.iter().find(|f| f.id == first).expect("still suggested");
    assert!(moved.reason.ends_with("; played before"), "{}", moved.reason);
    let history = [played(&first, hotwash::engine::review::Level::U)];
    let weak_again = Review::build(&s, &d, &DrillSummary::with_history(catalog.clone(), &history, &d.trainee));
    assert_eq!(weak_again.follow_ups[0].id, first);
    assert!(
        weak_again.follow_ups[0].reason.contains("; last time ")
            && weak_again.follow_ups[0].reason.ends_with(" was rated U")
    );
    // Another trainee's history changes nothing.
    let theirs = Review::build(&s, &d, &DrillSummary::with_history(catalog, &history, "someone else"));
    assert_eq!(theirs.follow_ups, fresh.follow_ups);
}
