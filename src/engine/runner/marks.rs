//! What the trainee marks on screen outside decisions: masked CRM fields revealed (justified or
//! not) and things flagged as suspicious (red flags spotted, or false alarms).

use super::{RunError, Runner, Stage, WallMs};
use crate::engine::debrief::{Action, Event, Verdict};
use crate::engine::i18n::msg;
use crate::engine::model::{Artefact, RedFlagId, Spot};

impl Runner {
    /// Records that the trainee deliberately revealed a masked CRM field shown in this drill,
    /// with whether it was justified when the field says when it is.
    pub fn reveal(&mut self, field: &str, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        // Time passes first, as for every other action, so a replay (which ticks before each
        // action) records the same events in the same order.
        self.advance_to(t)?;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::TooLate(id)) };
        // The field as last shown (a later record may restate it).
        let shown = self.state.log.iter().rev().find_map(|l| match &l.event {
            Event::Artefact { artefact: Artefact::Crm(record), .. } => {
                record.fields.iter().find(|f| f.sensitive && f.label == field)
            }
            _ => None,
        });
        let Some(shown) = shown else { return Err(RunError::NoSuchField(field.to_owned())) };
        // Revealed already: it stays revealed, and is neither recorded nor scored again.
        if self.state.log.iter().any(|l| matches!(&l.event, Event::Revealed { field: f, .. } if f == field)) {
            return Ok(());
        }
        let verdict = shown.reveal.as_ref().map(|rule| Verdict {
            justified: self.state.holds(&rule.when),
            competency: rule.competency.clone(),
            cost: rule.cost,
        });
        self.state.actions.push(Action::Reveal { t, field: field.to_owned() });
        self.log(t, Event::Revealed { node: id, field: field.to_owned(), verdict });
        Ok(())
    }

    /// Flags `spot` of the event at index `event` (a line, an inject or an artefact shown in
    /// this drill) as suspicious at wall-clock `now`, and returns the red flags present there:
    /// spotted, or none for a false alarm. Flagging the same place again changes nothing.
    pub fn flag(&mut self, event: usize, spot: &Spot, now: WallMs) -> Result<Vec<RedFlagId>, RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.advance_to(t)?;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::TooLate(id)) };
        let found = self.flags_at(event, spot)?;
        let again = self.state.log.iter().find_map(|l| match &l.event {
            Event::Flagged { event: e, spot: s, found, .. } if *e == event && s == spot => Some(found.clone()),
            _ => None,
        });
        if let Some(found) = again {
            return Ok(found);
        }
        self.state.spotted.extend(found.iter().cloned());
        self.state.actions.push(Action::Flag { t, event, spot: spot.clone() });
        self.log(t, Event::Flagged { node: id.clone(), event, spot: spot.clone(), found: found.clone() });
        // A spotted flag may unlock options or condition injects.
        self.after_change(&id, t)?;
        Ok(found)
    }

    /// Counts every red flag shown so far as spotted, without recording flags. For exploring the
    /// paths behind `Spotted(…)` conditions; a drill played this way does not replay.
    pub fn spot_everything_shown(&mut self, now: WallMs) -> Result<(), RunError> {
        let t = self.drill_time(now).0;
        let Stage::At(id) = self.state.stage.clone() else { return Err(RunError::Ended) };
        self.state.spotted.extend(self.state.shown_flags.keys().cloned());
        self.after_change(&id, t)
    }

    /// The red flags present at `spot` of the event at index `event`.
    fn flags_at(&self, event: usize, spot: &Spot) -> Result<Vec<RedFlagId>, RunError> {
        let log = &self.state.log;
        let Some(logged) = log.get(event) else {
            return Err(RunError::NothingToFlag(msg!("run-flag-not-happened", event = event, so_far = log.len())));
        };
        let fits = match (&logged.event, spot) {
            (Event::Line { speaker, .. } | Event::Inject { speaker, .. }, Spot::CallerId) => {
                speaker.as_ref().and_then(|c| self.scenario.cast.get(c)).is_some_and(|c| c.caller_id.is_some())
            }
            (Event::Line { .. } | Event::Inject { .. }, Spot::Line) => true,
            (Event::Artefact { artefact, .. }, spot) => has_spot(artefact, spot),
            _ => false,
        };
        if !fits {
            return Err(RunError::NothingToFlag(msg!(
                "run-flag-no-part",
                event = event,
                part = crate::engine::i18n::spot_name(spot, crate::engine::i18n::engine_lang())
            )));
        }
        // The beat that showed it: the line or inject itself, or the one an artefact came with
        // (artefacts are logged right after their line or inject).
        let beat = log[..=event].iter().rev().find_map(|l| match &l.event {
            Event::Line { node, .. } => Some((node, None)),
            Event::Inject { node, inject, .. } => Some((node, Some(inject))),
            _ => None,
        });
        let Some((node_id, inject)) = beat else { return Ok(Vec::new()) };
        let Some(node) = self.scenario.nodes.get(node_id) else { return Ok(Vec::new()) };
        // An inject is the node's own, or one of the facilitator's (their ids never clash).
        let (flags, spots) = match inject {
            Some(id) => {
                let found = node.injects.iter().chain(&self.scenario.facilitator_injects).find(|x| x.id == *id);
                match found {
                    Some(inject) => (&inject.red_flags, &inject.spots),
                    None => return Ok(Vec::new()),
                }
            }
            None => (&node.red_flags, &node.spots),
        };
        Ok(flags.iter().filter(|f| spots.get(*f).is_none_or(|places| places.contains(spot))).cloned().collect())
    }
}

/// Does the artefact have this part?
fn has_spot(artefact: &Artefact, spot: &Spot) -> bool {
    match (artefact, spot) {
        (Artefact::Crm(r), Spot::Field(label)) => r.fields.iter().any(|f| f.label == *label),
        (Artefact::Crm(_) | Artefact::Note(_) | Artefact::Queue(_), Spot::Title) => true,
        (Artefact::Email(_), Spot::Subject) => true,
        (Artefact::Email(_) | Artefact::Sms(_), Spot::Sender) => true,
        (Artefact::Email(m) | Artefact::Sms(m), Spot::Link) => m.link.is_some(),
        (Artefact::Email(_) | Artefact::Sms(_) | Artefact::Note(_), Spot::Body) => true,
        _ => false,
    }
}
