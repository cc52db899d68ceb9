//! The vault: one directory holding the encrypted database and the wrapped keys.
//!
//! ```text
//! <vault>/vault.json   identity and key slots (no secret in the clear)   header.rs
//! <vault>/accord.db    SQLCipher database (+ -wal, -shm while open)      crate::store
//! <vault>/vault.lock   held exclusively by the one process that writes
//! ```
//!
//! Unlocking turns a passphrase, the recovery key or the OS keyring into the
//! [`MasterKey`]; opening turns the key into a [`Vault`] over a [`Store`].
//!
//! Only the writer migrates. [`Vault::open`] for writing migrates under the writer lock
//! it has just taken. A read finding an older schema takes the lock for the migration
//! only if nobody holds it; while another process holds it (perhaps an older Accord that
//! knows only the old schema), the reader reads the vault as it is if this build can
//! ([`crate::store::Schema::readable_from`]), or refuses with
//! [`Error::NeedsMigration`], changing nothing
//! (`tests/accord/migrations.rs::a_reader_never_migrates_under_another_writer`).

mod anchor;
mod files;
mod header;
pub mod keyring;
mod rekey;

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::audit::Stamp;
use crate::error::{Error, Result};
use crate::schema;
use crate::store::{Create, Db, Store, Tx, DB_FILE, LATEST_SCHEMA};

pub use crate::keys::{MasterKey, RecoveryKey};
pub use files::{check_private_dir, create_private_dir, create_run_dir};
pub use header::{
    Header, KdfParams, KeyringState, MAX_ITERATIONS, MAX_MEMORY_KIB, MAX_PARALLELISM,
    MIN_MEMORY_KIB,
};

pub const HEADER_FILE: &str = "vault.json";
pub const LOCK_FILE: &str = "vault.lock";

/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Where a vault lives. Nothing is read or created until asked.
#[derive(Debug, Clone)]

pub struct VaultDir {
    root: PathBuf,
}

impl VaultDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        VaultDir { root: root.into() }
    }

    /// The platform data directory, e.g. `~/.local/share/accord` on Linux.
    pub fn default_root() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "IOMed", "Accord").map(|d| d.data_dir().to_path_buf())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn header_path(&self) -> PathBuf {
        self.root.join(HEADER_FILE)
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn exists(&self) -> bool {
        self.header_path().exists()
    }

    /// The vault's directory and its own files (header, database and SQLite's companions,
    /// lock, anchor) that others could read or change, as
    /// `files.not_private` warnings: reported at every open, never a refusal (the
    /// reasons are in [`files`]).
    pub fn exposures(&self) -> Vec<Error> {
        let db_files = ["", "-wal", "-shm", "-journal"].map(|suffix| format!("{DB_FILE}{suffix}"));
        let mut names = vec![HEADER_FILE, LOCK_FILE, anchor::ANCHOR_FILE];
        names.extend(db_files.iter().map(String::as_str));
        files::exposures(&self.root, &names)
    }

    pub fn header(&self) -> Result<Header> {
        if !self.exists() {
            return Err(Error::VaultNotFound(self.root.clone()));
        }
        Header::read(&self.header_path())
    }

    /// Takes the single-writer lock, or says who is in the way (`vault.in_use`). Held
    /// while the file lives; [`Vault::open`] for writing takes it itself.
    pub fn lock(&self) -> Result<File> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(self.root.join(LOCK_FILE))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(TryLockError::WouldBlock) => Err(Error::VaultInUse),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// What `accord init` needs to know.
pub struct InitOptions {
    pub passphrase: SecretString,
    /// The mediator's name, recorded as the actor of every audit event.
    pub mediator: String,
    pub kdf: KdfParams,
    /// Try to keep the key in the OS keyring.
    pub use_keyring: bool,
}

crate::vocab::vocabulary!(
    /// What happened to the keyring copy at init.
    KeyringResult, "keyring" {
        Stored => "stored",
        Unavailable => "unavailable",
        Declined => "declined",
    }
);

/// Where the vault is and whether it exists, for the first screen.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VaultStatus {
    pub path: String,
    pub exists: bool,
    pub keyring: Option<KeyringState>,
    /// Set by the app: whether it holds the vault open.
    pub unlocked: bool,
    /// The vault's files and folder that others could read or change
    /// (`files.not_private`), for the desktop to show as warnings.
    pub warnings: Vec<crate::error::ErrorReport>,
}

/// What a new vault's creator must see once.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VaultCreated {
    pub recovery_key: String,
    pub keyring: KeyringResult,
    /// Why the keyring could not be used, when it could not.
    pub keyring_detail: Option<String>,
}

/// A recovery key made by `recovery rotate` or `rekey`: shown once, never stored.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NewRecoveryKey {
    pub recovery_key: String,
}

impl Initialized {
    /// The part to show the mediator (the recovery key is copied out once, here).
    pub fn created(&self) -> VaultCreated {
        VaultCreated {
            recovery_key: self.recovery_key.to_string(),
            keyring: self.keyring,
            keyring_detail: self.keyring_detail.clone(),
        }
    }
}

impl VaultDir {
    pub fn status(&self, unlocked: bool) -> VaultStatus {
        let header = self.header().ok();
        let exists = header.is_some();
        VaultStatus {
            path: self.root.display().to_string(),
            exists,
            keyring: header.map(|h| h.keyring),
            unlocked,
            // A handful of stat calls: cheap enough for every status the first screen asks.
            warnings: if exists {
                self.exposures().iter().map(Into::into).collect()
            } else {
                Vec::new()
            },
        }
    }
}

pub struct Initialized {
    pub vault: Vault,
    /// Shown once to the mediator, never stored.
    pub recovery_key: Zeroizing<String>,
    pub keyring: KeyringResult,
    /// Why no keyring took the key, when `keyring` is `Unavailable`.
    pub keyring_detail: Option<String>,
}

/// Creates a new vault in `dir`, which must not hold one already.
pub fn init(dir: &VaultDir, options: InitOptions, now: DateTime<Utc>) -> Result<Initialized> {
    if dir.exists() || dir.db_path().exists() {
        return Err(Error::VaultExists(dir.root.clone()));
    }
    check_passphrase(&options.passphrase)?;
    options.kdf.validate()?;
    let mediator = crate::text::required("mediator", &options.mediator, crate::text::MAX_NAME)?;
    files::create_vault_dir(&dir.root)?;
    let lock = dir.lock()?;

    let key = MasterKey::generate();
    let recovery = RecoveryKey::generate();
    let vault_id = Uuid::now_v7();
    let mut header = Header::new(
        vault_id,
        now,
        &key,
        &options.passphrase,
        options.kdf,
        &recovery,
    )?;

    let (keyring_result, keyring_detail) = if options.use_keyring {
        match keyring::store(vault_id, &key) {
            Ok(()) => (KeyringResult::Stored, None),
            Err(Error::KeyringUnavailable(detail)) => (KeyringResult::Unavailable, Some(detail)),
            Err(e) => (KeyringResult::Unavailable, Some(e.to_string())),
        }
    } else {
        (KeyringResult::Declined, None)
    };
    header.keyring = match keyring_result {
        KeyringResult::Stored => KeyringState::Enabled,
        KeyringResult::Unavailable => KeyringState::Unavailable,
        KeyringResult::Declined => KeyringState::Disabled,
    };

    // The header goes first: a database nobody can unlock is worse than a header
    // without a database, which `open` reports as damaged instead of re-creating.
    header.write(&dir.header_path())?;
    // SQLite gives its -wal and -shm files the database file's mode: make that private.
    files::create_private(&dir.db_path())?;
    let mut store = Store::open(&dir.db_path(), &key, Create::Yes, &schema::ACCORD)?;
    store.migrate()?;
    let stamp = Stamp {
        at: now,
        actor: mediator.clone(),
    };
    store.write(&stamp, |tx| {
        record_vault(tx, "vault.create", vault_id, &vault_state(&header))?;
        crate::settings::insert(tx, "vault_id", &vault_id.to_string())?;
        crate::settings::insert(tx, "mediator", &mediator)
    })?;
    let vault = Vault {
        dir: dir.clone(),
        header,
        key,
        store,
        writer_lock: Some(lock),
    };
    vault.write_anchor()?;
    Ok(Initialized {
        vault,
        recovery_key: recovery.display(),
        keyring: keyring_result,
        keyring_detail,
    })
}

fn vault_state(header: &Header) -> serde_json::Value {
    json!({ "keyring": header.keyring, "kdf": header.kdf() })
}

/// The vault's own events (created, passphrase changed, keyring …): its state is the
/// header's keyring and KDF, which live in `vault.json`, not in a table.
fn record_vault(
    tx: &Tx<'_>,
    action: &str,
    vault_id: Uuid,
    state: &serde_json::Value,
) -> Result<i64> {
    tx.record_raw(
        action,
        "vault",
        &vault_id.to_string(),
        None,
        &state.to_string(),
    )
}

fn check_passphrase(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

/// Turns the passphrase into the master key (this is the slow, deliberate step).
pub fn unlock_with_passphrase(dir: &VaultDir, passphrase: &SecretString) -> Result<MasterKey> {
    dir.header()?.unwrap_with_passphrase(passphrase)
}

pub fn unlock_with_recovery(dir: &VaultDir, recovery: &RecoveryKey) -> Result<MasterKey> {
    dir.header()?.unwrap_with_recovery(recovery)
}

/// A vault opened by its passphrase, and whether its key is now in the OS keyring.
pub struct Unlocked {
    pub vault: Vault,
    /// The vault keeps its key in the keyring and the keyring took it back.
    pub in_keyring: bool,
}

/// Unlocks with the passphrase and opens the vault, then puts the key back in the OS
/// keyring if the vault keeps it there: what the desktop's unlock screen and
/// `accord unlock` both do (a lock took the keyring copy away; the passphrase brings it
/// back). A keyring that does not answer is not an error: the vault is open all the same.
pub fn open_with_passphrase(
    dir: &VaultDir,
    passphrase: &SecretString,
    access: Access,
) -> Result<Unlocked> {
    let key = unlock_with_passphrase(dir, passphrase)?;
    let vault = Vault::open(dir, key, access)?;
    let in_keyring = vault.refresh_keyring().unwrap_or(false);
    Ok(Unlocked { vault, in_keyring })
}

/// The key from the OS keyring, when this vault keeps one there and the keyring answers.
pub fn unlock_with_keyring(dir: &VaultDir) -> Result<Option<MasterKey>> {
    let header = dir.header()?;
    if header.keyring != KeyringState::Enabled {
        return Ok(None);
    }
    keyring::load(header.vault_id)
}

/// Takes the key out of the OS keyring (no passphrase needed), so the next command or
/// start asks for the passphrase; the vault still keeps it there after the next unlock.
/// Returns whether there was a copy to remove.
pub fn lock_keyring(dir: &VaultDir) -> Result<bool> {
    let header = dir.header()?;
    if header.keyring != KeyringState::Enabled {
        return Ok(false);
    }
    keyring::forget(header.vault_id)?;
    Ok(true)
}

/// Whether the vault is read from or written to. Writers exclude each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Migrates `store` if its schema is behind, only ever under the writer lock: `lock` if
/// this open holds it, else the lock taken for the migration alone. When another process
/// holds it, an older schema is read as it is if this build can read it, or refused.
/// A migration's commits (its audit events) are anchored with `anchor` before the lock
/// is let go, so a database put back to its pre-migration state is noticed at the next
/// open (`tests/accord/migrations.rs::the_database_from_before_a_migration_put_back_is_noticed`).
fn migrate_as_writer(
    dir: &VaultDir,
    store: &mut Store,
    lock: Option<&File>,
    anchor: impl FnOnce(&Store) -> Result<()>,
) -> Result<()> {
    let found = store.schema_version()?;
    if found == LATEST_SCHEMA {
        return Ok(());
    }
    let _lock = match lock {
        Some(_) => None,
        // Held until the migration has committed and is anchored, then released: this
        // open stays a reader.
        None => match dir.lock() {
            Ok(lock) => Some(lock),
            Err(Error::VaultInUse) if store.readable_as_is()? => return Ok(()),
            Err(Error::VaultInUse) => {
                return Err(Error::NeedsMigration {
                    found,
                    known: LATEST_SCHEMA,
                })
            }
            Err(e) => return Err(e),
        },
    };
    store.migrate()?;
    anchor(store)
}

/// Finishes or undoes a rekey a crash interrupted ([`rekey`]), under the writer lock:
/// `lock` if this open holds it, else the lock taken for that alone.
fn resume_rekey(dir: &VaultDir, key: &MasterKey, lock: Option<&File>) -> Result<()> {
    let staged = rekey::Staged::in_dir(dir.root());
    if !staged.any() {
        return Ok(());
    }
    if lock.is_some() {
        return rekey::resume(dir.root(), key);
    }
    match dir.lock() {
        Ok(_lock) => rekey::resume(dir.root(), key),
        // Another process holds the lock, perhaps rekeying right now: until it commits,
        // the old files are whole and are read as they are; after, only it may finish.
        Err(Error::VaultInUse) if staged.uncommitted() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens with the key in the OS keyring, when the vault keeps one there and the keyring
/// answers (`None` otherwise: ask for the passphrase). A copy that no longer opens the
/// vault (a rekey stopped before it could replace it) is taken out and is `None` too:
/// the passphrase opens the vault and puts the new key there.
pub fn open_with_keyring(dir: &VaultDir, access: Access) -> Result<Option<Vault>> {
    let Ok(Some(key)) = unlock_with_keyring(dir) else {
        return Ok(None);
    };
    match Vault::open(dir, key, access) {
        Err(Error::KeyMismatch) => {
            let _ = keyring::forget(dir.header()?.vault_id);
            Ok(None)
        }
        opened => opened.map(Some),
    }
}

/// What a rekey gives back: the vault reopened under its new key, and the new recovery
/// key to show once.
pub struct Rekeyed {
    pub vault: Vault,
    pub recovery_key: Zeroizing<String>,
    /// The vault keeps its key in the OS keyring and the keyring took the new one.
    pub in_keyring: bool,
}

impl Rekeyed {
    /// The part to show the mediator.
    pub fn shown(&self) -> NewRecoveryKey {
        NewRecoveryKey {
            recovery_key: self.recovery_key.to_string(),
        }
    }
}

/// An unlocked vault. Dropping it closes the database, releases the lock and wipes the key.
pub struct Vault {
    dir: VaultDir,
    header: Header,
    key: MasterKey,
    store: Store,
    /// Held while this process is the vault's one writer.
    writer_lock: Option<File>,
}

impl Vault {
    pub fn open(dir: &VaultDir, key: MasterKey, access: Access) -> Result<Self> {
        let lock = match access {
            Access::Write => Some(dir.lock()?),
            Access::Read => None,
        };
        Self::open_with(dir, key, lock)
    }

    /// [`Vault::open`] with the writer lock already taken (`Some`) or not wanted.
    fn open_with(dir: &VaultDir, key: MasterKey, lock: Option<File>) -> Result<Self> {
        resume_rekey(dir, &key, lock.as_ref())?;
        let header = dir.header()?;
        let store = Store::open(&dir.db_path(), &key, Create::No, &schema::ACCORD)?;
        let mut vault = Vault {
            dir: dir.clone(),
            header,
            key,
            store,
            writer_lock: lock,
        };
        let stored_id = vault.setting("vault_id")?;
        if stored_id.as_deref() != Some(vault.header.vault_id.to_string().as_str()) {
            return Err(Error::VaultDamaged(
                "vault.json belongs to another database".into(),
            ));
        }
        // Before any migration: a database put back to an older state must be caught
        // as it was found, not after a migration has appended to it and re-anchored.
        vault.check_anchor()?;
        let Vault {
            dir,
            header,
            key,
            store,
            writer_lock,
        } = &mut vault;
        migrate_as_writer(dir, store, writer_lock.as_ref(), |store| {
            anchor::write(dir.root(), key, header.vault_id, store.conn())
        })?;
        Ok(vault)
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The read handle: every read of the vault's records takes it. Writes go through
    /// [`Vault::change`] only.
    pub fn read(&self) -> &Db {
        self.store.conn()
    }

    /// [`crate::integrity::verify`], and `vault.json`'s keyring and key-derivation state
    /// against the latest vault event of the chain: the header is not authenticated, so
    /// an edit behind Accord's back (the keyring said to hold the key, other Argon2id
    /// costs) shows here as a break.
    pub fn verify(&self) -> Result<crate::integrity::Verification> {
        crate::integrity::verify_with_vault(
            self.read(),
            &self.header.vault_id.to_string(),
            &vault_state(&self.header),
        )
    }

    /// Checks SQLCipher's page HMACs and SQLite's structure; empty means healthy.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        self.store.integrity_problems()
    }

    /// The mediator who owns this vault, named in every audit event.
    pub fn mediator(&self) -> Result<String> {
        Ok(self.setting("mediator")?.unwrap_or_default())
    }

    /// An audit stamp for a change made now by this vault's mediator.
    fn stamp(&self, at: DateTime<Utc>) -> Result<Stamp> {
        Ok(Stamp {
            at,
            actor: self.mediator()?,
        })
    }

    /// The work kept out of autosaves, for when the mediator pauses: the schema's upkeep
    /// (a bounded merge of the search index's segments), then a checkpoint of the WAL.
    /// Changes no record.
    pub fn tidy(&mut self) -> Result<()> {
        self.require_writer()?;
        self.store.tidy()?;
        self.write_anchor()
    }

    /// Records the chain's head outside the database ([`anchor`]): after every commit,
    /// so a WAL deleted after a crash or an older database put back is noticed at open.
    fn write_anchor(&self) -> Result<()> {
        anchor::write(
            self.dir.root(),
            &self.key,
            self.header.vault_id,
            self.store.conn(),
        )
    }

    /// Errors with [`Error::AuditRolledBack`] when the database is behind its anchor.
    /// A vault made before anchoring gets its anchor now, when opened for writing.
    pub fn check_anchor(&self) -> Result<()> {
        let root = self.dir.root();
        if !anchor::exists(root) {
            return match self.writer_lock {
                Some(_) => self.write_anchor(),
                None => Ok(()),
            };
        }
        anchor::check(root, &self.key, self.header.vault_id, self.store.conn())
    }

    /// Makes one audited change, the only way to change the vault: `f` gets a [`Tx`]
    /// stamped `at` by this vault's mediator; all of it commits, or none of it. Refused
    /// unless this process holds the writer lock.
    pub fn change<T>(
        &mut self,
        at: DateTime<Utc>,
        f: impl FnOnce(&Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.require_writer()?;
        let stamp = self.stamp(at)?;
        let value = self.store.write(&stamp, f)?;
        self.write_anchor()?;
        Ok(value)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        crate::settings::get(self.store.conn(), key)
    }

    fn require_writer(&self) -> Result<()> {
        if self.writer_lock.is_none() {
            return Err(Error::VaultInUse);
        }
        Ok(())
    }

    /// Re-wraps the key under a new passphrase, with the slot's current Argon2id costs.
    /// The recovery key stays valid.
    pub fn change_passphrase(&mut self, new: &SecretString, at: DateTime<Utc>) -> Result<()> {
        self.require_writer()?;
        check_passphrase(new)?;
        let kdf = self.header.kdf().unwrap_or_default();
        let mut header = self.header.clone();
        header.set_passphrase(&self.key, new, kdf)?;
        self.commit_header(header, "vault.passphrase_change", at)
    }

    /// Refuses (`vault.wrong_passphrase`) unless `passphrase` opens this vault's header to
    /// this vault's key: what rotating a key asks first, so that someone at an unlocked
    /// laptop cannot replace the mediator's secrets.
    pub fn confirm_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        let key = self.header.unwrap_with_passphrase(passphrase)?;
        if key.as_bytes() != self.key.as_bytes() {
            return Err(Error::VaultDamaged(
                "vault.json wraps another key than the one this vault was opened with".into(),
            ));
        }
        Ok(())
    }

    /// A new recovery key, shown once: the recovery slot is made anew around the same
    /// master key, so the old recovery key no longer opens `vault.json`. Copies of the
    /// old `vault.json` still accept it; [`Vault::rekey`] is what makes them useless.
    pub fn rotate_recovery(
        &mut self,
        passphrase: &SecretString,
        at: DateTime<Utc>,
    ) -> Result<Zeroizing<String>> {
        self.require_writer()?;
        self.confirm_passphrase(passphrase)?;
        let recovery = RecoveryKey::generate();
        let mut header = self.header.clone();
        header.set_recovery(&self.key, &recovery)?;
        self.commit_header(header, "vault.recovery_rotate", at)?;
        Ok(recovery.display())
    }

    /// Re-encrypts the vault under a new master key, with new slots around it (the same
    /// passphrase, a new recovery key), so that no copy of the old files opens with what
    /// the mediator holds from now on; in the order [`rekey`] describes, crash-safe. The
    /// OS keyring, if the vault keeps the key there, gets the new one.
    ///
    /// This vault is closed on return either way; the reopened one is in [`Rekeyed`].
    /// After an error, open the vault again with the passphrase: an interrupted rekey is
    /// finished or undone at open.
    pub fn rekey(mut self, passphrase: &SecretString, at: DateTime<Utc>) -> Result<Rekeyed> {
        self.require_writer()?;
        self.confirm_passphrase(passphrase)?;
        let new_key = MasterKey::generate();
        let recovery = RecoveryKey::generate();
        let header = self.header.rekeyed(&new_key, passphrase, &recovery)?;
        let stamp = self.stamp(at)?;
        let root = self.dir.root().to_path_buf();
        let staged = rekey::Staged::in_dir(&root);
        staged.discard()?;
        if let Err(e) = self.stage_rekey(&staged, &header, &new_key, &stamp) {
            let _ = staged.discard();
            return Err(e);
        }
        let dir = self.dir.clone();
        let lock = self.writer_lock.take();
        drop(self);
        if let Err(e) = rekey::refuse_if_open_elsewhere(&root) {
            staged.discard()?;
            return Err(e);
        }
        rekey::commit(&root)?;
        rekey::finish(&root)?;
        let in_keyring = header.keyring == KeyringState::Enabled
            && keyring::store(header.vault_id, &new_key).is_ok();
        let vault = Vault::open_with(&dir, new_key, lock)?;
        Ok(Rekeyed {
            vault,
            recovery_key: recovery.display(),
            in_keyring,
        })
    }

    /// Steps 1–2 of a rekey: the new header, and the database under the new key with the
    /// `vault.rekey` event and its anchor, all beside the old files.
    fn stage_rekey(
        &mut self,
        staged: &rekey::Staged,
        header: &Header,
        new_key: &MasterKey,
        stamp: &Stamp,
    ) -> Result<()> {
        header.write(&staged.header)?;
        files::create_private(&staged.db)?;
        self.store.export_to(&staged.db, new_key)?;
        let mut copy = Store::open(&staged.db, new_key, Create::No, &schema::ACCORD)?;
        let vault_id = header.vault_id;
        let state = vault_state(header);
        copy.write(stamp, |tx| {
            record_vault(tx, "vault.rekey", vault_id, &state).map(drop)
        })?;
        let anchor_name = staged
            .anchor
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a fixed ASCII name");
        anchor::write_as(self.dir.root(), anchor_name, new_key, vault_id, copy.conn())
    }

    /// Keeps the key in the OS keyring from now on.
    pub fn enable_keyring(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.require_writer()?;
        keyring::store(self.header.vault_id, &self.key)?;
        let mut header = self.header.clone();
        header.keyring = KeyringState::Enabled;
        self.commit_header(header, "vault.keyring_enable", at)
    }

    /// Removes the key from the OS keyring and stops putting it there.
    pub fn forget_keyring(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.require_writer()?;
        if self.header.keyring == KeyringState::Enabled {
            keyring::forget(self.header.vault_id)?;
        }
        let mut header = self.header.clone();
        header.keyring = KeyringState::Disabled;
        self.commit_header(header, "vault.keyring_forget", at)
    }

    /// Locks: closes the database, wipes the key and takes the key's copy out of the OS
    /// keyring, so a restart after a lock asks for the passphrase (see [`crate::lock`]).
    /// The vault keeps its keyring setting; the next passphrase unlock puts the key back.
    /// Returns whether there was a copy to remove; the vault is closed even on an error.
    pub fn lock(self) -> Result<bool> {
        let dir = self.dir.clone();
        drop(self);
        lock_keyring(&dir)
    }

    /// After a passphrase unlock: put the key back in the keyring if the vault keeps it there.
    pub fn refresh_keyring(&self) -> Result<bool> {
        if self.header.keyring != KeyringState::Enabled {
            return Ok(false);
        }
        keyring::store(self.header.vault_id, &self.key)?;
        Ok(true)
    }

    fn commit_header(&mut self, header: Header, action: &str, at: DateTime<Utc>) -> Result<()> {
        let stamp = self.stamp(at)?;
        let vault_id = header.vault_id;
        let state = vault_state(&header);
        let path = self.dir.header_path();
        // The audit event and the header land together: the header is renamed into
        // place inside the transaction, just before it commits.
        self.store.write(&stamp, |tx| {
            record_vault(tx, action, vault_id, &state)?;
            header.write(&path)
        })?;
        self.header = header;
        self.write_anchor()
    }
}
#[cfg(test)]
mod rekey_tests;
