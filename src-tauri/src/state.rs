//! What the app holds while it runs: where the vault is, the vault itself once unlocked,
//! and the idle clock that locks it (the rules are the core's: `accord::lock`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use accord::error::ErrorReport;
use accord::lock::{AppEvent, IdleClock, IdleStep, LockReason};
use accord::preferences::Preferences;
use accord::vault::{self, Access, NewRecoveryKey, Vault, VaultDir};
use accord::{views, Error};
use secrecy::SecretString;
use tauri::ipc::Channel;

pub struct AppState {
    pub dir: VaultDir,
    pub preferences_path: PathBuf,
    /// `None` while locked: no key and no open database exist in the process then.
    vault: Mutex<Option<Vault>>,
    /// When a command last used the vault, until the next tidy: see [`Self::tidy_if_idle`].
    last_used: Mutex<Option<Instant>>,
    /// Input the UI reports restarts it (commands do not: a screen that refreshes itself
    /// must not keep the vault open); the shell's timer locks by it.
    idle: Mutex<IdleClock>,
    /// Set by every lock in this process, cleared by a passphrase unlock: until then the
    /// keyring may not unlock, even if a copy of the key survived there.
    keyring_barred: AtomicBool,
    /// The preferences file as last read or saved (the idle timer reads it twice a second).
    preferences: Mutex<Preferences>,
    /// Where the shell's own news goes (lock requests, locks, close requests).
    events: Mutex<Option<Channel<AppEvent>>>,
    /// A close was asked for: the window waits for the UI to save, briefly.
    closing: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves the value as it was; carry on with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(dir: VaultDir, preferences_path: PathBuf) -> Self {
        let preferences = Preferences::load(&preferences_path);
        AppState {
            dir,
            preferences_path,
            vault: Mutex::new(None),
            last_used: Mutex::new(None),
            idle: Mutex::new(IdleClock::new(Instant::now())),
            keyring_barred: AtomicBool::new(false),
            preferences: Mutex::new(preferences),
            events: Mutex::new(None),
            closing: AtomicBool::new(false),
        }
    }

    pub fn is_unlocked(&self) -> bool {
        lock(&self.vault).is_some()
    }

    /// A vault just created or unlocked with the passphrase (or the recovery key).
    pub fn set_unlocked_by_passphrase(&self, vault: Vault) {
        self.keyring_barred.store(false, Ordering::SeqCst);
        self.set(vault);
    }

    /// A vault unlocked from the keyring: refused after a lock in this process.
    pub fn keyring_may_unlock(&self) -> Result<(), ErrorReport> {
        if self.keyring_barred.load(Ordering::SeqCst) {
            return Err(report(Error::KeyringAfterLock));
        }
        Ok(())
    }

    pub fn set(&self, vault: Vault) {
        self.input();
        *lock(&self.vault) = Some(vault);
    }

    /// Locks: closes the database, wipes the key and takes the key out of the OS keyring
    /// (`Vault::lock`). The vault is closed even when the keyring fails; that error is
    /// returned so the unlock screen can say so.
    pub fn lock(&self) -> Result<(), ErrorReport> {
        self.keyring_barred.store(true, Ordering::SeqCst);
        let vault = lock(&self.vault).take();
        match vault {
            Some(vault) => vault.lock().map(|_| ()).map_err(report),
            None => Ok(()),
        }
    }

    /// Closes the vault without touching the keyring: quitting is not locking.
    pub fn close(&self) {
        lock(&self.vault).take();
    }

    /// Runs `f` on the unlocked vault.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> accord::Result<T>,
    ) -> Result<T, ErrorReport> {
        let mut slot = lock(&self.vault);
        let vault = slot.as_mut().ok_or_else(|| report(Error::VaultLocked))?;
        let result = f(vault).map_err(report);
        drop(slot);
        *lock(&self.last_used) = Some(Instant::now());
        result
    }

    /// Rekeys the open vault ([`Vault::rekey`], which closes it either way) and holds the
    /// reopened one. A wrong passphrase is refused first, with the vault left open. After
    /// any other error the vault is opened again with the passphrase, which finishes or
    /// undoes what the rekey left, and the error is returned all the same.
    pub fn rekey(&self, passphrase: &SecretString) -> Result<NewRecoveryKey, ErrorReport> {
        let mut slot = lock(&self.vault);
        let vault = slot.take().ok_or_else(|| report(Error::VaultLocked))?;
        if let Err(e) = vault.confirm_passphrase(passphrase) {
            *slot = Some(vault);
            return Err(report(e));
        }
        let result = match vault.rekey(passphrase, chrono::Utc::now()) {
            Ok(rekeyed) => {
                let shown = rekeyed.shown();
                *slot = Some(rekeyed.vault);
                Ok(shown)
            }
            Err(e) => {
                *slot = vault::open_with_passphrase(&self.dir, passphrase, Access::Write)
                    .ok()
                    .map(|opened| opened.vault);
                Err(report(e))
            }
        };
        drop(slot);
        self.input();
        result
    }

    /// The mediator did something: unlocked, or typed, clicked or moved (the UI reports).
    pub fn input(&self) {
        lock(&self.idle).input(Instant::now());
    }

    pub fn preferences(&self) -> Preferences {
        lock(&self.preferences).clone()
    }

    pub fn save_preferences(&self, preferences: Preferences) -> Result<(), ErrorReport> {
        preferences.save(&self.preferences_path).map_err(report)?;
        *lock(&self.preferences) = preferences;
        Ok(())
    }

    pub fn listen(&self, channel: Channel<AppEvent>) {
        *lock(&self.events) = Some(channel);
    }

    fn send(&self, event: AppEvent) {
        if let Some(channel) = lock(&self.events).as_ref() {
            // A web view that went away cannot be told; the lock itself has happened.
            let _ = channel.send(event);
        }
    }

    /// Tidies the vault (index merging, WAL checkpoint: work kept out of autosaves) once
    /// the app has been used and then left alone for `pause`. Called from a timer.
    pub fn tidy_if_idle(&self, pause: Duration) {
        let mut last = lock(&self.last_used);
        if !last.is_some_and(|t| t.elapsed() >= pause) {
            return;
        }
        *last = None;
        drop(last);
        if let Some(vault) = lock(&self.vault).as_mut() {
            // Nothing depends on it: a failure now is retried after the next use.
            let _ = vault.tidy();
        }
    }

    /// The idle lock, run by the shell's timer whatever the web view does: asks the UI to
    /// save and lock at the delay, and locks by itself if the UI has not [`LOCK_GRACE`]
    /// later (a hung web view, a failed call), then tells the UI.
    ///
    /// [`LOCK_GRACE`]: accord::lock::LOCK_GRACE
    pub fn lock_if_idle(&self) {
        if !self.is_unlocked() {
            return;
        }
        // Asked only past the usual delay. Unreadable: no session (the shorter delay),
        // never "keep open".
        let session_live = || {
            lock(&self.vault).as_ref().is_some_and(|vault| {
                views::guard_state(vault.read()).is_ok_and(|g| !g.live_sessions.is_empty())
            })
        };
        let preferences = self.preferences();
        let step = lock(&self.idle).step(Instant::now(), &preferences, session_live);
        let reason = LockReason::Idle;
        match step {
            IdleStep::Wait => {}
            IdleStep::AskUi => self.send(AppEvent::LockRequested { reason }),
            IdleStep::LockNow => {
                // The keyring error has nowhere better to go; the vault is closed anyway.
                let _ = self.lock();
                self.send(AppEvent::Locked { reason });
            }
        }
    }

    /// The window asked to close. [`Closing::KeepOpen`] when the UI should save first
    /// (the vault is open and the UI listens); [`Closing::StartGrace`] only for the first
    /// such request, whose caller starts the one grace timer (more clicks on the close
    /// button change nothing).
    pub fn begin_close(&self) -> Closing {
        if !self.is_unlocked() || lock(&self.events).is_none() {
            return Closing::Now;
        }
        if self.closing.swap(true, Ordering::SeqCst) {
            return Closing::KeepOpen;
        }
        self.send(AppEvent::CloseRequested);
        Closing::StartGrace
    }
}

/// What a close request of the window does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Nothing to save: close.
    Now,
    /// The first request: keep the window, ask the UI to save, close after the grace.
    StartGrace,
    /// Asked again while the UI saves: keep the window; the grace already runs.
    KeepOpen,
}

/// The error as the UI receives it: a stable code and its arguments.
pub fn report(error: Error) -> ErrorReport {
    ErrorReport::from(&error)
}
