//! The [`Document`] turned into what the template draws, in plain Rust (no typst here):
//! the template only lays out, every decision about the text is made and tested here.
//!
//! - Text is cleaned of what no printed agreement holds: control characters (NUL, escape,
//!   C1) are dropped, tabs become spaces, CR/LF, CR and the Unicode line and paragraph
//!   separators become the model's "\n" and "\n\n".
//! - Paragraphs ("\n\n") and lines ("\n") are split here, so the template never parses text.
//! - Figures and dates ("USD 1,250,000", "1 March 2027", "125萬美元", "2027年3月1日",
//!   "8%") become pieces of their own, their spaces non-breaking; the template puts each
//!   in an unbreakable box, so that no line break ever splits an amount or a date (a
//!   signatory reading "USD" at a line's end and "1,250,000" on the next is how figures
//!   get misread). A box, not word joiners: U+2060 between "125" and "萬" would hold
//!   the figure together too, but pdftotext (and copy-paste) gives the joiners back.
//! - Runs of three or more underscores become signing-line pieces, drawn as rules.

use serde::Serialize;

use crate::model::{ChangeKind, Clause, ClauseKind, Document, Layout, Mark, Script, Span};

/// What the template reads from `/data.json`.
#[derive(Debug, Serialize)]
pub(crate) struct View {
    layout: Layout,
    script: Script,
    draft: bool,
    /// The PDF's title metadata, plain.
    doc_title: String,
    title_en: Text,
    title_zh: Text,
    regime_en: Text,
    regime_zh: Text,
    reference_en: Text,
    reference_zh: Text,
    redline: Option<(Text, Text)>,
    clauses: Vec<ClauseView>,
    footer_version_en: Text,
    footer_version_zh: Text,
    fingerprint: Option<String>,
    /// `[year, month, day]`, checked.
    date: [u32; 3],
}

#[derive(Debug, Serialize)]
struct ClauseView {
    number: String,
    depth: u8,
    kind: ClauseKind,
    heading_en: Text,
    heading_zh: Text,
    text_en: Text,
    text_zh: Text,
    change: Option<(ChangeKind, Text, Text)>,
}

/// Paragraphs of lines of pieces.
type Text = Vec<Vec<Vec<Piece>>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Piece {
    pub t: String,
    pub m: Mark,
    pub k: PieceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PieceKind {
    Text,
    /// An amount or a date: never broken across lines.
    Figure,
    /// A signing line (`t` holds the underscores, whose count sets the length).
    Line,
}

/// Why a document cannot be printed, found before typst sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Invalid {
    Date(String),
    Depth { number: String, depth: u8 },
}

impl View {
    pub(crate) fn date(&self) -> [u32; 3] {
        self.date
    }
}

pub(crate) fn view(doc: &Document) -> Result<View, Invalid> {
    let date = parse_date(&doc.date).ok_or_else(|| Invalid::Date(doc.date.clone()))?;
    let clauses = doc
        .clauses
        .iter()
        .map(clause)
        .collect::<Result<Vec<_>, _>>()?;
    let plain = |s: &str| text(&[Span::plain(s)]);
    Ok(View {
        layout: doc.layout,
        script: doc.script,
        draft: doc.draft,
        doc_title: clean(&format!("{} {}", doc.title_en, doc.title_zh)).replace('\n', " "),
        title_en: plain(&doc.title_en),
        title_zh: plain(&doc.title_zh),
        regime_en: plain(&doc.regime_en),
        regime_zh: plain(&doc.regime_zh),
        reference_en: plain(&doc.reference_en),
        reference_zh: plain(&doc.reference_zh),
        redline: doc.redline.as_ref().map(|r| (plain(&r.en), plain(&r.zh))),
        clauses,
        footer_version_en: plain(&doc.footer.version_en),
        footer_version_zh: plain(&doc.footer.version_zh),
        fingerprint: doc.footer.fingerprint.as_deref().map(clean),
        date,
    })
}

fn clause(c: &Clause) -> Result<ClauseView, Invalid> {
    if !(1..=3).contains(&c.depth) {
        return Err(Invalid::Depth {
            number: c.number.clone(),
            depth: c.depth,
        });
    }
    Ok(ClauseView {
        number: clean(&c.number),
        depth: c.depth,
        kind: c.kind,
        heading_en: text(&c.heading_en),
        heading_zh: text(&c.heading_zh),
        text_en: text(&c.text_en),
        text_zh: text(&c.text_zh),
        change: c.change.as_ref().map(|ch| {
            let plain = |s: &str| text(&[Span::plain(s)]);
            (ch.kind, plain(&ch.note_en), plain(&ch.note_zh))
        }),
    })
}

/// `YYYY-MM-DD`, a real calendar date.
fn parse_date(s: &str) -> Option<[u32; 3]> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let num = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| p.parse::<u32>().ok())?
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1 && (1..=days).contains(&d)).then_some([y, m, d])
}

/// Drops what no agreement prints: control characters other than the line breaks, which
/// are unified to "\n".
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{85}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Spans → paragraphs of lines of pieces. A span may hold line and paragraph breaks.
pub(crate) fn text(spans: &[Span]) -> Text {
    let mut paras: Text = vec![vec![vec![]]];
    // Line breaks seen since the last text, across spans: a redline may end one span with
    // "\n" and start the next with "\n", which is still a paragraph break.
    let mut newlines = 0;
    for span in spans {
        let cleaned = clean(&span.text);
        for segment in cleaned.split_inclusive('\n') {
            let (body, ends_line) = match segment.strip_suffix('\n') {
                Some(b) => (b, true),
                None => (segment, false),
            };
            if !body.is_empty() {
                // Breaks before any text (a leading "\n") start nothing.
                let para = paras.last_mut().unwrap();
                let started = para.last().is_some_and(|l| !l.is_empty());
                if newlines >= 2 && started {
                    paras.push(vec![vec![]]);
                } else if newlines == 1 && started {
                    para.push(vec![]);
                }
                newlines = 0;
                let line = paras.last_mut().unwrap().last_mut().unwrap();
                line.extend(pieces(body, span.mark));
            }
            if ends_line {
                newlines += 1;
            }
        }
    }
    // A paragraph that never got text (only breaks) is none.
    paras.retain(|p| p.iter().any(|l| !l.is_empty()));
    paras
}

/// One line of one span: text, figures and signing lines.
fn pieces(line: &str, mark: Mark) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |t: &str, k: PieceKind| {
        if t.is_empty() {
            return;
        }
        let t = match k {
            PieceKind::Figure => t.replace(' ', "\u{a0}"),
            PieceKind::Text => breakable(t),
            PieceKind::Line => t.to_owned(),
        };
        out.push(Piece { t, m: mark, k });
    };
    let mut rest = line;
    while !rest.is_empty() {
        let next_rule = find_rule(rest);
        let before = next_rule.map_or(rest, |(a, _)| &rest[..a]);
        let mut at = 0;
        for (a, b) in figures(before) {
            push(&before[at..a], PieceKind::Text);
            push(&before[a..b], PieceKind::Figure);
            at = b;
        }
        push(&before[at..], PieceKind::Text);
        match next_rule {
            Some((a, b)) => {
                push(&rest[a..b], PieceKind::Line);
                rest = &rest[b..];
            }
            None => break,
        }
    }
    out
}

/// Longest run of letters without a break opportunity that is left alone: longer than a
/// 75 mm column holds, typst lets it run off the page.
const LONGEST_WORD: usize = 30;

/// Gives overlong words (a pasted hash, a URL) a zero-width break opportunity every
/// [`LONGEST_WORD`] characters. CJK text breaks between any two characters anyway.
fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for c in s.chars() {
        let cjk = matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF);
        run = if c.is_whitespace() || cjk { 0 } else { run + 1 };
        if run > LONGEST_WORD {
            out.push('\u{200B}');
            run = 1;
        }
        out.push(c);
    }
    out
}

/// The first run of three or more underscores (byte range).
fn find_rule(s: &str) -> Option<(usize, usize)> {
    let a = s.find("___")?;
    Some((a, a + s[a..].bytes().take_while(|&b| b == b'_').count()))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Written before the amount, as a word (or a symbol) and an optional space.
const PREFIXES: [&str; 16] = [
    "USD", "HKD", "RMB", "CNY", "EUR", "GBP", "SGD", "JPY", "CHF", "US$", "HK$", "S$", "$", "€",
    "£", "¥",
];
/// Written after a Chinese amount.
const CJK_CURRENCIES: [&str; 11] = [
    "美元",
    "港元",
    "港幣",
    "港币",
    "人民幣",
    "人民币",
    "歐元",
    "欧元",
    "英鎊",
    "英镑",
    "元",
];
const CJK_UNITS: &str = "十百千萬万億亿";
const SCALES: [&str; 4] = ["million", "billion", "thousand", "trillion"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The byte length of a number at the start of `s` (digits with inner "," and ".").
fn number_len(s: &str) -> usize {
    let mut end = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_digit(c) {
            end = i + c.len_utf8();
        } else if matches!(c, ',' | '.' | '，' | '．')
            && iter.peek().is_some_and(|&(_, n)| is_digit(n))
            && end == i
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// A whole word at the start of `s`: `word` not followed by a letter or digit.
fn word_at(s: &str, word: &str) -> bool {
    s.starts_with(word)
        && !s[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// One space (or no-break space) and a whole word from `words`, at the start of `s`.
fn spaced_word(s: &str, words: &[&str]) -> Option<usize> {
    let sp = s.strip_prefix(' ').or_else(|| s.strip_prefix('\u{a0}'))?;
    let gap = s.len() - sp.len();
    words.iter().find(|w| word_at(sp, w)).map(|w| gap + w.len())
}

/// Byte ranges of the figures in `s`: amounts and dates as a reader takes them in one go.
pub(crate) fn figures(s: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
        let starts_number = is_digit(c)
            && !s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| is_digit(p) || p.is_alphabetic() && p.is_ascii());
        if !starts_number {
            i += c.len_utf8();
            continue;
        }
        let start = prefix_start(s, i);
        let mut end = i + number_len(&s[i..]);
        // Extend to the right for as long as the figure goes on.
        loop {
            let rest = &s[end..];
            let units = rest
                .chars()
                .take_while(|c| CJK_UNITS.contains(*c))
                .map(char::len_utf8)
                .sum::<usize>();
            let rest_u = &rest[units..];
            if let Some(cur) = CJK_CURRENCIES.iter().find(|w| rest_u.starts_with(*w)) {
                end += units + cur.len();
                break;
            }
            if let Some(unit) = ['年', '月', '日', '%', '％']
                .into_iter()
                .find(|&u| rest_u.starts_with(u))
            {
                end += units + unit.len_utf8();
                // 2027年3月1日: the next part of the date follows at once.
                let after = &s[end..];
                if matches!(unit, '年' | '月') && after.chars().next().is_some_and(is_digit) {
                    end += number_len(after);
                    continue;
                }
                break;
            }
            if units > 0 {
                end += units;
                break;
            }
            if let Some(n) = spaced_word(rest, &SCALES) {
                end += n;
                break;
            }
            // "1 March 2027": a day, its month, and a year.
            if let Some(n) = spaced_word(rest, &MONTHS) {
                end += n;
                let after = &s[end..];
                if let Some(sp) = after.strip_prefix([' ', '\u{a0}'])
                    && sp.chars().next().is_some_and(is_digit)
                {
                    end += (after.len() - sp.len()) + number_len(sp);
                }
                break;
            }
            break;
        }
        if start < i || end > i + number_len(&s[i..]) {
            match out.last_mut() {
                Some(last) if last.1 >= start => last.1 = end,
                _ => out.push((start, end)),
            }
        }
        i = end.max(i + c.len_utf8());
    }
    out
}

/// Where a figure starting with the number at `i` really starts: at a currency written
/// before it ("USD 1,250,000", "HK$500") or a month ("March 1, 2027"), else at `i`.
fn prefix_start(s: &str, i: usize) -> usize {
    let before = &s[..i];
    let trimmed = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('\u{a0}'))
        .unwrap_or(before);
    for word in PREFIXES.iter().chain(MONTHS.iter()) {
        if let Some(head) = trimmed.strip_suffix(word) {
            // A letter-word needs a word boundary before it; a symbol sticks to the number.
            let wordy = word.chars().next().is_some_and(char::is_alphabetic);
            if wordy && head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            return head.len();
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(s: &str) -> Vec<&str> {
        figures(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn amounts_and_dates_are_figures() {
        assert_eq!(
            figs("pay USD 1,250,000 on or before 1 March 2027."),
            ["USD 1,250,000", "1 March 2027"]
        );
        assert_eq!(
            figs("支付125萬美元，於2027年3月1日或之前"),
            ["125萬美元", "2027年3月1日"]
        );
        assert_eq!(
            figs("HK$500 and US$ 2.5 million at 8%"),
            ["HK$500", "US$ 2.5 million", "8%"]
        );
        assert_eq!(figs("from 12 to 14 January 2027"), ["14 January 2027"]);
        // Already non-breaking (the core may send them so): the same figures.
        assert_eq!(
            figs("on 1\u{a0}March\u{a0}2027."),
            ["1\u{a0}March\u{a0}2027"]
        );
        assert_eq!(figs("USD\u{a0}5 only"), ["USD\u{a0}5"]);
        assert_eq!(figs("年利率8%計息，14日內"), ["8%", "14日"]);
        assert_eq!(figs("March 1, 2027"), ["March 1"]);
    }

    #[test]
    fn words_that_only_look_like_figures_are_not() {
        assert!(figs("clause 5 and 6, USDA 12, Mayfair 3").is_empty());
        assert!(figs("1,250,000 alone").is_empty());
        assert!(figs("A4 paper, 2Marches").is_empty());
    }

    #[test]
    fn figure_spaces_do_not_break() {
        let p = pieces("pay USD 1,250,000 now", Mark::Same);
        assert_eq!(p[1].t, "USD\u{a0}1,250,000");
        assert_eq!(p[1].k, PieceKind::Figure);
        assert_eq!(p[0].t, "pay ");
    }

    #[test]
    fn overlong_words_get_break_opportunities() {
        let word = "a".repeat(70);
        let broken = breakable(&format!("see {word} and 長{}", "長".repeat(70)));
        assert_eq!(broken.matches('\u{200B}').count(), 2);
        assert!(broken.contains(&format!("{}\u{200B}a", "a".repeat(30))));
        assert_eq!(
            breakable("a normal sentence, https://example.org/x"),
            "a normal sentence, https://example.org/x"
        );
    }

    #[test]
    fn underscores_become_signing_lines() {
        let p = pieces("Date: ____ and _ or __ ok", Mark::Same);
        let kinds: Vec<_> = p.iter().map(|p| (p.k, p.t.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (PieceKind::Text, "Date: "),
                (PieceKind::Line, "____"),
                (PieceKind::Text, " and _ or __ ok")
            ]
        );
    }

    #[test]
    fn paragraphs_lines_and_control_characters() {
        let t = text(&[
            Span::plain("One\r\ntwo\u{0}\u{1b}[31m\n\nThree\t"),
            Span {
                text: "four\u{2029}five\n".into(),
                mark: Mark::Inserted,
            },
        ]);
        let flat: Vec<Vec<String>> = t
            .iter()
            .map(|p| {
                p.iter()
                    .map(|l| l.iter().map(|x| x.t.as_str()).collect())
                    .collect()
            })
            .collect();
        assert_eq!(
            flat,
            [vec!["One", "two[31m"], vec!["Three four"], vec!["five"]]
        );
    }

    #[test]
    fn breaks_count_across_spans_and_leading_breaks_start_nothing() {
        let shape = |spans: &[&str]| {
            let spans: Vec<Span> = spans.iter().map(|s| Span::plain(*s)).collect();
            text(&spans)
                .iter()
                .map(|p| p.iter().map(Vec::len).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&["a\n", "\nb"]), [vec![1], vec![1]]);
        assert_eq!(shape(&["a\n", "b"]), [vec![1, 1]]);
        assert_eq!(shape(&["\n\nx", "\n"]), [vec![1]]);
        assert_eq!(shape(&["\n\n", "\u{0}"]), Vec::<Vec<usize>>::new());
    }

    /// Hostile text through every step, from a seeded generator: no panic (a byte index
    /// inside a character would be one), and no character lost except the dropped
    /// controls.
    #[test]
    fn any_text_is_split_without_panicking_or_losing_characters() {
        const ALPHABET: [&str; 26] = [
            " March\u{a0}",
            "\u{a0}USD\u{a0}",
            "1",
            "0",
            ",",
            ".",
            " ",
            "\u{a0}",
            "\n",
            "\r",
            "\u{0}",
            "\u{1b}",
            "_",
            "$",
            "USD",
            "HK$",
            "March",
            "萬",
            "年",
            "月",
            "日",
            "美元",
            "%",
            "𠮷",
            "🙂",
            "\u{2029}",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..3000 {
            let len = next(40);
            let input: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            let out = text(&[Span::plain(input.as_str())]);
            let printed: String = out
                .iter()
                .flatten()
                .flatten()
                .flat_map(|p| p.t.chars())
                .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
                .collect();
            let expected: String = clean(&input)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(printed, expected, "{input:?}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2027-03-01"), Some([2027, 3, 1]));
        assert_eq!(parse_date("2028-02-29"), Some([2028, 2, 29]));
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "27-03-01",
            "2027-3-1",
            "",
            "２０２７-03-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
