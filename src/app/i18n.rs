//! The app's side of the one message catalogue ([`crate::engine::i18n`]): the current
//! language's translator as a Bevy resource, and its load problems sent to the log.

use bevy::prelude::*;

pub use crate::engine::i18n::{FluentValue, Lang, message_ids, outcome_id};

/// The translator: the interface language's messages (the engine's [`crate::engine::i18n::Tr`]
/// as a resource).
#[derive(Resource, Deref)]
pub struct Tr(crate::engine::i18n::Tr);

impl Tr {
    /// Loads a language's messages; errors in the compiled-in files go to the log.
    pub fn new(lang: Lang) -> Self {
        let tr = crate::engine::i18n::Tr::new(lang);
        for problem in tr.problems() {
            error!("{problem}");
        }
        Self(tr)
    }
}
