//! A session that plays a set: where it stands, who may take it on to its next drill and how,
//! and the earlier drills a participant who was away is sent on joining again.

use std::sync::Arc;

use super::super::{Earlier, SetPlace, ToParticipant};
use super::{Host, HostEvent, Live};
use crate::engine::facilitated::FacilitatedRequest;
use crate::engine::i18n::msg;
use crate::engine::model::Scenario;
use crate::engine::session::Who;
use crate::engine::times::WallMs;
use crate::net::Mode;

impl Host {
    /// Where the set stands, when the session plays one.
    pub fn place(&self) -> Option<SetPlace> {
        let set = self.file.setup.set.as_ref()?;
        Some(SetPlace { name: set.name.clone(), drill: self.file.done.len() + 1, drills: self.scenarios.len() })
    }

    /// The titles of the drills the session plays, in order.
    pub fn titles(&self) -> Vec<String> {
        self.scenarios.iter().map(|s| s.title.clone()).collect()
    }

    /// The set's next drill, when there is one.
    pub fn next_scenario(&self) -> Option<&Arc<Scenario>> {
        self.scenarios.get(self.file.done.len() + 1)
    }

    /// May the set go on to its next drill now: there is one, and the drill played has ended
    /// (a facilitated drill: whenever the facilitator says, unless the session was ended)?
    pub fn next_is_open(&self) -> bool {
        self.next_scenario().is_some()
            && match &self.live {
                Live::Facilitated(s) => !s.is_ended(),
                Live::Team(t) => t.as_ref().is_some_and(|t| t.runner().is_over()),
                Live::RolePlay(r) => r.as_ref().is_some_and(|r| r.runner().is_over()),
            }
    }

    /// Who may take the set on to its next drill: the facilitator; in a team the lead (any
    /// member when there is none); in a role play the role-player.
    pub(super) fn may_start_next(&self, who: &Who) -> bool {
        let setup = &self.file.setup;
        match (who, setup.mode) {
            (Who::Facilitator, _) => true,
            (Who::Member(_), Mode::Facilitated) => false,
            (Who::Member(name), Mode::Team) => setup.lead.as_ref().is_none_or(|lead| lead == name),
            (Who::Member(name), Mode::RolePlay) => setup.role_player.as_ref() == Some(name),
        }
    }

    /// Takes the set on to its next drill: the drill played is kept (a facilitated one ended for
    /// whoever is still playing it), and everyone seated gets the next one.
    pub(super) fn next_drill(&mut self, who: &Who, from: usize, now: WallMs) -> Result<(), String> {
        let playing = self.file.done.len() + 1;
        if from != playing {
            return Err(msg!("net-next-moved-on", drill = playing));
        }
        let Some(scenario) = self.next_scenario().cloned() else { return Err(msg!("net-no-next-drill")) };
        if !self.may_start_next(who) {
            return Err(msg!("net-next-not-yours"));
        }
        let open = self.next_is_open();
        match &mut self.live {
            Live::Facilitated(s) if s.is_ended() => return Err(msg!("session-refused-ended")),
            Live::Facilitated(s) => {
                s.handle(&Who::Facilitator, FacilitatedRequest::End, now).map_err(|e| e.to_string())?;
            }
            Live::Team(None) | Live::RolePlay(None) => return Err(msg!("net-not-started")),
            _ if !open => return Err(msg!("net-next-not-yet")),
            _ => {}
        }
        let setup = &self.file.setup;
        let fresh = Live::restore(None, setup.mode, &scenario, setup).map_err(|e| e.to_string())?;
        let played = std::mem::replace(&mut self.live, fresh);
        if let Some(record) = played.record() {
            self.file.done.push(record);
        }
        self.past.push(played);
        self.scenario = scenario;
        let seated: Vec<String> = self.file.seats.keys().cloned().collect();
        if let Live::Facilitated(s) = &mut self.live {
            for name in seated {
                if let Err(e) = s.handle(&Who::Member(name.clone()), FacilitatedRequest::Join, now) {
                    self.events.push(HostEvent::Refused { who: Some(name), why: e.to_string() });
                }
            }
        }
        if let Some(place) = self.place() {
            self.events.push(HostEvent::NextDrill { place, title: self.scenario.title.clone() });
        }
        self.start_when_all_here(now);
        self.marks = self.drill_marks();
        // Everyone connected gets the new drill's scenario, then its screen.
        self.welcome_due.extend(self.clients.values().cloned());
        Ok(())
    }

    /// A set's earlier drills that have a debrief for `name`, as sent on their admission.
    pub(super) fn earlier_for(&self, name: &str) -> Vec<ToParticipant> {
        let drills = self.file.setup.drills();
        self.past
            .iter()
            .enumerate()
            .filter_map(|(i, live)| {
                let debrief = live.debrief_for(name)?;
                let (scenario, hash) = (drills.get(i)?.1.to_owned(), self.scenarios.get(i)?);
                let hash = hash.content_hash().to_owned();
                Some(ToParticipant::Earlier(Box::new(Earlier { drill: i + 1, scenario, hash, debrief })))
            })
            .collect()
    }
}
