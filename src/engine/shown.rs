//! What a host shows: the runner's events turned into presentable entries (speaker display names
//! and caller ids, option texts, ending titles, all filled), the agent's desk as it looks now and
//! what the trainee must do. Every front end (the command line, the desktop app, the review's
//! timeline) draws from these and translates nothing itself.

use std::collections::BTreeSet;

use super::debrief::{Event, Logged, OptionView};
use super::model::{Artefact, CastId, Channel, ChoiceId, InputKind, NodeId, Outcome, Role, Scenario, Spot};
use super::text::fill;
use super::times::DrillMs;

/// The mask shown for a sensitive CRM field until it is revealed.
pub const MASK: &str = "••••••";

/// Who speaks, as the agent's screen shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Their display name, filled.
    pub name: String,
    /// Customer, attacker, colleague… (a front end shows an attacker as a caller).
    pub role: Role,
    /// The number or address the agent's screen shows, filled.
    pub caller_id: Option<String>,
    /// What the agent's screen says about them, filled.
    pub note: Option<String>,
}

/// One entry of the drill as a host shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// Someone speaks or writes.
    Line {
        /// Drill time.
        t: DrillMs,
        /// Over which channel.
        channel: Channel,
        /// Who.
        speaker: Option<Speaker>,
        /// What, filled.
        text: String,
        /// Arrived as an interruption.
        inject: bool,
    },
    /// An artefact appears on the desk (placeholders filled).
    Artefact {
        /// Drill time.
        t: DrillMs,
        /// The artefact.
        artefact: Artefact,
    },
    /// A decision is put: the options in the order shown.
    Choices {
        /// Drill time.
        t: DrillMs,
        /// The decision point.
        node: NodeId,
        /// The options, filled.
        options: Vec<OptionView>,
        /// Drill time by which the trainee must answer.
        deadline: Option<DrillMs>,
        /// The reading allowance before the clock starts, in milliseconds (0 when untimed).
        reading_ms: u64,
    },
    /// A written answer is asked for.
    Input {
        /// Drill time.
        t: DrillMs,
        /// The node asking.
        node: NodeId,
        /// Incident report or free text.
        kind: InputKind,
        /// The prompt, filled.
        prompt: String,
    },
    /// The trainee's choice, or the one taken when time ran out.
    You {
        /// Drill time.
        t: DrillMs,
        /// The choice.
        choice: ChoiceId,
        /// Its text, filled.
        text: String,
        /// Taken because time ran out.
        timed_out: bool,
    },
    /// The trainee handed in a written answer.
    Answered {
        /// Drill time.
        t: DrillMs,
    },
    /// The trainee revealed a masked field.
    Revealed {
        /// Drill time.
        t: DrillMs,
        /// The field's label.
        field: String,
    },
    /// The trainee flagged something as suspicious (whether it was is for the review to say).
    Flagged {
        /// Drill time.
        t: DrillMs,
        /// The flagged event's index among the drill's events.
        event: usize,
        /// What of it.
        spot: Spot,
        /// The text of what was flagged (see [`flagged_text`]).
        what: String,
    },
    /// The drill ended.
    Ended {
        /// Drill time.
        t: DrillMs,
        /// The ending.
        ending: NodeId,
        /// Its title, filled.
        title: String,
        /// Its outcome.
        outcome: Outcome,
    },
}

impl Shown {
    /// When it happened.
    pub fn t(&self) -> DrillMs {
        match self {
            Self::Line { t, .. }
            | Self::Artefact { t, .. }
            | Self::Choices { t, .. }
            | Self::Input { t, .. }
            | Self::You { t, .. }
            | Self::Answered { t }
            | Self::Revealed { t, .. }
            | Self::Flagged { t, .. }
            | Self::Ended { t, .. } => *t,
        }
    }
}

/// The speaker `id` of `scenario`, with this drill's random details filled in.
pub fn speaker(
    scenario: &Scenario,
    fills: &std::collections::BTreeMap<String, String>,
    id: &CastId,
) -> Option<Speaker> {
    let member = scenario.cast.get(id)?;
    let f = |t: &str| fill(t, fills);
    Some(Speaker {
        name: f(&member.name),
        role: member.role,
        caller_id: member.caller_id.as_deref().map(f),
        note: member.note.as_deref().map(f),
    })
}

/// One logged event as a host shows it. Events carry their texts filled already; names, option
/// texts and ending titles are looked up in `scenario` and filled with `fills`, and what a flag
/// names in `events`, the drill's events so far.
pub fn describe(
    scenario: &Scenario,
    fills: &std::collections::BTreeMap<String, String>,
    events: &[Logged],
    logged: &Logged,
) -> Shown {
    let t = DrillMs(logged.t);
    let who = |id: &Option<CastId>| id.as_ref().and_then(|id| speaker(scenario, fills, id));
    match &logged.event {
        Event::Line { speaker, channel, text, .. } => {
            Shown::Line { t, channel: *channel, speaker: who(speaker), text: text.clone(), inject: false }
        }
        Event::Inject { speaker, channel, text, .. } => {
            Shown::Line { t, channel: *channel, speaker: who(speaker), text: text.clone(), inject: true }
        }
        Event::Artefact { artefact, .. } => Shown::Artefact { t, artefact: artefact.clone() },
        Event::Choices { node, options, deadline } => {
            let limit_ms =
                scenario.nodes.get(node).and_then(|n| n.timeout.as_ref()).map(|to| u64::from(to.seconds) * 1000);
            Shown::Choices {
                t,
                node: node.clone(),
                options: options.clone(),
                deadline: deadline.map(DrillMs),
                // What the deadline leaves beyond the time limit is the reading allowance.
                reading_ms: deadline
                    .zip(limit_ms)
                    .map_or(0, |(d, limit)| d.saturating_sub(logged.t).saturating_sub(limit)),
            }
        }
        Event::Input { node, kind, prompt } => {
            Shown::Input { t, node: node.clone(), kind: *kind, prompt: prompt.clone() }
        }
        Event::Chose { choice, .. } | Event::TimedOut { choice, .. } => {
            // `Scenario::choice` covers every choice, timeouts' included.
            let text = scenario.choice(choice).map_or_else(|| choice.to_string(), |(_, c)| fill(&c.text, fills));
            Shown::You { t, choice: choice.clone(), text, timed_out: matches!(logged.event, Event::TimedOut { .. }) }
        }
        Event::Answered { .. } => Shown::Answered { t },
        Event::Revealed { field, .. } => Shown::Revealed { t, field: field.clone() },
        Event::Flagged { event, spot, .. } => Shown::Flagged {
            t,
            event: *event,
            spot: spot.clone(),
            what: flagged_text(scenario, fills, events, *event, spot).unwrap_or_default(),
        },
        Event::Ended { ending, outcome } => {
            let title = scenario.endings.get(ending).map_or_else(|| ending.to_string(), |e| fill(&e.title, fills));
            Shown::Ended { t, ending: ending.clone(), title, outcome: *outcome }
        }
    }
}

/// An artefact as the desk shows it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskItem {
    /// A CRM record.
    Crm {
        /// Record title.
        title: String,
        /// The fields in order.
        fields: Vec<DeskField>,
    },
    /// An e-mail or SMS.
    Message {
        /// SMS rather than e-mail.
        sms: bool,
        /// Sender.
        from: String,
        /// Subject.
        subject: Option<String>,
        /// Body.
        body: String,
        /// The link, if any.
        link: Option<DeskLink>,
    },
    /// A complaint queue, counted up to now.
    Queue {
        /// Label.
        label: String,
        /// Waiting now.
        count: u64,
        /// New per minute.
        per_minute: u32,
    },
    /// A note card.
    Note {
        /// Title.
        title: String,
        /// Body.
        body: String,
    },
}

/// One field of a CRM record on the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskField {
    /// The label.
    pub label: String,
    /// The value shown: the mask while the field is masked.
    pub value: String,
    /// Still masked (sensitive and not revealed).
    pub masked: bool,
}

/// A link in a message, with where it really leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskLink {
    /// The text shown.
    pub text: String,
    /// The address.
    pub href: String,
    /// The domain the address really opens.
    pub real_domain: String,
}

/// The desk at drill time `now`: the artefacts shown so far, newest first, a record shown again
/// replacing its older copy, masked fields masked unless `revealed`, queues counted up to `now`.
pub fn desk<'a>(
    artefacts: impl DoubleEndedIterator<Item = (usize, DrillMs, &'a Artefact)>,
    revealed: &BTreeSet<String>,
    now: DrillMs,
) -> Vec<(usize, DeskItem)> {
    let mut items = Vec::new();
    let mut seen = BTreeSet::new();
    for (event, t, artefact) in artefacts.rev() {
        let item = match artefact {
            Artefact::Crm(r) => DeskItem::Crm {
                title: r.title.clone(),
                fields: r
                    .fields
                    .iter()
                    .map(|f| {
                        let masked = f.sensitive && !revealed.contains(&f.label);
                        let value = if masked { MASK.to_owned() } else { f.value.clone() };
                        DeskField { label: f.label.clone(), value, masked }
                    })
                    .collect(),
            },
            Artefact::Email(m) | Artefact::Sms(m) => DeskItem::Message {
                sms: matches!(artefact, Artefact::Sms(_)),
                from: m.from.clone(),
                subject: m.subject.clone(),
                body: m.body.clone(),
                link: m.link.as_ref().map(|l| DeskLink {
                    text: l.text.clone(),
                    href: l.href.clone(),
                    real_domain: l.real_domain().to_owned(),
                }),
            },
            Artefact::Queue(q) => DeskItem::Queue {
                label: q.label.clone(),
                count: queue_count(q.count, q.per_minute, now.since(t)),
                per_minute: q.per_minute,
            },
            Artefact::Note(n) => DeskItem::Note { title: n.title.clone(), body: n.body.clone() },
        };
        // A record or a queue shown again replaces the older copy.
        let key = match &item {
            DeskItem::Crm { title, .. } => format!("crm:{title}"),
            DeskItem::Queue { label, .. } => format!("queue:{label}"),
            other => format!("{other:?}"),
        };
        if seen.insert(key) {
            items.push((event, item));
        }
    }
    items
}

/// A queue's count `elapsed_ms` after it was shown with `count` waiting and `per_minute` arriving.
pub fn queue_count(count: u32, per_minute: u32, elapsed_ms: u64) -> u64 {
    u64::from(count).saturating_add(u64::from(per_minute).saturating_mul(elapsed_ms) / 60_000)
}

/// A timed decision's clock: first the reading allowance runs, then the time to decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    /// Milliseconds left to decide (all of `allowed_ms` while reading).
    pub left_ms: u64,
    /// Milliseconds allowed to decide, after reading.
    pub allowed_ms: u64,
    /// Milliseconds of the reading allowance left (0 once the clock runs).
    pub reading_left_ms: u64,
}

/// What the trainee must do now.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Choose one of the options (in the order shown), before the countdown runs out if there is one.
    Choices {
        /// The decision point.
        node: NodeId,
        /// The options, filled.
        options: Vec<OptionView>,
        /// The clock of a timed decision.
        countdown: Option<Countdown>,
    },
    /// Write an incident report or a free-text answer.
    Input {
        /// The node asking.
        node: NodeId,
        /// Which kind of answer.
        kind: InputKind,
        /// The prompt, filled.
        prompt: String,
    },
    /// Nothing: the drill has ended.
    Nothing,
}

/// The text of what was flagged: `spot` of the event at index `event` of `events` (the line, the
/// caller ID, the sender, the link with where it really goes, `label: value` of a CRM field —
/// a masked field as its mask). `None` when there is no such event or part.
pub fn flagged_text(
    scenario: &Scenario,
    fills: &std::collections::BTreeMap<String, String>,
    events: &[Logged],
    event: usize,
    spot: &Spot,
) -> Option<String> {
    let logged = events.get(event)?;
    match (&logged.event, spot) {
        (Event::Line { text, .. } | Event::Inject { text, .. }, Spot::Line) => Some(text.clone()),
        (Event::Line { speaker, .. } | Event::Inject { speaker, .. }, Spot::CallerId) => {
            speaker.as_ref().and_then(|id| self::speaker(scenario, fills, id)).and_then(|s| s.caller_id)
        }
        (Event::Artefact { artefact, .. }, spot) => match (artefact, spot) {
            (Artefact::Crm(r), Spot::Field(label)) => r
                .fields
                .iter()
                .find(|f| f.label == *label)
                .map(|f| format!("{}: {}", f.label, if f.sensitive { MASK } else { &f.value })),
            (Artefact::Crm(r), Spot::Title) => Some(r.title.clone()),
            (Artefact::Note(n), Spot::Title) => Some(n.title.clone()),
            (Artefact::Queue(q), Spot::Title) => Some(q.label.clone()),
            (Artefact::Note(n), Spot::Body) => Some(n.body.clone()),
            (Artefact::Email(m) | Artefact::Sms(m), Spot::Sender) => Some(m.from.clone()),
            (Artefact::Email(m), Spot::Subject) => m.subject.clone(),
            (Artefact::Email(m) | Artefact::Sms(m), Spot::Body) => Some(m.body.clone()),
            (Artefact::Email(m) | Artefact::Sms(m), Spot::Link) => {
                m.link.as_ref().map(|l| format!("{} → {}", l.text, l.href))
            }
            _ => None,
        },
        _ => None,
    }
}
