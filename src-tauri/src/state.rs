//! What the app holds while it runs: where the vault is, and the vault itself once unlocked.

use std::path::PathBuf;
use std::sync::Mutex;

use accord::error::ErrorReport;
use accord::vault::{Vault, VaultDir};
use accord::Error;

pub struct AppState {
    pub dir: VaultDir,
    pub preferences_path: PathBuf,
    /// `None` while locked: no key and no open database exist in the process then.
    vault: Mutex<Option<Vault>>,
}

impl AppState {
    pub fn new(dir: VaultDir, preferences_path: PathBuf) -> Self {
        AppState {
            dir,
            preferences_path,
            vault: Mutex::new(None),
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Vault>> {
        // A panic while holding the lock leaves the vault as it was; carry on with it.
        self.vault
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn is_unlocked(&self) -> bool {
        self.slot().is_some()
    }

    pub fn set(&self, vault: Vault) {
        *self.slot() = Some(vault);
    }

    /// Locks: dropping the vault closes the database, releases the lock and wipes the key.
    pub fn clear(&self) {
        *self.slot() = None;
    }

    /// Runs `f` on the unlocked vault.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> accord::Result<T>,
    ) -> Result<T, ErrorReport> {
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or_else(|| report(Error::VaultLocked))?;
        f(vault).map_err(report)
    }
}

/// The error as the UI receives it: a stable code and its arguments.
pub fn report(error: Error) -> ErrorReport {
    ErrorReport::from(&error)
}
