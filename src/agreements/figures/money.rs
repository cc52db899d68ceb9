//! Money: a number with a currency before it (`USD 1,250,000`, `US$ 1.25m`, `人民币壹佰贰拾伍万
//! 元整`, `Hong Kong Dollars One Million`) or after it (`125萬美元`, `1,250,000 USD`,
//! `one million … United States dollars`), or with a bare unit (`三元五角`, `100 dollars`).
//!
//! - Currency codes are read in capitals only (`USD`, not `usd`, which is no code a
//!   contract writes); currency words without regard to case.
//! - 元/圆 may be followed by 角 and 分 (壹佰元伍角 = 100.50, 三元五角 = 3.50, 一角二分 = 0.12),
//!   computed exactly; 整 and 正 ("exactly") and "only" are part of the amount's span and
//!   change nothing. A lone N角 is money only with its 分 (一角二分): 三角 is a triangle.
//! - Other currencies (AUD, S$, 澳元, 新台币 …) are [`FlagKind::UnknownCurrency`]: the check
//!   cannot compare them, and a person should.
//! - Bare units are resolved after the scan ([`resolve`]; the order is in the parent's doc).

use std::fmt;

use serde::Serialize;

use super::amount::Amount;
use super::chinese;
use super::normalise::Text;
use super::numbers::{self, Number, Reading};
use super::{Context, FlagKind, Hit, Read};
use crate::search::fold::is_han;

/// The currencies a clause's figures are compared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Usd,
    Hkd,
    Cny,
    Eur,
    Gbp,
    Jpy,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Hkd => "HKD",
            Currency::Cny => "CNY",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

use Currency::{Cny, Eur, Gbp, Hkd, Jpy, Usd};

/// Codes, in capitals, as whole words.
const CODES: &[(&str, Currency)] = &[
    ("USD", Usd),
    ("HKD", Hkd),
    ("RMB", Cny),
    ("CNY", Cny),
    ("EUR", Eur),
    ("GBP", Gbp),
    ("JPY", Jpy),
];

/// Codes of currencies this check does not compare.
const OTHER_CODES: &[&str] = &[
    "AUD", "CAD", "SGD", "TWD", "NTD", "MOP", "CHF", "NZD", "KRW", "INR", "MYR", "THB",
];

const SYMBOLS: &[(&str, Currency)] = &[("$", Usd), ("¥", Cny), ("€", Eur), ("£", Gbp)];

/// Chinese currency words, Simplified (the text is normalised to it).
const CHINESE: &[(&str, Currency)] = &[
    ("美元", Usd),
    ("美金", Usd),
    ("美圆", Usd),
    ("港元", Hkd),
    ("港币", Hkd),
    ("港圆", Hkd),
    ("人民币", Cny),
    ("欧元", Eur),
    ("英镑", Gbp),
    ("日元", Jpy),
    ("日圆", Jpy),
    ("日币", Jpy),
];

const CHINESE_OTHER: &[(&str, ())] = &[
    ("澳元", ()),
    ("澳币", ()),
    ("加元", ()),
    ("加币", ()),
    ("新加坡元", ()),
    ("新元", ()),
    ("新台币", ()),
    ("台币", ()),
    ("澳门币", ()),
    ("澳门元", ()),
    ("葡币", ()),
    ("瑞士法郎", ()),
    ("韩元", ()),
    ("泰铢", ()),
];

/// English currency words, lower case; `None` for a bare "dollars".
const ENGLISH: &[(&str, Option<Currency>)] = &[
    ("united states dollars", Some(Usd)),
    ("united states dollar", Some(Usd)),
    ("us dollars", Some(Usd)),
    ("us dollar", Some(Usd)),
    ("u.s. dollars", Some(Usd)),
    ("u.s. dollar", Some(Usd)),
    ("hong kong dollars", Some(Hkd)),
    ("hong kong dollar", Some(Hkd)),
    ("hk dollars", Some(Hkd)),
    ("hk dollar", Some(Hkd)),
    ("renminbi", Some(Cny)),
    ("chinese yuan", Some(Cny)),
    ("yuan", Some(Cny)),
    ("euros", Some(Eur)),
    ("euro", Some(Eur)),
    ("pounds sterling", Some(Gbp)),
    ("pound sterling", Some(Gbp)),
    ("british pounds", Some(Gbp)),
    ("sterling", Some(Gbp)),
    ("japanese yen", Some(Jpy)),
    ("yen", Some(Jpy)),
    ("dollars", None),
    ("dollar", None),
];

/// Whether `word` is a currency code (known or not), which may be glued to its amount.
pub(super) fn is_code(word: &str) -> bool {
    CODES.iter().any(|(code, _)| *code == word) || OTHER_CODES.contains(&word)
}

/// A currency named at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Known(Currency),
    /// A bare 元 or "dollars".
    Bare,
    Unknown,
}

/// A currency written before an amount, and where it ends.
fn before_amount(t: &Text, i: usize) -> Option<(Named, usize)> {
    if t.is_letter(i) {
        let (word, end) = t.ascii_word(i);
        if t.at(end) == Some('$') {
            return Some(match word.as_str() {
                "US" => (Named::Known(Usd), end + 1),
                "HK" => (Named::Known(Hkd), end + 1),
                _ => (Named::Unknown, end + 1),
            });
        }
        if let Some((_, c)) = CODES.iter().find(|(code, _)| *code == word) {
            return Some((Named::Known(*c), end));
        }
        if OTHER_CODES.contains(&word.as_str()) {
            return Some((Named::Unknown, end));
        }
        return match t.words_any(i, ENGLISH)? {
            (Some(c), end) => Some((Named::Known(c), end)),
            (None, _) => None,
        };
    }
    if let Some((c, end)) = t.exact_any(i, SYMBOLS) {
        return Some((Named::Known(c), end));
    }
    if let Some((c, end)) = t.exact_any(i, CHINESE) {
        return Some((Named::Known(c), end));
    }
    t.exact_any(i, CHINESE_OTHER)
        .map(|(_, end)| (Named::Unknown, end))
}

/// 元 or 圆 (圓 normalised), the unit of every dollar-like currency in Chinese.
fn is_yuan(c: char) -> bool {
    c == '元' || c == '圆'
}

/// A currency written after an amount (`美元`, `USD`, `United States dollars`, `元`,
/// `dollars`), and where it ends.
fn after_amount(t: &Text, i: usize) -> Option<(Named, usize)> {
    if let Some((c, end)) = t.exact_any(i, CHINESE) {
        return Some((Named::Known(c), end));
    }
    if let Some((_, end)) = t.exact_any(i, CHINESE_OTHER) {
        return Some((Named::Unknown, end));
    }
    if t.is(i, is_yuan) && t.at(i + 1) != Some('化') {
        return Some((Named::Bare, i + 1));
    }
    if t.is_letter(i) {
        let (word, end) = t.ascii_word(i);
        if let Some((_, c)) = CODES.iter().find(|(code, _)| *code == word) {
            return Some((Named::Known(*c), end));
        }
        if OTHER_CODES.contains(&word.as_str()) {
            return Some((Named::Unknown, end));
        }
        return match t.words_any(i, ENGLISH)? {
            (Some(c), end) => Some((Named::Known(c), end)),
            (None, end) => Some((Named::Bare, end)),
        };
    }
    None
}

/// Money with its currency first: `USD 1,250,000`, `HK$1.25m`, `人民币壹佰贰拾伍万元整`.
pub(super) fn prefixed(t: &Text, i: usize) -> Option<Hit> {
    let (named, currency_end) = before_amount(t, i)?;
    let start_of_number = t.spaces(currency_end);
    let reading = numbers::read(t, start_of_number)?;
    let number = match reading {
        Reading::Number(n) => n,
        Reading::Unreadable { end, kind } => {
            let k = t.spaces(end);
            let end = if t.is(k, is_yuan) {
                exactly(t, k + 1)
            } else {
                exactly(t, end)
            };
            return Some(Hit::flag(i, end, kind));
        }
    };
    let unit = t.spaces(number.end);
    let (amount, end) = if t.at(number.end) == Some('角') {
        jiao_fen(t, number)?
    } else if t.is(unit, is_yuan) {
        yuan_tail(t, number.value, unit + 1)?
    } else {
        (number.value, exactly(t, number.end))
    };
    Some(match named {
        Named::Known(c) => Hit::new(
            i,
            end,
            Read::Money {
                currency: Some(c),
                amount,
            },
        )
        .warn_if(number.colloquial, FlagKind::ColloquialNumeral),
        Named::Bare | Named::Unknown => Hit::flag(i, end, FlagKind::UnknownCurrency),
    })
}

/// Money with its currency after the number that starts at `start`.
pub(super) fn after(t: &Text, start: usize, number: Number) -> Option<Hit> {
    if t.at(number.end) == Some('角') {
        let (amount, end) = jiao_fen(t, number)?;
        return Some(Hit::new(
            start,
            end,
            Read::Money {
                currency: None,
                amount,
            },
        ));
    }
    let k = t.spaces(number.end);
    let (mut named, currency_end) = after_amount(t, k)?;
    let (amount, mut end) = if named == Named::Bare && t.is(k, is_yuan) {
        yuan_tail(t, number.value, currency_end)?
    } else {
        (number.value, exactly(t, currency_end))
    };
    // 十万元人民币, 5万元港币: the currency after the unit.
    if named == Named::Bare {
        if let Some((c, currency_end)) = t.exact_any(t.spaces(end), CHINESE) {
            named = Named::Known(c);
            end = currency_end;
        }
    }
    Some(match named {
        Named::Known(c) => Hit::new(
            start,
            end,
            Read::Money {
                currency: Some(c),
                amount,
            },
        ),
        Named::Bare => Hit::new(
            start,
            end,
            Read::Money {
                currency: None,
                amount,
            },
        ),
        Named::Unknown => Hit::flag(start, end, FlagKind::UnknownCurrency),
    })
}

/// A bare number in parentheses straight after money, restating it without a currency:
/// `USD 1,250,000 (one million two hundred and fifty thousand)`, `(1,250,000)`.
pub(super) fn restated(t: &Text, i: usize, previous: Option<&Hit>) -> Option<Hit> {
    let previous = previous?;
    if t.at(i) != Some('(')
        || !matches!(previous.read, Read::Money { .. })
        || t.spaces(previous.end) != i
    {
        return None;
    }
    let start = t.spaces(i + 1);
    let Reading::Number(number) = numbers::read(t, start)? else {
        return None;
    };
    let end = exactly(t, number.end);
    if t.at(t.spaces(end)) != Some(')') {
        return None;
    }
    Some(
        Hit::new(
            start,
            end,
            Read::Money {
                currency: None,
                amount: number.value,
            },
        )
        .warn_if(number.colloquial, FlagKind::ColloquialNumeral),
    )
}

/// After 元 at `i`: [零] N角 [零] N分, then 整 or 正.
fn yuan_tail(t: &Text, whole: Amount, mut i: usize) -> Option<(Amount, usize)> {
    let mut amount = whole;
    let skip_zero = |i: usize| if t.at(i) == Some('零') { i + 1 } else { i };
    if let Some((tenths, end)) = digit_before(t, skip_zero(i), '角') {
        amount = amount.checked_add(Amount::from_millionths(tenths * 100_000))?;
        i = end;
    }
    if let Some((cents, end)) = digit_before(t, skip_zero(i), '分') {
        amount = amount.checked_add(Amount::from_millionths(cents * 10_000))?;
        i = end;
    }
    Some((amount, exactly(t, i)))
}

/// A single digit (Chinese or ASCII) at `i` followed by `unit`: its value and the end.
fn digit_before(t: &Text, i: usize, unit: char) -> Option<(i128, usize)> {
    let c = t.at(i)?;
    let d = chinese::digit(c).or_else(|| c.to_digit(10).map(i128::from))?;
    (t.at(i + 1) == Some(unit)).then_some((d, i + 2))
}

/// 一角二分 (0.12) with no 元: a lone 角 is money only with its 分 (三角 is a triangle).
fn jiao_fen(t: &Text, number: Number) -> Option<(Amount, usize)> {
    let tenths = number.value.as_integer().filter(|d| (0..10).contains(d))?;
    let (cents, end) = digit_before(t, number.end + 1, '分')?;
    let amount = Amount::from_millionths(tenths * 100_000 + cents * 10_000);
    Some((amount, exactly(t, end)))
}

/// Past 整 ("exactly"), 正 (the same, when no word goes on: not 正式) or " only".
fn exactly(t: &Text, i: usize) -> usize {
    match t.at(i) {
        Some('整') => i + 1,
        Some('正') if !t.is(i + 1, is_han) => i + 1,
        _ => {
            let k = t.spaces(i);
            match t.words(k, "only") {
                Some(end) if k > i => end,
                _ => i,
            }
        }
    }
}

/// Gives each bare amount its currency (see the parent's doc for the order), or flags it.
pub(super) fn resolve(hits: &mut [Hit], links: &[Option<usize>], context: &Context) {
    let mut named: Vec<Currency> = hits
        .iter()
        .filter_map(|h| match h.read {
            Read::Money {
                currency: Some(c), ..
            } => Some(c),
            _ => None,
        })
        .collect();
    named.sort();
    named.dedup();
    let clause_currency = match named.as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    for h in 0..hits.len() {
        let Read::Money {
            currency: None,
            amount,
        } = hits[h].read
        else {
            continue;
        };
        let restated = links[h].and_then(|a| match hits[a].read {
            Read::Money { currency, .. } => currency,
            _ => None,
        });
        match restated.or(clause_currency).or(context.default_currency) {
            Some(c) => {
                hits[h].read = Read::Money {
                    currency: Some(c),
                    amount,
                }
            }
            None => hits[h].warnings.push(FlagKind::BareCurrencyUnit),
        }
    }
}
