//! The scenario model: what a facilitator writes in a `.ron` file, as Rust types.
//!
//! Every map is a `BTreeMap` so that anything written or hashed from a scenario comes out in the
//! same order on every build. `docs/scenario-format.md` documents each field.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

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
);

/// One drill, as loaded from a scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Stable id of the drill, used in debriefs and file names (`a-z`, `0-9`, `-`, `_`).
    pub id: String,
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
    /// The beats of the drill.
    pub nodes: BTreeMap<NodeId, Node>,
    /// How the drill can end.
    pub endings: BTreeMap<NodeId, Ending>,
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

/// One beat of the drill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Short name of the decision point for reviews (the node id is used when absent).
    #[serde(default)]
    pub label: Option<String>,
    /// Who speaks (a cast id); none for narration.
    #[serde(default)]
    pub speaker: Option<CastId>,
    /// Over which channel.
    #[serde(default = "default_channel")]
    pub channel: Channel,
    /// What is said or shown; may use placeholders.
    pub text: String,
    /// What appears on the agent's screen with this beat.
    #[serde(default)]
    pub artefacts: Vec<Artefact>,
    /// Warning signs present in this beat.
    #[serde(default)]
    pub red_flags: Vec<RedFlagId>,
    /// The trainee's options (a decision point).
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// A written answer instead of choices.
    #[serde(default)]
    pub input: Option<InputSpec>,
    /// Where the drill goes next when this beat has neither choices nor input.
    #[serde(default)]
    pub next: Option<NodeId>,
    /// A time limit on the choices, with what happens when it runs out.
    #[serde(default)]
    pub timeout: Option<Timeout>,
    /// Interruptions that arrive while this beat waits for the trainee.
    #[serde(default)]
    pub injects: Vec<Inject>,
}

fn default_channel() -> Channel {
    Channel::Call
}

/// Something on the agent's screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Artefact {
    /// A customer record in the CRM.
    Crm(CrmRecord),
    /// An e-mail.
    Email(Message),
    /// A text message.
    Sms(Message),
    /// A counter of waiting complaints.
    Queue(QueueCounter),
    /// A plain note or document.
    Note(NoteCard),
}

/// A customer record in the CRM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrmRecord {
    /// Heading of the record.
    pub title: String,
    /// Its fields in order.
    pub fields: Vec<CrmField>,
}

/// One field of a CRM record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrmField {
    /// Field name.
    pub label: String,
    /// Field value; may use placeholders.
    pub value: String,
    /// Masked on screen until the trainee deliberately reveals it.
    #[serde(default)]
    pub sensitive: bool,
}

/// An e-mail or SMS.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Sender as displayed.
    pub from: String,
    /// Subject line (e-mail only).
    #[serde(default)]
    pub subject: Option<String>,
    /// Body text.
    pub body: String,
    /// A link in the message.
    #[serde(default)]
    pub link: Option<Link>,
}

/// A link whose shown text may differ from where it really goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the message shows.
    pub text: String,
    /// The address it really opens.
    pub href: String,
}

impl Link {
    /// The host the link really opens (`href` without scheme, path, port or user).
    pub fn real_domain(&self) -> &str {
        let rest = self.href.split_once("://").map_or(self.href.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        host.split(':').next().unwrap_or(host)
    }
}

/// A counter of waiting complaints that climbs while the beat is on screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueCounter {
    /// What is counted.
    pub label: String,
    /// The count when the beat starts.
    pub count: u32,
    /// How many arrive per minute.
    #[serde(default)]
    pub per_minute: u32,
}

/// A plain note or document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteCard {
    /// Heading.
    pub title: String,
    /// Text.
    pub body: String,
}

/// One option at a decision point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Unique id in the scenario.
    pub id: ChoiceId,
    /// What the trainee says or does.
    pub text: String,
    /// Offered only when this holds.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Changes to variables.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Points per competency (negative for harm).
    #[serde(default)]
    pub scores: BTreeMap<CompetencyId, i32>,
    /// Red flags this choice shows the trainee caught.
    #[serde(default)]
    pub catches: Vec<RedFlagId>,
    /// Why this choice is right or wrong, for the review.
    #[serde(default)]
    pub feedback: String,
    /// Law or policy the feedback rests on.
    #[serde(default)]
    pub cites: Vec<RefId>,
    /// The next node or ending.
    #[serde(default)]
    pub next: Option<NodeId>,
    /// A weighted random next node instead of `next`.
    #[serde(default)]
    pub branch: Vec<Branch>,
}

/// One arm of a weighted random branch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// Relative weight (positive).
    pub weight: u32,
    /// Where this arm goes.
    pub next: NodeId,
}

/// A time limit on a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeout {
    /// Seconds the trainee has.
    pub seconds: u32,
    /// What happens when time runs out: scored and reviewed like a choice.
    pub then: Choice,
}

/// An interruption that arrives while a beat waits for the trainee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Id, unique in its node.
    pub id: InjectId,
    /// Arrives this many seconds after the beat starts.
    #[serde(default)]
    pub after: Option<u32>,
    /// Arrives as soon as this holds.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Who speaks.
    #[serde(default)]
    pub speaker: Option<CastId>,
    /// Over which channel.
    #[serde(default = "default_inject_channel")]
    pub channel: Channel,
    /// What arrives.
    pub text: String,
    /// What appears on screen with it.
    #[serde(default)]
    pub artefacts: Vec<Artefact>,
    /// Warning signs it carries.
    #[serde(default)]
    pub red_flags: Vec<RedFlagId>,
    /// Changes to variables when it arrives.
    #[serde(default)]
    pub effects: Vec<Effect>,
}

fn default_inject_channel() -> Channel {
    Channel::System
}

/// A condition on variables and on what has happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The variable equals the value.
    Is(VarId, Value),
    /// The integer variable is at least this.
    AtLeast(VarId, i64),
    /// The integer variable is at most this.
    AtMost(VarId, i64),
    /// The trainee has caught this red flag.
    Caught(RedFlagId),
    /// The drill has visited this node.
    Visited(NodeId),
    /// The trainee has made this choice.
    Chose(ChoiceId),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
}

/// A change to a variable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Set the variable to the value.
    Set(VarId, Value),
    /// Add to an integer variable (negative to subtract).
    Add(VarId, i64),
}

/// A written answer the trainee gives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    /// Incident report (three sections) or one free-text answer.
    pub kind: InputKind,
    /// What the trainee is asked.
    pub prompt: String,
    /// What a good answer covers.
    #[serde(default)]
    pub checklist: Vec<CheckItem>,
    /// Where the drill goes after the answer.
    pub next: NodeId,
}

/// The shape of a written answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum InputKind {
    /// Event description, scope of impact, measures taken.
    IncidentReport,
    /// One free-text answer.
    FreeText,
}

/// A section of an incident report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReportSection {
    /// What happened.
    Description,
    /// Who and what is affected.
    Scope,
    /// What has been done.
    Measures,
}

impl ReportSection {
    /// The three sections in report order.
    pub const ALL: [ReportSection; 3] = [Self::Description, Self::Scope, Self::Measures];
}

/// One thing a good written answer covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckItem {
    /// Id, unique in its input node.
    pub id: CheckId,
    /// What the answer should cover, as shown in the review.
    pub text: String,
    /// The section of an incident report it belongs in (any section when absent).
    #[serde(default)]
    pub section: Option<ReportSection>,
    /// The item counts as covered when the answer contains any of these (case-insensitive).
    pub any: Vec<String>,
    /// The competency the item scores.
    pub competency: CompetencyId,
    /// Points when covered.
    #[serde(default = "one_i32")]
    pub points: i32,
}

fn one_i32() -> i32 {
    1
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
    /// random branch), as (node, choice) pairs; each node at most once.
    pub fn expert_path(&self) -> Vec<(&NodeId, &Choice)> {
        let mut path = Vec::new();
        let mut at = Some(&self.start);
        let mut seen = std::collections::BTreeSet::new();
        while let Some(id) = at.take() {
            if !seen.insert(id) {
                break;
            }
            let Some(node) = self.nodes.get(id) else { break };
            if let Some(choice) = node.expert_choice() {
                path.push((id, choice));
                at = choice.next.as_ref().or_else(|| choice.branch.iter().max_by_key(|b| b.weight).map(|b| &b.next));
            } else {
                at = node.next.as_ref().or_else(|| node.input.as_ref().map(|i| &i.next));
            }
        }
        path
    }
}

impl Choice {
    /// The sum of this choice's points over all competencies.
    pub fn total_score(&self) -> i32 {
        self.scores.values().sum()
    }
}

impl Node {
    /// The best choice here by total points (first on ties): the expert answer.
    pub fn expert_choice(&self) -> Option<&Choice> {
        let mut best: Option<&Choice> = None;
        for choice in &self.choices {
            if best.is_none_or(|b| choice.total_score() > b.total_score()) {
                best = Some(choice);
            }
        }
        best
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
        };
        let node = Node {
            label: None,
            speaker: None,
            channel: Channel::Call,
            text: String::new(),
            artefacts: vec![],
            red_flags: vec![],
            choices: vec![choice("a", 1), choice("b", 3), choice("c", 3)],
            input: None,
            next: None,
            timeout: None,
            injects: vec![],
        };
        assert_eq!(node.expert_choice().map(|c| c.id.as_str()), Some("b"));
    }
}
