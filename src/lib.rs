//! Hotwash runs crisis drills for customer-service security training and turns every drill into
//! an after-action review. `engine` is plain Rust (no Bevy); `cli` is the command line; `app` (feature `gui`) is the desktop app.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod engine;
