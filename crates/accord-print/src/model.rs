//! What the renderer is handed: an agreement already numbered, filled and (for a redline)
//! diffed by the core. Plain data; the typst template reads it as JSON from memory, so no
//! clause text is ever spliced into markup.
//!
//! Every string is final text as printed: the core has written out cross-references with
//! the version's numbers and the case's facts with their values.

use serde::{Deserialize, Serialize};

/// One agreement to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub layout: Layout,
    /// Picks the Chinese font (Traditional: Noto Serif CJK HK; Simplified: SC) and the
    /// punctuation style (zh-HK or zh-CN).
    pub script: Script,
    /// A draft carries a DRAFT 草稿 watermark on every page (drawn, never text).
    pub draft: bool,
    pub title_en: String,
    pub title_zh: String,
    /// The language-regime line ("English and Chinese texts equally authentic").
    pub regime_en: String,
    pub regime_zh: String,
    /// The case's reference, e.g. "IOMed case 2026-014 / 案件編號 2026-014"; may be empty.
    pub reference_en: String,
    pub reference_zh: String,
    /// For a redline: what is compared ("Changes from version 2 to version 3"). `None`
    /// for an agreement.
    pub redline: Option<RedlineHeading>,
    pub clauses: Vec<Clause>,
    pub footer: Footer,
    /// The document's date (ISO `YYYY-MM-DD`), stamped into the PDF's metadata: a fixed
    /// input, so that the same document gives the same bytes.
    pub date: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One row per clause, English left, Chinese right: the languages stay aligned.
    SideBySide,
    /// Every clause in English, then every clause in Chinese.
    Sequential,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Hant,
    Hans,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedlineHeading {
    pub en: String,
    pub zh: String,
}

/// One clause in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// "4.2"; in a redline, a removed clause's number in the older version.
    pub number: String,
    /// 1 for a top-level clause, up to 3.
    pub depth: u8,
    pub kind: ClauseKind,
    pub heading_en: Vec<Span>,
    pub heading_zh: Vec<Span>,
    /// Paragraphs are separated by "\n\n", line breaks by "\n".
    pub text_en: Vec<Span>,
    pub text_zh: Vec<Span>,
    /// In a redline: how this clause changed as a whole, with the words to show
    /// ("moved from 5 → 3" / "由第5條移至第3條"). `None` for an unchanged clause or in
    /// an agreement.
    pub change: Option<ClauseChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseKind {
    Plain,
    Language,
    /// Laid out as signature blocks: kept on one page, `____` runs drawn as signing lines.
    Signatures,
    MediatorStatement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseChange {
    pub kind: ChangeKind,
    pub note_en: String,
    pub note_zh: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
}

/// A run of text, unchanged or (in a redline) inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub mark: Mark,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            mark: Mark::Same,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Same,
    Inserted,
    Deleted,
}

/// What every page's foot shows besides its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footer {
    /// "Version 3 “as signed”" / "版本 3「as signed」"; empty for a draft.
    pub version_en: String,
    pub version_zh: String,
    /// The version's short fingerprint ("0123 4567 89ab cdef"), so that every signatory
    /// can see they sign the same text; `None` for a draft.
    pub fingerprint: Option<String>,
}
