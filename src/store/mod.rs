//! The SQLCipher database: opening it with the vault's raw key, and its schema.
//!
//! SQLCipher is keyed with the 256-bit master key directly (`x'…'`), skipping its own
//! passphrase derivation: the passphrase was already stretched by Argon2id in
//! [`crate::vault`], and a raw key opens in well under a millisecond.

mod migrations;
mod tx;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use crate::audit::Stamp;
use crate::error::{Error, Result};
use crate::vault::MasterKey;

pub use migrations::{migrate, schema_version, LATEST_SCHEMA};
pub use tx::{write_plain_for_benchmarks, Tx};

/// The read handle: what every read of the vault's records takes. The vault's
/// connection is query-only outside [`Store::write`] and [`Store::maintain`], so a read
/// handle cannot change a record even by mistake.
pub type Db = Connection;

/// File name of the database inside a vault directory.
pub const DB_FILE: &str = "accord.db";

/// An open, keyed and migrated database. All reads and writes of case data go through it.
pub struct Store {
    conn: Connection,
    /// Commits since the WAL was last copied into the database.
    unchecked_writes: u32,
}

/// Past this many commits without a [`Store::checkpoint`], [`Store::write`] checkpoints
/// itself, so the WAL stays bounded even if nobody ever pauses.
const CHECKPOINT_AFTER_WRITES: u32 = 500;

/// Whether the database file may be created. Only `accord init` creates one: a vault
/// whose database is missing is damaged, and silently making a fresh empty one would
/// hide that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    Yes,
    No,
}

impl Store {
    /// Opens (or with [`Create::Yes`], creates) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path, key: &MasterKey, create: Create) -> Result<Self> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create == Create::Yes {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        } else if !path.exists() {
            return Err(Error::VaultDamaged(format!(
                "{} is missing",
                path.display()
            )));
        }
        let mut conn = Connection::open_with_flags(path, flags)?;
        apply_key(&conn, key)?;
        configure(&conn)?;
        crate::search::rank::register(&conn)?;
        migrations::migrate(&mut conn)?;
        set_query_only(&conn, true)?;
        Ok(Store {
            conn,
            unchecked_writes: 0,
        })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction stamped `stamp`: all of it lands, or none
    /// of it. [`crate::vault::Vault::change`] is the way in.
    pub(crate) fn write<T>(
        &mut self,
        stamp: &Stamp,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.in_transaction(|tx| f(&Tx::new(tx, stamp)))
    }

    /// Upkeep that changes no record (merging the search index's segments): one
    /// transaction, no audit stamp.
    pub(crate) fn maintain<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.in_transaction(|tx| f(tx))
    }

    /// Lifts the connection's query-only guard for one immediate transaction.
    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        set_query_only(&self.conn, false)?;
        let result = self.commit_one(f);
        set_query_only(&self.conn, true)?;
        let value = result?;
        self.unchecked_writes += 1;
        if self.unchecked_writes >= CHECKPOINT_AFTER_WRITES {
            self.checkpoint()?;
        }
        Ok(value)
    }

    fn commit_one<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Copies what the WAL holds into the database file, without waiting for readers
    /// (PASSIVE). Commits never do this themselves (see `configure`); the desktop app
    /// calls it through [`crate::vault::Vault::tidy`] when the mediator pauses, and
    /// SQLite does it when the connection closes.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        self.unchecked_writes = 0;
        Ok(())
    }

    /// Verifies SQLCipher's page HMACs and SQLite's structure. Empty means healthy.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for pragma in ["PRAGMA cipher_integrity_check", "PRAGMA integrity_check"] {
            let mut stmt = self.conn.prepare(pragma)?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            for row in rows {
                let row = row?;
                if row != "ok" {
                    problems.push(row);
                }
            }
        }
        Ok(problems)
    }
}

/// Keys the connection and proves the key is right and the build really encrypts.
fn apply_key(conn: &Connection, key: &MasterKey) -> Result<()> {
    // A plain SQLite build accepts `PRAGMA key` silently and writes plaintext; only a
    // SQLCipher build answers `cipher_version`.
    let cipher: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |row| row.get(0))
        .ok();
    if cipher.is_none() {
        return Err(Error::CipherMissing);
    }
    let pragma = Zeroizing::new(format!("PRAGMA key = \"x'{}'\"", key.to_hex().as_str()));
    conn.execute_batch(&pragma)?;
    // Keying activates SQLCipher's default logging of failed page checks to stderr;
    // errors reach the mediator as typed errors instead, in their language.
    conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
    // The key is only checked when the first page is read.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Error::VaultDamaged(
                "the database does not open with this vault's key".into(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// SQLite refuses every write while `query_only` is on: outside a [`Store::write`], the
/// connection is the read handle ([`Db`]) and nothing else.
fn set_query_only(conn: &Connection, on: bool) -> Result<()> {
    conn.pragma_update(None, "query_only", on)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL keeps readers off the writer's back; FULL makes every commit durable before it
    // returns, so a closed lid or a power cut loses nothing acknowledged. A 64 MiB page
    // cache matters more under SQLCipher than plain SQLite: every page read from disk is
    // decrypted and checked again (benches/store.rs: 5–50× slower lists with the default).
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::VaultDamaged(format!("journal mode {mode}")));
    }
    // No automatic checkpoint: one copies the whole WAL into the database inside some
    // unlucky commit, a 30 ms stall in an autosave (benches/search.rs). Store::checkpoint
    // runs when the mediator pauses, after many commits, and at close.
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &dir.path().join(DB_FILE),
            &MasterKey::generate(),
            Create::Yes,
        )
        .unwrap();
        (dir, store)
    }

    fn stamp() -> Stamp {
        Stamp {
            at: "2026-12-01T09:00:00Z".parse().unwrap(),
            actor: "Test Mediator".into(),
        }
    }

    const WRITE: &str = "INSERT INTO settings (key, value) VALUES ('probe', 'x')";

    #[test]
    fn the_read_handle_cannot_write_even_after_a_write_or_a_failed_one() {
        let (_dir, mut store) = store();
        assert!(
            store.conn().execute(WRITE, []).is_err(),
            "outside a write: refused"
        );
        store
            .write(&stamp(), |tx| Ok(tx.execute(WRITE, [])?))
            .expect("inside a write: allowed");
        assert!(
            store.conn().execute(WRITE, []).is_err(),
            "the guard is back after a commit"
        );
        let failed: Result<()> = store.write(&stamp(), |_| Err(Error::Required { field: "x" }));
        assert!(failed.is_err());
        assert!(
            store.conn().execute(WRITE, []).is_err(),
            "and after a rollback"
        );
        let kept: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM settings WHERE key = 'probe'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, 1, "only the write inside Store::write landed");
    }
}
