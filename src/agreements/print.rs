//! An agreement, or a redline between two of its versions, as the print renderer's
//! [`Document`]: the print-ready PDF and its PNG preview pages come from
//! `accord_print` (typst, in a leaf crate so its tree stays out of the core's rebuilds).
//!
//! Everything is decided here, the renderer only lays out: numbers and references are the
//! version's, the case's facts are filled in, redline spans are the core's
//! ([`super::redline`]), and the words around the clauses (regime, version, "moved from
//! 5 → 3") are in both languages and the agreement's script.

use accord_print::model::{
    ChangeKind, Clause, ClauseChange as PrintChange, ClauseKind as PrintKind, Document, Footer,
    Layout as PrintLayout, Mark, RedlineHeading, Script, Span,
};

use super::clauses::ClauseKind;
use super::redline::{ClauseChange, ClauseChangeKind};
use super::text_render::{Layout, Rendering};
use super::versions::{short_fingerprint, AgreementVersion, Frozen};
use super::LanguageRegime;
use crate::bilingual::{DiffChange, DiffSpan};
use crate::notes::ChineseScript;

/// The agreement as `r` holds it (the draft as it stands, or a saved version), on the
/// day `today` for a draft (a version is dated by when it was saved).
pub fn agreement(r: &Rendering<'_>, today: chrono::NaiveDate) -> Document {
    let frozen = r.frozen;
    let script = frozen.agreement.zh_script;
    let kinds = kinds(frozen);
    let clauses = frozen
        .rendered()
        .into_iter()
        .map(|c| Clause {
            number: c.number.clone(),
            depth: depth(c.depth),
            kind: kinds(&c.id),
            heading_en: plain(&c.heading_en),
            heading_zh: plain(&c.heading_zh),
            text_en: plain(&c.text_en),
            text_zh: plain(&c.text_zh),
            change: None,
        })
        .collect();
    Document {
        redline: None,
        clauses,
        footer: footer(r.version, script),
        date: r
            .version
            .map(|v| saved_date(v, today))
            .unwrap_or(today)
            .to_string(),
        draft: r.version.is_none(),
        ..frame(frozen, r.layout)
    }
}

/// A redline from version `from` (frozen as `old`) to `to` (or the draft as it stands,
/// frozen as `new`), its clauses as [`super::redline::between`] gives them.
pub struct RedlineRendering<'a> {
    pub old: &'a Frozen,
    pub new: &'a Frozen,
    pub from: &'a AgreementVersion,
    pub to: Option<&'a AgreementVersion>,
    pub changes: &'a [ClauseChange],
    pub layout: Layout,
}

/// The redline as a document: insertions and deletions marked, each moved clause once at
/// its new place with where it came from, renumbering never a change.
pub fn redline(r: &RedlineRendering<'_>, today: chrono::NaiveDate) -> Document {
    let script = r.new.agreement.zh_script;
    let (new_kinds, old_kinds) = (kinds(r.new), kinds(r.old));
    let clauses = r
        .changes
        .iter()
        .map(|c| Clause {
            number: c
                .number_to
                .clone()
                .or_else(|| c.number_from.clone())
                .unwrap_or_default(),
            depth: depth(c.depth),
            kind: match c.change {
                ClauseChangeKind::Removed => old_kinds(&c.id),
                _ => new_kinds(&c.id),
            },
            heading_en: marked(&c.heading_en),
            heading_zh: marked(&c.heading_zh),
            text_en: marked(&c.text_en),
            text_zh: marked(&c.text_zh),
            change: change_note(c, script),
        })
        .collect();
    let to_en = match r.to {
        Some(v) => format!("version {} “{}”", v.version, v.label),
        None => "the draft as it stands".to_string(),
    };
    let to_zh = match (r.to, script) {
        (Some(v), _) => format!("版本 {}「{}」", v.version, v.label),
        (None, ChineseScript::Traditional) => "現行草稿".to_string(),
        (None, ChineseScript::Simplified) => "现行草稿".to_string(),
    };
    let heading = RedlineHeading {
        en: format!(
            "Changes from version {} “{}” to {to_en}",
            r.from.version, r.from.label
        ),
        zh: format!(
            "由版本 {}「{}」至{to_zh}的修改",
            r.from.version, r.from.label
        ),
    };
    Document {
        redline: Some(heading),
        clauses,
        footer: footer(r.to, script),
        date: r
            .to
            .map(|v| saved_date(v, today))
            .unwrap_or(today)
            .to_string(),
        draft: r.to.is_none(),
        ..frame(r.new, r.layout)
    }
}

/// Version `version` of the agreement, or the draft as it stands, as a document.
pub fn document_of(
    conn: &rusqlite::Connection,
    agreement_id: crate::ids::AgreementId,
    version: Option<i64>,
    layout: Layout,
    today: chrono::NaiveDate,
) -> crate::error::Result<Document> {
    let (listed, frozen) = super::versions::frozen(conn, agreement_id, version)?;
    let r = Rendering {
        frozen: &frozen,
        version: listed.as_ref(),
        layout,
    };
    Ok(agreement(&r, today))
}

/// The redline from version `from` to `to` (or the draft as it stands) as a document.
pub fn redline_of(
    conn: &rusqlite::Connection,
    agreement_id: crate::ids::AgreementId,
    from: i64,
    to: Option<i64>,
    layout: Layout,
    today: chrono::NaiveDate,
) -> crate::error::Result<Document> {
    let (from_version, old) = super::versions::load(conn, agreement_id, from)?;
    let (to_version, new) = super::versions::frozen(conn, agreement_id, to)?;
    let changes = super::redline::between(&old, &new);
    Ok(redline(
        &RedlineRendering {
            old: &old,
            new: &new,
            from: &from_version,
            to: to_version.as_ref(),
            changes: &changes,
            layout,
        },
        today,
    ))
}

/// The print-ready PDF of `doc`.
pub fn pdf(doc: &Document) -> crate::error::Result<Vec<u8>> {
    accord_print::pdf(doc).map_err(print_failed)
}

/// `doc`'s pages as PNG images, for a preview, at `pixels_per_pt` (1.0 = 72 dpi).
pub fn png_pages(doc: &Document, pixels_per_pt: f32) -> crate::error::Result<Vec<Vec<u8>>> {
    accord_print::png_pages(doc, pixels_per_pt).map_err(print_failed)
}

fn print_failed(e: accord_print::Error) -> crate::error::Error {
    crate::error::Error::PrintFailed {
        detail: format!("{} ({e})", e.code()),
    }
}

/// What every document of `frozen` shows around its clauses.
fn frame(frozen: &Frozen, layout: Layout) -> Document {
    let a = &frozen.agreement;
    let script = a.zh_script;
    let fields = frozen.fields();
    let (reference_en, reference_zh) = match fields.en.get("case.number") {
        Some(number) if !number.is_empty() => (
            format!("Case {number}"),
            match script {
                ChineseScript::Traditional => format!("案件編號 {number}"),
                ChineseScript::Simplified => format!("案件编号 {number}"),
            },
        ),
        _ => (String::new(), String::new()),
    };
    let (regime_en, regime_zh) = regime(a.language_regime, script);
    Document {
        layout: match layout {
            Layout::SideBySide => PrintLayout::SideBySide,
            Layout::Sequential => PrintLayout::Sequential,
        },
        script: match script {
            ChineseScript::Traditional => Script::Hant,
            ChineseScript::Simplified => Script::Hans,
        },
        draft: true,
        title_en: a.title_en.clone().unwrap_or_default(),
        title_zh: a.title_zh.clone().unwrap_or_default(),
        regime_en: regime_en.to_string(),
        regime_zh: regime_zh.to_string(),
        reference_en,
        reference_zh,
        redline: None,
        clauses: Vec::new(),
        footer: footer(None, script),
        date: String::new(),
    }
}

/// The language-regime line in both languages.
pub fn regime(regime: LanguageRegime, script: ChineseScript) -> (&'static str, &'static str) {
    let traditional = script == ChineseScript::Traditional;
    match regime {
        LanguageRegime::Equal => (
            "The English and Chinese texts are equally authentic.",
            if traditional {
                "中文本與英文本同等作準。"
            } else {
                "中文本与英文本同等作准。"
            },
        ),
        LanguageRegime::EnPrevails => (
            "The English text prevails.",
            if traditional {
                "以英文本為準。"
            } else {
                "以英文本为准。"
            },
        ),
        LanguageRegime::ZhPrevails => (
            "The Chinese text prevails.",
            if traditional {
                "以中文本為準。"
            } else {
                "以中文本为准。"
            },
        ),
    }
}

fn footer(version: Option<&AgreementVersion>, script: ChineseScript) -> Footer {
    match version {
        None => Footer {
            version_en: String::new(),
            version_zh: String::new(),
            fingerprint: None,
        },
        Some(v) => Footer {
            version_en: format!("Version {} “{}”", v.version, v.label),
            version_zh: match script {
                ChineseScript::Traditional => format!("版本 {}「{}」", v.version, v.label),
                ChineseScript::Simplified => format!("版本 {}“{}”", v.version, v.label),
            },
            fingerprint: Some(short_fingerprint(&v.fingerprint)),
        },
    }
}

/// The day a version was saved (its stored UTC time's date), or `fallback` if unreadable.
fn saved_date(v: &AgreementVersion, fallback: chrono::NaiveDate) -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&v.saved_at)
        .map(|t| t.date_naive())
        .unwrap_or(fallback)
}

/// Each clause's kind in `frozen`, by id (plain when it has none or is not there).
fn kinds(frozen: &Frozen) -> impl Fn(&crate::ids::ClauseId) -> PrintKind + '_ {
    move |id| {
        let kind = frozen
            .clauses
            .iter()
            .find(|c| c.id == *id)
            .and_then(|c| c.kind);
        match kind {
            None => PrintKind::Plain,
            Some(ClauseKind::Language) => PrintKind::Language,
            Some(ClauseKind::Signatures) => PrintKind::Signatures,
            Some(ClauseKind::MediatorStatement) => PrintKind::MediatorStatement,
        }
    }
}

fn depth(depth: usize) -> u8 {
    u8::try_from(depth).unwrap_or(u8::MAX)
}

fn plain(text: &str) -> Vec<Span> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Span::plain(text)]
    }
}

fn marked(spans: &[DiffSpan]) -> Vec<Span> {
    spans
        .iter()
        .map(|s| Span {
            text: s.text.clone(),
            mark: match s.change {
                DiffChange::Same => Mark::Same,
                DiffChange::Added => Mark::Inserted,
                DiffChange::Removed => Mark::Deleted,
            },
        })
        .collect()
}

/// How a clause changed as a whole, in both languages; `None` if only its words did.
pub fn change_note(c: &ClauseChange, script: ChineseScript) -> Option<PrintChange> {
    let traditional = script == ChineseScript::Traditional;
    let (kind, note_en, note_zh) = match (c.change, &c.number_from, &c.number_to) {
        (ClauseChangeKind::Added, _, _) => {
            (ChangeKind::Added, "added".to_string(), "新增".to_string())
        }
        (ClauseChangeKind::Removed, _, _) => (
            ChangeKind::Removed,
            "removed".to_string(),
            if traditional { "刪除" } else { "删除" }.to_string(),
        ),
        (ClauseChangeKind::Moved, Some(from), Some(to)) => (
            ChangeKind::Moved,
            format!("moved from {from} → {to}"),
            if traditional {
                format!("由第{from}條移至第{to}條")
            } else {
                format!("由第{from}条移至第{to}条")
            },
        ),
        _ => return None,
    };
    Some(PrintChange {
        kind,
        note_en,
        note_zh,
    })
}

#[cfg(test)]
#[path = "print_tests.rs"]
mod print_tests;
