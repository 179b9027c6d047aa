//! A participant's end of a live session: it joins with the host's address and the session code,
//! sends requests, and keeps a copy of what the host says its screen is — the drill as plain
//! state, which it shows through a runner of its own on the scenario the host sent.

use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use renet::RenetClient;
use renet_netcode::{ClientAuthentication, ConnectToken, NetcodeClientTransport};

use super::{
    CHANNEL, Hello, NetError, PROTOCOL_ID, SessionCode, TIMEOUT_SECONDS, ToHost, ToParticipant, View, Welcome,
    connection_config, encode, since_epoch,
};
use crate::engine::debrief::Debrief;
use crate::engine::i18n::msg;
use crate::engine::load::load_str;
use crate::engine::model::Scenario;
use crate::engine::review::{DrillSummary, Review};
use crate::engine::runner::Runner;
use crate::engine::store::{self, DrillFiles, StoreError};
use crate::engine::times::WallMs;

/// How long a connect token may wait to be used.
const TOKEN_EXPIRES_S: u64 = 24 * 3600;

/// What a participant heard from the host.
#[derive(Clone, Debug, PartialEq)]
pub enum Heard {
    /// Admitted: the welcome.
    Welcome,
    /// The screen changed.
    View,
    /// A request was refused: why.
    Refused(String),
    /// The host turned this participant away: why.
    Turned(String),
    /// A set's earlier drill of this participant's, ended (sent again on every admission: keep
    /// it with [`JoinFiles::keep_debrief`], which keeps each drill once).
    Earlier {
        /// Which drill of the session, from 1.
        drill: usize,
        /// Its scenario.
        scenario: Arc<Scenario>,
        /// Its debrief.
        debrief: Box<Debrief>,
    },
    /// The host sent something this participant cannot use: why (the screen stays as it was).
    Unusable(String),
    /// The connection ended: why.
    Lost(String),
    /// A [`Rejoining`] participant stopped trying: never admitted (a wrong code, no host at the
    /// address), or the host stayed out of reach too long. Why.
    GaveUp(String),
}

/// A participant of a live session.
pub struct Participant {
    client: RenetClient,
    transport: NetcodeClientTransport,
    welcome: Option<Welcome>,
    scenario: Option<Arc<Scenario>>,
    view: Option<View>,
    runner: Option<Runner>,
    /// The host's clock minus this machine's, in milliseconds.
    clock_offset: i64,
    last_update: Instant,
    lost: bool,
}

impl Participant {
    /// Starts joining the host at `address` with `code` as `hello` says; [`Participant::poll`]
    /// completes it.
    pub fn connect(address: SocketAddr, code: &SessionCode, hello: &Hello) -> Result<Self, NetError> {
        Self::connect_with_key(address, &code.key(), hello)
    }

    /// As [`Participant::connect`], with the code's key already made (it takes a while on purpose).
    pub fn connect_with_key(address: SocketAddr, key: &[u8; 32], hello: &Hello) -> Result<Self, NetError> {
        let mut id = [0u8; 8];
        getrandom::fill(&mut id).map_err(|e| NetError::Transport(e.to_string()))?;
        let token = ConnectToken::generate(
            since_epoch(),
            PROTOCOL_ID,
            TOKEN_EXPIRES_S,
            u64::from_le_bytes(id),
            TIMEOUT_SECONDS,
            vec![address],
            Some(&hello.to_user_data()?),
            key,
        )
        .map_err(|e| NetError::Transport(e.to_string()))?;
        let bind = if address.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" };
        let socket = UdpSocket::bind(bind)?;
        let transport =
            NetcodeClientTransport::new(since_epoch(), ClientAuthentication::Secure { connect_token: token }, socket)
                .map_err(|e| NetError::Transport(e.to_string()))?;
        Ok(Self {
            client: RenetClient::new(connection_config()),
            transport,
            welcome: None,
            scenario: None,
            view: None,
            runner: None,
            clock_offset: 0,
            last_update: Instant::now(),
            lost: false,
        })
    }

    /// Is the connection up?
    pub fn is_connected(&self) -> bool {
        self.client.is_connected()
    }

    /// Has the connection ended (or never come up)?
    pub fn is_lost(&self) -> bool {
        self.lost
    }

    /// The welcome, once admitted.
    pub fn welcome(&self) -> Option<&Welcome> {
        self.welcome.as_ref()
    }

    /// The scenario the host sent.
    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        self.scenario.as_ref()
    }

    /// The screen as the host last sent it.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }

    /// The drill shown, through the host API.
    pub fn runner(&self) -> Option<&Runner> {
        self.runner.as_ref()
    }

    /// The host's clock now, for countdowns.
    pub fn host_now(&self, local: WallMs) -> WallMs {
        WallMs(local.0.saturating_add_signed(self.clock_offset))
    }

    /// Sends a request.
    pub fn send(&mut self, request: &ToHost) {
        self.send_bytes(encode(request));
    }

    /// Sends bytes as they are (a request the caller encoded, or anything at all: the host's
    /// tests send it malformed and oversized messages this way). What is sent while the
    /// connection is still coming up waits in the channel and goes once it is up.
    pub fn send_bytes(&mut self, bytes: Vec<u8>) {
        self.client.send_message(CHANNEL, bytes);
    }

    /// Closes the connection.
    pub fn disconnect(&mut self) {
        self.transport.disconnect();
        self.lost = true;
    }

    /// Exchanges packets with the host; returns what was heard, in order.
    pub fn poll(&mut self, local_now: WallMs) -> Vec<Heard> {
        let mut heard = Vec::new();
        let elapsed = self.last_update.elapsed();
        self.last_update = Instant::now();
        self.client.update(elapsed);
        if let Err(e) = self.transport.update(elapsed, &mut self.client)
            && !self.lost
        {
            self.lost = true;
            heard.push(Heard::Lost(e.to_string()));
        }
        while let Some(bytes) = self.client.receive_message(CHANNEL) {
            match serde_json::from_slice::<ToParticipant>(&bytes) {
                Ok(message) => heard.push(self.take(message, local_now)),
                Err(e) => heard.push(Heard::Unusable(e.to_string())),
            }
        }
        if !self.lost && self.client.is_disconnected() {
            self.lost = true;
            let why = self.transport.disconnect_reason().map(|r| r.to_string()).unwrap_or_default();
            heard.push(Heard::Lost(why));
        }
        if !self.lost {
            // A packet the transport cannot send yet is sent again by the reliable channel.
            let _ = self.transport.send_packets(&mut self.client);
        }
        heard
    }

    fn take(&mut self, message: ToParticipant, local_now: WallMs) -> Heard {
        match message {
            ToParticipant::Welcome(welcome) => {
                let Some(scenario) = load_str(&welcome.scenario).scenario else {
                    return Heard::Unusable(msg!("net-welcome-unloadable"));
                };
                if scenario.content_hash() != welcome.hash {
                    return Heard::Unusable(msg!("net-welcome-unloadable"));
                }
                // A set's next drill comes with a welcome of its own: the last drill's screen goes.
                if self.welcome.as_ref().is_some_and(|w| w.set != welcome.set) {
                    self.view = None;
                    self.runner = None;
                }
                self.scenario = Some(Arc::new(scenario));
                self.welcome = Some(welcome);
                Heard::Welcome
            }
            ToParticipant::View(view) => {
                let Some(scenario) = &self.scenario else { return Heard::Unusable(msg!("net-view-before-welcome")) };
                let runner = match &view.drill {
                    Some(state) => match Runner::restore(Arc::clone(scenario), state.clone()) {
                        Ok(r) => Some(r),
                        Err(e) => return Heard::Unusable(e.to_string()),
                    },
                    None => None,
                };
                self.clock_offset =
                    i64::try_from(view.host_now.0).unwrap_or(i64::MAX) - i64::try_from(local_now.0).unwrap_or(i64::MAX);
                self.runner = runner;
                self.view = Some(*view);
                Heard::View
            }
            ToParticipant::Refused(why) => Heard::Refused(why),
            ToParticipant::Turned(why) => Heard::Turned(why),
            ToParticipant::Earlier(earlier) => match load_str(&earlier.scenario).scenario {
                Some(scenario) if scenario.content_hash() == earlier.hash => Heard::Earlier {
                    drill: earlier.drill,
                    scenario: Arc::new(scenario),
                    debrief: Box::new(earlier.debrief),
                },
                _ => Heard::Unusable(msg!("net-welcome-unloadable")),
            },
        }
    }
}

/// A participant who joins again by itself, with the same seat, when the host is out of reach
/// (the host restarted, the network dropped), until `retry_for` has passed; the drill goes on
/// where it was. A participant never admitted gives up at once.
pub struct Rejoining {
    participant: Participant,
    address: SocketAddr,
    key: [u8; 32],
    hello: Hello,
    retry_for: Duration,
    welcomed: bool,
    over: bool,
    given_up: bool,
    lost_since: Option<Instant>,
    retry_at: Option<Instant>,
}

impl Rejoining {
    /// Starts joining (see [`Participant::connect_with_key`]).
    pub fn connect(address: SocketAddr, key: [u8; 32], hello: Hello, retry_for: Duration) -> Result<Self, NetError> {
        let participant = Participant::connect_with_key(address, &key, &hello)?;
        Ok(Self {
            participant,
            address,
            key,
            hello,
            retry_for,
            welcomed: false,
            over: false,
            given_up: false,
            lost_since: None,
            retry_at: None,
        })
    }

    /// The connection in use.
    pub fn participant(&self) -> &Participant {
        &self.participant
    }

    /// The connection in use, to send on.
    pub fn participant_mut(&mut self) -> &mut Participant {
        &mut self.participant
    }

    /// Is the host out of reach while this keeps trying?
    pub fn is_rejoining(&self) -> bool {
        self.lost_since.is_some() && !self.given_up
    }

    /// Has it stopped trying?
    pub fn has_given_up(&self) -> bool {
        self.given_up
    }

    /// Polls the connection (see [`Participant::poll`]); joins again when it is lost.
    pub fn poll(&mut self, local_now: WallMs) -> Vec<Heard> {
        let mut heard = self.participant.poll(local_now);
        for h in &heard {
            match h {
                Heard::Welcome => {
                    self.welcomed = true;
                    self.lost_since = None;
                    self.retry_at = None;
                }
                Heard::View => {
                    self.over = self.participant.view().is_some_and(View::is_last);
                }
                Heard::Turned(_) => self.given_up = true,
                _ => {}
            }
        }
        if !self.participant.is_lost() || self.given_up || self.over {
            return heard;
        }
        if !self.welcomed {
            self.given_up = true;
            let why = heard.iter().find_map(|h| if let Heard::Lost(w) = h { Some(w.clone()) } else { None });
            heard.push(Heard::GaveUp(why.unwrap_or_default()));
            return heard;
        }
        let since = *self.lost_since.get_or_insert_with(Instant::now);
        if since.elapsed() > self.retry_for {
            self.given_up = true;
            heard.push(Heard::GaveUp(msg!("net-host-gone")));
        } else if self.retry_at.is_none_or(|at| at <= Instant::now()) {
            // Once a second; the seat brings the drill back.
            self.retry_at = Some(Instant::now() + Duration::from_secs(1));
            if let Ok(p) = Participant::connect_with_key(self.address, &self.key, &self.hello) {
                self.participant = p;
            }
        }
        heard
    }
}

/// What a participant's machine keeps of a session, under its data folder's `sessions/joined`:
/// the seat secret (so a rejoin after a crash gets the same seat) and the drill so far (so
/// nothing is lost if the host disappears).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinFiles {
    /// The seat secret.
    pub seat: PathBuf,
    /// The drill as the host last sent it.
    pub in_progress: PathBuf,
    /// Which drills of the session have had their debrief saved here, one number a line.
    pub saved: PathBuf,
}

impl JoinFiles {
    /// The files of `name` in the session of `code`.
    pub fn new(data_root: &Path, code: &SessionCode, name: &str) -> Self {
        let dir = data_root.join("sessions").join("joined");
        let stem = format!("{}-{}", code.tag(), store::slug(name));
        Self {
            seat: dir.join(format!("{stem}.seat")),
            in_progress: dir.join(format!("{stem}.in-progress.ron")),
            saved: dir.join(format!("{stem}.saved")),
        }
    }

    /// Saves the host's debrief of drill `drill` of the session (counted from 1) with its review
    /// in `out`, once: the host sends it again after a rejoin, and a set's drills each have one.
    /// `None` when it was saved before.
    pub fn keep_debrief(
        &self,
        drill: usize,
        out: &Path,
        scenario: &Scenario,
        debrief: &Debrief,
        catalog: &[DrillSummary],
    ) -> Result<Option<(Review, DrillFiles)>, StoreError> {
        let done = std::fs::read_to_string(&self.saved).unwrap_or_default();
        if done.lines().any(|l| l.trim().parse() == Ok(drill)) {
            return Ok(None);
        }
        let review = Review::build(scenario, debrief, catalog);
        let files = store::save_drill(out, debrief, &review)?;
        store::write_text(&self.saved, &format!("{done}{drill}\n"))?;
        let _ = std::fs::remove_file(&self.in_progress);
        Ok(Some((review, files)))
    }

    /// The seat secret kept for this session, made and kept on the first join.
    pub fn seat(&self) -> Result<String, NetError> {
        if let Ok(seat) = std::fs::read_to_string(&self.seat)
            && !seat.trim().is_empty()
        {
            return Ok(seat.trim().to_owned());
        }
        let seat = super::new_seat()?;
        if let Some(dir) = self.seat.parent() {
            std::fs::create_dir_all(dir)?;
        }
        store::write_text(&self.seat, &seat).map_err(|e| NetError::Session(e.to_string()))?;
        Ok(seat)
    }
}

/// How long to wait between polls of a participant or host loop.
pub const POLL_EVERY: Duration = Duration::from_millis(5);
