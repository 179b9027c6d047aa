//! Live sessions in the app: hosting one (the facilitator's console) or joining one (a
//! participant's drill, vote or role card). The network and the engine's sessions are
//! [`crate::net`]'s; this keeps them in a resource, polls them every frame while a session is on,
//! and turns the Session screen's intents into requests.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;

use super::drill::ActiveDrill;
use super::i18n::Tr;
use super::library::Library;
use super::review::FinishedDrill;
use super::settings::Settings;
use super::{AppSystems, Clock, Folders, Intent, Notice, Screen};
use crate::engine::review::Review;
use crate::engine::store;
use crate::engine::times::WallMs;
use crate::net::host::{Host, SessionResults, SetDrill, Setup, session_folder};
use crate::net::participant::{Heard, JoinFiles, Rejoining};
use crate::net::{Hello, Mode, SessionCode, ToHost, View, Welcome, parse_address, public_addresses};

/// How often the network is looked at while a session is on.
pub const POLL_EVERY: Duration = Duration::from_millis(50);
/// How long a participant keeps trying to reach a host that went away.
const RETRY_FOR: Duration = Duration::from_secs(60);
/// Lines of the session's log kept on screen.
const LOG_LINES: usize = 12;

/// What the facilitator fills in to host a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostForm {
    /// The scenario, by its path in the scenario folder.
    pub scenario: String,
    /// A set of the curriculum to play instead, by its id (empty: the one scenario).
    pub set: String,
    /// The kind of session.
    pub mode: Mode,
    /// Facilitated: who may join (comma-separated; anyone when empty). Team: the members.
    pub names: String,
    /// Team: the lead.
    pub lead: String,
    /// Role play: the trainee.
    pub trainee: String,
    /// Role play: the role-player.
    pub role_player: String,
    /// The UDP port.
    pub port: u16,
    /// Addresses of other networks of this machine participants reach it at (comma-separated).
    pub also_at: String,
}

impl Default for HostForm {
    fn default() -> Self {
        Self {
            scenario: String::new(),
            set: String::new(),
            mode: Mode::Facilitated,
            names: String::new(),
            lead: String::new(),
            trainee: String::new(),
            role_player: String::new(),
            port: crate::net::DEFAULT_PORT,
            also_at: String::new(),
        }
    }
}

/// What a participant fills in to join.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinForm {
    /// The host's address.
    pub address: String,
    /// The session code.
    pub code: String,
    /// Their name (default: the trainee of the settings).
    pub name: String,
}

/// The Session screen's fields (UI state).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionForms {
    /// Hosting.
    pub host: HostForm,
    /// Joining.
    pub join: JoinForm,
    /// The note being written, per participant.
    pub notes: std::collections::BTreeMap<String, String>,
    /// The facilitator inject chosen.
    pub inject: String,
    /// The role-player's ad-lib.
    pub ad_lib: String,
    /// The team member's confidence for the next vote.
    pub confidence: Option<crate::engine::team_drill::Confidence>,
    /// The facilitator asked to go on to a set's next drill while participants still play this
    /// one: the drill it goes on from, waiting for the facilitator to confirm.
    pub confirm_next: Option<usize>,
}

/// A session to host or join as the app opens (`hotwash app --host FILE` / `--join ADDR`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartSession {
    /// Host one.
    Host(HostForm),
    /// Join one.
    Join(JoinForm),
}

/// Hosts or joins the session asked for at launch, once the library has read the scenario.
pub fn start_at_launch(
    start: StartSession,
) -> impl FnMut(Res<Library>, Res<Tr>, ResMut<Notice>, MessageWriter<Intent>) {
    let mut done = false;
    move |library, tr, mut notice, mut intents| {
        if done {
            return;
        }
        match &start {
            StartSession::Host(form) if library.playable(&form.scenario).is_some() => {
                intents.write(Intent::HostSession(form.clone()));
            }
            // `--host` names a set of the curriculum rather than a file.
            StartSession::Host(form)
                if library.is_loaded()
                    && library.drill_sets(tr.lang().code()).iter().any(|s| s.id == form.scenario) =>
            {
                intents.write(Intent::HostSession(HostForm { set: form.scenario.clone(), ..form.clone() }));
            }
            StartSession::Host(form) if library.is_loaded() => {
                notice.0 = Some(tr.t_text("app-host-missing", &[("file", &form.scenario)]));
            }
            StartSession::Host(_) => return,
            StartSession::Join(form) => {
                intents.write(Intent::JoinSession(form.clone()));
            }
        }
        intents.write(Intent::Go(Screen::Session));
        done = true;
    }
}

/// The facilitator's side.
pub struct Hosting {
    /// The host.
    pub host: Host,
    /// What happened, newest last.
    pub log: Vec<String>,
    /// The debriefs written once the session was over, or why they could not be.
    pub results: Option<Result<SessionResults, String>>,
}

/// A participant's side.
pub struct Joined {
    /// The connection, joined again by itself while the host is out of reach.
    pub link: Rejoining,
    /// What the host said on admitting this participant.
    pub welcome: Option<Welcome>,
    /// The screen as the host last sent it (kept while the host is out of reach).
    pub view: Option<View>,
    /// The drill as the host last sent it, ready to draw.
    pub drill: Option<ActiveDrill>,
    /// What happened, newest last.
    pub log: Vec<String>,
    /// The host's last refusal.
    pub refused: Option<String>,
    /// Between a set's drills: the last drill's summary and where its debrief was saved.
    pub between: Option<Between>,
    files: JoinFiles,
}

/// A set's drill that has ended while more follow.
pub struct Between {
    /// Its review's summary.
    pub summary: String,
    /// The debrief file, or why it could not be saved.
    pub saved: Result<PathBuf, String>,
}

/// The session this app takes part in, if any.
#[derive(Resource, Default)]
pub enum Live {
    /// None.
    #[default]
    Off,
    /// Hosting one.
    Hosting(Box<Hosting>),
    /// Joined one.
    Joined(Box<Joined>),
}

impl Live {
    /// Is a session on?
    pub fn is_on(&self) -> bool {
        !matches!(self, Self::Off)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Live>()
        .init_resource::<SessionForms>()
        .add_systems(Update, handle_session_intents.in_set(AppSystems::HandleIntents))
        .add_systems(Update, poll.in_set(AppSystems::Advance));
}

fn push(log: &mut Vec<String>, line: String) {
    log.push(line);
    if log.len() > LOG_LINES {
        log.remove(0);
    }
}

#[expect(clippy::too_many_arguments, reason = "a Bevy system takes what it reads as parameters")]
fn handle_session_intents(
    mut intents: MessageReader<Intent>,
    mut live: ResMut<Live>,
    library: Res<Library>,
    folders: Res<Folders>,
    settings: Res<Settings>,
    clock: Res<Clock>,
    tr: Res<Tr>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = WallMs(clock.now());
    for intent in intents.read() {
        match intent {
            // A notice of a session that could not start stays until the next screen.
            Intent::Go(Screen::Session) => next.set(Screen::Session),
            Intent::HostSession(form) => match host(form, &library, &folders, &settings, now, &tr) {
                Ok(h) => {
                    *live = Live::Hosting(Box::new(Hosting::new(h)));
                    notice.0 = None;
                }
                Err(e) => notice.0 = Some(tr.t_text("live-cannot-host", &[("why", &e)])),
            },
            Intent::JoinSession(form) => {
                match Joined::connect(form, settings.data_dir(&folders).root(), &settings.trainee) {
                    Ok(j) => {
                        *live = Live::Joined(Box::new(j));
                        notice.0 = None;
                    }
                    Err(e) => notice.0 = Some(tr.t_text("live-cannot-join", &[("why", &e)])),
                }
            }
            Intent::Facilitate(request) => {
                if let Live::Hosting(h) = &mut *live
                    && let Err(why) = h.host.facilitate(request.clone(), now)
                {
                    notice.0 = Some(why);
                }
            }
            Intent::Ask(request) => {
                if let Live::Joined(j) = &mut *live {
                    j.refused = None;
                    j.link.participant_mut().send(request);
                }
            }
            Intent::LeaveSession => {
                if let Live::Hosting(h) = &mut *live {
                    h.host.close();
                }
                *live = Live::Off;
            }
            _ => {}
        }
    }
}

/// Opens a session as the form says, listening on every network of this machine.
fn host(
    form: &HostForm,
    library: &Library,
    folders: &Folders,
    settings: &Settings,
    now: WallMs,
    tr: &Tr,
) -> Result<Host, String> {
    let lang = tr.lang().code();
    let (set_name, files) = match library.drill_sets(lang).into_iter().find(|s| s.id == form.set) {
        Some(set) => {
            let files = library.set_files(&set, lang).map_err(|drill| {
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("set", &set.id), ("drill", &drill), ("folder", &folders.scenarios.display())];
                tr.t_text("cli-host-set-no-drill", &args)
            })?;
            (set.name, files)
        }
        None => (String::new(), vec![form.scenario.clone()]),
    };
    let read = |path: &str| {
        let file = folders.scenarios.join(path);
        std::fs::read_to_string(&file)
            .map(|source| (file.display().to_string(), source))
            .map_err(|e| format!("{}: {e}", file.display()))
    };
    let first = files.first().cloned().unwrap_or_default();
    let scenario = library.playable(&first).ok_or_else(|| first.clone())?;
    let (file, source) = read(&first)?;
    let mut then = Vec::new();
    for path in files.iter().skip(1) {
        let (scenario_file, source) = read(path)?;
        then.push(SetDrill { scenario_file, source });
    }
    let setup = Setup::new(
        form.mode,
        file,
        source,
        now.0 % 1_000_000,
        &form.names,
        &form.lead,
        &form.trainee,
        &form.role_player,
    )
    .map_err(|e| e.to_string())?
    .playing_set(set_name, then);
    let folder = session_folder(settings.data_dir(folders).root(), now, &scenario);
    let bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), form.port);
    let mut more = Vec::new();
    for address in form.also_at.split([',', '，', ' ']).map(str::trim).filter(|a| !a.is_empty()) {
        more.push(address.parse::<IpAddr>().map_err(|e| format!("`{address}`: {e}"))?);
    }
    let public = public_addresses(form.port, &more);
    Host::open(setup, &folder, bind, public).map_err(|e| e.to_string())
}

/// What a poll of a participant's side brought.
#[derive(Default)]
pub struct Polled {
    /// Something was heard: the screen may have changed.
    pub changed: bool,
    /// Something to tell the person.
    pub notice: Option<String>,
    /// A drill ended: the host's debrief, the scenario, which drill of the session it was (from
    /// 1) and whether it was the session's last for this participant.
    pub finished: Option<Ended>,
    /// A set's earlier drills of this participant's, which the host sends on every admission.
    pub earlier: Vec<Ended>,
}

/// A participant's drill that has ended.
pub struct Ended {
    /// The host's debrief.
    pub debrief: crate::engine::debrief::Debrief,
    /// The scenario played.
    pub scenario: std::sync::Arc<crate::engine::model::Scenario>,
    /// Which drill of the session, from 1.
    pub drill: usize,
    /// No drill follows for this participant.
    pub last: bool,
}

impl Hosting {
    /// Starts the facilitator's side of `host`.
    pub fn new(host: Host) -> Self {
        Self { host, log: Vec::new(), results: None }
    }

    /// Exchanges with the participants and lets time pass; once the session is over, writes its
    /// debriefs (with follow-ups from `catalog`, asked for only then). Whether anything happened.
    pub fn poll(
        &mut self,
        now: WallMs,
        catalog: impl FnOnce() -> Vec<crate::engine::review::DrillSummary>,
        tr: &Tr,
    ) -> bool {
        self.host.poll(now);
        let events = self.host.take_events();
        for event in &events {
            if let Some(line) = event.words(tr) {
                push(&mut self.log, line);
            }
        }
        let write = self.host.is_over() && self.results.is_none();
        if write {
            self.results = Some(self.host.write_results(&catalog()).map_err(|e| e.to_string()));
        }
        write || !events.is_empty()
    }
}

impl Joined {
    /// Joins as the form says; the seat is kept under `data_root`, the name defaults to `trainee`.
    pub fn connect(form: &JoinForm, data_root: &std::path::Path, trainee: &str) -> Result<Self, String> {
        let address = parse_address(&form.address).map_err(|e| e.to_string())?;
        let code = SessionCode::parse(&form.code).map_err(|e| e.to_string())?;
        let name = if form.name.trim().is_empty() { trainee.to_owned() } else { form.name.clone() };
        let files = JoinFiles::new(data_root, &code, &name);
        let hello = Hello::new(&name, files.seat().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let link = Rejoining::connect(address, code.key(), hello, RETRY_FOR).map_err(|e| e.to_string())?;
        Ok(Self { link, welcome: None, view: None, drill: None, log: Vec::new(), refused: None, between: None, files })
    }

    /// Exchanges with the host: takes the screens it sends (kept on disk as they come); the link
    /// joins again while the host is out of reach.
    pub fn poll(&mut self, now: WallMs, tr: &Tr) -> Polled {
        let mut polled = Polled::default();
        let heard = self.link.poll(now);
        polled.changed = !heard.is_empty();
        for h in heard {
            let participant = self.link.participant();
            match h {
                Heard::Welcome => {
                    let welcome = participant.welcome().cloned();
                    // A set's next drill: the last one's screen goes.
                    if self.welcome.as_ref().map(Welcome::drill) != welcome.as_ref().map(Welcome::drill) {
                        self.between = None;
                        self.view = None;
                        self.drill = None;
                    }
                    self.welcome = welcome;
                    push(&mut self.log, tr.t("live-joined"));
                }
                Heard::View => {
                    self.view = participant.view().cloned();
                    self.drill = participant.runner().map(|r| ActiveDrill::mirror(r.clone(), String::new()));
                    let view = self.view.as_ref();
                    if let Some(state) = view.and_then(|v| v.drill.as_ref())
                        && let Err(e) = store::save(&self.files.in_progress, state)
                    {
                        polled.notice = Some(e.to_string());
                    }
                    // A drill that has ended: kept once; between a set's drills its screen stays.
                    if let (Some(view), Some(debrief), Some(scenario)) =
                        (view, view.and_then(|v| v.debrief.clone()), participant.scenario().cloned())
                        && (view.is_last() || self.between.is_none())
                    {
                        let drill = self.welcome.as_ref().map_or(1, Welcome::drill);
                        polled.finished = Some(Ended { debrief, scenario, drill, last: view.is_last() });
                    } else if view.is_some_and(|v| v.ended) {
                        polled.notice =
                            Some(tr.t_text("live-ended-early", &[("file", &self.files.in_progress.display())]));
                    }
                }
                Heard::Refused(why) => self.refused = Some(why),
                Heard::Turned(why) => polled.notice = Some(tr.t_text("live-turned", &[("why", &why)])),
                Heard::Unusable(why) => push(&mut self.log, why),
                Heard::Lost(why) => push(&mut self.log, tr.t_text("live-lost", &[("why", &why)])),
                Heard::GaveUp(why) if self.welcome.is_none() => {
                    polled.notice = Some(tr.t_text("live-no-answer", &[("why", &why)]));
                }
                Heard::GaveUp(_) => {
                    polled.notice = Some(tr.t_text("cli-join-gave-up", &[("file", &self.files.in_progress.display())]));
                }
                Heard::Earlier { drill, scenario, debrief } => {
                    polled.earlier.push(Ended { debrief: *debrief, scenario, drill, last: false });
                }
            }
        }
        polled
    }

    /// Who the session waits for before the drill starts.
    pub fn waiting_for(&self) -> &[String] {
        self.view.as_ref().map_or(&[], |v| &v.waiting_for)
    }
}

#[expect(clippy::too_many_arguments, reason = "a Bevy system takes what it reads as parameters")]
fn poll(
    mut live: ResMut<Live>,
    library: Res<Library>,
    folders: Res<Folders>,
    settings: Res<Settings>,
    clock: Res<Clock>,
    tr: Res<Tr>,
    mut notice: ResMut<Notice>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = WallMs(clock.now());
    let (changed, finished) = match live.bypass_change_detection() {
        Live::Off => return,
        Live::Hosting(h) => (h.poll(now, || library.catalog(), &tr), None),
        Live::Joined(j) => {
            let polled = j.poll(now, &tr);
            if let Some(said) = polled.notice {
                notice.0 = Some(said);
            }
            if polled.earlier.is_empty() && polled.finished.is_none() {
                (polled.changed, None)
            } else {
                let data = settings.data_dir(&folders);
                for earlier in polled.earlier {
                    if let Some(said) = j.keep_earlier(&earlier, &library, &data, &tr) {
                        notice.0 = Some(said);
                    }
                }
                match polled.finished {
                    None => (true, None),
                    Some(ended) => (true, j.keep(ended, &library, &data, &tr)),
                }
            }
        }
    };
    if !changed {
        return;
    }
    live.set_changed();
    if let Some((Ended { debrief, scenario, .. }, (review, files))) = finished {
        commands.insert_resource(FinishedDrill {
            review,
            files,
            path: String::new(),
            seed: debrief.seed,
            debrief,
            scenario,
        });
        *live = Live::Off;
        next.set(Screen::Review);
    }
}

/// A drill's review and where it was saved, or why it was not.
pub type Kept = (Review, Result<store::DrillFiles, String>);

impl Joined {
    /// Keeps the host's debrief of a drill that has ended (once); between a set's drills its
    /// summary stays on the screen, after the last drill it is returned to be reviewed.
    pub fn keep(
        &mut self,
        ended: Ended,
        library: &Library,
        data: &crate::engine::folders::DataDir,
        tr: &Tr,
    ) -> Option<(Ended, Kept)> {
        let catalog = library.catalog_for(&ended.debrief.trainee);
        let kept = self.files.keep_debrief(ended.drill, &data.debriefs(), &ended.scenario, &ended.debrief, &catalog);
        let before = matches!(kept, Ok(None));
        let (review, files): Kept = match kept {
            Ok(Some((review, files))) => (review, Ok(files)),
            Ok(None) => (
                Review::build(&ended.scenario, &ended.debrief, &catalog),
                Err(tr.t_text("live-kept-before", &[("folder", &data.debriefs().display())])),
            ),
            Err(e) => (Review::build(&ended.scenario, &ended.debrief, &catalog), Err(e.to_string())),
        };
        if !ended.last {
            // Kept before (the host sends it again after a rejoin): the folder it is in.
            let saved = match files {
                Ok(files) => Ok(files.debrief),
                Err(_) if before => Ok(data.debriefs()),
                Err(why) => Err(why),
            };
            self.between = Some(Between { summary: review.summary(), saved });
            return None;
        }
        Some((ended, (review, files)))
    }

    /// Keeps a set's earlier drill that ended while this participant was away (once); what to
    /// tell the person (where it is kept, or why it could not be), also in the log.
    pub fn keep_earlier(
        &mut self,
        earlier: &Ended,
        library: &Library,
        data: &crate::engine::folders::DataDir,
        tr: &Tr,
    ) -> Option<String> {
        let catalog = library.catalog_for(&earlier.debrief.trainee);
        let out = data.debriefs();
        match self.files.keep_debrief(earlier.drill, &out, &earlier.scenario, &earlier.debrief, &catalog) {
            Ok(Some((_, files))) => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("n", &earlier.drill), ("file", &files.debrief.display())];
                let said = tr.t_text("live-earlier", &args);
                push(&mut self.log, said.clone());
                Some(said)
            }
            Ok(None) => None,
            Err(e) => {
                push(&mut self.log, e.to_string());
                Some(e.to_string())
            }
        }
    }
}

/// The request a Drill-screen intent makes in a session, for the decision the drill faces.
pub fn request_for(intent: &Intent, mode: Mode, drill: &ActiveDrill, forms: &SessionForms) -> Option<ToHost> {
    use crate::engine::facilitated::FacilitatedRequest as F;
    use crate::engine::role_play::RolePlayRequest as R;
    use crate::engine::team_drill::TeamRequest as T;
    let node = crate::engine::session::open_node(&drill.runner)?;
    let option = |i: usize| drill.runner.options().get(i).map(|o| o.id.clone());
    Some(match (mode, intent) {
        (Mode::Facilitated, Intent::Choose(i)) => ToHost::Facilitated(F::Choose { node, choice: option(*i)? }),
        (Mode::Facilitated, Intent::Submit(answer)) => ToHost::Facilitated(F::Submit { node, answer: answer.clone() }),
        (Mode::Facilitated, Intent::Reveal(field)) => ToHost::Facilitated(F::Reveal { field: field.clone() }),
        (Mode::Facilitated, Intent::Flag(event, spot)) => {
            ToHost::Facilitated(F::Flag { event: *event, spot: spot.clone() })
        }
        (Mode::Team, Intent::Choose(i)) => {
            ToHost::Team(T::Vote { node, choice: option(*i)?, confidence: forms.confidence })
        }
        (Mode::Team, Intent::Submit(answer)) => ToHost::Team(T::Submit { node, answer: answer.clone() }),
        (Mode::RolePlay, Intent::Submit(answer)) => ToHost::RolePlay(R::Submit { node, answer: answer.clone() }),
        _ => return None,
    })
}

/// The session's folder of debriefs, once written.
pub fn results_folder(h: &Hosting) -> Option<&PathBuf> {
    h.results.as_ref().and_then(|r| r.as_ref().ok()).map(|r| &r.debriefs)
}
