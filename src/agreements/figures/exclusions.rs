//! What is numbered but is no figure, read only so nothing else reads it: clause numbers
//! and cross-references (`clause 4.2`, `Clause 4.2(b)`, `sub-clause 3(a)(ii)`, 第4.2條,
//! 第四條, 第一期), case, registration and phone numbers (`ACC-2026-0001`,
//! `No. 12345678`, `+852 2345 6789`, `Tel: 2345 6789`, 编号：12345, 电话 2345 6789).
//!
//! How they are recognised: by the word before the number (a reference word, 第, a
//! telephone word, 编号 …), by a leading `+`, or, for identifiers, by letters joined to
//! digits with `-` or `/` or glued to them (`ACC-2026-0001`, `HCA1234/2026`). A currency
//! code glued to digits (`USD1,250,000`) is not an identifier. Numbers no rule here names
//! (`(a)`, `1.` at the start of a line, `Party A`, 甲方) need no rule: a number outside a
//! figure's context is never a figure.

use super::money;
use super::normalise::Text;
use super::numbers;
use super::Hit;

/// Words a cross-reference number follows, lower case.
const REFERENCE_WORDS: &[&str] = &[
    "clause",
    "clauses",
    "subclause",
    "subclauses",
    "section",
    "sections",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "schedule",
    "schedules",
    "annex",
    "annexes",
    "appendix",
    "appendices",
    "exhibit",
    "exhibits",
    "rule",
    "rules",
    "item",
    "items",
    "part",
    "parts",
    "chapter",
    "chapters",
    "cap",
    "page",
    "pages",
    "regulation",
    "regulations",
    "number",
    "case",
    "ref",
    "reference",
    "registration",
];

/// `No.` and `Nos.`: with their point only, since "no" is a word ("no later than").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos"];

const PHONE_WORDS: &[&str] = &["tel", "telephone", "phone", "fax", "mobile"];

/// Chinese words a reference or phone number follows (Simplified).
const CHINESE_WORDS: &[(&str, ())] = &[
    ("附件", ()),
    ("附表", ()),
    ("附录", ()),
    ("编号", ()),
    ("号码", ()),
    ("电话", ()),
    ("传真", ()),
    ("手机", ()),
    ("案号", ()),
    ("登记号", ()),
    ("注册号", ()),
];

/// Numbered text that starts at `i` and is no figure.
pub(super) fn at(t: &Text, i: usize) -> Option<Hit> {
    ordinal(t, i)
        .or_else(|| phone(t, i))
        .or_else(|| reference(t, i))
        .or_else(|| identifier(t, i))
        .or_else(|| chinese_reference(t, i))
}

/// 第4.2条, 第四条, 第一期: 第 makes an ordinal, never an amount.
fn ordinal(t: &Text, i: usize) -> Option<Hit> {
    if t.at(i) != Some('第') {
        return None;
    }
    let k = t.spaces(i + 1);
    let end = reference_number(t, k).or_else(|| numbers::read(t, k).map(numbers::Reading::end))?;
    Some(Hit::skip(i, end))
}

/// `4`, `4.2`, `4.2(b)`, `3(a)(ii)`, `12A`: a reference's number and where it ends.
fn reference_number(t: &Text, i: usize) -> Option<usize> {
    if !t.is_digit(i) {
        return None;
    }
    let mut j = i;
    loop {
        while t.is_digit(j) {
            j += 1;
        }
        if t.at(j) == Some('.') && t.is_digit(j + 1) {
            j += 1;
        } else {
            break;
        }
    }
    if t.is(j, |c| c.is_ascii_uppercase()) && !t.is_letter(j + 1) {
        j += 1;
    }
    while t.at(j) == Some('(') {
        let mut k = j + 1;
        while t.is(k, |c| c.is_ascii_alphanumeric()) && k - j <= 5 {
            k += 1;
        }
        if k > j + 1 && t.at(k) == Some(')') {
            j = k + 1;
        } else {
            break;
        }
    }
    Some(j)
}

/// A telephone number: `+852 2345 6789`, `2345-6789`, `(852) 2345 6789`.
fn phone_number(t: &Text, i: usize) -> Option<usize> {
    let mut j = i;
    if t.at(j) == Some('+') {
        j += 1;
    }
    if !t.is_digit(j) && t.at(j) != Some('(') {
        return None;
    }
    let joins = |c: char| matches!(c, ' ' | '-' | '(' | ')');
    while t.is(j, |c| c.is_ascii_digit() || joins(c)) {
        if t.is(j, joins) && !t.is(j + 1, |c| c.is_ascii_digit() || c == '(') {
            if t.at(j) == Some(')') {
                j += 1;
            }
            break;
        }
        j += 1;
    }
    (j > i + 1).then_some(j)
}

fn phone(t: &Text, i: usize) -> Option<Hit> {
    if t.at(i) != Some('+') || !t.is_digit(i + 1) {
        return None;
    }
    Some(Hit::skip(i, phone_number(t, i)?))
}

/// `clause 4.2(b)`, `sub-clause 3(a)`, `No. 12345678`, `Tel: 2345 6789`, `Cap. 622`.
fn reference(t: &Text, i: usize) -> Option<Hit> {
    if !t.is_letter(i) {
        return None;
    }
    let (word, mut k) = t.ascii_word(i);
    let word = word.to_ascii_lowercase();
    if word == "sub" {
        k = t
            .words(i, "sub-clause")
            .or_else(|| t.words(i, "sub-clauses"))?;
    }
    let is_phone = PHONE_WORDS.contains(&word.as_str());
    let is_abbreviation = NUMBER_ABBREVIATIONS.contains(&word.as_str());
    if !(is_phone || is_abbreviation || word == "sub" || REFERENCE_WORDS.contains(&word.as_str())) {
        return None;
    }
    if t.at(k) == Some('.') {
        k += 1;
    } else if is_abbreviation {
        return None;
    }
    if t.at(k) == Some(':') {
        k += 1;
    }
    k = t.spaces(k);
    let end = if is_phone {
        phone_number(t, k)?
    } else {
        reference_number(t, k)?
    };
    Some(Hit::skip(i, end))
}

/// `ACC-2026-0001`, `HCA1234/2026`, `A1`: letters and digits joined, skipped whole.
fn identifier(t: &Text, i: usize) -> Option<Hit> {
    if !t.is_letter(i) {
        return None;
    }
    let (word, end) = t.ascii_word(i);
    if t.is_digit(end) && money::is_code(&word) {
        return None;
    }
    let alphanumeric = |k: usize| t.is(k, |c| c.is_ascii_alphanumeric());
    let mut j = i;
    let mut joined = false;
    while alphanumeric(j) || (t.is(j, |c| c == '-' || c == '/') && alphanumeric(j + 1)) {
        joined |= !alphanumeric(j);
        j += 1;
    }
    let has_digit = (i..j).any(|k| t.is_digit(k));
    (has_digit && (joined || t.is_digit(end))).then(|| Hit::skip(i, j))
}

/// 附件1, 编号：12345, 电话 2345 6789.
fn chinese_reference(t: &Text, i: usize) -> Option<Hit> {
    let (_, mut k) = t.exact_any(i, CHINESE_WORDS)?;
    if t.at(k) == Some(':') {
        k += 1;
    }
    k = t.spaces(k);
    let end = phone_number(t, k).or_else(|| reference_number(t, k))?;
    Some(Hit::skip(i, end))
}
