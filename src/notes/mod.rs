//! Notes: the mediator's bilingual record of what was said, with visibility, tags and
//! a revision for every save.

use crate::vocab::vocabulary;

vocabulary!(
    /// Who may see a note: part of the note itself, not of a folder it sits in.
    /// `shared` may go to all parties; `caucus` was told in confidence by one party;
    /// `private` is the mediator's own thinking and never leaves the laptop unasked.
    Visibility, "visibility" {
        Shared => "shared",
        Caucus => "caucus",
        Private => "private",
    }
);

vocabulary!(
    /// What a note records, in interest-based mediation's terms.
    NoteTag, "tag" {
        Fact => "fact",
        Issue => "issue",
        Interest => "interest",
        Option => "option",
        Proposal => "proposal",
    }
);

pub use crate::bilingual::{ChineseScript, Side};

mod draft;
pub mod revisions;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases;
use crate::confidentiality::{self, ConfidentialityRegime, DisclosureStatus};
use crate::digest;
use crate::error::{Entity, Error, Result};
use crate::ids::{CaseId, IdQuery, NoteId, PartyId, SessionId};
use crate::parties;
use crate::sessions::{self, Session, SessionKind};
use crate::store::Tx;
use crate::time;

pub use draft::{NoteDraft, MAX_NOTE_SIDE};

/// A note as it stands now. Field names are the `--json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Note {
    pub id: NoteId,
    pub case_id: CaseId,
    pub session_id: Option<SessionId>,
    pub visibility: Visibility,
    /// Whose words these are; for a caucus note, the party that confided them.
    pub party_id: Option<PartyId>,
    /// The party who first confided this note: set the first time it is caucus, never
    /// changed. Its consent governs where the note may go from then on.
    pub confided_by: Option<PartyId>,
    /// The case's regime when the note was confided; a later change of the case's
    /// regime does not open it.
    pub caucus_regime: Option<ConfidentialityRegime>,
    pub tags: Vec<NoteTag>,
    /// Markdown; empty when the note has no English side.
    pub text_en: String,
    pub text_zh: String,
    pub zh_script: Option<ChineseScript>,
    /// The side that is a translation of the other, if either is.
    pub translated: Option<Side>,
    /// Who checked that translation.
    pub checked_by: Option<String>,
    /// The latest revision: autosave sends it back so a stale editor cannot overwrite.
    /// (A JSON number in the UI: revisions never come near 2^53.)
    #[ts(type = "number")]
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    /// For a caucus note: whether the party's words may be told to others, and why.
    pub disclosure: Option<DisclosureStatus>,
}

impl Note {
    /// Both sides on one line, for tables.
    pub fn preview(&self, chars: usize) -> String {
        preview(&self.text_en, &self.text_zh, chars)
    }
}

/// A note's two sides (or a revision's) on one line of at most `chars` characters.
pub use crate::bilingual::preview;

/// Which notes of a case to list.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NoteFilter {
    pub session_id: Option<SessionId>,
    pub visibility: Option<Visibility>,
    pub party_id: Option<PartyId>,
    pub tag: Option<NoteTag>,
}

/// The visibility a new note gets from the session it is taken in: a caucus with party B
/// makes caucus notes for B, an internal meeting private ones, other sessions shared ones.
/// Without a session a note is private until the mediator says otherwise.
pub fn default_visibility(session: Option<&Session>) -> (Visibility, Option<PartyId>) {
    match session.map(|s| (s.kind, s.caucus_party_id)) {
        Some((SessionKind::Caucus, party)) => (Visibility::Caucus, party),
        Some((SessionKind::Joint | SessionKind::Preparatory, _)) => (Visibility::Shared, None),
        Some((SessionKind::Internal, _)) | None => (Visibility::Private, None),
    }
}

const COLUMNS: &str = "doc, id, case_id, session_id, visibility, party_id, text_en, text_zh, \
     zh_script, translated, checked_by, revision, created_at, updated_at, confided_by, caucus_regime";

struct Stored {
    doc: i64,
    note: Note,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        doc: row.get(0)?,
        note: Note {
            id: row.get(1)?,
            case_id: row.get(2)?,
            session_id: row.get(3)?,
            visibility: row.get(4)?,
            party_id: row.get(5)?,
            confided_by: row.get(14)?,
            caucus_regime: row.get(15)?,
            tags: Vec::new(),
            text_en: row.get(6)?,
            text_zh: row.get(7)?,
            zh_script: row.get(8)?,
            translated: row.get(9)?,
            checked_by: row.get(10)?,
            revision: row.get(11)?,
            created_at: row.get(12)?,
            updated_at: row.get(13)?,
            disclosure: None,
        },
    })
}

/// Adds a stored note's tags and, for a caucus note, its disclosure status.
fn complete(conn: &Connection, mut note: Note) -> Result<Note> {
    note.tags = tags(conn, note.id)?;
    if note.visibility == Visibility::Caucus {
        note.disclosure = Some(confidentiality::status(conn, &note)?);
    }
    Ok(note)
}

/// A note's tags, in vocabulary order (fact, issue, interest, option, proposal).
pub fn tags(conn: &Connection, note_id: NoteId) -> Result<Vec<NoteTag>> {
    let mut tags = conn
        .prepare_cached("SELECT tag FROM note_tags WHERE note_id = ?1")?
        .query_map([note_id], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    sort_tags(&mut tags);
    Ok(tags)
}

fn sort_tags(tags: &mut Vec<NoteTag>) {
    tags.sort_by_key(|t| NoteTag::ALL.iter().position(|x| x == t));
    tags.dedup();
}

fn load_stored(conn: &Connection, id: NoteId) -> Result<Stored> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Note,
        id: id.to_string(),
    })
}

pub fn load(conn: &Connection, id: NoteId) -> Result<Note> {
    complete(conn, load_stored(conn, id)?.note)
}

/// Finds a note by id or short id.
pub fn find(conn: &Connection, reference: &str) -> Result<Note> {
    let query = IdQuery::parse(Entity::Note, reference)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM notes WHERE replace(id, '-', '') LIKE ?1 LIMIT 2"
    ))?;
    let found: Vec<Stored> = stmt
        .query_map([query.like_pattern()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => complete(conn, found.into_iter().next().expect("one").note),
        0 => Err(Error::NotFound {
            entity: Entity::Note,
            id: reference.trim().into(),
        }),
        _ => Err(Error::Ambiguous {
            entity: Entity::Note,
            id: reference.trim().into(),
        }),
    }
}

/// A case's notes, oldest first (the order they were taken in).
pub fn list(conn: &Connection, case_id: CaseId, filter: &NoteFilter) -> Result<Vec<Note>> {
    cases::load(conn, case_id)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM notes n
         WHERE case_id = ?1 AND (?2 IS NULL OR session_id = ?2) AND (?3 IS NULL OR visibility = ?3)
           AND (?4 IS NULL OR party_id = ?4)
           AND (?5 IS NULL OR EXISTS (SELECT 1 FROM note_tags t WHERE t.note_id = n.id AND t.tag = ?5))
         ORDER BY created_at, doc"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![
            case_id,
            filter.session_id,
            filter.visibility,
            filter.party_id,
            filter.tag
        ],
        from_row,
    )?;
    rows.map(|r| complete(conn, r?.note)).collect()
}

/// Takes a new note in a case. What the draft leaves open defaults from its session.
pub fn create(tx: &Tx<'_>, case_id: CaseId, draft: NoteDraft) -> Result<Note> {
    let case = cases::load(tx, case_id)?;
    case.ensure_open()?;
    let session = match draft.session_id {
        Some(id) => Some(session_in_case(tx, id, case_id)?),
        None => None,
    };
    let (visibility, party) = default_visibility(session.as_ref());
    let content = draft.into_content(visibility, party)?;
    if content.text_en.is_empty() && content.text_zh.is_empty() {
        return Err(Error::Required { field: "text" });
    }
    check_party(tx, &content, case_id)?;
    let (confided_by, caucus_regime) = match content.visibility {
        Visibility::Caucus => (content.party_id, Some(case.confidentiality)),
        _ => (None, None),
    };
    let id = NoteId::new();
    let now = time::to_storage(tx.now());
    tx.execute(
        "INSERT INTO notes (id, case_id, session_id, visibility, party_id, text_en, text_zh, zh_script,
                            translated, checked_by, revision, created_at, updated_at, confided_by, caucus_regime)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11, ?12, ?13)",
        rusqlite::params![
            id,
            case_id,
            session.as_ref().map(|s| s.id),
            content.visibility,
            content.party_id,
            content.text_en,
            content.text_zh,
            content.zh_script,
            content.translated,
            content.checked_by,
            now,
            confided_by,
            caucus_regime
        ],
    )?;
    write_tags(tx, id, &content.tags)?;
    let stored = load_stored(tx, id)?;
    revisions::append(tx, &stored.note_with_tags(&content.tags), None)?;
    crate::search::index::put(tx, stored.doc)?;
    let note = complete(tx, stored.note)?;
    tx.record("note.create", &AuditedNote::of(&note, &digest::key(tx)?))?;
    Ok(note)
}

/// Saves the editor's whole state as the next revision: what autosave calls while the
/// mediator types. `base_revision` is the revision the editor started from; if the note
/// has moved on since (another window, the command line) nothing is written and
/// [`Error::NoteConflict`] says so. Saving unchanged content writes nothing.
pub fn save(tx: &Tx<'_>, id: NoteId, base_revision: i64, draft: NoteDraft) -> Result<Note> {
    let stored = load_stored(tx, id)?;
    let before = complete(tx, stored.note)?;
    if before.revision != base_revision {
        return Err(Error::NoteConflict {
            revision: before.revision,
        });
    }
    let content = draft.into_content(before.visibility, before.party_id)?;
    write(tx, stored.doc, before, content, None)
}

/// Shared by save and restore: checks the change, writes the note, its revision, its
/// search entry and its audit event.
fn write(
    tx: &Tx<'_>,
    doc: i64,
    before: Note,
    content: draft::Content,
    restored_from: Option<i64>,
) -> Result<Note> {
    if content.same_as(&before) && restored_from.is_none() {
        return Ok(before);
    }
    let case = cases::load(tx, before.case_id)?;
    case.ensure_open()?;
    check_party(tx, &content, before.case_id)?;
    // Once confided, always the confiding party's to release: the first caucus state
    // names the party and the regime, and no later state changes them.
    let confided = match (before.confided_by, content.visibility) {
        (Some(party), _) => Some((party, before.caucus_regime)),
        (None, Visibility::Caucus) => content.party_id.map(|p| (p, Some(case.confidentiality))),
        (None, _) => None,
    };
    confidentiality::ensure_consent(
        tx,
        before.id,
        confided,
        confidentiality::Exposure {
            visibility: content.visibility,
            party_id: content.party_id,
            text_en: &content.text_en,
            text_zh: &content.text_zh,
        },
    )?;
    let revision = before.revision + 1;
    tx.execute(
        "UPDATE notes SET visibility = ?2, party_id = ?3, text_en = ?4, text_zh = ?5, zh_script = ?6,
                          translated = ?7, checked_by = ?8, revision = ?9, updated_at = ?10,
                          confided_by = ?11, caucus_regime = ?12
         WHERE id = ?1",
        rusqlite::params![
            before.id,
            content.visibility,
            content.party_id,
            content.text_en,
            content.text_zh,
            content.zh_script,
            content.translated,
            content.checked_by,
            revision,
            time::to_storage(tx.now()),
            confided.map(|c| c.0),
            confided.and_then(|c| c.1)
        ],
    )?;
    if content.tags != before.tags {
        tx.execute("DELETE FROM note_tags WHERE note_id = ?1", [before.id])?;
        write_tags(tx, before.id, &content.tags)?;
    }
    let stored = load_stored(tx, before.id)?;
    revisions::append(tx, &stored.note_with_tags(&content.tags), restored_from)?;
    // The index holds the text and the facets search filters on.
    if content.text_en != before.text_en
        || content.text_zh != before.text_zh
        || content.visibility != before.visibility
        || content.party_id != before.party_id
        || content.tags != before.tags
    {
        crate::search::index::put(tx, doc)?;
    }
    let note = complete(tx, stored.note)?;
    let action = if restored_from.is_some() {
        "note.restore"
    } else if note.visibility != before.visibility {
        "note.visibility"
    } else {
        "note.save"
    };
    tx.record(action, &AuditedNote::of(&note, &digest::key(tx)?))?;
    Ok(note)
}

impl Stored {
    fn note_with_tags(&self, tags: &[NoteTag]) -> Note {
        Note {
            tags: tags.to_vec(),
            ..self.note.clone()
        }
    }
}

fn write_tags(tx: &Tx<'_>, id: NoteId, tags: &[NoteTag]) -> Result<()> {
    for tag in tags {
        tx.execute(
            "INSERT INTO note_tags (note_id, tag) VALUES (?1, ?2)",
            rusqlite::params![id, tag],
        )?;
    }
    Ok(())
}

fn session_in_case(conn: &Connection, session_id: SessionId, case_id: CaseId) -> Result<Session> {
    let session = sessions::load(conn, session_id)?;
    if session.case_id != case_id {
        return Err(Error::Invalid {
            field: "session",
            value: format!("{} belongs to another case", session_id.short()),
        });
    }
    Ok(session)
}

fn check_party(conn: &Connection, content: &draft::Content, case_id: CaseId) -> Result<()> {
    if let Some(party_id) = content.party_id {
        let party = parties::load(conn, party_id)?;
        if party.case_id != case_id {
            return Err(Error::PartyNotInCase {
                party: party_id.short(),
                case: case_id.short(),
            });
        }
    }
    Ok(())
}

/// What the audit log keeps of a note: everything but the text itself, which it holds as
/// keyed digests ([`crate::digest`]). The chain still proves the text unaltered, an
/// autosave every few seconds does not copy the whole note into the log, and a holder of
/// the chain cannot confirm guesses of a short note. (Before schema 4 the digests were
/// plain SHA-256 in `text_*_sha256` fields; those events verify under that shape.)
#[derive(Serialize)]
pub struct AuditedNote {
    id: NoteId,
    case_id: CaseId,
    session_id: Option<SessionId>,
    visibility: Visibility,
    party_id: Option<PartyId>,
    confided_by: Option<PartyId>,
    caucus_regime: Option<ConfidentialityRegime>,
    tags: Vec<NoteTag>,
    text_en_hmac: String,
    text_zh_hmac: String,
    zh_script: Option<ChineseScript>,
    translated: Option<Side>,
    checked_by: Option<String>,
    revision: i64,
    created_at: String,
    updated_at: String,
}

impl AuditedNote {
    pub(crate) fn of(note: &Note, key: &[u8]) -> Self {
        AuditedNote {
            id: note.id,
            case_id: note.case_id,
            session_id: note.session_id,
            visibility: note.visibility,
            party_id: note.party_id,
            confided_by: note.confided_by,
            caucus_regime: note.caucus_regime,
            tags: note.tags.clone(),
            text_en_hmac: digest::keyed(key, &note.text_en),
            text_zh_hmac: digest::keyed(key, &note.text_zh),
            zh_script: note.zh_script,
            translated: note.translated,
            checked_by: note.checked_by.clone(),
            revision: note.revision,
            created_at: note.created_at.clone(),
            updated_at: note.updated_at.clone(),
        }
    }
}

/// A note's kept revisions (`note_revisions`) are checked against the events that
/// recorded them by [`crate::integrity::verify`].
impl Audited for AuditedNote {
    const KIND: &'static str = "note";
    const TABLES: &'static [&'static str] = &["notes", "note_tags", "note_revisions"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let key = digest::key(conn)?;
        let mut out = Vec::new();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM notes"))?;
        for stored in stmt.query_map([], from_row)? {
            let mut note = stored?.note;
            // Only the stored columns are audited; the disclosure status is derived.
            note.tags = tags(conn, note.id)?;
            out.push(AuditedNote::of(&note, &key));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod consent_tests;
