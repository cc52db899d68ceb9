//! The desktop app and every WebKit process it starts dump no core: the app sets the
//! core limit to 0 before any key exists, and its children inherit it.

use crate::driver::{available, App, Sandbox};
use crate::flows::{runtime, ONE_APP};

pub(crate) use crate::driver::processes_of;

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
