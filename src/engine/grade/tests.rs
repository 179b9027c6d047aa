//! The grading rules held to exact outputs in both languages, and odd input (the answer corpus
//! is in `corpus_tests.rs`).

use super::*;

fn phrases(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Grades `answer` against items given as phrase lists, with an unrelated prompt.
fn run(answer: &str, items: &[&[&str]]) -> Vec<Coverage> {
    run_with_prompt(answer, items, "Write what you did.")
}

fn run_with_prompt(answer: &str, items: &[&[&str]], prompt: &str) -> Vec<Coverage> {
    let owned: Vec<Vec<String>> = items.iter().map(|i| phrases(i)).collect();
    let refs: Vec<&[String]> = owned.iter().map(Vec::as_slice).collect();
    grade(answer, &refs, prompt)
}

fn covered(answer: &str, items: &[&[&str]]) -> Vec<bool> {
    run(answer, items).iter().map(|c| c.covered).collect()
}

fn one(answer: &str, phrases: &[&str]) -> Coverage {
    run(answer, &[phrases]).remove(0)
}

fn why(answer: &str, phrases: &[&str]) -> Option<Why> {
    let c = one(answer, phrases);
    assert!(!c.covered, "{answer:?} should not cover {phrases:?}: {c:?}");
    c.refused.first().map(|r| r.why.clone())
}

fn negated_by(answer: &str, phrases: &[&str]) -> String {
    match why(answer, phrases) {
        Some(Why::Negated(w)) => w,
        other => panic!("{answer:?}: expected a negation, got {other:?}"),
    }
}

fn evidence(answer: &str, phrases: &[&str]) -> (String, String) {
    let c = one(answer, phrases);
    let by = c.by.unwrap_or_else(|| panic!("{answer:?} should cover {phrases:?}: {:?}", c.refused));
    (by.words, by.clause)
}

const FREEZE: &[&str] = &["froze", "frozen", "freez*"];
const LEAD: &[&str] = &["team lead*", "report*", "supervisor"];
const WARN: &[&str] = &["warn*", "told the customer"];
const POLICE: &[&str] = &["police"];
const VERIFY: &[&str] = &["verify", "callback"];
const ZH_FREEZE: &[&str] = &["冻结"];
const ZH_LEAD: &[&str] = &["上报", "组长"];
const ZH_POLICE: &[&str] = &["报警"];
const ZH_VERIFY: &[&str] = &["核实", "回拨"];

// ---- Rule 1: finding a phrase ----

#[test]
fn case_does_not_matter_and_evidence_is_as_written() {
    assert_eq!(
        evidence("I FROZE the card at 10:05.", FREEZE),
        ("FROZE".to_owned(), "I FROZE the card at 10:05".to_owned())
    );
}

#[test]
fn latin_phrases_match_whole_words_only() {
    assert!(!one("The reason was clear to everyone there.", &["son"]).covered);
    assert!(!one("I personally handled it right away.", &["son"]).covered);
    assert!(one("Her son called us about it.", &["son"]).covered);
    assert!(!one("The leadership was informed of it.", &["lead"]).covered);
    assert!(!one("I noted ref 1480 for the case.", &["48"]).covered);
    assert!(one("We will call back within 48h today.", &["48"]).covered);
    // A refused match inside another word is not even listed.
    assert_eq!(one("The reason was clear to everyone there.", &["son"]).refused, vec![]);
}

#[test]
fn last_word_takes_regular_english_endings() {
    let forms = |answer: &str, phrase: &str| one(answer, &[phrase]).by.map(|b| b.words);
    assert_eq!(forms("I raised two tickets for this case.", "ticket").as_deref(), Some("tickets"));
    assert_eq!(forms("She will get the boxes tomorrow morning.", "box").as_deref(), Some("boxes"));
    assert_eq!(forms("I reported it to my team lead.", "report").as_deref(), Some("reported"));
    assert_eq!(forms("We are freezing the card now.", "freeze").as_deref(), Some("freezing"));
    assert_eq!(forms("The customer was notified at once.", "notify").as_deref(), Some("notified"));
    assert_eq!(forms("She was scammed out of the code.", "scam").as_deref(), Some("scammed"));
    assert_eq!(forms("I gave her two warnings about it.", "warn").as_deref(), Some("warnings"));
    assert_eq!(forms("Customer service was told at once.", "customer service").as_deref(), Some("Customer service"));
    for (answer, phrase) in [
        ("The scampi in the freezer was bad.", "scam"),
        ("I put the card in the freezer at home.", "freeze"),
        ("A reporter called the press office.", "report"),
        ("The blockade was lifted this morning.", "block"),
        ("We stayed in the card's reason field.", "son"),
    ] {
        assert!(!one(answer, &[phrase]).covered, "{phrase:?} in {answer:?}");
    }
}

#[test]
fn star_is_a_stem() {
    assert_eq!(evidence("We are freezing the card right now.", FREEZE).0, "freezing");
    assert_eq!(evidence("I told my team leader straight away.", LEAD).0, "team leader");
    assert!(!one("I told my team, then left.", &["team lead*"]).covered);
}

#[test]
fn inner_spaces_match_any_run_of_spaces_but_not_a_line_break() {
    assert_eq!(evidence("I told my team   lead at once.", LEAD).0, "team   lead");
    assert!(!one("I told my team\nlead at once about it", &["team lead"]).covered);
}

#[test]
fn chinese_phrases_match_inside_text() {
    assert_eq!(
        evidence("我已经冻结了客户的卡片。", ZH_FREEZE),
        ("冻结".to_owned(), "我已经冻结了客户的卡片".to_owned())
    );
    assert_eq!(evidence("我已经冻 结了客户的卡片", ZH_FREEZE).0, "冻 结");
    assert_eq!(evidence("客户下载了理赔APP并填了表", &["理赔app"]).0, "理赔APP");
    assert!(!one("客户下载了理赔apple并填了表", &["理赔app"]).covered);
}

#[test]
fn full_width_forms_fold() {
    assert_eq!(evidence("对方索要ＯＴＰ和卡号，我拒绝了", &["otp"]).0, "ＯＴＰ");
}

#[test]
fn phrases_with_punctuation_may_cross_a_cut() {
    let c = one("We notified under art. 57 this morning.", &["art. 57"]);
    assert_eq!(c.by.map(|b| b.words), Some("art. 57".to_owned()));
    assert!(one("About 17,900 records were exported.", &["17,900"]).covered);
}

#[test]
fn empty_phrases_and_answers() {
    assert!(!one("I froze the card right away.", &["", "  ", "*"]).covered);
    assert_eq!(run("", &[FREEZE, LEAD]), vec![Coverage { covered: false, by: None, refused: vec![] }; 2]);
    assert_eq!(run("anything at all here", &[]), vec![]);
}

// ---- Rule 2: clauses ----

#[test]
fn a_match_lies_in_one_clause() {
    assert!(!one("I told my team. Lead the way, said the boss.", &["team lead"]).covered);
    assert!(!one("Freeze, the card was not touched", &["freeze the card"]).covered);
}

#[test]
fn a_colon_does_not_cut() {
    assert!(one("Caller ID: 0755 5550 0188", &["caller id"]).covered);
    assert!(one("措施：冻结卡片", ZH_FREEZE).covered);
}

#[test]
fn evidence_names_the_clause() {
    let c = run("A fake caller rang. I froze the card, then told my team lead about it.", &[FREEZE, LEAD]);
    assert_eq!(c[0].by.as_ref().map(|b| b.clause.as_str()), Some("I froze the card"));
    assert_eq!(c[1].by.as_ref().map(|b| b.clause.as_str()), Some("then told my team lead about it"));
}

// ---- Rule 3: negation ----

#[test]
fn english_negators() {
    assert_eq!(negated_by("I did NOT freeze anything at all.", FREEZE), "did NOT");
    assert_eq!(negated_by("I didn't freeze the card.", FREEZE), "didn't");
    assert_eq!(negated_by("I didn’t freeze the card.", FREEZE), "didn’t");
    assert_eq!(negated_by("I didnt freeze the card.", FREEZE), "didnt");
    assert_eq!(negated_by("The card was never frozen by anyone.", FREEZE), "never");
    assert_eq!(negated_by("Nobody reported it to anyone.", LEAD), "Nobody");
    assert_eq!(negated_by("I failed to tell my team lead.", LEAD), "failed to");
    assert_eq!(negated_by("I forgot to tell my team lead.", LEAD), "forgot to");
    assert_eq!(negated_by("The supervisor refused to freeze the card.", FREEZE), "refused to");
    assert_eq!(negated_by("We can't freeze the card today.", FREEZE), "can't");
    assert_eq!(negated_by("I hung up without freezing the card.", FREEZE), "without");
    assert_eq!(negated_by("Neither the card was frozen.", FREEZE), "Neither");
    assert_eq!(negated_by("No one else was told, not even my team lead.", LEAD), "not");
    assert_eq!(negated_by("We told no one else and no supervisor.", LEAD), "no");
}

#[test]
fn english_exceptions() {
    assert!(one("Not only did I freeze the card, I called her.", FREEZE).covered);
    assert!(one("The card was frozen no later than 10:05.", FREEZE).covered);
    assert!(one("Without delay I froze the card.", FREEZE).covered);
    assert!(one("It was not until 10:05 that the card was frozen.", FREEZE).covered);
}

#[test]
fn nothing_after_the_match_is_its_object() {
    assert_eq!(negated_by("I froze nothing at all today.", FREEZE), "nothing");
    assert_eq!(negated_by("I told my team lead nothing about it.", LEAD), "nothing");
    assert_eq!(negated_by("So far I have warned nobody.", WARN), "nobody");
    assert!(one("I told the customer nothing else was exposed.", WARN).covered);
    assert!(one("I warned her no one from the bank would ask for codes.", WARN).covered);
}

#[test]
fn without_reaches_three_words() {
    assert!(!one("I acted without telling my team lead.", LEAD).covered);
    assert!(one("Without asking him anything more I reported it.", LEAD).covered);
}

#[test]
fn chinese_negators() {
    assert_eq!(negated_by("同事没有冻结客户的卡片。", ZH_FREEZE), "没有");
    assert_eq!(negated_by("卡片没冻结，客户很着急", ZH_FREEZE), "没");
    assert_eq!(negated_by("此事至今未上报给任何人。", ZH_LEAD), "未");
    assert_eq!(negated_by("我们并未冻结客户的卡片", ZH_FREEZE), "并未");
    assert_eq!(negated_by("我从未向组长汇报过这件事", ZH_LEAD), "从未");
    assert_eq!(negated_by("我忘了冻结客户的卡片", ZH_FREEZE), "忘了");
    assert_eq!(negated_by("主管拒绝冻结客户的卡片", ZH_FREEZE), "拒绝");
    assert_eq!(negated_by("系统无法冻结这张卡片", ZH_FREEZE), "无法");
    assert_eq!(negated_by("这种情况不必冻结卡片", ZH_FREEZE), "不");
}

#[test]
fn chinese_exceptions() {
    assert!(one("我毫不犹豫地冻结了卡片", ZH_FREEZE).covered);
    assert!(one("不法分子冒充银行，我立刻冻结了卡片", ZH_FREEZE).covered);
    assert!(one("我不仅冻结了卡片，还提醒了客户", ZH_FREEZE).covered);
    assert!(one("同事不慎念出了客户的卡号", &["念出"]).covered);
    assert!(one("不久之后我就冻结了卡片", ZH_FREEZE).covered);
    assert!(one("我们不得不冻结了这张卡片", ZH_FREEZE).covered);
    assert!(one("无论如何我都冻结了卡片", ZH_FREEZE).covered);
    assert!(one("为防别人盗刷，已冻结卡片", ZH_FREEZE).covered);
    assert!(one("我识别出骗局后上报了组长", ZH_LEAD).covered);
}

#[test]
fn a_negator_inside_the_phrase_is_part_of_a_positive_statement() {
    let never_share: &[&str] = &["不要透露", "not to share"];
    assert_eq!(evidence("我告诉客户不要透露验证码", never_share).0, "不要透露");
    assert_eq!(evidence("I told her not to share the code with anyone.", never_share).0, "not to share");
    assert_eq!(negated_by("我没有告诉客户不要透露验证码", never_share), "没有");
    assert_eq!(negated_by("I did not tell her not to share the code.", never_share), "did not");
    // The longer phrase wins over the shorter one inside it.
    let c = one("卡号和验证码都没有泄露", &["泄露", "没有泄露"]);
    assert_eq!((c.covered, c.by.map(|b| b.words), c.refused), (true, Some("没有泄露".to_owned()), vec![]));
}

#[test]
fn negation_ends_at_a_new_verb_phrase() {
    assert_eq!(covered("I didn't give him anything and I froze the card.", &[FREEZE]), vec![true]);
    assert_eq!(covered("Do not share the code and hang up on him.", &[&["hang up"]]), vec![true]);
    assert_eq!(covered("No money was lost but the card was frozen anyway.", &[FREEZE]), vec![true]);
    assert_eq!(
        covered("The code was not read out, so the card was frozen only as a precaution.", &[FREEZE]),
        vec![true]
    );
    assert_eq!(covered("没有泄露验证码，但是卡片冻结了", &[ZH_FREEZE]), vec![true]);
    assert_eq!(covered("验证码没有泄露，并已冻结卡片", &[ZH_FREEZE]), vec![true]);
    assert_eq!(covered("同事没有核实就念出了卡号", &[&["念出"]]), vec![true]);
    assert_eq!(covered("I did not realise that the caller was fake.", &[&["fake"]]), vec![true]);
    assert_eq!(covered("I did not know he was a fraudster.", &[&["fraudster"]]), vec![true]);
    assert_eq!(covered("一开始没有意识到对方是骗子", &[&["骗子"]]), vec![true]);
    assert_eq!(
        covered(
            "She didn't realise the caller was a fraudster, and read out the card number.",
            &[&["fraudster"], &["read out"]]
        ),
        vec![true, true]
    );
    assert_eq!(covered("I would not say that it is a scam.", &[&["scam"]]), vec![false]);
    assert_eq!(covered("I would not tell her she should hang up.", &[&["hang up"]]), vec![false]);
    assert_eq!(covered("I don't know if the customer was warned.", &[WARN]), vec![false]);
    assert_eq!(covered("我不会说这是诈骗", &[&["诈骗"]]), vec![false]);
    assert_eq!(covered("同事未核实来电者身份即念出了卡号", &[&["念出"]]), vec![true]);
    assert_eq!(covered("如果不小心已经说了验证码", &[&["已经说了"]]), vec![true]);
    // Not after "no", "nothing": their reach includes the verb.
    assert_eq!(covered("Nothing was frozen and nobody was told.", &[FREEZE]), vec![false]);
    assert_eq!(covered("The card wasn't frozen or blocked by anyone.", &[&["blocked"]]), vec![false]);
}

#[test]
fn negation_continues_over_or_and_nor() {
    assert_eq!(covered("I did not freeze the card or tell my team lead.", &[FREEZE, LEAD]), vec![false, false]);
    assert_eq!(covered("我没有冻结卡片或上报组长", &[ZH_FREEZE, ZH_LEAD]), vec![false, false]);
    assert_eq!(covered("我没有冻结卡片和上报组长", &[ZH_FREEZE, ZH_LEAD]), vec![false, false]);
}

#[test]
fn past_negation_reaches_over_and_and_commas_into_a_list_of_verbs() {
    let items: &[&[&str]] = &[FREEZE, LEAD, WARN, &["caller's number"]];
    assert_eq!(
        covered("I did not freeze the card, tell my team lead, warn the customer or note the caller's number.", items),
        vec![false, false, false, false]
    );
    let c = run("I didn't freeze the card, tell my team lead and warn the customer about it.", items);
    assert_eq!(c[1].refused.first().map(|r| r.why.clone()), Some(Why::Negated("didn't".to_owned())));
    assert_eq!(c.iter().map(|c| c.covered).collect::<Vec<_>>(), vec![false, false, false, false]);
    assert_eq!(
        covered("没有冻结卡片、上报组长，提醒客户。", &[ZH_FREEZE, ZH_LEAD, &["提醒客户"]]),
        vec![false, false, false]
    );
    assert_eq!(covered("没有冻结卡片并上报组长", &[ZH_FREEZE, ZH_LEAD]), vec![false, false]);
}

#[test]
fn past_negation_stops_at_a_new_subject_or_something_done() {
    let items: &[&[&str]] = &[FREEZE, LEAD];
    assert_eq!(
        covered("I didn't give him anything, froze the card and reported it to my team lead.", items),
        vec![true, true]
    );
    assert_eq!(covered("We did not give out the code, the card was frozen at 10:05.", items), vec![true, false]);
    assert_eq!(covered("验证码没有泄露，卡片已冻结，已上报组长。", &[ZH_FREEZE, ZH_LEAD]), vec![true, true]);
    assert_eq!(covered("验证码没有泄露，我冻结卡片后上报组长", &[ZH_FREEZE, ZH_LEAD]), vec![true, true]);
}

#[test]
fn present_negation_does_not_reach_over_commas() {
    // Advice: the imperative "don't" and "never" govern only their own clause.
    let items: &[&[&str]] = &[&["hang up"], &["official number"]];
    assert_eq!(
        covered("Never share your code, hang up and call the official number on your card.", items),
        vec![true, true]
    );
    assert_eq!(covered("We will never ask for it, hang up and ring the official number.", items), vec![true, true]);
    // "挂断电话" alone is too short (rule 3); "拨打官方电话" is long enough.
    assert_eq!(covered("不要透露验证码、挂断电话、拨打官方电话", &[&["挂断"], &["官方电话"]]), vec![false, true]);
}

// ---- Rule 4: too short ----

#[test]
fn too_short() {
    assert_eq!(why("Froze.", FREEZE), Some(Why::TooShort));
    assert_eq!(why("Card frozen, nothing else", FREEZE), Some(Why::TooShort));
    assert_eq!(why("冻结。", ZH_FREEZE), Some(Why::TooShort));
    assert_eq!(why("卡已冻结", ZH_FREEZE), Some(Why::TooShort));
    assert_eq!(why(".", FREEZE), None);
    assert!(one("Froze the card.", FREEZE).covered);
    assert!(one("已冻结卡片", ZH_FREEZE).covered);
    assert!(one("已冻结card now", ZH_FREEZE).covered);
}

#[test]
fn a_short_chinese_entry_counts_in_a_list_of_things_done() {
    let items: &[&[&str]] = &[ZH_FREEZE, ZH_LEAD, &["提醒客户"]];
    assert_eq!(covered("我已冻结卡片、上报组长、提醒客户。", items), vec![true, true, true]);
    assert_eq!(covered("冻结了卡片，上报组长，提醒客户", items), vec![true, true, true]);
    let c = run("冻结卡片、上报组长、提醒客户", items);
    assert_eq!(c.iter().map(|c| c.covered).collect::<Vec<_>>(), vec![false, false, false]);
    assert_eq!(c[1].refused.first().map(|r| r.why.clone()), Some(Why::TooShort));
}

// ---- Rule 5: keyword lists ----

#[test]
fn keyword_dumps_are_lists() {
    let items: &[&[&str]] = &[FREEZE, LEAD, &["police"], VERIFY];
    let c = run("freeze account report team lead police verify callback", items);
    assert_eq!(c.iter().map(|c| c.covered).collect::<Vec<_>>(), vec![false, false, false, false]);
    assert_eq!(c[0].refused.first().map(|r| r.why.clone()), Some(Why::KeywordList));
    assert_eq!(covered("freeze and report and police and team lead", items), vec![false, false, false, false]);
    let zh: &[&[&str]] = &[ZH_FREEZE, ZH_LEAD, ZH_POLICE, ZH_VERIFY];
    let c = run("冻结账户上报组长报警核实回拨", zh);
    assert_eq!(c.iter().map(|c| c.covered).collect::<Vec<_>>(), vec![false, false, false, false]);
    assert_eq!(c[2].refused.first().map(|r| r.why.clone()), Some(Why::KeywordList));
    assert_eq!(covered("冻结卡片上报组长", zh), vec![false, false, false, false]);
}

#[test]
fn lists_and_statements_side_by_side() {
    let items: &[&[&str]] = &[
        &["freeze", "froze", "frozen", "冻结"],
        &["report*", "team lead", "上报", "组长", "主管", "安全组"],
        &["police", "报警"],
        &["verify", "callback", "核实", "回拨"],
        &["fake", "冒充"],
        &["read out", "念出"],
        &["warned", "提醒客户"],
        &["caller id", "来电号码"],
        &["hang up", "official number", "挂断", "官方电话"],
        &["never share", "不要告诉"],
        &["never ask", "骗子"],
    ];
    let lists = [
        "freeze account report team lead police verify callback",
        "freeze and report and police and team lead",
        "fake and read out and frozen and team lead and warned and caller id",
        "never share and hang up and never ask and freeze",
        "冻结账户上报组长报警核实回拨",
        "冻结卡片上报组长",
        "冻结和上报",
        "冒充和念出和冻结和上报和提醒客户和来电号码",
        "冒充 念出 冻结 上报 组长 提醒客户 来电号码",
        "不要告诉和挂断和官方电话和骗子和冻结",
    ];
    for answer in lists {
        let c = run(answer, items);
        assert!(c.iter().all(|c| !c.covered), "{answer:?} should be a list: {c:?}");
        assert!(c.iter().flat_map(|c| &c.refused).all(|r| r.why == Why::KeywordList), "{answer:?}: {c:?}");
    }
    let statements = [
        "I froze the account and reported it to my team lead",
        "hang up and ring the official number",
        "Card frozen and team lead told",
        "已冻结卡片并上报组长",
        "已上报组长并冻结",
        "我立即冻结了卡片并上报组长",
        "卡片已冻结并上报组长和主管",
    ];
    for answer in statements {
        let c = run(answer, items);
        let listed = c.iter().flat_map(|c| &c.refused).any(|r| r.why == Why::KeywordList);
        assert!(!listed && c.iter().any(|c| c.covered), "{answer:?} should be a statement: {c:?}");
    }
}

#[test]
fn a_row_of_one_items_synonyms_is_a_list() {
    assert_eq!(why("freeze frozen froze", FREEZE), Some(Why::KeywordList));
    assert!(one("team lead and supervisor", LEAD).covered);
}

#[test]
fn statements_are_not_lists() {
    let items: &[&[&str]] = &[FREEZE, LEAD, POLICE, VERIFY];
    assert_eq!(covered("I froze the account and reported it to my team lead", items), vec![true, true, false, false]);
    let zh: &[&[&str]] = &[ZH_FREEZE, ZH_LEAD, ZH_POLICE, ZH_VERIFY];
    assert_eq!(covered("已冻结卡片并上报组长", zh), vec![true, true, false, false]);
    assert_eq!(covered("我立即冻结了卡片并上报组长", zh), vec![true, true, false, false]);
}

// ---- Rule 6: questions ----

#[test]
fn questions_do_not_count() {
    assert_eq!(why("Did you freeze the card?", FREEZE), Some(Why::Question));
    assert_eq!(why("Was the card frozen, and was the team lead told?", FREEZE), Some(Why::Question));
    assert_eq!(why("卡片冻结了吗？", ZH_FREEZE), Some(Why::Question));
    assert!(one("Was it a scam? Yes, so I froze the card.", FREEZE).covered);
}

// ---- Rule 7: copied from the prompt ----

#[test]
fn clauses_copied_from_the_prompt_do_not_count() {
    let prompt = "Write your report: what happened, whether the card was frozen, who you reported it to.";
    let c = run_with_prompt("Whether the card was frozen. Who you reported it to.", &[FREEZE, LEAD], prompt);
    assert_eq!(c[0].refused.first().map(|r| r.why.clone()), Some(Why::CopiedFromPrompt));
    assert_eq!(c[1].refused.first().map(|r| r.why.clone()), Some(Why::CopiedFromPrompt));
    assert!(!c[0].covered && !c[1].covered);
    let c = run_with_prompt("I froze the card at 10:05. I reported it to my team lead.", &[FREEZE, LEAD], prompt);
    assert!(c[0].covered && c[1].covered);
    let zh = "请写明：发生了什么，卡片是否冻结，上报给了谁。";
    let c = run_with_prompt("卡片是否冻结，上报给了谁", &[ZH_FREEZE, ZH_LEAD], zh);
    assert_eq!(c[0].refused.first().map(|r| r.why.clone()), Some(Why::CopiedFromPrompt));
    assert!(run_with_prompt("卡片已冻结，已上报给组长", &[ZH_FREEZE, ZH_LEAD], zh).iter().all(|c| c.covered));
}

// ---- Evidence and refusals ----

#[test]
fn first_counted_match_is_evidence_and_refusals_are_capped() {
    let c = one("Freeze? No. Not frozen, I said. Froze. Didn't freeze. Then I froze the card after all.", FREEZE);
    assert_eq!(
        c,
        Coverage {
            covered: true,
            by: Some(Evidence { words: "froze".to_owned(), clause: "Then I froze the card after all".to_owned() }),
            refused: vec![
                Refused { words: "Freeze".to_owned(), clause: "Freeze".to_owned(), why: Why::Question },
                Refused { words: "frozen".to_owned(), clause: "Not frozen".to_owned(), why: Why::TooShort },
                Refused { words: "Froze".to_owned(), clause: "Froze".to_owned(), why: Why::TooShort },
            ],
        }
    );
}

#[test]
fn one_result_per_item_in_order() {
    let c = run("I reported it to my team lead.", &[FREEZE, LEAD, WARN]);
    assert_eq!(c.iter().map(|c| c.covered).collect::<Vec<_>>(), vec![false, true, false]);
}

#[test]
fn odd_input_never_panics() {
    // A small deterministic generator (no crates here): mixes of scripts, punctuation, negators
    // and characters whose lower case is longer than they are.
    const PIECES: &[&str] = &[
        "froze",
        "not",
        "didn't",
        "没有",
        "冻结",
        "、",
        "，",
        "？",
        "?",
        ".",
        ",",
        ":",
        " ",
        "\n",
        "İ",
        "ß",
        "ＯＴＰ",
        "’",
        "'",
        "*",
        "art. 57",
        "17,900",
        "10:05",
        "without",
        "and",
        "并",
        "已",
        "了",
        "是",
        "nothing",
        "e\u{301}",
        "🙂",
        "\u{3000}",
        "不法",
        "team",
        "lead",
        "上报",
        "组长",
        "if",
        "realise",
        "that",
        "he",
        "was",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).unwrap()
    };
    for _ in 0..3000 {
        let answer: String = (0..next(40)).map(|_| PIECES[next(PIECES.len())]).collect();
        let items: Vec<Vec<String>> = (0..next(4))
            .map(|_| (0..next(4)).map(|_| (0..1 + next(3)).map(|_| PIECES[next(PIECES.len())]).collect()).collect())
            .collect();
        let refs: Vec<&[String]> = items.iter().map(Vec::as_slice).collect();
        let prompt: String = (0..next(10)).map(|_| PIECES[next(PIECES.len())]).collect();
        let coverage = grade(&answer, &refs, &prompt);
        assert_eq!(coverage.len(), items.len());
        for c in &coverage {
            assert_eq!(c.covered, c.by.is_some());
            assert!(c.refused.len() <= MAX_REFUSED);
        }
    }
}

#[test]
fn a_phrase_with_its_own_negator_is_not_turned_round_by_a_carried_negation() {
    // 拒绝 carries over the comma into a verb list, but the phrase 没有提供 says the fact itself.
    let c = one("我拒绝了对方的要求，任何信息都没有提供给他", &["没有提供"]);
    assert!(c.covered, "{c:?}");
    // A full-width yuan sign is the yuan sign.
    assert!(one("客户被骗走了￥8,764元", &["¥"]).covered);
}

#[test]
fn a_negator_inside_a_word_for_a_state_negates_nothing_after_it() {
    // "Her phone had no battery, so please reach her through the hospital's emergency desk."
    let c = one("她的手机没电了，请通过医院急诊台联系她", &["医院"]);
    assert!(c.covered, "{c:?}");
    // A blameless review is a review.
    assert!(one("我们安排了一次不追责的复盘会议", &["复盘"]).covered);
    // A real negation still negates.
    assert!(!one("我们没有安排任何复盘会议", &["复盘"]).covered);
}
