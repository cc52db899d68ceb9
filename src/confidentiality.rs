//! Caucus confidentiality: each case's regime, and each party's word on what it said in
//! caucus.
//!
//! Under ICSID's Mediation Rules and Hong Kong's Mediation Ordinance what a party says in
//! caucus stays closed unless it authorises disclosure; under the UNCITRAL Model Law it
//! is open unless the party asks for confidence. A party's authorisation (of all of it,
//! or of a summary) or request for confidence is recorded against the note as its own
//! audited event; the latest one is in force, and without one the regime decides.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases;
use crate::digest;
use crate::error::{Error, Result};
use crate::ids::{CaseId, DisclosureId, NoteId, PartyId};
use crate::notes::{self, Note, Visibility};
use crate::store::Tx;
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
    /// The record in force; `None` when the note's regime decides.
    pub disclosure_id: Option<DisclosureId>,
    /// The latest record authorised disclosing all of the note, but for other text than
    /// it holds now: it is not in force, and the regime's default applies instead.
    pub stale: bool,
}

/// A party's word on one caucus note, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Disclosure {
    pub id: DisclosureId,
    pub note_id: NoteId,
    pub case_id: CaseId,
    pub party_id: PartyId,
    pub scope: DisclosureScope,
    pub summary_en: Option<String>,
    pub summary_zh: Option<String>,
    /// Who spoke for the party.
    pub given_by: String,
    /// When the party said so.
    pub given_at: DateTime<Utc>,
    pub recorded_at: String,
    pub recorded_by: String,
    /// The note's revision the party's word was given for (unknown for records made
    /// before schema 4 whose revision could not be told).
    #[ts(type = "number | null")]
    pub revision: Option<i64>,
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
     given_at, recorded_at, recorded_by, revision, text_en_digest, text_zh_digest";

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
        revision: row.get(11)?,
    })
}

/// The keyed digests of the text a record covers (columns 12 and 13 of [`COLUMNS`]).
fn covered(row: &Row<'_>) -> rusqlite::Result<(Option<String>, Option<String>)> {
    Ok((row.get(12)?, row.get(13)?))
}

/// Records the note's party's word on disclosure, as an audited event of its own.
pub fn record(tx: &Tx<'_>, note_id: NoteId, draft: DisclosureDraft) -> Result<Disclosure> {
    let note = notes::load(tx, note_id)?;
    cases::load(tx, note.case_id)?.ensure_open()?;
    // Only a caucus note takes a party's word, and the word is the confiding party's,
    // whoever's caucus note it has become since (with that party's consent).
    let (Visibility::Caucus, Some(party_id)) = (note.visibility, note.confided_by) else {
        return Err(Error::NotCaucusNote);
    };
    // A narrower word must not leave the note shown as another party's (found by the
    // property test in notes/consent_tests.rs): take it back to the confiding party first.
    if note.party_id != Some(party_id) {
        return Err(Error::Invalid {
            field: "party",
            value: "the note is shown as another party's caucus note; make it the confiding party's again first".into(),
        });
    }
    let scope = draft.scope.ok_or(Error::Required { field: "scope" })?;
    let given_by = text::required("given_by", &draft.given_by, MAX_NAME)?;
    let given_at = draft.given_at.unwrap_or(tx.now());
    if given_at > tx.now() {
        return Err(Error::Invalid {
            field: "given_at",
            value: "in the future".into(),
        });
    }
    let (summary_en, summary_zh) = if scope == DisclosureScope::Summary {
        text::bilingual_paragraphs(
            "summary",
            draft.summary_en.as_deref(),
            draft.summary_zh.as_deref(),
            MAX_SUMMARY,
        )?
    } else {
        (None, None)
    };
    let id = DisclosureId::new();
    let key = digest::key(tx)?;
    tx.execute(
        &format!("INSERT INTO caucus_disclosures ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
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
            time::to_storage(tx.now()),
            tx.stamp().actor,
            note.revision,
            digest::keyed(&key, &note.text_en),
            digest::keyed(&key, &note.text_zh),
        ],
    )?;
    let (disclosure, covers) = load_with_cover(tx, id)?;
    tx.record(
        "note.disclosure",
        &AuditedDisclosure::of(&disclosure, &covers),
    )?;
    Ok(disclosure)
}

type Cover = (Option<String>, Option<String>);

fn load_with_cover(conn: &Connection, id: DisclosureId) -> Result<(Disclosure, Cover)> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM caucus_disclosures WHERE id = ?1"),
        [id],
        |row| Ok((from_row(row)?, covered(row)?)),
    )?)
}

/// What the audit log keeps of a record: the record, and the digests of the text it covers.
#[derive(Serialize)]
pub struct AuditedDisclosure {
    #[serde(flatten)]
    disclosure: Disclosure,
    text_en_digest: Option<String>,
    text_zh_digest: Option<String>,
}

impl AuditedDisclosure {
    pub(crate) fn of(disclosure: &Disclosure, cover: &Cover) -> Self {
        AuditedDisclosure {
            disclosure: disclosure.clone(),
            text_en_digest: cover.0.clone(),
            text_zh_digest: cover.1.clone(),
        }
    }
}

/// A case's disclosure log: every record, in the order they were made.
pub fn log(conn: &Connection, case_id: CaseId) -> Result<Vec<Disclosure>> {
    cases::load(conn, case_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM caucus_disclosures WHERE case_id = ?1 ORDER BY recorded_at, rowid"
    ))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where a caucus note stands, for the text it holds now: its latest record when that is
/// in force, else the regime recorded when it was confided.
pub fn status(conn: &Connection, note: &Note) -> Result<DisclosureStatus> {
    status_for_text(
        conn,
        note.id,
        note.caucus_regime,
        &note.text_en,
        &note.text_zh,
    )
}

/// Where a confided note would stand if it held this text. A party's `summary` or `none`
/// stays in force as the note grows; its `all` covers only the text it was given for.
pub fn status_for_text(
    conn: &Connection,
    note_id: NoteId,
    regime: Option<ConfidentialityRegime>,
    text_en: &str,
    text_zh: &str,
) -> Result<DisclosureStatus> {
    // A confided note without a recorded regime (none should exist) stays closed.
    let default = regime
        .unwrap_or(ConfidentialityRegime::DEFAULT)
        .caucus_default();
    let latest: Option<(DisclosureId, DisclosureScope, Cover)> = conn
        .prepare_cached(
            "SELECT id, scope, text_en_digest, text_zh_digest FROM caucus_disclosures
             WHERE note_id = ?1 ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([note_id], |row| {
            Ok((row.get(0)?, row.get(1)?, (row.get(2)?, row.get(3)?)))
        })
        .optional()?;
    Ok(match latest {
        Some((id, DisclosureScope::All, (en, zh))) => {
            let key = digest::key(conn)?;
            let covers = en.as_deref() == Some(digest::keyed(&key, text_en).as_str())
                && zh.as_deref() == Some(digest::keyed(&key, text_zh).as_str());
            if covers {
                DisclosureStatus {
                    scope: DisclosureScope::All,
                    disclosure_id: Some(id),
                    stale: false,
                }
            } else {
                DisclosureStatus {
                    scope: default,
                    disclosure_id: None,
                    stale: true,
                }
            }
        }
        Some((id, scope, _)) => DisclosureStatus {
            scope,
            disclosure_id: Some(id),
            stale: false,
        },
        None => DisclosureStatus {
            scope: default,
            disclosure_id: None,
            stale: false,
        },
    })
}

/// The one consent rule, applied on every path that writes a note (create, save,
/// visibility or party change, restore): a note once confided by party A may be shared,
/// or shown as any other party's, only while A's authorisation of all of it covers the
/// text it will hold, or its regime (recorded when it was confided) is open by default.
pub fn ensure_consent(
    conn: &Connection,
    note_id: NoteId,
    confided: Option<(PartyId, Option<ConfidentialityRegime>)>,
    exposure: Exposure<'_>,
) -> Result<()> {
    let Some((party, regime)) = confided else {
        return Ok(());
    };
    let exposed = match exposure.visibility {
        Visibility::Shared => true,
        Visibility::Caucus => exposure.party_id != Some(party),
        Visibility::Private => false,
    };
    if !exposed {
        return Ok(());
    }
    let status = status_for_text(conn, note_id, regime, exposure.text_en, exposure.text_zh)?;
    match status.scope {
        DisclosureScope::All => Ok(()),
        _ => Err(Error::DisclosureNotAuthorised),
    }
}

/// Who a note's next state would show it to, and the text it would show.
#[derive(Debug, Clone, Copy)]
pub struct Exposure<'a> {
    pub visibility: Visibility,
    pub party_id: Option<PartyId>,
    pub text_en: &'a str,
    pub text_zh: &'a str,
}

impl Audited for AuditedDisclosure {
    const KIND: &'static str = "disclosure";
    const TABLES: &'static [&'static str] = &["caucus_disclosures"];

    fn audit_id(&self) -> String {
        self.disclosure.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.disclosure.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM caucus_disclosures"))?;
        let rows = stmt.query_map([], |row| Ok((from_row(row)?, covered(row)?)))?;
        rows.map(|d| {
            let (d, cover) = d?;
            Ok(AuditedDisclosure::of(&d, &cover))
        })
        .collect()
    }
}
