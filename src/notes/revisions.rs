//! A note's revisions: every save is kept whole, so any one can be shown, compared with
//! another or restored. Restoring writes a new revision; nothing is ever rewritten.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{draft::Content, ChineseScript, Note, NoteTag, Side, Visibility};
use crate::bilingual;
use crate::error::{Entity, Error, Result};
use crate::ids::{NoteId, PartyId};
use crate::store::Tx;
use crate::time;

/// One saved state of a note.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NoteRevision {
    pub note_id: NoteId,
    #[ts(type = "number")]
    pub revision: i64,
    pub saved_at: String,
    pub saved_by: String,
    /// The earlier revision this one brought back, when it was a restore.
    #[ts(type = "number | null")]
    pub restored_from: Option<i64>,
    pub visibility: Visibility,
    pub party_id: Option<PartyId>,
    pub tags: Vec<NoteTag>,
    pub text_en: String,
    pub text_zh: String,
    pub zh_script: Option<ChineseScript>,
    pub translated: Option<Side>,
    pub checked_by: Option<String>,
}

/// What changed between two revisions, side by side: English compared word by word,
/// Chinese character by character, numbers whole ([`crate::bilingual`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RevisionDiff {
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
    pub en: Vec<DiffSpan>,
    pub zh: Vec<DiffSpan>,
}

pub use crate::bilingual::{DiffChange, DiffSpan};

const COLUMNS: &str =
    "note_id, revision, saved_at, saved_by, restored_from, visibility, party_id, \
     tags, text_en, text_zh, zh_script, translated, checked_by";

fn from_row(row: &Row<'_>) -> rusqlite::Result<NoteRevision> {
    let tags: String = row.get(7)?;
    Ok(NoteRevision {
        note_id: row.get(0)?,
        revision: row.get(1)?,
        saved_at: row.get(2)?,
        saved_by: row.get(3)?,
        restored_from: row.get(4)?,
        visibility: row.get(5)?,
        party_id: row.get(6)?,
        tags: serde_json::from_str(&tags).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, e.into())
        })?,
        text_en: row.get(8)?,
        text_zh: row.get(9)?,
        zh_script: row.get(10)?,
        translated: row.get(11)?,
        checked_by: row.get(12)?,
    })
}

/// Records `note` as it now stands as its revision `note.revision`.
pub(super) fn append(tx: &Tx<'_>, note: &Note, restored_from: Option<i64>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO note_revisions (note_id, revision, saved_at, saved_by, restored_from, visibility,
                                     party_id, tags, text_en, text_zh, zh_script, translated, checked_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(rusqlite::params![
        note.id,
        note.revision,
        time::to_storage(tx.now()),
        tx.stamp().actor,
        restored_from,
        note.visibility,
        note.party_id,
        serde_json::to_string(&note.tags).expect("tags serialize"),
        note.text_en,
        note.text_zh,
        note.zh_script,
        note.translated,
        note.checked_by,
    ])?;
    Ok(())
}

/// A note's revisions, newest first.
pub fn history(conn: &Connection, note_id: NoteId) -> Result<Vec<NoteRevision>> {
    super::load_stored(conn, note_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM note_revisions WHERE note_id = ?1 ORDER BY revision DESC"
    ))?;
    let rows = stmt.query_map([note_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn load(conn: &Connection, note_id: NoteId, revision: i64) -> Result<NoteRevision> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM note_revisions WHERE note_id = ?1 AND revision = ?2"),
        rusqlite::params![note_id, revision],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Revision,
        id: format!("{} #{revision}", note_id.short()),
    })
}

/// Brings back revision `revision` as the note's newest one. Like any save, it refuses
/// to make a caucus note shared without the party's consent.
pub fn restore(tx: &Tx<'_>, note_id: NoteId, revision: i64) -> Result<Note> {
    let old = load(tx, note_id, revision)?;
    let stored = super::load_stored(tx, note_id)?;
    let before = super::complete(tx, stored.note)?;
    let content = Content {
        visibility: old.visibility,
        party_id: old.party_id,
        tags: old.tags,
        text_en: old.text_en,
        text_zh: old.text_zh,
        zh_script: old.zh_script,
        translated: old.translated,
        checked_by: old.checked_by,
    };
    super::write(tx, stored.doc, before, content, Some(revision))
}

/// Compares two revisions of one note.
pub fn compare(conn: &Connection, note_id: NoteId, from: i64, to: i64) -> Result<RevisionDiff> {
    let a = load(conn, note_id, from)?;
    let b = load(conn, note_id, to)?;
    Ok(RevisionDiff {
        from,
        to,
        en: bilingual::diff_plain(Side::En, &a.text_en, &b.text_en),
        zh: bilingual::diff_plain(Side::Zh, &a.text_zh, &b.text_zh),
    })
}
