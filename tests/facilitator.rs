//! The facilitator's and team lead's tools: `explore`, `graph`, `note` and the team `review`.

use hotwash::engine::runner::Pick;
use hotwash::engine::store;

use crate::{expert, full_answer, hotwash, play, scenario, text};

#[test]
fn explore_reports_endings_ranges_and_problems() {
    let out = hotwash(&["explore", "scenarios/bank-security-call.en.ron"], crate::root());
    let stdout = text(&out.stdout);
    insta::assert_snapshot!("explore_bank_en", stdout);
    assert!(stdout.contains(": every branch, "), "{stdout}");
    assert!(stdout.contains("Endings reached: 4 of 4\n"), "{stdout}");
    assert!(stdout.contains("\nExpert path: incoming:"), "{stdout}");
    assert!(stdout.trim_end().ends_with("No problems found."), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // The bank drill as it was before the library rework could be gamed: always the longest
    // option won, and exploring says so and fails; without content-blind play it passes.
    let gameable = "tests/fixtures/gameable/bank-security-call.en.ron";
    let out = hotwash(&["explore", gameable], crate::root());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("\n  - content-blind: always the longest option reaches a resolved ending in 20 of 20 runs\n"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let unaffected = hotwash(&["explore", "--seeds", "0", gameable], crate::root());
    assert!(text(&unaffected.stdout).trim_end().ends_with("No problems found."), "{}", text(&unaffected.stdout));
    assert_eq!(unaffected.status.code(), Some(0));

    // A drill the validator accepts but that gets stuck in play: the only way on is gated.
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(crate::root().join("src/cli/template.en.ron"))
        .unwrap()
        .replace("{ID}", "stuck")
        .replace("{CATEGORY}", "FraudCall");
    let src = src.replace("    random: {", "    variables: {\"ready\": Bool(false)},\n    random: {").replace(
        "                    id: \"refuse_and_call_back\",",
        "                    id: \"refuse_and_call_back\",\n                    when: Is(\"ready\", Bool(true)),",
    );
    let src = src.replace(
        "                    id: \"take_the_code\",",
        "                    id: \"take_the_code\",\n                    when: Is(\"ready\", Bool(true)),",
    );
    std::fs::write(dir.path().join("stuck.en.ron"), src).unwrap();
    let out = hotwash(&["explore", "stuck.en.ron"], dir.path());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("  - node `call`: no choice is available at node `call`: every choice's `when` is false\n"),
        "{stdout}"
    );
}

#[test]
fn graph_draws_nodes_endings_and_marks_in_dot_and_mermaid() {
    let out = hotwash(&["graph", "scenarios/bank-security-call.en.ron"], crate::root());
    let dot = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(dot.starts_with("digraph \"bank-security-call\" {"), "{dot}");
    let s = scenario("bank-security-call.en.ron");
    for (id, node) in &s.nodes {
        let caption = node.label.clone().unwrap_or_else(|| id.to_string());
        assert!(dot.contains(&format!("label=\"{caption}")), "node {id} drawn");
    }
    for ending in s.endings.values() {
        assert!(dot.contains(&format!("label=\"{}\\n[", ending.title)), "ending {} drawn", ending.title);
    }
    assert!(
        dot.contains("⏱ 30 s") && dot.contains("⚑ ") && dot.contains("✉ ") && dot.contains("🎲"),
        "time limits, red flags, injects and random branches are marked"
    );
    assert!(dot.contains("fillcolor=\"#fed7d7\""), "a harmed ending is red");
    let edges = dot.lines().filter(|l| l.contains(" -> ")).count();
    assert!(edges >= s.all_choices().count(), "an edge per choice at least: {edges}");

    let out = hotwash(&["graph", "--format", "mermaid", "scenarios/bank-security-call.zh-CN.ron"], crate::root());
    let mermaid = text(&out.stdout);
    assert!(mermaid.starts_with("flowchart TD\n"), "{mermaid}");
    assert!(mermaid.contains("classDef harmed") && mermaid.contains(" -.->"), "{mermaid}");
}

#[test]
fn explore_speaks_the_language_of_the_scenario_or_of_lang() {
    let root = crate::root();
    let out = hotwash(&["explore", "--lang", "zh-CN", "scenarios/bank-security-call.zh-CN.ron"], root);
    let stdout = text(&out.stdout);
    insta::assert_snapshot!("explore_bank_zh", stdout);
    assert!(stdout.contains("：已遍历全部分支，共 "), "{stdout}");
    assert!(stdout.contains("\n可到达的结局：4 个（共 4 个）\n"), "{stdout}");
    assert!(stdout.contains("（已解决）：最少 "), "{stdout}");
    assert!(stdout.contains("\n专家路径：incoming:"), "{stdout}");
    assert!(stdout.trim_end().ends_with("未发现问题。"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // The drill before the library rework could be gamed; exploring says so in Chinese too.
    let gameable = "tests/fixtures/gameable/bank-security-call.zh-CN.ron";
    let out = hotwash(&["explore", "--lang", "zh-CN", gameable], root);
    assert!(
        text(&out.stdout).contains("\n  - 不看内容作答：总选最长的选项：20 次中有 20 次到达“已解决”结局\n"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1));
    // The scenario's own language without --lang; --lang en words a Chinese scenario in English.
    assert_eq!(text(&hotwash(&["explore", "scenarios/bank-security-call.zh-CN.ron"], root).stdout), stdout);
    let english = text(&hotwash(&["explore", "--lang", "en", "scenarios/bank-security-call.zh-CN.ron"], root).stdout);
    assert!(
        english.contains("\nEndings reached: 4 of 4\n") && english.contains("\nContent-blind play (20 seeds each"),
        "{english}"
    );
}

#[test]
fn note_and_replay_speak_the_language_of_the_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario("bank-security-call.zh-CN.ron");
    let d = play(&s, 5, |_, run| Some(expert(run)), |_| 4_000, |k| full_answer(k, "zh-CN")).unwrap();
    let path = dir.path().join("a.debrief.ron");
    store::save(&path, &d).unwrap();
    let p = path.to_str().unwrap();
    let out = hotwash(&["note", p, "--at", "2", "--author", "吴老师", "拒绝前停顿得好。"], crate::root());
    assert_eq!(text(&out.stdout), format!("已在 {p} 的第 2 个决策（`code_ask`）处添加备注\n"));
    let out = hotwash(&["replay", p], crate::root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with(&format!("{p}：已对照 scenarios/bank-security-call.zh-CN.ron 验证：")));

    // A debrief edited to claim more points: each difference in Chinese, and in English by --lang.
    let mut edited = d.clone();
    let (competency, points) = edited.scores.iter_mut().next().expect("the drill scores");
    *points += 5;
    let (competency, points) = (competency.to_string(), *points);
    store::save(&path, &edited).unwrap();
    let out = hotwash(&["replay", p], crate::root());
    assert_eq!(out.status.code(), Some(1));
    let said = format!("能力项 `{competency}` 得分：记录为 {points}，重放得 {}", points - 5);
    assert_eq!(
        text(&out.stdout),
        format!("{p}：对照 scenarios/bank-security-call.zh-CN.ron 重放的结果与记录不一致：\n  - {said}\n")
    );
    let out = hotwash(&["replay", "--lang", "en", p], crate::root());
    let said = format!("score `{competency}`: recorded {points}, replay gives {}", points - 5);
    assert!(text(&out.stdout).ends_with(&format!("against scenarios/bank-security-call.zh-CN.ron:\n  - {said}\n")));
    let replayed = hotwash::engine::replay::replay(&s, &edited).unwrap();
    assert_eq!(hotwash::engine::replay::compare(&edited, &replayed), vec![said], "compare stays English");
}

#[test]
fn notes_are_kept_with_the_debrief_and_do_not_change_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario("bank-security-call.en.ron");
    let d = play(&s, 5, |_, run| Some(expert(run)), |_| 4_000, |k| full_answer(k, "en")).unwrap();
    let path = dir.path().join("a.debrief.ron");
    store::save(&path, &d).unwrap();
    let p = path.to_str().unwrap();
    let out = hotwash(&["note", p, "--at", "2", "--author", "Coach Wu", "Good pause before refusing."], crate::root());
    assert_eq!(text(&out.stdout), format!("noted at decision 2 (`code_ask`) in {p}\n"));
    let out = hotwash(&["note", p, "--at", "9", "x"], crate::root());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("decision 9 does not exist: this drill has"), "{}", text(&out.stderr));
    let noted = store::load_debrief(&path).unwrap();
    assert_eq!(noted.notes.len(), 1);
    assert_eq!(noted.notes[0].text, "Good pause before refusing.");
    assert_eq!(hotwash::engine::replay::compare(&d, &noted), Vec::<String>::new(), "the record is unchanged");
    let out = hotwash(&["replay", p], crate::root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let review = hotwash::engine::review::Review::build(&s, &noted, &[]);
    assert!(
        review.to_markdown().contains(
            "## Evaluator notes\n\n- **2. The request for the code**: Good pause before refusing. — *Coach Wu*"
        )
    );
}

/// Twelve debriefs: three trainees, two scenarios, different strategies; plus one corrupt file.
fn team_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bank = scenario("bank-security-call.en.ron");
    let refund = scenario("refund-scam-victim.en.ron");
    let mut n = 0;
    for (trainee, strategy) in [("Ann Lee", 0usize), ("Bo Chen", 1), ("王芳", 2)] {
        for (round, s) in [(0u64, &bank), (1, &bank), (2, &refund), (3, &refund)] {
            let mut d = play(
                s,
                round * 7 + strategy as u64,
                |step, run| match (strategy + round as usize) % 3 {
                    0 => Some(expert(run)),
                    1 => Some(if step % 2 == 0 { expert(run) } else { Pick::Index(0) }),
                    _ => Some(Pick::Index(0)),
                },
                |step| 2_000 + 700 * step as u64 + 1_000 * strategy as u64,
                |k| full_answer(k, "en"),
            )
            .unwrap();
            d.trainee = trainee.to_owned();
            d.started_at += round * 86_400_000;
            n += 1;
            store::save(&dir.path().join(format!("{n:02}.debrief.ron")), &d).unwrap();
        }
    }
    std::fs::write(dir.path().join("13.debrief.ron"), "Debrief(format: 1, scenario: oops").unwrap();
    dir
}

#[test]
fn team_review_aggregates_skips_corrupt_files_and_pseudonymizes() {
    let dir = team_folder();
    let data = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = hotwash(&["review", folder], crate::root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(text(&out.stderr).contains("13.debrief.ron:1:"), "the corrupt file is named: {}", text(&out.stderr));
    insta::assert_snapshot!("team_review_md", md);
    let out = hotwash(&["review", "--format", "csv", folder], crate::root());
    insta::assert_snapshot!("team_review_csv", text(&out.stdout).replace(folder, "<folder>"));

    let pseudo = |extra: &[&str]| {
        let mut args =
            vec!["--data-dir", data.path().to_str().unwrap(), "review", "--pseudonymize", "--format", "csv", folder];
        args.extend_from_slice(extra);
        text(&hotwash(&args, crate::root()).stdout)
    };
    let (first, second) = (pseudo(&[]), pseudo(&[]));
    assert_eq!(first, second, "the same key gives the same pseudonyms");
    assert!(!first.contains("Ann Lee") && !first.contains("王芳") && first.contains("\"T-"), "{first}");
    assert_eq!(first.lines().count(), 13, "a header and one row per readable debrief");
    assert!(data.path().join("pseudonym.key").exists());

    let out = hotwash(&["review", "--format", "html", folder], crate::root());
    let html = text(&out.stdout);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h1>Team review</h1>"));
}

#[test]
fn team_review_in_chinese_has_chinese_headings_names_and_prompts() {
    let dir = team_folder();
    let folder = dir.path().to_str().unwrap();
    let out = hotwash(&["review", "--lang", "zh-CN", folder], crate::root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    insta::assert_snapshot!("team_review_zh_md", md);
    assert!(md.starts_with("# 团队复盘\n\n共 12 份复盘记录，3 名学员。\n"), "{md}");
    assert!(md.contains("| 身份核验 |") && md.contains("## 复盘讨论问题\n"), "{md}");
    assert!(!md.contains("Team review") && !md.contains("did not give"), "no English words left: {md}");

    let csv = text(&hotwash(&["review", "--lang", "zh-CN", "--format", "csv", folder], crate::root()).stdout);
    assert!(csv.starts_with("\"学员\",\"剧本\",\"语言\",\"开始时间\",\"结果\","), "{csv}");
    let html = text(&hotwash(&["review", "--lang", "zh-CN", "--format", "html", folder], crate::root()).stdout);
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("<title>团队复盘</title>"), "{html}");
}
