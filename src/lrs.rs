//! Sending xAPI statements to a Learning Record Store: the one part of Hotwash that talks to a
//! network. Statements go in batches with the xAPI headers; a network error, a 5xx or a 429 is
//! retried with a doubling wait; a batch the LRS refuses as a whole (400, 409, 422) is sent again one
//! statement at a time with `PUT`, so one bad statement is reported and the others are kept; an
//! LRS that refuses the sender (401, 403, 404, other 4xx) stops the send with its message.
//!
//! Sending is idempotent: statements carry ids derived from their debrief (`engine::xapi`), and
//! an LRS stores a statement id once, so a send can be repeated after a failure.

pub mod outbox;

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;
use thiserror::Error;

/// The xAPI version every request announces.
pub const XAPI_VERSION: &str = "1.0.3";

/// The environment variable holding `user:password` for the LRS.
pub const AUTH_ENV: &str = "HOTWASH_LRS_AUTH";

/// Why a send stopped.
#[derive(Debug, Error)]
pub enum LrsError {
    /// The LRS address is not an http(s) URL.
    #[error("the LRS address {url} must start with https:// (or http://) and name a host")]
    BadUrl {
        /// What was given.
        url: String,
    },
    /// The address carries a user (and password), which would be shown wherever it is printed.
    #[error(
        "the LRS address names a user: give the credentials in --lrs-auth-file or $HOTWASH_LRS_AUTH, not in the address"
    )]
    CredentialsInUrl,
    /// The credentials could not be read.
    #[error("{path}: the LRS credentials could not be read: {why}")]
    Credentials {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
    /// The credentials are not `user:password`.
    #[error("the LRS credentials ({from}) must be one line `user:password`")]
    CredentialsForm {
        /// Where they came from.
        from: String,
    },
    /// The LRS refused the sender: wrong credentials, wrong address, or a request it rejects.
    #[error("the LRS at {url} answered {status}: {message}")]
    Refused {
        /// The endpoint.
        url: String,
        /// The HTTP status.
        status: u16,
        /// What the LRS said.
        message: String,
    },
    /// The LRS could not be reached or kept failing after every retry.
    #[error("the LRS at {url} could not be reached after {attempts} attempt(s): {last}")]
    Unreachable {
        /// The endpoint.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// The last failure.
        last: String,
    },
}

/// The `Authorization` header for an LRS: HTTP Basic from `user:password`.
#[derive(Clone)]
pub struct Credentials(String);

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(…)")
    }
}

impl Credentials {
    /// Basic credentials from `user:password` (`from` names the source in errors).
    pub fn basic(pair: &str, from: &str) -> Result<Self, LrsError> {
        let pair = pair.trim_end_matches(['\r', '\n']);
        match pair.split_once(':') {
            Some((user, _)) if !user.is_empty() && !pair.contains('\n') => {
                Ok(Self(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))))
            }
            _ => Err(LrsError::CredentialsForm { from: from.to_owned() }),
        }
    }

    /// The credentials from a file (its first line), else from `$HOTWASH_LRS_AUTH`; none when
    /// neither is given. Never from the command line, where other users could read them.
    pub fn find(file: Option<&Path>) -> Result<Option<Self>, LrsError> {
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| LrsError::Credentials { path: path.to_owned(), why: e.to_string() })?;
            let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
            return Self::basic(line.trim(), &path.display().to_string()).map(Some);
        }
        match std::env::var(AUTH_ENV) {
            Ok(pair) if !pair.is_empty() => Self::basic(&pair, &format!("${AUTH_ENV}")).map(Some),
            _ => Ok(None),
        }
    }
}

/// How often and how patiently a failing request is tried again.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// Attempts in all (at least 1).
    pub attempts: u32,
    /// The wait before the second attempt; it doubles each time, up to 30 s.
    pub first_wait: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Self { attempts: 6, first_wait: Duration::from_millis(500) }
    }
}

/// A statement the LRS would not store, and what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The statement's id.
    pub id: String,
    /// The HTTP status.
    pub status: u16,
    /// What the LRS said.
    pub message: String,
}

/// What a send achieved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// Statements the LRS now holds (stored now, or already stored by an earlier send).
    pub stored: usize,
    /// Statements it refused, each with its reason.
    pub refused: Vec<Refusal>,
}

/// A Learning Record Store's statements resource.
pub struct Lrs {
    url: String,
    auth: Option<Credentials>,
    agent: ureq::Agent,
    /// Statements per request.
    pub batch: usize,
    /// Retries of a failing request.
    pub retry: Retry,
}

/// One answer of the LRS: status and body.
struct Answer {
    status: u16,
    body: String,
}

impl Lrs {
    /// The LRS whose xAPI endpoint is `endpoint` (the statements resource is
    /// `<endpoint>/statements`).
    pub fn new(endpoint: &str, auth: Option<Credentials>) -> Result<Self, LrsError> {
        let trimmed = endpoint.trim_end_matches('/');
        let lower = trimmed.to_ascii_lowercase();
        let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or_default();
        let authority = host.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            // Never echo it: it holds a password.
            return Err(LrsError::CredentialsInUrl);
        }
        if authority.is_empty() || trimmed.contains(char::is_whitespace) {
            return Err(LrsError::BadUrl { url: endpoint.to_owned() });
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Self { url: format!("{trimmed}/statements"), auth, agent, batch: 50, retry: Retry::default() })
    }

    /// The statements resource.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether credentials would travel unencrypted: plain `http` to a host other than this
    /// machine.
    pub fn sends_credentials_in_clear(&self) -> bool {
        let lower = self.url.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("http://") else { return false };
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        self.auth.is_some() && !matches!(host, "127.0.0.1" | "localhost" | "[" | "[::1]")
    }

    /// Sends `statements`, calling `progress(done, total)` after each request.
    pub fn send(&self, statements: &[Value], mut progress: impl FnMut(usize, usize)) -> Result<Sent, LrsError> {
        let mut sent = Sent::default();
        let mut done = 0;
        for chunk in statements.chunks(self.batch.max(1)) {
            let answer = self.request(None, &Value::Array(chunk.to_vec()))?;
            match answer.status {
                200..=299 => sent.stored += chunk.len(),
                400 | 409 | 422 => {
                    // Refused as a whole: one statement may be bad, or some are stored already.
                    for statement in chunk {
                        let id = statement.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                        let one = self.request(Some(&id), statement)?;
                        match one.status {
                            200..=299 => sent.stored += 1,
                            400 | 409 | 422 => {
                                sent.refused.push(Refusal { id, status: one.status, message: message(&one.body) });
                            }
                            status => return Err(self.refused(status, &one.body)),
                        }
                    }
                }
                status => return Err(self.refused(status, &answer.body)),
            }
            done += chunk.len();
            progress(done, statements.len());
        }
        Ok(sent)
    }

    /// Reads one statement back by id (none when the LRS has no such statement).
    pub fn get(&self, id: &str) -> Result<Option<Value>, LrsError> {
        let answer = self.retrying(|| {
            let mut request =
                self.agent.get(&self.url).query("statementId", id).header("X-Experience-API-Version", XAPI_VERSION);
            if let Some(auth) = &self.auth {
                request = request.header("Authorization", &auth.0);
            }
            request.call()
        })?;
        match answer.status {
            // Some LRSs wrap the statement in a statement result: `{"statements": [...]}`.
            200 => Ok(serde_json::from_str::<Value>(&answer.body).ok().and_then(|v| match v.get("statements") {
                Some(Value::Array(list)) => list.first().cloned(),
                _ => Some(v),
            })),
            404 => Ok(None),
            status => Err(self.refused(status, &answer.body)),
        }
    }

    fn refused(&self, status: u16, body: &str) -> LrsError {
        LrsError::Refused { url: self.url.clone(), status, message: message(body) }
    }

    /// POSTs a batch (`id` none) or PUTs one statement, retrying network errors, 5xx and 429.
    fn request(&self, id: Option<&str>, body: &Value) -> Result<Answer, LrsError> {
        let text = body.to_string();
        self.retrying(|| {
            let mut request = match id {
                Some(id) => self.agent.put(&self.url).query("statementId", id),
                None => self.agent.post(&self.url),
            };
            request =
                request.header("X-Experience-API-Version", XAPI_VERSION).header("Content-Type", "application/json");
            if let Some(auth) = &self.auth {
                request = request.header("Authorization", &auth.0);
            }
            request.send(text.as_str())
        })
    }

    fn retrying(
        &self,
        mut call: impl FnMut() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, LrsError> {
        let attempts = self.retry.attempts.max(1);
        let mut wait = self.retry.first_wait;
        let mut last = String::new();
        for attempt in 1..=attempts {
            match call() {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = response.into_body().read_to_string().unwrap_or_default();
                    if status < 500 && status != 429 {
                        return Ok(Answer { status, body });
                    }
                    last = format!("{status}: {}", message(&body));
                }
                Err(e) => last = e.to_string(),
            }
            if attempt < attempts {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
        Err(LrsError::Unreachable { url: self.url.clone(), attempts, last })
    }
}

/// What an LRS said, from its JSON (`message`, `detail`, `error`) or its text, on one line and at
/// most 300 characters.
fn message(body: &str) -> String {
    let from_json = serde_json::from_str::<Value>(body).ok().and_then(|v| {
        ["message", "detail", "error"].iter().find_map(|k| match v.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(other @ (Value::Array(_) | Value::Object(_))) => Some(other.to_string()),
            _ => None,
        })
    });
    let text = from_json.unwrap_or_else(|| body.to_owned());
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = line.chars().filter(|c| !c.is_control()).take(300).collect();
    if line.chars().count() > 300 {
        out.push('…');
    }
    if out.is_empty() { "(no message)".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_user_colon_password_and_never_shown() {
        let c = Credentials::basic("hotwash:s3cret", "test").unwrap();
        assert_eq!(c.0, "Basic aG90d2FzaDpzM2NyZXQ=");
        assert_eq!(format!("{c:?}"), "Credentials(…)");
        assert!(Credentials::basic("no-colon", "the file x").unwrap_err().to_string().contains("the file x"));
        assert!(Credentials::basic(":pw", "x").is_err());
    }

    #[test]
    fn an_lrs_address_needs_a_scheme_and_a_host() {
        assert!(
            Lrs::new("https://lrs.example.org/xAPI/", None)
                .is_ok_and(|l| l.url() == "https://lrs.example.org/xAPI/statements")
        );
        assert!(matches!(Lrs::new("lrs.example.org", None), Err(LrsError::BadUrl { .. })));
        assert!(matches!(Lrs::new("http://", None), Err(LrsError::BadUrl { .. })));
        let with_password = Lrs::new("https://user:s3cret@lrs.example.org/xapi", None).err().unwrap().to_string();
        assert!(with_password.contains("names a user") && !with_password.contains("s3cret"), "{with_password}");
    }

    #[test]
    fn an_lrs_message_is_one_short_line() {
        assert_eq!(message(r#"{"detail":"Invalid statement\n at verb"}"#), "Invalid statement at verb");
        assert_eq!(message(""), "(no message)");
        assert_eq!(message(&"x".repeat(400)).chars().count(), 301);
        assert_eq!(message("bad\u{1b}[31m input"), "bad[31m input");
    }
}
