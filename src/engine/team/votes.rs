//! The team review's view of team drills: per team and session, how aligned its votes were,
//! how often the team's answer was the expert's, and the votes that were sure and wrong, so a
//! team's alignment can be followed across sessions.

use super::super::debrief::Debrief;
use super::super::model::Scenario;
use super::super::text::utc;
use super::super::votes::{Alignment, Confidence, Taken};

/// One team drill played, as the team review shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TeamVotesRow {
    /// The team (the name it played under).
    pub team: String,
    /// The drill's title.
    pub title: String,
    /// When it started (UTC).
    pub started: String,
    /// Decisions the team voted on.
    pub decisions: usize,
    /// Of those: unified, split, divided.
    pub alignment: [usize; 3],
    /// Decisions whose answer was an expert answer.
    pub expert: usize,
    /// Decisions the clock took (no vote, or a tie nobody broke).
    pub timed_out: usize,
    /// Votes cast sure and for an answer that is not the expert's.
    pub sure_and_wrong: usize,
    /// Votes cast sure.
    pub sure: usize,
}

/// A row per team drill among `debriefs`, per team in the order played.
pub fn team_votes_rows<'s>(
    debriefs: &[(String, Debrief)],
    scenario: impl Fn(&Debrief) -> Option<&'s Scenario>,
    name_of: impl Fn(&Debrief) -> String,
) -> Vec<TeamVotesRow> {
    let mut rows: Vec<(u64, TeamVotesRow)> = debriefs
        .iter()
        .filter(|(_, d)| !d.team_votes.is_empty())
        .map(|(_, d)| {
            let votes = &d.team_votes;
            let count = |a: Alignment| votes.iter().filter(|v| v.alignment == a).count();
            let all_votes = || votes.iter().flat_map(|v| v.votes.iter().map(move |vote| (v, vote)));
            let row = TeamVotesRow {
                team: name_of(d),
                title: scenario(d).map_or_else(|| d.scenario.id.to_string(), |s| s.title.clone()),
                started: utc(d.started_at),
                decisions: votes.len(),
                alignment: [count(Alignment::Unified), count(Alignment::Split), count(Alignment::Divided)],
                expert: votes.iter().filter(|v| v.answer.as_ref().is_some_and(|a| v.expert.contains(a))).count(),
                timed_out: votes.iter().filter(|v| v.taken == Taken::TimedOut).count(),
                sure_and_wrong: votes.iter().map(|v| v.sure_and_wrong().len()).sum(),
                sure: all_votes().filter(|(_, vote)| vote.confidence == Some(Confidence::Sure)).count(),
            };
            (d.started_at, row)
        })
        .collect();
    rows.sort_by(|(a_at, a), (b_at, b)| (&a.team, a_at).cmp(&(&b.team, b_at)));
    rows.into_iter().map(|(_, r)| r).collect()
}
