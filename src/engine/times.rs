//! Wall-clock time and drill time as distinct types, so a host cannot hand one where the other is
//! meant. Wall-clock time is milliseconds since the Unix epoch, read by the host; drill time is
//! milliseconds since the drill started with pauses left out, kept by the runner.

use serde::{Deserialize, Serialize};

/// Wall-clock milliseconds since the Unix epoch, as the host's clock reads them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WallMs(pub u64);

/// Drill time: milliseconds since the drill started, time spent paused left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DrillMs(pub u64);

impl WallMs {
    /// This moment plus `ms` milliseconds.
    pub fn plus(self, ms: u64) -> Self {
        Self(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to this moment; 0 if `earlier` is later.
    pub fn since(self, earlier: Self) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl DrillMs {
    /// This drill time plus `ms` milliseconds.
    pub fn plus(self, ms: u64) -> Self {
        Self(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to this drill time; 0 if `earlier` is later.
    pub fn since(self, earlier: Self) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}
