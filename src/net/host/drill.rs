//! The engine's session of the one drill a host plays at a time, of whichever kind, as the host
//! restores, saves and reads it.

use std::sync::Arc;

use super::super::{Mode, NetError};
use super::{LiveRecord, Setup};
use crate::engine::debrief::Debrief;
use crate::engine::facilitated::FacilitatedSession;
use crate::engine::i18n::msg;
use crate::engine::model::Scenario;
use crate::engine::role_play::RolePlay;
use crate::engine::runner::Runner;
use crate::engine::team_drill::TeamDrill;

/// The engine's session of one drill.
pub(super) enum Live {
    Facilitated(FacilitatedSession),
    Team(Option<TeamDrill>),
    RolePlay(Option<RolePlay>),
}

impl Live {
    /// The session of a drill of `mode` as `record` left it (a new one without a record).
    pub(super) fn restore(
        record: Option<&LiveRecord>,
        mode: Mode,
        scenario: &Arc<Scenario>,
        setup: &Setup,
    ) -> Result<Self, NetError> {
        let refused = |e: String| NetError::Session(msg!("net-record", error = e));
        let scenario = Arc::clone(scenario);
        Ok(match (record, mode) {
            (Some(LiveRecord::Facilitated(r)), Mode::Facilitated) => {
                Self::Facilitated(FacilitatedSession::restore(scenario, r).map_err(|e| refused(e.to_string()))?)
            }
            (Some(LiveRecord::Team(r)), Mode::Team) => {
                Self::Team(Some(TeamDrill::restore(scenario, r).map_err(|e| refused(e.to_string()))?))
            }
            (Some(LiveRecord::RolePlay(r)), Mode::RolePlay) => {
                Self::RolePlay(Some(RolePlay::restore(scenario, r).map_err(|e| refused(e.to_string()))?))
            }
            (None, Mode::Facilitated) => {
                Self::Facilitated(FacilitatedSession::open(scenario, setup.seed, setup.roster.clone()))
            }
            (None, Mode::Team) => Self::Team(None),
            (None, Mode::RolePlay) => Self::RolePlay(None),
            (Some(_), _) => return Err(refused(msg!("net-record-mode"))),
        })
    }

    /// The engine's record, once the drill has started.
    pub(super) fn record(&self) -> Option<LiveRecord> {
        match self {
            Self::Facilitated(s) => Some(LiveRecord::Facilitated(s.record().clone())),
            Self::Team(t) => t.as_ref().map(|t| LiveRecord::Team(t.record().clone())),
            Self::RolePlay(r) => r.as_ref().map(|r| LiveRecord::RolePlay(r.record().clone())),
        }
    }

    /// Every finished drill's debrief, by whose it is.
    pub(super) fn debriefs(&self) -> Vec<(String, Debrief)> {
        match self {
            Self::Facilitated(s) => s.debriefs(),
            Self::Team(t) => t
                .iter()
                .filter_map(|t| Some((t.record().trainee.clone(), t.debrief(t.runner().ended_at()?)?)))
                .collect(),
            Self::RolePlay(r) => {
                r.iter().filter_map(|r| Some((r.record().trainee.clone(), ended(r.runner())?))).collect()
            }
        }
    }

    /// The debrief `name` keeps of this drill once it has ended: their own, the team's, the
    /// trainee's (a role play's both sides keep it).
    pub(super) fn debrief_for(&self, name: &str) -> Option<Debrief> {
        match self {
            Self::Facilitated(s) => s.debrief_of(name),
            Self::Team(t) => t.as_ref().and_then(|t| t.debrief(t.runner().ended_at()?)),
            Self::RolePlay(r) => r.as_ref().and_then(|r| ended(r.runner())),
        }
    }
}

/// A drill's debrief once it has ended.
fn ended(runner: &Runner) -> Option<Debrief> {
    runner.debrief(runner.ended_at()?)
}
