//! The app's side of the one message catalogue ([`crate::engine::i18n`]): the current
//! language's translator as a Bevy resource, and its load problems sent to the log.

use bevy::prelude::*;

use crate::engine::model::{Category, CompetencyId, Difficulty, Outcome};

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

/// A category's name in the interface language (an author's own category shows as written).
pub fn category_label(c: &Category, tr: &Tr) -> String {
    let id = format!("category-{}", c.key().replace('_', "-"));
    if matches!(c, Category::Other(_)) || !tr.has(&id) { c.key().to_owned() } else { tr.t(&id) }
}

/// A difficulty in the interface language.
pub fn difficulty_label(d: Difficulty, tr: &Tr) -> String {
    tr.t(match d {
        Difficulty::Introductory => "difficulty-introductory",
        Difficulty::Intermediate => "difficulty-intermediate",
        Difficulty::Advanced => "difficulty-advanced",
    })
}

/// An outcome in the interface language, worded as in the saved reviews (the same message).
pub fn outcome_label(o: Outcome, tr: &Tr) -> String {
    tr.t(crate::engine::i18n::outcome_id(o))
}

/// A standard competency in the interface language, worded as in the saved reviews (the same
/// message); any other competency as its id.
pub fn competency_label(id: &CompetencyId, tr: &Tr) -> String {
    crate::engine::review::competency_name(id, tr.lang().code(), None)
}
