//! The training path: `hotwash path` over a curriculum and a trainee's debriefs, in both
//! languages; the curriculum checked by `hotwash check` against the drills beside it.

use std::path::Path;

use crate::{hotwash, root, text};

const CURRICULUM: &str = r#"Curriculum(
    format: 1,
    tracks: [
        (
            id: "front-line",
            name: {"en": "Front line", "zh-CN": "一线坐席"},
            levels: [
                (name: {"en": "Calls", "zh-CN": "来电"}, drills: ["bank-security-call", "refund-scam-victim"]),
                (name: {"en": "Data", "zh-CN": "信息"}, drills: ["itinerary-request"]),
            ],
        ),
        (
            id: "team-lead",
            name: {"en": "Team lead", "zh-CN": "班组长"},
            levels: [(name: {"en": "Crisis", "zh-CN": "危机"}, drills: ["mass-complaint-crisis"])],
        ),
    ],
    placement: ["refund-scam-victim"],
    pass_marks: {"data_protection": P},
)
"#;

/// A scenario folder with four bundled drills in both languages and `curriculum`.
fn folder(curriculum: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    for id in ["bank-security-call", "refund-scam-victim", "itinerary-request", "mass-complaint-crisis"] {
        for lang in ["en", "zh-CN"] {
            let name = format!("{id}.{lang}.ron");
            std::fs::copy(root().join("scenarios").join(&name), scenarios.join(&name)).unwrap();
        }
    }
    std::fs::write(scenarios.join("curriculum.ron"), curriculum).unwrap();
    dir
}

fn path_of(dir: &Path, extra: &[&str]) -> std::process::Output {
    let args = [&["path", "--trainee", "Zhou Min", "--data-dir", "data"][..], extra].concat();
    hotwash(&args, dir)
}

#[test]
fn a_new_trainee_is_sent_to_the_placement_set() {
    let dir = folder(CURRICULUM);
    let out = path_of(dir.path(), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with("Training path of Zhou Min: Front line (front-line)\n"), "{said}");
    assert!(said.contains("  Level 1 · Calls — 0 of 2 passed  ← you are here\n"), "{said}");
    assert!(said.contains("    · bank-security-call — “Risk control” on the line: not played yet\n"), "{said}");
    assert!(
        said.ends_with("Next: refund-scam-victim — The double refund: the placement set shows where you start\n"),
        "{said}"
    );
}

#[test]
fn a_drill_not_passed_comes_back_with_its_shortfall_in_either_language() {
    // Without a placement set, so that the failed drill is what comes next.
    let dir = folder(&CURRICULUM.replace("placement: [\"refund-scam-victim\"],", ""));
    let debriefs = dir.path().join("data/debriefs");
    let run = hotwash(
        &[
            "run",
            "scenarios/bank-security-call.en.ron",
            "--seed",
            "11",
            "--trainee",
            "Zhou Min",
            "--choose",
            "ask_his_details,wait,give_in,freeze_and_call_risk",
            "--input",
            "impersonation, code disclosed",
            "--out",
            debriefs.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let out = path_of(dir.path(), &[]);
    let said = text(&out.stdout);
    assert!(said.contains("    ✘ bank-security-call — “Risk control” on the line: not passed ("), "{said}");
    assert!(said.contains("Data protection U (needs P)"), "{said}");
    assert!(said.contains("\nNext: bank-security-call — “Risk control” on the line: not passed last time: "), "{said}");
    let zh = text(&path_of(dir.path(), &["--lang", "zh-CN"]).stdout);
    assert!(zh.starts_with("Zhou Min 的培训路径：一线坐席（front-line）\n"), "{zh}");
    assert!(zh.contains("✘ bank-security-call —— “风控部”来电：未通过（"), "{zh}");
    assert!(zh.contains("数据保护 U（需达到 P）、"), "{zh}");
    assert!(zh.contains("上次未通过："), "{zh}");
    // Another track, by its id.
    let lead = text(&path_of(dir.path(), &["--track", "team-lead"]).stdout);
    assert!(lead.starts_with("Training path of Zhou Min: Team lead (team-lead)\n"), "{lead}");
    let wrong = path_of(dir.path(), &["--track", "nobody"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(text(&wrong.stderr).contains("no track `nobody`; the tracks are front-line, team-lead"));
}

#[test]
fn check_reads_the_curriculum_against_the_drills_beside_it() {
    let dir = folder(&CURRICULUM.replace("\"itinerary-request\"", "\"itinerary-requests\""));
    let out = hotwash(&["check", "scenarios"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(
        said.contains(
            "scenarios/curriculum.ron:9:64: error: level 2 of track `front-line` names drill `itinerary-requests`, which is not in the library"
        ),
        "{said}"
    );
    assert!(said.contains("did you mean `itinerary-request`?"), "{said}");
    // The path says so too, and stops.
    let out = path_of(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    // No curriculum at all: a usage error that says where it was looked for.
    std::fs::remove_file(dir.path().join("scenarios/curriculum.ron")).unwrap();
    let out = path_of(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no curriculum: scenarios/curriculum.ron does not exist"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_bundled_curriculum_covers_the_library_and_checks_clean() {
    let text_of = std::fs::read_to_string(root().join("scenarios/curriculum.ron")).unwrap();
    let ids: std::collections::BTreeSet<String> = crate::bundled()
        .iter()
        .map(|f| crate::scenario(f.file_name().unwrap().to_str().unwrap()).id.to_string())
        .collect();
    let c = hotwash::engine::path::Curriculum::load(&root().join("scenarios/curriculum.ron"), &ids).unwrap();
    let listed: std::collections::BTreeSet<String> =
        c.tracks.iter().flat_map(|t| t.levels.iter().flat_map(|l| l.drills.iter().cloned())).collect();
    assert_eq!(listed, ids, "every bundled drill is on a track, and only those");
    assert!(!c.placement.is_empty() && text_of.contains("placement"));
}

#[test]
fn a_trainee_rates_a_drill_and_the_team_review_gathers_the_ratings() {
    let dir = folder(CURRICULUM);
    let out = dir.path().join("debriefs");
    for (trainee, stars, comment) in [("Zhou Min", "4", "The caller felt real."), ("Wu Lan", "2", "")] {
        let run = hotwash(
            &[
                "run",
                "scenarios/bank-security-call.en.ron",
                "--seed",
                "11",
                "--trainee",
                trainee,
                "--choose",
                "ask_his_details,wait,give_in,freeze_and_call_risk",
                "--input",
                "impersonation, code disclosed",
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(run.status.success());
        let debrief = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.ends_with(".debrief.ron") && name.contains(&trainee.replace(' ', "-"))
            })
            .unwrap();
        let rated = hotwash(&["feedback", debrief.to_str().unwrap(), "--stars", stars, comment], dir.path());
        assert!(rated.status.success(), "{}", text(&rated.stderr));
        assert!(text(&rated.stdout).starts_with(&format!("your rating ({stars} of 5) and comment are kept in ")));
        // The record still replays: the rating stands beside it.
        assert!(hotwash(&["replay", debrief.to_str().unwrap()], dir.path()).status.success());
    }
    let refused = hotwash(&["feedback", "nowhere.debrief.ron", "--stars", "6"], dir.path());
    assert_eq!(refused.status.code(), Some(2), "six stars is misuse");
    let md = text(&hotwash(&["review", out.to_str().unwrap()], dir.path()).stdout);
    assert!(md.contains("## Trainees' feedback on the drills"), "{md}");
    assert!(md.contains("| “Risk control” on the line | 2 | 3.0 ★ |"), "{md}");
    assert!(md.contains("- **Zhou Min**, “Risk control” on the line, ★★★★☆: The caller felt real."), "{md}");
    let zh = text(&hotwash(&["review", "--lang", "zh-CN", out.to_str().unwrap()], dir.path()).stdout);
    assert!(zh.contains("## 学员对演练的反馈"), "{zh}");
}

#[test]
fn an_assessment_fixes_the_seed_holds_the_results_until_the_set_is_done_and_the_team_review_shows_who_passed() {
    let set = r#"    assessments: [(id: "calls-check", name: {"en": "Calls check", "zh-CN": "来电考核"},
        drills: ["bank-security-call", "itinerary-request"], seeds: [3, 5, 8])],
)
"#;
    let dir = folder(&CURRICULUM.replace("\n)\n", &format!("\n{set}")));
    let out = dir.path().join("debriefs");
    let play = |scenario: &str, trainee: &str, steps: &str, inputs: &[&str], extra: &[&str]| {
        let mut args = vec!["run", scenario, "--trainee", trainee, "--choose", steps, "--out", out.to_str().unwrap()];
        for i in inputs {
            args.extend(["--input", i]);
        }
        args.extend(extra);
        hotwash(&args, dir.path())
    };
    let bank = ("scenarios/bank-security-call.en.ron", "ask_his_details,wait,give_in,freeze_and_call_risk");
    let first = play(bank.0, "Zhou Min", bank.1, &["impersonation, code disclosed"], &["--assessment", "calls-check"]);
    assert!(first.status.success(), "{}{}", text(&first.stdout), text(&first.stderr));
    let said = text(&first.stdout);
    assert!(said.contains("Recorded for the assessment “Calls check”: 1 of 2 drills done."), "{said}");
    assert!(!said.contains("Outcome:"), "no review before the set is done: {said}");
    // The seed is the set's, the same for the same trainee every time.
    let seed = hotwash::engine::path::Assessment {
        id: "calls-check".into(),
        name: hotwash::engine::path::Texts::default(),
        drills: Vec::new(),
        seeds: vec![3, 5, 8],
    }
    .seed_for("Zhou Min");
    assert!(said.contains(&format!("seed {seed}, trainee Zhou Min")), "{said}");
    // A drill outside the set, or a seed of one's own, is refused.
    let outside = play("scenarios/refund-scam-victim.en.ron", "Zhou Min", "1", &[], &["--assessment", "calls-check"]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(text(&outside.stderr).contains("refund-scam-victim is not in the assessment `calls-check`"));
    let seeded = play(bank.0, "Zhou Min", bank.1, &[], &["--assessment", "calls-check", "--seed", "4"]);
    assert_eq!(seeded.status.code(), Some(2));
    // The second drill completes the set: the results come, drill by drill.
    let s = crate::scenario("itinerary-request.en.ron");
    let expert = s.expert_path().iter().map(|(_, c)| c.id.to_string()).collect::<Vec<_>>().join(",");
    let second =
        play("scenarios/itinerary-request.en.ron", "Zhou Min", &expert, &["x"; 6], &["--assessment", "calls-check"]);
    let said = text(&second.stdout);
    assert!(
        said.contains("Assessment “Calls check” (calls-check), Zhou Min: NOT PASSED\n"),
        "{said}{}",
        text(&second.stderr)
    );
    assert!(said.contains("    ✘ bank-security-call — “Risk control” on the line: not passed ("), "{said}");
    // `hotwash assess` says the same for everyone; the team review shows who passed.
    let assess = text(&hotwash(&["assess", "calls-check", out.to_str().unwrap()], dir.path()).stdout);
    assert!(assess.starts_with("Assessment “Calls check” (calls-check), Zhou Min: NOT PASSED\n"), "{assess}");
    let md = text(&hotwash(&["review", out.to_str().unwrap()], dir.path()).stdout);
    assert!(md.contains("| Calls check | Zhou Min | NOT PASSED |"), "{md}");
    assert!(md.contains("## Each trainee's first and latest rating per competency"), "{md}");
    let zh = text(&hotwash(&["--lang", "zh-CN", "assess", "calls-check", out.to_str().unwrap()], dir.path()).stdout);
    assert!(zh.starts_with("考核“来电考核”（calls-check），Zhou Min：未通过\n"), "{zh}");
}

#[test]
fn a_chinese_drill_played_for_an_assessment_says_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("debriefs");
    let run = hotwash(
        &[
            "run",
            root().join("scenarios/intro-fraud.zh-CN.ron").to_str().unwrap(),
            "--assessment",
            "day-one-check",
            "--trainee",
            "周敏",
            "--choose",
            "refuse_code,no_safe_account,hang_up_110,check_link",
            "--input",
            "验证码没有给，没有转账，已报警。",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    assert!(text(&run.stdout).contains("已记入考核“入职考核”：已做 1/4 个演练。"), "{}", text(&run.stdout));
    let outside = hotwash(
        &[
            "run",
            root().join("scenarios/bank-security-call.zh-CN.ron").to_str().unwrap(),
            "--assessment",
            "day-one-check",
        ],
        dir.path(),
    );
    assert!(text(&outside.stderr).contains("不在考核 `day-one-check` 中"), "{}", text(&outside.stderr));
}
