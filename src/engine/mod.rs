//! The drill engine: plain Rust with no Bevy or egui. It loads and validates scenarios, runs a
//! drill as a deterministic state machine, records the debrief and renders the after-action
//! review. Time and random seeds come in as arguments; the only I/O is the explicit load and save
//! functions.

// The engine prints nothing: front ends decide what people see.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod blind;
pub mod debrief;
pub mod diag;
pub mod explore;
pub mod facilitated;
pub mod folders;
pub mod grade;
pub mod graph;
pub mod i18n;
pub mod load;
pub mod locate;
pub mod model;
pub mod path;
pub mod quick;
pub mod replay;
pub mod review;
pub mod role_play;
pub mod runner;
pub mod session;
pub mod shown;
pub mod store;
pub mod synth;
pub mod team;
pub mod team_drill;
pub mod text;
pub mod times;
pub mod validate;
pub mod votes;
pub mod xapi;
