//! The text a scan reads: one normalised character for each character of the original,
//! and where each one starts in the original, so a figure found in the normalised text
//! names its span and its original spelling.
//!
//! Normalising maps every character to exactly one character (as [`crate::search::fold`]
//! does, and for the same reason: offsets carry over). It does:
//!
//! - Full-width ASCII (０–９ ，．％＄（）：／－ Ａ–Ｚ) → ASCII, and ￥ ￡ → ¥ £.
//! - Thin, no-break, figure, narrow and ideographic spaces, and tabs → a space, so
//!   `1 250 000` with thin spaces reads like one with spaces. Line breaks stay: no figure
//!   runs across a line.
//! - The minus sign (U+2212) → `-`, ﹪ → `%`.
//! - Chinese characters → Simplified, one character without its neighbours
//!   ([`crate::search::fold::fold_char`]), so every table in this module lists the
//!   Simplified forms only (萬 → 万, 億 → 亿, 貳 → 贰, 點 → 点, 號 → 号, 幣 → 币, 圓 → 圆 …)
//!   and a Traditional clause reads exactly as a Simplified one.
//!
//! Not done: NFKC, which the research proposed for figure spans. The crate has no
//! Unicode-normalisation dependency, and the compatibility characters NFKC would change
//! here are the full-width forms above; NFKC also rewrites some characters into several
//! (㍿, ¼), which would break the one-for-one offsets. ASCII case is kept: currency codes
//! are read in capitals only and "May" only with its capital (see the money and date
//! modules); other words compare without case.

use std::ops::Range;

use crate::search::fold::{fold_char, is_han};

/// The normalised characters of a text and where each starts in the original.
pub(super) struct Text {
    chars: Vec<char>,
    /// The byte offset in the original of each character, then the original's length.
    starts: Vec<usize>,
}

/// The normalised form of one character (see the module doc).
pub(super) fn normalise_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{FFE5}' => '¥',
        '\u{FFE1}' => '£',
        '\u{FE6A}' => '%',
        '\u{2212}' => '-',
        '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        c if is_han(c) => fold_char(c),
        c => c,
    }
}

impl Text {
    pub(super) fn new(original: &str) -> Text {
        let mut chars = Vec::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            chars.push(normalise_char(c));
            starts.push(at);
        }
        starts.push(original.len());
        Text { chars, starts }
    }

    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// Whether the character at `i` exists and satisfies `test`.
    pub(super) fn is(&self, i: usize, test: impl Fn(char) -> bool) -> bool {
        self.at(i).is_some_and(test)
    }

    pub(super) fn is_digit(&self, i: usize) -> bool {
        self.is(i, |c| c.is_ascii_digit())
    }

    pub(super) fn is_letter(&self, i: usize) -> bool {
        self.is(i, |c| c.is_ascii_alphabetic())
    }

    /// The byte range in the original of the characters `range`.
    pub(super) fn bytes(&self, range: Range<usize>) -> Range<usize> {
        self.starts[range.start]..self.starts[range.end]
    }

    /// The normalised characters `range`, as a string.
    pub(super) fn slice(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// Past the spaces at `i`.
    pub(super) fn spaces(&self, mut i: usize) -> usize {
        while self.at(i) == Some(' ') {
            i += 1;
        }
        i
    }

    /// The end of `word` when the text at `i` is exactly `word`, character for character.
    pub(super) fn exact(&self, i: usize, word: &str) -> Option<usize> {
        let mut j = i;
        for c in word.chars() {
            if self.at(j) != Some(c) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The first of `words` the text at `i` is, longest first, with its index and end.
    pub(super) fn exact_any<T: Copy>(&self, i: usize, words: &[(&str, T)]) -> Option<(T, usize)> {
        words
            .iter()
            .filter_map(|(w, v)| self.exact(i, w).map(|end| (w.chars().count(), *v, end)))
            .max_by_key(|(len, _, _)| *len)
            .map(|(_, v, end)| (v, end))
    }

    /// The end of `phrase` (ASCII, lower case, words parted by single spaces) at `i`,
    /// without regard to case, any run of spaces matching a space, and only as whole
    /// words: the character after it is not a letter.
    pub(super) fn words(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for c in phrase.chars() {
            if c == ' ' {
                if self.at(j) != Some(' ') {
                    return None;
                }
                j = self.spaces(j);
            } else if self.at(j).map(|t| t.to_ascii_lowercase()) == Some(c) {
                j += 1;
            } else {
                return None;
            }
        }
        let ends_word = phrase.ends_with(|c: char| !c.is_ascii_alphabetic());
        (ends_word || !self.is_letter(j)).then_some(j)
    }

    /// The first of `phrases` ([`Text::words`]) at `i`, longest first.
    pub(super) fn words_any<T: Copy>(&self, i: usize, phrases: &[(&str, T)]) -> Option<(T, usize)> {
        phrases
            .iter()
            .filter_map(|(p, v)| self.words(i, p).map(|end| (p.len(), *v, end)))
            .max_by_key(|(len, _, _)| *len)
            .map(|(_, v, end)| (v, end))
    }

    /// The ASCII letters from `i` on, and where they end.
    pub(super) fn ascii_word(&self, i: usize) -> (String, usize) {
        let mut j = i;
        while self.is_letter(j) {
            j += 1;
        }
        (self.slice(i..j), j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_and_spaces_become_ascii() {
        let text = Text::new("１，２５０．５０％\u{3000}＄\u{2009}￥");
        assert_eq!(text.slice(0..text.len()), "1,250.50% $ ¥");
    }

    #[test]
    fn traditional_characters_read_as_simplified() {
        let text = Text::new("壹佰貳拾伍萬圓正兩億點號幣鎊負");
        assert_eq!(text.slice(0..text.len()), "壹佰贰拾伍万圆正两亿点号币镑负");
    }

    #[test]
    fn every_character_keeps_its_offset_in_the_original() {
        let original = "支付１２５万美元";
        let text = Text::new(original);
        assert_eq!(text.len(), original.chars().count());
        let span = text.bytes(2..6);
        assert_eq!(&original[span], "１２５万");
    }

    #[test]
    fn words_match_without_case_and_only_whole() {
        let text = Text::new("Per  Cent percentage");
        assert_eq!(text.words(0, "per cent"), Some(9));
        assert_eq!(text.words(10, "percent"), None);
        assert_eq!(text.words(10, "percentage"), Some(20));
    }
}
