//! Caucus confidentiality: each case's regime, and each party's word on what it said in
//! caucus.
//!
//! Under ICSID's Mediation Rules and Hong Kong's Mediation Ordinance what a party says in
//! caucus stays closed unless it authorises disclosure; under the UNCITRAL Model Law it
//! is open unless the party asks for confidence. A party's authorisation (of all of it,
//! or of a summary) or request for confidence is recorded against the note as its own
//! audited event; the latest one is in force, and without one the regime decides.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::audit::{self, Stamp};
use crate::cases;
use crate::error::{Error, Result};
use crate::ids::{self, Id};
use crate::notes::{self, Note, Visibility};
use crate::text::{self, MAX_NAME};
use crate::time;
use crate::vocab::vocabulary;

vocabulary!(
    /// The rules a case's caucus confidentiality follows.
    ConfidentialityRegime, "confidentiality" {
        Icsid => "icsid",
        HongKong => "hong-kong",
        Uncitral => "uncitral",
    }
);

impl ConfidentialityRegime {
    /// New cases follow Hong Kong's ordinance (IOMed sits there): closed, the safe side.
    pub const DEFAULT: Self = ConfidentialityRegime::HongKong;

    /// What a party's caucus words are without a word from it: closed under ICSID and
    /// Hong Kong's ordinance (the default for new cases), open under UNCITRAL.
    pub fn caucus_default(self) -> DisclosureScope {
        match self {
            ConfidentialityRegime::Icsid | ConfidentialityRegime::HongKong => DisclosureScope::None,
            ConfidentialityRegime::Uncitral => DisclosureScope::All,
        }
    }
}

vocabulary!(
    /// How much of a caucus note its party lets the mediator tell others:
    /// `all`, a `summary`, or `none` (the party asks for confidence).
    DisclosureScope, "scope" {
        All => "all",
        Summary => "summary",
        None => "none",
    }
);

/// Where a caucus note stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DisclosureStatus {
    pub scope: DisclosureScope,
    /// The record in force; `None` when the case's regime decides.
    pub disclosure_id: Option<Id>,
}

/// A party's word on one caucus note, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Disclosure {
    pub id: Id,
    pub note_id: Id,
    pub case_id: Id,
    pub party_id: Id,
    pub scope: DisclosureScope,
    pub summary_en: Option<String>,
    pub summary_zh: Option<String>,
    /// Who spoke for the party.
    pub given_by: String,
    /// When the party said so.
    pub given_at: DateTime<Utc>,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// What the mediator records.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct DisclosureDraft {
    pub scope: Option<DisclosureScope>,
    pub given_by: String,
    /// When the party said so; the time of recording when not given.
    pub given_at: Option<DateTime<Utc>>,
    /// What may be told, when the scope is a summary.
    pub summary_en: Option<String>,
    pub summary_zh: Option<String>,
}

/// Longest summary a party authorises, in characters.
pub const MAX_SUMMARY: usize = 4_000;

const COLUMNS: &str = "id, note_id, case_id, party_id, scope, summary_en, summary_zh, given_by, \
     given_at, recorded_at, recorded_by";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Disclosure> {
    let given_at: String = row.get(8)?;
    Ok(Disclosure {
        id: row.get(0)?,
        note_id: row.get(1)?,
        case_id: row.get(2)?,
        party_id: row.get(3)?,
        scope: row.get(4)?,
        summary_en: row.get(5)?,
        summary_zh: row.get(6)?,
        given_by: row.get(7)?,
        given_at: time::from_storage(&given_at)?,
        recorded_at: row.get(9)?,
        recorded_by: row.get(10)?,
    })
}

/// Records the note's party's word on disclosure, as an audited event of its own.
pub fn record(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    note_id: Id,
    draft: DisclosureDraft,
) -> Result<Disclosure> {
    let note = notes::load(tx, note_id)?;
    cases::load(tx, note.case_id)?.ensure_open()?;
    let party_id = match (note.visibility, note.party_id) {
        (Visibility::Caucus, Some(party)) => party,
        _ => return Err(Error::NotCaucusNote),
    };
    let scope = draft.scope.ok_or(Error::Required { field: "scope" })?;
    let given_by = text::required("given_by", &draft.given_by, MAX_NAME)?;
    let given_at = draft.given_at.unwrap_or(stamp.at);
    if given_at > stamp.at {
        return Err(Error::Invalid {
            field: "given_at",
            value: "in the future".into(),
        });
    }
    let (summary_en, summary_zh) = if scope == DisclosureScope::Summary {
        text::bilingual(
            "summary",
            draft.summary_en.as_deref(),
            draft.summary_zh.as_deref(),
            MAX_SUMMARY,
        )?
    } else {
        (None, None)
    };
    let id = ids::new_id();
    tx.execute(
        &format!("INSERT INTO caucus_disclosures ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        rusqlite::params![
            id,
            note.id,
            note.case_id,
            party_id,
            scope,
            summary_en,
            summary_zh,
            given_by,
            time::to_storage(given_at),
            time::to_storage(stamp.at),
            stamp.actor
        ],
    )?;
    let disclosure = load(tx, id)?;
    audit::record(
        tx,
        stamp,
        "note.disclosure",
        "disclosure",
        id,
        Some(note.case_id),
        &disclosure,
    )?;
    Ok(disclosure)
}

fn load(conn: &Connection, id: Id) -> Result<Disclosure> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM caucus_disclosures WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

/// A case's disclosure log: every record, in the order they were made.
pub fn log(conn: &Connection, case_id: Id) -> Result<Vec<Disclosure>> {
    cases::load(conn, case_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM caucus_disclosures WHERE case_id = ?1 ORDER BY recorded_at, rowid"
    ))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where a caucus note stands: its latest record, or else `regime`, its case's.
pub fn status(
    conn: &Connection,
    note: &Note,
    regime: ConfidentialityRegime,
) -> Result<DisclosureStatus> {
    let latest: Option<(Id, DisclosureScope)> = conn
        .prepare_cached(
            "SELECT id, scope FROM caucus_disclosures WHERE note_id = ?1
             ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([note.id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    Ok(match latest {
        Some((id, scope)) => DisclosureStatus {
            scope,
            disclosure_id: Some(id),
        },
        None => DisclosureStatus {
            scope: regime.caucus_default(),
            disclosure_id: None,
        },
    })
}

/// Errors unless the whole of a caucus note may be told to all parties (`note` as
/// [`crate::notes::load`] gives it, with its status).
pub fn ensure_disclosable(note: &Note) -> Result<()> {
    match note.disclosure.as_ref().map(|d| d.scope) {
        Some(DisclosureScope::All) => Ok(()),
        _ => Err(Error::DisclosureNotAuthorised),
    }
}

/// Every record as `(entity_type, id, state JSON)`, for [`audit::verify`].
pub fn audited_states(conn: &Connection) -> Result<Vec<(&'static str, String, String)>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM caucus_disclosures"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|d| {
        let d = d?;
        Ok((
            "disclosure",
            d.id.to_string(),
            serde_json::to_string(&d).expect("serializes"),
        ))
    })
    .collect()
}
