//! What a live session asks of a drill beyond a trainee's own moves: a facilitator's inject sent
//! by hand, a role-player's ad-lib, and a spoken answer matched to an option.

use std::sync::Arc;

use super::{Action, Event, Pick, RunError, Runner, WallMs, node_in};
use crate::engine::model::InjectId;

impl Runner {
    /// Sends one of the scenario's `facilitator_injects` at wall-clock `now`: it arrives at the
    /// decision being faced as a node's inject would (line, artefacts, red flags, effects), and is
    /// recorded so the drill replays with it. The facilitator may send one again.
    pub fn send_inject(&mut self, id: &InjectId, now: WallMs) -> Result<(), RunError> {
        let (t, node) = self.advance_for_action(now)?;
        let scenario = Arc::clone(&self.scenario);
        let inject = scenario
            .facilitator_injects
            .iter()
            .find(|i| i.id == *id)
            .ok_or_else(|| RunError::Missing(id.to_string()))?;
        self.state.actions.push(Action::Inject { t, inject: id.clone() });
        self.arrive(&node, inject, t);
        self.after_change(&node, t)
    }

    /// In a role play: the trainee answered aloud and the role-player matched the answer to
    /// `pick` at wall-clock `now`; the drill goes on as if the trainee had chosen it, and the
    /// decision and the record say it was matched.
    pub fn choose_matched(&mut self, pick: &Pick, now: WallMs) -> Result<(), RunError> {
        let decisions = self.state.decisions.len();
        self.choose(pick, now)?;
        if let Some(Action::Choose { matched, .. }) = self.state.actions.last_mut() {
            *matched = true;
        }
        if let Some(decision) = self.state.decisions.get_mut(decisions) {
            decision.matched = true;
        }
        Ok(())
    }

    /// In a role play: the person playing the speaker of the current beat says `text` of their
    /// own (an ad-lib) at wall-clock `now`; it goes into the transcript as said, and the record.
    pub fn say(&mut self, text: &str, now: WallMs) -> Result<(), RunError> {
        let (t, id) = self.advance_for_action(now)?;
        let scenario = Arc::clone(&self.scenario);
        let node = node_in(&scenario, &id)?;
        self.state.actions.push(Action::Say { t, text: text.to_owned() });
        let (speaker, channel) = (node.speaker.clone(), node.channel);
        self.log(t, Event::Line { node: id, speaker, channel, text: text.to_owned(), ad_lib: true });
        Ok(())
    }
}
