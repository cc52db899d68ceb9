//! WebKit's data directory: one per run, private, under the per-user runtime directory.
//!
//! The UI keeps no case data in web storage, and the end-to-end tests check that nothing
//! of a case lands here; still, nothing of WebKit's should outlive the run. It is removed
//! on a clean exit, and a run that was killed leaves its directory to the next start,
//! which removes every directory whose process is gone.
//!
//! The directory is made by the core ([`accord::vault::create_run_dir`]): a random name,
//! one `mkdir` that fails on anything already there, owner and mode checked, under
//! `$XDG_RUNTIME_DIR`, which must be the mediator's own and closed to others. There is no
//! fallback to the shared temp directory, where another user could have made the
//! directory first (security review 2026-12, finding 12): without a private runtime
//! directory the app does not start.

use std::path::{Path, PathBuf};

const PREFIX: &str = "accord-webview-";

/// This run's directory, created private (0700) under `$XDG_RUNTIME_DIR`.
pub fn create() -> accord::Result<PathBuf> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|b| !b.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| accord::Error::NotPrivate {
            path: PathBuf::from("$XDG_RUNTIME_DIR"),
            detail: "not set".into(),
        })?;
    accord::vault::check_private_dir(&base)?;
    remove_stale(&base);
    accord::vault::create_run_dir(&base, PREFIX)
}

/// Directories left by runs that were killed: `accord-webview-<pid>-<random>` (and the
/// older `accord-webview-<pid>`).
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_exists(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Running, that is: present and not a zombie.
#[cfg(target_os = "linux")]
fn process_exists(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

#[cfg(not(target_os = "linux"))]
fn process_exists(_pid: u32) -> bool {
    true
}
