//! The SQLCipher database: the connection, its key and pragmas, and the SQL of its
//! migrations. It knows nothing of the domain: what a migration must do in Rust, the SQL
//! functions a connection needs and the upkeep of a pause come from a [`Schema`], which
//! [`crate::schema`] (above the domain) supplies. `the_store_depends_on_no_domain_module`
//! keeps it so.
//!
//! ## Keying
//!
//! SQLCipher is keyed with the 256-bit master key directly (`x'…'`), skipping its own
//! passphrase derivation: the passphrase was already stretched by Argon2id in
//! [`crate::vault`], and a raw key opens in well under a millisecond. The key goes in
//! through `sqlite3_key_v2`, not `PRAGMA key`: SQL text is copied into the prepared
//! statement and again by the pragma parser, and SQLite frees those copies without
//! wiping them. The one buffer holding the `x'…'` literal is ours, and wiped as soon as
//! SQLCipher has taken its copy, which it keeps in memory it wipes itself
//! (`sqlcipher_free`). Tests: `keying_puts_the_key_in_no_sql_text`,
//! `the_key_literal_is_wiped_once_handed_over`.
//!
//! ## `cipher_memory_security`: off (measured)
//!
//! With it on, SQLCipher wipes and `mlock`s every allocation SQLite makes (page cache,
//! statements, query results), not only its own key material. `cargo bench --bench store
//! -- --memory-security` runs the same workload in fresh processes, off and on (best of
//! two each). 2026-12-02, 2 shared cores (load 5.5), dev profile (SQLCipher at
//! opt-level 2, Accord unoptimised, so the true ratio is if anything higher):
//!
//! | workload | off | on | on ÷ off |
//! |---|---:|---:|---:|
//! | insert 1,000 cases, one transaction | 1.03 s | 2.06 s | 2.00× |
//! | insert 10,000 sessions, 1,000 per transaction | 7.15 s | 14.01 s | 1.96× |
//! | insert 200 cases, one transaction each (fsync-bound) | 1.84 s | 1.94 s | 1.05× |
//! | list 1,200 cases | 18.3 ms | 51.3 ms | 2.80× |
//! | agenda, 50 sessions | 16.8 ms | 70.3 ms | 4.17× |
//! | open the vault | 1.7 ms | 6.9 ms | 4.01× |
//!
//! Locked memory with the vault open: 12 kB off, 16.6 MB on. This run's process could go
//! past its 8 MiB `RLIMIT_MEMLOCK` (it runs privileged); an ordinary user's cannot, and
//! past it `mlock` fails silently, leaving only the wiping, with a 64 MiB page cache.
//!
//! **Decision: off.** Lists and the agenda, what a mediator waits on, get 3–4× slower,
//! and the page lock it promises does not hold past the memlock limit. What it guards
//! against is freed memory read later: core dumps and same-user ptrace are already off
//! ([`crate::process`]), the key and its derivation are wiped without it (above; argon2's
//! `zeroize` feature), and swap stays a known limit in `docs/threat-model.md`.
//!
//! ## Who migrates
//!
//! [`Store::open`] never migrates: it reports the schema it found
//! ([`Store::schema_version`]) and the vault decides. Only the holder of the writer lock
//! calls [`Store::migrate`] (see `crate::vault::Vault::open`).

mod migrations;
mod tx;

use std::os::raw::c_int;
use std::path::Path;

use rusqlite::{ffi, Connection, OpenFlags};
use zeroize::{Zeroize, Zeroizing};

use crate::audit::Stamp;
use crate::error::{Error, Result};
use crate::keys::MasterKey;

pub use migrations::{migrate, schema_version, LATEST_SCHEMA};
pub use tx::{write_plain_for_benchmarks, Tx};

/// What the layer above the domain tells the store about its data: the store runs these
/// at the right moments without knowing what they do.
pub struct Schema {
    /// Rust steps run in the same transaction as their migration's SQL.
    pub steps: &'static [Step],
    /// Run on every connection after keying: SQL functions the schema's queries call.
    pub on_connect: &'static [fn(&Connection) -> Result<()>],
    /// Upkeep that changes no record, for when the mediator pauses
    /// ([`Store::tidy`]); each job runs in a transaction of its own.
    pub upkeep: &'static [fn(&Connection) -> Result<()>],
    /// The oldest schema version this build's reads understand: a reader that may not
    /// migrate reads a vault at least this new as it is, and refuses an older one.
    pub readable_from: i64,
}

/// The Rust part of migration `version`.
pub struct Step {
    pub version: i64,
    pub run: fn(&rusqlite::Transaction<'_>) -> Result<()>,
}

impl Schema {
    /// The SQL alone: for the store's own tests, which must not need the domain.
    pub const BARE: Schema = Schema {
        steps: &[],
        on_connect: &[],
        upkeep: &[],
        readable_from: LATEST_SCHEMA,
    };
}

/// The read handle: what every read of the vault's records takes. The vault's
/// connection is query-only outside [`Store::write`] and [`Store::maintain`], so a read
/// handle cannot change a record even by mistake.
pub type Db = Connection;

/// File name of the database inside a vault directory.
pub const DB_FILE: &str = "accord.db";

/// An open, keyed and migrated database. All reads and writes of case data go through it.
pub struct Store {
    conn: Connection,
    schema: &'static Schema,
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
    /// Opens (or with [`Create::Yes`], creates) the database at `path`, keyed and
    /// configured, and runs `schema`'s on-connect functions. It does not migrate: see
    /// [`Store::migrate`]. A schema newer than this build is refused here.
    pub fn open(
        path: &Path,
        key: &MasterKey,
        create: Create,
        schema: &'static Schema,
    ) -> Result<Self> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create == Create::Yes {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        } else if !path.exists() {
            return Err(Error::VaultDamaged(format!(
                "{} is missing",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(path, flags)?;
        apply_key(&conn, key)?;
        configure(&conn)?;
        for on_connect in schema.on_connect {
            on_connect(&conn)?;
        }
        migrations::refuse_too_new(schema_version(&conn)?)?;
        set_query_only(&conn, true)?;
        Ok(Store {
            conn,
            schema,
            unchecked_writes: 0,
        })
    }

    /// The schema version the database holds.
    pub fn schema_version(&self) -> Result<i64> {
        schema_version(&self.conn)
    }

    /// Whether a process that may not migrate can read the database as it is.
    pub fn readable_as_is(&self) -> Result<bool> {
        Ok(self.schema_version()? >= self.schema.readable_from)
    }

    /// Brings the schema up to date, running the schema's steps. Only the writer may:
    /// the caller holds the vault's writer lock, so no other process is writing, and
    /// none migrates at the same time.
    pub(crate) fn migrate(&mut self) -> Result<()> {
        set_query_only(&self.conn, false)?;
        let result = migrations::migrate(&mut self.conn, self.schema);
        set_query_only(&self.conn, true)?;
        result
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

    /// The schema's upkeep jobs, each in one transaction, then a checkpoint.
    pub(crate) fn tidy(&mut self) -> Result<()> {
        for job in self.schema.upkeep {
            self.maintain(job)?;
        }
        self.checkpoint()
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

    /// Writes the whole database, as this connection sees it (WAL included), into the
    /// new empty file at `path`, encrypted under `key`: SQLCipher's `sqlcipher_export`
    /// into an attached database keyed through `sqlite3_key_v2` (no key in SQL text).
    /// The copy keeps every table, index, trigger, virtual table and the schema version
    /// (`export_keeps_every_row_and_the_schema_version_under_the_new_key_only`).
    /// Used by a rekey, which needs the old file intact until its commit point.
    pub(crate) fn export_to(&mut self, path: &Path, key: &MasterKey) -> Result<()> {
        let target = path.to_str().ok_or_else(|| {
            Error::Io(std::io::Error::other(format!(
                "{} is not valid UTF-8",
                path.display()
            )))
        })?;
        set_query_only(&self.conn, false)?;
        let result = export(&self.conn, target, key);
        let detached = self.conn.execute_batch("DETACH DATABASE rekeyed");
        set_query_only(&self.conn, true)?;
        result?;
        detached?;
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

fn export(conn: &Connection, target: &str, key: &MasterKey) -> Result<()> {
    conn.execute("ATTACH DATABASE ?1 AS rekeyed", [target])?;
    let mut literal = raw_key_literal(key);
    hand_over_key(conn, c"rekeyed", literal.as_mut_slice())?;
    conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
    // sqlcipher_export copies no header field: the schema version is the migrations'
    // bookkeeping, and a copy without it would be migrated again from schema 1.
    let version = schema_version(conn)?;
    conn.execute_batch(&format!("PRAGMA rekeyed.user_version = {version}"))?;
    Ok(())
}

/// Keys the connection and proves the key is right and the build really encrypts.
fn apply_key(conn: &Connection, key: &MasterKey) -> Result<()> {
    // Only a SQLCipher build answers `cipher_version`: refuse anything else before a
    // page is written, rather than trust that the key took.
    let cipher: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |row| row.get(0))
        .ok();
    if cipher.is_none() {
        return Err(Error::CipherMissing);
    }
    let mut literal = raw_key_literal(key);
    hand_over_key(conn, c"main", literal.as_mut_slice())?;
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
            Err(Error::KeyMismatch)
        }
        Err(e) => Err(e.into()),
    }
}

/// Bytes of SQLCipher's raw-key literal: `x'`, 64 hex digits, `'`.
const KEY_LITERAL_LEN: usize = 3 + 2 * 32;

/// The master key as SQLCipher's raw-key literal `x'…'`, which tells it to use the bytes
/// as the key rather than derive one (with PBKDF2) from a passphrase.
fn raw_key_literal(key: &MasterKey) -> Zeroizing<[u8; KEY_LITERAL_LEN]> {
    let mut literal = Zeroizing::new([0u8; KEY_LITERAL_LEN]);
    literal[..2].copy_from_slice(b"x'");
    hex::encode_to_slice(key.as_bytes(), &mut literal[2..KEY_LITERAL_LEN - 1])
        .expect("64 hex digits fit");
    literal[KEY_LITERAL_LEN - 1] = b'\'';
    literal
}

/// Keys database `schema` of `conn` with `literal` through `sqlite3_key_v2`, then wipes
/// `literal`, whether or not SQLCipher took it.
fn hand_over_key(conn: &Connection, schema: &std::ffi::CStr, literal: &mut [u8]) -> Result<()> {
    // SAFETY: the handle is this connection's, live for the call; `literal` is valid for
    // `len` bytes during the call, which copies it (sqlcipher_codec_ctx_set_pass) and
    // keeps no pointer to it.
    let rc = unsafe {
        ffi::sqlite3_key_v2(
            conn.handle(),
            schema.as_ptr(),
            literal.as_ptr().cast(),
            literal.len() as c_int,
        )
    };
    literal.zeroize();
    if rc != ffi::SQLITE_OK {
        // Not a wrong key (that shows at the first read): out of memory, a misuse.
        return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None).into());
    }
    Ok(())
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
        let mut store = Store::open(
            &dir.path().join(DB_FILE),
            &MasterKey::generate(),
            Create::Yes,
            &Schema::BARE,
        )
        .unwrap();
        store.migrate().unwrap();
        (dir, store)
    }

    /// Every statement SQLite starts on a connection, as written and with its
    /// parameters expanded: what a `PRAGMA key` would have left in SQL text.
    struct Traced(std::sync::Mutex<Vec<String>>);

    unsafe extern "C" fn collect(
        _mask: std::os::raw::c_uint,
        ctx: *mut std::os::raw::c_void,
        stmt: *mut std::os::raw::c_void,
        sql: *mut std::os::raw::c_void,
    ) -> c_int {
        // SAFETY: ctx is the `Traced` installed below, alive while the connection is;
        // for SQLITE_TRACE_STMT, `stmt` is the statement and `sql` its UTF-8 text.
        unsafe {
            let traced = &*(ctx as *const Traced);
            let mut seen = traced.0.lock().unwrap();
            seen.push(
                std::ffi::CStr::from_ptr(sql as *const std::os::raw::c_char)
                    .to_string_lossy()
                    .into_owned(),
            );
            let expanded = ffi::sqlite3_expanded_sql(stmt.cast());
            if !expanded.is_null() {
                seen.push(
                    std::ffi::CStr::from_ptr(expanded)
                        .to_string_lossy()
                        .into_owned(),
                );
                ffi::sqlite3_free(expanded.cast());
            }
        }
        0
    }

    #[test]
    fn keying_puts_the_key_in_no_sql_text() {
        let dir = tempfile::tempdir().unwrap();
        let key = MasterKey::generate();
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        let traced = Box::new(Traced(Default::default()));
        // SAFETY: the handle is live; `traced` outlives the connection (dropped after it).
        unsafe {
            ffi::sqlite3_trace_v2(
                conn.handle(),
                ffi::SQLITE_TRACE_STMT,
                Some(collect),
                &*traced as *const Traced as *mut std::os::raw::c_void,
            );
        }
        apply_key(&conn, &key).unwrap();
        configure(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(conn);

        let seen = traced.0.lock().unwrap();
        assert!(
            seen.iter().any(|sql| sql.contains("cipher_version")),
            "the trace sees the statements keying runs: {seen:?}"
        );
        let hex = key.to_hex();
        for sql in seen.iter() {
            assert!(!sql.contains(hex.as_str()), "the key is in SQL text: {sql}");
            assert!(!sql.to_ascii_lowercase().contains("pragma key"), "{sql}");
        }
        // The database really is keyed with it: the same key opens it, another does not.
        let path = dir.path().join(DB_FILE);
        let again = Connection::open(&path).unwrap();
        apply_key(&again, &key).unwrap();
        let rows: i64 = again
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
        let other = Connection::open(&path).unwrap();
        assert!(matches!(
            apply_key(&other, &MasterKey::generate()),
            Err(Error::KeyMismatch)
        ));
    }

    #[test]
    fn the_key_literal_is_wiped_once_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let key = MasterKey::generate();
        let mut literal = raw_key_literal(&key);
        assert_eq!(&literal[..2], b"x'");
        assert_eq!(&literal[2..66], key.to_hex().as_bytes());
        assert_eq!(literal[66], b'\'');

        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        hand_over_key(&conn, c"main", literal.as_mut_slice()).unwrap();
        assert!(
            literal.iter().all(|&b| b == 0),
            "our copy of the key is wiped as soon as SQLCipher has its own"
        );
        // SQLCipher kept what it needs: the connection works, encrypted.
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        drop(conn);
        let head = std::fs::read(dir.path().join(DB_FILE)).unwrap();
        assert_ne!(
            &head[..16],
            b"SQLite format 3\0",
            "encrypted, not plaintext"
        );
    }

    #[test]
    fn export_keeps_every_row_and_the_schema_version_under_the_new_key_only() {
        let (dir, mut store) = store();
        store
            .write(&stamp(), |tx| Ok(tx.execute(WRITE, [])?))
            .unwrap();
        let objects = |conn: &Connection| -> Vec<(String, String)> {
            let mut stmt = conn
                .prepare("SELECT type, name FROM sqlite_schema ORDER BY type, name")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before = objects(store.conn());
        assert!(before.iter().any(|(kind, _)| kind == "table"), "{before:?}");

        let copy = dir.path().join("copy.db");
        let new_key = MasterKey::generate();
        store.export_to(&copy, &new_key).unwrap();
        assert!(
            store.conn().execute(WRITE, []).is_err(),
            "the read handle is query-only again"
        );

        let opened = Store::open(&copy, &new_key, Create::No, &Schema::BARE).unwrap();
        assert_eq!(opened.schema_version().unwrap(), LATEST_SCHEMA);
        assert_eq!(
            objects(opened.conn()),
            before,
            "every table, index, trigger"
        );
        let probe: String = opened
            .conn()
            .query_row("SELECT value FROM settings WHERE key = 'probe'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(probe, "x");
        drop(opened);
        assert!(matches!(
            Store::open(&copy, &MasterKey::generate(), Create::No, &Schema::BARE),
            Err(Error::KeyMismatch)
        ));
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
