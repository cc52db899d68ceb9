//! Percentages and the shares that look like them.
//!
//! - Read as percent: `15%`, `15 %` (and ％), `15 per cent`, `15 percent`,
//!   `fifteen per cent`, 百分之十五, 百分之十五点五, 百分之一百, 百分之百; per mille and per
//!   ten thousand as percent: `5‰`, 千分之五 = 0.5; `5‱`, 万分之五 = 0.05.
//! - Their own unit, [`Read::PercentagePoints`]: `2 percentage points`, 两个百分点, and
//!   basis points (`50 basis points`, `50 bps`, 五十个基点 = 0.5 points). An interest rate
//!   "raised by 2 percentage points" is not "raised by 2 %".
//! - 三成 is 30 %, with [`FlagKind::ColloquialPercent`]: a tenth-share of speech, clear
//!   but not what a settlement should say. Not read in 成员, 成本, 成立 … or 一成不变.
//! - 八折 is **never** 8 % (nor 80 %): it is a price of 80 %, a discount of 20 %, and a
//!   translation may state either. [`FlagKind::Discount`]. Not read in 折合 ("converted
//!   to"), 折算, 折旧 (depreciation).
//! - Fractions (三分之一, `one third`, `two-thirds`) are [`FlagKind::Fraction`].

use super::amount::Amount;
use super::normalise::Text;
use super::numbers::{self, Number, Reading};
use super::{FlagKind, Hit, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Percent, per mille (10) or per ten thousand (100): the divisor to percent.
    Percent(i128),
    /// Percentage points, or basis points (100).
    Points(i128),
}

const SIGNS: &[(&str, Unit)] = &[
    ("%", Unit::Percent(1)),
    ("‰", Unit::Percent(10)),
    ("‱", Unit::Percent(100)),
    ("个百分点", Unit::Points(1)),
    ("百分点", Unit::Points(1)),
    ("个基点", Unit::Points(100)),
    ("基点", Unit::Points(100)),
];

const WORDS: &[(&str, Unit)] = &[
    ("per cent", Unit::Percent(1)),
    ("percent", Unit::Percent(1)),
    ("per centum", Unit::Percent(1)),
    ("percentage points", Unit::Points(1)),
    ("percentage point", Unit::Points(1)),
    ("basis points", Unit::Points(100)),
    ("basis point", Unit::Points(100)),
    ("bps", Unit::Points(100)),
    ("bp", Unit::Points(100)),
];

const PREFIXES: &[(&str, i128)] = &[("百分之", 1), ("千分之", 10), ("万分之", 100)];

/// English fraction words after a number (`one third`, `two-thirds`, `one half`).
const FRACTIONS: &[(&str, ())] = &[
    ("half", ()),
    ("halves", ()),
    ("third", ()),
    ("thirds", ()),
    ("quarter", ()),
    ("quarters", ()),
    ("fifth", ()),
    ("fifths", ()),
    ("sixth", ()),
    ("sixths", ()),
    ("eighth", ()),
    ("eighths", ()),
    ("tenth", ()),
    ("tenths", ()),
];

/// After 成: words in which it is not a tenth (成员 member, 成本 cost, 成立 founded,
/// 成功, 成交, 成为, 一成不变).
const NOT_CHENG: &str = "员本立功交为不";
/// After 折: words in which it is no discount (折合 converted to, 折算, 折旧, 折抵, 折现,
/// 折让, 折扣 written out).
const NOT_ZHE: &str = "合算旧抵现让扣";

fn percent_of(value: Amount, unit: Unit) -> Option<Read> {
    Some(match unit {
        Unit::Percent(d) => Read::Percent(value.checked_div_exact(d)?),
        Unit::Points(d) => Read::PercentagePoints(value.checked_div_exact(d)?),
    })
}

/// A percent sign or word after spaces at `i`, and where it ends.
fn unit_at(t: &Text, i: usize) -> Option<(Unit, usize)> {
    let k = t.spaces(i);
    t.exact_any(k, SIGNS).or_else(|| t.words_any(k, WORDS))
}

/// Where the number after a range word at `i` ends (`-15`, ` to 15`), if one follows.
fn range_start(t: &Text, i: usize) -> Option<usize> {
    let connector = [("-", ()), ("–", ()), ("~", ()), ("至", ()), ("到", ())];
    let (_, after) = t
        .exact_any(i, &connector)
        .or_else(|| t.words(i, "to").map(|e| ((), e)))?;
    Some(numbers::read(t, t.spaces(after))?.end())
}

/// 百分之…, 千分之…, 万分之….
pub(super) fn prefixed(t: &Text, i: usize) -> Option<Hit> {
    let (divisor, after_prefix) = t.exact_any(i, PREFIXES)?;
    let k = t.spaces(after_prefix);
    // 百分之百 is 100 %.
    if divisor == 1 && t.at(k) == Some('百') && t.exact(k, "百分之").is_none() {
        let hundred = Amount::from_integer(100)?;
        return Some(Hit::new(i, k + 1, Read::Percent(hundred)));
    }
    Some(match numbers::read(t, k)? {
        Reading::Number(n) => match percent_of(n.value, Unit::Percent(divisor)) {
            Some(read) => {
                Hit::new(i, n.end, read).warn_if(n.colloquial, FlagKind::ColloquialNumeral)
            }
            None => Hit::flag(i, n.end, FlagKind::Unreadable),
        },
        Reading::Unreadable { end, kind } => Hit::flag(i, end, kind),
    })
}

/// A percentage, points, 成, 折 or a fraction after the number that starts at `start`.
pub(super) fn after(t: &Text, start: usize, number: Number) -> Option<Hit> {
    let end = number.end;
    let value = number.value;
    match t.at(end) {
        Some('成') if !t.is(end + 1, |c| NOT_CHENG.contains(c)) => {
            let tenths = value.as_integer().filter(|n| (1..=10).contains(n))?;
            let percent = Amount::from_integer(tenths * 10)?;
            return Some(
                Hit::new(start, end + 1, Read::Percent(percent))
                    .warn_if(true, FlagKind::ColloquialPercent),
            );
        }
        Some('折') if !t.is(end + 1, |c| NOT_ZHE.contains(c)) => {
            return Some(Hit::flag(start, end + 1, FlagKind::Discount));
        }
        Some('分') if t.at(end + 1) == Some('之') => {
            let numerator_end = numbers::read(t, end + 2).map_or(end + 2, Reading::end);
            return Some(Hit::flag(start, numerator_end, FlagKind::Fraction));
        }
        _ => {}
    }
    let k = t.spaces(end);
    if let Some((unit, unit_end)) = unit_at(t, end) {
        return Some(match percent_of(value, unit) {
            Some(read) => Hit::new(start, unit_end, read),
            None => Hit::flag(start, unit_end, FlagKind::Unreadable),
        });
    }
    // 10-15%, 10 to 15 per cent: the start of a range takes the unit of its end.
    if let Some(range_end) = range_start(t, k) {
        if let Some((unit, _)) = unit_at(t, range_end) {
            return Some(match percent_of(value, unit) {
                Some(read) => Hit::new(start, end, read),
                None => Hit::flag(start, end, FlagKind::Unreadable),
            });
        }
    }
    let fraction_at = if t.at(end) == Some('-') { end + 1 } else { k };
    if fraction_at > end {
        if let Some((_, fraction_end)) = t.words_any(fraction_at, FRACTIONS) {
            return Some(Hit::flag(start, fraction_end, FlagKind::Fraction));
        }
    }
    None
}
