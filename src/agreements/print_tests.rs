//! What the print renderer is handed: the version's words, numbers and facts, the frame in
//! the agreement's script, DRAFT and the date for a draft, the fingerprint for a version,
//! and for a redline the core's marks with each moved clause's note once.

use super::*;
use crate::agreements::redline::between;
use crate::agreements::text_render::text_render_tests::{frozen, version};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

fn rendering<'a>(f: &'a Frozen, v: Option<&'a AgreementVersion>) -> Rendering<'a> {
    Rendering {
        frozen: f,
        version: v,
        layout: Layout::SideBySide,
    }
}

/// The redline of `old` to `new` from version 2, to `to` (or the draft).
fn redline_of(
    old: &Frozen,
    new: &Frozen,
    to: Option<&AgreementVersion>,
    layout: Layout,
) -> Document {
    let from = version();
    let changes = between(old, new);
    redline(
        &RedlineRendering {
            old,
            new,
            from: &from,
            to,
            changes: &changes,
            layout,
        },
        today(),
    )
}

fn text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn a_draft_is_marked_draft_dated_today_with_references_and_facts_written_out() {
    let mut f = frozen("{{party.responding}} pays USD 1,250,000.");
    f.clauses[1].kind = Some(ClauseKind::Signatures);
    let doc = agreement(&rendering(&f, None), today());
    assert!(doc.draft);
    assert_eq!(doc.date, "2027-03-01");
    assert_eq!(doc.footer.fingerprint, None);
    assert_eq!(doc.script, Script::Hant);
    assert_eq!(doc.title_zh, "和解協議");
    assert_eq!(doc.regime_zh, "中文本與英文本同等作準。");
    assert_eq!(
        text(&doc.clauses[0].text_en),
        "Kowloon Port Co pays USD 1,250,000."
    );
    assert_eq!(
        text(&doc.clauses[0].text_zh),
        "九龍港口公司須支付1,250,000美元。"
    );
    assert_eq!(text(&doc.clauses[1].text_en), "As in clause 1.");
    assert_eq!(doc.clauses[0].kind, PrintKind::Plain);
    assert_eq!(doc.clauses[1].kind, PrintKind::Signatures);
    assert!(doc.clauses.iter().all(|c| c.change.is_none()));
}

#[test]
fn a_version_carries_its_fingerprint_and_the_day_it_was_saved() {
    let f = frozen("Payment.");
    let v = version();
    let doc = agreement(&rendering(&f, Some(&v)), today());
    assert!(!doc.draft);
    assert_eq!(doc.date, "2026-12-02", "the version's day, not today's");
    assert_eq!(
        doc.footer.fingerprint.as_deref(),
        Some("0123 4567 89ab cdef")
    );
    assert_eq!(doc.footer.version_en, "Version 2 “As signed”");
    assert_eq!(doc.footer.version_zh, "版本 2「As signed」");
}

#[test]
fn simplified_agreements_are_framed_in_simplified_characters() {
    let mut f = frozen("Payment.");
    f.agreement.zh_script = ChineseScript::Simplified;
    f.agreement.language_regime = LanguageRegime::ZhPrevails;
    let doc = agreement(&rendering(&f, None), today());
    assert_eq!(doc.script, Script::Hans);
    assert_eq!(doc.regime_zh, "以中文本为准。");
}

#[test]
fn a_redline_marks_words_and_notes_a_moved_clause_once_in_both_languages() {
    let old = frozen("The respondent pays USD 1,250,000.");
    let mut new = old.clone();
    new.clauses.swap(0, 1);
    new.clauses[0].number = "1".into();
    new.clauses[1].number = "2".into();
    new.clauses[1].text_en = "The respondent pays USD 1,300,000.".into();
    let doc = redline_of(&old, &new, None, Layout::Sequential);
    assert!(doc.draft, "compared with the unsaved draft");
    let heading = doc.redline.expect("a redline says what it compares");
    assert_eq!(
        heading.en,
        "Changes from version 2 “As signed” to the draft as it stands"
    );
    assert_eq!(heading.zh, "由版本 2「As signed」至現行草稿的修改");
    let notes: Vec<_> = doc
        .clauses
        .iter()
        .filter_map(|c| c.change.clone())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].kind, ChangeKind::Moved);
    assert!(
        ["moved from 1 → 2", "moved from 2 → 1"].contains(&notes[0].note_en.as_str()),
        "{notes:?}"
    );
    assert!(notes[0].note_zh.starts_with("由第") && notes[0].note_zh.ends_with("條"));
    let payment = doc
        .clauses
        .iter()
        .find(|c| text(&c.heading_en) == "Payment")
        .unwrap();
    let deleted: String = payment
        .text_en
        .iter()
        .filter(|s| s.mark == Mark::Deleted)
        .map(|s| s.text.as_str())
        .collect();
    let inserted: String = payment
        .text_en
        .iter()
        .filter(|s| s.mark == Mark::Inserted)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        (deleted.as_str(), inserted.as_str()),
        ("1,250,000", "1,300,000")
    );
}

#[test]
fn a_removed_clause_keeps_its_kind_and_number_from_the_older_version() {
    let mut old = frozen("Payment.");
    old.clauses[1].kind = Some(ClauseKind::MediatorStatement);
    let mut new = old.clone();
    new.clauses.pop();
    let doc = redline_of(&old, &new, Some(&version()), Layout::SideBySide);
    let removed = doc
        .clauses
        .iter()
        .find(|c| {
            c.change
                .as_ref()
                .is_some_and(|n| n.kind == ChangeKind::Removed)
        })
        .unwrap();
    assert_eq!(removed.number, "2");
    assert_eq!(removed.kind, PrintKind::MediatorStatement);
    assert_eq!(removed.change.as_ref().unwrap().note_zh, "刪除");
    assert!(removed.text_en.iter().all(|s| s.mark == Mark::Deleted));
    assert!(!doc.draft);
}
