//! Frozen versions of an agreement: "proposal sent to party B", "as signed".
//!
//! Saving a version stores the agreement and its numbered clauses as one JSON document,
//! never changed afterwards (there is no update; verify would name one), with its SHA-256.
//! The fingerprint's first 16 hex digits go on every rendered page, so each signatory can
//! see that they sign the same text as the others.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::clauses::{self, NumberedClause};
use super::Agreement;
use crate::audit::Audited;
use crate::error::{Entity, Error, Result};
use crate::ids::AgreementId;
use crate::store::Tx;
use crate::text::{self, MAX_TITLE};
use crate::time;

/// A version as listed: who froze it, when, and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AgreementVersion {
    pub agreement_id: AgreementId,
    #[ts(type = "number")]
    pub version: i64,
    pub label: String,
    pub saved_at: String,
    pub saved_by: String,
    /// SHA-256 of the frozen content, hex.
    pub fingerprint: String,
}

impl AgreementVersion {
    /// What a page footer shows: 16 hex digits in groups of four.
    pub fn short_fingerprint(&self) -> String {
        short_fingerprint(&self.fingerprint)
    }
}

/// `0123 4567 89ab cdef`: the first 64 bits of a fingerprint, readable aloud.
pub fn short_fingerprint(fingerprint: &str) -> String {
    fingerprint
        .as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agreement as it stood when frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Frozen {
    pub agreement: FrozenAgreement,
    pub clauses: Vec<FrozenClause>,
    /// The case's facts the clauses name (`{{party.requesting}}` …), as they were.
    #[serde(default)]
    pub facts: Vec<super::fields::Fact>,
}

/// The agreement's own fields in a version (its status and times are the version's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FrozenAgreement {
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub zh_script: crate::notes::ChineseScript,
    pub language_regime: super::LanguageRegime,
}

/// A clause in a version: its stable id, number and words. The text keeps its
/// cross-references as `{{clause:<id>}}` (the version's own numbers say what they name:
/// [`Frozen::rendered`]), so a redline can tell a reference that now shows another number
/// from a reference to another clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FrozenClause {
    pub id: crate::ids::ClauseId,
    pub number: String,
    #[ts(type = "number")]
    pub depth: usize,
    pub heading_en: String,
    pub heading_zh: String,
    pub text_en: String,
    pub text_zh: String,
    /// What the clause is for, if it is one of the clauses the checks count. Versions
    /// saved before it was kept have none (a version's fingerprint is of its stored text,
    /// so they verify as they did).
    #[serde(default)]
    pub kind: Option<clauses::ClauseKind>,
}

impl Frozen {
    /// The numbers of this version's clauses, by id.
    pub fn numbers(&self) -> std::collections::HashMap<crate::ids::ClauseId, String> {
        self.clauses
            .iter()
            .map(|c| (c.id, c.number.clone()))
            .collect()
    }

    /// The case's facts as this version showed them.
    pub fn fields(&self) -> super::fields::Fields {
        super::fields::Fields::of_facts(&self.facts)
    }

    /// The clauses as printed: references written out with this version's numbers, the
    /// case's facts with its values.
    pub fn rendered(&self) -> Vec<FrozenClause> {
        let numbers = self.numbers();
        let fields = self.fields();
        let script = self.agreement.zh_script;
        self.clauses
            .iter()
            .map(|c| FrozenClause {
                heading_en: clauses::fill(&c.heading_en, &fields.en),
                heading_zh: clauses::fill(&c.heading_zh, &fields.zh),
                text_en: clauses::fill(
                    &clauses::render(&c.text_en, &numbers, crate::notes::Side::En, script),
                    &fields.en,
                ),
                text_zh: clauses::fill(
                    &clauses::render(&c.text_zh, &numbers, crate::notes::Side::Zh, script),
                    &fields.zh,
                ),
                ..c.clone()
            })
            .collect()
    }
}

/// The agreement and its clauses as they stand, in the frozen form, with the case's
/// facts as they are now.
pub fn freeze(
    agreement: &Agreement,
    outline: &[NumberedClause],
    fields: super::fields::Fields,
) -> Frozen {
    Frozen {
        facts: fields.facts(),
        agreement: FrozenAgreement {
            title_en: agreement.title_en.clone(),
            title_zh: agreement.title_zh.clone(),
            zh_script: agreement.zh_script,
            language_regime: agreement.language_regime,
        },
        clauses: outline
            .iter()
            .map(|c| FrozenClause {
                id: c.clause.id,
                number: c.number.clone(),
                depth: c.depth,
                heading_en: c.clause.heading_en.clone(),
                heading_zh: c.clause.heading_zh.clone(),
                text_en: c.clause.text_en.clone(),
                text_zh: c.clause.text_zh.clone(),
                kind: c.clause.kind,
            })
            .collect(),
    }
}

/// Version `version` as frozen, with its listing, or (`None`) the draft as it stands,
/// frozen now with the case's facts as they are: what every rendering and redline shows.
pub fn frozen(
    conn: &Connection,
    agreement_id: AgreementId,
    version: Option<i64>,
) -> Result<(Option<AgreementVersion>, Frozen)> {
    match version {
        Some(n) => load(conn, agreement_id, n).map(|(v, f)| (Some(v), f)),
        None => {
            let agreement = super::load(conn, agreement_id)?;
            let fields = super::fields::of_case(conn, agreement.case_id, agreement.zh_script)?;
            let outline = clauses::outline(conn, agreement_id)?;
            Ok((None, freeze(&agreement, &outline, fields)))
        }
    }
}

fn fingerprint(content: &str) -> String {
    hex::encode(Sha256::digest(content.as_bytes()))
}

const COLUMNS: &str = "agreement_id, version, label, saved_at, saved_by, fingerprint";

fn from_row(row: &Row<'_>) -> rusqlite::Result<AgreementVersion> {
    Ok(AgreementVersion {
        agreement_id: row.get(0)?,
        version: row.get(1)?,
        label: row.get(2)?,
        saved_at: row.get(3)?,
        saved_by: row.get(4)?,
        fingerprint: row.get(5)?,
    })
}

/// Freezes the agreement as it stands as its next version. A final agreement may still be
/// frozen (its "as signed" version is one: [`super::checks::finalise`]); nothing else
/// about it changes.
pub fn save(tx: &Tx<'_>, agreement_id: AgreementId, label: &str) -> Result<AgreementVersion> {
    let agreement = super::load(tx, agreement_id)?;
    let label = text::required("label", label, MAX_TITLE)?;
    let outline = clauses::outline(tx, agreement_id)?;
    let fields = super::fields::of_case(tx, agreement.case_id, agreement.zh_script)?;
    let content = serde_json::to_string(&freeze(&agreement, &outline, fields)).expect("serializes");
    let next: i64 = tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM agreement_versions WHERE agreement_id = ?1",
        [agreement_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO agreement_versions (agreement_id, version, label, saved_at, saved_by, content, fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            agreement_id,
            next,
            label,
            time::to_storage(tx.now()),
            tx.stamp().actor,
            content,
            fingerprint(&content),
        ],
    )?;
    let version = StoredVersion::load(tx, agreement_id, next)?;
    tx.record("agreement.version", &version)?;
    Ok(version.version)
}

/// An agreement's versions, oldest first.
pub fn list(conn: &Connection, agreement_id: AgreementId) -> Result<Vec<AgreementVersion>> {
    super::load(conn, agreement_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM agreement_versions WHERE agreement_id = ?1 ORDER BY version"
    ))?;
    let rows = stmt.query_map([agreement_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Version `version` of an agreement as frozen, and its listing.
pub fn load(
    conn: &Connection,
    agreement_id: AgreementId,
    version: i64,
) -> Result<(AgreementVersion, Frozen)> {
    let stored = StoredVersion::load(conn, agreement_id, version)?;
    let frozen = serde_json::from_str(&stored.content)
        .map_err(|e| Error::VaultDamaged(format!("version {version} is unreadable: {e}")))?;
    Ok((stored.version, frozen))
}

/// A version row whole, content included: what the audit chain records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredVersion {
    #[serde(flatten)]
    pub version: AgreementVersion,
    pub content: String,
    /// The agreement's case (read through the agreement): its events belong to the case.
    pub case_id: crate::ids::CaseId,
}

/// A version row with its agreement's case, as [`StoredVersion`] reads it.
const STORED: &str =
    "SELECT agreement_id, version, label, saved_at, saved_by, fingerprint, content, a.case_id
     FROM agreement_versions JOIN agreements a ON a.id = agreement_id";

fn stored_from_row(row: &Row<'_>) -> rusqlite::Result<StoredVersion> {
    Ok(StoredVersion {
        version: from_row(row)?,
        content: row.get(6)?,
        case_id: row.get(7)?,
    })
}

impl StoredVersion {
    fn load(conn: &Connection, agreement_id: AgreementId, version: i64) -> Result<Self> {
        conn.query_row(
            &format!("{STORED} WHERE agreement_id = ?1 AND version = ?2"),
            rusqlite::params![agreement_id, version],
            stored_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Version,
            id: format!("{} #{version}", agreement_id.short()),
        })
    }
}

impl Audited for StoredVersion {
    const KIND: &'static str = "agreement_version";
    const TABLES: &'static [&'static str] = &["agreement_versions"];

    fn audit_id(&self) -> String {
        format!("{}#{}", self.version.agreement_id, self.version.version)
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(STORED)?;
        let rows = stmt.query_map([], stored_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
