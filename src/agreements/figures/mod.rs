//! The figures of a clause: the amounts, currencies, percentages and dates its English
//! and Chinese texts state, found in running text, so a check can prove the two texts
//! state the same ones before an agreement is final.
//!
//! [`extract`] reads one text into typed [`Found`] figures, each with its span and
//! original spelling, and [`Flagged`] forms a person must look at; [`compare`] matches the
//! figures of the two texts as multisets and names what has no match.
//!
//! Written here rather than taken from a crate (research: `drafts-stack-2026-12.md` §2):
//! `chinese-number` 0.8 fails on 125万, １２５万, 1.25亿, 1,250,000, 廿, 一点二五, 三元五角 and
//! 百分之十五, returns an `f64` (一角二分 is 0.12000000000000001) and cannot find numbers
//! inside text; `chrono`'s `parse_from_str` fails on 1st March 2027, ２０２７年３月１日 and
//! 二〇二七年三月一日. One idea per file:
//!
//! - [`amount`]: exact decimals (millionths in an `i128`); why six places.
//! - [`normalise`]: full-width forms, spaces and Traditional characters, one character for
//!   one so spans point into the original.
//! - [`numbers`], [`chinese`], [`english`]: numbers as digits, Chinese numerals and words.
//! - [`money`], [`percent`], [`dates`]: the figures and the context that makes a number one.
//! - [`exclusions`]: what is numbered but no figure (clause 4.2, 第4.2條, ACC-2026-0001).
//! - [`compare`]: the two texts against each other, and a text against its restatements.
//!
//! Decisions, each with a test:
//!
//! - **Conservative: a number is a figure only in a figure's context** (a currency, a
//!   percent sign or word, 年/月/日 or a month name). `30日內`, `clause 4`, `+852 2345 6789`,
//!   `No. 12345678` and a bare `1,250,000` yield nothing. Missing a figure on one side is
//!   safe: the compare then reports the other side's figure as unmatched. An amount
//!   written without a currency on *both* sides (`pay 1 million` / 支付一百万) is read on
//!   neither and goes uncompared.
//! - **Flags, never guesses.** A form whose value depends on a convention the text does
//!   not settle is a [`FlagKind`], not a figure: 兆, `01/03/2027` without a date order, a
//!   year of the Republic of China, 八折, a fraction, an invalid or yearless date, a
//!   currency outside [`Currency`], a number that cannot be read exactly (`1,25,000`, and
//!   `-5%`: ASCII `-` joins ranges and case numbers and is never read as a sign; 负 is).
//!   Forms that are clear but colloquial (三成, 三万四), a written weekday that does not
//!   match its date and a bare 元 nothing settles are read *and* flagged
//!   ([`FlagKind::keeps_figure`]).
//! - **One grammar for both sides.** A Chinese clause quotes `USD 1,250,000` and
//!   `2027-03-01`; an English one may quote `人民币壹佰贰拾伍万元整`. Both texts are read with
//!   every rule, so no figure is missed for being in the other language; the [`Side`] is
//!   recorded so a mismatch can name it.
//! - **A bare 元, 圆 or "dollars"** takes, in order: the currency of the figure it restates
//!   in parentheses; the one currency the clause names elsewhere; the caller's
//!   [`Context::default_currency`]. With none of these it stays `currency: None` and is
//!   flagged [`FlagKind::BareCurrencyUnit`]; a `None` currency matches only `None`.
//! - **`$` is USD**, as the research's currency table (§2.2) has it, although Hong Kong
//!   texts often mean HK$ by it; write `HK$` for Hong Kong dollars. **`¥` is CNY** (not
//!   JPY), by the same table.
//! - **Restatements**: a figure in parentheses straight after one of its kind
//!   (`125萬美元（USD 1,250,000）`, `fifteen per cent (15%)`, `USD 1,250,000 (one million …)`)
//!   restates it ([`Found::restates`]). The compare counts the pair once and reports a
//!   restatement that disagrees.
//! - **Ranges that write their unit once** give it to both ends: `10-15%`, 百分之十至十五,
//!   `USD 100-200`, 2027年3月1日至30日, `1-5 March 2027`; a yearless end of a date range
//!   takes the other end's year (see [`dates`]).
//! - Percentages are stored as percent (15 % is 15); 千分之五 and 5‰ are 0.5 %;
//!   "percentage points", 个百分点 and basis points are [`Figure::PercentagePoints`], a unit
//!   of their own, never equal to a percentage.

mod amount;
mod chinese;
mod compare;
mod dates;
mod english;
mod exclusions;
mod money;
mod normalise;
mod numbers;
mod percent;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use chrono::{NaiveDate, Weekday};
use serde::Serialize;

pub use crate::notes::Side;
pub use amount::Amount;
pub use compare::{check, compare, restatements, Check, Mismatch};
pub use money::Currency;

use normalise::Text;

/// A figure a clause states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// An amount of money; `currency` is `None` only for a bare 元 or "dollars" that
    /// nothing settles (and is then flagged).
    Money {
        currency: Option<Currency>,
        amount: Amount,
    },
    /// A percentage, in percent: 15 % is 15, 千分之五 is 0.5.
    Percent(Amount),
    /// A difference of percentages ("2 percentage points", 两个百分点; 50 basis points is 0.5).
    PercentagePoints(Amount),
    Date(NaiveDate),
}

impl Figure {
    fn same_kind(&self, other: &Figure) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// As a check shows it: `USD 1,250,000`, `15%`, `2 percentage points`, `2027-03-01`.
impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Money {
                currency: Some(c),
                amount,
            } => write!(f, "{c} {amount}"),
            Figure::Money {
                currency: None,
                amount,
            } => write!(f, "{amount} (no currency)"),
            Figure::Percent(p) => write!(f, "{p}%"),
            Figure::PercentagePoints(p) => write!(f, "{p} percentage points"),
            Figure::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub figure: Figure,
    /// Byte range in the original text; `text` is that slice.
    pub span: Range<usize>,
    /// The figure as written, before normalisation (`１２５万美元`).
    pub text: String,
    /// The index in [`Extraction::figures`] of the figure this one restates in
    /// parentheses (see the module doc); such a figure is compared with that one only.
    pub restates: Option<usize>,
}

/// What a person must look at before the figures of a text can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlagKind {
    /// 兆: 10¹² in Taiwan and Hong Kong usage, 10⁶ in mainland SI usage.
    Zhao,
    /// A number where money or a percentage needs one, that cannot be read exactly
    /// (`1,25,000`, `1.250.000`, 一千千, more than six decimals).
    Unreadable,
    /// 元, 圆 or "dollars" with no currency to take (see the module doc). Kept as a
    /// figure with no currency.
    BareCurrencyUnit,
    /// A currency this check does not compare (AUD, S$, 澳元, 新台币 …).
    UnknownCurrency,
    /// A numeric date that reads as two dates (`01/03/2027`) and no
    /// [`Context::date_order`] to choose.
    AmbiguousDateOrder {
        day_month: NaiveDate,
        month_day: NaiveDate,
    },
    /// 八折, 七五折: a price of 80 %, 75 %, i.e. a discount of 20 %, 25 %; never read as a
    /// percentage, since a translation may state either.
    Discount,
    /// 三成: 30 %, read, but colloquial.
    ColloquialPercent,
    /// 三万四 (34,000), 一万五, 两千三, 一万五百: read, but a short form.
    ColloquialNumeral,
    /// 三分之一, `one third`: a share the check does not compare.
    Fraction,
    /// A day and month (3月1日, 1 March) with no year, none nearby in a range, and no
    /// [`Context::year`].
    DateWithoutYear,
    /// A month and year with no day (2027年3月, March 2027).
    DateWithoutDay,
    /// A date that does not exist (2027年2月30日, 31 April 2027).
    InvalidDate,
    /// A year of the Republic of China (民國116年), rare in Hong Kong texts.
    RocYear,
    /// A written weekday that is not the date's (2027年3月2日（星期一）). The date is kept.
    WrongWeekday { date: NaiveDate, written: Weekday },
}

impl FlagKind {
    /// Whether a figure was read as well (a warning), rather than instead of one.
    pub fn keeps_figure(self) -> bool {
        matches!(
            self,
            FlagKind::ColloquialPercent
                | FlagKind::ColloquialNumeral
                | FlagKind::BareCurrencyUnit
                | FlagKind::WrongWeekday { .. }
        )
    }
}

/// A flagged form in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flagged {
    pub kind: FlagKind,
    /// Byte range in the original text; `text` is that slice.
    pub span: Range<usize>,
    pub text: String,
}

/// How a numeric date such as `01/03/2027` is ordered. Hong Kong practice is day first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    DayMonth,
    MonthDay,
}

/// What the caller knows about the clause that the text may leave out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Context {
    /// The currency of a bare 元 or "dollars" when the clause names none.
    pub default_currency: Option<Currency>,
    /// The order of numeric dates; without one an ambiguous date is flagged.
    pub date_order: Option<DateOrder>,
    /// The year of a date written without one.
    pub year: Option<i32>,
}

/// The figures and flags of one text, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extraction {
    pub side: Side,
    pub figures: Vec<Found>,
    pub flags: Vec<Flagged>,
}

/// Reads the figures of one clause text.
pub fn extract(text: &str, side: Side, context: &Context) -> Extraction {
    let t = Text::new(text);
    let mut hits = scan(&t, context);
    dates::resolve(&t, &mut hits, context);
    let links = restatement_links(&t, &hits);
    money::resolve(&mut hits, &links, context);
    let mut figures = Vec::new();
    let mut flags = Vec::new();
    let mut index_of_hit = vec![None; hits.len()];
    for (h, hit) in hits.iter().enumerate() {
        let span = t.bytes(hit.start..hit.end);
        let spelled = text[span.clone()].to_string();
        for &kind in &hit.warnings {
            flags.push(Flagged {
                kind,
                span: span.clone(),
                text: spelled.clone(),
            });
        }
        match hit.figure() {
            Some(figure) => {
                index_of_hit[h] = Some(figures.len());
                figures.push(Found {
                    figure,
                    span,
                    text: spelled,
                    restates: links[h].and_then(|a| index_of_hit[a]),
                });
            }
            None => {
                if let Read::Flag(kind) = hit.read {
                    flags.push(Flagged {
                        kind,
                        span,
                        text: spelled,
                    });
                }
            }
        }
    }
    Extraction {
        side,
        figures,
        flags,
    }
}

/// What a reader found at a position of the normalised text, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    read: Read,
    /// Flags that go with the figure (see [`FlagKind::keeps_figure`]).
    warnings: Vec<FlagKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Read {
    /// `currency` is `None` for a bare 元 or "dollars", until [`money::resolve`].
    Money {
        currency: Option<Currency>,
        amount: Amount,
    },
    Percent(Amount),
    PercentagePoints(Amount),
    /// A date as written, until [`dates::resolve`] gives it a year or a flag.
    Written(dates::Parts),
    Date(NaiveDate),
    Flag(FlagKind),
    /// Numbered text that is no figure, read only to be passed over.
    Skip,
}

impl Hit {
    fn new(start: usize, end: usize, read: Read) -> Hit {
        Hit {
            start,
            end,
            read,
            warnings: Vec::new(),
        }
    }

    fn flag(start: usize, end: usize, kind: FlagKind) -> Hit {
        Hit::new(start, end, Read::Flag(kind))
    }

    fn skip(start: usize, end: usize) -> Hit {
        Hit::new(start, end, Read::Skip)
    }

    fn warn_if(mut self, warn: bool, kind: FlagKind) -> Hit {
        if warn {
            self.warnings.push(kind);
        }
        self
    }

    fn figure(&self) -> Option<Figure> {
        match self.read {
            Read::Money { currency, amount } => Some(Figure::Money { currency, amount }),
            Read::Percent(p) => Some(Figure::Percent(p)),
            Read::PercentagePoints(p) => Some(Figure::PercentagePoints(p)),
            Read::Date(d) => Some(Figure::Date(d)),
            Read::Written(_) | Read::Flag(_) | Read::Skip => None,
        }
    }
}

/// Every reader at every position, left to right; a hit's text is not read again.
fn scan(t: &Text, context: &Context) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let hit = exclusions::at(t, i)
            .or_else(|| dates::at(t, i, context))
            .or_else(|| percent::prefixed(t, i))
            .or_else(|| money::prefixed(t, i))
            .or_else(|| money::restated(t, i, hits.last()))
            .or_else(|| range_end(t, i, hits.last()))
            .or_else(|| after_number(t, i));
        match hit {
            Some(hit) => {
                i = hit.end.max(i + 1);
                if hit.read != Read::Skip {
                    hits.push(hit);
                }
            }
            None if t.is_letter(i) => i = t.ascii_word(i).1,
            None => i += 1,
        }
    }
    hits
}

/// A number and what follows it: a percent sign or word, a currency, 成, 折, 分之. A
/// number with none of these is passed over whole.
fn after_number(t: &Text, i: usize) -> Option<Hit> {
    let mut reading = numbers::read(t, i)?;
    let mut start = i;
    if t.is_digit(i) && i > 0 && dangling_sign_or_point(t, i - 1) {
        // `.5%` and `-5%`: a point or sign the number reader did not start at.
        start = i - 1;
        reading = numbers::Reading::Unreadable {
            end: reading.end(),
            kind: FlagKind::Unreadable,
        };
    }
    let hit = match reading {
        numbers::Reading::Number(n) => percent::after(t, i, n)
            .or_else(|| money::after(t, i, n))
            .map(|hit| hit.warn_if(n.colloquial, FlagKind::ColloquialNumeral)),
        numbers::Reading::Unreadable { end, kind } => {
            // Flagged only where a figure's context shows it was meant as one.
            let stand_in = numbers::Number {
                value: Amount::ZERO,
                end,
                colloquial: false,
            };
            percent::after(t, i, stand_in)
                .or_else(|| money::after(t, i, stand_in))
                .map(|hit| Hit::flag(start, hit.end, kind))
        }
    };
    Some(hit.unwrap_or_else(|| Hit::skip(i, reading.end())))
}

/// What may stand between the two ends of a range.
const RANGE_WORDS: &[&str] = &[
    "至",
    "到",
    "起至",
    "至同年",
    "到同年",
    "-",
    "–",
    "—",
    "~",
    "to",
    "until",
    "till",
    "and",
    "through",
    "through to",
];

/// Whether `gap`, the text between two figures, makes them a range.
fn is_range(gap: &str) -> bool {
    RANGE_WORDS.contains(&gap.trim().to_ascii_lowercase().as_str())
}

/// The end of a range that writes its unit once, after the range's start: `USD 100-200`,
/// 百分之十至十五, `10% to 15`, 2027年3月1日至30日. Only a number that nothing else follows
/// (no unit, no currency, no word) takes the start's unit.
fn range_end(t: &Text, i: usize, previous: Option<&Hit>) -> Option<Hit> {
    let previous = previous?;
    if i <= previous.end || i - previous.end > 12 || !is_range(&t.slice(previous.end..i)) {
        return None;
    }
    if t.is(i - 1, |c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if let Read::Written(start) = &previous.read {
        return dates::day_after(t, i, start);
    }
    let numbers::Reading::Number(n) = numbers::read(t, i)? else {
        return None;
    };
    let after = t.spaces(n.end);
    let alone = !t.is(after, |c| c.is_alphanumeric() || c == '%' || c == '‰');
    let percent_start =
        t.exact(previous.start, "百分之").is_some() || t.at(previous.end - 1) == Some('%');
    let read = match previous.read {
        Read::Money {
            currency: Some(currency),
            ..
        } if alone => Read::Money {
            currency: Some(currency),
            amount: n.value,
        },
        Read::Percent(_) if alone && percent_start => Read::Percent(n.value),
        _ => return None,
    };
    Some(Hit::new(i, n.end, read).warn_if(n.colloquial, FlagKind::ColloquialNumeral))
}

/// A `.` or `-` at `at` that belongs to the number after it: not after a digit (4.2, 10-15)
/// nor a letter (No.5, ACC-2026), so `.5` or a minus sign, which ASCII `-` is never read as
/// (it joins ranges and case numbers).
fn dangling_sign_or_point(t: &Text, at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|b| t.at(b));
    matches!(t.at(at), Some('.' | '-'))
        && !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '.' | '-' | ')'))
}

/// For each hit, the earlier hit it restates: one of the same kind just before the
/// parenthesis it stands alone in (`A (B)`, `A（即B）`, `A (i.e. B)`).
fn restatement_links(t: &Text, hits: &[Hit]) -> Vec<Option<usize>> {
    let mut links = vec![None; hits.len()];
    for b in 1..hits.len() {
        let (first, second) = (&hits[b - 1], &hits[b]);
        let (Some(x), Some(y)) = (read_kind(&first.read), read_kind(&second.read)) else {
            continue;
        };
        if x != y {
            continue;
        }
        let mut k = t.spaces(first.end);
        if t.at(k) != Some('(') {
            continue;
        }
        k = t.spaces(k + 1);
        for lead in ["即", "i.e.", "ie", "say", "namely"] {
            if let Some(end) = t.words(k, lead).or_else(|| t.exact(k, lead)) {
                k = t.spaces(end);
                if t.at(k) == Some(',') {
                    k = t.spaces(k + 1);
                }
                break;
            }
        }
        if k == second.start && t.at(t.spaces(second.end)) == Some(')') {
            links[b] = Some(b - 1);
        }
    }
    links
}

/// The kind of figure a hit will be, for restatements: 0 money, 1 percent, 2 points, 3 date.
fn read_kind(read: &Read) -> Option<u8> {
    match read {
        Read::Money { .. } => Some(0),
        Read::Percent(_) => Some(1),
        Read::PercentagePoints(_) => Some(2),
        Read::Date(_) => Some(3),
        Read::Written(_) | Read::Flag(_) | Read::Skip => None,
    }
}
