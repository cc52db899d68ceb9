//! Checks on text that people type: trimmed, not empty where required, bounded in length.
//!
//! Lengths count characters, not bytes, so a Chinese name has the same room as an English one.

use crate::error::{Error, Result};

/// Longest title of a case, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest name of a party, representative, mediator or venue.
pub const MAX_NAME: usize = 200;
/// Longest reference or official number.
pub const MAX_REFERENCE: usize = 64;

/// Trims `value`; `None` when nothing is left. Errors when it is longer than `max`.
pub fn optional(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>> {
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

/// A bilingual pair where at least one side must be present.
pub fn bilingual(
    field: &'static str,
    en: Option<&str>,
    zh: Option<&str>,
    max: usize,
) -> Result<(Option<String>, Option<String>)> {
    let en = optional(field, en, max)?;
    let zh = optional(field, zh, max)?;
    if en.is_none() && zh.is_none() {
        return Err(Error::Required { field });
    }
    Ok((en, zh))
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
    }
}
