//! What the live sessions (team drill, facilitated session, role play) share: who asks, a
//! request applied all or nothing, and the decision a drill is facing.

use serde::{Deserialize, Serialize};

use super::model::{NodeId, Scenario, ScenarioId};
use super::runner::{RunError, Runner, Stage};

/// Who asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// A participant (a team member, a trainee, a role-player), by name.
    Member(String),
    /// The facilitator.
    Facilitator,
}

/// Runs `change` on `state`; if it is refused, puts `state` back as it was, so a refused request
/// of a live session changes nothing for anyone.
pub fn all_or_nothing<S: Clone, E>(state: &mut S, change: impl FnOnce(&mut S) -> Result<(), E>) -> Result<(), E> {
    let before = state.clone();
    change(state).inspect_err(|_| *state = before)
}

/// The decision a drill is facing, or `None` once it has ended.
pub fn open_node(run: &Runner) -> Option<NodeId> {
    match run.stage() {
        Stage::At(id) => Some(id.clone()),
        Stage::Ended(_) => None,
    }
}

/// Refuses a session record saved on another scenario or another version of it (its id and
/// content hash), before its requests are played again.
pub fn same_scenario(scenario: &Scenario, id: &ScenarioId, hash: &str) -> Result<(), RunError> {
    if *id != scenario.id || hash != scenario.content_hash() {
        return Err(RunError::OtherScenario(id.to_string(), hash.to_owned()));
    }
    Ok(())
}
