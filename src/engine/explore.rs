//! The path explorer: plays every branch of a drill with the runner — every option, every clock
//! running out, every arm of a random branch, a full and an empty written answer — merging states
//! that are the same (node, variables, red flags caught, choices made, nodes visited, injects
//! arrived). When a drill has more states than the limit, it samples random paths instead and
//! says so. It reports what a facilitator must know before trainees see the drill.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::hash::{Hash as _, Hasher as _};

use rand::{RngExt as _, SeedableRng as _};
use serde::Serialize;

use super::model::*;
use std::sync::Arc;

use super::debrief::{Answer, Grading, OptionOrder};
use super::runner::{DrillMs, Pick, Rules, RunError, Runner, Stage, WallMs};

/// One step of a path: a decision point and what was done there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// The node.
    pub node: NodeId,
    /// What was done.
    pub action: PathAction,
    /// The arm of a random branch taken after it (from 0), when the choice has a branch.
    pub arm: Option<usize>,
}

/// What was done at a decision point on an explored path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PathAction {
    /// This choice.
    Choose(ChoiceId),
    /// The decision's time ran out.
    Timeout,
    /// A written answer covering every checklist item.
    Report,
    /// An empty written answer.
    EmptyReport,
    /// Every red flag shown so far flagged.
    FlagAll,
    /// Waited this many seconds of drill time for the next delayed inject.
    Wait(u64),
}

impl std::fmt::Display for PathStep {
    /// As `explore` prints it: a choice id, `timeout`, `report`, `report (empty)`, `wait N s` or
    /// `flag every red flag shown`, with ` [arm N]` (from 1) for an arm of a random branch.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.action {
            PathAction::Choose(id) => write!(f, "{id}")?,
            PathAction::Timeout => f.write_str("timeout")?,
            PathAction::Report => f.write_str("report")?,
            PathAction::EmptyReport => f.write_str("report (empty)")?,
            PathAction::FlagAll => f.write_str("flag every red flag shown")?,
            PathAction::Wait(secs) => write!(f, "wait {secs} s")?,
        }
        match self.arm {
            Some(arm) => write!(f, " [arm {}]", arm + 1),
            None => Ok(()),
        }
    }
}

/// What exploring a drill found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exploration {
    /// Every state was visited (else random paths were sampled).
    pub exhaustive: bool,
    /// Distinct states visited.
    pub states: usize,
    /// Paths sampled, when not exhaustive.
    pub sampled_paths: usize,
    /// Each ending reached, with a shortest path to it.
    pub endings: BTreeMap<NodeId, Vec<PathStep>>,
    /// Endings never reached.
    pub unreached_endings: Vec<NodeId>,
    /// Nodes never reached.
    pub unreached_nodes: Vec<NodeId>,
    /// Lowest and highest total points per competency over complete paths.
    pub score_range: BTreeMap<CompetencyId, (i32, i32)>,
    /// The expert path from the start.
    pub expert_path: Vec<PathStep>,
    /// Choices after which no resolved ending can be reached.
    pub never_good: Vec<ChoiceId>,
    /// Nodes where play got stuck: no option on offer, an endless loop, or no ending reachable.
    pub stuck: Vec<(NodeId, String)>,
    /// Resolved endings reached after a harmful choice, each with a shortest path there.
    pub resolved_after_harm: Vec<HarmPath>,
}

/// A resolved ending reached after a choice marked as harmful.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HarmPath {
    /// The ending.
    pub ending: NodeId,
    /// The harmful choice made on the way.
    pub harmful: ChoiceId,
    /// A shortest such path.
    pub path: Vec<PathStep>,
}

impl Exploration {
    /// Is anything wrong (an unreachable ending or node, or a place play gets stuck)?
    pub fn has_problems(&self) -> bool {
        !self.unreached_endings.is_empty()
            || !self.unreached_nodes.is_empty()
            || !self.stuck.is_empty()
            || !self.resolved_after_harm.is_empty()
    }
}

/// A written answer that covers every checklist item of `input`, and one that covers none.
fn answers(input: &InputSpec) -> [Answer; 2] {
    let mut sections: BTreeMap<Option<ReportSection>, String> = BTreeMap::new();
    for item in &input.checklist {
        let text = sections.entry(item.section).or_default();
        let phrase = item.any.iter().find(|k| !k.trim().is_empty()).map_or("", String::as_str);
        text.push_str(phrase.trim_end_matches('*'));
        text.push(' ');
    }
    let get = |s: Option<ReportSection>| {
        let mut t = sections.get(&s).cloned().unwrap_or_default();
        t.push_str(sections.get(&None).map_or("", String::as_str));
        t
    };
    match input.kind {
        InputKind::IncidentReport => [
            Answer::Report {
                description: get(Some(ReportSection::Description)),
                scope: get(Some(ReportSection::Scope)),
                measures: get(Some(ReportSection::Measures)),
            },
            Answer::Report { description: String::new(), scope: String::new(), measures: String::new() },
        ],
        InputKind::FreeText => [Answer::Text(sections.values().cloned().collect()), Answer::Text(String::new())],
    }
}

/// One way on from a state: the step, the choice it makes (if any), and the state after it.
type Move = (PathStep, Option<ChoiceId>, Result<Runner, RunError>);

/// Every way on from a state.
fn moves(run: &Runner, now: WallMs, asks: Asks) -> Vec<Move> {
    let s = Arc::clone(run.scenario());
    let Stage::At(id) = run.stage().clone() else { return Vec::new() };
    let Some(node) = s.nodes.get(&id) else { return Vec::new() };
    let mut out = Vec::new();
    let step = |action: PathAction, arm: Option<usize>| PathStep { node: id.clone(), action, arm };
    // Flagging every red flag shown so far, for paths behind `Spotted(…)` conditions.
    if asks.spotted && run.state().shown_flags.keys().any(|f| !run.state().spotted.contains(f)) {
        let mut next = run.clone();
        out.push((step(PathAction::FlagAll, None), None, next.spot_everything_shown(now).map(|()| next)));
    }
    if let Some(input) = &node.input {
        for (answer, action) in answers(input).into_iter().zip([PathAction::Report, PathAction::EmptyReport]) {
            let mut next = run.clone();
            out.push((step(action, None), None, next.submit(answer, now).map(|()| next)));
        }
        return out;
    }
    let mut ways: Vec<(PathAction, &Choice, Option<Pick>)> = Vec::new();
    for option in run.options() {
        if let Some(choice) = node.choices.iter().find(|c| c.id == option.id) {
            ways.push((PathAction::Choose(option.id.clone()), choice, Some(Pick::Id(option.id))));
        }
    }
    if let Some(timeout) = &node.timeout {
        ways.push((PathAction::Timeout, &timeout.then, None));
    }
    // Waiting for the next delayed inject (it may unlock or change the options).
    let entered = run.state().entered_at;
    let pending = node
        .injects
        .iter()
        .filter(|i| !run.state().fired.contains(&i.id))
        .filter_map(|i| i.after.map(|a| DrillMs(entered.saturating_add(u64::from(a) * 1000))))
        .filter(|due| run.deadline().is_none_or(|d| *due < d) && run.wall_time_at(*due) > now)
        .min();
    if let Some(due) = pending {
        let mut next = run.clone();
        let at = run.wall_time_at(due);
        let secs = due.since(DrillMs(entered)) / 1000;
        out.push((step(PathAction::Wait(secs), None), None, next.tick(at).map(|()| next)));
    }
    for (action, choice, pick) in ways {
        let arms = if choice.branch.is_empty() { vec![None] } else { (0..choice.branch.len()).map(Some).collect() };
        for arm in arms {
            let mut next = run.clone();
            if let Some(arm) = arm {
                next.force_next_branch(arm);
            }
            let result = match &pick {
                Some(pick) => next.choose(pick, now),
                None => {
                    let deadline = next.deadline().map_or(now, |d| next.wall_time_at(d));
                    next.tick(deadline.max(now))
                }
            };
            out.push((step(action.clone(), arm), Some(choice.id.clone()), result.map(|()| next)));
        }
    }
    out
}

fn state_key(run: &Runner, asks: Asks) -> u64 {
    let st = run.state();
    let mut h = std::hash::DefaultHasher::new();
    (&st.stage, &st.variables, &st.caught, &st.chosen, &st.visited, &st.fired).hash(&mut h);
    // What this scenario's conditions also ask about (items covered, red flags spotted, harm
    // done) keeps states apart; what none asks about would only multiply them.
    if asks.covered {
        st.covered.hash(&mut h);
    }
    if asks.spotted {
        st.spotted.hash(&mut h);
    }
    if asks.harm {
        st.harm_done.hash(&mut h);
    }
    h.finish()
}

struct Edge {
    from: usize,
    to: usize,
    step: PathStep,
    choice: Option<ChoiceId>,
    scores: BTreeMap<CompetencyId, i32>,
}

/// Where a runner error puts the problem: the node it names, else the node acted at.
fn stuck_at(step: &PathStep, e: &RunError) -> NodeId {
    match e {
        RunError::NoOptions(n) | RunError::EndlessLoop(n, _) => n.clone(),
        _ => step.node.clone(),
    }
}

/// Explores `scenario`: exhaustively when it has at most `max_states` states, else by sampling
/// `max_states` random paths.
pub fn explore(scenario: &Arc<Scenario>, max_states: usize) -> Exploration {
    const T0: u64 = 0;
    let asks = Asks::of(scenario);
    let mut out = Exploration {
        exhaustive: true,
        states: 0,
        sampled_paths: 0,
        endings: BTreeMap::new(),
        unreached_endings: Vec::new(),
        unreached_nodes: Vec::new(),
        score_range: BTreeMap::new(),
        expert_path: scenario
            .expert_path()
            .into_iter()
            .map(|(n, c)| PathStep { node: n.clone(), action: PathAction::Choose(c.id.clone()), arm: None })
            .collect(),
        never_good: Vec::new(),
        stuck: Vec::new(),
        resolved_after_harm: Vec::new(),
    };
    // Options as written: the explorer tries every one, and its shortest paths read as the file does.
    // Options as written; written answers matched by substring, so that the full answer below (each
    // item's first phrase) covers every item and the paths behind `Covered(…)` arms are explored.
    let rules = Rules { order: OptionOrder::AsWritten, grading: Grading::Substring, ..Rules::CURRENT };
    let start = match Runner::start_as(Arc::clone(scenario), 0, "explorer", WallMs(T0), rules) {
        Ok(mut run) => {
            run.forget_history();
            run
        }
        Err(e) => {
            out.stuck.push((scenario.start.clone(), e.to_string()));
            return out;
        }
    };
    let mut visited_nodes: BTreeSet<NodeId> = BTreeSet::new();
    let mut stuck: BTreeMap<NodeId, String> = BTreeMap::new();
    // Breadth first, so the first path found to each ending is a shortest one.
    let mut index: HashMap<u64, usize> = HashMap::new();
    let mut states: Vec<(Runner, u64)> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut parent: Vec<Option<usize>> = Vec::new();
    index.insert(state_key(&start, asks), 0);
    states.push((start, T0));
    parent.push(None);
    let mut queue = VecDeque::from([0usize]);
    while let Some(i) = queue.pop_front() {
        if states.len() > max_states {
            out.exhaustive = false;
            break;
        }
        let (ways, decided_before) = {
            let (run, t) = &states[i];
            visited_nodes.extend(run.state().visited.iter().cloned());
            (moves(run, WallMs(t + 1), asks), run.state().decisions.len())
        };
        for (step, choice, result) in ways {
            let mut next = match result {
                Ok(next) => next,
                Err(e) => {
                    stuck.entry(stuck_at(&step, &e)).or_insert_with(|| e.to_string());
                    continue;
                }
            };
            let decided = next.state().decisions.len();
            let scores = if decided > decided_before {
                next.state().decisions[decided - 1].scores.clone()
            } else {
                BTreeMap::new()
            };
            next.forget_history();
            let key = state_key(&next, asks);
            let to = match index.get(&key) {
                Some(&j) => j,
                None => {
                    let j = states.len();
                    index.insert(key, j);
                    let t = T0 + next.state().last_t.max(states[i].1);
                    states.push((next, t));
                    parent.push(Some(edges.len()));
                    queue.push_back(j);
                    j
                }
            };
            edges.push(Edge { from: i, to, step, choice, scores });
        }
    }
    out.states = states.len();
    let path_to = |i: usize| {
        let mut path = Vec::new();
        let mut at = i;
        while let Some(e) = parent[at] {
            path.push(edges[e].step.clone());
            at = edges[e].from;
        }
        path.reverse();
        path
    };
    // States are visited breadth first, so the first path found to each is a shortest one.
    for (i, (run, _)) in states.iter().enumerate() {
        if let Stage::Ended(ending) = run.stage() {
            out.endings.entry(ending.clone()).or_insert_with(|| path_to(i));
            note_harm(&mut out, scenario, run, ending, &|| path_to(i));
        }
    }
    if !out.exhaustive {
        sample(scenario, max_states, &mut out, &mut visited_nodes, &mut stuck);
    } else {
        analyse(scenario, &states, &edges, &mut out, &mut stuck);
    }
    out.unreached_endings = scenario.endings.keys().filter(|e| !out.endings.contains_key(*e)).cloned().collect();
    out.unreached_nodes = scenario.nodes.keys().filter(|n| !visited_nodes.contains(*n)).cloned().collect();
    out.stuck = stuck.into_iter().collect();
    out
}

/// Notes that `run` reached `ending` after each harmful choice it made, if the ending is resolved,
/// keeping the shortest `path` found to each ending and harmful choice.
fn note_harm(
    out: &mut Exploration,
    scenario: &Scenario,
    run: &Runner,
    ending: &NodeId,
    path: &dyn Fn() -> Vec<PathStep>,
) {
    if scenario.endings.get(ending).is_none_or(|e| e.outcome != Outcome::Resolved) {
        return;
    }
    for choice in &run.state().chosen {
        if scenario.choice(choice).is_none_or(|(_, c)| c.harm.is_none()) {
            continue;
        }
        let path = path();
        match out.resolved_after_harm.iter_mut().find(|h| h.ending == *ending && h.harmful == *choice) {
            Some(h) if path.len() < h.path.len() => h.path = path,
            Some(_) => {}
            None => out.resolved_after_harm.push(HarmPath { ending: ending.clone(), harmful: choice.clone(), path }),
        }
    }
}

/// Score ranges, choices never on a good path and states with no way out, from the full graph.
fn analyse(
    scenario: &Scenario,
    states: &[(Runner, u64)],
    edges: &[Edge],
    out: &mut Exploration,
    stuck: &mut BTreeMap<NodeId, String>,
) {
    let n = states.len();
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        outgoing[e.from].push(k);
        incoming[e.to].push(k);
    }
    let ended = |i: usize| matches!(states[i].0.stage(), Stage::Ended(_));
    let resolved = |i: usize| matches!(states[i].0.stage(), Stage::Ended(e) if scenario.endings.get(e).is_some_and(|e| e.outcome == Outcome::Resolved));
    let backward = |target: &dyn Fn(usize) -> bool| -> Vec<bool> {
        let mut seen: Vec<bool> = (0..n).map(target).collect();
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| seen[i]).collect();
        while let Some(i) = queue.pop_front() {
            for &k in &incoming[i] {
                let from = edges[k].from;
                if !seen[from] {
                    seen[from] = true;
                    queue.push_back(from);
                }
            }
        }
        seen
    };
    let can_end = backward(&ended);
    let can_resolve = backward(&resolved);
    for i in (0..n).filter(|&i| !can_end[i]) {
        if let Stage::At(node) = states[i].0.stage() {
            stuck.entry(node.clone()).or_insert_with(|| "no ending can be reached from here in play".to_owned());
        }
    }
    let mut good: BTreeSet<&ChoiceId> = BTreeSet::new();
    let mut all: BTreeSet<&ChoiceId> = BTreeSet::new();
    for e in edges {
        if let Some(choice) = &e.choice {
            all.insert(choice);
            if can_resolve[e.to] {
                good.insert(choice);
            }
        }
    }
    out.never_good = all.difference(&good).map(|c| (*c).clone()).collect();
    // Score ranges over paths that visit each state once: a depth-first order of the graph with
    // edges back to a state on the current path left out, then min and max from the ends back.
    let competencies: BTreeSet<&CompetencyId> = edges.iter().flat_map(|e| e.scores.keys()).collect();
    let mut order = Vec::with_capacity(n);
    let mut mark = vec![0u8; n]; // 0 new, 1 on the path, 2 done
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    mark[0] = 1;
    let mut back_edge = vec![false; edges.len()];
    while let Some((i, next)) = stack.pop() {
        if let Some(&k) = outgoing[i].get(next) {
            stack.push((i, next + 1));
            let to = edges[k].to;
            match mark[to] {
                0 => {
                    mark[to] = 1;
                    stack.push((to, 0));
                }
                1 => back_edge[k] = true,
                _ => {}
            }
        } else {
            mark[i] = 2;
            order.push(i);
        }
    }
    for competency in competencies {
        let mut best: Vec<Option<(i32, i32)>> = vec![None; n];
        for &i in &order {
            if ended(i) {
                best[i] = Some((0, 0));
                continue;
            }
            for &k in &outgoing[i] {
                if back_edge[k] {
                    continue;
                }
                let e = &edges[k];
                if let Some((lo, hi)) = best[e.to] {
                    let v = e.scores.get(competency).copied().unwrap_or(0);
                    let (lo, hi) = (lo + v, hi + v);
                    best[i] = Some(best[i].map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
                }
            }
        }
        if let Some(range) = best[0] {
            out.score_range.insert(competency.clone(), range);
        }
    }
}

/// Random walks when the state space is too large: endings, nodes and ranges from the samples.
fn sample(
    scenario: &Arc<Scenario>,
    paths: usize,
    out: &mut Exploration,
    visited: &mut BTreeSet<NodeId>,
    stuck: &mut BTreeMap<NodeId, String>,
) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let asks = Asks::of(scenario);
    for _ in 0..paths {
        let Ok(mut run) = Runner::start(Arc::clone(scenario), rng.random_range(0..u64::MAX), "explorer", WallMs(0))
        else {
            return;
        };
        let mut path = Vec::new();
        let mut totals: BTreeMap<CompetencyId, i32> = BTreeMap::new();
        for _ in 0..super::runner::step_limit(scenario) {
            let now = WallMs(run.state().last_t + 1);
            let mut ways = moves(&run, now, asks);
            if ways.is_empty() {
                break;
            }
            let (step, _, result) = ways.swap_remove(rng.random_range(0..ways.len()));
            match result {
                Ok(next) => {
                    if next.state().decisions.len() > run.state().decisions.len()
                        && let Some(d) = next.state().decisions.last()
                    {
                        for (c, v) in &d.scores {
                            let total = totals.entry(c.clone()).or_default();
                            *total = total.saturating_add(*v);
                        }
                    }
                    path.push(step);
                    run = next;
                }
                Err(e) => {
                    stuck.entry(stuck_at(&step, &e)).or_insert_with(|| e.to_string());
                    break;
                }
            }
        }
        visited.extend(run.state().visited.iter().cloned());
        if let Stage::Ended(ending) = run.stage() {
            note_harm(out, scenario, &run, ending, &|| path.clone());
            let known = out.endings.entry(ending.clone()).or_insert_with(|| path.clone());
            if path.len() < known.len() {
                *known = path;
            }
            for (c, v) in totals {
                let range = out.score_range.entry(c).or_insert((v, v));
                *range = (range.0.min(v), range.1.max(v));
            }
        }
        out.sampled_paths += 1;
    }
}

#[cfg(test)]
mod tests;
