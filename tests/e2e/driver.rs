//! Drives the real desktop app: tauri-driver + WebKitWebDriver + the built binary, in the
//! X display that scripts/test.sh starts (Xvfb).
//!
//! Known traps, handled here: tauri-driver must be stopped with SIGTERM (a kill leaves
//! WebKitWebDriver behind); with no display the app hangs instead of failing, so
//! starting a session has a timeout.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// The command line on the sandbox's vault, unlocked with `passphrase` (no keyring, no
/// session bus, English): its `--json` output.
pub fn accord_json(sandbox: &Sandbox, passphrase: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--json")
        .args(args)
        .env("ACCORD_VAULT", sandbox.vault())
        .env("ACCORD_PASSPHRASE", passphrase)
        .env("ACCORD_LANG", "en")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/accord-e2e-bus",
        )
        .output()
        .expect("accord runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// The string at `pointer` of a command's JSON output.
pub fn json_text(value: &serde_json::Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_else(|| panic!("no {pointer} in {value}"))
        .to_string()
}

/// A new vault in `sandbox`, made by the command line with a cheap key derivation and no
/// keyring, for the mediator Chan Tai Man.
pub fn new_vault(sandbox: &Sandbox, passphrase: &str) {
    accord_json(
        sandbox,
        passphrase,
        &[
            "init",
            "--mediator",
            "Chan Tai Man",
            "--no-keyring",
            "--kdf-memory-mib",
            "64",
            "--kdf-iterations",
            "1",
        ],
    );
}

/// A port nobody listens on now, so a stray driver from a crashed run cannot collide.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Whether something accepts connections on `port` within `limit`.
fn listens(port: u16, limit: Duration) -> bool {
    let start = std::time::Instant::now();
    loop {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The built app: `ACCORD_APP_BINARY`, else the debug build (scripts/test.sh builds it).
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("ACCORD_APP_BINARY") {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let binary = target.join("debug/accord-desktop");
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build -p accord-desktop` (scripts/test.sh does)",
        binary.display()
    );
    binary
}

/// Whether this machine can run the end-to-end tests (`needs_driver`: through
/// tauri-driver). scripts/test.sh makes it so and sets ACCORD_REQUIRE_E2E=1, under which
/// a missing piece fails the test instead of skipping it.
pub fn available(needs_driver: bool) -> bool {
    let has_display = std::env::var_os("DISPLAY").is_some();
    let has_driver = !needs_driver || Command::new("tauri-driver").arg("--help").output().is_ok();
    let ok = has_display && has_driver;
    if !ok && std::env::var_os("ACCORD_REQUIRE_E2E").is_some() {
        panic!("ACCORD_REQUIRE_E2E is set but DISPLAY={has_display} tauri-driver={has_driver}");
    }
    if !ok {
        eprintln!("end-to-end test skipped: no DISPLAY or no tauri-driver (scripts/test.sh provides both)");
    }
    ok
}

/// A private home for one app run: vault, preferences and whatever WebKit writes.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }
    pub fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }
    /// The app's `XDG_RUNTIME_DIR`, where it keeps WebKit's data while it runs.
    pub fn runtime_dir(&self) -> PathBuf {
        self.dir.path().join("run")
    }
    pub fn preferences(&self) -> PathBuf {
        self.home().join(".config/accord/preferences.json")
    }
}

pub struct App {
    pub client: Client,
    driver: Child,
    /// The sandbox's vault: the app's processes are found by it.
    vault: PathBuf,
}

impl App {
    /// Starts tauri-driver and a session of the app whose data lives in `sandbox`.
    ///
    /// Both drivers must listen before the session is asked for (see `try_start`). Should
    /// tauri-driver still drop the first connection ("webdriver server did not respond"),
    /// a fresh driver on fresh ports starts the app; that error is retried twice at most.
    pub async fn start(sandbox: &Sandbox) -> App {
        Self::start_program(sandbox, &app_binary()).await
    }

    /// As [`Self::start`], with `program` standing in for the app (a wrapper that runs it
    /// under strace, say); WebKitWebDriver starts it with the app's arguments.
    pub async fn start_program(sandbox: &Sandbox, program: &Path) -> App {
        let mut last = String::new();
        for _ in 0..3 {
            match Self::try_start(sandbox, program).await {
                Ok(app) => return app,
                Err(e) => last = e,
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        panic!("the app did not start through tauri-driver: {last}");
    }

    async fn try_start(sandbox: &Sandbox, program: &Path) -> Result<App, String> {
        let (port, native_port) = (free_port(), free_port());
        let home = sandbox.home();
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(sandbox.runtime_dir()).unwrap();
        // The app starts only with a private runtime directory, as a login session has.
        std::fs::set_permissions(
            sandbox.runtime_dir(),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .unwrap();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The app inherits this environment through WebKitWebDriver.
            .env("ACCORD_VAULT", sandbox.vault())
            .env("ACCORD_PREFERENCES", sandbox.preferences())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_RUNTIME_DIR", sandbox.runtime_dir())
            .env("ACCORD_LANG", "en")
            .stdout(Stdio::null())
            .stderr(
                std::fs::File::create(sandbox.dir.path().join("tauri-driver.log"))
                    .expect("log file"),
            )
            .spawn()
            .expect("tauri-driver starts");
        let url = format!("http://127.0.0.1:{port}");
        let log = || {
            std::fs::read_to_string(sandbox.dir.path().join("tauri-driver.log")).unwrap_or_default()
        };
        // Wait until both listen, then ask for one session: each request starts an app.
        // tauri-driver starts WebKitWebDriver beside its own server and forwards to it; a
        // request that arrives before WebKitWebDriver listens is dropped ("webdriver server
        // did not respond"), which on a slow machine is every first request.
        for (name, port) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            assert!(
                listens(port, Duration::from_secs(30)),
                "{name} did not listen on {port} within 30 s:\n{}",
                log()
            );
        }
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": program }));
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        match tokio::time::timeout(Duration::from_secs(60), builder.connect(&url)).await {
            Ok(Ok(client)) => Ok(App {
                client,
                driver,
                vault: sandbox.vault(),
            }),
            Ok(Err(e)) => {
                let mut driver = driver;
                stop(&mut driver);
                Err(format!("{e}\n{}", log()))
            }
            Err(_) => panic!(
                "the app did not start within 60 s (is the display up?)\n{}",
                log()
            ),
        }
    }

    /// The element with `data-testid`, waiting for it to appear.
    pub async fn el(&self, testid: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&format!("[data-testid=\"{testid}\"]")))
            .await
            .unwrap_or_else(|e| panic!("no element [data-testid={testid}]: {e}"))
    }

    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
    }

    pub async fn click(&self, testid: &str) {
        self.el(testid)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {testid}: {e}"));
    }

    pub async fn type_into(&self, testid: &str, text: &str) {
        let el = self.el(testid).await;
        el.clear().await.ok();
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {testid}: {e}"));
    }

    pub async fn text_of(&self, testid: &str) -> String {
        self.el(testid).await.text().await.expect("text")
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .expect("body")
            .text()
            .await
            .expect("text")
    }

    /// Waits until the page's text contains `needle` (or fails naming what it saw).
    pub async fn wait_for_text(&self, needle: &str) {
        for _ in 0..100 {
            if self.page_text().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!(
            "never saw {needle:?}; page says:\n{}",
            self.page_text().await
        );
    }

    pub async fn wait_for_testid_gone(&self, testid: &str) {
        for _ in 0..100 {
            if self
                .all(&format!("[data-testid=\"{testid}\"]"))
                .await
                .is_empty()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("[data-testid={testid}] never went away");
    }

    /// Presses a key combination on the focused element (e.g. Ctrl+L).
    pub async fn press(&self, keys: &str) {
        let body = self.client.active_element().await.expect("active element");
        body.send_keys(keys).await.expect("keys");
    }

    /// A PNG of the window, after two animation frames so the last change is painted.
    pub async fn screenshot(&self, path: &Path) {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .ok();
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(path, png).expect("write screenshot");
    }

    /// Ends the session and the drivers, and with them the app: tauri-driver takes its
    /// WebKitWebDriver down, which kills the app. Should a driver be gone before it could
    /// (the machine is loaded; `stop` had to kill it), the app's orphaned processes are
    /// killed here, so the next test starts clean.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
        for _ in 0..50 {
            if processes_of(&self.vault).is_empty() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for (pid, comm) in processes_of(&self.vault) {
            eprintln!("killing {comm} ({pid}), left behind by its drivers");
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

/// SIGTERM lets tauri-driver take WebKitWebDriver (and the app) down with it.
fn stop(driver: &mut Child) {
    if let Ok(None) = driver.try_wait() {
        let _ = Command::new("kill")
            .args(["-TERM", &driver.id().to_string()])
            .status();
        for _ in 0..50 {
            if let Ok(Some(_)) = driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = driver.kill();
        let _ = driver.wait();
    }
}

/// Waits until process `pid` has exited (zombies count as exited), failing after 15 s.
pub async fn wait_until_gone(pid: &str) {
    for _ in 0..150 {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return,
            Ok(stat)
                if stat
                    .rsplit(')')
                    .next()
                    .is_some_and(|rest| rest.trim_start().starts_with('Z')) =>
            {
                return
            }
            Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("process {pid} did not exit after its session closed");
}

/// Files under `dir` holding any of `needles` in UTF-8 or UTF-16 (either byte order).
pub fn files_containing(dir: &Path, needles: &[&str]) -> Vec<String> {
    let forms: Vec<(String, Vec<u8>)> = needles
        .iter()
        .flat_map(|n| {
            let utf16: Vec<u16> = n.encode_utf16().collect();
            [
                (n.to_string(), n.as_bytes().to_vec()),
                (
                    format!("{n} (UTF-16LE)"),
                    utf16.iter().flat_map(|u| u.to_le_bytes()).collect(),
                ),
                (
                    format!("{n} (UTF-16BE)"),
                    utf16.iter().flat_map(|u| u.to_be_bytes()).collect(),
                ),
            ]
        })
        .collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if meta.is_file() {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for (name, form) in &forms {
                if bytes.windows(form.len()).any(|w| w == form.as_slice()) {
                    found.push(format!("{}: {name}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn the_leak_scan_finds_text_in_nested_files() {
    // Control for the storage checks in `flows`: the scan is able to fail.
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let utf16: Vec<u8> = "保密"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(
        nested.join("leveldb.log"),
        [b"xx".as_slice(), &utf16].concat(),
    )
    .unwrap();
    assert_eq!(files_containing(dir.path(), &["保密", "absent"]).len(), 1);
}

/// Processes whose environment names this sandbox's vault (so: this run's app and its
/// children), but the WebDriver bridge, which is not ours: `(pid, comm)`.
pub fn processes_of(vault: &Path) -> Vec<(String, String)> {
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
