//! How a decision is put: its options in the order this drill shows them, and the reading
//! allowance before its clock starts.

use rand::RngExt as _;

use super::{ORDER_STREAMS, Runner, rng_for};
use crate::engine::debrief::{Event, OptionOrder};
use crate::engine::model::{Artefact, Choice, CrmField, CrmRecord, Link, Message, Node, NoteCard, QueueCounter};

impl Runner {
    /// An artefact with this drill's random details filled in, as the desk shows it.
    pub(super) fn fill_artefact(&self, artefact: &Artefact) -> Artefact {
        let f = |s: &str| self.fill(s);
        let message = |m: &Message| Message {
            from: f(&m.from),
            subject: m.subject.as_deref().map(f),
            body: f(&m.body),
            link: m.link.as_ref().map(|l| Link { text: f(&l.text), href: f(&l.href) }),
        };
        match artefact {
            Artefact::Crm(r) => Artefact::Crm(CrmRecord {
                title: f(&r.title),
                fields: r
                    .fields
                    .iter()
                    .map(|x| CrmField { label: f(&x.label), value: f(&x.value), ..x.clone() })
                    .collect(),
            }),
            Artefact::Email(m) => Artefact::Email(message(m)),
            Artefact::Sms(m) => Artefact::Sms(message(m)),
            Artefact::Queue(q) => Artefact::Queue(QueueCounter { label: f(&q.label), ..q.clone() }),
            Artefact::Note(n) => Artefact::Note(NoteCard { title: f(&n.title), body: f(&n.body) }),
        }
    }

    /// A node's choices in the order this drill shows them: as written, or permuted by a draw
    /// from the seed on a stream of its own for each decision (so random branches keep their
    /// draws), pinned choices staying in their written place. Options that a condition unlocks
    /// later in the same decision keep the same order.
    pub(super) fn shown_order<'n>(&self, node: &'n Node) -> Vec<&'n Choice> {
        let mut shown: Vec<&Choice> = node.choices.iter().collect();
        if self.state.order == OptionOrder::AsWritten {
            return shown;
        }
        let slots: Vec<usize> = (0..shown.len()).filter(|&i| !node.choices[i].pinned).collect();
        let mut drawn = slots.clone();
        let decision = u64::try_from(self.state.decisions.len()).unwrap_or(u64::MAX);
        let mut rng = rng_for(self.state.seed, ORDER_STREAMS.saturating_add(decision));
        for i in (1..drawn.len()).rev() {
            drawn.swap(i, rng.random_range(0..=i));
        }
        for (&slot, &from) in slots.iter().zip(&drawn) {
            shown[slot] = &node.choices[from];
        }
        shown
    }

    /// The time an ordinary reader needs for what the decision being put shows: the lines and
    /// artefacts since the last answer, and the options (filled).
    pub(super) fn reading_allowance(&self, options: &[&str]) -> u64 {
        let mut text = String::new();
        for l in self.state.log.get(self.state.read_from..).unwrap_or_default() {
            match &l.event {
                Event::Line { text: line, .. } | Event::Inject { text: line, .. } => text.push_str(line),
                Event::Artefact { artefact, .. } => text.push_str(&artefact_text(artefact)),
                _ => {}
            }
            text.push('\n');
        }
        for option in options {
            text.push_str(&self.fill(option));
            text.push('\n');
        }
        crate::engine::text::reading_ms(&text)
    }
}

/// Every text an artefact shows, for its reading time.
fn artefact_text(artefact: &Artefact) -> String {
    match artefact {
        Artefact::Crm(r) => {
            let fields: Vec<String> = r.fields.iter().map(|f| format!("{} {}", f.label, f.value)).collect();
            format!("{}\n{}", r.title, fields.join("\n"))
        }
        Artefact::Email(m) | Artefact::Sms(m) => {
            let link = m.link.as_ref().map_or(String::new(), |l| l.text.clone());
            format!("{}\n{}\n{}\n{link}", m.from, m.subject.as_deref().unwrap_or_default(), m.body)
        }
        Artefact::Queue(q) => q.label.clone(),
        Artefact::Note(n) => format!("{}\n{}", n.title, n.body),
    }
}
