//! `hotwash export --xapi`: the statements a Learning Record Store must accept, checked field by
//! field against xAPI 1.0.3 (actor with exactly one identifier, verb and object IRIs, result and
//! score ranges, ISO 8601 durations and timestamps, extension keys as IRIs, language maps).

use serde_json::Value;

use crate::{expert, full_answer, hotwash, play, root, scenario, text};

fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.contains(char::is_whitespace)
}

/// A UUID in the 8-4-4-4-12 form, RFC 4122 variant, version 5 (name-based).
fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()))
        && parts[2].starts_with('5')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

fn is_duration(s: &str) -> bool {
    // P[nH][nM][n(.nn)S] with at most hundredths, as xAPI requires.
    let Some(rest) = s.strip_prefix("PT") else { return false };
    let mut rest = rest;
    for unit in ['H', 'M'] {
        if let Some(at) = rest.find(unit) {
            if !rest[..at].chars().all(|c| c.is_ascii_digit()) || at == 0 {
                return false;
            }
            rest = &rest[at + 1..];
        }
    }
    let Some(secs) = rest.strip_suffix('S') else { return rest.is_empty() };
    let (whole, frac) = secs.split_once('.').unwrap_or((secs, ""));
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 2
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// ISO 8601 in UTC as the exporter writes it: `YYYY-MM-DDTHH:MM:SS.mmmZ`, with fields in range.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok()).unwrap_or(99);
    s.len() == 24
        && digits(0..4)
        && b[4] == b'-'
        && (1..=12).contains(&num(5..7))
        && b[7] == b'-'
        && (1..=31).contains(&num(8..10))
        && b[10] == b'T'
        && num(11..13) < 24
        && b[13] == b':'
        && num(14..16) < 60
        && b[16] == b':'
        && num(17..19) < 61
        && b[19] == b'.'
        && digits(20..23)
        && b[23] == b'Z'
}

fn check_language_map(v: &Value, what: &str) {
    let map = v.as_object().unwrap_or_else(|| panic!("{what}: not a language map: {v}"));
    assert!(!map.is_empty(), "{what}: empty language map");
    for (tag, text) in map {
        assert!(["en-US", "zh-CN"].contains(&tag.as_str()), "{what}: language tag {tag}");
        assert!(text.as_str().is_some_and(|t| !t.is_empty()), "{what}: {text}");
    }
}

fn check_statement(s: &Value) {
    let actor = &s["actor"];
    assert_eq!(actor["objectType"], "Agent");
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"].iter().filter(|k| actor.get(**k).is_some()).count();
    assert_eq!(ifis, 1, "exactly one inverse functional identifier: {actor}");
    assert!(actor.get("name").is_none(), "no real name is sent");
    let home = actor["account"]["homePage"].as_str().unwrap();
    assert!(home.starts_with("https://"), "{home}");
    assert!(actor["account"]["name"].as_str().unwrap().starts_with("T-"));
    let verb = &s["verb"];
    assert!(verb["id"].as_str().is_some_and(|id| id.starts_with("http://adlnet.gov/expapi/verbs/")), "{verb}");
    check_language_map(&verb["display"], "verb display");
    let object = &s["object"];
    assert_eq!(object["objectType"], "Activity");
    assert!(is_iri(object["id"].as_str().unwrap()), "{object}");
    check_language_map(&object["definition"]["name"], "activity name");
    assert!(is_iri(object["definition"]["type"].as_str().unwrap()));
    assert!(is_timestamp(s["timestamp"].as_str().unwrap()), "{}", s["timestamp"]);
    assert!(s["id"].as_str().is_some_and(is_uuid), "every statement has a UUID id: {}", s["id"]);
    assert!(s["context"]["registration"].as_str().is_some_and(is_uuid), "{}", s["context"]);
    assert!(["en-US", "zh-CN"].contains(&s["context"]["language"].as_str().unwrap()));
    assert_eq!(s["context"]["platform"], "Hotwash");
    assert!(s["context"]["revision"].as_str().is_some_and(|r| r.parse::<u32>().is_ok()));
    let category = &s["context"]["contextActivities"]["category"][0];
    assert!(is_iri(category["id"].as_str().unwrap()), "{category}");
    if let Some(result) = s.get("result") {
        assert!(is_duration(result["duration"].as_str().unwrap()), "{}", result["duration"]);
        assert!(result["completion"].is_boolean() && result["success"].is_boolean());
        if let Some(score) = result.get("score") {
            let (raw, min, max) =
                (score["raw"].as_f64().unwrap(), score["min"].as_f64().unwrap(), score["max"].as_f64().unwrap());
            assert!(min <= raw && raw <= max && min < max, "{score}");
            assert_eq!((min, max), (0.0, 100.0), "a fixed scale, the same for every attempt: {score}");
            let scaled = score["scaled"].as_f64().unwrap();
            assert!((raw / 100.0 - scaled).abs() < 1e-9, "{score}");
        }
        for key in result.get("extensions").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k) {
            assert!(is_iri(key), "extension key {key}");
        }
    }
    if let Some(context) = s.get("context") {
        for key in context.get("extensions").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k) {
            assert!(is_iri(key), "extension key {key}");
        }
    }
}

#[test]
fn exported_statements_have_every_required_field_in_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let debriefs = dir.path().join("debriefs");
    for (i, name) in ["bank-security-call.en.ron", "bank-security-call.zh-CN.ron"].into_iter().enumerate() {
        let s = scenario(name);
        let lang = s.language.clone();
        let d = play(&s, 5, |_, run| Some(expert(run)), |_| 3_500, |k| full_answer(k, &lang)).unwrap();
        hotwash::engine::store::save(&debriefs.join(format!("{i}.debrief.ron")), &d).unwrap();
    }
    std::fs::write(debriefs.join("broken.debrief.ron"), "(nonsense").unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("statements.json");
    let scenarios = root().join("scenarios");
    let args = ["export", "--xapi", debriefs.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let run = hotwash(
        &[&args[..], &["--scenarios", scenarios.to_str().unwrap(), "--data-dir", data.to_str().unwrap()]].concat(),
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(1), "a skipped file is reported: {}", text(&run.stderr));
    assert!(text(&run.stderr).contains("broken.debrief.ron:1:"), "{}", text(&run.stderr));
    let statements: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    for s in &statements {
        check_statement(s);
    }
    let verbs: Vec<&str> =
        statements.iter().map(|s| s["verb"]["id"].as_str().unwrap().rsplit('/').next().unwrap()).collect();
    assert_eq!(verbs.iter().filter(|v| **v == "attempted").count(), 2);
    assert_eq!(verbs.iter().filter(|v| **v == "completed").count(), 2);
    assert_eq!(verbs.iter().filter(|v| **v == "passed").count(), 2, "the expert path resolves: {verbs:?}");
    assert!(verbs.iter().filter(|v| **v == "answered").count() >= 8);
    // Competencies and red flags ride in context extensions.
    let completed = statements.iter().find(|s| s["verb"]["id"].as_str().unwrap().ends_with("completed")).unwrap();
    let ext = completed["context"]["extensions"].as_object().unwrap();
    let ratings = &ext["https://hotwash.local/xapi/extensions/competencies"];
    assert!(ratings.as_object().is_some_and(|r| r.values().all(|v| v["level"].is_string())), "{ratings}");
    assert!(ext["https://hotwash.local/xapi/extensions/red-flags-caught"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(completed["timestamp"].as_str().unwrap()[..4], *"2026");
    // The same trainee gets the same pseudonym again (the key is kept in the data folder).
    let again = hotwash(
        &[&args[..], &["--scenarios", scenarios.to_str().unwrap(), "--data-dir", data.to_str().unwrap()]].concat(),
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    let second: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(second[0]["actor"], statements[0]["actor"]);
}

/// Exports the debriefs in `dir`/debriefs with `extra` arguments, returning the statements.
fn export(dir: &std::path::Path, data: &str, extra: &[&str]) -> (std::process::Output, Vec<Value>) {
    let out = dir.join(format!("statements-{data}.json"));
    let (debriefs, data, scenarios) = (dir.join("debriefs"), dir.join(data), root().join("scenarios"));
    let args = [
        "export",
        debriefs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--scenarios",
        scenarios.to_str().unwrap(),
        "--data-dir",
        data.to_str().unwrap(),
    ];
    let run = hotwash(&[&args[..], extra].concat(), dir);
    let statements = std::fs::read_to_string(&out).map(|t| serde_json::from_str(&t).unwrap()).unwrap_or_default();
    (run, statements)
}

/// Saves the expert play of `name` (seed `seed`) as debrief `file` in `dir`/debriefs.
fn save_expert(dir: &std::path::Path, name: &str, seed: u64, file: &str) -> hotwash::engine::debrief::Debrief {
    let s = scenario(name);
    let lang = s.language.clone();
    let d = play(&s, seed, |_, run| Some(expert(run)), |_| 3_500, |k| full_answer(k, &lang)).unwrap();
    hotwash::engine::store::save(&dir.join("debriefs").join(file), &d).unwrap();
    d
}

#[test]
fn the_same_debrief_always_gives_the_same_statement_ids_and_one_registration_per_attempt() {
    let dir = tempfile::tempdir().unwrap();
    save_expert(dir.path(), "bank-security-call.en.ron", 5, "a.debrief.ron");
    save_expert(dir.path(), "bank-security-call.en.ron", 6, "b.debrief.ron");
    let (run, first) = export(dir.path(), "data", &[]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let (_, second) = export(dir.path(), "data", &[]);
    let ids = |v: &[Value]| v.iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second), "a second export repeats every id");
    let unique: std::collections::BTreeSet<String> = ids(&first).into_iter().collect();
    assert_eq!(unique.len(), first.len(), "no two statements share an id");
    let registrations: std::collections::BTreeSet<&str> =
        first.iter().map(|s| s["context"]["registration"].as_str().unwrap()).collect();
    assert_eq!(registrations.len(), 2, "one registration per attempt, two attempts");
    // Without the scenario folder the labels fall back to node ids, but the ids stay.
    let (_, bare) = export(dir.path(), "data", &["--scenarios", dir.path().to_str().unwrap()]);
    assert_eq!(ids(&bare), ids(&first));
}

#[test]
fn answered_statements_carry_the_options_shown_and_the_expert_answer_and_keep_written_answers_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = save_expert(dir.path(), "bank-security-call.en.ron", 5, "a.debrief.ron");
    let (_, statements) = export(dir.path(), "data", &[]);
    let answered: Vec<&Value> =
        statements.iter().filter(|s| s["verb"]["id"].as_str().unwrap().ends_with("answered")).collect();
    assert_eq!(answered.len(), d.decisions.len());
    let s = scenario("bank-security-call.en.ron");
    for (statement, decision) in answered.iter().zip(&d.decisions) {
        let definition = &statement["object"]["definition"];
        match &decision.choice {
            Some(choice) => {
                assert_eq!(definition["interactionType"], "choice");
                let offered: Vec<&str> =
                    definition["choices"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
                let expected: Vec<&str> = decision.offered.iter().map(|c| c.as_str()).collect();
                assert_eq!(offered, expected, "the options in the order shown");
                let expert = s.nodes[&decision.node].expert_choice().unwrap();
                assert_eq!(definition["correctResponsesPattern"], serde_json::json!([expert.id.as_str()]));
                assert_eq!(statement["result"]["response"], choice.as_str());
                // The options' texts as the trainee read them, placeholders filled.
                let shown = d
                    .events
                    .iter()
                    .find_map(|l| match &l.event {
                        hotwash::engine::debrief::Event::Choices { node, options, .. } if *node == decision.node => {
                            Some(options)
                        }
                        _ => None,
                    })
                    .unwrap();
                for (c, o) in definition["choices"].as_array().unwrap().iter().zip(shown) {
                    assert_eq!(c["description"]["en-US"], o.text.as_str());
                    assert!(!o.text.contains('{'), "filled: {}", o.text);
                }
            }
            None => {
                assert_eq!(definition["interactionType"], "long-fill-in");
                assert!(statement["result"].get("response").is_none(), "written answers stay out by default");
            }
        }
        assert_eq!(statement["context"]["contextActivities"]["parent"][0]["id"], statements[0]["object"]["id"]);
        assert!(
            statement["context"]["contextActivities"]["grouping"][0]["id"]
                .as_str()
                .unwrap()
                .ends_with("/categories/fraud_call")
        );
    }
    let (_, with) = export(dir.path(), "data", &["--include-answers"]);
    let written = with.iter().find(|s| s["object"]["definition"]["interactionType"] == "long-fill-in").unwrap();
    assert!(written["result"]["response"].as_str().is_some_and(|r| r.contains("风控") || r.len() > 20), "{written}");
}

#[test]
fn a_timeout_is_answered_with_the_timeout_choice_id() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario("bank-security-call.en.ron");
    // The first timed decision runs out; every other is answered as the expert would.
    let waited = std::cell::Cell::new(false);
    let pick = |_, run: &hotwash::engine::runner::Runner| {
        if run.deadline().is_some() && !waited.replace(true) { None } else { Some(expert(run)) }
    };
    let d = play(&s, 5, pick, |_| 3_500, |k| full_answer(k, "en")).unwrap();
    let timed_out = d.decisions.iter().position(|x| x.kind == hotwash::engine::debrief::DecisionKind::Timeout);
    let Some(i) = timed_out else { panic!("bank-security-call has a timed decision") };
    hotwash::engine::store::save(&dir.path().join("debriefs/t.debrief.ron"), &d).unwrap();
    let (_, statements) = export(dir.path(), "data", &[]);
    let answered = &statements[1 + i];
    let timeout = s.nodes[&d.decisions[i].node].timeout.as_ref().unwrap();
    assert_eq!(answered["result"]["response"], timeout.then.id.as_str());
    let last = answered["object"]["definition"]["choices"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"], timeout.then.id.as_str(), "the timeout is one of the choices");
    assert_eq!(answered["result"]["extensions"]["https://hotwash.local/xapi/extensions/timed-out"], true);
}

#[test]
fn a_base_must_be_an_iri_with_a_host_and_sending_needs_the_organisations_own() {
    let dir = tempfile::tempdir().unwrap();
    save_expert(dir.path(), "bank-security-call.en.ron", 5, "a.debrief.ron");
    for (base, says) in
        [("https://lms.example.org/hot wash", "' '"), ("http://", "no host"), ("lms.example.org", "https://")]
    {
        let (run, _) = export(dir.path(), "data", &["--base", base]);
        assert_eq!(run.status.code(), Some(2), "{base}");
        assert!(text(&run.stderr).contains(says), "{base}: {}", text(&run.stderr));
    }
    let (run, _) = export(dir.path(), "data", &["--lrs", "http://127.0.0.1:9/xapi"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("--base"), "{}", text(&run.stderr));
    let (run, statements) = export(dir.path(), "data", &["--base", "https://lms.example.org/xapi/"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(statements[0]["actor"]["account"]["homePage"], "https://lms.example.org/xapi");
}

#[test]
fn an_organisation_key_gives_one_actor_on_every_machine() {
    let dir = tempfile::tempdir().unwrap();
    save_expert(dir.path(), "bank-security-call.en.ron", 5, "a.debrief.ron");
    // Two machines (data folders) with their own keys: two actors for one trainee.
    let (_, one) = export(dir.path(), "machine-1", &[]);
    let (_, two) = export(dir.path(), "machine-2", &[]);
    assert_ne!(one[0]["actor"], two[0]["actor"]);
    // With the organisation's key both give the same actor.
    let key = dir.path().join("org.key");
    std::fs::write(&key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n").unwrap();
    let with_key = |data: &str| {
        let out = dir.path().join(format!("{data}.json"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_hotwash"))
            .args(["export", "debriefs", "--out", out.to_str().unwrap(), "--data-dir", data])
            .env("HOTWASH_PSEUDONYM_KEY_FILE", &key)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", text(&run.stderr));
        serde_json::from_str::<Vec<Value>>(&std::fs::read_to_string(out).unwrap()).unwrap()
    };
    let (a, b) = (with_key("machine-3"), with_key("machine-4"));
    assert_eq!(a[0]["actor"], b[0]["actor"]);
    assert!(!dir.path().join("machine-3/pseudonym.key").exists(), "no machine key is made beside the organisation's");
    std::fs::write(&key, "short").unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_hotwash"))
        .args(["export", "debriefs", "--data-dir", "machine-5"])
        .env("HOTWASH_PSEUDONYM_KEY_FILE", &key)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains("org.key: not a pseudonym key"), "{}", text(&run.stderr));
}
