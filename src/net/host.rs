//! The host of a live session: it admits participants who bring the session code, runs the
//! engine's session on their requests, sends each participant their own screen, saves the session
//! after every accepted request, and takes it up again from that file after a crash.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use renet::{ClientId, RenetServer, ServerEvent};
use renet_netcode::{NetcodeServerTransport, ServerAuthentication, ServerConfig};

use super::{
    CHANNEL, Hello, Mode, NetError, NextDrill, PROTOCOL_ID, Part, SessionCode, TeamView, ToHost, ToParticipant, View,
    Welcome, connection_config, decode_to_host, encode, since_epoch,
};
use crate::engine::debrief::Debrief;
use crate::engine::facilitated::{ConsoleRow, FacilitatedRequest, FacilitatedSession};
use crate::engine::i18n::{Lang, msg};
use crate::engine::load::load_str;
use crate::engine::model::Scenario;
use crate::engine::review::{DrillSummary, Review};
use crate::engine::role_play::RolePlay;
use crate::engine::runner::Runner;
use crate::engine::session::Who;
use crate::engine::store;
use crate::engine::team_drill::TeamDrill;
use crate::engine::times::WallMs;

mod drill;
mod events;
mod set;
mod setup;
use drill::Live;
pub use events::HostEvent;
pub use setup::{LiveRecord, SESSION_FILE, SessionFile, SetDrill, SetOf, Setup, session_folder};
use setup::{SESSION_FORMAT, check_setup, private_folder};

/// How long a participant who is turned away keeps the connection, so the reason reaches them.
const TURN_AWAY_AFTER: Duration = Duration::from_millis(800);
/// The most participants one session admits.
pub const MAX_PARTICIPANTS: usize = 64;
/// The most requests taken from one participant per poll (a person sends one every few seconds;
/// the rest wait in the channel, and the transport cuts a connection that floods it).
const REQUESTS_PER_POLL: usize = 4;

/// A host of a live session.
pub struct Host {
    server: RenetServer,
    transport: NetcodeServerTransport,
    folder: PathBuf,
    file: SessionFile,
    /// Every drill the session plays, in order (one, or a set's).
    scenarios: Vec<Arc<Scenario>>,
    /// The drill played now.
    scenario: Arc<Scenario>,
    live: Live,
    /// A set's drills played before this one.
    past: Vec<Live>,
    /// Connected and admitted: connection to name.
    clients: BTreeMap<ClientId, String>,
    /// Connections being turned away, and when to cut them.
    turning: Vec<(ClientId, Instant)>,
    /// Names whose screen changed since it was last sent.
    dirty: BTreeSet<String>,
    /// Names to be sent the welcome of the drill played now (on joining, and when a set moves
    /// on) before any screen of it: kept until the connection takes it.
    welcome_due: BTreeSet<String>,
    /// Per drill: what a tick changes (events, over).
    marks: BTreeMap<String, (usize, bool)>,
    last_update: Instant,
    events: Vec<HostEvent>,
}

impl Host {
    /// Opens a new session in `folder` (created; it must not hold a session already) listening
    /// on `bind`; `public` are the addresses participants reach it at.
    pub fn open(setup: Setup, folder: &Path, bind: SocketAddr, public: Vec<SocketAddr>) -> Result<Self, NetError> {
        if folder.join(SESSION_FILE).exists() {
            return Err(NetError::Session(msg!("net-session-exists", folder = folder.display())));
        }
        check_setup(&setup)?;
        private_folder(folder)?;
        let file = SessionFile {
            format: SESSION_FORMAT,
            code: SessionCode::generate()?,
            setup,
            seats: BTreeMap::new(),
            record: None,
            done: Vec::new(),
        };
        let mut host = Self::start(file, folder, bind, public, super::wall_now())?;
        host.save();
        Ok(host)
    }

    /// Takes up the session saved in `folder`: same code, same participants, every accepted
    /// request played again.
    pub fn resume(folder: &Path, bind: SocketAddr, public: Vec<SocketAddr>) -> Result<Self, NetError> {
        let file: SessionFile =
            store::load(&folder.join(SESSION_FILE), "session").map_err(|e| NetError::Session(e.to_string()))?;
        if file.format != SESSION_FORMAT {
            return Err(NetError::Session(msg!("net-session-format", format = file.format)));
        }
        Self::start(file, folder, bind, public, super::wall_now())
    }

    fn start(
        file: SessionFile,
        folder: &Path,
        bind: SocketAddr,
        mut public: Vec<SocketAddr>,
        now: WallMs,
    ) -> Result<Self, NetError> {
        let mut scenarios = Vec::new();
        for (path, source) in file.setup.drills() {
            let scenario =
                load_str(source).scenario.ok_or_else(|| NetError::Session(msg!("net-scenario-errors", file = path)))?;
            scenarios.push(Arc::new(scenario));
        }
        let (setup, mode) = (&file.setup, file.setup.mode);
        let Some(scenario) = scenarios.get(file.done.len()).cloned() else {
            return Err(NetError::Session(msg!("net-record", error = msg!("net-record-set"))));
        };
        let mut past = Vec::new();
        for (record, scenario) in file.done.iter().zip(&scenarios) {
            past.push(Live::restore(Some(record), mode, scenario, setup)?);
        }
        let live = Live::restore(file.record.as_ref(), mode, &scenario, setup)?;
        let socket = UdpSocket::bind(bind).map_err(|e| NetError::Address(bind.to_string(), e.to_string()))?;
        let port = socket.local_addr()?.port();
        for address in &mut public {
            if address.port() == 0 {
                address.set_port(port);
            }
        }
        let config = ServerConfig {
            current_time: since_epoch(),
            max_clients: MAX_PARTICIPANTS,
            protocol_id: PROTOCOL_ID,
            public_addresses: public,
            authentication: ServerAuthentication::Secure { private_key: file.code.key() },
        };
        let transport = NetcodeServerTransport::new(config, socket)?;
        let mut host = Self {
            server: RenetServer::new(connection_config()),
            transport,
            folder: folder.to_owned(),
            file,
            scenarios,
            scenario,
            live,
            past,
            clients: BTreeMap::new(),
            turning: Vec::new(),
            dirty: BTreeSet::new(),
            welcome_due: BTreeSet::new(),
            marks: BTreeMap::new(),
            last_update: Instant::now(),
            events: Vec::new(),
        };
        // Drills that had ended before the host stopped are not announced again.
        host.marks = host.drill_marks();
        host.tick(now);
        Ok(host)
    }

    /// The session code to show the participants.
    pub fn code(&self) -> &SessionCode {
        &self.file.code
    }

    /// The addresses participants reach the host at.
    pub fn addresses(&self) -> Vec<SocketAddr> {
        self.transport.addresses()
    }

    /// The session folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// How the session was set up.
    pub fn setup(&self) -> &Setup {
        &self.file.setup
    }

    /// The scenario played now.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// Who is connected now.
    pub fn connected(&self) -> Vec<String> {
        self.clients.values().cloned().collect()
    }

    /// The facilitated session's console (empty in other modes).
    pub fn console(&self, now: WallMs) -> Vec<ConsoleRow> {
        match &self.live {
            Live::Facilitated(s) => s.console(now),
            _ => Vec::new(),
        }
    }

    /// The facilitated session, when that is the mode.
    pub fn facilitated(&self) -> Option<&FacilitatedSession> {
        match &self.live {
            Live::Facilitated(s) => Some(s),
            _ => None,
        }
    }

    /// The team drill, once it has started.
    pub fn team(&self) -> Option<&TeamDrill> {
        match &self.live {
            Live::Team(t) => t.as_ref(),
            _ => None,
        }
    }

    /// The role play, once it has started.
    pub fn role_play(&self) -> Option<&RolePlay> {
        match &self.live {
            Live::RolePlay(r) => r.as_ref(),
            _ => None,
        }
    }

    /// Has the session come to its end: ended by the facilitator, or (team drill, role play) the
    /// last drill has ended?
    pub fn is_over(&self) -> bool {
        match &self.live {
            Live::Facilitated(s) => s.is_ended(),
            Live::Team(t) => t.as_ref().is_some_and(|t| t.runner().is_over()) && self.next_scenario().is_none(),
            Live::RolePlay(r) => r.as_ref().is_some_and(|r| r.runner().is_over()) && self.next_scenario().is_none(),
        }
    }

    /// Every finished drill's debrief, by whose it is (a set's drills in order).
    pub fn debriefs(&self) -> Vec<(String, Debrief)> {
        self.past.iter().chain([&self.live]).flat_map(Live::debriefs).collect()
    }

    /// The facilitator's request.
    pub fn facilitate(&mut self, request: ToHost, now: WallMs) -> Result<(), String> {
        self.handle(&Who::Facilitator, request, now)
    }

    /// Everything that happened since the last call.
    pub fn take_events(&mut self) -> Vec<HostEvent> {
        std::mem::take(&mut self.events)
    }

    /// Receives from the network, handles the participants' requests, lets time pass to `now`,
    /// and sends every participant whose screen changed their new view.
    pub fn poll(&mut self, now: WallMs) {
        let elapsed = self.last_update.elapsed();
        self.last_update = Instant::now();
        self.server.update(elapsed);
        if let Err(e) = self.transport.update(elapsed, &mut self.server) {
            self.events.push(HostEvent::Malformed { who: "-".into(), why: e.to_string() });
        }
        while let Some(event) = self.server.get_event() {
            match event {
                ServerEvent::ClientConnected { client_id } => self.admit(client_id, now),
                ServerEvent::ClientDisconnected { client_id, .. } => {
                    self.turning.retain(|(c, _)| *c != client_id);
                    if let Some(name) = self.clients.remove(&client_id) {
                        self.events.push(HostEvent::Left { name });
                    }
                }
            }
        }
        for client_id in self.server.clients_id() {
            for _ in 0..REQUESTS_PER_POLL {
                let Some(bytes) = self.server.receive_message(client_id, CHANNEL) else { break };
                let Some(name) = self.clients.get(&client_id).cloned() else { continue };
                match decode_to_host(&bytes) {
                    // A participant joins by connecting, once; a join sent as a request is refused.
                    Ok(ToHost::Facilitated(FacilitatedRequest::Join)) => {
                        let why = msg!("net-join-by-connecting");
                        self.events.push(HostEvent::Refused { who: Some(name), why: why.clone() });
                        self.send(client_id, &ToParticipant::Refused(why));
                    }
                    Ok(request) => {
                        if let Err(why) = self.handle(&Who::Member(name.clone()), request, now) {
                            self.send(client_id, &ToParticipant::Refused(why));
                        }
                    }
                    Err(malformed) => {
                        let why = malformed.to_string();
                        self.events.push(HostEvent::Malformed { who: name, why: why.clone() });
                        self.send(client_id, &ToParticipant::Refused(why));
                    }
                }
            }
        }
        self.tick(now);
        let cut = Instant::now();
        for (client_id, _) in self.turning.iter().filter(|(_, at)| *at <= cut) {
            self.server.disconnect(*client_id);
        }
        self.turning.retain(|(_, at)| *at > cut);
        self.send_views(now);
        self.transport.send_packets(&mut self.server);
    }

    /// Tells every participant the session is over and closes the connections.
    pub fn close(&mut self) {
        self.transport.send_packets(&mut self.server);
        self.transport.disconnect_all(&mut self.server);
    }

    fn admit(&mut self, client_id: ClientId, now: WallMs) {
        let hello = self.transport.user_data(client_id).and_then(|d| Hello::from_user_data(&d));
        let Some(hello) = hello else {
            self.events.push(HostEvent::Malformed { who: client_id.to_string(), why: msg!("net-no-hello") });
            self.server.disconnect(client_id);
            return;
        };
        let turn = |host: &mut Self, why: String| {
            host.events.push(HostEvent::Turned { name: hello.name.clone(), why: why.clone() });
            host.send(client_id, &ToParticipant::Turned(why));
            host.turning.push((client_id, Instant::now() + TURN_AWAY_AFTER));
        };
        if let Some(seat) = self.file.seats.get(&hello.name)
            && *seat != hello.seat
        {
            return turn(self, msg!("net-name-taken", name = hello.name.as_str()));
        }
        if let Some(why) = self.not_invited(&hello.name) {
            return turn(self, why);
        }
        if let Live::Facilitated(_) = self.live
            && let Err(why) =
                self.handle(&Who::Member(hello.name.clone()), ToHost::Facilitated(FacilitatedRequest::Join), now)
        {
            return turn(self, why);
        }
        // The same machine again (a new connection after a lost one): the old one goes.
        let old: Vec<ClientId> = self.clients.iter().filter(|(_, n)| **n == hello.name).map(|(c, _)| *c).collect();
        for c in old {
            self.clients.remove(&c);
            self.server.disconnect(c);
        }
        let again = self.file.seats.contains_key(&hello.name);
        self.file.seats.insert(hello.name.clone(), hello.seat.clone());
        self.clients.insert(client_id, hello.name.clone());
        self.events.push(HostEvent::Joined { name: hello.name.clone(), again });
        self.start_when_all_here(now);
        self.save();
        // A set's earlier drills, for one who was away when they ended (kept once on their side).
        for message in self.earlier_for(&hello.name) {
            self.send(client_id, &message);
        }
        self.welcome_due.insert(hello.name.clone());
        self.dirty.insert(hello.name);
        // Everyone waiting sees who the drill still waits for.
        if !self.waiting_for().is_empty() {
            self.mark_all_dirty();
        }
    }

    /// Why `name` may not join this session, if they may not.
    fn not_invited(&self, name: &str) -> Option<String> {
        let setup = &self.file.setup;
        let listed = match setup.mode {
            Mode::Facilitated => return None,
            Mode::Team => setup.roster.iter().flatten().any(|m| m == name),
            Mode::RolePlay => setup.trainee.as_deref() == Some(name) || setup.role_player.as_deref() == Some(name),
        };
        (!listed).then(|| msg!("session-refused-not-on-roster", name = name))
    }

    fn part_of(&self, name: &str) -> Part {
        let setup = &self.file.setup;
        match setup.mode {
            Mode::Facilitated => Part::Trainee,
            Mode::Team => Part::Member { lead: setup.lead.as_deref() == Some(name) },
            Mode::RolePlay if setup.role_player.as_deref() == Some(name) => Part::RolePlayer,
            Mode::RolePlay => Part::Trainee,
        }
    }

    /// Who a team drill or role play still waits for (a name counts once it has joined, even if
    /// its connection is lost for a moment: it rejoins into the drill).
    pub fn waiting_for(&self) -> Vec<String> {
        let setup = &self.file.setup;
        let needed: Vec<String> = match (&self.live, setup.mode) {
            (Live::Team(None), _) => setup.roster.clone().unwrap_or_default(),
            (Live::RolePlay(None), _) => setup.trainee.iter().chain(&setup.role_player).cloned().collect(),
            _ => Vec::new(),
        };
        needed.into_iter().filter(|n| !self.file.seats.contains_key(n)).collect()
    }

    fn start_when_all_here(&mut self, now: WallMs) {
        if !self.waiting_for().is_empty() {
            return;
        }
        let setup = &self.file.setup;
        let scenario = Arc::clone(&self.scenario);
        let started = match &mut self.live {
            Live::Team(team @ None) => {
                let members = setup.roster.clone().unwrap_or_default();
                match TeamDrill::start(scenario, setup.seed, members, setup.lead.clone(), now) {
                    Ok(t) => {
                        *team = Some(t);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            Live::RolePlay(play @ None) => {
                let (trainee, player) =
                    (setup.trainee.clone().unwrap_or_default(), setup.role_player.clone().unwrap_or_default());
                match RolePlay::start(scenario, setup.seed, &trainee, &player, now) {
                    Ok(r) => {
                        *play = Some(r);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            _ => return,
        };
        match started {
            Ok(()) => {
                self.events.push(HostEvent::Started);
                self.mark_all_dirty();
            }
            Err(why) => self.events.push(HostEvent::Refused { who: None, why }),
        }
    }

    /// Handles one request; a refusal is said in the session's words and logged.
    fn handle(&mut self, who: &Who, request: ToHost, now: WallMs) -> Result<(), String> {
        let result = match (&mut self.live, &request) {
            (_, ToHost::NextDrill { from }) => self.next_drill(who, *from, now),
            (Live::Facilitated(s), ToHost::Facilitated(r)) => s.handle(who, r.clone(), now).map_err(|e| e.to_string()),
            (Live::Team(Some(t)), ToHost::Team(r)) => t.handle(who, r.clone(), now).map_err(|e| e.to_string()),
            (Live::RolePlay(Some(p)), ToHost::RolePlay(r)) => p.handle(who, r.clone(), now).map_err(|e| e.to_string()),
            (Live::Team(None) | Live::RolePlay(None), _) => Err(msg!("net-not-started")),
            _ => Err(msg!("net-other-mode")),
        };
        let name = match who {
            Who::Member(n) => Some(n.clone()),
            Who::Facilitator => None,
        };
        match result {
            Ok(()) => {
                match (&request, &self.live) {
                    (ToHost::Facilitated(r), Live::Facilitated(_)) => match (r, &name) {
                        (_, Some(n)) => {
                            self.dirty.insert(n.clone());
                        }
                        (
                            FacilitatedRequest::Pause { who: Some(n) }
                            | FacilitatedRequest::Resume { who: Some(n) }
                            | FacilitatedRequest::Inject { who: Some(n), .. }
                            | FacilitatedRequest::Note { who: n, .. },
                            None,
                        ) => {
                            self.dirty.insert(n.clone());
                        }
                        _ => self.mark_all_dirty(),
                    },
                    _ => self.mark_all_dirty(),
                }
                self.events.push(HostEvent::Accepted { who: name, request });
                self.save();
                self.note_drill_endings();
                Ok(())
            }
            Err(why) => {
                self.events.push(HostEvent::Refused { who: name, why: why.clone() });
                Err(why)
            }
        }
    }

    /// What `name` learns on joining the drill played now.
    fn welcome(&self, name: &str) -> Welcome {
        Welcome {
            mode: self.file.setup.mode,
            part: self.part_of(name),
            name: name.to_owned(),
            scenario: self.file.setup.drills().get(self.file.done.len()).map_or_else(String::new, |d| d.1.to_owned()),
            hash: self.scenario.content_hash().to_owned(),
            set: self.place(),
        }
    }

    fn mark_all_dirty(&mut self) {
        self.dirty.extend(self.file.seats.keys().cloned());
    }

    /// Lets time pass in the session; screens whose drill moved get sent again.
    fn tick(&mut self, now: WallMs) {
        match &mut self.live {
            Live::Facilitated(s) => s.tick(now),
            Live::Team(Some(t)) => {
                if let Err(e) = t.tick(now) {
                    self.events.push(HostEvent::Refused { who: None, why: e.to_string() });
                }
            }
            Live::RolePlay(Some(_)) | Live::Team(None) | Live::RolePlay(None) => {}
        }
        self.note_drill_endings();
    }

    /// Per drill, what time can change: its events and whether it is over.
    fn drill_marks(&self) -> BTreeMap<String, (usize, bool)> {
        let mark = |r: &Runner| (r.event_count(), r.is_over());
        match &self.live {
            Live::Facilitated(s) => {
                s.names().into_iter().filter_map(|n| Some((n.to_owned(), mark(s.runner_of(n)?)))).collect()
            }
            Live::Team(Some(t)) => [(String::new(), mark(t.runner()))].into(),
            Live::RolePlay(Some(r)) => [(String::new(), mark(r.runner()))].into(),
            Live::Team(None) | Live::RolePlay(None) => BTreeMap::new(),
        }
    }

    fn note_drill_endings(&mut self) {
        let marks = self.drill_marks();
        for (name, mark) in &marks {
            if self.marks.get(name) == Some(mark) {
                continue;
            }
            if name.is_empty() {
                self.mark_all_dirty();
            } else {
                self.dirty.insert(name.clone());
            }
            if mark.1 && self.marks.get(name).is_none_or(|m| !m.1) {
                let whose = match &self.live {
                    Live::Team(Some(t)) => t.record().trainee.clone(),
                    Live::RolePlay(Some(r)) => r.record().trainee.clone(),
                    _ => name.clone(),
                };
                self.events.push(HostEvent::DrillEnded { name: whose });
            }
        }
        self.marks = marks;
    }

    /// The screen of `name` now.
    pub fn view_of(&self, name: &str, now: WallMs) -> View {
        let mut view = View {
            host_now: now,
            waiting_for: self.waiting_for(),
            debrief: self.live.debrief_for(name),
            ..View::default()
        };
        match &self.live {
            Live::Facilitated(s) => {
                view.drill = s.runner_of(name).map(|r| r.state().clone());
                view.notes = s.notes_of(name).to_vec();
                view.ended = s.is_ended();
            }
            Live::Team(t) => {
                view.team = Some(TeamView {
                    members: self.file.setup.roster.clone().unwrap_or_default(),
                    lead: self.file.setup.lead.clone(),
                    voted: t.iter().flat_map(|t| t.voted()).map(str::to_owned).collect(),
                    tie: t.as_ref().and_then(|t| t.tie().map(<[_]>::to_vec)),
                    decisions: t.as_ref().map(|t| t.decisions().to_vec()).unwrap_or_default(),
                });
                view.drill = t.as_ref().map(|t| t.runner().state().clone());
            }
            Live::RolePlay(r) => {
                view.drill = r.as_ref().map(|r| r.runner().state().clone());
                if self.file.setup.role_player.as_deref() == Some(name) {
                    view.card = r.as_ref().and_then(RolePlay::card);
                }
            }
        }
        // A team drill or role play is over with its set's last drill; before that, the drill
        // that has ended shows what comes next.
        if !matches!(self.live, Live::Facilitated(_)) {
            view.ended = view.debrief.is_some() && self.next_scenario().is_none();
        }
        if view.debrief.is_some() && !view.ended {
            view.next = self.next_scenario().map(|s| NextDrill {
                title: s.title.clone(),
                yours: self.may_start_next(&Who::Member(name.to_owned())),
            });
        }
        view
    }

    fn send_views(&mut self, now: WallMs) {
        if self.dirty.is_empty() && self.welcome_due.is_empty() {
            return;
        }
        let dirty = std::mem::take(&mut self.dirty);
        let connected: Vec<(ClientId, String)> = self.clients.iter().map(|(c, n)| (*c, n.clone())).collect();
        for (client_id, name) in connected {
            if self.welcome_due.contains(&name) {
                let welcome = ToParticipant::Welcome(self.welcome(&name));
                if !self.send(client_id, &welcome) {
                    // No screen of the drill before its welcome: both go on a later poll.
                    self.dirty.insert(name);
                    continue;
                }
                self.welcome_due.remove(&name);
            } else if !dirty.contains(&name) {
                continue;
            }
            let view = ToParticipant::View(Box::new(self.view_of(&name, now)));
            if !self.send(client_id, &view) {
                // The channel is full: send it again on the next poll.
                self.dirty.insert(name);
            }
        }
    }

    /// Sends a message; `false` when the connection cannot take it now.
    fn send(&mut self, client_id: ClientId, message: &ToParticipant) -> bool {
        let bytes = encode(message);
        if !self.server.can_send_message(client_id, CHANNEL, bytes.len()) {
            return false;
        }
        self.server.send_message(client_id, CHANNEL, bytes);
        true
    }

    /// Saves the session file: the setup, the seats and every accepted request.
    fn save(&mut self) {
        self.file.record = self.live.record();
        if let Err(e) = store::save(&self.folder.join(SESSION_FILE), &self.file) {
            self.events.push(HostEvent::SaveFailed(e.to_string()));
        }
    }
}

/// What a session leaves in its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionResults {
    /// The folder of the session's debriefs (and their reviews): the hot wash reads it.
    pub debriefs: PathBuf,
    /// Each debrief written.
    pub files: Vec<PathBuf>,
    /// The team drills' votes, per decision (Markdown; a set's drills one after the other), when
    /// the session was one.
    pub votes: Option<PathBuf>,
}

impl Host {
    /// Writes every finished drill's debrief with its review into the session folder's
    /// `debriefs`, and a team drill's votes as `votes.md` (in the scenario's language).
    pub fn write_results(&self, catalog: &[DrillSummary]) -> Result<SessionResults, store::StoreError> {
        let dir = self.folder.join("debriefs");
        let mut files = Vec::new();
        let mut votes = Vec::new();
        for (live, scenario) in self.past.iter().chain([&self.live]).zip(&self.scenarios) {
            for (_, debrief) in live.debriefs() {
                let review = Review::build(scenario, &debrief, catalog);
                files.push(store::save_drill(&dir, &debrief, &review)?.debrief);
            }
            if let Live::Team(Some(team)) = live {
                let md = team.votes_markdown(Lang::of(&scenario.language).tr());
                votes.push(if self.scenarios.len() > 1 { format!("# {}\n\n{md}", scenario.title) } else { md });
            }
        }
        let votes = match votes.is_empty() {
            false => {
                let file = self.folder.join("votes.md");
                store::write_text(&file, &votes.join("\n"))?;
                Some(file)
            }
            true => None,
        };
        Ok(SessionResults { debriefs: dir, files, votes })
    }
}
