//! Live sessions on the network: a facilitator's machine hosts a facilitated drill, a team drill
//! or a role play, and participants join it from their own machines with the host's address and
//! the session code.
//!
//! The transport is renet's reliable ordered channel over netcode. Netcode admits only a
//! connection whose connect token was sealed with the server's private key; here that key is made
//! from the session code ([`SessionCode::key`]), and each participant seals their own token with
//! it, so the code itself never crosses the network and a wrong code is never admitted. The
//! token's user data says who joins ([`Hello`]).
//!
//! The host is authoritative and runs the engine ([`host::Host`]); participants send requests of
//! the engine's live sessions, never state ([`ToHost`]), and the host sends each of them only
//! their own drill, or the team's, or their role card ([`View`]). To draw it, each participant
//! gets the scenario's source on joining, as a trainee playing alone has the scenario files.
//! Every message from a participant is size-limited and decoded before anything else; what is
//! malformed is refused, logged and changes nothing, and the transport cuts a connection that
//! floods its channel.

pub mod host;
pub mod participant;

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use renet::{ChannelConfig, ConnectionConfig, SendType};
use renet_netcode::NETCODE_USER_DATA_BYTES;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::engine::debrief::Debrief;
use crate::engine::facilitated::{FacilitatedRequest, PinnedNote};
use crate::engine::i18n::msg;
use crate::engine::model::ChoiceId;
use crate::engine::role_play::{RoleCard, RolePlayRequest};
use crate::engine::runner::DrillState;
use crate::engine::team_drill::{TeamDecision, TeamRequest};
use crate::engine::times::WallMs;

/// Netcode's protocol id: a participant of another protocol version is not admitted.
pub const PROTOCOL_ID: u64 = 0x686f_7477_6173_6802;
/// The port a host listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 7447;
/// The largest message a participant may send (a written answer fits many times over).
pub const MAX_TO_HOST_BYTES: usize = 16 * 1024;
/// The longest name a participant may join under, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// How long a connection may stay silent before either side calls it lost.
pub const TIMEOUT_SECONDS: i32 = 5;
/// The one channel: reliable and ordered both ways.
pub const CHANNEL: u8 = 0;

/// Letters of a session code: no 0/O, 1/I/L, so it can be read aloud and typed from a screen.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters of a session code (31^8, about 40 bits).
const CODE_LEN: usize = 8;
/// Rounds of SHA-256 from the code to the key: each guess of a code from a captured packet costs
/// this much work.
pub const KEY_ROUNDS: u32 = 100_000;

/// What can go wrong on the network side of a session.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    /// The session code is not eight letters and digits of the code alphabet.
    #[error("{}", msg!("net-bad-code", code = .0))]
    BadCode(String),
    /// The name is empty or too long.
    #[error("{}", msg!("net-bad-name", max = MAX_NAME_CHARS))]
    BadName,
    /// The address cannot be used.
    #[error("{}", msg!("net-bad-address", address = .0, error = .1))]
    Address(String, String),
    /// A socket or file error.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The transport refused.
    #[error("{}", msg!("net-transport", error = .0))]
    Transport(String),
    /// The session cannot be opened or taken up again: why.
    #[error("{0}")]
    Session(String),
}

/// The code participants join a session with; it makes the key of the session's transport.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionCode(String);

impl SessionCode {
    /// A new random code.
    pub fn generate() -> Result<Self, NetError> {
        let mut bytes = [0u8; CODE_LEN];
        getrandom::fill(&mut bytes).map_err(|e| NetError::Transport(e.to_string()))?;
        // 256 is not a multiple of 31; rejection would be exact, but a bias of under 1 % per
        // letter costs less than a bit of the 40.
        Ok(Self(bytes.iter().map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char).collect()))
    }

    /// Reads a code as people type it: any case, with dashes or spaces.
    pub fn parse(text: &str) -> Result<Self, NetError> {
        let code: String =
            text.chars().filter(|c| !matches!(c, '-' | ' ' | '\t')).map(|c| c.to_ascii_uppercase()).collect();
        let valid = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if valid { Ok(Self(code)) } else { Err(NetError::BadCode(text.trim().to_owned())) }
    }

    /// The code as the facilitator's screen shows it: `ABCD-EFGH`.
    pub fn shown(&self) -> String {
        format!("{}-{}", &self.0[..CODE_LEN / 2], &self.0[CODE_LEN / 2..])
    }

    /// The transport's private key: SHA-256 over the code, [`KEY_ROUNDS`] times.
    pub fn key(&self) -> [u8; 32] {
        let mut key: [u8; 32] =
            Sha256::new().chain_update(b"hotwash session key 1").chain_update(&self.0).finalize().into();
        for _ in 0..KEY_ROUNDS {
            key = Sha256::new().chain_update(key).chain_update(&self.0).finalize().into();
        }
        key
    }

    /// A short tag of the code for file names (not the code: a tag does not let anyone in).
    pub fn tag(&self) -> String {
        let digest = Sha256::digest(format!("hotwash session tag {}", self.0));
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }
}

/// Who joins: sealed in the connect token, so only someone with the code can claim a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    /// The participant's name.
    pub name: String,
    /// A secret the participant's machine keeps for this session: a rejoin with the same name
    /// must bring it, so nobody else takes a seat over.
    pub seat: String,
}

impl Hello {
    /// Checks the name and makes the hello.
    pub fn new(name: &str, seat: String) -> Result<Self, NetError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(NetError::BadName);
        }
        Ok(Self { name: name.to_owned(), seat })
    }

    /// The token's user data.
    pub fn to_user_data(&self) -> Result<[u8; NETCODE_USER_DATA_BYTES], NetError> {
        let json = serde_json::to_vec(self).map_err(|e| NetError::Transport(e.to_string()))?;
        let mut data = [0u8; NETCODE_USER_DATA_BYTES];
        if json.len() > data.len() {
            return Err(NetError::BadName);
        }
        data[..json.len()].copy_from_slice(&json);
        Ok(data)
    }

    /// Reads the user data of an admitted token; `None` when it is not a hello.
    pub fn from_user_data(data: &[u8; NETCODE_USER_DATA_BYTES]) -> Option<Self> {
        let end = data.iter().position(|b| *b == 0).unwrap_or(data.len());
        let hello: Self = serde_json::from_slice(&data[..end]).ok()?;
        Self::new(&hello.name, hello.seat).ok()
    }
}

/// A new seat secret.
pub fn new_seat() -> Result<String, NetError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| NetError::Transport(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The three kinds of live session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Each participant plays their own copy; the facilitator watches them all.
    Facilitated,
    /// One drill played together, decided by votes.
    Team,
    /// A participant plays the caller from a role card; the trainee answers aloud.
    RolePlay,
}

impl Mode {
    /// The message naming the kind of session.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Facilitated => "cli-session-mode-facilitated",
            Self::Team => "cli-session-mode-team",
            Self::RolePlay => "cli-session-mode-role-play",
        }
    }

    /// The message listing the facilitator's commands at the host's prompt.
    pub fn commands_id(self) -> &'static str {
        match self {
            Self::Facilitated => "cli-host-commands-facilitated",
            Self::Team => "cli-host-commands-team",
            Self::RolePlay => "cli-host-commands-role-play",
        }
    }
}

/// A participant's part in the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// Plays their own drill (facilitated) or answers the role-player (role play).
    Trainee,
    /// Votes with the team.
    Member {
        /// Whether they break ties.
        lead: bool,
    },
    /// Plays the cast from the role card.
    RolePlayer,
}

impl Part {
    /// The message saying what the participant does in the session.
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Trainee => "cli-join-part-trainee",
            Self::Member { lead: false } => "cli-join-part-member",
            Self::Member { lead: true } => "cli-join-part-lead",
            Self::RolePlayer => "cli-join-part-role-player",
        }
    }
}

/// A participant's request to the host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToHost {
    /// A request of a facilitated session.
    Facilitated(FacilitatedRequest),
    /// A request of a team drill.
    Team(TeamRequest),
    /// A request of a role play.
    RolePlay(RolePlayRequest),
    /// Go on to the set's next drill, once the one played has ended (facilitated: the
    /// facilitator; team: the lead, or any member when there is none; role play: the
    /// role-player; the facilitator always).
    NextDrill {
        /// The drill it goes on from (counted from 1): refused once the set is past it, so a
        /// second click or two people asking at once never skip a drill.
        from: usize,
    },
}

/// What the host sends a participant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToParticipant {
    /// Sent once a participant is admitted: the session and the scenario's source, which the
    /// participant loads to show their drill.
    Welcome(Welcome),
    /// The participant's screen as it stands now.
    View(Box<View>),
    /// The host refused a request: the reason, in the host's language.
    Refused(String),
    /// The host will not admit this participant: the reason.
    Turned(String),
    /// A set's earlier drill of this participant's, sent on every admission so that one who was
    /// away when it ended still keeps its debrief.
    Earlier(Box<Earlier>),
}

/// A set's earlier drill, ended: its debrief and what the participant needs to review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Earlier {
    /// Which drill of the session, from 1.
    pub drill: usize,
    /// The scenario's source text (RON).
    pub scenario: String,
    /// The scenario's content hash, which the loaded source must match.
    pub hash: String,
    /// The debrief.
    pub debrief: Debrief,
}

/// What a participant learns on joining.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Welcome {
    /// The kind of session.
    pub mode: Mode,
    /// Their part.
    pub part: Part,
    /// The name they joined under.
    pub name: String,
    /// The scenario's source text (RON).
    pub scenario: String,
    /// The scenario's content hash, which the loaded source must match.
    pub hash: String,
    /// Which drill of the set this is, when the session plays a set (a new welcome comes with
    /// each drill).
    #[serde(default)]
    pub set: Option<SetPlace>,
}

impl Welcome {
    /// The drill of the session this welcome is for, counted from 1.
    pub fn drill(&self) -> usize {
        self.set.as_ref().map_or(1, |s| s.drill)
    }
}

/// Where a session that plays a set of drills stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPlace {
    /// The set's name.
    pub name: String,
    /// The drill played, counted from 1.
    pub drill: usize,
    /// How many drills the set has.
    pub drills: usize,
}

impl SetPlace {
    /// Where the set stands in words: "Scam calls check: drill 2 of 3", or "Drill 2 of 3" for
    /// drills given one by one (a set without a name).
    pub fn words(&self, tr: &crate::engine::i18n::Tr) -> String {
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("set", &self.name), ("n", &self.drill), ("count", &self.drills)];
        tr.t_text(if self.name.trim().is_empty() { "set-place-unnamed" } else { "set-place" }, &args)
    }
}

/// The set's next drill, shown once the drill played has ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDrill {
    /// Its title.
    pub title: String,
    /// Whether this participant may start it (else the facilitator, lead or role-player does).
    pub yours: bool,
}

impl NextDrill {
    /// Who starts it, as the end of the ids of the messages that say so: `yours`, or else the
    /// `lead` (a team), the `role-player` (a role play) or the `facilitator`.
    pub fn starter(&self, mode: Mode) -> &'static str {
        match (self.yours, mode) {
            (true, _) => "yours",
            (false, Mode::Team) => "lead",
            (false, Mode::RolePlay) => "role-player",
            (false, Mode::Facilitated) => "facilitator",
        }
    }
}

/// A participant's screen: only what is theirs to see.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// The host's clock when the view was made, for countdowns on a machine whose clock differs.
    pub host_now: WallMs,
    /// The drill as it stands: their own (facilitated), the team's (team), the trainee's (role
    /// play); `None` while the session waits for its participants.
    pub drill: Option<DrillState>,
    /// Who the session waits for before the drill starts.
    pub waiting_for: Vec<String>,
    /// The team's side of a team drill.
    pub team: Option<TeamView>,
    /// The role card (the role-player's view).
    pub card: Option<RoleCard>,
    /// The debrief, once the drill has ended: the host's, with the facilitator's notes.
    pub debrief: Option<Debrief>,
    /// Notes the facilitator pinned to this drill so far.
    pub notes: Vec<PinnedNote>,
    /// The facilitator has ended the session.
    pub ended: bool,
    /// The set's next drill, once this one has ended and when there is one.
    #[serde(default)]
    pub next: Option<NextDrill>,
}

impl View {
    /// Is this participant done with the session: it was ended, or their drill has ended and no
    /// drill of the set follows?
    pub fn is_last(&self) -> bool {
        self.ended || (self.debrief.is_some() && self.next.is_none())
    }
}

/// The team's side of a team drill.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    /// The members, in order.
    pub members: Vec<String>,
    /// The lead, who breaks ties.
    pub lead: Option<String>,
    /// Who has voted on the open decision (not what).
    pub voted: Vec<String>,
    /// The options tied for most votes, while a tie waits to be broken.
    pub tie: Option<Vec<ChoiceId>>,
    /// Every decision taken, with its votes.
    pub decisions: Vec<TeamDecision>,
}

/// Encodes a message.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // The messages are plain data with string keys; serialising them cannot fail.
    serde_json::to_vec(message).unwrap_or_default()
}

/// Why a participant's message was refused before it reached the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Longer than [`MAX_TO_HOST_BYTES`].
    TooLarge(usize),
    /// Not a request.
    Unreadable(String),
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(size) => f.write_str(&msg!("net-too-large", size = size, max = MAX_TO_HOST_BYTES)),
            Self::Unreadable(why) => f.write_str(&msg!("net-unreadable", error = why)),
        }
    }
}

/// Decodes a participant's message, refusing what is too large or not a request.
pub fn decode_to_host(bytes: &[u8]) -> Result<ToHost, Malformed> {
    if bytes.len() > MAX_TO_HOST_BYTES {
        return Err(Malformed::TooLarge(bytes.len()));
    }
    serde_json::from_slice(bytes).map_err(|e| Malformed::Unreadable(e.to_string().chars().take(200).collect()))
}

/// The channels both ends configure alike.
pub fn connection_config() -> ConnectionConfig {
    let reliable = |max| ChannelConfig {
        channel_id: CHANNEL,
        max_memory_usage_bytes: max,
        send_type: SendType::ReliableOrdered { resend_time: Duration::from_millis(100) },
    };
    ConnectionConfig {
        available_bytes_per_tick: 256 * 1024,
        // The host sends scenarios and drills (tens of kilobytes); participants send requests.
        server_channels_config: vec![reliable(32 * 1024 * 1024)],
        client_channels_config: vec![reliable(256 * 1024)],
    }
}

/// The time since the Unix epoch, as netcode counts it.
pub fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// The wall clock now.
pub fn wall_now() -> WallMs {
    WallMs(u64::try_from(since_epoch().as_millis()).unwrap_or(u64::MAX))
}

/// The address this machine is reached at on its main network (the source address the system
/// would use to reach another network; nothing is sent), if it has one.
pub fn main_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    socket.local_addr().ok().map(|a| a.ip()).filter(|ip| !ip.is_unspecified() && !ip.is_loopback())
}

/// The addresses a host listening on `port` is reached at: 127.0.0.1, this machine's main network
/// and `more` (addresses of other networks the facilitator names).
pub fn public_addresses(port: u16, more: &[IpAddr]) -> Vec<SocketAddr> {
    let mut all = vec![SocketAddr::new(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), port)];
    all.extend(main_address().into_iter().chain(more.iter().copied()).map(|ip| SocketAddr::new(ip, port)));
    all.dedup();
    all
}

/// Reads `host:port` (or just the host, taking [`DEFAULT_PORT`]).
pub fn parse_address(text: &str) -> Result<SocketAddr, NetError> {
    use std::net::ToSocketAddrs as _;
    let text = text.trim();
    let with_port =
        if text.parse::<SocketAddr>().is_ok() || text.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
            text.to_owned()
        } else {
            format!("{text}:{DEFAULT_PORT}")
        };
    let bad = |e: String| NetError::Address(text.to_owned(), e);
    with_port
        .to_socket_addrs()
        .map_err(|e| bad(e.to_string()))?
        .find(SocketAddr::is_ipv4)
        .ok_or_else(|| bad("no IPv4 address".into()))
}

#[cfg(test)]
mod tests;
