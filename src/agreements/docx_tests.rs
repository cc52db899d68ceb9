//! The agreement and its redline as Word files: read back from the zip as Word would
//! (the table, fonts, fields, tracked changes), accepted and rejected by reading our own
//! XML, the same bytes every time, hostile text inert, and opened by a real LibreOffice.

use std::io::Read;
use std::process::Command;

use super::*;
use crate::agreements::fields::Fact;
use crate::agreements::redline::between;
use crate::agreements::versions::FrozenAgreement;
use crate::agreements::LanguageRegime;
use crate::ids::{AgreementId, ClauseId};

fn clause(number: &str, heading: (&str, &str), text: (&str, &str)) -> FrozenClause {
    FrozenClause {
        id: ClauseId::new(),
        number: number.into(),
        depth: 1,
        heading_en: heading.0.into(),
        heading_zh: heading.1.into(),
        text_en: text.0.into(),
        text_zh: text.1.into(),
        kind: None,
    }
}

fn frozen(script: ChineseScript, clauses: Vec<FrozenClause>) -> Frozen {
    Frozen {
        agreement: FrozenAgreement {
            title_en: Some("Settlement Agreement".into()),
            title_zh: Some("和解協議".into()),
            zh_script: script,
            language_regime: LanguageRegime::Equal,
        },
        clauses,
        facts: vec![Fact {
            name: "party.responding".into(),
            en: "Kowloon Port Co".into(),
            zh: "九龍港口公司".into(),
        }],
    }
}

fn payment() -> FrozenClause {
    clause(
        "1",
        ("Payment", "付款"),
        (
            "{{party.responding}} pays USD 1,250,000 in June.\nBy wire.\n\nNo set-off.",
            "{{party.responding}}須於六月支付一百二十五萬美元。",
        ),
    )
}

/// The redline from `old` to `new` (version `to`, or the draft as it stands), from 1.
fn compared(old: &Frozen, new: &Frozen, to: Option<i64>) -> Redline {
    Redline {
        agreement_id: AgreementId::new(),
        from: 1,
        to,
        clauses: between(old, new),
    }
}

fn version(n: i64, saved_at: &str) -> AgreementVersion {
    AgreementVersion {
        agreement_id: AgreementId::new(),
        version: n,
        label: "As signed".into(),
        saved_at: saved_at.into(),
        saved_by: "Mediator Chan".into(),
        fingerprint: "0123456789abcdef".repeat(4),
    }
}

/// The Word file's parts, by name.
fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = HashMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().to_string(), text);
    }
    parts
}

fn document(bytes: &[u8]) -> String {
    unzip(bytes).remove("word/document.xml").unwrap()
}

fn rendering<'a>(f: &'a Frozen, v: Option<&'a AgreementVersion>, layout: Layout) -> Rendering<'a> {
    Rendering {
        frozen: f,
        version: v,
        layout,
    }
}

/// Which text a reader of the tracked changes sees.
#[derive(Clone, Copy, PartialEq)]
enum View {
    /// Accept All: deletions gone, insertions kept.
    Accepted,
    /// Reject All: insertions gone, deletions kept.
    Rejected,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The table rows of `document.xml` as `view` shows them, each cell's paragraphs joined
/// by line breaks: what Word or LibreOffice show after Accept All or Reject All.
fn table(xml: &str, view: View) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut paragraphs): (Vec<String>, Vec<String>, String) =
        (Vec::new(), Vec::new(), String::new());
    let (mut in_row_props, mut row_inserted, mut row_deleted) = (false, false, false);
    let (mut inserted, mut deleted, mut in_text) = (0, 0, false);
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if in_text
            && (inserted == 0 || view == View::Accepted)
            && (deleted == 0 || view == View::Rejected)
        {
            paragraphs.push_str(&unescape(&rest[..open]));
        }
        let close = rest[open..].find('>').unwrap() + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or_default();
        let empty = tag.ends_with('/');
        let shown =
            (inserted == 0 || view == View::Accepted) && (deleted == 0 || view == View::Rejected);
        match name {
            "w:tr" => {
                row = Vec::new();
                row_inserted = false;
                row_deleted = false;
            }
            "w:tc" => {
                cell = Vec::new();
                paragraphs.clear();
            }
            "w:trPr" if !empty => in_row_props = true,
            "" if tag == "/w:trPr" => in_row_props = false,
            "w:ins" if in_row_props => row_inserted = true,
            "w:del" if in_row_props => row_deleted = true,
            "w:ins" if !empty => inserted += 1,
            "w:del" if !empty => deleted += 1,
            "w:t" | "w:delText" if !empty => in_text = true,
            "w:br" if shown => paragraphs.push('\n'),
            "w:tab" if shown => paragraphs.push('\t'),
            _ => {}
        }
        match tag {
            "/w:ins" if !in_row_props => inserted -= 1,
            "/w:del" if !in_row_props => deleted -= 1,
            "/w:t" | "/w:delText" => in_text = false,
            "/w:p" => {
                cell.push(std::mem::take(&mut paragraphs));
            }
            "/w:tc" => row.push(std::mem::take(&mut cell).join("\n")),
            "/w:tr" => {
                let gone = match view {
                    View::Accepted => row_deleted,
                    View::Rejected => row_inserted,
                };
                if !gone {
                    rows.push(std::mem::take(&mut row));
                }
            }
            _ => {}
        }
    }
    rows
}

/// What a version's clause table shows: the header row, then each clause's heading line
/// and text in each language.
fn expected(f: &Frozen) -> Vec<Vec<String>> {
    let mut rows = vec![vec!["English".to_string(), "中文".to_string()]];
    for c in f.rendered() {
        let line = |h: &str| {
            if h.is_empty() {
                c.number.clone()
            } else {
                format!("{} {h}", c.number)
            }
        };
        rows.push(vec![
            format!("{}\n{}", line(&c.heading_en), c.text_en),
            format!("{}\n{}", line(&c.heading_zh), c.text_zh),
        ]);
    }
    rows
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_agreement_is_a_bilingual_table_with_fonts_fields_and_its_fingerprint() {
    let f = frozen(
        ChineseScript::Traditional,
        vec![
            payment(),
            clause(
                "2",
                ("Costs", "費用"),
                ("Each bears its own.", "各自承擔。"),
            ),
        ],
    );
    let draft = unzip(&agreement(&rendering(&f, None, Layout::SideBySide)).unwrap());
    let doc = &draft["word/document.xml"];
    assert_eq!(count(doc, "<w:tbl>"), 1, "one table");
    assert_eq!(
        count(doc, "<w:tr>"),
        3,
        "a header row and one row per clause"
    );
    assert_eq!(
        count(doc, "<w:tblHeader />"),
        1,
        "the header row repeats on each page"
    );
    assert_eq!(
        count(doc, "<w:gridCol w:w=\"4819\""),
        2,
        "two columns, widths set"
    );
    assert!(
        doc.contains("w:eastAsia=\"PMingLiU\""),
        "Traditional: PMingLiU"
    );
    assert!(draft["word/styles.xml"].contains("w:eastAsia=\"zh-HK\""));
    assert!(doc.contains("Settlement Agreement / 和解協議"));
    assert!(doc.contains("English and Chinese texts equally authentic / 中英文本同等真確"));
    assert!(doc.contains("<w:b />"), "headings bold");
    // Paragraphs and line breaks kept: "By wire" after a break, "No set-off" its own paragraph.
    let rows = table(doc, View::Accepted);
    assert_eq!(
        rows[1][0],
        "1 Payment\nKowloon Port Co pays USD 1,250,000 in June.\nBy wire.\nNo set-off."
    );
    assert_eq!(
        rows[1][1],
        "1 付款\n九龍港口公司須於六月支付一百二十五萬美元。"
    );
    assert_eq!(rows[0], ["English", "中文"]);
    let footer = &draft["word/footer1.xml"];
    assert!(
        footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
        "{footer}"
    );
    assert!(
        footer.contains("Page ") && footer.contains(" 頁，共 "),
        "{footer}"
    );
    assert!(draft["word/header1.xml"].contains("DRAFT 草稿"));

    let v = version(2, "2026-12-02T10:00:00Z");
    let saved = unzip(&agreement(&rendering(&f, Some(&v), Layout::SideBySide)).unwrap());
    assert!(
        !saved.contains_key("word/header1.xml"),
        "a saved version is no draft"
    );
    assert!(!saved["word/document.xml"].contains("DRAFT"));
    assert!(saved["word/footer1.xml"].contains("fingerprint 0123 4567 89ab cdef"));
    assert!(saved["docProps/core.xml"].contains("2026-12-02T10:00:00Z"));

    let hans = frozen(ChineseScript::Simplified, vec![payment()]);
    let simplified = unzip(&agreement(&rendering(&hans, None, Layout::Sequential)).unwrap());
    assert!(simplified["word/document.xml"].contains("w:eastAsia=\"SimSun\""));
    assert!(simplified["word/styles.xml"].contains("w:eastAsia=\"zh-CN\""));
    assert!(simplified["word/footer1.xml"].contains(" 页，共 "));
    let doc = &simplified["word/document.xml"];
    assert!(!doc.contains("<w:tbl>"), "sequential: no table");
    let (en, zh) = (doc.find(">English<").unwrap(), doc.find(">中文<").unwrap());
    assert!(
        en < zh && doc.contains("<w:pageBreakBefore />"),
        "one language after the other"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let f = frozen(ChineseScript::Traditional, vec![payment()]);
    let (old, new) = two_versions();
    let v = version(2, "2026-12-02T10:00:00Z");
    let red = compared(&old, &new, Some(2));
    let write = || {
        (
            agreement(&rendering(&f, Some(&v), Layout::SideBySide)).unwrap(),
            redline(&red, &old, &new, Some(&v)).unwrap(),
        )
    };
    let once = write();
    // Other files written meanwhile, here and on another thread, and paragraphs made and
    // dropped, move docx-rs's counters of revision and paragraph ids.
    agreement(&rendering(&f, None, Layout::Sequential)).unwrap();
    redline(&red, &new, &old, None).unwrap();
    let _ = (docx_rs::Paragraph::new(), docx_rs::Paragraph::new());
    let other = f.clone();
    std::thread::spawn(move || agreement(&rendering(&other, None, Layout::SideBySide)).unwrap())
        .join()
        .unwrap();
    let again = write();
    assert!(once.0 == again.0, "the same version gives the same bytes");
    assert!(once.1 == again.1, "the same redline gives the same bytes");
    let once = once.0;

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&once[..])).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2026, 12, 2, 10, 0),
            "{} carries the version's saved time",
            entry.name()
        );
    }
    let draft = agreement(&rendering(&f, None, Layout::SideBySide)).unwrap();
    assert!(unzip(&draft)["docProps/core.xml"].contains(DRAFT_TIME));
}

#[test]
fn hostile_text_is_escaped_and_a_character_xml_cannot_hold_is_refused() {
    let hostile = "</w:t></w:r><w:r><w:t>injected & \"quoted\" 'x' <b>";
    let f = frozen(
        ChineseScript::Traditional,
        vec![clause("1", ("Payment", "付款"), (hostile, "<w:p/>付款"))],
    );
    let doc = document(&agreement(&rendering(&f, None, Layout::SideBySide)).unwrap());
    let rows = table(&doc, View::Accepted);
    assert_eq!(rows.len(), 2, "no row or paragraph injected");
    assert_eq!(
        rows[1],
        [format!("1 Payment\n{hostile}"), "1 付款\n<w:p/>付款".into()]
    );
    assert!(doc.contains("&lt;/w:t&gt;"), "metacharacters as entities");

    // The saver's name is an attribute of every revision: escaped once, in w:ins and w:del.
    let (old, new) = two_versions();
    let saver = AgreementVersion {
        saved_by: "Chan & Lee \"HK\" <Mediators>".into(),
        ..version(2, "2026-12-02T10:00:00Z")
    };
    let red = compared(&old, &new, Some(2));
    let doc = document(&redline(&red, &old, &new, Some(&saver)).unwrap());
    let revisions = count(&doc, "<w:ins ") + count(&doc, "<w:del ");
    assert_eq!(
        count(
            &doc,
            "w:author=\"Chan &amp; Lee &quot;HK&quot; &lt;Mediators&gt;\""
        ),
        revisions,
        "{doc}"
    );

    for text in ["pays\u{1}", "pays\u{1b}[31m", "pays\r"] {
        let f = frozen(
            ChineseScript::Traditional,
            vec![clause("1", ("Payment", "付款"), (text, "付款"))],
        );
        let err = agreement(&rendering(&f, None, Layout::SideBySide)).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::InvisibleCharacter {
                    field: "text_en",
                    ..
                }
            ),
            "{err:?}"
        );
        let red = compared(&frozen(ChineseScript::Traditional, vec![]), &f, None);
        assert!(
            redline(&red, &f, &f, None).is_err(),
            "the redline refuses it too"
        );
    }
}

/// Version 1 and version 2: clause 1 edited in both languages (a line added to its
/// Chinese), clause 2 edited (its English heading cleared), clause 3
/// removed and a new clause 3 added; no clause renumbered.
fn two_versions() -> (Frozen, Frozen) {
    let first = payment();
    let costs = clause(
        "2",
        ("Costs", "費用"),
        ("Each party bears its own costs.", "各方自行承擔費用。"),
    );
    let secret = clause(
        "3",
        ("Confidentiality", "保密"),
        ("All is confidential.", "一切保密。"),
    );
    let old = frozen(
        ChineseScript::Traditional,
        vec![first.clone(), costs.clone(), secret],
    );
    let new = frozen(
        ChineseScript::Traditional,
        vec![
            FrozenClause {
                text_en:
                    "{{party.responding}} pays USD 1,300,000 in July.\nBy wire.\n\nNo set-off."
                        .into(),
                text_zh: "{{party.responding}}須於七月支付一百三十萬美元。\n以電匯支付。".into(),
                ..first
            },
            FrozenClause {
                heading_en: String::new(),
                text_en: "Each party bears its own costs and fees.".into(),
                ..costs
            },
            clause(
                "3",
                ("Law", "法律"),
                ("Hong Kong law applies.", "適用香港法律。"),
            ),
        ],
    );
    (old, new)
}

#[test]
fn a_redline_is_tracked_changes_that_accept_to_the_newer_and_reject_to_the_older() {
    let (old, new) = two_versions();
    let v2 = version(2, "2026-12-03T09:30:00Z");
    let red = compared(&old, &new, Some(2));
    let doc = document(&redline(&red, &old, &new, Some(&v2)).unwrap());
    let revision = "w:author=\"Mediator Chan\" w:date=\"2026-12-03T09:30:00Z\"";
    assert!(
        doc.contains(revision),
        "by the newer version's saver, at its time"
    );
    // English by word, Chinese numbers whole: one deletion and one insertion each.
    for (deleted, inserted) in [
        ("1,250,000", "1,300,000"),
        ("June", "July"),
        ("一百二十五萬", "一百三十萬"),
        ("六", "七"),
    ] {
        assert_eq!(
            count(&doc, &format!(">{deleted}</w:delText>")),
            1,
            "{deleted} deleted whole"
        );
        assert_eq!(
            count(&doc, &format!(">{inserted}</w:t></w:r></w:ins>")),
            1,
            "{inserted} inserted whole"
        );
    }
    assert!(
        !doc.contains(">二</w:delText>"),
        "not 一百[-二-]{{+三+}}十[-五-]萬"
    );
    assert_eq!(
        count(&doc, "<w:trPr><w:ins "),
        1,
        "the added clause's row is inserted"
    );
    assert_eq!(
        count(&doc, "<w:trPr><w:del "),
        1,
        "the removed clause's row is deleted"
    );

    let accepted = table(&doc, View::Accepted);
    let rejected = table(&doc, View::Rejected);
    // The title and regime lines are unchanged paragraphs before the table; the table is
    // the clause text of each version, exactly.
    assert_eq!(accepted, expected(&new), "Accept All gives version 2");
    assert_eq!(rejected, expected(&old), "Reject All gives version 1");
}

#[test]
fn a_moved_clause_shows_once_with_a_note_and_renumbering_is_no_change() {
    let a = clause("1", ("Payment", "付款"), ("Pay.", "付款。"));
    let b = clause("2", ("Costs", "費用"), ("Own costs.", "自付費用。"));
    let c = clause("3", ("Law", "法律"), ("Hong Kong law.", "香港法律。"));
    let old = frozen(
        ChineseScript::Traditional,
        vec![a.clone(), b.clone(), c.clone()],
    );
    let new = frozen(
        ChineseScript::Traditional,
        vec![
            FrozenClause {
                number: "1".into(),
                text_en: "Hong Kong law applies.".into(),
                ..c
            },
            FrozenClause {
                number: "2".into(),
                ..a
            },
            FrozenClause {
                number: "3".into(),
                ..b
            },
        ],
    );
    let red = compared(&old, &new, None);
    let bytes = redline(&red, &old, &new, None).unwrap();
    if let Ok(dump) = std::env::var("ACCORD_DOCX_DUMP") {
        std::fs::write(dump, &bytes).unwrap();
    }
    let parts = unzip(&bytes);
    let doc = &parts["word/document.xml"];
    assert_eq!(
        count(doc, "<w:tr>"),
        4,
        "each clause once, the moved one at its new place"
    );
    assert!(
        parts["word/comments.xml"].contains("moved from 3 → 1 / 由第3條移至第1條"),
        "{}",
        parts["word/comments.xml"]
    );
    assert!(doc.contains("<w:commentRangeStart w:id=\"1\""));
    assert!(doc.contains(&format!(
        "w:author=\"{DRAFT_AUTHOR}\" w:date=\"{DRAFT_TIME}\""
    )));
    let accepted = table(doc, View::Accepted);
    assert_eq!(accepted, expected(&new));
    let rejected = table(doc, View::Rejected);
    assert_eq!(
        rejected[1][0], "1 Law\nHong Kong law.",
        "its old words, at its new place and number"
    );
    assert_eq!(
        rejected[2..],
        accepted[2..],
        "renumbered clauses show no change"
    );
    assert_eq!(
        count(doc, "<w:ins "),
        1,
        "only the moved clause's edit is tracked"
    );
}

/// Runs `soffice --headless --convert-to pdf` on `docx` in a throw-away profile, then
/// `pdftotext` on the PDF; returns the text of each page.
fn libreoffice_pages(docx: &[u8]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("accord-docx-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("agreement.docx");
    std::fs::write(&file, docx).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let mut child = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "LibreOffice (soffice) is needed for this test and did not start ({e}); \
                 scripts/setup.sh installs libreoffice-writer-nogui"
            )
        });
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(180) {
            child.kill().ok();
            panic!("soffice took more than 180 s to convert {}", file.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let pdf = dir.join("agreement.pdf");
    assert!(pdf.exists(), "soffice wrote no PDF");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed for this test: {e}"));
    assert!(out.status.success(), "pdftotext failed");
    std::fs::remove_dir_all(&dir).ok();
    // pdftotext ends each page with a form feed.
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_terminator('\u{c}').map(str::to_string).collect()
}

/// Asserts that the PDF's text shows each of `latin` and `chinese`, spaces and line breaks
/// aside. The columns' lines interleave in the text, so the Chinese is looked for in the
/// Chinese alone, which reads in order.
fn shows(text: &str, latin: &[&str], chinese: &[&str]) {
    let flat: String = text.split_whitespace().collect();
    let han: String = flat.chars().filter(|c| !c.is_ascii()).collect();
    for words in latin {
        assert!(flat.contains(words), "{words} missing from:\n{text}");
    }
    for words in chinese {
        assert!(han.contains(words), "{words} missing from:\n{text}");
    }
}

#[test]
fn libreoffice_prints_both_languages_the_repeated_header_and_the_tracked_changes() {
    let mut clauses = vec![payment()];
    for n in 2..=40 {
        clauses.push(clause(
            &n.to_string(),
            ("Terms", "條款"),
            (
                "The parties shall co-operate in good faith.",
                "雙方須真誠合作。",
            ),
        ));
    }
    let f = frozen(ChineseScript::Traditional, clauses);
    let v = version(3, "2026-12-02T10:00:00Z");
    let pages =
        libreoffice_pages(&agreement(&rendering(&f, Some(&v), Layout::SideBySide)).unwrap());
    shows(
        &pages.concat(),
        &[
            "SettlementAgreement",
            "KowloonPortCopaysUSD1,250,000",
            "0123456789abcdef",
            "Page1of",
            "第1頁，共",
        ],
        &["和解協議", "九龍港口公司須於六月支付一百二十五萬美元"],
    );
    assert!(pages.len() > 1, "40 clauses take more than a page");
    shows(&pages[1], &["English", "Page2of"], &["中文"]);

    // LibreOffice shows a redline's deleted and inserted words both.
    let (old, new) = two_versions();
    let red = compared(&old, &new, Some(2));
    let pages = libreoffice_pages(&redline(&red, &old, &new, Some(&v)).unwrap());
    shows(
        &pages.concat(),
        &[
            "1,250,000",
            "1,300,000",
            "June",
            "July",
            "Confidentiality",
            "HongKonglawapplies.",
        ],
        &[
            "須於六七月支付一百二十五萬一百三十萬美元",
            "保密一切保密",
            "適用香港法律",
        ],
    );
}
