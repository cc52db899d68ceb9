//! The app opens no network connection: run it under strace and read every connect().

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::driver::{app_binary, available, Sandbox};

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

/// Lines of an strace log where a socket call addressed an IP network.
fn network_calls(trace: &str) -> Vec<&str> {
    trace
        .lines()
        .filter(|l| l.contains("sa_family=AF_INET"))
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
