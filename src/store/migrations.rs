//! Forward-only schema migrations, one SQL file each, applied in order.
//!
//! Never edit or remove a migration that has shipped: vaults in the field were built by
//! it. `tests/migrations.rs` opens a fixture vault of every earlier schema version.

use rusqlite::Connection;
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_sessions_by_end.sql"),
    include_str!("migrations/0003_notes_terms_search.sql"),
    include_str!("migrations/0004_consent_and_guard.sql"),
];

/// The schema version this build writes.
pub const LATEST_SCHEMA: i64 = MIGRATIONS.len() as i64;

/// Brings a connection's schema up to date. [`super::Store::open`] calls it after keying;
/// the store benchmark calls it on its unencrypted baseline.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > LATEST_SCHEMA {
        // A newer Accord wrote this vault; touching it could lose data.
        return Err(Error::SchemaTooNew {
            found,
            known: LATEST_SCHEMA,
        });
    }
    Migrations::new(steps())
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()))
}

/// The migrations, with the Rust steps some of them take in the same transaction.
fn steps() -> Vec<M<'static>> {
    MIGRATIONS
        .iter()
        .enumerate()
        .map(|(i, sql)| match i + 1 {
            3 => M::up_with_hook(sql, schema_3_hook),
            4 => M::up_with_hook(sql, schema_4_hook),
            _ => M::up(sql),
        })
        .collect()
}

/// Schema 3 brings the termbase, seeded in the same transaction, and gives every case a
/// confidentiality regime, which the audit log must record: otherwise its verifier would
/// see each existing case changed without an event.
fn schema_3_hook(tx: &rusqlite::Transaction<'_>) -> HookResult {
    crate::termbase::seed::insert(tx).map_err(|e| HookError::Hook(e.to_string()))?;
    crate::cases::record_schema_3_regime(tx).map_err(|e| HookError::Hook(e.to_string()))?;
    Ok(())
}

/// Schema 4's Rust step: see [`crate::schema::schema_4`].
fn schema_4_hook(tx: &rusqlite::Transaction<'_>) -> HookResult {
    crate::schema::schema_4(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// The schema version recorded in the database (0 for a new one).
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        assert!(Migrations::new(steps()).validate().is_ok());
    }
}
