//! Checks on text that people type: trimmed, not empty where required, bounded in length.
//!
//! Lengths count characters, not bytes, so a Chinese name has the same room as an English one.
//!
//! Single-line fields (case titles, party, representative, mediator and attendee names,
//! venues, references, who checked a translation or gave a party's word, termbase
//! entries) go through [`optional`], [`required`] or [`bilingual`], which also refuse
//! what [`breaks_one_line`] names: line breaks and tabs, and the invisible characters that
//! reorder or hide text. Bidirectional overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069) make a terminal or a table show a name in another order than it is
//! stored ("Trojan Source", CVE-2021-42574); the marks (U+200E, U+200F, U+061C) do the
//! same to neighbouring punctuation and digits; a byte-order mark or a zero-width space
//! makes two names that look alike differ. None has a use in an English or Chinese
//! name or title, so refusing them loses nothing and the error names the character.
//!
//! Multi-line text (note sides, a party's summary of what may be told) goes through
//! [`paragraphs`]: kept with its line breaks, control characters refused, the invisible
//! characters allowed. It is shown in the desktop's note editor and the CLI's `note show`
//! as a block of its own, not in a table cell or beside another field it could reorder.

use crate::error::{Error, Result};

/// Longest title of a case, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest name of a party, representative, mediator or venue.
pub const MAX_NAME: usize = 200;
/// Longest reference or official number.
pub const MAX_REFERENCE: usize = 64;

/// Whether `c` has no place in a single-line field: a line break or tab, a bidirectional
/// override, isolate or mark, a byte-order mark or a zero-width space (see the module
/// doc). The one rule every single-line field follows; `rules.ts` lists what it refuses.
pub fn breaks_one_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' // line and paragraph breaks, tab
            | '\u{202a}'..='\u{202e}' // embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
            | '\u{2066}'..='\u{2069}' // isolates (LRI, RLI, FSI, PDI)
            | '\u{200e}' | '\u{200f}' | '\u{061c}' // marks (LRM, RLM, ALM)
            | '\u{feff}' | '\u{200b}' // byte-order mark, zero-width space
    )
}

/// Refuses `value` when it holds a character [`breaks_one_line`] names, naming it.
pub fn check_one_line(field: &'static str, value: &str) -> Result<()> {
    match value.chars().find(|c| breaks_one_line(*c)) {
        Some(c) => Err(Error::InvisibleCharacter {
            field,
            codepoint: format!("U+{:04X}", c as u32),
        }),
        None => Ok(()),
    }
}

/// A single-line field: trimmed, `None` when nothing is left; errors when it is longer
/// than `max`, holds a control character, or one [`breaks_one_line`] names.
pub fn optional(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    let value = paragraphs(field, value, max)?;
    if let Some(v) = &value {
        check_one_line(field, v)?;
    }
    Ok(value)
}

/// Multi-line text, trimmed: line breaks and tabs kept, control characters refused.
/// Not for a field shown on one line (see the module doc).
pub fn paragraphs(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(Error::TooLong { field, max });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::Invalid {
            field,
            value: "control characters".into(),
        });
    }
    Ok(Some(trimmed.to_string()))
}

/// Like [`optional`], but the field must be given.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<String> {
    optional(field, Some(value), max)?.ok_or(Error::Required { field })
}

/// A bilingual single-line pair where at least one side must be present.
pub fn bilingual(
    field: &'static str,
    en: Option<&str>,
    zh: Option<&str>,
    max: usize,
) -> Result<(Option<String>, Option<String>)> {
    either(field, optional(field, en, max)?, optional(field, zh, max)?)
}

/// A bilingual multi-line pair ([`paragraphs`]) where at least one side must be present.
pub fn bilingual_paragraphs(
    field: &'static str,
    en: Option<&str>,
    zh: Option<&str>,
    max: usize,
) -> Result<(Option<String>, Option<String>)> {
    either(
        field,
        paragraphs(field, en, max)?,
        paragraphs(field, zh, max)?,
    )
}

fn either(
    field: &'static str,
    en: Option<String>,
    zh: Option<String>,
) -> Result<(Option<String>, Option<String>)> {
    if en.is_none() && zh.is_none() {
        return Err(Error::Required { field });
    }
    Ok((en, zh))
}

/// Text made safe for XML or HTML element content and attribute values: `&`, `<`, `>`,
/// `"` and `'` as entities (the termbase's TBX, an agreement's HTML).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters_not_bytes() {
        let chinese = "調".repeat(MAX_NAME);
        assert!(
            optional("name", Some(&chinese), MAX_NAME).is_ok(),
            "200 Chinese characters fit"
        );
        let too_long = "調".repeat(MAX_NAME + 1);
        assert!(matches!(
            optional("name", Some(&too_long), MAX_NAME),
            Err(Error::TooLong { .. })
        ));
    }

    #[test]
    fn blank_is_absent_and_a_bilingual_pair_needs_one_side() {
        assert_eq!(optional("x", Some("   "), 10).unwrap(), None);
        assert!(matches!(
            bilingual("title", Some(" "), None, 10),
            Err(Error::Required { .. })
        ));
        assert_eq!(
            bilingual("title", None, Some("和解"), 10).unwrap(),
            (None, Some("和解".into()))
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(optional("name", Some("a\u{1b}[31mred"), 50).is_err());
        assert!(paragraphs("summary", Some("a\u{1b}[31mred"), 50).is_err());
    }

    #[test]
    fn a_single_line_refuses_what_reorders_or_hides_text_and_paragraphs_keep_it() {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{feff}', '\u{200b}',
            '\n', '\t', '\u{2028}',
        ] {
            let text = format!("Acme{c}Ltd");
            match optional("name", Some(&text), 50) {
                Err(Error::InvisibleCharacter {
                    field: "name",
                    codepoint,
                }) => {
                    assert_eq!(codepoint, format!("U+{:04X}", c as u32));
                }
                other => panic!("{text:?} gave {other:?}"),
            }
            assert!(bilingual("title", Some("ok"), Some(&text), 50).is_err());
            assert_eq!(
                bilingual_paragraphs("summary", Some(&text), None, 50)
                    .unwrap()
                    .0,
                Some(text),
                "multi-line text keeps it"
            );
        }
        for fine in [
            "和解協議",
            "Société Générale",
            "O'Brien & Co. (HK) Ltd",
            "Emoji 👩‍⚖️",
        ] {
            assert_eq!(
                optional("name", Some(fine), 50).unwrap().as_deref(),
                Some(fine)
            );
        }
    }
}
