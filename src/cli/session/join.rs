//! `hotwash join`: a participant at the terminal, playing at the prompt or from a script, who
//! joins again by themselves when the host is out of reach.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use hotwash::engine::debrief::Debrief;
use hotwash::engine::facilitated::FacilitatedRequest;
use hotwash::engine::folders::DataDir;
use hotwash::engine::i18n::{Lang, Tr};
use hotwash::engine::model::{ChoiceId, NodeId};
use hotwash::engine::role_play::{RoleCard, RolePlayRequest};
use hotwash::engine::shown::Prompt;
use hotwash::engine::store;
use hotwash::engine::team_drill::{Confidence, TeamDecision, TeamRequest, alignment_name, vote_words};
use hotwash::engine::times::WallMs;
use hotwash::net::participant::{Heard, JoinFiles, POLL_EVERY, Participant, Rejoining};
use hotwash::net::{Hello, Mode, Part, SessionCode, ToHost, parse_address, wall_now};

use super::{JoinArgs, lines_of_stdin, pick_among};
use crate::cli::play::{Printer, given_answer};
use crate::cli::{Exit, Words};

/// A step of a participant's script.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// An option (by number from 1 or id), with a confidence in a team.
    Pick(String, Option<Confidence>),
    /// Let the time run out.
    Wait,
    /// Wait until the facilitator sends something to this screen.
    Hold,
    /// Flag or reveal, as `run` writes them.
    Mark(String),
    /// Break a tie (the team lead).
    Tie(String),
    /// The role-player said the line.
    Said,
    /// The role-player said this.
    AdLib(String),
    /// The role-player matched the answer to an option.
    Match(String),
    /// The role-player nudged.
    Nudge,
    /// Go on to the set's next drill (the lead, the role-player).
    Next,
}

impl Step {
    fn parse(token: &str) -> Result<Self> {
        let token = token.trim();
        let (word, rest) = token.split_once(':').unwrap_or((token, ""));
        Ok(match word.to_ascii_lowercase().as_str() {
            "wait" => Self::Wait,
            "hold" => Self::Hold,
            "flag" | "reveal" => Self::Mark(token.to_owned()),
            "tie" if !rest.is_empty() => Self::Tie(rest.to_owned()),
            "said" => Self::Said,
            "adlib" if !rest.trim().is_empty() => Self::AdLib(rest.trim().to_owned()),
            "match" if !rest.is_empty() => Self::Match(rest.to_owned()),
            "nudge" => Self::Nudge,
            "next" => Self::Next,
            "" => bail!("an empty step"),
            _ => {
                let confidence = match rest.to_ascii_lowercase().as_str() {
                    "" => None,
                    "sure" => Some(Confidence::Sure),
                    "unsure" | "not-sure" => Some(Confidence::NotSure),
                    _ => bail!("`{token}`: after the option comes `:sure` or `:unsure`"),
                };
                Self::Pick(word.to_owned(), confidence)
            }
        })
    }

    /// Does this step answer a decision (so it waits for a new one), rather than act beside it?
    fn answers(&self) -> bool {
        matches!(self, Self::Pick(..) | Self::Wait | Self::Match(_))
    }
}

/// Where a participant's files go.
struct Files {
    kept: JoinFiles,
    in_progress: PathBuf,
    out: PathBuf,
}

/// `hotwash join`.
pub fn join(args: JoinArgs, data: &DataDir, words: Words) -> Result<Exit> {
    let tr = words.tr();
    let address = parse_address(&args.address)?;
    let code = SessionCode::parse(&args.code)?;
    let kept = JoinFiles::new(data.root(), &code, &args.name);
    let files =
        Files { in_progress: kept.in_progress.clone(), out: args.out.clone().unwrap_or_else(|| data.debriefs()), kept };
    store::check_writable(&files.out)?;
    let seat = files.kept.seat()?;
    let hello = Hello::new(&args.name, seat)?;
    say!("{}", tr.t_text("cli-join-joining", &[("address", &address), ("name", &hello.name)]));
    let key = code.key();
    let steps: Option<Vec<Step>> = args
        .steps
        .as_ref()
        .map(|s| s.iter().filter(|t| !t.trim().is_empty()).map(|t| Step::parse(t)).collect())
        .transpose()?;
    let typed = if steps.is_none() { Some(lines_of_stdin()) } else { None };
    let mut play = Playing {
        steps: steps.unwrap_or_default().into(),
        inputs: args.input.clone().into_iter(),
        think: Duration::from_millis(args.think_ms),
        outstanding: false,
        answered: None,
        in_flight: None,
        resend: None,
        pushed: 0,
        hold_from: None,
        ready_at: None,
        printer: None,
        decisions_shown: 0,
        card_shown: None,
        tie_shown: None,
        drill: 0,
        next_shown: false,
    };
    let mut joined = Rejoining::connect(address, key, hello, Duration::from_secs(args.retry_s))?;
    loop {
        let now = wall_now();
        for heard in joined.poll(now) {
            let participant = joined.participant();
            match heard {
                Heard::Welcome => {
                    let Some((welcome, scenario)) = participant.welcome().zip(participant.scenario()) else { continue };
                    if play.printer.is_some() && play.drill == welcome.drill() {
                        say!("{}", tr.t("cli-join-back"));
                        continue;
                    }
                    // The first drill, or a set's next one: its screen starts afresh.
                    let lang = Lang::of(&scenario.language).tr();
                    let part = tr.t(welcome.part.label_id());
                    if let Some(place) = &welcome.set {
                        say!("\n{}", tr.t_text("cli-join-set-drill", &[("place", &place.words(tr))]));
                    }
                    say!("{}", tr.t_text("cli-join-welcome", &[("title", &scenario.title), ("part", &part)]));
                    play.new_drill(welcome.drill(), Printer::new(lang));
                }
                Heard::View => {
                    if play.outstanding {
                        play.outstanding = false;
                    } else {
                        play.pushed += 1;
                    }
                    if let Some(done) = show_view(participant, &mut play, &files, tr)? {
                        return Ok(done);
                    }
                }
                Heard::Refused(why) => {
                    play.outstanding = false;
                    say!("! {}", tr.t_text("cli-join-refused", &[("why", &why)]));
                }
                Heard::Turned(why) => bail!(tr.t_text("cli-join-turned", &[("why", &why)])),
                Heard::Earlier { drill, scenario, debrief } => {
                    if let Some((_, saved)) = files.kept.keep_debrief(drill, &files.out, &scenario, &debrief, &[])? {
                        let args: [(&str, &dyn std::fmt::Display); 2] =
                            [("n", &drill), ("file", &saved.debrief.display())];
                        say!("{}", tr.t_text("cli-join-earlier", &args));
                    }
                }
                Heard::Unusable(why) => say_err!("hotwash: warning: {why}"),
                Heard::Lost(why) => {
                    play.lost();
                    say!("- {}", tr.t_text("cli-join-lost", &[("why", &why)]));
                }
                Heard::GaveUp(_) if play.printer.is_some() => {
                    bail!(tr.t_text("cli-join-gave-up", &[("file", &files.in_progress.display())]));
                }
                Heard::GaveUp(why) => bail!(tr.t_text("cli-join-no-answer", &[("address", &address), ("why", &why)])),
            }
        }
        if joined.participant().is_connected() {
            if let Some(typed) = &typed {
                while let Ok(line) = typed.try_recv() {
                    match Step::parse(&line) {
                        Ok(step) => play.steps.push_back(step),
                        Err(e) => say!("! {e}"),
                    }
                }
            }
            play.next_step(joined.participant_mut(), now)?;
        }
        std::thread::sleep(POLL_EVERY);
    }
}

/// A participant's progress through their steps.
struct Playing {
    steps: std::collections::VecDeque<Step>,
    inputs: std::vec::IntoIter<String>,
    think: Duration,
    /// A request is on its way; the next step waits for its answer.
    outstanding: bool,
    /// The decision (its number and node) the last answering step was for.
    answered: Option<(usize, NodeId)>,
    /// The last request sent: the decision it was for, the request, whether it answers it.
    in_flight: Option<((usize, NodeId), ToHost, bool)>,
    /// A request lost with the connection, to send again after the rejoin.
    resend: Option<((usize, NodeId), ToHost, bool)>,
    /// Screens the host sent unasked (the facilitator's doing, or the clock's).
    pushed: usize,
    /// `pushed` when the current hold began.
    hold_from: Option<usize>,
    /// When the next step may go (think time).
    ready_at: Option<Instant>,
    printer: Option<Printer>,
    decisions_shown: usize,
    card_shown: Option<RoleCard>,
    tie_shown: Option<Vec<ChoiceId>>,
    /// The drill of the session played, from 1 (0 before the welcome).
    drill: usize,
    /// The set's next drill has been announced on this screen.
    next_shown: bool,
}

impl Playing {
    /// A drill begins (the first, or a set's next one): nothing of the last one is waited for.
    fn new_drill(&mut self, drill: usize, printer: Printer) {
        self.drill = drill;
        self.printer = Some(printer);
        self.outstanding = false;
        self.answered = None;
        self.in_flight = None;
        self.resend = None;
        self.hold_from = None;
        self.decisions_shown = 0;
        self.card_shown = None;
        self.tie_shown = None;
        self.next_shown = false;
    }

    /// Sends the next scripted or typed step when its time has come.
    fn next_step(&mut self, participant: &mut Participant, now: WallMs) -> Result<()> {
        if self.outstanding {
            return Ok(());
        }
        let (Some(welcome), Some(view), Some(runner)) =
            (participant.welcome(), participant.view(), participant.runner())
        else {
            return Ok(());
        };
        let (mode, part) = (welcome.mode, welcome.part);
        // Between a set's drills: `next` asks the host for the next one (it refuses anyone but
        // the lead, the role-player or the facilitator).
        if view.debrief.is_some() && !view.ended && self.steps.front() == Some(&Step::Next) {
            if self.think_done() {
                self.steps.pop_front();
                participant.send(&ToHost::NextDrill { from: welcome.drill() });
                self.outstanding = true;
                self.ready_at = None;
            }
            return Ok(());
        }
        if view.ended || view.debrief.is_some() || (mode == Mode::Facilitated && runner.is_paused()) {
            return Ok(());
        }
        let host_now = participant.host_now(now);
        let prompt = runner.waiting(host_now);
        let decision = match &prompt {
            Prompt::Choices { node, .. } | Prompt::Input { node, .. } => (runner.decisions().len(), node.clone()),
            Prompt::Nothing => return Ok(()),
        };
        if let Some((at, request, answers)) = self.resend.take()
            && at == decision
        {
            self.send(participant, request, at, answers);
            return Ok(());
        }
        // A written answer is taken from --input, by whoever writes for the drill.
        if let Prompt::Input { node, kind, .. } = &prompt {
            let writes = match part {
                Part::Trainee => true,
                Part::Member { lead } => lead,
                Part::RolePlayer => false,
            };
            if writes && self.answered.as_ref() != Some(&decision) {
                if !self.think_done() {
                    return Ok(());
                }
                let answer = given_answer(*kind, &mut self.inputs, node.as_str())?;
                let request = match mode {
                    Mode::Facilitated => ToHost::Facilitated(FacilitatedRequest::Submit { node: node.clone(), answer }),
                    Mode::Team => ToHost::Team(TeamRequest::Submit { node: node.clone(), answer }),
                    Mode::RolePlay => ToHost::RolePlay(RolePlayRequest::Submit { node: node.clone(), answer }),
                };
                self.send(participant, request, decision, true);
                return Ok(());
            }
        }
        let Some(step) = self.steps.front().cloned() else { return Ok(()) };
        if step == Step::Hold {
            let from = *self.hold_from.get_or_insert(self.pushed);
            if self.pushed > from {
                self.hold_from = None;
                self.steps.pop_front();
            }
            return Ok(());
        }
        if step.answers() && self.answered.as_ref() == Some(&decision) {
            return Ok(());
        }
        if let Step::Tie(_) = step
            && view.team.as_ref().is_none_or(|t| t.tie.is_none())
        {
            return Ok(());
        }
        if !self.think_done() {
            return Ok(());
        }
        self.steps.pop_front();
        let node = decision.1.clone();
        let offered: Vec<ChoiceId> = runner.options().into_iter().map(|o| o.id).collect();
        let choice = |token: &str| {
            pick_among(token, &offered).ok_or_else(|| anyhow!("step `{token}`: no such option at `{node}`"))
        };
        let request = match (mode, step) {
            (_, Step::Wait) => {
                self.answered = Some(decision);
                return Ok(());
            }
            (Mode::Facilitated, Step::Pick(token, _)) => {
                ToHost::Facilitated(FacilitatedRequest::Choose { node: node.clone(), choice: choice(&token)? })
            }
            (Mode::Facilitated, Step::Mark(token)) => match crate::cli::play::parse_mark(&token)? {
                crate::cli::play::Marked::Flag(event, spot) => {
                    ToHost::Facilitated(FacilitatedRequest::Flag { event, spot })
                }
                crate::cli::play::Marked::Reveal(field) => ToHost::Facilitated(FacilitatedRequest::Reveal { field }),
            },
            (Mode::Team, Step::Pick(token, confidence)) => {
                ToHost::Team(TeamRequest::Vote { node: node.clone(), choice: choice(&token)?, confidence })
            }
            (Mode::Team, Step::Tie(token)) => {
                let tied = view.team.as_ref().and_then(|t| t.tie.clone()).unwrap_or_default();
                let pick = pick_among(&token, &offered)
                    .filter(|c| tied.contains(c))
                    .ok_or_else(|| anyhow!("step `tie:{token}`: not one of the tied options"))?;
                ToHost::Team(TeamRequest::BreakTie { node: node.clone(), choice: pick })
            }
            (Mode::RolePlay, Step::Said) => ToHost::RolePlay(RolePlayRequest::Said { node: node.clone() }),
            (Mode::RolePlay, Step::AdLib(text)) => ToHost::RolePlay(RolePlayRequest::AdLib { text }),
            (Mode::RolePlay, Step::Nudge) => {
                ToHost::RolePlay(RolePlayRequest::Match { node: node.clone(), choice: None })
            }
            (Mode::RolePlay, Step::Match(token)) => {
                ToHost::RolePlay(RolePlayRequest::Match { node: node.clone(), choice: Some(choice(&token)?) })
            }
            (_, Step::Next) => ToHost::NextDrill { from: welcome.drill() },
            (_, step) => bail!("the step {step:?} has no meaning in this session"),
        };
        let answered = matches!(
            &request,
            ToHost::Facilitated(FacilitatedRequest::Choose { .. }) | ToHost::Team(TeamRequest::Vote { .. })
        ) || matches!(&request, ToHost::RolePlay(RolePlayRequest::Match { choice: Some(_), .. }));
        self.send(participant, request, decision, answered);
        Ok(())
    }

    /// Has the think time since the last step passed? Starts it when it has not begun.
    fn think_done(&mut self) -> bool {
        let at = *self.ready_at.get_or_insert_with(|| Instant::now() + self.think);
        at <= Instant::now()
    }

    fn send(&mut self, participant: &mut Participant, request: ToHost, decision: (usize, NodeId), answers: bool) {
        participant.send(&request);
        self.outstanding = true;
        self.ready_at = None;
        if answers {
            self.answered = Some(decision.clone());
        }
        self.in_flight = Some((decision, request, answers));
    }

    /// The connection went with a request on its way: it is sent again after the rejoin if the
    /// drill is still at the decision it was for (else the host had taken it).
    fn lost(&mut self) {
        if self.outstanding {
            self.resend = self.in_flight.take();
        }
        self.outstanding = false;
    }
}

/// Prints what changed on the participant's screen and keeps their copy; returns how the
/// command ends once the drill has.
fn show_view(participant: &Participant, play: &mut Playing, files: &Files, tr: &Tr) -> Result<Option<Exit>> {
    let (Some(view), Some(welcome)) = (participant.view(), participant.welcome()) else { return Ok(None) };
    if !view.waiting_for.is_empty() {
        say!("{}", tr.t_text("cli-join-waiting", &[("names", &view.waiting_for.join(", "))]));
    }
    if let (Some(printer), Some(runner)) = (play.printer.as_mut(), participant.runner()) {
        printer.print_new(runner);
        if let Some(state) = &view.drill {
            store::save(&files.in_progress, state)?;
        }
    }
    if let Some(team) = &view.team {
        for decision in team.decisions.iter().skip(play.decisions_shown) {
            say!("{}", team_decision_line(decision, tr));
        }
        play.decisions_shown = team.decisions.len();
        if team.tie != play.tie_shown {
            if let Some(tied) = &team.tie {
                let tied: Vec<String> = tied.iter().map(ToString::to_string).collect();
                say!("{}", tr.t_text("cli-join-tie", &[("options", &tied.join(", "))]));
            }
            play.tie_shown = team.tie.clone();
        }
    }
    if welcome.part == Part::RolePlayer && view.card != play.card_shown {
        if let Some(card) = &view.card {
            print_card(card, tr);
        }
        play.card_shown = view.card.clone();
    }
    if let Some(debrief) = &view.debrief {
        // Between a set's drills the host's later screens bring the same debrief: kept once.
        if !play.next_shown {
            save_debrief(participant, debrief, files, tr)?;
        }
        if view.is_last() {
            return Ok(Some(Exit::Clean));
        }
        if let Some(next) = view.next.as_ref().filter(|_| !play.next_shown) {
            let id = format!("cli-join-next-{}", next.starter(welcome.mode));
            say!("{}", tr.t_text(&id, &[("title", &next.title)]));
            play.next_shown = true;
        }
        return Ok(None);
    }
    if view.ended {
        say!("{}", tr.t_text("cli-join-ended-early", &[("file", &files.in_progress.display())]));
        return Ok(Some(Exit::Clean));
    }
    Ok(None)
}

fn team_decision_line(decision: &TeamDecision, tr: &Tr) -> String {
    let votes: Vec<String> = decision.votes.iter().map(|v| vote_words(v, v.choice.as_str(), tr)).collect();
    let answer = decision.answer.as_ref().map_or_else(|| tr.t("review-timed-out"), ToString::to_string);
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("node", &decision.node),
        ("votes", &if votes.is_empty() { "–".to_owned() } else { votes.join(", ") }),
        ("answer", &answer),
        ("alignment", &alignment_name(decision.alignment, tr)),
    ];
    tr.t_text("cli-join-team-decision", &args)
}

fn print_card(card: &RoleCard, tr: &Tr) {
    say!("\n── {} ──", tr.t("cli-card-heading"));
    if let Some((name, _)) = &card.who {
        say!("{}", tr.t_text("cli-card-who", &[("name", name)]));
    }
    if let Some(wants) = &card.wants {
        say!("{}", tr.t_text("cli-card-wants", &[("wants", wants)]));
    }
    say!("{}", tr.t_text("cli-card-say", &[("line", &card.line)]));
    if let Some(direction) = &card.direction {
        say!("{}", tr.t_text("cli-card-direction", &[("direction", direction)]));
    }
    if !card.flags.is_empty() {
        say!("{}", tr.t_text("cli-card-flags", &[("flags", &card.flags.join(", "))]));
    }
    if let Some(pushback) = &card.pushback {
        say!("{}", tr.t_text("cli-card-pushback", &[("pushback", pushback)]));
    }
    for (i, option) in card.options.iter().enumerate() {
        say!("  {}) {}", i + 1, option.text);
    }
}

/// Saves the debrief the host sent, with its review, where the participant keeps theirs (once
/// a drill: the host sends it again after a rejoin).
fn save_debrief(participant: &Participant, debrief: &Debrief, files: &Files, tr: &Tr) -> Result<()> {
    let (Some(scenario), Some(welcome)) = (participant.scenario(), participant.welcome()) else { return Ok(()) };
    let Some((review, saved)) = files.kept.keep_debrief(welcome.drill(), &files.out, scenario, debrief, &[])? else {
        return Ok(());
    };
    say!("\n{}", review.summary());
    for f in [&saved.debrief, &saved.markdown, &saved.html] {
        say!("{}", tr.t_text("cli-wrote", &[("file", &f.display())]));
    }
    Ok(())
}
