//! The vault's settings table: its id, its mediator, the text-digest key.
//!
//! Each setting is audited like any record, so a setting changed behind Accord's back
//! (another mediator's name on every future event, a swapped digest key) is caught by
//! `audit verify`. The audit log keeps a setting's SHA-256, never its value: the chain
//! leaves the laptop in bundles, and the digest key must not.

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::audit::{self, Stamp};
use crate::digest;
use crate::error::Result;

/// A setting's value, if set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// Sets a new setting and records it (`setting.create`).
pub(crate) fn insert(tx: &Transaction<'_>, stamp: &Stamp, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)",
        (key, value),
    )?;
    record(tx, stamp, "setting.create", key, value)
}

/// Records a setting as it stands (`setting.create`, or `setting.migrate` for one that
/// existed before settings were audited).
pub(crate) fn record(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    key: &str,
    value: &str,
) -> Result<()> {
    let state = serde_json::to_string(&Audited::of(key, value)).expect("serializes");
    audit::append_raw(tx, stamp, action, "setting", key, None, &state)?;
    Ok(())
}

#[derive(Serialize)]
struct Audited<'a> {
    key: &'a str,
    value_sha256: String,
}

impl<'a> Audited<'a> {
    fn of(key: &'a str, value: &str) -> Self {
        Audited {
            key,
            value_sha256: digest::plain(value),
        }
    }
}

/// Every setting as `(key, value)`, in key order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare("SELECT key, value FROM settings ORDER BY key")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every setting as `(entity_type, id, state JSON)`, for [`audit::verify`].
pub fn audited_states(conn: &Connection) -> Result<Vec<(&'static str, String, String)>> {
    Ok(all(conn)?
        .into_iter()
        .map(|(key, value)| {
            let state = serde_json::to_string(&Audited::of(&key, &value)).expect("serializes");
            ("setting", key, state)
        })
        .collect())
}
