//! The review's words: its messages in the one catalogue ([`crate::engine::i18n`]), in the
//! scenario's language.

use crate::engine::grade::{Refused, Why};
use crate::engine::i18n::{Lang, Tr};
use crate::engine::model::{Artefact, Spot};

/// The catalogue of a review's language.
pub(super) struct Words(&'static Tr);

impl Words {
    /// The words of a scenario language (`zh…` Chinese, anything else English).
    pub(super) fn of(language: &str) -> Self {
        Self(Lang::of(language).tr())
    }

    /// The language.
    pub(super) fn lang(&self) -> Lang {
        self.0.lang()
    }

    /// The message `id`.
    pub(super) fn t(&self, id: &str) -> String {
        self.0.t(id)
    }

    /// The message `id` with its arguments filled in.
    pub(super) fn s(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.0.t_text(id, args)
    }

    /// An artefact as the timeline names it, e.g. `E-mail «Your account»`.
    pub(super) fn artefact_title(&self, artefact: &Artefact) -> String {
        match artefact {
            Artefact::Crm(r) => format!("{} «{}»", self.t("review-artefact-crm"), r.title),
            Artefact::Email(m) => {
                format!("{} «{}»", self.t("review-artefact-email"), m.subject.as_deref().unwrap_or(&m.from))
            }
            Artefact::Sms(m) => format!("{} «{}»", self.t("review-artefact-sms"), m.from),
            Artefact::Queue(q) => format!("{} «{}: {}»", self.t("review-artefact-queue"), q.label, q.count),
            Artefact::Note(n) => format!("{} «{}»", self.t("review-artefact-note"), n.title),
        }
    }

    /// A part of the screen a trainee can flag.
    pub(super) fn spot_name(&self, spot: &Spot) -> String {
        crate::engine::i18n::spot_name(spot, self.lang())
    }

    /// Why a match in a written answer did not count, with the words and their clause.
    pub(super) fn refusal(&self, r: &Refused) -> String {
        let why = match &r.why {
            Why::Negated(word) => self.s("grade-negated", &[("word", word)]),
            Why::TooShort => self.t("grade-too-short"),
            Why::KeywordList => self.t("grade-keyword-list"),
            Why::CopiedFromPrompt => self.t("grade-copied"),
            Why::Question => self.t("grade-question"),
        };
        self.s("grade-refused", &[("words", &r.words), ("clause", &r.clause), ("why", &why)])
    }
}
