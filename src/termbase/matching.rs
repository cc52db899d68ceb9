//! Finding known terms in a text, and the terms one side of a bilingual text has that
//! the other lacks.
//!
//! English is matched on words, ignoring case: a term matches a run of whole words, the
//! last of which may carry a plural ending (-s, -es, -y → -ies), and the space between
//! two words of a term may be any run of white space in the text (a line break
//! included), while a hyphen or an apostrophe must be there as in the term. Chinese has
//! no word boundaries, so a Chinese term matches wherever its characters stand, in either
//! script. Where matches overlap, the one starting first wins, then the longest: "settlement
//! agreement" over "settlement", 和解协议 over 和解.
//!
//! The editor calls [`Matcher::matches`] while the mediator types, so it indexes terms by
//! their first word or character and scans a text once: a 10 KB note against the seed
//! takes well under a millisecond in a release build (see `scanning_is_fast`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;

use super::Term;
use crate::error::Result;
use crate::notes::{ChineseScript, Side};

/// A term found in a text. Offsets are UTF-16 code units, as the editor counts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TermMatch {
    pub term: Term,
    pub side: Side,
    pub start: u32,
    pub end: u32,
    /// The other language's form: for an English match the Chinese in the script asked
    /// for (or the other script when the term lacks it); for a Chinese match the English.
    pub counterpart: String,
}

/// A term found on one side of a bilingual text whose counterpart the other side lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TermGap {
    pub term: Term,
    pub found_in: Side,
    pub missing_from: Side,
}

/// An English term cut into words and what stands between them.
struct EnPattern {
    words: Vec<String>,
    gaps: Vec<String>,
    term: usize,
}

/// The termbase indexed for scanning. Build it once and keep it while the terms do not
/// change; [`matches`] and [`check`] build one per call.
pub struct Matcher {
    terms: Vec<Term>,
    /// By first word (lower case), sorted for binary search: in a debug build, hashing
    /// every word of a note cost more than the rest of the scan.
    en: Vec<(String, Vec<EnPattern>)>,
    /// By first character, sorted likewise: (form, term), longest forms first.
    zh: Vec<(char, Vec<(String, usize)>)>,
}

/// One occurrence: byte range in the text and the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    term: usize,
}

/// A word of a text: its byte range and lower-case form.
struct Word<'a> {
    start: usize,
    end: usize,
    lower: Cow<'a, str>,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let mut i = 0;
    while i <= bytes.len() {
        // ASCII without decoding: this loop is most of a scan in a debug build.
        let (alphanumeric, width) = match bytes.get(i) {
            None => (false, 1),
            Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            Some(_) => {
                let c = text[i..].chars().next().expect("a character starts here");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        match (alphanumeric, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                let lower = if word
                    .bytes()
                    .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
                {
                    Cow::Owned(word.to_lowercase())
                } else {
                    Cow::Borrowed(word)
                };
                out.push(Word {
                    start: s,
                    end: i,
                    lower,
                });
                start = None;
            }
            _ => {}
        }
        i += width;
    }
    out
}

/// What stands between two words, compared loosely: white space runs become one space,
/// typographic apostrophes and hyphens their plain forms.
fn gap_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut last_space = false;
    text.chars().filter_map(move |c| {
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        let repeat = c == ' ' && last_space;
        last_space = c == ' ';
        (!repeat).then_some(c)
    })
}

fn gap(text: &str) -> String {
    gap_chars(text).collect()
}

/// Whether the text's word `found` is the term's last word `word`, or a plural of it.
fn same_or_plural(found: &str, word: &str) -> bool {
    if found == word {
        return true;
    }
    let Some(rest) = found.strip_prefix(word) else {
        return word
            .strip_suffix('y')
            .is_some_and(|stem| found.strip_prefix(stem) == Some("ies"));
    };
    rest == "s" || rest == "es"
}

/// The singular forms a word may be the plural of (itself included).
fn singulars(word: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let ies = word
        .strip_suffix("ies")
        .map(|stem| Cow::Owned(format!("{stem}y")));
    std::iter::once(Cow::Borrowed(word))
        .chain(word.strip_suffix('s').map(Cow::Borrowed))
        .chain(word.strip_suffix("es").map(Cow::Borrowed))
        .chain(ies)
}

impl Matcher {
    pub fn new(terms: Vec<Term>) -> Matcher {
        let mut en: HashMap<String, Vec<EnPattern>> = HashMap::new();
        let mut zh: HashMap<char, Vec<(String, usize)>> = HashMap::new();
        for (i, term) in terms.iter().enumerate() {
            let ws = words(&term.en);
            if let Some(first) = ws.first() {
                let gaps = ws
                    .windows(2)
                    .map(|p| gap(&term.en[p[0].end..p[1].start]))
                    .collect();
                en.entry(first.lower.to_string())
                    .or_default()
                    .push(EnPattern {
                        words: ws.iter().map(|w| w.lower.to_string()).collect(),
                        gaps,
                        term: i,
                    });
            }
            let mut forms: Vec<&String> = term.zh_hans.iter().chain(&term.zh_hant).collect();
            forms.dedup();
            for form in forms {
                if let Some(c) = form.chars().next() {
                    zh.entry(c).or_default().push((form.clone(), i));
                }
            }
        }
        for list in zh.values_mut() {
            list.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        }
        let mut en: Vec<_> = en.into_iter().collect();
        en.sort_by(|a, b| a.0.cmp(&b.0));
        let mut zh: Vec<_> = zh.into_iter().collect();
        zh.sort_by_key(|e| e.0);
        Matcher { terms, en, zh }
    }

    /// The termbase as it is now.
    pub fn load(conn: &Connection) -> Result<Matcher> {
        Ok(Matcher::new(super::list(conn, None)?))
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Every occurrence of every English term, overlapping ones included.
    fn en_hits(&self, text: &str) -> Vec<Hit> {
        let ws = words(text);
        let mut hits = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            for key in singulars(&w.lower) {
                let Ok(at) = self.en.binary_search_by(|e| e.0.as_str().cmp(&key)) else {
                    continue;
                };
                let patterns = &self.en[at].1;
                for p in patterns {
                    let n = p.words.len();
                    if i + n > ws.len() {
                        continue;
                    }
                    let last = i + n - 1;
                    let mut fits = same_or_plural(&ws[last].lower, &p.words[n - 1]);
                    for k in 1..n {
                        if !fits {
                            break;
                        }
                        let (before, found) = (&ws[i + k - 1], &ws[i + k]);
                        fits = (k == n - 1 || *found.lower == *p.words[k])
                            && gap_chars(&text[before.end..found.start]).eq(p.gaps[k - 1].chars());
                    }
                    fits = fits && (n == 1 || *w.lower == *p.words[0]);
                    if fits {
                        hits.push(Hit {
                            start: w.start,
                            end: ws[last].end,
                            term: p.term,
                        });
                    }
                }
            }
        }
        hits
    }

    /// Every occurrence of every Chinese form, overlapping ones included.
    fn zh_hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (i, c) in text.char_indices() {
            if let Ok(at) = self.zh.binary_search_by_key(&c, |e| e.0) {
                let forms = &self.zh[at].1;
                for (form, term) in forms {
                    if text[i..].starts_with(form.as_str()) {
                        hits.push(Hit {
                            start: i,
                            end: i + form.len(),
                            term: *term,
                        });
                    }
                }
            }
        }
        hits
    }

    /// The terms in `text`, written in language `side`, leftmost-longest, in order. When
    /// two terms share a Chinese form, both are given for the same span.
    pub fn matches(&self, text: &str, side: Side, script: ChineseScript) -> Vec<TermMatch> {
        let hits = match side {
            Side::En => self.en_hits(text),
            Side::Zh => self.zh_hits(text),
        };
        let chosen = leftmost_longest(hits);
        let mut utf16 = Utf16Cursor::new(text);
        chosen
            .into_iter()
            .map(|h| {
                let term = self.terms[h.term].clone();
                let counterpart = match side {
                    Side::En => term.chinese(script).to_string(),
                    Side::Zh => term.en.clone(),
                };
                TermMatch {
                    start: utf16.at(h.start),
                    end: utf16.at(h.end),
                    side,
                    counterpart,
                    term,
                }
            })
            .collect()
    }

    /// Terms found in one text whose counterpart the other text lacks: for an English
    /// term, neither Chinese form is in `text_zh`; for a Chinese one, its English (or a
    /// plural of it) is not in `text_en`. A counterpart counts wherever it stands, even
    /// inside a longer term. When either text is blank there is nothing to compare, and
    /// no gap is reported. Each term is listed once per direction, English side first.
    pub fn check(&self, text_en: &str, text_zh: &str) -> Vec<TermGap> {
        if text_en.trim().is_empty() || text_zh.trim().is_empty() {
            return Vec::new();
        }
        let en_hits = self.en_hits(text_en);
        let zh_hits = self.zh_hits(text_zh);
        let in_en: HashSet<usize> = en_hits.iter().map(|h| h.term).collect();
        let in_zh: HashSet<usize> = zh_hits.iter().map(|h| h.term).collect();
        let mut gaps = Vec::new();
        let mut listed = HashSet::new();
        for h in leftmost_longest(en_hits) {
            if !in_zh.contains(&h.term) && listed.insert((Side::En, h.term)) {
                gaps.push(self.gap(h.term, Side::En, Side::Zh));
            }
        }
        // A Chinese form two terms share is accounted for when either's English is there.
        let chosen = leftmost_longest(zh_hits);
        for span in chosen.chunk_by(|a, b| (a.start, a.end) == (b.start, b.end)) {
            if span.iter().any(|h| in_en.contains(&h.term)) {
                continue;
            }
            for h in span {
                if listed.insert((Side::Zh, h.term)) {
                    gaps.push(self.gap(h.term, Side::Zh, Side::En));
                }
            }
        }
        gaps
    }

    fn gap(&self, term: usize, found_in: Side, missing_from: Side) -> TermGap {
        TermGap {
            term: self.terms[term].clone(),
            found_in,
            missing_from,
        }
    }
}

/// Keeps, from left to right, the longest occurrence starting first, then the next one
/// starting after it ends; occurrences of the same span (a shared Chinese form) are all kept.
fn leftmost_longest(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.term.cmp(&b.term))
    });
    hits.dedup();
    let mut out: Vec<Hit> = Vec::new();
    let mut taken_until = 0;
    let mut last_span = None;
    for h in hits {
        if Some((h.start, h.end)) == last_span {
            out.push(h);
        } else if h.start >= taken_until {
            taken_until = h.end;
            last_span = Some((h.start, h.end));
            out.push(h);
        }
    }
    out
}

/// Converts increasing byte offsets of a text into UTF-16 offsets in one pass.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            unit: 0,
        }
    }

    fn at(&mut self, byte: usize) -> u32 {
        if byte < self.byte {
            *self = Utf16Cursor::new(self.text);
        }
        self.unit += self.text[self.byte..byte]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum::<u32>();
        self.byte = byte;
        self.unit
    }
}

/// The terms in `text`, as [`Matcher::matches`] against the termbase as it is now.
pub fn matches(
    conn: &Connection,
    text: &str,
    side: Side,
    script: ChineseScript,
) -> Result<Vec<TermMatch>> {
    Ok(Matcher::load(conn)?.matches(text, side, script))
}

/// The gaps between two texts, as [`Matcher::check`] against the termbase as it is now.
pub fn check(conn: &Connection, text_en: &str, text_zh: &str) -> Result<Vec<TermGap>> {
    Ok(Matcher::load(conn)?.check(text_en, text_zh))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::termbase::seed;
    use crate::termbase::tests::conn;

    fn seeded() -> Matcher {
        Matcher::new(seed::entries())
    }

    fn found(m: &Matcher, text: &str, side: Side) -> Vec<(String, u32, u32)> {
        m.matches(text, side, ChineseScript::Simplified)
            .into_iter()
            .map(|x| (x.term.en, x.start, x.end))
            .collect()
    }

    #[test]
    fn english_longest_match_wins_on_word_boundaries_ignoring_case() {
        let m = seeded();
        let text = "The Settlement Agreements were signed; settlement followed.";
        let got = m.matches(text, Side::En, ChineseScript::Traditional);
        assert_eq!(got[0].term.en, "settlement agreement");
        assert_eq!((got[0].start, got[0].end), (4, 25), "plural -s taken in");
        assert_eq!(got[0].counterpart, "和解協議", "Traditional asked for");
        assert!(got
            .iter()
            .any(|x| x.term.en == "settlement" && x.start == 39));
        assert!(
            found(&m, "unsettlement settlementary", Side::En).is_empty(),
            "only whole words"
        );
    }

    #[test]
    fn english_words_may_break_across_lines_and_take_plural_endings() {
        let m = Matcher::new(vec![
            term("settlement agreement", "和解协议"),
            term("party", "当事方"),
            term("mediator's proposal", "调解员建议"),
            term("co-mediator", "共同调解员"),
        ]);
        let text =
            "settlement\n  agreement, parties, mediator’s proposals, co mediator, co-mediators";
        let got: Vec<String> = found(&m, text, Side::En).into_iter().map(|x| x.0).collect();
        assert_eq!(
            got,
            [
                "settlement agreement",
                "party",
                "mediator's proposal",
                "co-mediator"
            ],
            "a hyphen must be there as in the term"
        );
    }

    fn term(en: &str, hans: &str) -> Term {
        let mut t = seed::entries().remove(0);
        t.en = en.into();
        t.zh_hans = Some(hans.into());
        t.zh_hant = None;
        t
    }

    #[test]
    fn chinese_matches_either_script_longest_first() {
        let m = seeded();
        let hans = found(&m, "双方签署了和解协议。", Side::Zh);
        let hant = found(&m, "雙方簽署了和解協議。", Side::Zh);
        assert!(
            hans.contains(&("settlement agreement".into(), 5, 9)),
            "{hans:?}"
        );
        assert!(
            hant.contains(&("settlement agreement".into(), 5, 9)),
            "{hant:?}"
        );
        assert!(
            !hans.iter().any(|x| x.0 == "settlement"),
            "和解 inside 和解协议 is not matched on its own"
        );
        let shared = found(&m, "調解協議", Side::Zh);
        assert_eq!(
            shared.len(),
            2,
            "a form two terms share names both: {shared:?}"
        );
    }

    #[test]
    fn offsets_count_utf16_code_units() {
        let m = seeded();
        // 🤝 is one character but two UTF-16 units; 𠀀 (astral CJK) too.
        let en = m.matches(
            "🤝𠀀 a settlement agreement",
            Side::En,
            ChineseScript::Simplified,
        );
        assert_eq!((en[0].start, en[0].end), (7, 27));
        let zh = m.matches("🤝𠀀和解协议", Side::Zh, ChineseScript::Simplified);
        assert_eq!((zh[0].start, zh[0].end), (4, 8));
        assert_eq!(zh[0].counterpart, "settlement agreement");
    }

    #[test]
    fn check_lists_what_one_side_lacks() {
        let m = seeded();
        let gaps = m.check(
            "The settlement agreement binds the parties.",
            "双方受该协议约束。",
        );
        let names: Vec<(&str, Side)> = gaps
            .iter()
            .map(|g| (g.term.en.as_str(), g.found_in))
            .collect();
        assert!(
            names.contains(&("settlement agreement", Side::En)),
            "{names:?}"
        );
        assert!(
            m.check("The settlement agreement", "和解协议").is_empty(),
            "Simplified counterpart"
        );
        assert!(
            m.check("The settlement agreement", "和解協議").is_empty(),
            "Traditional counterpart"
        );
        let other_way = m.check("The parties met.", "和解协议已签署");
        assert!(other_way
            .iter()
            .any(|g| g.term.en == "settlement agreement" && g.found_in == Side::Zh));
        assert!(
            m.check("", "和解协议").is_empty(),
            "nothing to check against"
        );
        assert!(m.check("settlement agreement", "  ").is_empty());
    }

    #[test]
    fn the_database_functions_use_the_live_termbase() {
        let conn = conn();
        let found = matches(&conn, "mediation", Side::En, ChineseScript::Simplified).unwrap();
        assert_eq!(found[0].counterpart, "调解");
        assert!(check(&conn, "mediation", "调解").unwrap().is_empty());
    }

    #[test]
    fn a_long_note_dense_with_terms_gets_every_occurrence() {
        // How long this takes is measured by benches/search.rs, not asserted here.
        let m = seeded();
        let en = "The settlement agreement was signed after the caucus. ".repeat(200);
        let zh = "单独会谈后签署和解协议。".repeat(200);
        let count =
            |found: &[TermMatch], en: &str| found.iter().filter(|f| f.term.en == en).count();
        let found_en = m.matches(&en, Side::En, ChineseScript::Simplified);
        assert_eq!(count(&found_en, "settlement agreement"), 200);
        let found_zh = m.matches(&zh, Side::Zh, ChineseScript::Simplified);
        assert_eq!(count(&found_zh, "settlement agreement"), 200);
    }
}
