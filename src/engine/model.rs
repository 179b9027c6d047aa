//! The scenario model: what a facilitator writes in a `.ron` file, as Rust types.
//!
//! Every map is a `BTreeMap` so that anything written or hashed from a scenario comes out in the
//! same order on every build. `docs/scenario-format.md` documents each field.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod node;
mod route;

pub use node::*;
pub use route::*;

/// The scenario format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the scenario.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    )*};
}

id_type!(
    /// The id of a node or an ending (they share one namespace, so `next` can name either).
    NodeId,
    /// The id of a choice, unique in its scenario.
    ChoiceId,
    /// The id of a red flag declared in `red_flags`.
    RedFlagId,
    /// The id of a competency: one of the six standard ones or one declared in `competencies`.
    CompetencyId,
    /// The id of a variable declared in `variables`.
    VarId,
    /// The id of a cast member declared in `cast`.
    CastId,
    /// The id of a law or policy reference declared in `references`.
    RefId,
    /// The id of a checklist item of an input node.
    CheckId,
    /// The id of an inject, unique in its node.
    InjectId,
    /// The id of a scenario: the same in every language of a drill, in debriefs and file names.
    ScenarioId,
);

impl std::ops::Deref for ScenarioId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ScenarioId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ScenarioId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for ScenarioId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<ScenarioId> for String {
    fn eq(&self, other: &ScenarioId) -> bool {
        *self == other.0
    }
}

impl PartialEq<ScenarioId> for &str {
    fn eq(&self, other: &ScenarioId) -> bool {
        *self == other.0
    }
}

/// One drill, as loaded from a scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Stable id of the drill, used in debriefs and file names (`a-z`, `0-9`, `-`, `_`).
    pub id: ScenarioId,
    /// Revision of this drill, raised by the author when its content changes.
    #[serde(default = "one")]
    pub version: u32,
    /// Title shown in the library and the review.
    pub title: String,
    /// What kind of crisis this drill rehearses.
    pub category: Category,
    /// Language of the drill's text: `en` or `zh-CN`.
    pub language: String,
    /// How hard the drill is.
    pub difficulty: Difficulty,
    /// Estimated minutes to play.
    pub minutes: u32,
    /// What the trainee reads before starting.
    pub briefing: Briefing,
    /// What the drill teaches; the review compares against these.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Law and policy that feedback cites.
    #[serde(default)]
    pub references: BTreeMap<RefId, Reference>,
    /// Competencies beyond the six standard ones.
    #[serde(default)]
    pub competencies: BTreeMap<CompetencyId, CompetencyDef>,
    /// Who speaks.
    #[serde(default)]
    pub cast: BTreeMap<CastId, CastMember>,
    /// Variables with their initial values.
    #[serde(default)]
    pub variables: BTreeMap<VarId, Value>,
    /// Seeded random data for `{placeholders}` in text.
    #[serde(default)]
    pub random: BTreeMap<String, RandomData>,
    /// Warning signs the trainee should catch.
    #[serde(default)]
    pub red_flags: BTreeMap<RedFlagId, RedFlagDef>,
    /// The first node.
    pub start: NodeId,
    /// The competency that spotting red flags (flagging what carries them) scores; fraud
    /// recognition when none. Left out of the file, and of the content hash, when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spotting: Option<CompetencyId>,
    /// The beats of the drill.
    pub nodes: BTreeMap<NodeId, Node>,
    /// How the drill can end.
    pub endings: BTreeMap<NodeId, Ending>,
    /// Injects the facilitator sends by hand during a live session, at whatever decision the
    /// trainee faces (a colleague calling in, the customer ringing back, news breaking); they take
    /// no `after` or `when`. Left out of the file, and of the content hash, when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilitator_injects: Vec<Inject>,
    /// The content hash, computed on first use and kept.
    #[serde(skip)]
    hash: HashCache,
}

fn one() -> u32 {
    1
}

/// A scenario's content hash once computed. A copy of the scenario starts without it (the copy
/// may be edited), and it never makes two scenarios unequal. A scenario is not to be edited in
/// place after its hash was asked for.
#[derive(Debug, Default)]
struct HashCache(std::sync::OnceLock<String>);

impl Clone for HashCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for HashCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Feeds text written by a serializer straight into a SHA-256 digest.
struct HashWriter(sha2::Sha256);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        sha2::Digest::update(&mut self.0, s.as_bytes());
        Ok(())
    }
}

impl Scenario {
    /// The content hash: SHA-256 of the scenario's canonical RON form (so comments and layout do
    /// not change it), as lowercase hex. Computed the first time it is asked for, then kept, so
    /// starting a drill costs the same whatever the scenario's size.
    pub fn content_hash(&self) -> &str {
        self.hash.0.get_or_init(|| {
            use sha2::Digest as _;
            let mut writer = HashWriter(sha2::Sha256::new());
            if ron::ser::to_writer(&mut writer, self).is_err() {
                // A scenario always serialises; should it not, the hash is that of no text.
                writer = HashWriter(sha2::Sha256::new());
            }
            writer.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
        })
    }
}

/// The kind of crisis a drill rehearses.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// A scam or impersonation call.
    FraudCall,
    /// Phishing e-mail, SMS or look-alike site.
    Phishing,
    /// Pressure or pretexting to obtain data or access.
    SocialEngineering,
    /// A wave of complaints about one defect or outage.
    MassComplaint,
    /// Personal data exposed, inside or outside the company.
    DataLeak,
    /// A customer in danger asking for help.
    UrgentHelp,
    /// Crisis management for team leads.
    CrisisManagement,
    /// Any other kind, named by the author.
    Other(String),
}

impl Category {
    /// The built-in categories, in the order the library lists them.
    pub const KNOWN: [Category; 7] = [
        Self::FraudCall,
        Self::Phishing,
        Self::SocialEngineering,
        Self::MassComplaint,
        Self::DataLeak,
        Self::UrgentHelp,
        Self::CrisisManagement,
    ];

    /// A stable machine name (`fraud_call`, or the author's own for `Other`).
    pub fn key(&self) -> &str {
        match self {
            Self::FraudCall => "fraud_call",
            Self::Phishing => "phishing",
            Self::SocialEngineering => "social_engineering",
            Self::MassComplaint => "mass_complaint",
            Self::DataLeak => "data_leak",
            Self::UrgentHelp => "urgent_help",
            Self::CrisisManagement => "crisis_management",
            Self::Other(name) => name,
        }
    }
}

/// How hard a drill is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    /// For new agents.
    Introductory,
    /// For agents with some experience.
    Intermediate,
    /// For experienced agents and team leads.
    Advanced,
}

/// What the trainee reads before the drill starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// Who the trainee plays.
    pub role: String,
    /// The situation at the start.
    pub situation: String,
    /// What the trainee is allowed to do (tools, authority).
    #[serde(default)]
    pub allowed: Vec<String>,
}

/// A law or policy that feedback cites.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Short citation, e.g. "PIPL Art. 28".
    pub title: String,
    /// What it says, in the author's words.
    pub text: String,
}

/// A competency declared by a scenario on top of the standard six.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyDef {
    /// Name shown in the review.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub description: String,
}

/// Someone who speaks in the drill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CastMember {
    /// Display name; may use placeholders.
    pub name: String,
    /// What part they play.
    pub role: Role,
    /// Number or address shown as caller ID; may use placeholders.
    #[serde(default)]
    pub caller_id: Option<String>,
    /// A line about them for the speaker card.
    #[serde(default)]
    pub note: Option<String>,
    /// What they want, for whoever plays them in a role play (their role card says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants: Option<String>,
}

/// The part a cast member plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A genuine customer.
    Customer,
    /// Someone attacking the customer or the company.
    Attacker,
    /// A fellow agent.
    Colleague,
    /// The trainee's supervisor or team lead.
    Supervisor,
    /// A system or tool.
    System,
    /// Anyone else (police, bank, hotel…).
    Other,
}

/// A value of a variable.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Value {
    /// True or false.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A piece of text.
    Text(String),
}

impl Value {
    /// The name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Bool(_) => "bool",
            Self::Int(_) => "integer",
            Self::Text(_) => "text",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Text(t) => f.write_str(t),
        }
    }
}

/// How a `{placeholder}` is filled when a drill starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RandomData {
    /// One of these texts.
    OneOf(Vec<String>),
    /// A whole number from `min` to `max` inclusive.
    Range(i64, i64),
    /// A pattern: `#` becomes a digit, `@` an upper-case letter, anything else stays.
    Pattern(String),
}

/// A warning sign the trainee should catch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagDef {
    /// Short name.
    pub name: String,
    /// Why it is a warning sign.
    pub description: String,
}

/// Over what a line reaches the agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// A phone call.
    Call,
    /// A chat window.
    Chat,
    /// An e-mail.
    Email,
    /// A text message.
    Sms,
    /// A notice from a system or tool.
    System,
}

/// How a drill can end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// Resolved, partially resolved or harmed.
    pub outcome: Outcome,
    /// Short title.
    pub title: String,
    /// What the outcome means for the customer and the company.
    pub summary: String,
}

/// The result of a drill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// The situation was handled.
    Resolved,
    /// Handled in part.
    PartiallyResolved,
    /// Someone came to harm.
    Harmed,
}

impl Outcome {
    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Resolved => "resolved",
            Self::PartiallyResolved => "partially_resolved",
            Self::Harmed => "harmed",
        }
    }
}

/// The six competencies the course assesses, in review order.
pub const STANDARD_COMPETENCIES: [&str; 6] = [
    "identity_verification",
    "data_protection",
    "fraud_recognition",
    "escalation_reporting",
    "crisis_communication",
    "procedure_compliance",
];

impl Scenario {
    /// Is `id` a node or an ending?
    pub fn has_target(&self, id: &NodeId) -> bool {
        self.nodes.contains_key(id) || self.endings.contains_key(id)
    }

    /// Is `id` a standard competency or one this scenario declares?
    pub fn has_competency(&self, id: &CompetencyId) -> bool {
        STANDARD_COMPETENCIES.contains(&id.as_str()) || self.competencies.contains_key(id)
    }

    /// Every choice in the scenario with the node it belongs to, timeouts included.
    pub fn all_choices(&self) -> impl Iterator<Item = (&NodeId, &Choice)> {
        self.nodes.iter().flat_map(|(id, node)| {
            node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then)).map(move |c| (id, c))
        })
    }

    /// The choice with this id, and its node.
    pub fn choice(&self, id: &ChoiceId) -> Option<(&NodeId, &Choice)> {
        self.all_choices().find(|(_, c)| &c.id == id)
    }

    /// The label of a node for reviews: its `label`, or its id.
    pub fn node_label<'a>(&'a self, id: &'a NodeId) -> &'a str {
        self.nodes.get(id).and_then(|n| n.label.as_deref()).unwrap_or(id.as_str())
    }
}

impl Scenario {
    /// The expert path from the start: the expert answer at each decision (the heaviest arm of a
    /// random branch), as (node, choice) pairs; each node at most once. A conditional `next` is
    /// followed as the expert's own walk decides it: variables set by the expert's choices, the
    /// red flags they catch, the nodes and choices on the way, every checklist item of a written
    /// answer covered, every red flag shown spotted, and harm only if the expert choice does some.
    pub fn expert_path(&self) -> Vec<(&NodeId, &Choice)> {
        let mut path = Vec::new();
        let mut walk = ExpertWalk { variables: self.variables.clone(), ..ExpertWalk::default() };
        let mut at = Some(&self.start);
        let mut seen = std::collections::BTreeSet::new();
        while let Some(id) = at.take() {
            if !seen.insert(id) {
                break;
            }
            let Some(node) = self.nodes.get(id) else { break };
            walk.visited.insert(id.clone());
            walk.shown.extend(node.red_flags.iter().cloned());
            walk.shown.extend(node.injects.iter().flat_map(|i| i.red_flags.iter().cloned()));
            if let Some(choice) = node.expert_choice() {
                path.push((id, choice));
                walk.take(choice);
                at = match &choice.next {
                    Some(next) => next.resolve(|c| walk.holds(c)),
                    None => choice.branch.iter().max_by_key(|b| b.weight).map(|b| &b.next),
                };
            } else {
                if let Some(input) = &node.input {
                    walk.covered.extend(input.checklist.iter().map(|i| i.id.clone()));
                }
                at = node
                    .next
                    .as_ref()
                    .or_else(|| node.input.as_ref().map(|i| &i.next))
                    .and_then(|n| n.resolve(|c| walk.holds(c)));
            }
        }
        path
    }
}

/// What the expert's own walk through a scenario has done, for the conditions on its way.
#[derive(Default)]
struct ExpertWalk {
    variables: BTreeMap<VarId, Value>,
    caught: std::collections::BTreeSet<RedFlagId>,
    visited: std::collections::BTreeSet<NodeId>,
    chosen: std::collections::BTreeSet<ChoiceId>,
    covered: std::collections::BTreeSet<CheckId>,
    shown: std::collections::BTreeSet<RedFlagId>,
    harm: bool,
}

impl ExpertWalk {
    /// Does `cond` hold on the walk so far (every red flag shown counts as spotted)?
    fn holds(&self, cond: &Condition) -> bool {
        cond.holds(&Facts {
            variables: &self.variables,
            caught: &self.caught,
            visited: &self.visited,
            chosen: &self.chosen,
            covered: &self.covered,
            spotted: &self.shown,
            harm_done: self.harm,
        })
    }

    /// The expert makes `choice`.
    fn take(&mut self, choice: &Choice) {
        self.chosen.insert(choice.id.clone());
        self.caught.extend(choice.catches.iter().cloned());
        self.harm |= choice.harm.is_some();
        for effect in &choice.effects {
            match effect {
                Effect::Set(var, value) => {
                    self.variables.insert(var.clone(), value.clone());
                }
                Effect::Add(var, n) => {
                    if let Some(Value::Int(v)) = self.variables.get_mut(var) {
                        *v = v.saturating_add(*n);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_domain_strips_scheme_path_user_and_port() {
        let link = |href: &str| Link { text: String::new(), href: href.to_owned() };
        assert_eq!(link("https://bank.example.com/login?x=1").real_domain(), "bank.example.com");
        assert_eq!(link("http://bank.com@evil.top:8080/a").real_domain(), "evil.top");
        assert_eq!(link("evil.top/path").real_domain(), "evil.top");
    }

    #[test]
    fn expert_choice_takes_the_highest_total_first_on_ties() {
        let choice = |id: &str, pts: i32| Choice {
            id: ChoiceId::from(id),
            text: String::new(),
            when: None,
            effects: vec![],
            scores: BTreeMap::from([(CompetencyId::from("fraud_recognition"), pts)]),
            catches: vec![],
            feedback: String::new(),
            cites: vec![],
            next: None,
            branch: vec![],
            pinned: false,
            harm: None,
        };
        let node = Node {
            label: None,
            speaker: None,
            channel: Channel::Call,
            text: String::new(),
            direction: None,
            pushback: None,
            artefacts: vec![],
            red_flags: vec![],
            choices: vec![choice("a", 1), choice("b", 3), choice("c", 3)],
            input: None,
            next: None,
            timeout: None,
            injects: vec![],
            spots: BTreeMap::new(),
        };
        assert_eq!(node.expert_choice().map(|c| c.id.as_str()), Some("b"));
    }
}
