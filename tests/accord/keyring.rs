//! The OS keyring. scripts/test.sh runs the suite inside a private D-Bus session with an
//! unlocked gnome-keyring-daemon and sets ACCORD_REQUIRE_SECRET_SERVICE=1, so these tests
//! use a real Secret Service; run elsewhere without one, they say so and pass.

use std::process::Command;

use crate::util::{files_under, run_err, run_ok, TestVault, NO_BUS};

fn secret_service_available() -> bool {
    let has_bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").is_ok();
    if !has_bus && std::env::var_os("ACCORD_REQUIRE_SECRET_SERVICE").is_some() {
        panic!("ACCORD_REQUIRE_SECRET_SERVICE is set but there is no D-Bus session");
    }
    if !has_bus {
        eprintln!("no D-Bus session: keyring tests skipped (scripts/test.sh provides one)");
    }
    has_bus
}

/// What another Secret Service client (libsecret's `secret-tool`) finds for this vault.
fn secret_tool_lookup(vault_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            accord::vault::keyring::SERVICE,
            "username",
            vault_id,
        ])
        .output()
        .expect("secret-tool is installed by scripts/setup.sh");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn keyring_vault() -> (TestVault, String) {
    let mut vault = TestVault::new();
    vault.real_keyring = true;
    let init = vault.init_json(&[]);
    assert_eq!(
        init["keyring"], "stored",
        "the real Secret Service took the key"
    );
    (vault, init["vault_id"].as_str().unwrap().to_string())
}

fn without_passphrase(vault: &TestVault, args: &[&str]) -> Command {
    let mut cmd = vault.cmd(args);
    cmd.env_remove("ACCORD_PASSPHRASE");
    cmd
}

#[test]
fn the_key_round_trips_through_the_real_secret_service_to_a_new_process() {
    if !secret_service_available() {
        return;
    }
    let (vault, vault_id) = keyring_vault();
    vault.new_case("Opened by keyring");

    // A new process, no passphrase anywhere: the key comes from the Secret Service.
    let cases = run_ok(without_passphrase(&vault, &["case", "list"]));
    assert_eq!(cases[0]["title_en"], "Opened by keyring");

    // Another Secret Service client sees the same key, and it is the database key.
    let hex = secret_tool_lookup(&vault_id).expect("secret-tool finds the key");
    assert_eq!(hex.len(), 64);
    let conn = rusqlite::Connection::open(vault.file("accord.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{hex}'\""))
        .unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);

    // The key is nowhere in the vault's own files.
    for (path, bytes) in files_under(&vault.path) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&hex),
            "{} holds the key",
            path.display()
        );
    }
    run_ok(vault.cmd(&["keyring", "forget"]));
}

#[test]
fn lock_takes_the_key_out_and_unlock_puts_it_back() {
    if !secret_service_available() {
        return;
    }
    let (vault, vault_id) = keyring_vault();
    assert_eq!(run_ok(vault.cmd(&["lock"]))["removed_from_keyring"], true);
    assert_eq!(secret_tool_lookup(&vault_id), None);
    assert_eq!(
        run_err(without_passphrase(&vault, &["case", "list"])).0,
        "vault.passphrase_required"
    );

    assert_eq!(vault.ok(&["unlock"])["keyring"], true);
    run_ok(without_passphrase(&vault, &["case", "list"]));

    assert_eq!(
        run_ok(vault.cmd(&["keyring", "forget"]))["keyring"],
        "disabled"
    );
    assert_eq!(secret_tool_lookup(&vault_id), None);
    assert_eq!(
        run_err(without_passphrase(&vault, &["case", "list"])).0,
        "vault.passphrase_required"
    );
    assert_eq!(
        vault.ok(&["unlock"])["keyring"],
        false,
        "a forgotten keyring stays forgotten"
    );
    assert_eq!(secret_tool_lookup(&vault_id), None);

    assert_eq!(
        run_ok(vault.cmd(&["keyring", "enable"]))["keyring"],
        "enabled"
    );
    run_ok(without_passphrase(&vault, &["case", "list"]));
    run_ok(vault.cmd(&["keyring", "forget"]));
}

#[test]
fn a_wrong_passphrase_is_refused_even_when_the_keyring_could_open_the_vault() {
    if !secret_service_available() {
        return;
    }
    let (vault, _) = keyring_vault();
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env("ACCORD_PASSPHRASE", "not the passphrase at all");
    assert_eq!(run_err(cmd).0, "vault.wrong_passphrase");
    run_ok(vault.cmd(&["keyring", "forget"]));
}

#[test]
fn without_a_secret_service_the_vault_works_by_passphrase_and_says_so_once() {
    let vault = TestVault::new(); // its commands point at a bus where nothing listens
    let mut cmd = vault.cmd(&["init", "--kdf-memory-mib", "64", "--kdf-iterations", "1"]);
    cmd.env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let init: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(init["keyring"], "unavailable");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("opens by passphrase only").count(),
        1,
        "told once: {stderr}"
    );

    let out = vault.cmd(&["case", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "not told again: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(vault.ok(&["keyring", "status"])["keyring"], "unavailable");

    let names: Vec<String> = files_under(&vault.path)
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["accord.db", "audit.anchor", "vault.json", "vault.lock"],
        "no key file was written instead (the anchor holds a head and its MAC, no key)"
    );
    assert_eq!(vault.err(&["keyring", "enable"]).0, "keyring.unavailable");
}

#[test]
fn a_rekey_replaces_the_keyring_copy_and_a_stale_copy_gives_way_to_the_passphrase() {
    if !secret_service_available() {
        return;
    }
    let (vault, vault_id) = keyring_vault();
    vault.new_case("Rekeyed by keyring");
    let old = secret_tool_lookup(&vault_id).expect("the key is in the keyring");
    vault.ok(&["rekey"]);
    let new = secret_tool_lookup(&vault_id).expect("the new key is in the keyring");
    assert_ne!(new, old, "the keyring holds the new key");
    let cases = run_ok(without_passphrase(&vault, &["case", "list"]));
    assert_eq!(cases[0]["title_en"], "Rekeyed by keyring");

    // A rekey stopped before it replaced the keyring's copy leaves the old key there.
    let id: uuid::Uuid = vault_id.parse().unwrap();
    accord::vault::keyring::store(id, &accord::vault::MasterKey::from_hex(&old).unwrap()).unwrap();
    let (code, _) = run_err(without_passphrase(&vault, &["case", "list"]));
    assert_eq!(
        code, "vault.passphrase_required",
        "the stale copy does not open the vault; the passphrase is asked for"
    );
    assert_eq!(
        secret_tool_lookup(&vault_id),
        None,
        "and the stale copy was taken out"
    );
    // The passphrase puts the right key back.
    vault.ok(&["unlock"]);
    assert_eq!(secret_tool_lookup(&vault_id), Some(new));
    run_ok(without_passphrase(&vault, &["case", "list"]));
}
