//! Numbers, whichever way a clause writes them: ASCII digits with their separators and
//! scale words (`1,250,000`, `1 250 000`, `1.25 million`, `1.25m`), Chinese numerals
//! alone or after digits (`一百二十五万`, `125万`, `1.25亿`, see [`super::chinese`]) and
//! English number words (`one million two hundred and fifty thousand`, see
//! [`super::english`]).
//!
//! A number on its own is never a figure: money, percent and date readers call [`read`]
//! where their context says a number belongs, and a number with no such context is
//! skipped whole (so `25` is never read out of `125`).

use super::amount::Amount;
use super::normalise::Text;
use super::{chinese, english, FlagKind};

/// A number read at some position: its value, where it ends, and whether it was written
/// in a colloquial short form (三万四) that a reader should double-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Number {
    pub value: Amount,
    pub end: usize,
    pub colloquial: bool,
}

/// What [`read`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    Number(Number),
    /// Something that starts like a number but cannot be read exactly: `1,25,000`,
    /// `1.250.000`, `一千千`, seven decimals, or 兆 (whose size depends on the region).
    Unreadable {
        end: usize,
        kind: FlagKind,
    },
}

impl Reading {
    pub(super) fn end(self) -> usize {
        match self {
            Reading::Number(n) => n.end,
            Reading::Unreadable { end, .. } => end,
        }
    }
}

/// ASCII digits as written: the value (`None` when malformed) and where they end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Literal {
    pub value: Option<Amount>,
    pub end: usize,
}

/// The Chinese units that may follow ASCII digits: 125万, 1.25亿, 3千万.
pub(super) fn is_chinese_unit(c: char) -> bool {
    matches!(c, '万' | '亿' | '千' | '百' | '兆')
}

/// The units that may also stand a space after digits (`1,250 万`); 千 and 百 may not,
/// since 百分之 and 千分之 start percentages.
pub(super) fn is_large_unit(c: char) -> bool {
    matches!(c, '万' | '亿' | '兆')
}

/// Reads the number that starts at `i`, if one does.
pub(super) fn read(t: &Text, i: usize) -> Option<Reading> {
    if t.is_digit(i) {
        let lit = literal(t, i)?;
        // 125万, and 1,250 万 with a space, which must not read as 1,250.
        if t.is(lit.end, is_chinese_unit) || t.is(t.spaces(lit.end), is_large_unit) {
            return chinese::read(t, i);
        }
        return Some(match lit.value {
            Some(value) => scaled(t, value, lit.end),
            None => Reading::Unreadable {
                end: lit.end,
                kind: FlagKind::Unreadable,
            },
        });
    }
    if chinese::starts(t, i) {
        return chinese::read(t, i);
    }
    english::read(t, i).map(Reading::Number)
}

/// English scale words after digits, with or without a space: `1.25 million`, `USD 1.25m`.
const SCALES: &[(&str, i128)] = &[
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("mn", 1_000_000),
    ("m", 1_000_000),
    ("billion", 1_000_000_000),
    ("bn", 1_000_000_000),
];

fn scaled(t: &Text, value: Amount, end: usize) -> Reading {
    let after = t.spaces(end);
    if after > end + 1 {
        return Reading::Number(Number {
            value,
            end,
            colloquial: false,
        });
    }
    match t.words_any(after, SCALES) {
        Some((factor, scale_end)) => match value.checked_mul_int(factor) {
            Some(value) => Reading::Number(Number {
                value,
                end: scale_end,
                colloquial: false,
            }),
            None => Reading::Unreadable {
                end: scale_end,
                kind: FlagKind::Unreadable,
            },
        },
        None => Reading::Number(Number {
            value,
            end,
            colloquial: false,
        }),
    }
}

/// ASCII digits at `i`: thousands grouped by commas or single spaces (`1,250,000`,
/// `1 250 000`: a head of one to three digits, then groups of exactly three), and an
/// optional decimal part. A separator left over that is followed by a digit
/// (`1,25,000`, `1.250.000`) makes the whole run malformed rather than two numbers.
pub(super) fn literal(t: &Text, i: usize) -> Option<Literal> {
    if !t.is_digit(i) {
        return None;
    }
    let mut digits = String::new();
    let mut j = i;
    while let Some(c) = t.at(j).filter(char::is_ascii_digit) {
        digits.push(c);
        j += 1;
    }
    let group_of_three =
        |k: usize| t.is_digit(k) && t.is_digit(k + 1) && t.is_digit(k + 2) && !t.is_digit(k + 3);
    if j - i <= 3 {
        for separator in [',', ' '] {
            if t.at(j) == Some(separator) && group_of_three(j + 1) {
                while t.at(j) == Some(separator) && group_of_three(j + 1) {
                    digits.push_str(&t.slice(j + 1..j + 4));
                    j += 4;
                }
                break;
            }
        }
    }
    if t.at(j) == Some('.') && t.is_digit(j + 1) {
        digits.push('.');
        j += 1;
        while let Some(c) = t.at(j).filter(char::is_ascii_digit) {
            digits.push(c);
            j += 1;
        }
    }
    if matches!(t.at(j), Some(',' | '.')) && t.is_digit(j + 1) {
        while t.is(j, |c| c.is_ascii_digit() || c == ',' || c == '.') && !ends_sentence(t, j) {
            j += 1;
        }
        return Some(Literal {
            value: None,
            end: j,
        });
    }
    Some(Literal {
        value: Amount::parse(&digits),
        end: j,
    })
}

/// A point or comma that ends a sentence rather than joining digits.
fn ends_sentence(t: &Text, j: usize) -> bool {
    matches!(t.at(j), Some(',' | '.')) && !t.is_digit(j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<(String, usize)> {
        let t = Text::new(text);
        match read(&t, 0)? {
            Reading::Number(n) => Some((n.value.plain(), n.end)),
            Reading::Unreadable { .. } => None,
        }
    }

    #[test]
    fn digits_group_by_commas_or_spaces_of_three() {
        let rows = [
            ("1,250,000", "1250000", 9),
            ("1 250 000", "1250000", 9),
            ("1,250,000.50 ", "1250000.5", 12),
            ("2027 年", "2027", 4),
            ("2345 6789", "2345", 4),
            ("1, 2027", "1", 1),
            ("1.", "1", 1),
        ];
        for (text, value, end) in rows {
            assert_eq!(number(text), Some((value.to_string(), end)), "{text}");
        }
    }

    #[test]
    fn scale_words_multiply_exactly() {
        let rows = [
            ("1.25 million", "1250000"),
            ("1.25m", "1250000"),
            ("2 bn", "2000000000"),
            ("3 thousand", "3000"),
        ];
        for (text, value) in rows {
            assert_eq!(
                number(text).map(|(v, _)| v),
                Some(value.to_string()),
                "{text}"
            );
        }
        assert_eq!(
            number("5 metres"),
            Some(("5".into(), 1)),
            "a word is not a scale"
        );
    }

    #[test]
    fn leftover_separators_make_a_malformed_number() {
        for text in ["1,25,000", "1.250.000", "1,250,000.5.5", "12,34"] {
            let t = Text::new(text);
            assert!(
                matches!(read(&t, 0), Some(Reading::Unreadable { .. })),
                "{text}"
            );
        }
    }
}
