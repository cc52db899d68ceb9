//! The vault's settings table: its id, its mediator, the text-digest key.
//!
//! Each setting is audited like any record, so a setting changed behind Accord's back
//! (another mediator's name on every future event, a swapped digest key) is caught by
//! `audit verify`. The audit log keeps a setting's SHA-256, never its value: the chain
//! leaves the laptop in bundles, and the digest key must not.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::Audited;
use crate::digest;
use crate::error::Result;
use crate::store::Tx;

/// A setting's value, if set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// Sets a new setting and records it (`setting.create`).
pub(crate) fn insert(tx: &Tx<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)",
        (key, value),
    )?;
    tx.record("setting.create", &Setting::of(key, value))?;
    Ok(())
}

/// A setting as the audit log keeps it: its key and its value's SHA-256.
#[derive(Serialize)]
pub struct Setting {
    key: String,
    value_sha256: String,
}

impl Setting {
    pub(crate) fn of(key: &str, value: &str) -> Self {
        Setting {
            key: key.to_string(),
            value_sha256: digest::plain(value),
        }
    }
}

impl Audited for Setting {
    const KIND: &'static str = "setting";
    const TABLES: &'static [&'static str] = &["settings"];

    fn audit_id(&self) -> String {
        self.key.clone()
    }
    fn audit_case(&self) -> Option<String> {
        None
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        Ok(all(conn)?
            .iter()
            .map(|(key, value)| Setting::of(key, value))
            .collect())
    }
}

/// Every setting as `(key, value)`, in key order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare("SELECT key, value FROM settings ORDER BY key")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
