//! Every string the app shows, in English and Simplified Chinese, through Project Fluent: the
//! messages live in `assets/i18n/<lang>.ftl` (compiled in), and a screen asks [`Tr`] for them by id.

use bevy::prelude::*;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language of the app's interface.
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

    /// The language for a tag: `zh…` is Chinese, anything else English.
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

    /// The Fluent source of this language's messages.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../assets/i18n/en.ftl"),
            Lang::ZhCn => include_str!("../../assets/i18n/zh-CN.ftl"),
        }
    }
}

/// The translator: the current language's messages.
#[derive(Resource)]
pub struct Tr {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Tr {
    /// Loads a language's messages. The files are compiled in and checked by tests, so a syntax
    /// error can only come from a broken build; the messages that did parse are still used.
    pub fn new(lang: Lang) -> Self {
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, errors)| {
            error!("{}.ftl has {} error(s): {:?}", lang.code(), errors.len(), errors);
            partial
        });
        let tag: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // egui draws the Unicode isolation marks Fluent adds around arguments as boxes.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            error!("{}.ftl: {:?}", lang.code(), errors);
        }
        Self { lang, bundle }
    }

    /// The language shown.
    pub fn lang(&self) -> Lang {
        self.lang
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

    /// Does the message exist?
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            warn!("no message `{id}` in {}.ftl", self.lang.code());
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            warn!("message `{id}` in {}.ftl: {:?}", self.lang.code(), errors);
        }
        text.into_owned()
    }
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
