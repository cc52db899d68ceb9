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
//! with `prev_hash` of the first event being 64 zeros. This module is the log's format
//! and nothing else: changes append through [`crate::store::Tx::record`], and
//! [`crate::integrity::verify`] recomputes the chain and compares every live record
//! with the state its last event recorded.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ids::CaseId;

use crate::error::Result;

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

/// A kind of record the chain keeps. The state an event records and the state
/// [`crate::integrity::verify`] reads back are both [`Audited::audit_state`] of a value
/// loaded by the same code, so the two cannot drift apart; [`crate::integrity`] holds
/// the one list of kinds that `verify` walks.
pub trait Audited: Serialize + Sized {
    /// The `entity_type` its events carry: `case`, `party`, `note` …
    const KIND: &'static str;
    /// The tables whose rows make up its state; every table of the schema is a kind's
    /// or exempt (`integrity::tests`).
    const TABLES: &'static [&'static str];

    fn audit_id(&self) -> String;
    /// The case its events belong to, if any (a term or a setting has none).
    fn audit_case(&self) -> Option<String>;
    /// The state recorded: canonical JSON.
    fn audit_state(&self) -> String {
        serde_json::to_string(self).expect("audited states serialize")
    }
    /// Every live record of the kind, loaded as when it is recorded.
    fn all_live(conn: &Connection) -> Result<Vec<Self>>;
    /// Records a vault starts with and no event made (the termbase seed), as
    /// `(id, state)`: as if recorded before the first event.
    fn initial_states() -> Vec<(String, String)> {
        Vec::new()
    }
}

/// The state an event records when its record is removed.
pub const REMOVED: &str = "null";

/// Appends an event whose state is already serialized: for states that must be recorded
/// byte for byte as a verifier will read them back (migrations, settings).
pub(crate) fn append_raw(
    tx: &Connection,
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

pub(crate) fn event_hash(fields: [&str; 9]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    for field in fields {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Events in order, optionally only those of one case.
pub fn list(conn: &Connection, case_id: Option<CaseId>) -> Result<Vec<AuditEvent>> {
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
