//! A team drill: one drill played together by a team. At each decision every member votes for
//! an option (with a confidence, sure or not, if they like) while the decision is open; the
//! team's answer is the option with most votes, a tie broken by the member named team lead or else
//! by the facilitator. The decision is taken when every member has voted, when the facilitator
//! closes it, or when its time runs out (the votes cast decide; with none, the drill's timeout is
//! taken). Votes stay hidden while the decision is open and are shown once it is taken. Each
//! decision keeps its votes, how aligned the team was and who chose the expert answer, so the
//! review can set confidence against correctness.
//!
//! The host is authoritative: members and the facilitator send [`TeamRequest`]s, never state; a
//! request from someone not allowed to make it, or about a decision no longer open, is refused.
//! The session is its requests: [`TeamDrill::record`] is saved after every one, and
//! [`TeamDrill::restore`] plays them again to the same state.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::debrief::{Answer, Debrief};
use super::i18n::msg;
use super::model::{ChoiceId, NodeId, Scenario, ScenarioId};
use super::runner::{Pick, RunError, Runner};
pub use super::session::Who;
use super::session::all_or_nothing;
use super::times::WallMs;

pub use super::votes::{Alignment, Confidence, Taken, TeamDecision, Vote};

/// What someone asks of the team drill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamRequest {
    /// A member's vote on the open decision (named, so a vote that arrives late is refused).
    Vote {
        /// The decision voted on.
        node: NodeId,
        /// The option.
        choice: ChoiceId,
        /// How sure.
        confidence: Option<Confidence>,
    },
    /// The team lead or the facilitator breaks a tie between the options most voted for.
    BreakTie {
        /// The decision.
        node: NodeId,
        /// One of the tied options.
        choice: ChoiceId,
    },
    /// The facilitator closes the open decision with the votes cast so far.
    Close {
        /// The decision.
        node: NodeId,
    },
    /// The facilitator sends one of the scenario's `facilitator_injects` to the team.
    Inject {
        /// The inject.
        inject: super::model::InjectId,
    },
    /// The team's written answer, handed in by the team lead or the facilitator.
    Submit {
        /// The node asking.
        node: NodeId,
        /// The answer.
        answer: Answer,
    },
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamRefusal {
    /// The name is not a member of the team.
    NotAMember(String),
    /// Only the facilitator may do this.
    FacilitatorOnly,
    /// Only the team lead or the facilitator may hand in the written answer.
    LeadOnly,
    /// Only members of the team vote.
    MembersOnly,
    /// Nobody has voted on the decision yet.
    NoVotes,
    /// The decision named is not the one open (the request came late or out of order).
    NotOpen(NodeId),
    /// The option is not on offer.
    NotOffered(ChoiceId),
    /// There is no tie to break, or the option is not one of the tied ones.
    NoSuchTie,
    /// A team needs members, each named once, and a lead who is one of them.
    BadTeam,
    /// The runner refused.
    Run(RunError),
}

impl std::fmt::Display for TeamRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::NotAMember(name) => msg!("team-refused-not-member", name = name),
            Self::FacilitatorOnly => msg!("team-refused-facilitator-only"),
            Self::LeadOnly => msg!("team-refused-lead-only"),
            Self::MembersOnly => msg!("team-refused-members-only"),
            Self::NoVotes => msg!("team-refused-no-votes"),
            Self::NotOpen(node) => msg!("team-refused-not-open", node = node),
            Self::NotOffered(choice) => msg!("team-refused-not-offered", choice = choice),
            Self::NoSuchTie => msg!("team-refused-no-tie"),
            Self::BadTeam => msg!("team-refused-bad-team"),
            Self::Run(e) => e.to_string(),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for TeamRefusal {}

impl From<RunError> for TeamRefusal {
    fn from(e: RunError) -> Self {
        Self::Run(e)
    }
}

/// A request with who made it and when: one line of the session's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamLogged {
    /// When (wall clock).
    pub at: WallMs,
    /// Who.
    pub who: Who,
    /// What.
    pub request: TeamRequest,
}

/// Everything needed to take a team drill up again: how it started and every request accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamRecord {
    /// The scenario's id.
    pub scenario: ScenarioId,
    /// Its content hash, so a record is never played on another version.
    pub hash: String,
    /// The seed.
    pub seed: u64,
    /// The members, in the order they joined.
    pub members: Vec<String>,
    /// The team lead, who breaks ties.
    pub lead: Option<String>,
    /// The name the team plays under (in its debrief), fixed when the drill started.
    pub trainee: String,
    /// When the drill started (wall clock).
    pub started_at: WallMs,
    /// Every accepted request, in order.
    pub log: Vec<TeamLogged>,
}

/// A team drill in progress.
#[derive(Clone, Debug)]
pub struct TeamDrill {
    runner: Runner,
    members: Vec<String>,
    lead: Option<String>,
    votes: Vec<Vote>,
    tie: Option<Vec<ChoiceId>>,
    decisions: Vec<TeamDecision>,
    record: TeamRecord,
}

impl TeamDrill {
    /// Starts `scenario` for a team of `members` (names, each once) with `lead`, one of them,
    /// breaking ties.
    pub fn start(
        scenario: Arc<Scenario>,
        seed: u64,
        members: Vec<String>,
        lead: Option<String>,
        now: WallMs,
    ) -> Result<Self, TeamRefusal> {
        let team = msg!("team-drill-trainee", members = members.join(", "));
        Self::start_as(scenario, seed, members, lead, now, team)
    }

    fn start_as(
        scenario: Arc<Scenario>,
        seed: u64,
        members: Vec<String>,
        lead: Option<String>,
        now: WallMs,
        team: String,
    ) -> Result<Self, TeamRefusal> {
        let mut distinct = members.clone();
        distinct.sort();
        distinct.dedup();
        if members.is_empty() || distinct.len() != members.len() || lead.as_ref().is_some_and(|l| !members.contains(l))
        {
            return Err(TeamRefusal::BadTeam);
        }
        let record = TeamRecord {
            scenario: scenario.id.clone(),
            hash: scenario.content_hash().to_owned(),
            seed,
            members: members.clone(),
            lead: lead.clone(),
            trainee: team.clone(),
            started_at: now,
            log: Vec::new(),
        };
        let runner = Runner::start(scenario, seed, &team, now)?;
        Ok(Self { runner, members, lead, votes: Vec::new(), tie: None, decisions: Vec::new(), record })
    }

    /// Takes a team drill up again from its record: the same start, every request again.
    pub fn restore(scenario: Arc<Scenario>, record: &TeamRecord) -> Result<Self, TeamRefusal> {
        super::session::same_scenario(&scenario, &record.scenario, &record.hash)?;
        let (members, lead) = (record.members.clone(), record.lead.clone());
        let mut drill =
            Self::start_as(scenario, record.seed, members, lead, record.started_at, record.trainee.clone())?;
        for logged in &record.log {
            drill.handle(&logged.who, logged.request.clone(), logged.at)?;
        }
        Ok(drill)
    }

    /// What to save after every request.
    pub fn record(&self) -> &TeamRecord {
        &self.record
    }

    /// The runner: what the team sees (the host API), and the debrief at the end.
    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    /// The decisions taken so far, with their votes.
    pub fn decisions(&self) -> &[TeamDecision] {
        &self.decisions
    }

    /// Who has voted on the open decision (not what: votes show once the decision is taken).
    pub fn voted(&self) -> Vec<&str> {
        self.votes.iter().map(|v| v.member.as_str()).collect()
    }

    /// The options tied for most votes, when the decision waits for the facilitator to break it.
    pub fn tie(&self) -> Option<&[ChoiceId]> {
        self.tie.as_deref()
    }

    /// The team's debrief, once the drill has ended, with the votes of every decision.
    pub fn debrief(&self, ended_at: WallMs) -> Option<Debrief> {
        let mut debrief = self.runner.debrief(ended_at)?;
        debrief.team_votes.clone_from(&self.decisions);
        Some(debrief)
    }

    /// The decision open now.
    fn open_node(&self) -> Option<NodeId> {
        super::session::open_node(&self.runner)
    }

    /// Handles a request at wall-clock `now`, after letting time pass to then; a refused request
    /// changes nothing (not even the time that passed) and is not recorded.
    pub fn handle(&mut self, who: &Who, request: TeamRequest, now: WallMs) -> Result<(), TeamRefusal> {
        all_or_nothing(self, |drill| drill.apply(who, &request, now))?;
        self.record.log.push(TeamLogged { at: now, who: who.clone(), request });
        Ok(())
    }

    fn apply(&mut self, who: &Who, request: &TeamRequest, now: WallMs) -> Result<(), TeamRefusal> {
        self.tick(now)?;
        if let Who::Member(name) = who
            && !self.members.contains(name)
        {
            return Err(TeamRefusal::NotAMember(name.clone()));
        }
        let open = self.open_node();
        match request {
            TeamRequest::Vote { node, choice, confidence } => {
                let Who::Member(member) = who else { return Err(TeamRefusal::MembersOnly) };
                if open.as_ref() != Some(node) || self.tie.is_some() {
                    return Err(TeamRefusal::NotOpen(node.clone()));
                }
                if !self.runner.options().iter().any(|o| o.id == *choice) {
                    return Err(TeamRefusal::NotOffered(choice.clone()));
                }
                self.votes.retain(|v| v.member != *member);
                self.votes.push(Vote {
                    member: member.clone(),
                    choice: choice.clone(),
                    confidence: *confidence,
                    at: now,
                });
                if self.votes.len() == self.members.len() {
                    self.decide(now, false)?;
                }
            }
            TeamRequest::BreakTie { node, choice } => {
                // The lead breaks a tie their vote did not settle, or the facilitator does.
                let taken = match who {
                    Who::Facilitator => Taken::FacilitatorBrokeTie,
                    Who::Member(m) if self.lead.as_ref() == Some(m) => Taken::LeadBrokeTie,
                    Who::Member(_) => return Err(TeamRefusal::FacilitatorOnly),
                };
                if open.as_ref() != Some(node) {
                    return Err(TeamRefusal::NotOpen(node.clone()));
                }
                if !self.tie.as_ref().is_some_and(|tied| tied.contains(choice)) {
                    return Err(TeamRefusal::NoSuchTie);
                }
                self.take(Some(choice.clone()), taken, now)?;
            }
            TeamRequest::Close { node } => {
                if *who != Who::Facilitator {
                    return Err(TeamRefusal::FacilitatorOnly);
                }
                if open.as_ref() != Some(node) || self.tie.is_some() {
                    return Err(TeamRefusal::NotOpen(node.clone()));
                }
                self.decide(now, false)?;
            }
            TeamRequest::Inject { inject } => {
                if *who != Who::Facilitator {
                    return Err(TeamRefusal::FacilitatorOnly);
                }
                self.runner.send_inject(inject, now)?;
            }
            TeamRequest::Submit { node, answer } => {
                let allowed = match who {
                    Who::Facilitator => true,
                    Who::Member(name) => self.lead.as_ref() == Some(name),
                };
                if !allowed {
                    return Err(TeamRefusal::LeadOnly);
                }
                if open.as_ref() != Some(node) {
                    return Err(TeamRefusal::NotOpen(node.clone()));
                }
                self.runner.submit(answer.clone(), now)?;
            }
        }
        Ok(())
    }

    /// Lets time pass to wall-clock `now`: a decision whose time runs out is taken with the votes
    /// cast (a tie the lead did not break, or no vote at all, takes the drill's timeout).
    pub fn tick(&mut self, now: WallMs) -> Result<(), TeamRefusal> {
        loop {
            let Some(deadline) = self.runner.deadline() else { return Ok(self.runner.tick(now)?) };
            let due = self.runner.wall_time_at(deadline);
            if due > now || self.runner.is_paused() {
                return Ok(self.runner.tick(now)?);
            }
            // Injects due before the deadline arrive first; the votes are counted just before it.
            let just_before = WallMs(due.0.saturating_sub(1));
            self.runner.tick(just_before)?;
            if self.runner.deadline() != Some(deadline) {
                continue;
            }
            if self.votes.is_empty() {
                self.take(None, Taken::TimedOut, due)?;
            } else {
                self.decide(just_before, true)?;
            }
        }
    }

    /// Counts the votes of the open decision and takes the team's answer; a tie goes to the
    /// lead's vote, else waits for the facilitator (or, when time has run out, takes the timeout).
    fn decide(&mut self, now: WallMs, time_ran_out: bool) -> Result<(), TeamRefusal> {
        let offered: Vec<ChoiceId> = self.runner.options().into_iter().map(|o| o.id).collect();
        let count = |c: &ChoiceId| self.votes.iter().filter(|v| v.choice == *c).count();
        let top = offered.iter().map(count).max().unwrap_or(0);
        if top == 0 {
            if time_ran_out {
                return self.take(None, Taken::TimedOut, now);
            }
            return Err(TeamRefusal::NoVotes);
        }
        let leading: Vec<ChoiceId> = offered.iter().filter(|c| count(c) == top).cloned().collect();
        if let [one] = leading.as_slice() {
            return self.take(Some(one.clone()), Taken::Majority, now);
        }
        let lead_vote = self
            .lead
            .as_ref()
            .and_then(|lead| self.votes.iter().find(|v| v.member == *lead))
            .filter(|v| leading.contains(&v.choice))
            .map(|v| v.choice.clone());
        match lead_vote {
            Some(choice) => self.take(Some(choice), Taken::LeadBrokeTie, now),
            None if time_ran_out => self.take(None, Taken::TimedOut, now),
            None => {
                self.tie = Some(leading);
                Ok(())
            }
        }
    }

    /// Takes the team's answer (or lets the timeout run) and keeps the decision with its votes.
    fn take(&mut self, answer: Option<ChoiceId>, taken: Taken, now: WallMs) -> Result<(), TeamRefusal> {
        let Some(node) = self.open_node() else { return Err(RunError::Ended.into()) };
        let offered: Vec<ChoiceId> = self.runner.options().into_iter().map(|o| o.id).collect();
        let scenario = Arc::clone(self.runner.scenario());
        let score = |c: &ChoiceId| scenario.choice(c).map_or(i32::MIN, |(_, choice)| choice.total_score());
        let best = offered.iter().map(score).max().unwrap_or(i32::MIN);
        let expert = offered.iter().filter(|c| score(c) == best).cloned().collect();
        let top = offered.iter().map(|c| self.votes.iter().filter(|v| v.choice == *c).count()).max().unwrap_or(0);
        let alignment = Alignment::of(top, self.votes.len());
        match &answer {
            Some(choice) => self.runner.choose(&Pick::Id(choice.clone()), now)?,
            // The drill's own timeout, at its deadline.
            None => {
                let due = self.runner.deadline().map_or(now, |d| self.runner.wall_time_at(d));
                self.runner.tick(due.max(now))?;
            }
        }
        let votes = std::mem::take(&mut self.votes);
        self.tie = None;
        self.decisions.push(TeamDecision { node, offered, votes, answer, taken, alignment, expert });
        Ok(())
    }
}

mod review;
pub use super::votes::{alignment_name, taken_name, vote_words};

#[cfg(test)]
mod tests;
