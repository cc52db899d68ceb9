//! Forward-only schema migrations: one SQL file each, applied in order, with the Rust
//! step the [`Schema`] gives for some of them run in the same transaction.
//!
//! Never edit or remove a migration that has shipped: vaults in the field were built by
//! it. `tests/accord/migrations.rs` opens a fixture vault of every earlier schema version.

use rusqlite::Connection;
use rusqlite_migration::{HookError, Migrations, M};

use super::Schema;
use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_sessions_by_end.sql"),
    include_str!("migrations/0003_notes_terms_search.sql"),
    include_str!("migrations/0004_consent_and_guard.sql"),
    include_str!("migrations/0005_agreements.sql"),
    include_str!("migrations/0006_termbase_corrections.sql"),
];

/// The schema version this build writes.
pub const LATEST_SCHEMA: i64 = MIGRATIONS.len() as i64;

/// Brings a connection's schema up to date with `schema`'s steps. Only a writer may:
/// [`super::Store::migrate`] is the way for the vault; tests and the store benchmark
/// call it on plain connections of their own.
pub fn migrate(conn: &mut Connection, schema: &Schema) -> Result<()> {
    refuse_too_new(schema_version(conn)?)?;
    Migrations::new(steps(schema))
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()))
}

/// A newer Accord wrote a vault past [`LATEST_SCHEMA`]; touching it could lose data.
pub(super) fn refuse_too_new(found: i64) -> Result<()> {
    if found > LATEST_SCHEMA {
        return Err(Error::SchemaTooNew {
            found,
            known: LATEST_SCHEMA,
        });
    }
    Ok(())
}

/// The SQL files, each with the Rust step `schema` gives for its version, if any.
fn steps(schema: &Schema) -> Vec<M<'static>> {
    MIGRATIONS
        .iter()
        .enumerate()
        .map(|(i, sql)| {
            let version = i as i64 + 1;
            match schema.steps.iter().find(|s| s.version == version) {
                Some(step) => {
                    let run = step.run;
                    M::up_with_hook(sql, move |tx: &rusqlite::Transaction<'_>| {
                        run(tx).map_err(|e| HookError::Hook(e.to_string()))
                    })
                }
                None => M::up(sql),
            }
        })
        .collect()
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
        assert!(Migrations::new(steps(&Schema::BARE)).validate().is_ok());
    }
}
