//! The one message catalogue, in English and Simplified Chinese, through Project Fluent: the app's
//! screens, the review in Markdown and HTML, the team review and the command line all take their
//! words from `assets/i18n/<lang>.ftl` (compiled in), so a name reads the same everywhere. No Bevy
//! here; nothing is printed, and a missing message shows as its id.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::{Deserialize, Serialize};

pub use fluent_bundle::FluentValue;

use super::model::{CompetencyId, Outcome, STANDARD_COMPETENCIES, Spot};

/// A language of the catalogue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Both languages, in the order the settings list them.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag, as scenarios write it (`en`, `zh-CN`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// The language for a tag: `zh…` is Chinese, `en…` English, anything else none.
    pub fn from_code(code: &str) -> Option<Self> {
        let lower = code.to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language a text in `language` (a scenario's tag) is written in: English unless Chinese.
    pub fn of(language: &str) -> Self {
        Self::from_code(language).unwrap_or_default()
    }

    /// The Fluent source of this language's messages: the interface and reports
    /// (`assets/i18n/<lang>.ftl`), the diagnostics of scenario files (`diagnostics.<lang>.ftl`) and
    /// the engine's errors (`errors.<lang>.ftl`).
    pub fn source(self) -> String {
        match self {
            Lang::En => [
                include_str!("../../assets/i18n/en.ftl"),
                include_str!("../../assets/i18n/diagnostics.en.ftl"),
                include_str!("../../assets/i18n/errors.en.ftl"),
            ],
            Lang::ZhCn => [
                include_str!("../../assets/i18n/zh-CN.ftl"),
                include_str!("../../assets/i18n/diagnostics.zh-CN.ftl"),
                include_str!("../../assets/i18n/errors.zh-CN.ftl"),
            ],
        }
        .join("\n")
    }

    /// This language's catalogue, loaded once.
    pub fn tr(self) -> &'static Tr {
        static EN: OnceLock<Tr> = OnceLock::new();
        static ZH: OnceLock<Tr> = OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
            Lang::ZhCn => &ZH,
        };
        cell.get_or_init(|| Tr::new(self))
    }
}

/// The process's language for the engine's own words (0 English, 1 Chinese).
static PROCESS_LANG: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// This thread's language for the engine's own words, over the process's ([`with_engine_lang`]).
    static THREAD_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets the language the engine words its diagnostics and errors in, for the whole process: the
/// command line sets it from `--lang` or the locale, the desktop app from its interface language.
/// English until set. (Tests, which run many apps in one process, use [`with_engine_lang`].)
pub fn set_engine_lang(lang: Lang) {
    PROCESS_LANG.store(u8::from(lang == Lang::ZhCn), Ordering::Relaxed);
}

/// The language the engine words its diagnostics and errors in: this thread's when one is set
/// by [`with_engine_lang`], else the process's.
pub fn engine_lang() -> Lang {
    THREAD_LANG
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| if PROCESS_LANG.load(Ordering::Relaxed) == 1 { Lang::ZhCn } else { Lang::En })
}

/// Runs `f` with the engine's words in `lang` on this thread, then restores what was before.
pub fn with_engine_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    /// Puts the thread's language back however `f` ends, a caught panic included.
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LANG.with(|l| l.set(self.0));
        }
    }
    let _restore = Restore(THREAD_LANG.with(|l| l.replace(Some(lang))));
    f()
}

/// The message `id` with arguments shown as text, in the engine's language ([`engine_lang`]).
pub fn say(id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    engine_lang().tr().t_text(id, args)
}

/// A message of the catalogue in the engine's language: `msg!(ID, name = value, …)` with `ID` a literal, each
/// value anything that implements `Display`.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::engine::i18n::say($id, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}
pub(crate) use msg;

/// The translator: one language's messages.
pub struct Tr {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    problems: Vec<String>,
}

impl Tr {
    /// Loads a language's messages. The files are compiled in and checked by tests, so a syntax
    /// error can only come from a broken build; the messages that did parse are still used, and
    /// the errors are kept in [`Tr::problems`].
    pub fn new(lang: Lang) -> Self {
        let mut problems = Vec::new();
        let resource = FluentResource::try_new(lang.source()).unwrap_or_else(|(partial, errors)| {
            problems.extend(errors.iter().map(|e| format!("{}.ftl: {e:?}", lang.code())));
            partial
        });
        let tag: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Neither egui nor a Markdown file wants the Unicode isolation marks Fluent adds around
        // arguments: egui draws them as boxes, and they would end up in saved reviews.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            problems.extend(errors.iter().map(|e| format!("{}.ftl: {e:?}", lang.code())));
        }
        Self { lang, bundle, problems }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Errors met while loading the messages (none in a good build).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The message `id`; a missing one shows as its id, so it is noticed and never crashes.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    /// The message `id` with arguments shown as text (numbers as Rust prints them, so a seed or
    /// a count is never reformatted).
    pub fn t_text(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.to_string()));
        }
        self.format(id, Some(&fluent_args))
    }

    /// Does the message exist?
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }
}

/// The message id of an outcome's name.
pub fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Resolved => "outcome-resolved",
        Outcome::PartiallyResolved => "outcome-partially-resolved",
        Outcome::Harmed => "outcome-harmed",
    }
}

/// An outcome's name in a language, as every screen and file shows it.
pub fn outcome_name(outcome: Outcome, lang: Lang) -> String {
    lang.tr().t(outcome_id(outcome))
}

/// The name of a part of the screen a trainee can flag (`spot-*` in the catalogue); a CRM field
/// is named by its label.
pub fn spot_name(spot: &Spot, lang: Lang) -> String {
    let id = match spot {
        Spot::Line => "spot-line",
        Spot::CallerId => "spot-caller-id",
        Spot::Sender => "spot-sender",
        Spot::Subject => "spot-subject",
        Spot::Body => "spot-body",
        Spot::Link => "spot-link",
        Spot::Title => "spot-title",
        Spot::Field(label) => return lang.tr().t_text("spot-field", &[("field", label)]),
    };
    lang.tr().t(id)
}

/// A standard competency's name in a language (`competency-<id>` in the catalogue); `None` for a
/// scenario's own competency.
pub fn standard_competency_name(id: &CompetencyId, lang: Lang) -> Option<String> {
    STANDARD_COMPETENCIES
        .contains(&id.as_str())
        .then(|| lang.tr().t(&format!("competency-{}", id.as_str().replace('_', "-"))))
}

/// The message ids defined in a Fluent source, in order.
pub fn message_ids(source: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_load_without_problems_and_a_missing_message_shows_its_id() {
        for lang in Lang::ALL {
            assert!(lang.tr().problems().is_empty(), "{:?}", lang.tr().problems());
            assert_eq!(lang.tr().t("no-such-message"), "no-such-message");
        }
        assert_eq!(Lang::ZhCn.tr().t_text("review-title", &[("title", &"演练")]), "复盘报告：演练");
    }

    #[test]
    fn every_standard_competency_and_outcome_has_a_name() {
        for lang in Lang::ALL {
            for id in STANDARD_COMPETENCIES {
                let name = standard_competency_name(&CompetencyId::from(id), lang);
                assert!(name.is_some_and(|n| !n.starts_with("competency-")), "{id} in {lang:?}");
            }
            for o in [Outcome::Resolved, Outcome::PartiallyResolved, Outcome::Harmed] {
                assert!(!outcome_name(o, lang).starts_with("outcome-"));
            }
        }
    }
}
