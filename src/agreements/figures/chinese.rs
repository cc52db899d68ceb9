//! Chinese numerals: 一百二十五万, 壹佰贰拾伍万, 一亿二千五百万, 一千零五, 两万, 廿, 十五点五,
//! 二〇二七 (digit by digit), and ASCII digits with Chinese units (125万, 1.25亿, 3千万).
//!
//! A numeral is read in three steps: collect its parts (digits, 十 百 千, 万 亿, 零, 点),
//! then split at the largest of 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²), then read each section
//! below 万 digit by unit. 零 marks a gap (一千零五 is 1005, 十万零五 is 100,005).
//!
//! Decisions, each tested in the table test:
//! - **兆 is never read.** It is 10¹² in Taiwan and Hong Kong usage but 10⁶ in mainland SI
//!   usage (兆瓦 is a megawatt); [`FlagKind::Zhao`] instead of a number.
//! - **Colloquial short forms are read, with a warning.** 三万四 is 34,000, 一万五 is
//!   15,000, 两千三 is 2,300 (a trailing digit counts in the unit below the last one);
//!   一万五百 (for 一万零五百) is 10,500. Settlement texts should not use them, so
//!   [`super::FlagKind::ColloquialNumeral`] goes with the figure. The trailing digit is
//!   left out when a counted word follows it (一百万一次性 is 1,000,000 and then 一次性,
//!   "in one payment"), since 一次, 一方 and 一期 are everywhere in agreements.
//! - **两 is 2** before a unit (两万) and alone (两个).
//! - **Digits alone are read one by one** (二〇二七 is 2027, 一二五 is 125), as years and
//!   codes are written; a single digit is itself.
//! - **负 makes a number negative.** ASCII `-` does not (see [`super::numbers`]).
//! - A numeral that starts like one but breaks the rules (一千千, 五十十) is
//!   [`FlagKind::Unreadable`], which becomes a flag where money or a percentage needed it.

use super::amount::Amount;
use super::normalise::Text;
use super::numbers::{is_large_unit, literal, Number, Reading};
use super::FlagKind;

/// A part of a Chinese numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// 一 … 九, 两, 壹 … 玖 (`ascii` false), or ASCII digits (`ascii` true, possibly
    /// with decimals); 零 and 〇 are digits with `zero` set.
    Digit {
        value: Amount,
        ascii: bool,
        zero: bool,
    },
    /// 十, 百, 千 and their financial forms 拾, 佰, 仟.
    Unit(i128),
    /// 廿 (20), 卅 (30), 卌 (40).
    Tens(i128),
    /// 万 (4), 亿 (8), 万亿 (12): the power of ten.
    Big(u32),
    Zhao,
    Point,
}

/// The value of a Chinese digit, ordinary or financial (after normalisation to Simplified).
pub(super) fn digit(c: char) -> Option<i128> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' | '弌' => 1,
        '二' | '贰' | '两' | '弍' => 2,
        '三' | '叁' | '参' | '叄' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<i128> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    }
}

fn tens(c: char) -> Option<i128> {
    match c {
        '廿' => Some(20),
        '卅' => Some(30),
        '卌' => Some(40),
        _ => None,
    }
}

/// Words that count what a digit before them numbers, so the digit is not a colloquial
/// tail of the numeral before it (一百万一次性, 五十万一方).
const COUNTED: &str = "次个方期年月天份项条笔家位名件张批周致切样种并般起同旦定律些";

/// Whether a Chinese numeral starts at `i` (a digit, 十, 廿, or 负 before one).
/// 百, 千, 万 and 亿 do not start one: 百度, 千代田 and 万科 are names, 百分之 a percentage.
pub(super) fn starts(t: &Text, i: usize) -> bool {
    match t.at(i) {
        Some('负') => t.is(i + 1, |c| digit(c).is_some() || c == '十') || t.is_digit(i + 1),
        Some(c) => digit(c).is_some() || c == '十' || c == '拾' || tens(c).is_some(),
        None => false,
    }
}

/// Reads the Chinese numeral (or digits with Chinese units) at `i`.
pub(super) fn read(t: &Text, i: usize) -> Option<Reading> {
    let mut j = i;
    let negative = t.at(j) == Some('负');
    if negative {
        j += 1;
    }
    let mut atoms: Vec<Atom> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    loop {
        let last = atoms.last().copied();
        // 1,250 万: a space may part ASCII digits from the unit after them.
        if matches!(last, Some(Atom::Digit { ascii: true, .. })) && t.is(t.spaces(j), is_large_unit)
        {
            j = t.spaces(j);
        }
        let Some(c) = t.at(j) else { break };
        let atom = if c.is_ascii_digit() {
            if matches!(last, Some(Atom::Digit { .. })) {
                break;
            }
            let lit = literal(t, j)?;
            let Some(value) = lit.value else {
                return Some(Reading::Unreadable {
                    end: lit.end,
                    kind: FlagKind::Unreadable,
                });
            };
            atoms.push(Atom::Digit {
                value,
                ascii: true,
                zero: false,
            });
            j = lit.end;
            ends.push(j);
            continue;
        } else if let Some(d) = digit(c) {
            if matches!(last, Some(Atom::Digit { ascii: true, .. })) {
                break;
            }
            Atom::Digit {
                value: Amount::from_integer(d)?,
                ascii: false,
                zero: d == 0,
            }
        } else if let Some(u) = unit(c) {
            Atom::Unit(u)
        } else if let Some(t) = tens(c) {
            Atom::Tens(t)
        } else if c == '万' {
            Atom::Big(4)
        } else if c == '亿' {
            if last == Some(Atom::Big(4)) {
                atoms.pop();
                ends.pop();
                Atom::Big(12)
            } else {
                Atom::Big(8)
            }
        } else if c == '兆' {
            Atom::Zhao
        } else if c == '点' && last.is_some() && t.is(j + 1, |c| digit(c).is_some()) {
            Atom::Point
        } else {
            break;
        };
        atoms.push(atom);
        j += 1;
        ends.push(j);
    }
    match atoms.first() {
        None | Some(Atom::Big(_) | Atom::Zhao | Atom::Point) => return None,
        Some(Atom::Unit(u)) if *u != 10 => return None,
        _ => {}
    }
    trim(t, &mut atoms, &mut ends);
    let end = *ends.last()?;
    Some(match value(&atoms) {
        Ok((value, colloquial)) => Reading::Number(Number {
            value: if negative { -value } else { value },
            end,
            colloquial,
        }),
        Err(kind) => Reading::Unreadable { end, kind },
    })
}

/// Leaves out a trailing 零 after a unit (一百万零 is 一百万 and then 零…), and a trailing
/// digit that numbers the counted word after it (see [`COUNTED`]).
fn trim(t: &Text, atoms: &mut Vec<Atom>, ends: &mut Vec<usize>) {
    let n = atoms.len();
    if n >= 2 {
        let before = atoms[n - 2];
        let after_unit =
            matches!(before, Atom::Big(_)) || matches!(before, Atom::Unit(u) if u > 10);
        let tail_zero = matches!(atoms[n - 1], Atom::Digit { zero: true, .. });
        let tail_digit = matches!(atoms[n - 1], Atom::Digit { ascii: false, .. });
        let counted = t.is(ends[n - 1], |c| COUNTED.contains(c));
        if (tail_zero && after_unit) || (tail_digit && after_unit && counted) {
            atoms.pop();
            ends.pop();
        }
    }
}

type Value = Result<(Amount, bool), FlagKind>;

/// The value of a numeral's parts, and whether it used a colloquial short form.
fn value(atoms: &[Atom]) -> Value {
    if atoms.contains(&Atom::Zhao) {
        return Err(FlagKind::Zhao);
    }
    if let Some(p) = atoms.iter().position(|a| *a == Atom::Point) {
        let (whole, _) = integer(&atoms[..p])?;
        let fraction: Vec<i128> = atoms[p + 1..]
            .iter()
            .map_while(|a| match a {
                Atom::Digit {
                    value,
                    ascii: false,
                    ..
                } => value.as_integer(),
                _ => None,
            })
            .collect();
        let mut text = format!("{}.", whole.plain());
        for d in &fraction {
            text.push_str(&d.to_string());
        }
        let number = Amount::parse(&text).ok_or(FlagKind::Unreadable)?;
        return times_units(number, &atoms[p + 1 + fraction.len()..]);
    }
    if let Some(Atom::Digit {
        value, ascii: true, ..
    }) = atoms.first()
    {
        if !value.is_integer() {
            return times_units(*value, &atoms[1..]);
        }
    }
    integer(atoms)
}

/// A decimal times the units after it: 1.25亿, 一点二五亿, 1.5千万.
fn times_units(number: Amount, tail: &[Atom]) -> Value {
    let mut value = number;
    for atom in tail {
        let factor = match atom {
            Atom::Unit(u) => *u,
            Atom::Big(e) => 10_i128.pow(*e),
            _ => return Err(FlagKind::Unreadable),
        };
        value = value.checked_mul_int(factor).ok_or(FlagKind::Unreadable)?;
    }
    Ok((value, false))
}

/// A whole numeral: digit by digit, or positional.
fn integer(atoms: &[Atom]) -> Value {
    let digits: Option<Vec<i128>> = atoms
        .iter()
        .map(|a| match a {
            Atom::Digit {
                value,
                ascii: false,
                ..
            } => value.as_integer(),
            _ => None,
        })
        .collect();
    if let Some(digits) = digits.filter(|d| d.len() >= 2) {
        let text: String = digits.iter().map(|d| d.to_string()).collect();
        let value = Amount::parse(&text).ok_or(FlagKind::Unreadable)?;
        return Ok((value, false));
    }
    positional(atoms).ok_or(FlagKind::Unreadable)
}

/// Splits at the first of the largest 万/亿/万亿 and reads both sides; below 万, [`section`].
fn positional(atoms: &[Atom]) -> Option<(Amount, bool)> {
    let largest = atoms
        .iter()
        .filter_map(|a| match a {
            Atom::Big(e) => Some(*e),
            _ => None,
        })
        .max();
    let Some(exponent) = largest else {
        return section(atoms);
    };
    let k = atoms.iter().position(|a| *a == Atom::Big(exponent))?;
    let (left, mut colloquial) = positional(&atoms[..k])?;
    if left == Amount::ZERO {
        return None;
    }
    let unit_value = 10_i128.pow(exponent);
    let mut total = left.checked_mul_int(unit_value)?;
    let mut right = &atoms[k + 1..];
    let gap = matches!(right.first(), Some(Atom::Digit { zero: true, .. }));
    while let Some(Atom::Digit { zero: true, .. }) = right.first() {
        right = &right[1..];
    }
    if right.is_empty() {
        return Some((total, colloquial));
    }
    let (mut rest, rest_colloquial) = positional(right)?;
    colloquial |= rest_colloquial;
    let below = Amount::from_integer(unit_value / 10)?;
    if !gap {
        let lone_digit = matches!(right, [Atom::Digit { value, .. }] if value.as_integer().is_some_and(|d| d < 10));
        if lone_digit {
            // 三万四: the digit counts in the unit below 万.
            rest = rest.checked_mul_int(unit_value / 10)?;
            colloquial = true;
        } else if rest < below {
            // 一万五百 for 一万零五百.
            colloquial = true;
        }
    }
    if rest >= Amount::from_integer(unit_value)? {
        return None;
    }
    total = total.checked_add(rest)?;
    Some((total, colloquial))
}

/// A section below 万: digits times 十/百/千 (or 廿/卅), 零 for a gap.
fn section(atoms: &[Atom]) -> Option<(Amount, bool)> {
    let mut value = Amount::ZERO;
    let mut pending: Option<Amount> = None;
    let mut last_unit = i128::MAX;
    let mut gap = false;
    let mut any_unit = false;
    for atom in atoms {
        match *atom {
            Atom::Digit { zero: true, .. } => {
                if pending.is_some() {
                    return None;
                }
                gap = true;
            }
            Atom::Digit { value: d, .. } => {
                if pending.is_some() || !d.is_integer() {
                    return None;
                }
                pending = Some(d);
            }
            Atom::Unit(u) => {
                if u >= last_unit {
                    return None;
                }
                let d = match pending.take() {
                    Some(d) if d.as_integer().is_some_and(|d| d < 10) => d,
                    Some(_) => return None,
                    // 十五, 十万: 十 alone is 一十.
                    None if u == 10 && !any_unit && !gap => Amount::from_integer(1)?,
                    None => return None,
                };
                value = value.checked_add(d.checked_mul_int(u)?)?;
                last_unit = u;
                gap = false;
                any_unit = true;
            }
            Atom::Tens(t) => {
                if pending.is_some() || last_unit <= 10 {
                    return None;
                }
                value = value.checked_add(Amount::from_integer(t)?)?;
                last_unit = 10;
                any_unit = true;
            }
            Atom::Big(_) | Atom::Zhao | Atom::Point => return None,
        }
    }
    let mut colloquial = false;
    if let Some(d) = pending {
        if !any_unit || last_unit == 10 || gap {
            if any_unit && d.as_integer().is_none_or(|d| d >= 10) {
                return None;
            }
            value = value.checked_add(d)?;
        } else {
            // 两千三: the digit counts in the unit below the last.
            value = value.checked_add(d.checked_mul_int(last_unit / 10)?)?;
            colloquial = true;
        }
    }
    Some((value, colloquial))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> Option<Reading> {
        read(&Text::new(text), 0)
    }

    #[test]
    fn a_unit_alone_or_a_name_does_not_start_a_numeral() {
        for text in ["百度", "千代田", "万科", "亿", "兆", "甲方", "点"] {
            assert_eq!(read_all(text), None, "{text}");
        }
    }

    #[test]
    fn malformed_numerals_are_unreadable_not_guessed() {
        for text in ["一千千", "五十十", "十百", "二十廿"] {
            assert!(
                matches!(
                    read_all(text),
                    Some(Reading::Unreadable {
                        kind: FlagKind::Unreadable,
                        ..
                    })
                ),
                "{text}: {:?}",
                read_all(text)
            );
        }
    }

    #[test]
    fn a_counted_word_keeps_its_digit() {
        let Some(Reading::Number(n)) = read_all("一百万一次性") else {
            panic!("no number")
        };
        assert_eq!(
            (n.value.plain().as_str(), n.end, n.colloquial),
            ("1000000", 3, false)
        );
    }

    #[test]
    fn a_point_needs_a_digit_after_it() {
        // 三点 is "three o'clock", 一点 "a little".
        let Some(Reading::Number(n)) = read_all("三点钟") else {
            panic!("no number")
        };
        assert_eq!((n.value.plain().as_str(), n.end), ("3", 1));
    }
}
