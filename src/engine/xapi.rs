//! xAPI 1.0.3 statements for a Learning Record Store: each debrief becomes `attempted` (the
//! start), one `answered` per decision, `completed`, and `passed` or `failed` (resolved or not).
//! The actor is an account with a pseudonymous name (never the trainee's name); the scenario and
//! each decision are activities; competency ratings and red flags ride in context extensions.
//!
//! Every statement has an `id` derived from the attempt, so the same debrief always yields the
//! same ids and a second send creates no duplicates; every statement of one attempt carries the
//! attempt's `context.registration`. `docs/xapi.md` lists every IRI and extension.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use uuid::Uuid;

use super::debrief::{Debrief, DecisionKind, Event};
use super::model::{Outcome, Scenario};
use super::review::{Spotting, competency_points, decision_scores, effective_checklist, reveals};

/// The namespace of every id Hotwash derives (UUID version 5, RFC 9562).
const NAMESPACE: Uuid = Uuid::from_u128(0xf757_dc16_c12c_44cb_b07e_8b0b_0b10_e5ef);

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

/// Where the IRIs of activities and extensions live, and the actor's account home page: an
/// `http` or `https` IRI with a host, no query, fragment, user or space, without a trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IriBase(String);

impl IriBase {
    /// The base every export uses unless the organisation names its own. Nobody controls this
    /// host; sending to an LRS requires a base of the organisation's.
    pub const DEFAULT: &str = "https://hotwash.local/xapi";

    /// Checks `text` as a base IRI; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let lower = text.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
            return Err("it must start with https:// (or http://)".to_owned());
        };
        let rest = rest.trim_end_matches('/');
        let trimmed = &text[..text.len() - (lower.len() - lower.trim_end_matches('/').len())];
        if let Some(bad) = trimmed.chars().find(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(*c)) {
            return Err(format!("it contains {bad:?}, which an IRI may not (write a space as %20)"));
        }
        if trimmed.contains(['?', '#']) {
            return Err("it has a query or a fragment (? or #); a base is a path".to_owned());
        }
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err("it names a user (@); a base must not carry credentials".to_owned());
        }
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
        };
        if host.is_empty() || host.starts_with('.') || host.ends_with('.') || host.contains("..") {
            return Err("it has no host name".to_owned());
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The base as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is [`IriBase::DEFAULT`].
    pub fn is_default(&self) -> bool {
        self.0 == Self::DEFAULT
    }

    fn iri(&self, rest: &str) -> String {
        format!("{}/{rest}", self.0)
    }
}

impl Default for IriBase {
    fn default() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
}

/// What an export includes and names.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The base of IRIs.
    pub base: IriBase,
    /// Send written answers verbatim in `result.response` (off: only their checklist grades).
    pub include_answers: bool,
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

fn tag(language: &str) -> &'static str {
    if language.starts_with("zh") { "zh-CN" } else { "en-US" }
}

fn lang_map(language: &str, text: &str) -> Value {
    json!({ tag(language): text })
}

/// The registration of one attempt: the same debrief (and pseudonym) always gives the same one,
/// and no two attempts share it.
pub fn registration(debrief: &Debrief, actor: &str) -> Uuid {
    let s = &debrief.scenario;
    let name = format!(
        "registration\u{1f}{actor}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        s.id, s.language, s.hash, debrief.seed, debrief.started_at
    );
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// A statement's id: its attempt, its place in the attempt and the revision of what it says (the
/// evaluator grades it carries), so a later grade makes a new statement instead of a conflict.
fn statement_id(registration: &Uuid, role: &str, revision: usize) -> String {
    Uuid::new_v5(&NAMESPACE, format!("statement\u{1f}{registration}\u{1f}{role}\u{1f}{revision}").as_bytes())
        .to_string()
}

/// The options of a decision as an interaction's `choices`, in the order shown, and the timeout
/// when time ran out.
fn choices(debrief: &Debrief, index: usize, scenario: Option<&Scenario>, lang: &str) -> Vec<Value> {
    let d = &debrief.decisions[index];
    let shown = debrief.events.iter().find_map(|l| match &l.event {
        Event::Choices { node, options, .. } if *node == d.node && l.t == d.presented_at => Some(options),
        _ => None,
    });
    let mut out: Vec<Value> = match shown {
        Some(options) => {
            options.iter().map(|o| json!({ "id": o.id, "description": lang_map(lang, &o.text) })).collect()
        }
        None => d.offered.iter().map(|id| json!({ "id": id, "description": lang_map(lang, id.as_str()) })).collect(),
    };
    if d.kind == DecisionKind::Timeout
        && let Some(id) = &d.choice
    {
        let text = scenario
            .and_then(|s| s.nodes.get(&d.node))
            .and_then(|n| n.timeout.as_ref())
            .map_or_else(|| id.to_string(), |t| t.then.text.clone());
        out.push(json!({ "id": id, "description": lang_map(lang, &text) }));
    }
    out
}

/// The score of an attempt on a fixed scale: the percentage of the points available on the path
/// the trainee took (evaluator grades counted), 0 when they lost more than they earned.
fn score(debrief: &Debrief) -> Value {
    let points = competency_points(debrief);
    let earned: i64 = points.values().map(|p| i64::from(p.earned)).sum();
    let possible: i64 = points.values().map(|p| i64::from(p.possible)).sum();
    let raw = if possible <= 0 { 0 } else { (earned.clamp(0, possible) * 100 + possible / 2) / possible };
    json!({ "raw": raw, "min": 0, "max": 100, "scaled": raw as f64 / 100.0 })
}

/// The statements of one debrief, in time order. `actor` is the pseudonymous account name.
pub fn statements(debrief: &Debrief, scenario: Option<&Scenario>, actor: &str, options: &Options) -> Vec<Value> {
    let base = &options.base;
    let registration = registration(debrief, actor);
    let actor = json!({ "objectType": "Agent", "account": { "homePage": base.as_str(), "name": actor } });
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
    let scenario_activity = json!({ "objectType": "Activity", "id": scenario_iri });

    // What an LMS filters on, on every statement: the Hotwash profile as category, the drill's
    // category as grouping (when the scenario is at hand), the scenario for a decision's parent.
    let mut activities = serde_json::Map::new();
    activities.insert(
        "category".to_owned(),
        json!([{ "objectType": "Activity", "id": base.iri("profile"),
                 "definition": { "type": "http://adlnet.gov/expapi/activities/profile" } }]),
    );
    if let Some(s) = scenario {
        activities.insert(
            "grouping".to_owned(),
            json!([{ "objectType": "Activity", "id": base.iri(&format!("categories/{}", segment(s.category.key()))) }]),
        );
    }
    let context_for = |parent: bool, extensions: Value| {
        let mut activities = activities.clone();
        if parent {
            activities.insert("parent".to_owned(), json!([scenario_activity]));
        }
        json!({
            "registration": registration.to_string(),
            "revision": debrief.scenario.version.to_string(),
            "language": tag(lang),
            "platform": "Hotwash",
            "contextActivities": Value::Object(activities),
            "extensions": extensions,
        })
    };

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
    let attempt_extensions = json!({
        base.iri("extensions/competencies"): ratings,
        base.iri("extensions/red-flags-caught"): caught,
        base.iri("extensions/red-flags-missed"): missed,
        base.iri("extensions/red-flags-spotted"): spotted,
        base.iri("extensions/false-alarms"): spotting.false_alarms.len(),
        base.iri("extensions/unjustified-reveals"): unjustified,
        base.iri("extensions/seed"): debrief.seed,
        base.iri("extensions/content-hash"): debrief.scenario.hash,
    });
    let context = context_for(false, attempt_extensions);
    let success = debrief.outcome == Outcome::Resolved;

    let mut out = vec![json!({
        // Its context carries the ratings, which evaluator grades change: a grade makes it new.
        "id": statement_id(&registration, "attempted", debrief.grades.len()),
        "actor": actor, "verb": verb("attempted"), "object": object, "context": context,
        "timestamp": timestamp(debrief.started_at),
    })];
    for (i, d) in debrief.decisions.iter().enumerate() {
        let label = scenario.map_or_else(|| d.node.to_string(), |s| s.node_label(&d.node).to_owned());
        let earned: i64 = decision_scores(debrief, i).values().map(|v| i64::from(*v)).sum();
        let best: i64 = d.expert.values().map(|v| i64::from(*v)).sum();
        let mut definition = json!({
            "name": lang_map(lang, &label),
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        });
        let mut result = json!({
            "success": earned >= best,
            "completion": true,
            "duration": duration(d.response_ms()),
        });
        match (&d.choice, &d.answer) {
            (Some(choice), _) => {
                definition["interactionType"] = json!("choice");
                definition["choices"] = json!(choices(debrief, i, scenario, lang));
                let expert = scenario.and_then(|s| s.nodes.get(&d.node)).and_then(|n| n.expert_choice());
                if let Some(expert) = expert {
                    definition["correctResponsesPattern"] = json!([expert.id]);
                }
                result["response"] = json!(choice);
            }
            (None, answer) => {
                definition["interactionType"] = json!("long-fill-in");
                if let Some(answer) = answer.as_ref().filter(|_| options.include_answers) {
                    result["response"] = json!(answer.all_text());
                }
            }
        }
        let mut extensions = serde_json::Map::new();
        extensions.insert(base.iri("extensions/decision-number"), json!(i + 1));
        if d.kind == DecisionKind::Timeout {
            extensions.insert(base.iri("extensions/timed-out"), json!(true));
        }
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
        result["extensions"] = Value::Object(extensions);
        let graded = debrief.grades.iter().filter(|g| g.decision == i + 1).count();
        out.push(json!({
            "id": statement_id(&registration, &format!("answered/{}", i + 1), graded),
            "actor": actor,
            "verb": verb("answered"),
            "object": {
                "objectType": "Activity",
                "id": format!("{scenario_iri}/decisions/{}", segment(d.node.as_str())),
                "definition": definition,
            },
            "result": result,
            "context": context_for(true, json!({})),
            "timestamp": timestamp(
                debrief.started_at.saturating_add(d.decided_at).saturating_add(pause_before(debrief, d.decided_at))
            ),
        }));
    }
    let result = json!({
        "score": score(debrief), "success": success, "completion": true, "duration": duration(debrief.duration_ms),
    });
    for name in ["completed", if success { "passed" } else { "failed" }] {
        out.push(json!({
            "id": statement_id(&registration, name, debrief.grades.len()),
            "actor": actor, "verb": verb(name), "object": object, "result": result, "context": context,
            "timestamp": timestamp(debrief.ended_at),
        }));
    }
    out
}

/// Wall-clock time spent paused before drill time `t` (pauses are wall-clock intervals).
fn pause_before(debrief: &Debrief, t: u64) -> u64 {
    let mut paused: u64 = 0;
    for (from, to) in &debrief.pauses {
        let drill_at_pause = from.saturating_sub(debrief.started_at).saturating_sub(paused);
        if drill_at_pause <= t {
            paused = paused.saturating_add(to.saturating_sub(*from));
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

    #[test]
    fn a_base_is_an_http_iri_with_a_host() {
        assert_eq!(IriBase::parse("https://lms.example.org/xapi/").unwrap().as_str(), "https://lms.example.org/xapi");
        assert_eq!(IriBase::parse("http://[2001:db8::1]:8080/x").unwrap().as_str(), "http://[2001:db8::1]:8080/x");
        assert!(IriBase::parse("https://lms.example.org/hot wash").unwrap_err().contains("' '"));
        assert!(IriBase::parse("http://").unwrap_err().contains("no host"));
        assert!(IriBase::parse("https:///x").unwrap_err().contains("no host"));
        assert!(IriBase::parse("ftp://example.org").unwrap_err().contains("https://"));
        assert!(IriBase::parse("https://a.org/x?y=1").unwrap_err().contains("query"));
        assert!(IriBase::parse("https://user:pw@a.org/x").unwrap_err().contains("user"));
        assert!(IriBase::parse("https://a.org/\u{7}").is_err());
        assert!(IriBase::default().is_default());
    }
}
