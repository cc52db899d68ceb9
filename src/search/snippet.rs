//! Highlighted snippets, cut in Rust from a note's original text.
//!
//! The index is contentless, so FTS5's `snippet()` has no text to work on; and only
//! here do we know where a folded, stemmed token stood in the original. A snippet is a
//! list of fragments, some marked as hits: the UI renders them, so note text is never
//! turned into HTML here.

use serde::Serialize;

use super::query::Parsed;
use super::tokens::{tokenize, Kind};

/// About how many characters of text a snippet shows.
pub const WINDOW_CHARS: usize = 160;
/// How many characters of context to keep before the first hit in the window.
const LEAD_CHARS: usize = 30;
const ELLIPSIS: &str = "…";

/// A piece of a snippet: plain text, or text that matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

/// Byte ranges of `text` that match a query token (same folding and stemming as the
/// index), sorted and not overlapping.
pub fn hits(text: &str, query: &Parsed) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for token in tokenize(text) {
        match token.kind {
            Kind::Word => {
                if query.stems.contains(&token.text) {
                    ranges.push((token.start, token.end));
                }
            }
            Kind::Han => {
                // Folding keeps one character per character, so the i-th folded
                // character is the i-th original one.
                let original = &text[token.start..token.end];
                let offsets: Vec<usize> = original
                    .char_indices()
                    .map(|(at, _)| token.start + at)
                    .chain([token.end])
                    .collect();
                let folded: Vec<char> = token.chars().collect();
                for wanted in &query.han {
                    let wanted: Vec<char> = wanted.chars().collect();
                    if wanted.len() > folded.len() {
                        continue;
                    }
                    for i in 0..=folded.len() - wanted.len() {
                        if folded[i..i + wanted.len()] == wanted[..] {
                            ranges.push((offsets[i], offsets[i + wanted.len()]));
                        }
                    }
                }
            }
        }
    }
    merge(ranges)
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// The snippet of `text` for `query`: a window of about [`WINDOW_CHARS`] characters
/// around the densest cluster of hits (or the start of the text when nothing in it
/// matched), with "…" where the text was clipped. Empty text gives no fragments.
pub fn snippet(text: &str, query: &Parsed) -> Vec<Fragment> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let ranges = hits(text, query);
    // Character index of every byte offset we care about.
    let char_starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    let char_count = char_starts.len();
    let char_of = |byte: usize| char_starts.partition_point(|&b| b < byte);

    // The window start (in characters) holding the most hits.
    let hit_chars: Vec<usize> = ranges.iter().map(|&(s, _)| char_of(s)).collect();
    let mut best = (0usize, 0usize); // (count, first hit char)
    for (i, &first) in hit_chars.iter().enumerate() {
        let count = hit_chars[i..]
            .iter()
            .take_while(|&&c| c < first + WINDOW_CHARS - LEAD_CHARS)
            .count();
        if count > best.0 {
            best = (count, first);
        }
    }
    let mut start = if best.0 == 0 {
        0
    } else {
        best.1.saturating_sub(LEAD_CHARS)
    };
    let end = (start + WINDOW_CHARS).min(char_count);
    start = start.min(end.saturating_sub(WINDOW_CHARS));
    let byte = |c: usize| char_starts.get(c).copied().unwrap_or(text.len());
    let (from, to) = (snap_start(text, byte(start)), snap_end(text, byte(end)));

    let mut out = Vec::new();
    let mut at = from;
    let mut plain = String::new();
    if from > 0 {
        plain.push_str(ELLIPSIS);
    }
    for &(s, e) in &ranges {
        if e <= from || s >= to {
            continue;
        }
        let (s, e) = (s.max(from), e.min(to));
        plain.push_str(&text[at..s]);
        if !plain.is_empty() {
            out.push(Fragment {
                text: std::mem::take(&mut plain),
                hit: false,
            });
        }
        out.push(Fragment {
            text: text[s..e].to_string(),
            hit: true,
        });
        at = e;
    }
    plain.push_str(&text[at..to]);
    if to < text.len() {
        plain.push_str(ELLIPSIS);
    }
    if !plain.is_empty() {
        out.push(Fragment {
            text: plain,
            hit: false,
        });
    }
    out
}

/// Moves a clipped start forward past a cut word (at most a few characters), so a
/// snippet does not begin with half a word. Chinese has no spaces: left as it is.
fn snap_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let rest = &text[at..];
    match rest
        .char_indices()
        .take(15)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, c)) if text[..at].chars().last().is_some_and(char::is_alphanumeric) => {
            at + i + c.len_utf8()
        }
        _ => at,
    }
}

/// Moves a clipped end back to the end of the last whole word (at most a few characters).
fn snap_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let before = &text[..at];
    let cut_word = text[at..].chars().next().is_some_and(char::is_alphanumeric);
    match before
        .char_indices()
        .rev()
        .take(15)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, _)) if cut_word => i,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::super::query::parse;
    use super::*;

    fn marked(fragments: &[Fragment]) -> String {
        fragments
            .iter()
            .map(|f| {
                if f.hit {
                    format!("[{}]", f.text)
                } else {
                    f.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_stemmed_words_and_folded_chinese_in_the_original() {
        let q = parse("agreement 和解協議").unwrap();
        let text = "The Agreements were signed. 雙方簽署和解协议。";
        assert_eq!(
            marked(&snippet(text, &q)),
            "The [Agreements] were signed. 雙方簽署[和解协议]。"
        );
        let q = parse("保密").unwrap();
        assert_eq!(marked(&snippet("調解應保密", &q)), "調解應[保密]");
    }

    #[test]
    fn long_text_is_clipped_around_the_hits() {
        let q = parse("confidential").unwrap();
        let text = format!(
            "{} The caucus was confidential. {}",
            "Opening words here. ".repeat(20),
            "Closing words there. ".repeat(20)
        );
        let fragments = snippet(&text, &q);
        let shown = marked(&fragments);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("[confidential]"), "{shown}");
        let len = shown.chars().count();
        assert!((100..=200).contains(&len), "{len}: {shown}");
        assert!(
            !shown.contains("…ords") && !shown.contains("…rds"),
            "{shown}"
        );
    }

    #[test]
    fn no_hit_shows_the_start_and_empty_text_nothing() {
        let q = parse("mediation").unwrap();
        assert_eq!(
            snippet("调解员认为双方应保密。", &q),
            vec![Fragment {
                text: "调解员认为双方应保密。".into(),
                hit: false
            }]
        );
        assert!(snippet("", &q).is_empty());
    }

    #[test]
    fn fragments_are_text_not_html() {
        let q = parse("script").unwrap();
        let shown = snippet("<script>alert(1)</script>", &q);
        assert_eq!(shown.concat_text(), "<script>alert(1)</script>");
    }

    trait Concat {
        fn concat_text(&self) -> String;
    }
    impl Concat for Vec<Fragment> {
        fn concat_text(&self) -> String {
            self.iter().map(|f| f.text.as_str()).collect()
        }
    }
}
