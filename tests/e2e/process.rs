//! The desktop app and every WebKit process it starts dump no core: the app sets the
//! core limit to 0 before any key exists, and its children inherit it.

use std::path::Path;

use crate::driver::{available, App, Sandbox};
use crate::flows::{runtime, ONE_APP};

/// Processes whose environment names this sandbox's vault (so: this run's app and its
/// children), but the WebDriver bridge, which is not ours: `(pid, comm)`.
pub(crate) fn processes_of(vault: &Path) -> Vec<(String, String)> {
    let marker = format!("ACCORD_VAULT={}", vault.display());
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if !pid.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if !environ
            .split(|b| *b == 0)
            .any(|var| var == marker.as_bytes())
        {
            continue;
        }
        let comm = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        let comm = comm.trim().to_string();
        if comm == "accord-desktop" || (comm.starts_with("WebKit") && comm != "WebKitWebDriver") {
            found.push((pid, comm));
        }
    }
    found
}

fn core_limit(pid: &str) -> String {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap_or_default();
    limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .map(|l| {
            l.split_whitespace()
                .skip(4)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

#[test]
fn the_app_and_its_webkit_processes_dump_no_core() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    runtime().block_on(async {
        let app = App::start(&sandbox).await;
        app.el("onboarding-passphrase").await; // the first screen is up: WebKit runs
        let processes = processes_of(&sandbox.vault());
        assert!(
            processes.iter().any(|(_, c)| c == "accord-desktop")
                && processes.iter().any(|(_, c)| c.starts_with("WebKit")),
            "found the app and a WebKit process: {processes:?}"
        );
        for (pid, comm) in &processes {
            assert_eq!(
                core_limit(pid),
                "0 0",
                "{comm} ({pid}) may write a core file"
            );
        }
        app.close().await;
    });
}
