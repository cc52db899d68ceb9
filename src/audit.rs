//! The audit chain: every change appends an event whose hash covers the one before.
//!
//! An event records who did what to which entity, and the entity's whole state after
//! the change (`state`, canonical JSON) with its SHA-256 (`digest`). The event hash is
//!
//! ```text
//! hash = SHA-256( "accord-audit/1" ‖ field(prev_hash) ‖ field(seq) ‖ field(at) ‖ field(actor)
//!                 ‖ field(action) ‖ field(entity_type) ‖ field(entity_id) ‖ field(case_id)
//!                 ‖ field(digest) )
//! field(x) = u64 little-endian byte length of x ‖ UTF-8 bytes of x      (case_id "" when none)
//! ```
//!
//! with `prev_hash` of the first event being 64 zeros. [`verify`] recomputes the chain
//! and also compares every live record with the state its last event recorded, so an
//! edit made behind Accord's back — to the data or to the log — is found and named.
//! Termbase seed entries have no event (they are the initial state, like the schema); an
//! unedited one is compared with the seed compiled into this build instead.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ids::Id;

use crate::error::{Error, Result};

const DOMAIN: &[u8] = b"accord-audit/1";
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change, and when. Passed in, never read from the clock inside the core,
/// so tests are deterministic.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub case_id: Option<String>,
    pub digest: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Appends an event for a change to a case, party, session, mediator or term. Call it inside
/// the transaction that made the change, after the change, with the reloaded state.
pub fn record<S: Serialize>(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    entity_type: &str,
    entity_id: Id,
    case_id: Option<Id>,
    state: &S,
) -> Result<i64> {
    let state = serde_json::to_string(state).expect("entity states serialize");
    append_raw(
        tx,
        stamp,
        action,
        entity_type,
        &entity_id.to_string(),
        case_id.map(|c| c.to_string()),
        &state,
    )
}

/// Appends an event about the vault itself (created, passphrase changed, keyring …).
pub fn record_vault(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    vault_id: Uuid,
    state: serde_json::Value,
) -> Result<()> {
    append_raw(
        tx,
        stamp,
        action,
        "vault",
        &vault_id.to_string(),
        None,
        &state.to_string(),
    )?;
    Ok(())
}

/// Appends an event whose state is already serialized: for states that must be recorded
/// byte for byte as a verifier will read them back (migrations, settings).
pub(crate) fn append_raw(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    case_id: Option<String>,
    state: &str,
) -> Result<i64> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let at = stamp.at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let digest = sha256_hex(state.as_bytes());
    let case = case_id.clone().unwrap_or_default();
    let hash = event_hash([
        &prev_hash,
        &seq.to_string(),
        &at,
        &stamp.actor,
        action,
        entity_type,
        entity_id,
        &case,
        &digest,
    ]);
    tx.execute(
        "INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id, case_id, state, digest, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![seq, at, stamp.actor, action, entity_type, entity_id, case_id, state, digest, prev_hash, hash],
    )?;
    Ok(seq)
}

fn event_hash(fields: [&str; 9]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    for field in fields {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Events in order, optionally only those of one case.
pub fn list(conn: &Connection, case_id: Option<Id>) -> Result<Vec<AuditEvent>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, entity_type, entity_id, case_id, digest, prev_hash, hash
         FROM audit_events WHERE ?1 IS NULL OR case_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([case_id.map(|c| c.to_string())], |row| {
        Ok(AuditEvent {
            seq: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity_type: row.get(4)?,
            entity_id: row.get(5)?,
            case_id: row.get(6)?,
            digest: row.get(7)?,
            prev_hash: row.get(8)?,
            hash: row.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

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
    // A savepoint opens a read transaction when none is open (WAL: one snapshot from the
    // first read on) and nests inside the caller's when one is.
    conn.execute_batch("SAVEPOINT audit_verify")?;
    let result = verify_snapshot(conn);
    conn.execute_batch("RELEASE audit_verify")?;
    result
}

fn verify_snapshot(conn: &Connection) -> Result<Verification> {
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
    for (etype, id, state) in crate::termbase::seed::initial_states() {
        latest.insert((etype.to_string(), id), (0, state));
    }
    // (note id, revision) → (seq, state) of the latest event that recorded that revision.
    let mut note_revisions: HashMap<(String, i64), (i64, String)> = HashMap::new();
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
            }
        }
        latest.insert((etype.clone(), eid.clone()), (seq, state.clone()));
        prev_hash = hash.clone();
        expected_seq += 1;
    }

    let live = crate::cases::audited_states(conn)?
        .into_iter()
        .chain(crate::mediators::audited_states(conn)?)
        .chain(crate::parties::audited_states(conn)?)
        .chain(crate::sessions::audited_states(conn)?)
        .chain(crate::notes::audited_states(conn)?)
        .chain(crate::confidentiality::audited_states(conn)?)
        .chain(crate::termbase::audited_states(conn)?)
        .chain(crate::settings::audited_states(conn)?);
    let mut records = 0;
    let mut first_break: Option<Break> = None;
    let mut note = |seq: i64, reason: String| {
        if first_break.as_ref().is_none_or(|b| seq < b.seq) {
            first_break = Some(Break { seq, reason });
        }
    };
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
    for (note_id, revision, problem) in revision_problems(conn, &note_revisions)? {
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
    for ((etype, id), (seq, _)) in &latest {
        if etype != "vault"
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
) -> Result<Vec<(String, i64, Option<String>)>> {
    let key = match crate::settings::get(conn, crate::digest::KEY_SETTING)? {
        Some(_) => Some(crate::digest::key(conn)?),
        None => None,
    };
    let mut stmt = conn.prepare(
        "SELECT note_id, revision, visibility, party_id, tags, zh_script, translated, checked_by,
                text_en, text_zh FROM note_revisions ORDER BY note_id, revision",
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
                (fields_differ || text_differs("en", &text_en) || text_differs("zh", &text_zh))
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
        .is_some_and(|(_, state)| state == "null")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_hash_is_pinned() {
        // Bundles carry this chain to the Secretariat, which recomputes it: the bytes
        // hashed must never change silently. (Value computed independently, in Python.)
        let h = event_hash([
            GENESIS_HASH,
            "1",
            "2026-01-01T00:00:00.000000Z",
            "M",
            "case.create",
            "case",
            "id",
            "",
            "d",
        ]);
        assert_eq!(
            h,
            "82996d5974f914bb8abb35694ca7501899444e079d1928965d3915d16eda7cc6"
        );
    }

    #[test]
    fn length_prefixes_keep_fields_apart() {
        let a = event_hash([GENESIS_HASH, "1", "t", "ab", "c", "x", "y", "", "d"]);
        let b = event_hash([GENESIS_HASH, "1", "t", "a", "bc", "x", "y", "", "d"]);
        assert_ne!(a, b);
    }
}
