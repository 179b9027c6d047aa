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
    assert!(s.get("id").is_none(), "the LRS assigns ids");
    if let Some(result) = s.get("result") {
        assert!(is_duration(result["duration"].as_str().unwrap()), "{}", result["duration"]);
        assert!(result["completion"].is_boolean() && result["success"].is_boolean());
        if let Some(score) = result.get("score") {
            let (raw, min, max) =
                (score["raw"].as_f64().unwrap(), score["min"].as_f64().unwrap(), score["max"].as_f64().unwrap());
            assert!(min <= raw && raw <= max && min < max, "{score}");
            let scaled = score["scaled"].as_f64().unwrap();
            assert!((-1.0..=1.0).contains(&scaled), "{score}");
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
