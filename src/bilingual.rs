//! What notes and agreements share about text in two languages: the Chinese script, the
//! two sides, a one-line preview, and the diff a revision compare or a redline shows.
//!
//! ## The diff
//!
//! Both sides are cut into tokens and the token lists compared (`similar`, Patience, as
//! the drafts research measured best for clause edits), then runs of one kind merged.
//!
//! - English by word: a run of letters and digits, with `,` `.` `'` `’` `-` inside it, is
//!   one token ("1,250,000.00", "co-operate"), as are a run of spaces and each other mark.
//! - Chinese by character, except where a character is not a unit of meaning: a run of
//!   digits (ASCII or full width, with separators), a run of Chinese numerals
//!   (一百二十五萬, 壹佰貳拾伍) and a Latin word are one token each, so 一百二十五萬 →
//!   一百三十萬 shows as one change, not 一百[-二-]{+三+}十[-五-]萬.
//! - In both, a cross-reference `{{…}}` is one token, so a reference that now names
//!   another number but the same clause is no change.
//!
//! Changes only spaces apart are one change (`[-31 March-]{+30 June+}`), as a redline is
//! written by hand.
//!
//! Tests: `english_goes_by_word_with_figures_whole`, `chinese_goes_by_character_with_numbers_and_latin_words_whole`.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::vocab::vocabulary;

vocabulary!(
    /// The script of a text's Chinese side.
    ChineseScript, "script" {
        Simplified => "hans",
        Traditional => "hant",
    }
);

vocabulary!(
    /// A side of a bilingual text.
    Side, "side" {
        En => "en",
        Zh => "zh",
    }
);

/// Both sides on one line of at most `chars` characters: `English / 中文`.
pub fn preview(text_en: &str, text_zh: &str, chars: usize) -> String {
    let text = match (text_en.trim(), text_zh.trim()) {
        ("", zh) => zh.to_string(),
        (en, "") => en.to_string(),
        (en, zh) => format!("{en} / {zh}"),
    };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > chars {
        let cut: String = flat.chars().take(chars.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// A run of text that is the same on both sides, added, or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DiffSpan {
    pub change: DiffChange,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DiffChange {
    Same,
    Added,
    Removed,
}

/// `old` → `new` on one side, each token shown as `display` writes it (a reference as
/// the number it names; plain text as it is).
pub fn diff_side(
    side: Side,
    old: &str,
    new: &str,
    display: &dyn Fn(&str, DiffChange) -> String,
) -> Vec<DiffSpan> {
    let (a, b) = match side {
        Side::En => (english_tokens(old), english_tokens(new)),
        Side::Zh => (chinese_tokens(old), chinese_tokens(new)),
    };
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(&a, &b);
    let mut out: Vec<DiffSpan> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffChange::Same,
            ChangeTag::Insert => DiffChange::Added,
            ChangeTag::Delete => DiffChange::Removed,
        };
        let text = display(change.value(), kind);
        match out.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(&text),
            _ => out.push(DiffSpan { change: kind, text }),
        }
    }
    dissolve_spaces_between_changes(out)
}

/// Reads a redline as a lawyer writes one: a change block that is interrupted only by
/// spaces is one change, `[-follow clause 2-]{+are shared+}`, not
/// `[-follow-]{+are+} [-clause 2-]{+shared+}`. The space goes into both sides, so the old
/// text is still the same and removed spans and the new the same and added ones.
fn dissolve_spaces_between_changes(spans: Vec<DiffSpan>) -> Vec<DiffSpan> {
    let mut out: Vec<DiffSpan> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let mut in_block = false;
    let flush = |out: &mut Vec<DiffSpan>, removed: &mut String, added: &mut String| {
        for (change, text) in [(DiffChange::Removed, removed), (DiffChange::Added, added)] {
            if !text.is_empty() {
                out.push(DiffSpan {
                    change,
                    text: std::mem::take(text),
                });
            }
        }
    };
    for (i, span) in spans.iter().enumerate() {
        match span.change {
            DiffChange::Removed => {
                removed.push_str(&span.text);
                in_block = true;
            }
            DiffChange::Added => {
                added.push_str(&span.text);
                in_block = true;
            }
            DiffChange::Same => {
                let spaces = span.text.chars().all(char::is_whitespace);
                let more_changes = spans
                    .get(i + 1)
                    .is_some_and(|next| next.change != DiffChange::Same);
                if in_block && spaces && more_changes {
                    removed.push_str(&span.text);
                    added.push_str(&span.text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                in_block = false;
                match out.last_mut() {
                    Some(last) if last.change == DiffChange::Same => last.text.push_str(&span.text),
                    _ => out.push(span.clone()),
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// The spans as a redline is written in plain text: `[-removed-]` and `{+added+}`.
pub fn marked(spans: &[DiffSpan]) -> String {
    spans
        .iter()
        .map(|s| match s.change {
            DiffChange::Same => s.text.clone(),
            DiffChange::Removed => format!("[-{}-]", s.text),
            DiffChange::Added => format!("{{+{}+}}", s.text),
        })
        .collect()
}

/// [`diff_side`] of plain text: every token shown as it is.
pub fn diff_plain(side: Side, old: &str, new: &str) -> Vec<DiffSpan> {
    diff_side(side, old, new, &|token, _| token.to_string())
}

/// The byte length of a `{{…}}` reference at the start of `rest`, if one is there.
fn reference_at(rest: &str) -> Option<usize> {
    if !rest.starts_with("{{") {
        return None;
    }
    rest.find("}}").map(|end| end + 2)
}

/// Cuts `text` into tokens: each token's byte length is decided by `run_at`, which
/// returns how long the token starting at a position is (at least one character).
fn tokens(text: &str, run_at: impl Fn(&str) -> usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let len = reference_at(rest).unwrap_or_else(|| run_at(rest));
        let len = len.max(rest.chars().next().map_or(1, char::len_utf8));
        out.push(&rest[..len]);
        at += len;
    }
    out
}

/// The byte length of the longest prefix of `rest` whose characters satisfy `keep`, where
/// a character satisfying `inner` is kept only between two kept ones.
fn run_len(rest: &str, keep: impl Fn(char) -> bool, inner: impl Fn(char) -> bool) -> usize {
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    let mut end = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if keep(c) {
            end = at + c.len_utf8();
            i += 1;
        } else if inner(c) && end > 0 && chars.get(i + 1).is_some_and(|(_, next)| keep(*next)) {
            i += 1;
        } else {
            break;
        }
    }
    end
}

fn is_latin_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_han(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn english_tokens(text: &str) -> Vec<&str> {
    tokens(text, |rest| {
        let first = rest.chars().next().expect("not empty");
        if first.is_whitespace() {
            run_len(rest, char::is_whitespace, |_| false)
        } else if first.is_alphanumeric() && !is_han(first) {
            run_len(
                rest,
                |c| c.is_alphanumeric() && !is_han(c),
                |c| matches!(c, ',' | '.' | '\'' | '’' | '-'),
            )
        } else {
            first.len_utf8()
        }
    })
}

/// Chinese numerals: digits, units and financial capitals, in both scripts.
fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万萬亿億兩两壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅".contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn chinese_tokens(text: &str) -> Vec<&str> {
    tokens(text, |rest| {
        let first = rest.chars().next().expect("not empty");
        if is_digit(first) {
            run_len(rest, is_digit, |c| matches!(c, ',' | '.' | '，' | '．'))
        } else if is_chinese_numeral(first) {
            run_len(rest, is_chinese_numeral, |c| matches!(c, '点' | '點'))
        } else if is_latin_word_char(first) && !is_han(first) {
            run_len(rest, is_latin_word_char, |c| matches!(c, '\'' | '-'))
        } else if first.is_whitespace() {
            run_len(rest, char::is_whitespace, |_| false)
        } else {
            first.len_utf8()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_goes_by_word_with_figures_whole() {
        assert_eq!(
            marked(&diff_plain(Side::En, "pay in June", "pay in July")),
            "pay in [-June-]{+July+}"
        );
        assert_eq!(
            marked(&diff_plain(
                Side::En,
                "the sum of USD 1,250,000 on or before 31 March 2027",
                "the sum of USD 1,300,000.50 on or before 30 June 2027",
            )),
            "the sum of USD [-1,250,000-]{+1,300,000.50+} on or before [-31 March-]{+30 June+} 2027",
            "changes a space apart read as one"
        );
        assert_eq!(
            english_tokens("co-operate, fully."),
            ["co-operate", ",", " ", "fully", "."],
            "a mark inside a word stays in it; at its end it is its own token"
        );
    }

    #[test]
    fn chinese_goes_by_character_with_numbers_and_latin_words_whole() {
        assert_eq!(
            marked(&diff_plain(
                Side::Zh,
                "乙方須於2027年3月31日或之前向甲方支付一百二十五萬美元",
                "乙方須於2027年6月30日或之前分兩期向甲方支付一百三十萬美元",
            )),
            "乙方須於2027年[-3-]{+6+}月[-31-]{+30+}日或之前{+分兩期+}向甲方支付[-一百二十五萬-]{+一百三十萬+}美元"
        );
        assert_eq!(
            chinese_tokens("支付USD 1,250,000.00（一点二五）"),
            [
                "支",
                "付",
                "USD",
                " ",
                "1,250,000.00",
                "（",
                "一点二五",
                "）"
            ]
        );
        assert_eq!(
            marked(&diff_plain(Side::Zh, "六月付款", "七月付款")),
            "[-六-]{+七+}月付款",
            "a lone numeral is still one character"
        );
    }

    #[test]
    fn a_reference_is_one_token_shown_as_the_caller_writes_it() {
        let old = "as in {{clause:a}}, in full";
        let new = "as in {{clause:a}}, promptly";
        let spans = diff_side(Side::En, old, new, &|token, _| {
            if token.starts_with("{{") {
                "clause 4.2".to_string()
            } else {
                token.to_string()
            }
        });
        assert_eq!(marked(&spans), "as in clause 4.2, [-in full-]{+promptly+}");
        assert_eq!(
            chinese_tokens("按{{clause:a}}支付"),
            ["按", "{{clause:a}}", "支", "付"]
        );
    }

    #[test]
    fn a_preview_is_one_line_cut_with_an_ellipsis() {
        assert_eq!(preview("Pay\nlater", "", 40), "Pay later");
        assert_eq!(preview("Pay", "付款", 40), "Pay / 付款");
        assert_eq!(preview("abcdefghij", "", 5), "abcd…");
    }
}
