//! Program text in English, Simplified and Traditional Chinese (Fluent catalogs).
//!
//! Catalogs live in `src/i18n/<tag>.ftl` and are compiled in. English is the fallback
//! for any message a catalog lacks; a test keeps the three catalogs' keys identical.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::error::Error;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhHans,
    ZhHant,
}

pub const CATALOGS: &[(Lang, &str)] = &[
    (Lang::En, include_str!("i18n/en.ftl")),
    (Lang::ZhHans, include_str!("i18n/zh-Hans.ftl")),
    (Lang::ZhHant, include_str!("i18n/zh-Hant.ftl")),
];

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// Reads a BCP 47 tag or POSIX locale: `zh-Hant`, `zh_TW.UTF-8`, `zh-HK`, `en_GB` …
    /// Hong Kong, Macao and Taiwan read Traditional; other Chinese reads Simplified.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag
            .split('.')
            .next()
            .unwrap_or("")
            .replace('_', "-")
            .to_ascii_lowercase();
        if tag.is_empty() || tag == "c" || tag == "posix" {
            return None;
        }
        if tag == "zh" || tag.starts_with("zh-") {
            let traditional = ["hant", "tw", "hk", "mo"]
                .iter()
                .any(|t| tag.split('-').any(|part| part == *t));
            return Some(if traditional {
                Lang::ZhHant
            } else {
                Lang::ZhHans
            });
        }
        Some(Lang::En)
    }

    /// `ACCORD_LANG`, then the POSIX locale variables, then English.
    pub fn from_env() -> Lang {
        ["ACCORD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find_map(|v| Lang::from_tag(&v))
            .unwrap_or(Lang::En)
    }

    fn source(self) -> &'static str {
        CATALOGS
            .iter()
            .find(|(l, _)| *l == self)
            .map(|(_, s)| *s)
            .expect("every language has a catalog")
    }
}

/// The messages of one language, with English behind it.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.tag().parse().expect("valid language tag");
    let mut bundle = FluentBundle::new(vec![id]);
    // Terminals show bidi isolation marks as junk; our text has no right-to-left runs.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(lang.source().to_string()).expect("catalogs parse (tested)");
    bundle
        .add_resource(resource)
        .expect("no duplicate messages (tested)");
    bundle
}

impl Messages {
    pub fn new(lang: Lang) -> Self {
        Messages {
            lang,
            bundle: bundle(lang),
            fallback: bundle(Lang::En),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` with named arguments; the id itself if no catalog has it.
    pub fn get(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        for bundle in [&self.bundle, &self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }

    /// Whether this language's own catalog has `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// An error as the mediator reads it. Field and record names are translated too.
    pub fn error(&self, error: &Error) -> String {
        let args: Vec<(&str, String)> = error
            .args()
            .into_iter()
            .map(|(name, value)| {
                let translated = match name {
                    "field" => self.term("field", &value),
                    "entity" => self.term("entity", &value),
                    _ => value,
                };
                (name, translated)
            })
            .collect();
        self.get(&error.code().message_id(), &args)
    }

    /// `field-title`, `entity-case` …: the word for a field or record, or the raw name.
    pub fn term(&self, kind: &str, name: &str) -> String {
        let id = format!("{kind}-{}", name.replace('_', "-"));
        if self.bundle.has_message(&id) || self.fallback.has_message(&id) {
            self.get(&id, &[])
        } else {
            name.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::error::ErrorCode;

    fn keys(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_string()).expect("catalog parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_catalog_has_every_key_the_others_have() {
        let english = keys(Lang::En.source());
        for (lang, source) in CATALOGS {
            let theirs = keys(source);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, extra {extra:?}",
                lang.tag()
            );
        }
    }

    /// The error messages as the UI reads them, `{ "en": { "vault.in_use": "…{path}…" } }`:
    /// one source, these catalogs, for the CLI and the desktop alike. Named so that the
    /// bindings check of scripts/test.sh (`cargo test --lib export_bindings`) regenerates
    /// it and fails when the committed file differs.
    #[test]
    fn export_bindings_error_messages() {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        let mut all = serde_json::Map::new();
        for (lang, source) in CATALOGS {
            let resource = FluentResource::try_new(source.to_string()).expect("catalog parses");
            let mut messages = serde_json::Map::new();
            for code in ErrorCode::ALL {
                let id = code.message_id();
                let pattern = resource
                    .entries()
                    .find_map(|e| match e {
                        fluent_syntax::ast::Entry::Message(m) if m.id.name == id => {
                            m.value.as_ref()
                        }
                        _ => None,
                    })
                    .unwrap_or_else(|| panic!("{}: no {id}", lang.tag()));
                let mut text = String::new();
                for element in &pattern.elements {
                    match element {
                        PatternElement::TextElement { value } => text.push_str(value),
                        PatternElement::Placeable {
                            expression:
                                Expression::Inline(InlineExpression::VariableReference { id }),
                        } => text.push_str(&format!("{{{}}}", id.name)),
                        other => panic!(
                            "{} {id}: the UI reads plain text and {{ $name }} only, not {other:?}",
                            lang.tag()
                        ),
                    }
                }
                messages.insert(code.as_str().into(), text.into());
            }
            all.insert(lang.tag().into(), messages.into());
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/src/lib/bindings/errors.json");
        let json = serde_json::to_string_pretty(&serde_json::Value::Object(all)).unwrap() + "\n";
        std::fs::write(&path, json).unwrap();
    }

    #[test]
    fn every_error_code_has_a_message() {
        let english = keys(Lang::En.source());
        for code in ErrorCode::ALL {
            assert!(
                english.contains(&code.message_id()),
                "no message for {}",
                code.as_str()
            );
        }
    }

    #[test]
    fn errors_read_in_the_chosen_language_with_translated_field_names() {
        let err = Error::TooLong {
            field: "title",
            max: 300,
        };
        assert_eq!(
            Messages::new(Lang::En).error(&err),
            "The title is longer than 300 characters."
        );
        assert!(Messages::new(Lang::ZhHans).error(&err).contains("标题"));
        assert!(Messages::new(Lang::ZhHant).error(&err).contains("標題"));
    }

    #[test]
    fn locales_map_to_scripts() {
        assert_eq!(Lang::from_tag("zh_TW.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_tag("zh-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_tag("zh-Hans"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_tag("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
    }
}
