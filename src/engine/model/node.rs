//! The beats of a drill: nodes with their artefacts, choices, time limits, injects, conditions,
//! effects and written answers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;

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
    /// Stage directions for whoever plays the speaker in a role play: how to say the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// What the person playing the speaker does if the trainee pushes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushback: Option<String>,
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
    pub next: Option<Next>,
    /// A time limit on the choices, with what happens when it runs out.
    #[serde(default)]
    pub timeout: Option<Timeout>,
    /// Interruptions that arrive while this beat waits for the trainee.
    #[serde(default)]
    pub injects: Vec<Inject>,
    /// Where in this beat each red flag shows, for flags the trainee raises: a flag not listed
    /// shows anywhere in the beat (its line, the caller ID, every element of its artefacts).
    /// Left out of the file, and of the content hash, when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spots: BTreeMap<RedFlagId, Vec<Spot>>,
}

/// A place in a beat the trainee can flag as suspicious.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Spot {
    /// The line itself (what is said or shown).
    Line,
    /// The caller ID of who speaks.
    CallerId,
    /// An e-mail's or SMS's sender.
    Sender,
    /// An e-mail's subject.
    Subject,
    /// The body of an e-mail, SMS or note.
    Body,
    /// A link in an e-mail or SMS.
    Link,
    /// The title of a CRM record or a note, or a queue's label.
    Title,
    /// The CRM field with this label.
    Field(String),
}

/// Whether revealing a sensitive CRM field is justified, and what an unjustified reveal costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevealRule {
    /// Revealing the field is justified when this holds at the moment of the reveal.
    pub when: Condition,
    /// Points an unjustified reveal costs.
    #[serde(default = "two_i32")]
    pub cost: i32,
    /// The competency the cost is taken from.
    #[serde(default = "data_protection")]
    pub competency: CompetencyId,
    /// Why the reveal was not needed, for the review.
    pub feedback: String,
}

fn two_i32() -> i32 {
    2
}

fn data_protection() -> CompetencyId {
    CompetencyId::from("data_protection")
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
    /// When revealing this sensitive field is justified. Left out of the file, and of the
    /// content hash, when none (a reveal is then recorded but not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal: Option<Box<RevealRule>>,
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
        // An IPv6 address in brackets keeps its colons: `[2001:db8::1]:8443` opens `[2001:db8::1]`.
        if host.starts_with('[')
            && let Some(end) = host.find(']')
        {
            return &host[..=end];
        }
        host.split(':').next().unwrap_or(host)
    }

    /// The scheme of `href` (`https`, `javascript`…), lower case; none when it names no scheme.
    pub fn scheme(&self) -> Option<String> {
        let (scheme, _) = self.href.split_once(':')?;
        let ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        ok.then(|| scheme.to_ascii_lowercase())
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
    /// The next node or ending (or arms with conditions, tried in order).
    #[serde(default)]
    pub next: Option<Next>,
    /// A weighted random next node instead of `next`.
    #[serde(default)]
    pub branch: Vec<Branch>,
    /// Keeps its written place when the options are shown in a seeded order (for an option
    /// whose place carries meaning, such as "say nothing" last). Left out of the file, and of
    /// the content hash, when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// The harm this choice does, when it does some: no path through it may end resolved.
    /// Left out of the file, and of the content hash, when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harm: Option<Harm>,
}

/// The harm a choice (or letting the clock run out) does.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Harm {
    /// Personal or confidential data reaches someone who must not have it.
    Leak,
    /// Money or goods go where they must not.
    WrongTransfer,
    /// A promise the agent cannot keep (a refund, compensation, a deadline).
    FalsePromise,
    /// Another harm, named by the author.
    Other(String),
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
    /// Where in this inject each red flag shows (as a node's `spots`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spots: BTreeMap<RedFlagId, Vec<Spot>>,
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
    /// A written answer so far covered the checklist item with this id.
    Covered(CheckId),
    /// The trainee has made a choice marked `harm` (or let the clock run out on one).
    HarmDone,
    /// The trainee has flagged something on screen that carries this red flag.
    Spotted(RedFlagId),
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
    /// Where the drill goes after the answer (arms may test what it covered).
    pub next: Next,
    /// A good answer in the author's words, shown in the review beside the trainee's. Left out
    /// of the file, and of the content hash, when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_answer: Option<String>,
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

impl Choice {
    /// The sum of this choice's points over all competencies.
    pub fn total_score(&self) -> i32 {
        self.scores.values().fold(0, |sum, v| sum.saturating_add(*v))
    }
}

impl Node {
    /// The choices with the most points: the expert answers (several on a tie).
    pub fn expert_choices(&self) -> Vec<&Choice> {
        let best = self.choices.iter().map(Choice::total_score).max();
        self.choices.iter().filter(|c| Some(c.total_score()) == best).collect()
    }

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
