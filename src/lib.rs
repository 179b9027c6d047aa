//! Hotwash runs crisis drills for customer-service security training and turns every drill into
//! an after-action review. `engine` is plain Rust (no Bevy); `app` (feature `gui`) is the desktop
//! app. The command line is the binary's own (`src/cli/`), a front end beside the app.

#[cfg(feature = "gui")]
pub mod app;
pub mod engine;
pub mod lrs;
pub mod net;
