//! Assessment on the purpose-made drill `tests/fixtures/assessment`: written answers graded so
//! that gaming fails and honest answers pass (the answer corpus, both languages), an evaluator's
//! grade kept beside the replayable record, spotting and false alarms, justified and unjustified
//! reveals, and harm routed to the harmed ending.

use std::collections::BTreeMap;
use std::sync::Arc;

use hotwash::engine::debrief::{Answer, Debrief};
use hotwash::engine::load::load_file;
use hotwash::engine::model::{CompetencyId, Outcome, Scenario, Spot};
use hotwash::engine::replay::{differences, replay};
use hotwash::engine::review::{Review, competency_points};
use hotwash::engine::runner::{Pick, Runner, Stage};
use hotwash::engine::times::WallMs;

use crate::{hotwash, root, text};

fn drill(language: &str) -> Arc<Scenario> {
    let path = root().join(format!("tests/fixtures/assessment/assessment-check.{language}.ron"));
    let (_, checked) = load_file(&path);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    Arc::new(checked.scenario.expect("loads"))
}

/// One answer of `tests/fixtures/answers.ron`.
#[derive(serde::Deserialize)]
struct CorpusAnswer {
    lang: String,
    node: String,
    honest: bool,
    text: String,
}

/// Plays the drill to its written answers: the safe option, then `report` (whole into the first
/// section), then `advice`; returns the runner at its end.
fn write_answers(s: &Arc<Scenario>, report: &str, advice: &str) -> Runner {
    let mut run = Runner::start(Arc::clone(s), 3, "corpus", WallMs(0)).expect("starts");
    run.choose(&Pick::Id("verify_callback".into()), WallMs(2_000)).expect("chooses");
    let report = Answer::Report { description: report.into(), scope: String::new(), measures: String::new() };
    run.submit(report, WallMs(60_000)).expect("report");
    run.submit(Answer::Text(advice.into()), WallMs(120_000)).expect("advice");
    assert!(run.is_over());
    run
}

/// Earned ÷ available per competency of the written answer at decision `index`.
fn shares(debrief: &Debrief, index: usize) -> BTreeMap<CompetencyId, f64> {
    let d = &debrief.decisions[index];
    d.expert
        .iter()
        .map(|(c, best)| (c.clone(), f64::from(d.scores.get(c).copied().unwrap_or(0)) / f64::from(*best)))
        .collect()
}

#[test]
fn no_adversarial_answer_earns_p_and_every_honest_one_earns_at_least_s() {
    let corpus: Vec<CorpusAnswer> = hotwash::engine::load::ron_options()
        .from_str(&std::fs::read_to_string(root().join("tests/fixtures/answers.ron")).expect("corpus"))
        .expect("the corpus reads");
    let mut failures = Vec::new();
    let mut counted: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
    for (language, s) in [("en", drill("en")), ("zh-CN", drill("zh-CN"))] {
        let model = |node: &str| {
            s.nodes[&node.into()].input.as_ref().and_then(|i| i.model_answer.clone()).expect("model answer")
        };
        for a in corpus.iter().filter(|a| a.lang == language) {
            *counted.entry((a.lang.clone(), a.node.clone(), a.honest)).or_default() += 1;
            let (report, advice, index) = match a.node.as_str() {
                "report" => (a.text.clone(), model("advice"), 1),
                _ => (model("report"), a.text.clone(), 2),
            };
            let debrief = write_answers(&s, &report, &advice).debrief(WallMs(130_000)).expect("ended");
            for (competency, share) in shares(&debrief, index) {
                let fails = if a.honest { share < 0.6 } else { share >= 0.85 };
                if fails {
                    let kind = if a.honest { "honest answer below S" } else { "adversarial answer at P" };
                    failures.push(format!("{language} {}: {kind} in {competency} ({share:.2}): {:?}", a.node, a.text));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // At least ten of each kind for each node in each language.
    for language in ["en", "zh-CN"] {
        for node in ["report", "advice"] {
            for honest in [true, false] {
                let n = counted.get(&(language.into(), node.into(), honest)).copied().unwrap_or(0);
                assert!(n >= 10, "{language} {node} honest={honest}: {n} answers");
            }
        }
    }
}

#[test]
fn the_model_answers_cover_every_item_and_reach_the_best_ending() {
    for language in ["en", "zh-CN"] {
        let s = drill(language);
        let model = |node: &str| s.nodes[&node.into()].input.as_ref().and_then(|i| i.model_answer.clone()).unwrap();
        let run = write_answers(&s, &model("report"), &model("advice"));
        let d = run.debrief(WallMs(130_000)).unwrap();
        for index in [1, 2] {
            let missed: Vec<_> = d.decisions[index].coverage.iter().filter(|c| !c.covered).collect();
            assert!(missed.is_empty(), "{language}: the model answer misses {missed:?}");
        }
        assert_eq!(d.outcome, Outcome::Resolved, "{language}");
    }
}

#[test]
fn an_empty_report_cannot_reach_the_best_ending_and_the_review_says_why_matches_did_not_count() {
    let s = drill("en");
    let run = write_answers(&s, ".", "I did not tell her to never share the code. Never share, hang up, scam?");
    let d = run.debrief(WallMs(130_000)).unwrap();
    assert_eq!(d.outcome, Outcome::PartiallyResolved);
    let review = Review::build(&s, &d, &[]);
    let advice = &review.reports[1];
    assert_eq!(advice.decision, 3);
    assert!(advice.gradable);
    assert!(advice.model_answer.as_deref().is_some_and(|m| m.starts_with("Please never share")));
    let refused: Vec<&String> = advice.items.iter().flat_map(|i| &i.refused).collect();
    assert!(!refused.is_empty(), "{:?}", advice.items);
    let md = review.to_markdown();
    assert!(md.contains("A model answer"), "{md}");
    assert!(md.contains("did not count"), "{md}");
}

#[test]
fn an_evaluators_grade_changes_the_rating_everywhere_and_leaves_the_record_replayable() {
    let s = drill("en");
    let thin = "Told my team lead about the call from the man posing as security.";
    let run = write_answers(&s, thin, "Never share the code with anyone, the caller is a scammer.");
    let mut d = run.debrief(WallMs(130_000)).unwrap();
    let before = competency_points(&d)[&CompetencyId::from("procedure_compliance")].clone();
    let frozen = d.decisions[1].coverage.iter().find(|c| c.item.as_str() == "card_frozen").unwrap();
    assert!(!frozen.covered, "the thin report says nothing of the card");
    d.add_grade("2", "card_frozen", true, "Coach Wu", 5).unwrap();
    let after = competency_points(&d)[&CompetencyId::from("procedure_compliance")].clone();
    assert_eq!(after.earned, before.earned + 1);
    assert_eq!(
        d.add_grade("2", "no_such_item", true, "Coach Wu", 6).unwrap_err().split(';').next(),
        Some("no checklist item `no_such_item` at decision 2")
    );
    assert!(d.add_grade("1", "card_frozen", true, "Coach Wu", 6).is_err(), "decision 1 is a choice");
    let review = Review::build(&s, &d, &[]);
    let item = review.reports[0].items.iter().find(|i| i.id == "card_frozen").unwrap();
    assert!(item.covered);
    assert_eq!(item.graded_by.as_deref(), Some("Coach Wu"));
    assert_eq!(item.automatic_was, Some(false));
    assert!(review.to_markdown().contains("graded by Coach Wu (automatic grade: not covered)"));
    // The replay reproduces the record; the grade stays beside it.
    let again = replay(&s, &d).unwrap();
    assert_eq!(again.decisions, d.decisions);
    assert_eq!(again.grades, d.grades);
    assert!(differences(&d, &again).is_empty());
    // The xAPI export says which items an evaluator graded.
    let base = hotwash::engine::xapi::IriBase::parse("https://hotwash.example").unwrap();
    let options = hotwash::engine::xapi::Options { base, include_answers: false };
    let statements = hotwash::engine::xapi::statements(&d, Some(&s), "p-1", &options);
    let json = serde_json::to_string(&statements).unwrap();
    assert!(json.contains("\"graded\":\"evaluator\""), "{json}");
    assert!(json.contains("\"graded\":\"automatic\""));
    // A grade changes what the graded decision's statement and the attempt's (ratings, score) say,
    // so they get new ids; the other decisions keep theirs; no id ever stands for two contents.
    let ungraded = Debrief { grades: Vec::new(), ..d.clone() };
    let before = hotwash::engine::xapi::statements(&ungraded, Some(&s), "p-1", &options);
    let changed: Vec<&str> = before
        .iter()
        .zip(&statements)
        .filter(|(a, b)| a["id"] != b["id"])
        .map(|(a, _)| a["verb"]["id"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(changed.len(), 4, "{changed:?}");
    assert_eq!(changed.iter().filter(|v| **v == "answered").count(), 1, "{changed:?}");
    for (a, b) in before.iter().zip(&statements) {
        assert!(a["id"] != b["id"] || a == b, "the id {} stands for two contents", a["id"]);
    }
}

#[test]
fn flags_spot_red_flags_where_they_show_and_false_alarms_cost_a_point() {
    let s = drill("en");
    let mut run = Runner::start(Arc::clone(&s), 3, "ann", WallMs(0)).unwrap();
    // Event 0 is the caller's line, event 1 the customer record.
    assert_eq!(run.flag(0, &Spot::CallerId, WallMs(1_000)).unwrap(), vec!["spoofed_id".into()]);
    assert_eq!(run.flag(0, &Spot::Line, WallMs(1_500)).unwrap(), vec!["urgency".into()]);
    assert_eq!(run.flag(1, &Spot::Field("Name".into()), WallMs(2_000)).unwrap(), vec![], "a false alarm");
    // Flagging the same place again records nothing new.
    assert_eq!(run.flag(0, &Spot::CallerId, WallMs(2_100)).unwrap(), vec!["spoofed_id".into()]);
    assert!(run.flag(1, &Spot::Link, WallMs(2_200)).is_err(), "a CRM record has no link");
    assert!(run.flag(99, &Spot::Line, WallMs(2_300)).is_err());
    run.choose(&Pick::Id("hold".into()), WallMs(3_000)).unwrap();
    let model = |node: &str| s.nodes[&node.into()].input.as_ref().and_then(|i| i.model_answer.clone()).unwrap();
    run.submit(
        Answer::Report { description: model("report"), scope: String::new(), measures: String::new() },
        WallMs(9_000),
    )
    .unwrap();
    run.submit(Answer::Text(model("advice")), WallMs(12_000)).unwrap();
    let d = run.debrief(WallMs(13_000)).unwrap();
    assert_eq!(d.actions.iter().filter(|a| matches!(a, hotwash::engine::debrief::Action::Flag { .. })).count(), 3);
    let review = Review::build(&s, &d, &[]);
    let names = |list: &[hotwash::engine::review::FlagReview]| list.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&review.spotted), ["Spoofed caller ID", "Urgency"]);
    assert!(review.caught.is_empty(), "holding catches nothing");
    assert_eq!(review.false_alarms, ["Flagged as suspicious — the field “Name”: Name: Chen Jing"]);
    // Spotting counts in fraud recognition: 2 spotted − 1 false alarm of the 2 shown (the SMS never
    // arrived: the choice came first).
    let fraud = &competency_points(&d)[&CompetencyId::from("fraud_recognition")];
    let decisions_fraud: i32 =
        d.decisions.iter().filter_map(|x| x.scores.get(&CompetencyId::from("fraud_recognition"))).sum();
    assert_eq!(fraud.earned, decisions_fraud + 2 - 1);
    assert!(review.to_markdown().contains("### Red flags you spotted (flagged)"));
    assert!(differences(&d, &replay(&s, &d).unwrap()).is_empty(), "flags replay exactly");
}

#[test]
fn a_reveal_before_it_is_needed_costs_data_protection_and_harm_ends_harmed() {
    let s = drill("zh-CN");
    let mut run = Runner::start(Arc::clone(&s), 3, "ann", WallMs(0)).unwrap();
    run.reveal("卡号", WallMs(1_000)).unwrap();
    run.choose(&Pick::Id("read_card".into()), WallMs(2_000)).unwrap();
    assert_eq!(run.stage(), &Stage::Ended("leaked".into()), "harm routes to the harmed ending");
    let d = run.debrief(WallMs(3_000)).unwrap();
    assert_eq!(d.outcome, Outcome::Harmed);
    let review = Review::build(&s, &d, &[]);
    assert_eq!(review.reveals.len(), 1);
    assert_eq!(review.reveals[0].justified, Some(false));
    assert!(review.reveals[0].feedback.starts_with("这通电话根本不需要完整卡号"));
    let dp = &competency_points(&d)[&CompetencyId::from("data_protection")];
    assert_eq!(dp.earned, -3 - 2, "the leak's points and the reveal's cost");
    let md = review.to_markdown();
    assert!(md.contains("你查看过的隐藏字段"), "{md}");
    assert!(md.contains("没有必要"), "{md}");
}

#[test]
fn the_command_line_flags_reveals_and_grades() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotwash(
        &[
            "run",
            "tests/fixtures/assessment/assessment-check.en.ron",
            "--seed",
            "5",
            "--trainee",
            "Zhou Min",
            "--choose",
            // The last flag is taken while the report is written (a false alarm: the name).
            "flag:1:caller,reveal:Card number,verify_callback,flag:2:Name",
            "--input",
            "Told my team lead about the man posing as security on the phone.",
            "--input",
            "",
            "--input",
            "",
            "--input",
            "Never share the code with anyone; the caller is a scammer, so hang up and call us on the number on the back of your card.",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        root(),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("[0:00] #1 Call · Liu Chen <0755-5550-0100 · Harbourline Bank>:"), "{stdout}");
    assert!(stdout.contains("⚑ flagged #1 (the caller ID) as suspicious"), "{stdout}");
    assert!(stdout.contains("You revealed the masked field “Card number”"), "{stdout}");
    let debrief = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".debrief.ron"))
        .unwrap();
    let file = debrief.to_str().unwrap();
    let out = hotwash(&["grade", file], root());
    let listed = text(&out.stdout);
    assert!(listed.contains("Decision 2 (`report`), written answer:"), "{listed}");
    assert!(listed.contains("☐ card_frozen (automatic)"), "{listed}");
    let out = hotwash(
        &[
            "grade",
            file,
            "--at",
            "report",
            "--item",
            "card_frozen",
            "--covered",
            "yes",
            "--by",
            "Coach Wu",
            "--scenario",
            "tests/fixtures/assessment/assessment-check.en.ron",
        ],
        root(),
    );
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}{}", text(&out.stderr));
    assert!(said.starts_with("graded item `card_frozen` of decision 2 as covered in "), "{said}");
    let md = std::fs::read_to_string(debrief.to_string_lossy().replace(".debrief.ron", ".review.md")).unwrap();
    assert!(md.contains("graded by Coach Wu (automatic grade: not covered)"), "{md}");
    assert!(md.contains("the caller ID: 0755-5550-0100 · Harbourline Bank"), "{md}");
    assert!(md.contains("### False alarms (flagged, not a warning sign)\n\n- Flagged as suspicious — the field “Name”: Name: Chen Jing"), "{md}");
    let out = hotwash(&["grade", file, "--at", "report", "--item", "nope", "--covered", "no"], root());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("no checklist item `nope` at decision 2"));
    let out = hotwash(&["replay", file, "--scenario", "tests/fixtures/assessment/assessment-check.en.ron"], root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
