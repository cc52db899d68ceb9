//! Whether the vault is what its audit chain says: the registry of audited kinds, and
//! [`verify`], which walks it.
//!
//! Each kind of record registers here once ([`kinds`]), through its [`Audited`]
//! implementation: the state an event records and the state `verify` reads back come
//! from the same code, so a new kind is one line here and cannot half-join the chain.
//! Every table of the schema is some kind's or on [`EXEMPT`] with its reason; a test
//! fails otherwise, and another tampers with each registered table in turn.
//!
//! This module sits above the domain (it names every kind); [`crate::audit`] below it is
//! only the log's format.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{event_hash, sha256_hex, Audited, GENESIS_HASH, REMOVED};
use crate::error::{Error, Result};

/// A record as the chain keeps it: `(id, state)`.
type State = (String, String);

/// One audited kind as `verify` sees it.
pub struct Kind {
    /// The `entity_type` of its events.
    pub name: &'static str,
    /// The tables its state is read from.
    pub tables: &'static [&'static str],
    /// Every live record as `(id, state)`.
    live: fn(&Connection) -> Result<Vec<State>>,
    /// Records a vault starts with, as `(id, state)`.
    initial: fn() -> Vec<State>,
}

fn kind<A: Audited>() -> Kind {
    Kind {
        name: A::KIND,
        tables: A::TABLES,
        live: |conn| {
            Ok(A::all_live(conn)?
                .iter()
                .map(|record| (record.audit_id(), record.audit_state()))
                .collect())
        },
        initial: A::initial_states,
    }
}

/// Every audited kind: the one list `verify` walks.
pub fn kinds() -> Vec<Kind> {
    vec![
        kind::<crate::settings::Setting>(),
        kind::<crate::cases::Case>(),
        kind::<crate::mediators::Mediator>(),
        kind::<crate::parties::Party>(),
        kind::<crate::sessions::Session>(),
        kind::<crate::notes::AuditedNote>(),
        kind::<crate::confidentiality::AuditedDisclosure>(),
        kind::<crate::termbase::Term>(),
        kind::<crate::agreements::Agreement>(),
        kind::<crate::agreements::clauses::Clause>(),
        kind::<crate::agreements::versions::StoredVersion>(),
        kind::<crate::agreements::library::LibraryClause>(),
    ]
}

/// The events about the vault itself: their state is `vault.json`'s, not a table's.
pub const VAULT_KIND: &str = "vault";

/// Tables that hold no audited record, and why.
pub const EXEMPT: &[(&str, &str)] = &[
    ("audit_events", "the chain itself; verify recomputes it"),
    (
        "notes_search",
        "the full-text index, derived from notes and rebuilt from them",
    ),
];

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Verification {
    /// Events checked.
    pub events: i64,
    /// Live records compared with their last audited state.
    pub records: usize,
    /// The first broken link, if any.
    pub first_break: Option<Break>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Break {
    /// The event at which the chain stops being trustworthy.
    pub seq: i64,
    pub reason: String,
}

impl Verification {
    /// Turns a broken chain into the error the command line reports.
    pub fn into_result(self) -> Result<Self> {
        match self.first_break {
            Some(b) => Err(Error::AuditBroken {
                seq: b.seq,
                reason: b.reason,
            }),
            None => Ok(self),
        }
    }
}

/// Checks the whole chain, then that every live record is exactly what its last event
/// says, and every kept note revision what the event that saved it says. Reads one
/// snapshot of the database, so an autosave landing meanwhile is no false break.
pub fn verify(conn: &Connection) -> Result<Verification> {
    verify_snapshot_of(conn, None)
}

/// [`verify`], and that `vault.json`'s state (`{keyring, kdf}`, the header of vault
/// `vault_id`) is what the latest vault event recorded: the header lives outside the
/// database and is not authenticated, so this is where an edit to it shows.
/// `crate::vault::Vault::verify` calls it.
pub fn verify_with_vault(
    conn: &Connection,
    vault_id: &str,
    header_state: &serde_json::Value,
) -> Result<Verification> {
    verify_snapshot_of(conn, Some((vault_id, header_state)))
}

fn verify_snapshot_of(
    conn: &Connection,
    header: Option<(&str, &serde_json::Value)>,
) -> Result<Verification> {
    // A savepoint opens a read transaction when none is open (WAL: one snapshot from the
    // first read on) and nests inside the caller's when one is.
    conn.execute_batch("SAVEPOINT audit_verify")?;
    let result = verify_snapshot(conn, header);
    conn.execute_batch("RELEASE audit_verify")?;
    result
}

fn verify_snapshot(
    conn: &Connection,
    header: Option<(&str, &serde_json::Value)>,
) -> Result<Verification> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, entity_type, entity_id, coalesce(case_id, ''), state, digest, prev_hash, hash
         FROM audit_events ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    // (entity_type, entity_id) → (seq, state) of its latest event.
    let mut latest: HashMap<(String, String), (i64, String)> = HashMap::new();
    // Records a vault starts with and no event made (the termbase seed): as if recorded
    // by an event 0, before the first. Their own later events replace it.
    let kinds = kinds();
    for kind in &kinds {
        for (id, state) in (kind.initial)() {
            latest.insert((kind.name.to_string(), id), (0, state));
        }
    }
    // (note id, revision) → (seq, state) of the latest event that recorded that revision.
    let mut note_revisions: HashMap<(String, i64), (i64, String)> = HashMap::new();
    // (note id, revision) → (at, actor) of the first event that recorded it: the save
    // that made it (a later migration event records the same revision again).
    let mut saved: HashMap<(String, i64), (String, String)> = HashMap::new();
    let mut events = 0;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let f: Vec<String> = (1..=10)
            .map(|i| row.get::<_, String>(i))
            .collect::<rusqlite::Result<_>>()?;
        let (at, actor, action, etype, eid, case, state, digest, prev, hash) = (
            &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9],
        );
        events += 1;
        let broken = |reason: String| Verification {
            events,
            records: 0,
            first_break: Some(Break { seq, reason }),
        };
        if seq != expected_seq {
            return Ok(broken(format!(
                "expected event {expected_seq}, found {seq}: events are missing"
            )));
        }
        if *prev != prev_hash {
            return Ok(broken("does not link to the event before it".into()));
        }
        if sha256_hex(state.as_bytes()) != *digest {
            return Ok(broken(format!(
                "the recorded state of {etype} {eid} was altered"
            )));
        }
        if event_hash([
            prev,
            &seq.to_string(),
            at,
            actor,
            action,
            etype,
            eid,
            case,
            digest,
        ]) != *hash
        {
            return Ok(broken("the event's fields were altered".into()));
        }
        if etype == "note" {
            if let Some(revision) = recorded_revision(state) {
                note_revisions.insert((eid.clone(), revision), (seq, state.clone()));
                saved
                    .entry((eid.clone(), revision))
                    .or_insert_with(|| (at.clone(), actor.clone()));
            }
        }
        latest.insert((etype.clone(), eid.clone()), (seq, state.clone()));
        prev_hash = hash.clone();
        expected_seq += 1;
    }

    let mut live = Vec::new();
    // Records that no longer load (an id or a word edited into something this build
    // cannot read) are a break too, named by their kind, not an error out of verify.
    let mut unreadable = Vec::new();
    for kind in &kinds {
        match (kind.live)(conn) {
            Ok(states) => live.extend(states.into_iter().map(|(id, state)| (kind.name, id, state))),
            Err(e) => unreadable.push((
                kind.name,
                format!("{} records cannot be read ({e})", kind.name),
            )),
        }
    }
    let mut records = 0;
    let mut first_break: Option<Break> = None;
    let mut note = |seq: i64, reason: String| {
        if first_break.as_ref().is_none_or(|b| seq < b.seq) {
            first_break = Some(Break { seq, reason });
        }
    };
    for (_, reason) in &unreadable {
        note(events + 1, reason.clone());
    }
    let mut seen = std::collections::HashSet::new();
    for (etype, id, state) in live {
        records += 1;
        let key = (etype.to_string(), id.clone());
        match latest.get(&key) {
            None => note(
                events + 1,
                format!("{etype} {id} was written without an audit event"),
            ),
            Some((0, initial)) if *initial != state => note(
                events + 1,
                format!(
                    "{etype} {id} differs from the seed it was loaded from, without an audit event"
                ),
            ),
            Some((seq, audited)) if *audited != state => note(
                *seq,
                format!("{etype} {id} was changed after event {seq} without an audit event"),
            ),
            Some(_) => {}
        }
        seen.insert(key);
    }
    // Revisions are never removed: one an event recorded and the table lacks was deleted.
    let kept: std::collections::HashSet<(String, i64)> = conn
        .prepare("SELECT note_id, revision FROM note_revisions")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for ((note_id, revision), (seq, _)) in &note_revisions {
        if !kept.contains(&(note_id.clone(), *revision)) {
            note(
                *seq,
                format!("revision {revision} of note {note_id} was deleted without an audit event"),
            );
        }
    }
    let revisions = revision_problems(conn, &note_revisions, &saved).unwrap_or_else(|e| {
        note(
            events + 1,
            format!("note revisions cannot be checked ({e})"),
        );
        Vec::new()
    });
    for (note_id, revision, problem) in revisions {
        records += 1;
        if let Some(problem) = problem {
            let seq = note_revisions
                .get(&(note_id.clone(), revision))
                .map_or(events + 1, |(seq, _)| *seq);
            note(
                seq,
                format!("revision {revision} of note {note_id} {problem}"),
            );
        }
    }
    if let Some((vault_id, header_state)) = header {
        match latest.get(&(VAULT_KIND.to_string(), vault_id.to_string())) {
            None => note(
                events + 1,
                "no audit event records vault.json's keyring and key-derivation state".into(),
            ),
            Some((seq, state)) => match serde_json::from_str::<serde_json::Value>(state) {
                Err(_) => note(
                    *seq,
                    format!("event {seq} recorded a vault state that cannot be read"),
                ),
                Ok(recorded) if recorded != *header_state => note(
                    *seq,
                    format!(
                        "vault.json was changed after event {seq} without an audit event: \
                         it says {header_state}, the event recorded {recorded}"
                    ),
                ),
                Ok(_) => {}
            },
        }
    }
    for ((etype, id), (seq, _)) in &latest {
        if etype != VAULT_KIND
            && !unreadable.iter().any(|(kind, _)| kind == etype)
            && !state_is_deletion(&latest, etype, id)
            && !seen.contains(&(etype.clone(), id.clone()))
        {
            note(
                if *seq == 0 { events + 1 } else { *seq },
                format!("{etype} {id} was deleted without an audit event"),
            );
        }
    }
    Ok(Verification {
        events,
        records,
        first_break,
    })
}

/// The revision number a note event's state records.
fn recorded_revision(state: &str) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(state)
        .ok()?
        .get("revision")?
        .as_i64()
}

/// Fields a note event and a kept revision both hold, compared as JSON.
const REVISION_FIELDS: &[&str] = &[
    "visibility",
    "party_id",
    "tags",
    "zh_script",
    "translated",
    "checked_by",
];

/// Every kept note revision against the event that recorded it: `(note, revision,
/// what is wrong)`. The texts are compared through the digests the event holds, plain
/// SHA-256 for events before schema 4 and keyed after.
fn revision_problems(
    conn: &Connection,
    recorded: &HashMap<(String, i64), (i64, String)>,
    saved: &HashMap<(String, i64), (String, String)>,
) -> Result<Vec<(String, i64, Option<String>)>> {
    let key = match crate::settings::get(conn, crate::digest::KEY_SETTING)? {
        Some(_) => Some(crate::digest::key(conn)?),
        None => None,
    };
    let mut stmt = conn.prepare(
        "SELECT note_id, revision, visibility, party_id, tags, zh_script, translated, checked_by,
                text_en, text_zh, saved_at, saved_by FROM note_revisions ORDER BY note_id, revision",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let note_id: String = row.get(0)?;
        let revision: i64 = row.get(1)?;
        let tags: String = row.get(4)?;
        let kept = serde_json::json!({
            "visibility": row.get::<_, String>(2)?,
            "party_id": row.get::<_, Option<String>>(3)?,
            "tags": serde_json::from_str::<serde_json::Value>(&tags).unwrap_or_default(),
            "zh_script": row.get::<_, Option<String>>(5)?,
            "translated": row.get::<_, Option<String>>(6)?,
            "checked_by": row.get::<_, Option<String>>(7)?,
        });
        let (text_en, text_zh): (String, String) = (row.get(8)?, row.get(9)?);
        let (saved_at, saved_by): (String, String) = (row.get(10)?, row.get(11)?);
        // Who saved it and when, to the second (what the table keeps of the event's time).
        let saved_as_recorded =
            saved
                .get(&(note_id.clone(), revision))
                .is_some_and(|(at, actor)| {
                    chrono::DateTime::parse_from_rfc3339(at)
                        .is_ok_and(|at| crate::time::to_storage(at.to_utc()) == saved_at)
                        && *actor == saved_by
                });
        let problem = match recorded.get(&(note_id.clone(), revision)) {
            None => Some("was written without an audit event".to_string()),
            Some((seq, state)) => {
                let event: serde_json::Value = serde_json::from_str(state).unwrap_or_default();
                let fields_differ = REVISION_FIELDS
                    .iter()
                    .any(|f| event.get(*f) != kept.get(*f));
                let text_differs = |side: &str, text: &str| {
                    if let Some(d) = event.get(format!("text_{side}_hmac")) {
                        key.as_ref()
                            .is_none_or(|k| d.as_str() != Some(&crate::digest::keyed(k, text)))
                    } else if let Some(d) = event.get(format!("text_{side}_sha256")) {
                        d.as_str() != Some(&crate::digest::plain(text))
                    } else {
                        true
                    }
                };
                (fields_differ
                    || !saved_as_recorded
                    || text_differs("en", &text_en)
                    || text_differs("zh", &text_zh))
                .then(|| format!("differs from what event {seq} recorded"))
            }
        };
        out.push((note_id, revision, problem));
    }
    Ok(out)
}

fn state_is_deletion(
    latest: &HashMap<(String, String), (i64, String)>,
    etype: &str,
    id: &str,
) -> bool {
    latest
        .get(&(etype.to_string(), id.to_string()))
        .is_some_and(|(_, state)| state == REMOVED)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table a migration made, but SQLite's own and FTS5's shadow tables.
    fn schema_tables(conn: &Connection) -> Vec<String> {
        conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'notes_search_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn every_table_is_an_audited_kinds_or_exempt_with_a_reason() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        let kinds = kinds();
        let registered: Vec<&str> = kinds
            .iter()
            .flat_map(|k| k.tables.iter().copied())
            .collect();
        let exempt: Vec<&str> = EXEMPT.iter().map(|(t, _)| *t).collect();
        let tables = schema_tables(&conn);
        let loose: Vec<&String> = tables
            .iter()
            .filter(|t| !registered.contains(&t.as_str()) && !exempt.contains(&t.as_str()))
            .collect();
        assert!(
            loose.is_empty(),
            "tables no audited kind reads and not exempt: {loose:?}; implement Audited for \
             their record and add it to integrity::kinds, or exempt them with a reason"
        );
        for named in registered.iter().chain(&exempt) {
            assert!(
                tables.iter().any(|t| t == named),
                "{named} is registered or exempt but is no table of the schema"
            );
        }
    }

    #[test]
    fn no_two_kinds_share_a_name() {
        let kinds = kinds();
        let mut names: Vec<&str> = kinds.iter().map(|k| k.name).collect();
        names.push(VAULT_KIND);
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
