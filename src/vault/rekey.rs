//! Rekeying: the whole vault under a new master key, with new slots.
//!
//! A new passphrase or recovery key re-wraps the same master key, so a copy of the old
//! `vault.json` (a backup, a stolen laptop image) still opens the database with the old
//! secret. A rekey makes that copy useless: the database is re-encrypted under a new
//! key and both slots are made anew around it (same passphrase, new recovery key).
//!
//! ## Order, and what a crash leaves
//!
//! The old files stay intact until one rename commits the rekey; everything before it
//! is staged beside them, everything after it is finished again by the next open.
//!
//! 1. `vault.json.rekey`: the new header, written first.
//! 2. `accord.db.rekey`: the database exported under the new key (`sqlcipher_export`),
//!    with the `vault.rekey` audit event appended; `audit.anchor.rekey`: its head.
//! 3. The old database closes; a WAL still there means another process reads it, and
//!    the rekey is abandoned (`vault.in_use`).
//! 4. **Commit:** `vault.json.rekey` is renamed over `vault.json`.
//! 5. Finish: the old WAL files are removed, `accord.db.rekey` and `audit.anchor.rekey`
//!    are renamed into place.
//!
//! So a staged header means "not committed": [`resume`] throws the staged files away
//! (header last, so a crash while discarding still reads as not committed). No staged
//! header but a staged database or anchor means "committed": [`resume`] finishes, once
//! the key it was given opens the staged database. Both need the writer lock.
//! Tests: `tests/accord/vault.rs::a_rekey_interrupted_*`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::keys::MasterKey;
use crate::store::{Create, Schema, Store, DB_FILE};

use super::anchor::ANCHOR_FILE;
use super::HEADER_FILE;

/// Suffix of the files a rekey stages beside the vault's own.
const STAGED: &str = ".rekey";

/// Where a rekey stages its files in a vault directory.
pub(crate) struct Staged {
    pub header: PathBuf,
    pub db: PathBuf,
    pub anchor: PathBuf,
}

impl Staged {
    pub fn in_dir(root: &Path) -> Self {
        Staged {
            header: root.join(format!("{HEADER_FILE}{STAGED}")),
            db: root.join(format!("{DB_FILE}{STAGED}")),
            anchor: root.join(format!("{ANCHOR_FILE}{STAGED}")),
        }
    }

    /// The staged database's SQLite companions, if a crash left them.
    fn db_companions(&self) -> [PathBuf; 3] {
        ["-wal", "-shm", "-journal"].map(|suffix| {
            let mut name = self.db.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        })
    }

    /// Whether a rekey left anything behind.
    pub fn any(&self) -> bool {
        self.header.exists() || self.db.exists() || self.anchor.exists()
    }

    /// Whether the rekey was staged but not committed.
    pub fn uncommitted(&self) -> bool {
        self.header.exists()
    }

    /// Throws an uncommitted rekey away, the header last (see the module doc).
    pub fn discard(&self) -> Result<()> {
        remove_if_there(&self.anchor)?;
        for companion in self.db_companions() {
            remove_if_there(&companion)?;
        }
        remove_if_there(&self.db)?;
        remove_if_there(&self.header)?;
        Ok(())
    }
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The commit point: the new header replaces the old one.
pub(crate) fn commit(root: &Path) -> Result<()> {
    let staged = Staged::in_dir(root);
    fs::rename(&staged.header, root.join(HEADER_FILE))?;
    super::files::sync_dir(root)?;
    Ok(())
}

/// Finishes a committed rekey: the old database's WAL files go (everything in them was
/// exported, and the caller holds the writer lock, so nothing has been added since), the
/// staged database and anchor take the old ones' places.
pub(crate) fn finish(root: &Path) -> Result<()> {
    let staged = Staged::in_dir(root);
    if staged.db.exists() {
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&root.join(format!("{DB_FILE}{suffix}")))?;
        }
        fs::rename(&staged.db, root.join(DB_FILE))?;
    }
    if staged.anchor.exists() {
        fs::rename(&staged.anchor, root.join(ANCHOR_FILE))?;
    }
    super::files::sync_dir(root)?;
    Ok(())
}

/// At open, under the writer lock: undoes a rekey that did not commit, or finishes one
/// that did, once `key` (unwrapped from the header now in place) opens the staged
/// database; a key that does not (a keyring copy from before the rekey) is
/// [`Error::KeyMismatch`] and changes nothing.
pub(crate) fn resume(root: &Path, key: &MasterKey) -> Result<()> {
    let staged = Staged::in_dir(root);
    if staged.uncommitted() {
        return staged.discard();
    }
    if staged.db.exists() {
        // Opening checks the key; the bare schema: nothing is read but the key check.
        drop(Store::open(&staged.db, key, Create::No, &Schema::BARE)?);
    }
    finish(root)
}

/// After the old database closed: its WAL is still there only while another process
/// has it open (the last connection to close removes it), and then the rekey may not
/// commit (`vault.in_use`).
pub(crate) fn refuse_if_open_elsewhere(root: &Path) -> Result<()> {
    if root.join(format!("{DB_FILE}-wal")).exists() {
        return Err(Error::VaultInUse);
    }
    Ok(())
}
