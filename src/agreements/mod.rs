//! Settlement agreements: what a mediation produces, in English and Chinese.
//!
//! An agreement belongs to a case and holds numbered clauses ([`clauses`]), each with a
//! heading and text in both languages and every party's position on it, and frozen
//! versions ([`versions`]) that redlines compare ([`redline`]). [`figures`] reads the
//! amounts, currencies, percentages and dates of a clause's two texts, for the check that
//! they say the same. Named `agreements`, not `drafts`:
//! `notes::draft` is a note's autosave.
//!
//! Decisions:
//! - A clause's number is its place, computed, never stored: moving or inserting a clause
//!   renumbers the rest and nothing else changes. Cross-references in clause text name a
//!   clause's id (`{{clause:<id>}}`), so they follow renumbering ([`clauses::render`]).
//! - The Chinese script defaults to Traditional: IOMed sits in Hong Kong.
//! - A final agreement changes no more ([`Error::AgreementFinal`]).

pub mod checks;
pub mod clauses;
pub mod docx;
pub mod fields;
pub mod figures;
pub mod library;
pub mod print;
pub mod redline;
pub mod text_render;
pub mod versions;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases;
use crate::error::{Entity, Error, Result};
use crate::ids::{AgreementId, CaseId, IdQuery};
use crate::notes::ChineseScript;
use crate::store::Tx;
use crate::text::{self, MAX_TITLE};
use crate::time;
use crate::vocab::vocabulary;

vocabulary!(
    /// Which text of the agreement is authentic: both equally, or one prevails.
    LanguageRegime, "language_regime" {
        Equal => "equal",
        EnPrevails => "en-prevails",
        ZhPrevails => "zh-prevails",
    }
);

vocabulary!(
    /// Where an agreement stands.
    AgreementStatus, "status" {
        Draft => "draft",
        Final => "final",
    }
);

/// An agreement as stored (its clauses are [`clauses::outline`]'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Agreement {
    pub id: AgreementId,
    pub case_id: CaseId,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub zh_script: ChineseScript,
    pub language_regime: LanguageRegime,
    pub status: AgreementStatus,
    pub created_at: String,
    pub updated_at: String,
}

impl Agreement {
    /// Both titles on one line, for tables.
    pub fn title(&self) -> String {
        match (&self.title_en, &self.title_zh) {
            (Some(en), Some(zh)) => format!("{en} / {zh}"),
            (Some(t), None) | (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        }
    }

    pub fn ensure_draft(&self) -> Result<()> {
        match self.status {
            AgreementStatus::Draft => Ok(()),
            AgreementStatus::Final => Err(Error::AgreementFinal),
        }
    }
}

/// What a new agreement needs: a title in at least one language.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NewAgreement {
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub zh_script: Option<ChineseScript>,
    pub language_regime: Option<LanguageRegime>,
}

/// A change to an agreement's own fields. `Some("")` clears a title (one must remain).
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct AgreementUpdate {
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub zh_script: Option<ChineseScript>,
    pub language_regime: Option<LanguageRegime>,
}

const COLUMNS: &str =
    "id, case_id, title_en, title_zh, zh_script, language_regime, status, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: row.get(0)?,
        case_id: row.get(1)?,
        title_en: row.get(2)?,
        title_zh: row.get(3)?,
        zh_script: row.get(4)?,
        language_regime: row.get(5)?,
        status: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

fn titles(en: Option<&str>, zh: Option<&str>) -> Result<(Option<String>, Option<String>)> {
    text::bilingual("title", en, zh, MAX_TITLE)
}

/// A new draft agreement for an open case.
pub fn create(tx: &Tx<'_>, case_id: CaseId, new: NewAgreement) -> Result<Agreement> {
    cases::load(tx, case_id)?.ensure_open()?;
    let (title_en, title_zh) = titles(new.title_en.as_deref(), new.title_zh.as_deref())?;
    let id = AgreementId::new();
    let now = time::to_storage(tx.now());
    tx.execute(
        &format!("INSERT INTO agreements ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"),
        rusqlite::params![
            id,
            case_id,
            title_en,
            title_zh,
            new.zh_script.unwrap_or(ChineseScript::Traditional),
            new.language_regime.unwrap_or(LanguageRegime::Equal),
            AgreementStatus::Draft,
            now,
        ],
    )?;
    let agreement = load(tx, id)?;
    tx.record("agreement.create", &agreement)?;
    Ok(agreement)
}

pub fn load(conn: &Connection, id: AgreementId) -> Result<Agreement> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM agreements WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Agreement,
        id: id.to_string(),
    })
}

/// Finds an agreement by id or short id.
pub fn find(conn: &Connection, reference: &str) -> Result<Agreement> {
    let query = IdQuery::parse(Entity::Agreement, reference)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM agreements WHERE replace(id, '-', '') LIKE ?1 LIMIT 2"
    ))?;
    let found: Vec<Agreement> = stmt
        .query_map([query.like_pattern()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let entity = Entity::Agreement;
    let id = reference.trim().to_string();
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(Error::NotFound { entity, id }),
        _ => Err(Error::Ambiguous { entity, id }),
    }
}

/// A case's agreements, oldest first.
pub fn list(conn: &Connection, case_id: CaseId) -> Result<Vec<Agreement>> {
    cases::load(conn, case_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM agreements WHERE case_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn update(tx: &Tx<'_>, id: AgreementId, change: AgreementUpdate) -> Result<Agreement> {
    let current = load(tx, id)?;
    current.ensure_draft()?;
    let pick = |new: Option<String>, old: Option<String>| match new {
        Some(text) => Some(text),
        None => old,
    };
    let en = pick(change.title_en, current.title_en.clone());
    let zh = pick(change.title_zh, current.title_zh.clone());
    let (title_en, title_zh) = titles(en.as_deref(), zh.as_deref())?;
    tx.execute(
        "UPDATE agreements SET title_en = ?2, title_zh = ?3, zh_script = ?4, language_regime = ?5,
                               updated_at = ?6 WHERE id = ?1",
        rusqlite::params![
            id,
            title_en,
            title_zh,
            change.zh_script.unwrap_or(current.zh_script),
            change.language_regime.unwrap_or(current.language_regime),
            time::to_storage(tx.now()),
        ],
    )?;
    let agreement = load(tx, id)?;
    tx.record("agreement.update", &agreement)?;
    Ok(agreement)
}

/// An agreement with its clauses in reading order and its versions: what the agreement
/// editor and `accord draft show` get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AgreementDetail {
    pub agreement: Agreement,
    pub clauses: Vec<clauses::NumberedClause>,
    pub versions: Vec<versions::AgreementVersion>,
}

pub fn detail(conn: &Connection, id: AgreementId) -> Result<AgreementDetail> {
    Ok(AgreementDetail {
        agreement: load(conn, id)?,
        clauses: clauses::outline(conn, id)?,
        versions: versions::list(conn, id)?,
    })
}

impl Audited for Agreement {
    const KIND: &'static str = "agreement";
    const TABLES: &'static [&'static str] = &["agreements"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM agreements"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests;
