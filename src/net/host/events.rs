//! What happens at the host, as the facilitator's screen and log say it.

use super::super::{SetPlace, ToHost};
use crate::engine::i18n::Tr;

/// What happened at the host, for the facilitator's screen and log.
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// A participant was admitted (again, after a lost connection, when `again`).
    Joined {
        /// Who.
        name: String,
        /// A rejoin.
        again: bool,
    },
    /// A connection was turned away.
    Turned {
        /// The name it claimed.
        name: String,
        /// Why.
        why: String,
    },
    /// A participant's connection ended.
    Left {
        /// Who.
        name: String,
    },
    /// The team drill or role play has everyone and has started.
    Started,
    /// A request was accepted.
    Accepted {
        /// Who asked: a name, or `None` for the facilitator.
        who: Option<String>,
        /// What.
        request: ToHost,
    },
    /// A request was refused by the session.
    Refused {
        /// Who asked.
        who: Option<String>,
        /// Why.
        why: String,
    },
    /// A message that is no request at all was dropped.
    Malformed {
        /// From whom.
        who: String,
        /// Why.
        why: String,
    },
    /// A drill ended.
    DrillEnded {
        /// Whose (the team's or the trainee's in a team drill or role play).
        name: String,
    },
    /// The set went on to its next drill.
    NextDrill {
        /// Where the set stands now.
        place: SetPlace,
        /// The drill's title.
        title: String,
    },
    /// The session could not be saved.
    SaveFailed(String),
}

impl HostEvent {
    /// The event as the facilitator's log words it; `None` for an accepted request (the console
    /// shows its effect).
    pub fn words(&self, tr: &Tr) -> Option<String> {
        let facilitator = || tr.t("cli-session-facilitator");
        Some(match self {
            Self::Joined { name, again: false } => tr.t_text("cli-host-joined", &[("name", name)]),
            Self::Joined { name, again: true } => tr.t_text("cli-host-rejoined", &[("name", name)]),
            Self::Turned { name, why } => tr.t_text("cli-host-turned", &[("name", name), ("why", why)]),
            Self::Left { name } => tr.t_text("cli-host-left", &[("name", name)]),
            Self::Started => tr.t("cli-host-started"),
            Self::Accepted { .. } => return None,
            Self::Refused { who, why } => {
                let who = who.clone().unwrap_or_else(facilitator);
                tr.t_text("cli-host-refused", &[("who", &who), ("why", why)])
            }
            Self::Malformed { who, why } => tr.t_text("cli-host-malformed", &[("who", who), ("why", why)]),
            Self::DrillEnded { name } => tr.t_text("cli-host-drill-ended", &[("name", name)]),
            Self::NextDrill { place, title } => {
                tr.t_text("cli-host-next-drill", &[("place", &place.words(tr)), ("title", title)])
            }
            Self::SaveFailed(why) => why.clone(),
        })
    }
}
