//! A team's votes at the decisions of a drill played together: what each member voted and how
//! sure they were, how the team's answer was reached, and how aligned the team was. The team
//! drill makes them ([`super::team_drill`]); the team's debrief keeps them, so the team review
//! can set alignment and confidence against correctness across sessions.

use serde::{Deserialize, Serialize};

use super::i18n::Tr;
use super::model::{ChoiceId, NodeId};
use super::times::WallMs;

/// How sure a member is of their vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// Sure.
    Sure,
    /// Not sure.
    NotSure,
}

/// One member's vote on a decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// Who voted.
    pub member: String,
    /// For which option.
    pub choice: ChoiceId,
    /// How sure they were, if they said.
    pub confidence: Option<Confidence>,
    /// When (wall clock).
    pub at: WallMs,
}

/// How aligned the team was on a decision: the share of the votes cast that went to the
/// option most voted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Alignment {
    /// At least 60 % agree.
    Unified,
    /// The largest group has 40 % to 59 %.
    Split,
    /// The largest group has under 40 %, or nobody voted.
    Divided,
}

impl Alignment {
    /// The alignment of `top` votes for the leading option out of `cast`.
    pub fn of(top: usize, cast: usize) -> Self {
        if cast == 0 {
            return Self::Divided;
        }
        let percent = top.saturating_mul(100) / cast;
        if percent >= 60 {
            Self::Unified
        } else if percent >= 40 {
            Self::Split
        } else {
            Self::Divided
        }
    }
}

/// How the team's answer to a decision was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Taken {
    /// One option had most votes.
    Majority,
    /// A tie, broken by the team lead's vote.
    LeadBrokeTie,
    /// A tie, broken by the facilitator.
    FacilitatorBrokeTie,
    /// Time ran out with no vote, or with a tie nobody broke: the drill's timeout was taken.
    TimedOut,
}

/// A decision the team took, with its votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDecision {
    /// The decision point.
    pub node: NodeId,
    /// The options offered, in the order shown.
    pub offered: Vec<ChoiceId>,
    /// Every member's last vote.
    pub votes: Vec<Vote>,
    /// The team's answer (`None`: the timeout was taken).
    pub answer: Option<ChoiceId>,
    /// How it was reached.
    pub taken: Taken,
    /// How aligned the votes were.
    pub alignment: Alignment,
    /// The expert answers: the options offered with the highest score.
    pub expert: Vec<ChoiceId>,
}

impl TeamDecision {
    /// The members who voted for an expert answer.
    pub fn chose_expert(&self) -> Vec<&str> {
        self.votes.iter().filter(|v| self.expert.contains(&v.choice)).map(|v| v.member.as_str()).collect()
    }

    /// The members who were sure and voted for an answer that is not the expert's: the risk to
    /// talk about in the hot wash.
    pub fn sure_and_wrong(&self) -> Vec<&str> {
        self.votes
            .iter()
            .filter(|v| v.confidence == Some(Confidence::Sure) && !self.expert.contains(&v.choice))
            .map(|v| v.member.as_str())
            .collect()
    }
}

/// The name of an alignment in the catalogue's language.
pub fn alignment_name(a: Alignment, tr: &Tr) -> String {
    tr.t(match a {
        Alignment::Unified => "team-vote-unified",
        Alignment::Split => "team-vote-split",
        Alignment::Divided => "team-vote-divided",
    })
}

/// How a team's answer was reached, in the catalogue's language.
pub fn taken_name(taken: Taken, tr: &Tr) -> String {
    tr.t(match taken {
        Taken::Majority => "team-votes-majority",
        Taken::LeadBrokeTie => "team-votes-lead-broke-tie",
        Taken::FacilitatorBrokeTie => "team-votes-facilitator-broke-tie",
        Taken::TimedOut => "team-votes-timed-out",
    })
}

/// A member's vote as the reviews and the screens say it: who, for what (`option`, as shown to
/// the reader), and how sure.
pub fn vote_words(vote: &Vote, option: &str, tr: &Tr) -> String {
    let id = match vote.confidence {
        Some(Confidence::Sure) => "team-vote-sure",
        Some(Confidence::NotSure) => "team-vote-not-sure",
        None => "team-vote",
    };
    tr.t_text(id, &[("member", &vote.member), ("option", &option)])
}
