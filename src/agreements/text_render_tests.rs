//! Markdown and HTML of an agreement: both languages in their layout, references and
//! facts written out, DRAFT on a draft, the fingerprint on a version, hostile text inert.

use super::*;
use crate::agreements::fields::Fact;
use crate::agreements::versions::{FrozenAgreement, FrozenClause};
use crate::ids::{AgreementId, ClauseId};
use crate::notes::ChineseScript;

/// Two clauses, the second referring to the first, with one of the case's facts.
pub(crate) fn frozen(text_en: &str) -> Frozen {
    let first = ClauseId::new();
    Frozen {
        agreement: FrozenAgreement {
            title_en: Some("Settlement Agreement".into()),
            title_zh: Some("和解協議".into()),
            zh_script: ChineseScript::Traditional,
            language_regime: LanguageRegime::Equal,
        },
        clauses: vec![
            FrozenClause {
                id: first,
                number: "1".into(),
                depth: 1,
                heading_en: "Payment".into(),
                heading_zh: "付款".into(),
                text_en: text_en.into(),
                text_zh: "{{party.responding}}須支付1,250,000美元。".into(),
                kind: None,
            },
            FrozenClause {
                id: ClauseId::new(),
                number: "2".into(),
                depth: 1,
                heading_en: "Costs".into(),
                heading_zh: "費用".into(),
                text_en: format!("As in {{{{clause:{first}}}}}."),
                text_zh: format!("按{{{{clause:{first}}}}}。"),
                kind: None,
            },
        ],
        facts: vec![Fact {
            name: "party.responding".into(),
            en: "Kowloon Port Co".into(),
            zh: "九龍港口公司".into(),
        }],
    }
}

/// Version 2, "As signed", saved on 2 December 2026.
pub(crate) fn version() -> AgreementVersion {
    AgreementVersion {
        agreement_id: AgreementId::new(),
        version: 2,
        label: "As signed".into(),
        saved_at: "2026-12-02T10:00:00Z".into(),
        saved_by: "Mediator".into(),
        fingerprint: "0123456789abcdef".repeat(4),
    }
}

#[test]
fn side_by_side_keeps_each_clause_in_one_row_with_references_and_facts_written_out() {
    let f = frozen("{{party.responding}} pays USD 1,250,000.");
    let md = markdown(&Rendering {
        frozen: &f,
        version: None,
        layout: Layout::SideBySide,
    });
    assert!(
        md.starts_with("# DRAFT 草稿 — Settlement Agreement / 和解協議"),
        "{md}"
    );
    assert!(
        md.contains("| **1 Payment** Kowloon Port Co pays USD 1,250,000. | **1 付款** 九龍港口公司須支付1,250,000美元。 |"),
        "{md}"
    );
    assert!(
        md.contains("As in clause 1.") && md.contains("按第1條。"),
        "{md}"
    );
    let html = html(&Rendering {
        frozen: &f,
        version: Some(&version()),
        layout: Layout::Sequential,
    });
    assert!(!html.contains("DRAFT"), "a saved version is no draft");
    assert!(
        html.contains("fingerprint 0123 4567 89ab cdef"),
        "the version's fingerprint at the foot"
    );
    let en = html.find("<section lang=\"en\">").unwrap();
    let zh = html.find("<section lang=\"zh-Hant\">").unwrap();
    assert!(en < zh, "one language after the other");
}

#[test]
fn hostile_text_is_only_text() {
    let f = frozen("<script>alert(1)</script> <img src=x onerror=alert(2)> | a \"quote\"");
    for layout in [Layout::SideBySide, Layout::Sequential] {
        let page = html(&Rendering {
            frozen: &f,
            version: None,
            layout,
        });
        assert!(
            !page.contains("<script>") && !page.contains("<img"),
            "{page}"
        );
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("default-src 'none'"), "no resource may load");
        let md = markdown(&Rendering {
            frozen: &f,
            version: None,
            layout,
        });
        assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
        if layout == Layout::SideBySide {
            assert!(md.contains("\\|"), "a | cannot break the table: {md}");
        }
    }
}
