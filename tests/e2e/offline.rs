//! The app opens no network connection: run it under strace and read every connect().

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::driver::{app_binary, available, App, Sandbox};
use crate::flows::{runtime, ONE_APP};

#[test]
fn the_app_makes_no_network_connection() {
    if !available(false) {
        return;
    }
    let sandbox = Sandbox::new();
    let trace = sandbox.dir.path().join("connect.trace");
    std::fs::create_dir_all(sandbox.home()).unwrap();
    let mut app = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o"])
        .arg(&trace)
        .arg(app_binary())
        .env("ACCORD_VAULT", sandbox.vault())
        .env("ACCORD_PREFERENCES", sandbox.preferences())
        .env("HOME", sandbox.home())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own process group, so strace, the app and WebKit's helpers stop together.
        .process_group(0)
        .spawn()
        .expect("strace is installed by scripts/setup.sh");
    // Long enough for WebKit to start its processes and the UI to load and settle.
    std::thread::sleep(Duration::from_secs(12));
    assert_eq!(
        app.try_wait().unwrap(),
        None,
        "the app is still running (it started)"
    );
    let group = format!("-{}", app.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    for _ in 0..50 {
        if app.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = app.wait();

    let trace = std::fs::read_to_string(&trace).expect("trace written");
    assert!(
        trace.contains("AF_UNIX"),
        "the trace saw the app's local sockets (X11, D-Bus)"
    );
    let network = network_calls(&trace);
    assert!(network.is_empty(), "network connections: {network:#?}");
}

/// An address no test machine serves (TEST-NET-2): a page there never loads, but the
/// attempt to reach it would show in the trace as a connect().
const ELSEWHERE: &str = "http://198.51.100.7/";

#[test]
fn a_whole_flow_under_strace_connects_nowhere_and_the_window_stays_home() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    crate::notes::prepared_vault(&sandbox);
    let trace = sandbox.dir.path().join("flow.trace");
    // WebKitWebDriver starts this in the app's place: the app, its WebKit processes and
    // everything they start are traced from their first instruction.
    let wrapper = sandbox.dir.path().join("traced-app");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec strace -f -qq -e trace=connect,sendto,sendmsg -o '{}' '{}' \"$@\"\n",
            trace.display(),
            app_binary().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let csv = sandbox.dir.path().join("terms.csv");
    std::fs::write(
        &csv,
        "en,zh_hans,zh_hant,domain,note\ntoll review,收费检讨,收費檢討,transport,\n",
    )
    .unwrap();

    runtime().block_on(async {
        let app = App::start_program(&sandbox, &wrapper).await;
        crate::notes::unlock(&app).await;
        // Search, then a note.
        app.press("\u{E009}k").await;
        app.type_into("search-input", "harbour").await;
        app.click("nav-cases").await;
        app.click("case-open").await;
        app.el("notes-section").await;
        app.click("notes-new").await;
        app.type_into("note-text-en", "Toll review in March").await;
        app.el("note-save-status").await;
        app.press("\u{E009}s").await;
        // The termbase: import a file, export it to Downloads.
        app.click("nav-terms").await;
        app.el("term-import")
            .await
            .send_keys(&csv.display().to_string())
            .await
            .expect("a file goes to the file input");
        app.el("term-import-report").await;
        app.click("term-export").await;
        app.el("term-export-path").await;

        // Injected navigation: the page, a new window and a link all stay home.
        let home = app.client.current_url().await.unwrap();
        for script in [
            format!("window.location.href = '{ELSEWHERE}';"),
            format!("window.open('{ELSEWHERE}', '_blank');"),
            format!(
                "const a = document.createElement('a'); a.href = '{ELSEWHERE}'; \
                 document.body.appendChild(a); a.click();"
            ),
        ] {
            app.client.execute(&script, vec![]).await.ok();
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(
            app.client.current_url().await.unwrap(),
            home,
            "the window is still on the app's page"
        );
        let handles = app.client.windows().await.unwrap();
        assert_eq!(handles.len(), 1, "no second window: {handles:?}");
        app.el("termbase-view").await;

        app.click("lock-button").await;
        app.el("unlock-passphrase").await;
        app.close().await;
    });

    let trace = std::fs::read_to_string(&trace).expect("trace written");
    assert!(
        trace.contains("AF_UNIX"),
        "the trace saw the app's local sockets (X11, D-Bus)"
    );
    // Under WebDriver the app talks to WebKitWebDriver over loopback, and WebKit's
    // preconnect for a refused page goes to the dead-end proxy, also on loopback: neither
    // leaves the machine. Any other address is the network.
    let network: Vec<&str> = network_calls(&trace)
        .into_iter()
        .filter(|l| !l.contains("inet_addr(\"127.0.0.1\")"))
        .collect();
    assert!(network.is_empty(), "network connections: {network:#?}");
}

/// Lines of an strace log where a socket call addressed an IP network.
fn network_calls(trace: &str) -> Vec<&str> {
    trace
        .lines()
        .filter(|l| l.contains("sa_family=AF_INET"))
        // AF_INET6 too: "AF_INET" is its prefix.
        .collect()
}

#[test]
fn the_trace_reading_catches_a_network_connection() {
    // Control for the test above: the same reading flags a program that does connect.
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&trace)
        .args([
            "python3",
            "-c",
            "import socket; socket.socket().connect_ex(('127.0.0.1', 9))",
        ])
        .status()
        .expect("strace runs");
    assert!(status.success());
    let trace = std::fs::read_to_string(&trace).unwrap();
    assert_eq!(network_calls(&trace).len(), 1, "{trace}");
}
