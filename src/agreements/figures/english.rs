//! English number words: `fifteen`, `twenty-five`, `one hundred and five`,
//! `one million two hundred and fifty thousand`, `fifteen point five`.
//!
//! Read without regard to case (contracts write `One Million Two Hundred …` as often as
//! lower case), parted by spaces, a hyphen inside a compound (`twenty-five`) and `and`
//! after a hundred or a scale word. Reading stops at the first word that would break the
//! order (`one two` is `one`, then `two`), so a run of words never becomes a number it
//! does not spell. `a hundred` and fractions (`one third`) are not read: see
//! [`super::percent`] for how fractions are flagged.

use super::amount::Amount;
use super::normalise::Text;
use super::numbers::Number;

const SMALL: &[(&str, i128)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

const TENS: &[(&str, i128)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const SCALES: &[(&str, i128)] = &[
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Small(i128),
    Tens(i128),
    Hundred,
    Scale(i128),
    And,
    Point,
}

fn classify(word: &str) -> Option<Word> {
    let lookup = |table: &[(&str, i128)]| table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v);
    if let Some(v) = lookup(SMALL) {
        return Some(Word::Small(v));
    }
    if let Some(v) = lookup(TENS) {
        return Some(Word::Tens(v));
    }
    if let Some(v) = lookup(SCALES) {
        return Some(Word::Scale(v));
    }
    match word {
        "hundred" => Some(Word::Hundred),
        "and" => Some(Word::And),
        "point" => Some(Word::Point),
        _ => None,
    }
}

/// The word at `i`, lower case, its class, and its end.
fn word_at(t: &Text, i: usize) -> Option<(Word, usize)> {
    let (word, end) = t.ascii_word(i);
    classify(&word.to_ascii_lowercase()).map(|w| (w, end))
}

/// Where the next word starts after one ending at `end`: past spaces, or past a hyphen
/// joining two words.
fn next_word(t: &Text, end: usize) -> Option<usize> {
    if t.at(end) == Some('-') && t.is_letter(end + 1) {
        return Some(end + 1);
    }
    let after = t.spaces(end);
    (after > end && t.is_letter(after)).then_some(after)
}

/// Reads the number words at `i`, if any.
pub(super) fn read(t: &Text, i: usize) -> Option<Number> {
    let mut total: i128 = 0;
    let mut current: i128 = 0;
    let mut last: Option<Word> = None;
    let mut last_scale = i128::MAX;
    let mut end = i;
    let mut at = i;
    let mut fraction = String::new();
    let mut scale_by: i128 = 1;
    while let Some((word, word_end)) = word_at(t, at) {
        let fits = match (last, word) {
            (
                None | Some(Word::Hundred | Word::Scale(_) | Word::And),
                Word::Small(_) | Word::Tens(_),
            ) => true,
            (Some(Word::Tens(_)), Word::Small(v)) => (1..10).contains(&v),
            (Some(Word::Small(_) | Word::Tens(_)), Word::Hundred) => (1..100).contains(&current),
            (Some(Word::Small(_) | Word::Tens(_) | Word::Hundred), Word::Scale(s)) => {
                current > 0 && s < last_scale
            }
            (Some(Word::Hundred | Word::Scale(_)), Word::And) => next_word(t, word_end)
                .and_then(|n| word_at(t, n))
                .is_some_and(|(w, _)| matches!(w, Word::Small(_) | Word::Tens(_))),
            (
                Some(Word::Small(_) | Word::Tens(_) | Word::Hundred | Word::Scale(_)),
                Word::Point,
            ) => true,
            _ => false,
        };
        if !fits {
            break;
        }
        match word {
            Word::Small(v) | Word::Tens(v) => current += v,
            Word::Hundred => current *= 100,
            Word::Scale(s) => {
                total = total.checked_add(current.checked_mul(s)?)?;
                current = 0;
                last_scale = s;
            }
            Word::And => {}
            Word::Point => {
                let (digits, digits_end) = fraction_digits(t, word_end);
                if digits.is_empty() {
                    break;
                }
                fraction = digits;
                end = digits_end;
                last = Some(word);
                // `two point five million`: a scale after the decimals scales them too.
                if total == 0 {
                    let scale = next_word(t, digits_end).and_then(|n| word_at(t, n));
                    if let Some((Word::Scale(s), scale_end)) = scale {
                        scale_by = s;
                        end = scale_end;
                    }
                }
                break;
            }
        }
        if word != Word::And {
            end = word_end;
        }
        last = Some(word);
        match next_word(t, word_end) {
            Some(n) => at = n,
            None => break,
        }
    }
    last?;
    let whole = total.checked_add(current)?;
    let text = if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    };
    Some(Number {
        value: Amount::parse(&text)?.checked_mul_int(scale_by)?,
        end,
        colloquial: false,
    })
}

/// The digit words after `point`: `five`, `two five`.
fn fraction_digits(t: &Text, point_end: usize) -> (String, usize) {
    let mut digits = String::new();
    let mut end = point_end;
    let mut at = next_word(t, point_end);
    while let Some(i) = at {
        match word_at(t, i) {
            Some((Word::Small(v), word_end)) if v < 10 => {
                digits.push_str(&v.to_string());
                end = word_end;
                at = next_word(t, word_end);
            }
            _ => break,
        }
    }
    (digits, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_before_a_word_that_breaks_the_order() {
        let t = Text::new("one two");
        assert_eq!(
            read(&t, 0).map(|n| (n.value.plain(), n.end)),
            Some(("1".into(), 3))
        );
        let t = Text::new("five hundred and the rest");
        assert_eq!(
            read(&t, 0).map(|n| (n.value.plain(), n.end)),
            Some(("500".into(), 12)),
            "a trailing `and` is not part of the number"
        );
    }

    #[test]
    fn a_word_that_is_no_number_reads_nothing() {
        for text in ["Party A", "and five", "hundred", "thousands", "oneself"] {
            assert_eq!(read(&Text::new(text), 0), None, "{text}");
        }
    }
}
