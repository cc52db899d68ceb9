//! The printed agreement as a reader gets it: the PDF read back with poppler's tools
//! (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`), and its pages compared with golden
//! images.
//!
//! Goldens: `tests/golden/<fixture>-<page>.png`, made by `pdftoppm -r 40 -png`. After a
//! deliberate change to the layout, regenerate them with
//! `ACCORD_BLESS=1 cargo test -p accord-print --test print golden`, look at them, and
//! commit them.

mod common;

use std::collections::HashSet;

use accord_print::model::{ClauseKind, Document, Layout, Mark, Script, Span};
use accord_print::{Error, fonts, pdf, png_pages};
use common::*;

const FIXTURES: [&str; 3] = ["agreement-hant", "agreement-hans", "redline-hant"];

fn render(doc: &Document) -> Written {
    write_pdf(&pdf(doc).expect("renders"))
}

/// Where `needle` is in `hay`; panics showing the text when it is not.
fn position(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the extracted text:\n{hay}"))
}

fn assert_increasing(what: &str, positions: &[(String, usize)]) {
    for w in positions.windows(2) {
        assert!(
            w[0].1 < w[1].1,
            "{what}: {:?} is read after {:?}",
            w[0].0,
            w[1].0
        );
    }
}

/// The start of a text as extracted: its first paragraph's first 30 characters,
/// normalised (pdftotext may read a cell's paragraphs in another order).
fn head(spans: &[Span]) -> String {
    let joined: String = spans.iter().map(|s| s.text.as_str()).collect();
    let first = joined.split("\n\n").next().unwrap_or_default();
    spans_text(&[Span::plain(first)])
        .chars()
        .take(30)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Reading order as pdftotext gives it. Each language's clauses come in order; side by
/// side, the two languages interleave row by row: pdftotext may read a few rows of one
/// column before the other (more where a row breaks across pages), so a clause's
/// English must come before the Chinese [`ROWS`] clauses on, and the other way round;
/// one after the other, all English comes before all Chinese.
const ROWS: usize = 4;

#[test]
fn both_languages_extract_in_reading_order() {
    for name in FIXTURES {
        let doc = fixture(name);
        let out = render(&doc);
        let text = normalise(&text(&out.path, None).replace('\u{a0}', " "));
        let signing = |c: &accord_print::model::Clause| {
            matches!(
                c.kind,
                ClauseKind::Signatures | ClauseKind::MediatorStatement
            )
        };
        let at = |spans: &[Span]| (head(spans), position(&text, &head(spans)));
        let title = position(&text, &normalise(&doc.title_zh));
        let body: Vec<_> = doc.clauses.iter().filter(|c| !signing(c)).collect();
        let en: Vec<_> = body.iter().map(|c| at(&c.text_en)).collect();
        let zh: Vec<_> = body.iter().map(|c| at(&c.text_zh)).collect();
        assert_increasing(&format!("{name}, English"), &en);
        assert_increasing(&format!("{name}, Chinese"), &zh);
        assert!(
            en.iter().chain(&zh).all(|(_, p)| *p > title),
            "{name}: a clause before the title"
        );
        match doc.layout {
            Layout::SideBySide => {
                let later = |side: &[(String, usize)], k: usize| {
                    side.get(k + ROWS).map_or(usize::MAX, |x| x.1)
                };
                for k in 0..body.len() {
                    assert!(
                        en[k].1 < later(&zh, k),
                        "{name}: {:?} read far after its row",
                        en[k].0
                    );
                    assert!(
                        zh[k].1 < later(&en, k),
                        "{name}: {:?} read far after its row",
                        zh[k].0
                    );
                }
            }
            Layout::Sequential => {
                assert!(
                    en.last().unwrap().1 < zh[0].1,
                    "{name}: Chinese begins before English ends"
                );
            }
        }
        // The signature blocks and the mediator's statement close the agreement.
        let last_body = en.iter().chain(&zh).map(|(_, p)| *p).max().unwrap();
        for c in doc.clauses.iter().filter(|c| signing(c)) {
            for (h, p) in [at(&c.text_en), at(&c.text_zh)] {
                assert!(p > last_body, "{name}: {h:?} before the body ends");
            }
        }
    }
}

#[test]
fn every_character_of_the_chinese_text_is_extracted() {
    for name in FIXTURES {
        let doc = fixture(name);
        let out = render(&doc);
        let text: HashSet<char> = text(&out.path, None).chars().collect();
        for c in doc
            .clauses
            .iter()
            .flat_map(|c| c.text_zh.iter().chain(&c.heading_zh))
        {
            for ch in c.text.chars().filter(|&ch| is_cjk(ch)) {
                assert!(
                    text.contains(&ch),
                    "{name}: {ch} missing from the extracted text"
                );
            }
        }
    }
}

#[test]
fn the_watermark_is_never_text_and_nothing_is_hyphenated() {
    for name in FIXTURES {
        let doc = fixture(name);
        let text = text(&render(&doc).path, None);
        assert!(
            !text.contains("DRAFT") && !text.contains('草') && !text.contains('稿'),
            "{name}: {text}"
        );
        assert!(
            !text.contains('\u{AD}'),
            "{name}: a soft hyphen in the text"
        );
        assert!(
            !text.lines().any(|l| l.ends_with('-')),
            "{name}: a line ends with a hyphen"
        );
    }
}

/// Amounts and dates: the figure strings a fixture holds.
const FIGURES: [&str; 10] = [
    "USD 1,250,000",
    "USD 750,000",
    "USD 500,000",
    "1 March 2027",
    "1 June 2027",
    "14 January 2027",
    "125萬美元",
    "75萬美元",
    "2027年3月1日",
    "2027年6月1日",
];

/// Whether `figure` is in `text` on one line (spaces, which CJK–Latin spacing adds,
/// ignored).
fn whole(text: &str, figure: &str) -> usize {
    let squeeze = |s: &str| s.replace([' ', '\u{a0}'], "");
    squeeze(text).matches(&squeeze(figure)).count()
}

#[test]
fn figures_and_dates_are_never_split_across_lines() {
    let doc = fixture("agreement-hant");
    let extracted = text(&render(&doc).path, None);
    for f in FIGURES {
        assert!(
            whole(&extracted, f) > 0,
            "{f} is split or missing:\n{extracted}"
        );
    }
    // Figures at every position of a line: each prefix length puts them somewhere else.
    let mut doc = fixture("agreement-hant");
    let sentence_en = "pay USD 1,250,000 by 1 March 2027, ";
    let sentence_zh = "於2027年3月1日支付125萬美元，";
    let en: String = (0..40)
        .map(|i| format!("{}{sentence_en}", "x".repeat(i % 13)))
        .collect();
    let zh: String = (0..40)
        .map(|i| format!("{}{sentence_zh}", "甲".repeat(i % 7)))
        .collect();
    doc.clauses = vec![plain_clause("1", &en, &zh)];
    let text = text(&render(&doc).path, None);
    for f in ["USD 1,250,000", "1 March 2027", "2027年3月1日", "125萬美元"] {
        assert_eq!(whole(&text, f), 40, "{f} split across lines:\n{text}");
    }
}

#[test]
fn every_page_has_its_bilingual_footer_and_the_fingerprint() {
    for (doc, hant) in [(long(60), true), (fixture("agreement-hans"), false)] {
        let out = render(&doc);
        let n = pages(&out.path);
        assert!(n >= 2, "expected several pages, got {n}");
        for p in 1..=n {
            let text = normalise(&text(&out.path, Some(p)));
            let zh = if hant {
                format!("第{p}頁，共{n}頁")
            } else {
                format!("第{p}页，共{n}页")
            };
            assert!(
                text.contains(&format!("Page {p} of {n}")),
                "page {p}: {text}"
            );
            assert!(text.contains(&zh), "page {p}: {zh} missing: {text}");
            match &doc.footer.fingerprint {
                Some(f) => assert!(text.contains(f.as_str()), "page {p}: no fingerprint"),
                None => assert!(!text.contains("Fingerprint"), "page {p}: a draft has none"),
            }
        }
    }
}

#[test]
fn grid_header_repeats_on_every_page_of_side_by_side() {
    let out = render(&long(60));
    for p in 1..=pages(&out.path) {
        let text = normalise(&text(&out.path, Some(p)));
        assert!(
            text.contains("English") && text.contains("中文"),
            "page {p}: {text}"
        );
    }
}

#[test]
fn signature_blocks_stay_on_one_page() {
    // Grow the body clause by clause so that the signatures fall at every height of a
    // page; the first and last line of each block must share a page.
    for n in 14..=22 {
        let doc = long(n);
        let out = render(&doc);
        let pages: Vec<String> = (1..=pages(&out.path))
            .map(|p| normalise(&text(&out.path, Some(p))))
            .collect();
        for (first, last) in [
            ("For and on behalf of Harbour", "General Manager"),
            ("代表海港峰", "總經理"),
            ("I, Margaret Ho", "Date:"),
        ] {
            let page_of = |s: &str| pages.iter().position(|t| t.contains(s));
            let a = page_of(first).unwrap_or_else(|| panic!("{n} clauses: {first} missing"));
            assert!(
                pages[a].contains(last),
                "{n} clauses: {first} and {last} on different pages"
            );
        }
    }
}

#[test]
fn redline_shows_both_sides_of_a_change_and_each_note_once() {
    let doc = fixture("redline-hant");
    let text = normalise(&text(&render(&doc).path, None).replace('\u{a0}', " "));
    for changed in [
        "USD 1,200,000",
        "USD 1,250,000",
        "120萬美元",
        "125萬美元",
        "No admission",
        "稅項",
    ] {
        assert!(text.contains(changed), "{changed} missing:\n{text}");
    }
    for note in [
        "Moved from 5 → 4",
        "由第5條移至第4條",
        "Changes from version 2 to version 3",
    ] {
        assert_eq!(
            text.matches(note).count(),
            1,
            "{note} not shown exactly once:\n{text}"
        );
    }
}

#[test]
fn redline_marks_are_drawn_in_colour() {
    // The same clause with its spans marked and unmarked must look different, and so must
    // inserted and deleted: colour and line are the only way a reader sees the change.
    let base = fixture("agreement-hant");
    let marked = |mark: Mark| {
        let mut d = base.clone();
        d.clauses.truncate(3);
        for s in d.clauses.iter_mut().flat_map(|c| c.text_en.iter_mut()) {
            s.mark = mark;
        }
        png_pages(&d, 0.5).unwrap().remove(0)
    };
    let [same, ins, del] = [Mark::Same, Mark::Inserted, Mark::Deleted].map(marked);
    assert_ne!(same, ins);
    assert_ne!(same, del);
    assert_ne!(ins, del);
}

#[test]
fn every_font_is_embedded_and_subset() {
    for (name, cjk, other) in [
        ("agreement-hant", "NotoSerifCJKhk", "NotoSerifCJKsc"),
        ("agreement-hans", "NotoSerifCJKsc", "NotoSerifCJKhk"),
    ] {
        let out = render(&fixture(name));
        let list = String::from_utf8(tool("pdffonts", &[out.path.to_str().unwrap()])).unwrap();
        let rows: Vec<&str> = list.lines().skip(2).collect();
        assert!(rows.len() >= 3, "{name}: {list}");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type... emb sub uni object ID: the three yes/no columns before the id.
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: {row}");
        }
        for family in [
            "NotoSerif-Regular",
            "NotoSerif-Bold",
            &format!("{cjk}-Regular"),
            &format!("{cjk}-Bold"),
        ] {
            assert!(
                rows.iter().any(|r| r.contains(family)),
                "{name}: {family} not used:\n{list}"
            );
        }
        assert!(
            !list.contains(other),
            "{name}: the other region's face is used:\n{list}"
        );
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = fixture("agreement-hant");
    let first = pdf(&doc).unwrap();
    let _ = pdf(&fixture("redline-hant")).unwrap();
    assert!(
        first == pdf(&doc).unwrap(),
        "two renders of one document differ"
    );
    let mut later = doc.clone();
    later.date = "2027-03-02".into();
    assert!(first != pdf(&later).unwrap(), "the date is not in the PDF");
}

#[test]
fn png_pages_gives_one_png_per_page() {
    let doc = long(30);
    let n = pages(&render(&doc).path);
    let pngs = png_pages(&doc, 1.0).unwrap();
    assert_eq!(pngs.len(), n);
    for png in &pngs {
        let (w, h, _) = decode(png);
        // A4 is 595.28 × 841.89 pt.
        assert_eq!((w, h), (595, 842));
    }
}

#[test]
fn the_sample_is_covered_and_rare_characters_are_found() {
    for name in FIXTURES {
        let doc = fixture(name);
        let all: String = doc
            .clauses
            .iter()
            .flat_map(|c| [&c.heading_en, &c.heading_zh, &c.text_en, &c.text_zh])
            .flatten()
            .map(|s| s.text.as_str())
            .chain([
                doc.title_en.as_str(),
                &doc.title_zh,
                &doc.regime_zh,
                &doc.reference_zh,
            ])
            .collect();
        assert_eq!(
            fonts::uncovered(doc.script, &all),
            Vec::<char>::new(),
            "{name}"
        );
    }
    assert_eq!(
        fonts::uncovered(Script::Hant, "吉野家 𠮷野家 🙂"),
        ['𠮷', '🙂']
    );
}

#[test]
fn hostile_text_renders_as_text() {
    let markup = r#"#set page(width: 1pt) #panic("x") #import "@preview/x:1.0.0" #read("/etc/passwd") [a]*b*_c_ $x^2$ @ref <label> \ {{x}} ` // /* "#;
    let rtl = "שלום עולם مرحبا بالعالم";
    let long_word = "a".repeat(3000);
    let big = "The Respondent shall pay. ".repeat(4000); // 104 KB
    let mut doc = fixture("agreement-hant");
    doc.title_en = format!("{markup} title");
    doc.clauses = vec![
        plain_clause("1", markup, markup),
        plain_clause(
            "2",
            &format!("nul\u{0}bell\u{7}esc\u{1b}[0m del\u{7f} c1\u{9b} end {rtl} 🙂👨‍👩‍👧"),
            "控制\u{0}字元🙂",
        ),
        plain_clause("3", &long_word, &"長".repeat(3000)),
        plain_clause("4", &big, "大"),
    ];
    let out = render(&doc);
    let text = text(&out.path, None);
    let flat = normalise(&text);
    for literal in [
        "#set page(width: 1pt)",
        "#panic(\"x\")",
        "@preview/x:1.0.0",
        "[a]*b*_c_",
        "$x^2$",
        "<label>",
        "{{x}}",
        "nulbellesc[0m",
        "end",
    ] {
        assert!(
            flat.contains(literal),
            "{literal:?} not printed as text:\n{}",
            &flat[..2000.min(flat.len())]
        );
    }
    // No shipped font has Hebrew: the pre-final check is what tells the mediator.
    assert!(fonts::uncovered(Script::Hant, rtl).contains(&'ש'));
    assert!(flat.contains("مرحبا"), "Arabic missing");
    assert_eq!(
        flat.matches("Respondent").count(),
        4000,
        "the 100 KB clause is not all there"
    );
    // The 3,000-letter word is printed whole, broken where it must: an overlong word
    // would run off the page, and what is off the page is lost to the reader.
    assert!(text.chars().filter(|&c| c == 'a').count() >= 3000);
    assert_eq!(text.chars().filter(|&c| c == '長').count(), 3000);
}

#[test]
fn bad_input_is_a_typed_error() {
    let mut doc = fixture("agreement-hant");
    doc.date = "2027-02-30".into();
    let e = pdf(&doc).unwrap_err();
    assert_eq!(
        e,
        Error::InvalidDate {
            date: "2027-02-30".into()
        }
    );
    assert_eq!(e.code(), "print-invalid-date");
    assert!(e.to_string().contains("2027-02-30"));

    let mut doc = fixture("agreement-hant");
    doc.clauses[0].depth = 4;
    assert_eq!(pdf(&doc).unwrap_err().code(), "print-invalid-depth");
    for scale in [0.0, -1.0, f32::NAN, f32::INFINITY, 100.0] {
        let e = png_pages(&fixture("agreement-hant"), scale).unwrap_err();
        assert_eq!(e.code(), "print-invalid-scale", "{scale}");
    }
}

#[test]
fn an_empty_agreement_still_prints() {
    let mut doc = fixture("agreement-hans");
    doc.clauses.clear();
    doc.reference_en.clear();
    doc.reference_zh.clear();
    let out = render(&doc);
    assert_eq!(pages(&out.path), 1);
}

// --- Golden pages ---------------------------------------------------------------------

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    // Compare in grey: poppler writes RGB, one channel is enough for a layout.
    let channels = info.color_type.samples();
    let grey = buf.chunks(channels).map(|p| p[0]).collect();
    (info.width, info.height, grey)
}

/// Mean absolute difference of two equally sized images, 0–255.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    let sum: u64 = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as u64).sum();
    sum as f64 / a.len() as f64
}

/// What a golden may differ by: rasterisation noise. The same machine gives 0.000; the
/// DRAFT watermark alone, taken away, makes 0.44–0.48 on each page of the Simplified
/// draft, and a moved line of text more.
const TOLERANCE: f64 = 0.1;

#[test]
fn pages_match_the_golden_images() {
    let bless = std::env::var_os("ACCORD_BLESS").is_some_and(|v| v == "1");
    let golden = crate_dir().join("tests/golden");
    let mut failures = Vec::new();
    for name in FIXTURES {
        let out = render(&fixture(name));
        let prefix = out.dir.path().join(name);
        tool(
            "pdftoppm",
            &[
                "-r",
                "40",
                "-png",
                out.path.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let mut made: Vec<_> = std::fs::read_dir(out.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        made.sort();
        let stored: Vec<_> = (1..=made.len())
            .map(|i| golden.join(format!("{name}-{i}.png")))
            .collect();
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            for old in std::fs::read_dir(&golden)
                .unwrap()
                .map(|e| e.unwrap().path())
            {
                if old
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .starts_with(&format!("{name}-"))
                {
                    std::fs::remove_file(old).unwrap();
                }
            }
            for (from, to) in made.iter().zip(&stored) {
                std::fs::copy(from, to).unwrap();
            }
            continue;
        }
        let golden_pages = std::fs::read_dir(&golden)
            .map(|d| {
                d.filter(|e| {
                    let n = e.as_ref().unwrap().file_name();
                    let n = n.to_str().unwrap();
                    n.starts_with(&format!("{name}-")) && n.ends_with(".png")
                })
                .count()
            })
            .unwrap_or(0);
        assert_eq!(
            made.len(),
            golden_pages,
            "{name}: page count differs from tests/golden (ACCORD_BLESS=1 regenerates)"
        );
        for (page, (now, was)) in made.iter().zip(&stored).enumerate() {
            let (w1, h1, a) = decode(&std::fs::read(now).unwrap());
            let (w2, h2, b) = decode(&std::fs::read(was).unwrap());
            assert_eq!((w1, h1), (w2, h2), "{name} page {}: size differs", page + 1);
            let d = difference(&a, &b);
            if d > TOLERANCE {
                failures.push(format!("{name} page {}: {d:.3}", page + 1));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "pages differ from their goldens by more than {TOLERANCE} (mean grey level, 0-255; \
         ACCORD_BLESS=1 regenerates): {failures:?}"
    );
}
