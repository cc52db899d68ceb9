//! Shared helpers: a throwaway vault and the real `accord` binary run against it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

pub const PASSPHRASE: &str = "correct horse battery staple";

/// A D-Bus address where nothing listens: the keyring crate then reports "no Secret
/// Service" at once instead of trying to autolaunch a bus.
pub const NO_BUS: &str = "unix:path=/nonexistent/accord-test-bus";

/// A temporary vault directory and how to run `accord` on it.
pub struct TestVault {
    _dir: TempDir,
    pub path: PathBuf,
    /// Use the session's real Secret Service instead of none.
    pub real_keyring: bool,
}

impl TestVault {
    /// A vault path that does not exist yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vault");
        TestVault {
            _dir: dir,
            path,
            real_keyring: false,
        }
    }

    /// A vault created with the cheapest key derivation allowed (64 MiB, one pass).
    pub fn init() -> Self {
        let vault = Self::new();
        vault.init_json(&["--no-keyring"]);
        vault
    }

    pub fn init_json(&self, extra: &[&str]) -> Value {
        let mut args = vec![
            "init",
            "--mediator",
            "Test Mediator",
            "--kdf-memory-mib",
            "64",
            "--kdf-iterations",
            "1",
        ];
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    /// `accord --json …` with the passphrase in the environment, English messages and
    /// no terminal on stdin.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.arg("--json")
            .args(args)
            .env("ACCORD_VAULT", &self.path)
            .env("ACCORD_PASSPHRASE", PASSPHRASE)
            .env("ACCORD_LANG", "en")
            .env_remove("ACCORD_NEW_PASSPHRASE")
            .env_remove("ACCORD_RECOVERY_KEY")
            .stdin(Stdio::null());
        if !self.real_keyring {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
        }
        cmd
    }

    /// Runs a command that must succeed; returns its JSON output.
    pub fn ok(&self, args: &[&str]) -> Value {
        run_ok(self.cmd(args))
    }

    /// Runs a command that must fail; returns its error code and message.
    pub fn err(&self, args: &[&str]) -> (String, String) {
        run_err(self.cmd(args))
    }

    /// Number of audit events: a failed command must not change it.
    pub fn audit_len(&self) -> usize {
        self.ok(&["audit", "log"]).as_array().expect("array").len()
    }

    /// A new case with an English title; returns its local reference.
    pub fn new_case(&self, title: &str) -> String {
        let case = self.ok(&["case", "new", "--kind", "commercial", "--title-en", title]);
        case["local_ref"].as_str().expect("local_ref").to_string()
    }

    /// Adds a party; returns its id.
    pub fn new_party(&self, case: &str, name: &str, role: &str) -> String {
        let party = self.ok(&[
            "party",
            "add",
            "--case",
            case,
            "--kind",
            "company",
            "--role",
            role,
            "--name-en",
            name,
        ]);
        party["id"].as_str().expect("id").to_string()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

pub fn run_ok(mut cmd: Command) -> Value {
    let out = cmd.output().expect("accord runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{cmd:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

pub fn run_err(mut cmd: Command) -> (String, String) {
    let out: Output = cmd.output().expect("accord runs");
    assert!(
        !out.status.success(),
        "{cmd:?} should have failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "a failed command prints nothing on stdout"
    );
    // Warnings (a vault file others may read: `files.not_private`) come first, one JSON
    // line each; the error is the last line.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let last = lines.pop().unwrap_or_default();
    for line in lines {
        let warning: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("stderr line is not JSON ({e}): {line}\n{stderr}"));
        assert!(
            warning["warning"]["code"].is_string(),
            "only warnings come before the error: {stderr}"
        );
    }
    let err: Value = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("stderr is not a JSON error ({e}): {stderr}"));
    (
        err["error"]["code"].as_str().expect("code").to_string(),
        err["error"]["message"]
            .as_str()
            .expect("message")
            .to_string(),
    )
}

/// Every file under `dir`, with its bytes.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read file")));
        }
    }
    out.sort();
    out
}

/// A raw SQLCipher connection to the vault's database, keyed like Accord keys it: for
/// tests that play an attacker editing the file behind Accord's back.
pub fn raw_connection(vault: &TestVault) -> rusqlite::Connection {
    raw_connection_at(&accord::vault::VaultDir::new(&vault.path), PASSPHRASE)
}

/// A connection to `dir`'s database keyed with the key `passphrase` unwraps, bypassing
/// the vault (no lock, no migration, no anchor): for tests that tamper or inspect.
pub fn raw_connection_at(dir: &accord::vault::VaultDir, passphrase: &str) -> rusqlite::Connection {
    let key =
        accord::vault::unlock_with_passphrase(dir, &passphrase.to_string().into()).expect("unlock");
    let conn = rusqlite::Connection::open(dir.db_path()).expect("open db");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\"", key.to_hex().as_str()))
        .expect("key");
    conn
}
