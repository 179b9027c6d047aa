//! Where the drill goes next: one node or ending, or arms tried in order, each with a condition.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::*;

/// Where a choice, a timeout, a written answer or a plain beat leads.
///
/// Written as one id (`next: "verify"`) or as a list of arms tried in order, the first whose
/// `when` holds being taken and the last having no `when`:
/// `next: [(when: Caught("spoofed_id"), to: "good"), (to: "partial")]`. One id is written and
/// hashed exactly as before arms existed, so files without arms keep their content hash.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Always this node or ending.
    To(NodeId),
    /// The first arm whose condition holds.
    Arms(Vec<Arm>),
}

/// One arm of a conditional `next`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arm {
    /// Taken when this holds; the last arm has none and is taken otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The node or ending this arm leads to.
    pub to: NodeId,
}

impl Next {
    /// Every node or ending this can lead to, in the order written.
    pub fn targets(&self) -> impl Iterator<Item = &NodeId> {
        let (one, arms) = match self {
            Self::To(id) => (Some(id), &[][..]),
            Self::Arms(arms) => (None, arms.as_slice()),
        };
        one.into_iter().chain(arms.iter().map(|a| &a.to))
    }

    /// Where this leads when `holds` says which conditions hold: the single target, or the
    /// first arm whose condition holds (an arm without one always does). `None` when no arm
    /// holds, which the validator rules out by requiring the last arm to be unconditional.
    pub fn resolve(&self, mut holds: impl FnMut(&Condition) -> bool) -> Option<&NodeId> {
        match self {
            Self::To(id) => Some(id),
            Self::Arms(arms) => arms.iter().find(|a| a.when.as_ref().is_none_or(&mut holds)).map(|a| &a.to),
        }
    }
}

impl From<&str> for Next {
    fn from(id: &str) -> Self {
        Self::To(NodeId::from(id))
    }
}

impl Serialize for Next {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::To(id) => id.serialize(serializer),
            Self::Arms(arms) => arms.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Next {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NextVisitor)
    }
}

struct NextVisitor;

impl<'de> Visitor<'de> for NextVisitor {
    type Value = Next;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a node or ending id, or a list of arms `(when: …, to: \"…\")`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Next, E> {
        Ok(Next::To(NodeId::from(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Next, E> {
        Ok(Next::To(NodeId(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Next, A::Error> {
        let mut arms = Vec::new();
        while let Some(arm) = seq.next_element::<Arm>()? {
            arms.push(arm);
        }
        Ok(Next::Arms(arms))
    }
}

/// What a condition can ask about a drill so far: the runner's state gives it for a drill being
/// played, the expert path for the expert's own walk through the scenario.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// The variables' current values.
    pub variables: &'a BTreeMap<VarId, Value>,
    /// Red flags caught through a choice.
    pub caught: &'a BTreeSet<RedFlagId>,
    /// Nodes the drill has visited.
    pub visited: &'a BTreeSet<NodeId>,
    /// Choices made.
    pub chosen: &'a BTreeSet<ChoiceId>,
    /// Checklist items a written answer covered.
    pub covered: &'a BTreeSet<CheckId>,
    /// Red flags spotted by flagging what carried them.
    pub spotted: &'a BTreeSet<RedFlagId>,
    /// Whether a harmful choice has been made.
    pub harm_done: bool,
}

impl Condition {
    /// Does the condition hold for these facts?
    pub fn holds(&self, facts: &Facts<'_>) -> bool {
        match self {
            Self::Is(var, value) => facts.variables.get(var) == Some(value),
            Self::AtLeast(var, n) => matches!(facts.variables.get(var), Some(Value::Int(v)) if v >= n),
            Self::AtMost(var, n) => matches!(facts.variables.get(var), Some(Value::Int(v)) if v <= n),
            Self::Caught(flag) => facts.caught.contains(flag),
            Self::Visited(node) => facts.visited.contains(node),
            Self::Chose(choice) => facts.chosen.contains(choice),
            Self::Not(inner) => !inner.holds(facts),
            Self::All(list) => list.iter().all(|c| c.holds(facts)),
            Self::Any(list) => list.iter().any(|c| c.holds(facts)),
            Self::Covered(item) => facts.covered.contains(item),
            Self::HarmDone => facts.harm_done,
            Self::Spotted(flag) => facts.spotted.contains(flag),
        }
    }
}

/// Which of the drill-so-far facts a scenario's conditions ask about beyond variables, choices,
/// caught flags and visited nodes: what the explorer must keep apart when it merges states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asks {
    /// Some condition tests `Covered(…)`.
    pub covered: bool,
    /// Some condition tests `Spotted(…)`.
    pub spotted: bool,
    /// Some condition tests `HarmDone`.
    pub harm: bool,
}

impl Asks {
    fn note(&mut self, cond: &Condition) {
        match cond {
            Condition::Covered(_) => self.covered = true,
            Condition::Spotted(_) => self.spotted = true,
            Condition::HarmDone => self.harm = true,
            Condition::Not(inner) => self.note(inner),
            Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| self.note(c)),
            Condition::Is(..)
            | Condition::AtLeast(..)
            | Condition::AtMost(..)
            | Condition::Caught(_)
            | Condition::Visited(_)
            | Condition::Chose(_) => {}
        }
    }

    fn note_next(&mut self, next: Option<&Next>) {
        if let Some(Next::Arms(arms)) = next {
            arms.iter().filter_map(|a| a.when.as_ref()).for_each(|c| self.note(c));
        }
    }

    /// What the conditions of `scenario` ask about (choices, timeouts, injects, `next` arms and
    /// reveal rules).
    pub fn of(scenario: &Scenario) -> Self {
        let mut asks = Self::default();
        for node in scenario.nodes.values() {
            asks.note_next(node.next.as_ref());
            asks.note_next(node.input.as_ref().map(|i| &i.next));
            for choice in node.choices.iter().chain(node.timeout.as_ref().map(|t| &t.then)) {
                choice.when.iter().for_each(|c| asks.note(c));
                asks.note_next(choice.next.as_ref());
            }
            for inject in &node.injects {
                inject.when.iter().for_each(|c| asks.note(c));
            }
            for artefact in node.artefacts.iter().chain(node.injects.iter().flat_map(|i| &i.artefacts)) {
                if let Artefact::Crm(record) = artefact {
                    record.fields.iter().filter_map(|f| f.reveal.as_ref()).for_each(|r| asks.note(&r.when));
                }
            }
        }
        asks
    }
}
