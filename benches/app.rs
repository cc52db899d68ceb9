//! Desktop app benchmark: cold start to an interactive screen, and idle memory of the app
//! with its WebKit processes. Run by scripts/bench-app.sh (release build, Xvfb).
//!
//! Each figure is set against a baseline from the same run: the same app started with no
//! vault (the first-run screen), which is the cost of the shell and WebKit alone.

#[path = "../tests/e2e/driver.rs"]
#[allow(dead_code)]
mod driver;

use std::time::{Duration, Instant};

use accord::vault::{self, InitOptions, KdfParams, VaultDir};
use driver::{App, Sandbox};

const RUNS: usize = 5;
const PASSPHRASE: &str = "benchmark passphrase";

/// RSS and PSS (KiB) of the app's processes: the app and every descendant (WebKit's
/// web and network processes).
fn memory_of_app(binary: &std::path::Path) -> (u64, u64, usize) {
    let mut parents = std::collections::HashMap::new();
    let mut roots = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let after_name = stat.rsplit(')').next().unwrap_or("");
        let ppid: u32 = after_name
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        parents.insert(pid, ppid);
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(binary)
        {
            roots.push(pid);
        }
    }
    let in_tree = |mut pid: u32| loop {
        if roots.contains(&pid) {
            return true;
        }
        match parents.get(&pid) {
            Some(&p) if p > 1 => pid = p,
            _ => return false,
        }
    };
    let (mut rss, mut pss, mut count) = (0, 0, 0);
    for &pid in parents.keys().filter(|&&p| in_tree(p)) {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        let field = |name: &str| {
            rollup
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        rss += field("Rss:");
        pss += field("Pss:");
        count += 1;
    }
    (rss, pss, count)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

struct Run {
    to_screen_ms: f64,
    unlock_to_list_ms: f64,
    rss_kib: u64,
    pss_kib: u64,
    processes: usize,
}

/// One cold start: with `vault`, until the case list is interactive; without, until the
/// first-run screen is.
async fn one_run(with_vault: bool) -> Run {
    let sandbox = Sandbox::new();
    if with_vault {
        let dir = VaultDir::new(sandbox.vault());
        let options = InitOptions {
            passphrase: PASSPHRASE.to_string().into(),
            mediator: "Bench".into(),
            kdf: KdfParams::default(),
            use_keyring: false,
        };
        let now = chrono::Utc::now();
        let mut made = vault::init(&dir, options, now).unwrap();
        made.vault.change(now, accord::demo::create).unwrap();
    }
    let started = Instant::now();
    let app = App::start(&sandbox).await;
    let first = if with_vault {
        "unlock-passphrase"
    } else {
        "onboarding-passphrase"
    };
    app.el(first).await;
    let to_screen_ms = started.elapsed().as_secs_f64() * 1e3;
    let mut unlock_to_list_ms = 0.0;
    if with_vault {
        app.type_into("unlock-passphrase", PASSPHRASE).await;
        let unlocking = Instant::now();
        app.click("unlock-button").await;
        app.el("case-row").await;
        unlock_to_list_ms = unlocking.elapsed().as_secs_f64() * 1e3;
    }
    // Idle: let WebKit settle before reading memory.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (rss_kib, pss_kib, processes) = memory_of_app(&driver::app_binary());
    app.close().await;
    Run {
        to_screen_ms,
        unlock_to_list_ms,
        rss_kib,
        pss_kib,
        processes,
    }
}

fn main() {
    let binary = driver::app_binary();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut bare = Vec::new();
    let mut full = Vec::new();
    for _ in 0..RUNS {
        bare.push(runtime.block_on(one_run(false)));
        full.push(runtime.block_on(one_run(true)));
    }
    let m = |runs: &[Run], f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
    let start_bare = m(&bare, |r| r.to_screen_ms);
    let start_full = m(&full, |r| r.to_screen_ms);
    let unlock = m(&full, |r| r.unlock_to_list_ms);
    let rss = |runs: &[Run]| m(runs, |r| r.rss_kib as f64) / 1024.0;
    let pss = |runs: &[Run]| m(runs, |r| r.pss_kib as f64) / 1024.0;

    println!("# Accord desktop app benchmark\n");
    println!("- binary: {}", binary.display());
    println!(
        "- {RUNS} cold starts each, medians; through tauri-driver + WebKitWebDriver under Xvfb"
    );
    println!(
        "- processes measured: the app and its WebKit children ({} in the last run)",
        full.last().unwrap().processes
    );
    println!("- shared, noisy 2-core machine: read the ratios\n");
    println!(
        "| measurement | with the sample case | baseline: no vault (first-run screen) | ratio |"
    );
    println!("|---|---:|---:|---:|");
    println!(
        "| start to first interactive screen | {start_full:.0} ms | {start_bare:.0} ms | {:.2}× |",
        start_full / start_bare
    );
    println!("| unlock (Argon2id, default costs) to interactive case list | {unlock:.0} ms | n/a | n/a |");
    println!(
        "| **cold start to interactive case list** (start + unlock) | **{:.0} ms** | {start_bare:.0} ms | {:.2}× |",
        start_full + unlock,
        (start_full + unlock) / start_bare
    );
    println!(
        "| idle memory, RSS (app + WebKit) | {:.1} MiB | {:.1} MiB | {:.2}× |",
        rss(&full),
        rss(&bare),
        rss(&full) / rss(&bare)
    );
    println!(
        "| idle memory, PSS (app + WebKit) | {:.1} MiB | {:.1} MiB | {:.2}× |",
        pss(&full),
        pss(&bare),
        pss(&full) / pss(&bare)
    );
}
