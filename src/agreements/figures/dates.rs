//! Dates: 2027年3月1日 (also 2027 年 3 月 1 日, ２０２７年３月１日, 二〇二七年三月一日, 1号/1號),
//! `1 March 2027`, `1st March 2027`, `1st of March, 2027`, `March 1, 2027`, `1 Mar 2027`,
//! `2027-03-01`, and numeric day/month dates (`01/03/2027`).
//!
//! - **A written weekday is dropped and checked**: 2027年3月1日（星期一）, `Monday, 1 March
//!   2027`, `1 March 2027 (Monday)`; a wrong one is [`FlagKind::WrongWeekday`] beside the
//!   date.
//! - **Numeric dates with the day and month both ≤ 12** (`01/03/2027`) are
//!   [`FlagKind::AmbiguousDateOrder`] unless [`Context::date_order`] says which comes
//!   first (Hong Kong practice is day first, but a text from elsewhere may not be). With
//!   only one valid reading (`13/03/2027`), or two equal ones (`01/01/2027`), it is read.
//!   Year first (`2027-03-01`, `2027/3/1`) is never ambiguous.
//! - **A date without a year** (3月1日, 三月廿一日, `1 March`) takes the year of the date
//!   it forms a range with (2027年3月1日至6月30日, `from 1 March to 30 June 2027`), then
//!   [`Context::year`]; otherwise [`FlagKind::DateWithoutYear`]. A range that would run
//!   backwards (2027年12月1日至1月31日) is not given the year: it is flagged.
//! - Invalid dates (2027年2月30日) are [`FlagKind::InvalidDate`]; Republic of China years
//!   (民國116年) are [`FlagKind::RocYear`]; a month with no day (2027年3月, `March 2027`)
//!   is [`FlagKind::DateWithoutDay`].
//! - `May` is a month only with its capital, since "may" is a verb clauses are full of.

use chrono::{Datelike, NaiveDate, Weekday};

use super::chinese;
use super::normalise::Text;
use super::numbers::Reading;
use super::{is_range, Context, DateOrder, FlagKind, Hit, Read};

/// A date as written, before it has been given a year and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parts {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub weekday: Option<Weekday>,
}

/// A date (or a flagged date) that starts at `i`.
pub(super) fn at(t: &Text, i: usize, context: &Context) -> Option<Hit> {
    roc(t, i)
        .or_else(|| numeric(t, i, context))
        .or_else(|| chinese_date(t, i))
        .or_else(|| english_date(t, i))
        .or_else(|| day_before(t, i))
}

/// `1` in `1-5 March 2027` and `between 1 and 5 March 2027`: the start of a range that
/// leaves its month and year to the date after it.
fn day_before(t: &Text, i: usize) -> Option<Hit> {
    let (day, e) = day_number(t, i)?;
    let k = t.spaces(e);
    let (_, after) = t
        .exact_any(k, &[("-", ()), ("–", ())])
        .or_else(|| t.words_any(k, &[("to", ()), ("and", ())]))?;
    let Hit {
        read: Read::Written(end),
        ..
    } = english_date(t, t.spaces(after))?
    else {
        return None;
    };
    (day < end.day).then(|| {
        written(
            i,
            e,
            Parts {
                day,
                weekday: None,
                ..end
            },
        )
    })
}

/// 30日 in 2027年3月1日至30日: the end of a range that leaves its month and year to the
/// date before it.
pub(super) fn day_after(t: &Text, i: usize, start: &Parts) -> Option<Hit> {
    let (day, e) = small(t, i, 2)?;
    let (_, end) = t.exact_any(t.spaces(e), &[("日", ()), ("号", ())])?;
    // 至30日内 is "within 30 days", 30日后 "30 days after".
    if t.is(end, |c| c == '内' || c == '后') {
        return None;
    }
    Some(written(
        i,
        end,
        Parts {
            day,
            weekday: None,
            ..*start
        },
    ))
}

fn written(start: usize, end: usize, parts: Parts) -> Hit {
    Hit::new(start, end, Read::Written(parts))
}

/// A day, month or ROC year: up to `max_digits` ASCII digits or a Chinese numeral.
fn small(t: &Text, i: usize, max_digits: usize) -> Option<(u32, usize)> {
    if t.is_digit(i) {
        let mut j = i;
        while t.is_digit(j) {
            j += 1;
        }
        if j - i > max_digits {
            return None;
        }
        return t.slice(i..j).parse().ok().map(|v| (v, j));
    }
    if !chinese::starts(t, i) || t.at(i) == Some('负') {
        return None;
    }
    match chinese::read(t, i)? {
        Reading::Number(n) if !n.colloquial => {
            let v = n.value.as_integer()?;
            Some((u32::try_from(v).ok()?, n.end))
        }
        _ => None,
    }
}

/// Exactly four ASCII digits, or a Chinese numeral from 1000 to 9999 (二〇二七).
fn year(t: &Text, i: usize) -> Option<(i32, usize)> {
    if t.is_digit(i) {
        let (d, end) = digits(t, i);
        return (d.len() == 4)
            .then(|| Some((d.parse().ok()?, end)))
            .flatten();
    }
    let (value, end) = small(t, i, 0)?;
    (1000..=9999)
        .contains(&value)
        .then_some((value as i32, end))
}

/// 民国116年 (3月1日): a year of the Republic of China, flagged over the whole date.
fn roc(t: &Text, i: usize) -> Option<Hit> {
    let k = t.spaces(t.exact(i, "民国")?);
    let (_, e) = small(t, k, 3)?;
    let mut end = t.exact(t.spaces(e), "年")?;
    if let Some((_, e)) = small(t, t.spaces(end), 2) {
        if let Some(after_month) = t.exact(t.spaces(e), "月") {
            end = after_month;
            if let Some((_, e)) = small(t, t.spaces(end), 2) {
                if let Some(after_day) = t.exact_any(t.spaces(e), &[("日", ()), ("号", ())]) {
                    end = after_day.1;
                }
            }
        }
    }
    Some(Hit::flag(i, end, FlagKind::RocYear))
}

/// 2027年3月1日, 3月1日, 二〇二七年三月一日, with an optional weekday after.
fn chinese_date(t: &Text, i: usize) -> Option<Hit> {
    let (year, month_at) = match year(t, i) {
        Some((y, e)) => match t.exact(t.spaces(e), "年") {
            Some(after) => (Some(y), t.spaces(after)),
            None => (None, i),
        },
        None => (None, i),
    };
    let (month, e) = small(t, month_at, 2)?;
    let after_month = t.exact(t.spaces(e), "月")?;
    let day = small(t, t.spaces(after_month), 2).and_then(|(d, e)| {
        t.exact_any(t.spaces(e), &[("日", ()), ("号", ())])
            .map(|(_, end)| (d, end))
    });
    let Some((day, end)) = day else {
        return year.map(|_| Hit::flag(i, after_month, FlagKind::DateWithoutDay));
    };
    let (weekday, end) = match chinese_weekday(t, end) {
        Some((w, e)) => (Some(w), e),
        None => (None, end),
    };
    Some(written(
        i,
        end,
        Parts {
            year,
            month,
            day,
            weekday,
        },
    ))
}

/// （星期一）, (周一), 礼拜日, after a date.
fn chinese_weekday(t: &Text, i: usize) -> Option<(Weekday, usize)> {
    let mut k = t.spaces(i);
    let parenthesised = t.at(k) == Some('(');
    if parenthesised {
        k = t.spaces(k + 1);
    }
    let (_, after) = t.exact_any(k, &[("星期", ()), ("礼拜", ()), ("周", ())])?;
    let weekday = match t.at(after)? {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    };
    let mut end = after + 1;
    if parenthesised {
        end = t.exact(t.spaces(end), ")")?;
    }
    Some((weekday, end))
}

/// A run of ASCII digits at `i`: its text and end.
fn digits(t: &Text, i: usize) -> (String, usize) {
    let mut j = i;
    while t.is_digit(j) {
        j += 1;
    }
    (t.slice(i..j), j)
}

/// `2027-03-01`, `2027/3/1`, and `01/03/2027`, `1.3.2027` (see the module doc).
fn numeric(t: &Text, i: usize, context: &Context) -> Option<Hit> {
    let (a, a_end) = digits(t, i);
    let separator = t.at(a_end).filter(|c| matches!(c, '/' | '-' | '.'))?;
    let (b, b_end) = digits(t, a_end + 1);
    if t.at(b_end) != Some(separator) {
        return None;
    }
    let (c, end) = digits(t, b_end + 1);
    let n = |s: &str| s.parse::<u32>().ok();
    if !(1..=2).contains(&b.len()) || t.is_letter(end) {
        return None;
    }
    if a.len() == 4 && (1..=2).contains(&c.len()) {
        let parts = Parts {
            year: Some(a.parse().ok()?),
            month: n(&b)?,
            day: n(&c)?,
            weekday: None,
        };
        return Some(written(i, end, parts));
    }
    if !(1..=2).contains(&a.len()) || c.len() != 4 {
        return None;
    }
    let (first, second, year) = (n(&a)?, n(&b)?, c.parse::<i32>().ok()?);
    let parts = |day, month| Parts {
        year: Some(year),
        month,
        day,
        weekday: None,
    };
    Some(match context.date_order {
        Some(DateOrder::DayMonth) => written(i, end, parts(first, second)),
        Some(DateOrder::MonthDay) => written(i, end, parts(second, first)),
        None => {
            let day_month = NaiveDate::from_ymd_opt(year, second, first);
            let month_day = NaiveDate::from_ymd_opt(year, first, second);
            match (day_month, month_day) {
                (Some(x), Some(y)) if x != y => Hit::flag(
                    i,
                    end,
                    FlagKind::AmbiguousDateOrder {
                        day_month: x,
                        month_day: y,
                    },
                ),
                (Some(_), _) => written(i, end, parts(first, second)),
                (None, Some(_)) => written(i, end, parts(second, first)),
                (None, None) => Hit::flag(i, end, FlagKind::InvalidDate),
            }
        }
    })
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Abbreviations, read only in parentheses after a date (`Sun` is also a name).
const WEEKDAYS_SHORT: &[(&str, Weekday)] = &[
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let word = word.to_ascii_lowercase();
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// A month name at `i` (with a point after an abbreviation), and its end.
fn month_name(t: &Text, i: usize) -> Option<(u32, usize)> {
    let (word, end) = t.ascii_word(i);
    if word == "may" {
        return None;
    }
    let month = lookup(MONTHS, &word)?;
    let end = if word.len() <= 4 && t.at(end) == Some('.') {
        end + 1
    } else {
        end
    };
    Some((month, end))
}

/// A day of the month: one or two digits, optionally `st`, `nd`, `rd` or `th`.
fn day_number(t: &Text, i: usize) -> Option<(u32, usize)> {
    let (d, end) = digits(t, i);
    if !(1..=2).contains(&d.len()) {
        return None;
    }
    let (suffix, suffix_end) = t.ascii_word(end);
    let end = match suffix.to_ascii_lowercase().as_str() {
        "" => end,
        "st" | "nd" | "rd" | "th" => suffix_end,
        _ => return None,
    };
    if matches!(t.at(end), Some(',' | '.' | ':')) && t.is_digit(end + 1) {
        return None;
    }
    Some((d.parse().ok()?, end))
}

/// A four-digit year at `i`, after an optional comma and spaces.
fn year_after(t: &Text, i: usize) -> Option<(i32, usize)> {
    let mut k = i;
    if t.at(k) == Some(',') {
        k += 1;
    }
    let k2 = t.spaces(k);
    if k2 == i || !t.is_digit(k2) {
        return None;
    }
    let (y, end) = digits(t, k2);
    (y.len() == 4 && !t.is(end, |c| c.is_ascii_alphanumeric()))
        .then(|| y.parse().ok().map(|y| (y, end)))
        .flatten()
}

/// `1 March 2027`, `1st of March, 2027`, `March 1, 2027`, `Monday, 1 March 2027`,
/// `1 March 2027 (Monday)`; `1 March` without a year; `March 2027` is flagged.
fn english_date(t: &Text, i: usize) -> Option<Hit> {
    let mut weekday = None;
    let mut k = i;
    if t.is_letter(i) {
        let (word, end) = t.ascii_word(i);
        if let Some(w) = lookup(WEEKDAYS, &word) {
            weekday = Some(w);
            k = end;
            if t.at(k) == Some(',') {
                k += 1;
            }
            k = t.spaces(k);
        }
    }
    let (month, day, mut end, year) = if let Some((day, e)) = day_number(t, k) {
        let mut m = t.spaces(e);
        if m == e {
            return None;
        }
        if let Some(after_of) = t.words(m, "of") {
            m = t.spaces(after_of);
        }
        let (month, e) = month_name(t, m)?;
        match year_after(t, e) {
            Some((y, e)) => (month, day, e, Some(y)),
            None => (month, day, e, None),
        }
    } else {
        let (month, e) = month_name(t, k)?;
        let d = t.spaces(e);
        if d == e {
            return None;
        }
        if weekday.is_none() {
            if let Some((_, year_end)) = year_after(t, e).filter(|_| t.is_digit(d)) {
                if digits(t, d).0.len() == 4 {
                    return Some(Hit::flag(i, year_end, FlagKind::DateWithoutDay));
                }
            }
        }
        let (day, e) = day_number(t, d)?;
        match year_after(t, e) {
            Some((y, e)) => (month, day, e, Some(y)),
            None => (month, day, e, None),
        }
    };
    if weekday.is_none() {
        if let Some((w, e)) = english_weekday_after(t, end) {
            weekday = Some(w);
            end = e;
        }
    }
    Some(written(
        i,
        end,
        Parts {
            year,
            month,
            day,
            weekday,
        },
    ))
}

/// ` (Monday)` or ` (Mon)` after a date.
fn english_weekday_after(t: &Text, i: usize) -> Option<(Weekday, usize)> {
    let open = t.spaces(i);
    if t.at(open) != Some('(') {
        return None;
    }
    let (word, end) = t.ascii_word(open + 1);
    let weekday = lookup(WEEKDAYS, &word).or_else(|| lookup(WEEKDAYS_SHORT, &word))?;
    let close = t.exact(end, ")")?;
    Some((weekday, close))
}

fn in_range(t: &Text, from_end: usize, to_start: usize) -> bool {
    is_range(&t.slice(from_end..to_start))
}

fn year_of(hit: &Hit) -> Option<i32> {
    match hit.read {
        Read::Written(Parts { year, .. }) => year,
        Read::Date(d) => Some(d.year()),
        _ => None,
    }
}

fn date_of(hit: &Hit) -> Option<NaiveDate> {
    match hit.read {
        Read::Written(Parts {
            year: Some(y),
            month,
            day,
            ..
        }) => NaiveDate::from_ymd_opt(y, month, day),
        Read::Date(d) => Some(d),
        _ => None,
    }
}

/// Gives every written date its year (see the module doc) and checks it exists and
/// matches its weekday; a date that cannot be given one becomes a flag.
pub(super) fn resolve(t: &Text, hits: &mut [Hit], context: &Context) {
    for h in 0..hits.len() {
        let Read::Written(parts) = hits[h].read else {
            continue;
        };
        let year = parts.year.or_else(|| {
            let on = |y: i32| NaiveDate::from_ymd_opt(y, parts.month, parts.day);
            let from_before = h
                .checked_sub(1)
                .filter(|&p| in_range(t, hits[p].end, hits[h].start))
                .and_then(|p| Some((year_of(&hits[p])?, date_of(&hits[p])?)))
                .map(|(y, start)| on(y).filter(|d| *d >= start).map(|_| y));
            let from_after = (h + 1 < hits.len())
                .then_some(h + 1)
                .filter(|&n| in_range(t, hits[h].end, hits[n].start))
                .and_then(|n| Some((year_of(&hits[n])?, date_of(&hits[n])?)))
                .map(|(y, end)| on(y).filter(|d| *d <= end).map(|_| y));
            match from_before.or(from_after) {
                Some(in_a_range) => in_a_range,
                None => context.year,
            }
        });
        let Some(year) = year else {
            hits[h].read = Read::Flag(FlagKind::DateWithoutYear);
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(year, parts.month, parts.day) else {
            hits[h].read = Read::Flag(FlagKind::InvalidDate);
            continue;
        };
        hits[h].read = Read::Date(date);
        if let Some(stated) = parts.weekday.filter(|w| *w != date.weekday()) {
            hits[h].warnings.push(FlagKind::WrongWeekday {
                date,
                written: stated,
            });
        }
    }
}
