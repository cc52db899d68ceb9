//! What the app holds while it runs: where the vault is, and the vault itself once unlocked.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use accord::error::ErrorReport;
use accord::vault::{Vault, VaultDir};
use accord::Error;

pub struct AppState {
    pub dir: VaultDir,
    pub preferences_path: PathBuf,
    /// `None` while locked: no key and no open database exist in the process then.
    vault: Mutex<Option<Vault>>,
    /// When a command last used the vault, until the next tidy: see [`Self::tidy_if_idle`].
    last_used: Mutex<Option<Instant>>,
}

impl AppState {
    pub fn new(dir: VaultDir, preferences_path: PathBuf) -> Self {
        AppState {
            dir,
            preferences_path,
            vault: Mutex::new(None),
            last_used: Mutex::new(None),
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
        let result = f(vault).map_err(report);
        *self.last_used.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        result
    }

    /// Tidies the vault (index merging, WAL checkpoint: work kept out of autosaves) once
    /// the app has been used and then left alone for `pause`. Called from a timer.
    pub fn tidy_if_idle(&self, pause: Duration) {
        let mut last = self.last_used.lock().unwrap_or_else(|p| p.into_inner());
        if !last.is_some_and(|t| t.elapsed() >= pause) {
            return;
        }
        *last = None;
        drop(last);
        if let Some(vault) = self.slot().as_mut() {
            // Nothing depends on it: a failure now is retried after the next use.
            let _ = vault.tidy();
        }
    }
}

/// The error as the UI receives it: a stable code and its arguments.
pub fn report(error: Error) -> ErrorReport {
    ErrorReport::from(&error)
}
