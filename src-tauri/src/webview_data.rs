//! WebKit's data directory: one per run, private, under the per-user runtime directory.
//!
//! The UI keeps no case data in web storage, and the end-to-end tests check that nothing
//! of a case lands here; still, nothing of WebKit's should outlive the run. It is removed
//! on a clean exit, and a run that was killed leaves its directory to the next start,
//! which removes every directory whose process is gone.

use std::path::{Path, PathBuf};

const PREFIX: &str = "accord-webview-";

/// The base for these directories: `$XDG_RUNTIME_DIR` (a tmpfs cleared at logout on most
/// systems), else the temp directory.
fn base() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

/// This run's directory, created private (0700).
pub fn create() -> std::io::Result<PathBuf> {
    let base = base();
    remove_stale(&base);
    let dir = base.join(format!("{PREFIX}{}", std::process::id()));
    accord::vault::create_private_dir(&dir)?;
    Ok(dir)
}

/// Directories left by runs that were killed.
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREFIX)
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
