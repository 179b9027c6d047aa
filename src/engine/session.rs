//! What the live sessions (team drill, facilitated session, role play) share: who asks, a
//! request applied all or nothing, and the decision a drill is facing.

use serde::{Deserialize, Serialize};

use super::model::NodeId;
use super::runner::{Runner, Stage};

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
