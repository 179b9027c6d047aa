//! xAPI 1.0.3 statements for a Learning Record Store: each debrief becomes `attempted` (the
//! start), one `answered` per decision, `completed`, and `passed` or `failed` (resolved or not).
//! The actor is an account with a pseudonymous name (never the trainee's name); the scenario and
//! each decision are activities; competency ratings and red flags ride in context extensions.
//! Statements carry no `id`: the LRS assigns one.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::debrief::{Debrief, DecisionKind};
use super::model::{Outcome, Scenario};
use super::review::{Spotting, competency_points, decision_scores, effective_checklist, reveals};

/// ADL verb IRIs.
const VERBS: [(&str, &str, &str); 5] = [
    ("attempted", "attempted", "尝试"),
    ("answered", "answered", "作答"),
    ("completed", "completed", "完成"),
    ("passed", "passed", "通过"),
    ("failed", "failed", "未通过"),
];

fn verb(name: &str) -> Value {
    let (_, en, zh) = VERBS.iter().find(|(n, _, _)| *n == name).copied().unwrap_or((name, name, name));
    json!({ "id": format!("http://adlnet.gov/expapi/verbs/{name}"), "display": { "en-US": en, "zh-CN": zh } })
}

/// Wall-clock milliseconds as an ISO 8601 timestamp in UTC with milliseconds.
pub fn timestamp(ms: u64) -> String {
    let nanos = i128::from(ms) * 1_000_000;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
            ))
            .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned())
}

/// Milliseconds as an ISO 8601 duration with hundredths of a second (`PT1M5.25S`).
pub fn duration(ms: u64) -> String {
    let hours = ms / 3_600_000;
    let minutes = ms / 60_000 % 60;
    let hundredths = ms % 60_000 / 10;
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    out.push_str(&format!("{}.{:02}S", hundredths / 100, hundredths % 100));
    out
}

/// Where the IRIs of activities and extensions live, and the actor's account home page.
#[derive(Clone, Debug)]
pub struct Base(pub String);

impl Base {
    fn iri(&self, rest: &str) -> String {
        format!("{}/{rest}", self.0.trim_end_matches('/'))
    }
}

/// An id as one IRI path segment: unreserved characters kept, everything else percent-encoded.
fn segment(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn lang_map(language: &str, text: &str) -> Value {
    let tag = if language.starts_with("zh") { "zh-CN" } else { "en-US" };
    json!({ tag: text })
}

/// The statements of one debrief, in time order. `actor` is the pseudonymous account name.
pub fn statements(debrief: &Debrief, scenario: Option<&Scenario>, actor: &str, base: &Base) -> Vec<Value> {
    let actor = json!({ "objectType": "Agent", "account": { "homePage": base.0, "name": actor } });
    let scenario_iri = base.iri(&format!("scenarios/{}", segment(&debrief.scenario.id)));
    let lang = debrief.scenario.language.as_str();
    let mut definition = json!({
        "name": lang_map(lang, &debrief.scenario.title),
        "type": "http://adlnet.gov/expapi/activities/simulation",
    });
    if let Some(s) = scenario {
        definition["description"] = lang_map(lang, &s.briefing.situation);
    }
    let object = json!({ "objectType": "Activity", "id": scenario_iri, "definition": definition });

    let points = competency_points(debrief);
    let ratings: BTreeMap<String, Value> = points
        .iter()
        .map(|(c, p)| {
            (c.to_string(), json!({ "level": p.level().letter(), "earned": p.earned, "possible": p.possible }))
        })
        .collect();
    let spotting = Spotting::of(debrief);
    let missed: Vec<String> = spotting.missed.iter().map(ToString::to_string).collect();
    let caught: Vec<String> = debrief.caught.iter().map(ToString::to_string).collect();
    let spotted: Vec<String> = spotting.spotted.iter().map(ToString::to_string).collect();
    let unjustified = reveals(debrief).filter(|(_, v)| v.is_some_and(|v| !v.justified)).count();
    let context = json!({
        "language": if lang.starts_with("zh") { "zh-CN" } else { "en-US" },
        "platform": "Hotwash",
        "extensions": {
            base.iri("extensions/competencies"): ratings,
            base.iri("extensions/red-flags-caught"): caught,
            base.iri("extensions/red-flags-missed"): missed,
            base.iri("extensions/red-flags-spotted"): spotted,
            base.iri("extensions/false-alarms"): spotting.false_alarms.len(),
            base.iri("extensions/unjustified-reveals"): unjustified,
            base.iri("extensions/seed"): debrief.seed,
            base.iri("extensions/scenario-version"): debrief.scenario.version,
            base.iri("extensions/content-hash"): debrief.scenario.hash,
        },
    });
    let earned: i32 = points.values().map(|p| p.earned).sum();
    let possible: i32 = points.values().map(|p| p.possible).sum::<i32>().max(1);
    let raw = earned.min(possible);
    let scaled = (f64::from(raw) / f64::from(possible)).clamp(-1.0, 1.0);
    let score = json!({ "raw": raw, "min": raw.min(0), "max": possible, "scaled": (scaled * 1000.0).round() / 1000.0 });
    let success = debrief.outcome == Outcome::Resolved;

    let mut out = vec![json!({
        "actor": actor, "verb": verb("attempted"), "object": object, "context": context,
        "timestamp": timestamp(debrief.started_at),
    })];
    for (i, d) in debrief.decisions.iter().enumerate() {
        let label = scenario.map_or_else(|| d.node.to_string(), |s| s.node_label(&d.node).to_owned());
        let earned: i32 = decision_scores(debrief, i).values().sum();
        let best: i32 = d.expert.values().sum();
        let (response, interaction) = match (&d.kind, &d.choice, &d.answer) {
            (DecisionKind::Timeout, _, _) => ("timeout".to_owned(), "choice"),
            (_, Some(c), _) => (c.to_string(), "choice"),
            (_, None, Some(answer)) => (answer.all_text(), "long-fill-in"),
            (_, None, None) => (String::new(), "long-fill-in"),
        };
        let mut extensions = serde_json::Map::new();
        extensions.insert(base.iri("extensions/decision-number"), json!(i + 1));
        extensions.insert(
            base.iri("extensions/red-flags-caught"),
            json!(d.caught.iter().map(ToString::to_string).collect::<Vec<_>>()),
        );
        let checklist: Vec<Value> = effective_checklist(debrief, i)
            .into_iter()
            .map(|(c, covered, grade)| match grade {
                Some(g) => json!({ "item": c.item, "covered": covered, "graded": "evaluator", "by": g.by }),
                None => json!({ "item": c.item, "covered": covered, "graded": "automatic" }),
            })
            .collect();
        if !checklist.is_empty() {
            extensions.insert(base.iri("extensions/checklist"), json!(checklist));
        }
        out.push(json!({
            "actor": actor,
            "verb": verb("answered"),
            "object": {
                "objectType": "Activity",
                "id": format!("{scenario_iri}/decisions/{}", segment(d.node.as_str())),
                "definition": {
                    "name": lang_map(lang, &label),
                    "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                    "interactionType": interaction,
                },
            },
            "result": {
                "response": response,
                "success": earned >= best,
                "completion": true,
                "duration": duration(d.response_ms()),
                "extensions": Value::Object(extensions),
            },
            "context": { "contextActivities": { "parent": [ { "objectType": "Activity", "id": scenario_iri } ] } },
            "timestamp": timestamp(debrief.started_at + d.decided_at + pause_before(debrief, d.decided_at)),
        }));
    }
    let result =
        json!({ "score": score, "success": success, "completion": true, "duration": duration(debrief.duration_ms) });
    for name in ["completed", if success { "passed" } else { "failed" }] {
        out.push(json!({
            "actor": actor, "verb": verb(name), "object": object, "result": result, "context": context,
            "timestamp": timestamp(debrief.ended_at),
        }));
    }
    out
}

/// Wall-clock time spent paused before drill time `t` (pauses are wall-clock intervals).
fn pause_before(debrief: &Debrief, t: u64) -> u64 {
    let mut paused = 0;
    for (from, to) in &debrief.pauses {
        let drill_at_pause = from.saturating_sub(debrief.started_at).saturating_sub(paused);
        if drill_at_pause <= t {
            paused += to.saturating_sub(*from);
        }
    }
    paused
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_timestamps_have_the_iso_8601_forms() {
        assert_eq!(duration(0), "PT0.00S");
        assert_eq!(duration(65_250), "PT1M5.25S");
        assert_eq!(duration(3_723_009), "PT1H2M3.00S");
        assert_eq!(timestamp(1_772_355_600_123), "2026-03-01T09:00:00.123Z");
    }

    #[test]
    fn ids_become_valid_iri_segments() {
        assert_eq!(segment("call_back-2"), "call_back-2");
        assert_eq!(segment("a b#c/é"), "a%20b%23c%2F%C3%A9");
    }
}
