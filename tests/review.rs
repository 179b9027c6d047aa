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
