//! A role play: a person (a participant or the facilitator) plays the drill's cast, usually the
//! caller, from a role card: who they are and what they want, the line to say next with its stage
//! directions, the red flags to plant, and what to do if the trainee pushes back. They say each
//! line aloud (marking it said) or say something of their own, which goes into the transcript as
//! said. The trainee answers aloud in their own words; the role-player (or the facilitator) picks
//! the scripted option the answer matched, and the drill goes on as if the trainee had chosen it,
//! or nudges, which keeps the trainee on the decision. A written answer the trainee types.
//!
//! The host is authoritative as in the other live modes, and the session is its record of
//! accepted requests ([`RolePlay::restore`]).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::debrief::{Answer, Debrief, OptionView};
use super::i18n::msg;
use super::model::{ChoiceId, NodeId, Role, Scenario, ScenarioId};
use super::runner::{Pick, RunError, Runner, Stage};
use super::session::{Who, all_or_nothing};
use super::times::WallMs;

/// What someone asks of a role play.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RolePlayRequest {
    /// The role-player said the scripted line of the beat.
    Said {
        /// The beat.
        node: NodeId,
    },
    /// The role-player said something of their own.
    AdLib {
        /// What was said, as it goes into the transcript.
        text: String,
    },
    /// The role-player matched the trainee's spoken answer to a scripted option, or nudged
    /// (`None`): the trainee stays on the decision.
    Match {
        /// The decision.
        node: NodeId,
        /// The option the answer matched.
        choice: Option<ChoiceId>,
    },
    /// The trainee's written answer.
    Submit {
        /// The node asking.
        node: NodeId,
        /// The answer.
        answer: Answer,
    },
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum RolePlayRefusal {
    /// Only the role-player or the facilitator may do this.
    RolePlayerOnly,
    /// Only the trainee (or the facilitator) writes the trainee's answer.
    TraineeOnly,
    /// The decision named is not the one open.
    NotOpen(NodeId),
    /// An ad-lib says nothing.
    Empty,
    /// The runner refused.
    Run(RunError),
}

impl std::fmt::Display for RolePlayRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::RolePlayerOnly => msg!("role-refused-role-player-only"),
            Self::TraineeOnly => msg!("role-refused-trainee-only"),
            Self::NotOpen(node) => msg!("team-refused-not-open", node = node),
            Self::Empty => msg!("role-refused-empty"),
            Self::Run(e) => e.to_string(),
        };
        f.write_str(&words)
    }
}

impl std::error::Error for RolePlayRefusal {}

impl From<RunError> for RolePlayRefusal {
    fn from(e: RunError) -> Self {
        Self::Run(e)
    }
}

/// A request with who made it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleLogged {
    /// When (wall clock).
    pub at: WallMs,
    /// Who.
    pub who: Who,
    /// What.
    pub request: RolePlayRequest,
}

/// Everything needed to take a role play up again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RolePlayRecord {
    /// The scenario's id.
    pub scenario: ScenarioId,
    /// Its content hash.
    pub hash: String,
    /// The seed.
    pub seed: u64,
    /// Who answers.
    pub trainee: String,
    /// Who plays the cast.
    pub role_player: String,
    /// When the drill started (wall clock).
    pub started_at: WallMs,
    /// Every accepted request, in order.
    pub log: Vec<RoleLogged>,
}

/// What the role-player's screen shows for the beat the trainee is at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCard {
    /// Who they play here: name and part, when the beat has a speaker.
    pub who: Option<(String, Role)>,
    /// What that person wants.
    pub wants: Option<String>,
    /// The line to say, filled.
    pub line: String,
    /// How to say it.
    pub direction: Option<String>,
    /// The red flags to plant: their names.
    pub flags: Vec<String>,
    /// What to do if the trainee pushes back.
    pub pushback: Option<String>,
    /// Whether the line has been marked said.
    pub said: bool,
    /// The scripted options the trainee's answer may match, in the order shown.
    pub options: Vec<OptionView>,
    /// Nudges given at this decision so far.
    pub nudges: usize,
}

/// A role play in progress.
#[derive(Clone, Debug)]
pub struct RolePlay {
    runner: Runner,
    said: Vec<(usize, NodeId)>,
    nudges: Vec<(usize, NodeId)>,
    record: RolePlayRecord,
}

impl RolePlay {
    /// Starts `scenario` with `trainee` answering and `role_player` playing the cast.
    pub fn start(
        scenario: Arc<Scenario>,
        seed: u64,
        trainee: &str,
        role_player: &str,
        now: WallMs,
    ) -> Result<Self, RunError> {
        let record = RolePlayRecord {
            scenario: scenario.id.clone(),
            hash: scenario.content_hash().to_owned(),
            seed,
            trainee: trainee.to_owned(),
            role_player: role_player.to_owned(),
            started_at: now,
            log: Vec::new(),
        };
        let runner = Runner::start(scenario, seed, trainee, now)?;
        Ok(Self { runner, said: Vec::new(), nudges: Vec::new(), record })
    }

    /// Takes a role play up again from its record.
    pub fn restore(scenario: Arc<Scenario>, record: &RolePlayRecord) -> Result<Self, RolePlayRefusal> {
        super::session::same_scenario(&scenario, &record.scenario, &record.hash)?;
        let mut play = Self::start(scenario, record.seed, &record.trainee, &record.role_player, record.started_at)?;
        for logged in &record.log {
            play.handle(&logged.who, logged.request.clone(), logged.at)?;
        }
        Ok(play)
    }

    /// What to save after every request.
    pub fn record(&self) -> &RolePlayRecord {
        &self.record
    }

    /// The trainee's drill (what their screen shows).
    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    /// The trainee's debrief, once the drill has ended.
    pub fn debrief(&self, ended_at: WallMs) -> Option<Debrief> {
        self.runner.debrief(ended_at)
    }

    /// The visit of the current beat: how many decisions came before it, and the beat.
    fn visit(&self) -> Option<(usize, NodeId)> {
        match self.runner.stage() {
            Stage::At(id) => Some((self.runner.decisions().len(), id.clone())),
            Stage::Ended(_) => None,
        }
    }

    /// The role card for the beat the trainee is at; `None` once the drill has ended.
    pub fn card(&self) -> Option<RoleCard> {
        let (visit, id) = self.visit()?;
        let scenario = self.runner.scenario();
        let node = scenario.nodes.get(&id)?;
        let member = node.speaker.as_ref().and_then(|c| scenario.cast.get(c));
        Some(RoleCard {
            who: member.map(|m| (self.runner.fill(&m.name), m.role)),
            wants: member.and_then(|m| m.wants.as_ref()).map(|w| self.runner.fill(w)),
            line: self.runner.fill(&node.text),
            direction: node.direction.as_ref().map(|d| self.runner.fill(d)),
            flags: node
                .red_flags
                .iter()
                .map(|f| scenario.red_flags.get(f).map_or_else(|| f.to_string(), |d| d.name.clone()))
                .collect(),
            pushback: node.pushback.as_ref().map(|p| self.runner.fill(p)),
            said: self.said.contains(&(visit, id.clone())),
            options: self.runner.options(),
            nudges: self.nudges.iter().filter(|(v, n)| *v == visit && *n == id).count(),
        })
    }

    /// Handles a request at wall-clock `now`; a refused request changes nothing and is not
    /// recorded.
    pub fn handle(&mut self, who: &Who, request: RolePlayRequest, now: WallMs) -> Result<(), RolePlayRefusal> {
        all_or_nothing(self, |play| play.apply(who, &request, now))?;
        self.record.log.push(RoleLogged { at: now, who: who.clone(), request });
        Ok(())
    }

    fn apply(&mut self, who: &Who, request: &RolePlayRequest, now: WallMs) -> Result<(), RolePlayRefusal> {
        self.runner.tick(now)?;
        let plays_cast = match who {
            Who::Facilitator => true,
            Who::Member(name) => *name == self.record.role_player,
        };
        let is_trainee = match who {
            Who::Facilitator => true,
            Who::Member(name) => *name == self.record.trainee,
        };
        let open = self.visit();
        let at = |node: &NodeId| open.as_ref().is_some_and(|(_, id)| id == node);
        match request {
            RolePlayRequest::Said { node } => {
                if !plays_cast {
                    return Err(RolePlayRefusal::RolePlayerOnly);
                }
                let Some(visit) = open.filter(|(_, id)| id == node) else {
                    return Err(RolePlayRefusal::NotOpen(node.clone()));
                };
                if !self.said.contains(&visit) {
                    self.said.push(visit);
                }
            }
            RolePlayRequest::AdLib { text } => {
                if !plays_cast {
                    return Err(RolePlayRefusal::RolePlayerOnly);
                }
                if text.trim().is_empty() {
                    return Err(RolePlayRefusal::Empty);
                }
                self.runner.say(text.trim(), now)?;
            }
            RolePlayRequest::Match { node, choice } => {
                if !plays_cast {
                    return Err(RolePlayRefusal::RolePlayerOnly);
                }
                if !at(node) {
                    return Err(RolePlayRefusal::NotOpen(node.clone()));
                }
                match choice {
                    Some(choice) => self.runner.choose_matched(&Pick::Id(choice.clone()), now)?,
                    None => self.nudges.extend(open),
                }
            }
            RolePlayRequest::Submit { node, answer } => {
                if !is_trainee {
                    return Err(RolePlayRefusal::TraineeOnly);
                }
                if !at(node) {
                    return Err(RolePlayRefusal::NotOpen(node.clone()));
                }
                self.runner.submit(answer.clone(), now)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
