//! Rotation: `accord recovery rotate` (a new recovery key around the same master key)
//! and `accord rekey` (a new master key, new slots, the database re-encrypted). Both ask
//! for the passphrase, show the new recovery key once and are audited. What a crash in
//! the middle of a rekey leaves is tested beside the code (`src/vault/rekey_tests.rs`).

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use serde_json::Value;

use crate::util::{files_under, raw_connection_at, run_err, run_ok, TestVault, PASSPHRASE};

fn init_with_recovery(vault: &TestVault) -> String {
    let init = vault.init_json(&["--no-keyring"]);
    init["recovery_key"].as_str().unwrap().to_string()
}

/// `accord unlock --recovery-key` with `recovery`, setting the same passphrase again.
fn unlock_with_recovery(vault: &TestVault, recovery: &str) -> Command {
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE);
    cmd
}

fn actions(vault: &TestVault) -> Vec<String> {
    vault
        .ok(&["audit", "log"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

fn new_recovery_key(printed: &Value) -> String {
    let key = printed["recovery_key"].as_str().unwrap().to_string();
    assert_eq!(key.len(), 39, "eight groups of four: {key}");
    key
}

fn assert_nowhere_in_the_vault(vault: &TestVault, recovery: &str) {
    for (path, bytes) in files_under(&vault.path) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(recovery) && !text.contains(&recovery.replace('-', "")),
            "{} holds the recovery key",
            path.display()
        );
    }
}

#[test]
fn recovery_rotate_shows_a_new_key_once_and_the_old_one_stops_opening_the_vault() {
    let vault = TestVault::new();
    let old = init_with_recovery(&vault);
    vault.new_case("Kept");
    let old_header = std::fs::read(vault.file("vault.json")).unwrap();

    let new = new_recovery_key(&vault.ok(&["recovery", "rotate"]));
    assert_ne!(new, old);
    assert_nowhere_in_the_vault(&vault, &new);

    let (code, _) = run_err(unlock_with_recovery(&vault, &old));
    assert_eq!(code, "vault.wrong_recovery_key");
    run_ok(unlock_with_recovery(&vault, &new));
    assert_eq!(vault.ok(&["case", "list"])[0]["title_en"], "Kept");

    assert!(actions(&vault).contains(&"vault.recovery_rotate".to_string()));
    vault.ok(&["audit", "verify"]);

    // The known limit that rekey exists for: the master key is the same, so a copy of
    // the old vault.json still opens the database with the old recovery key.
    std::fs::write(vault.file("vault.json"), &old_header).unwrap();
    run_ok(unlock_with_recovery(&vault, &old));
}

#[test]
fn rekey_re_encrypts_everything_under_a_new_key_and_old_header_copies_stop_working() {
    let vault = TestVault::new();
    let old_recovery = init_with_recovery(&vault);
    vault.ok(&["demo"]);
    let case = vault.new_case("Rekeyed harbour dispute");
    vault.ok(&[
        "note",
        "add",
        "--case",
        &case,
        "--en",
        "The parties discussed a phased escrow for the quayside cranes.",
        "--zh",
        "雙方討論了碼頭起重機的分期託管。",
    ]);
    let dir = accord::vault::VaultDir::new(&vault.path);
    let vault_id = dir.header().unwrap().vault_id;
    let old_key =
        accord::vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    let old_header = std::fs::read(vault.file("vault.json")).unwrap();
    let cases_before = vault.ok(&["case", "list"]);
    let hits_before = vault.ok(&["search", "quayside"]);
    assert_eq!(hits_before["total"], 1, "{hits_before}");

    let new_recovery = new_recovery_key(&vault.ok(&["rekey"]));
    assert_ne!(new_recovery, old_recovery);
    assert_nowhere_in_the_vault(&vault, &new_recovery);

    // The same records, the same search index, the same vault, the same passphrase.
    assert_eq!(vault.ok(&["case", "list"]), cases_before);
    assert_eq!(vault.ok(&["search", "quayside"]), hits_before);
    assert_eq!(dir.header().unwrap().vault_id, vault_id);
    let verified = vault.ok(&["audit", "verify"]);
    assert!(verified["first_break"].is_null(), "{verified}");
    assert_eq!(actions(&vault).last().unwrap(), "vault.rekey");

    // The database no longer opens with the old key, the new one is the header's.
    let conn = rusqlite::Connection::open(vault.file("accord.db")).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA cipher_log_level = NONE;",
        old_key.to_hex().as_str()
    ))
    .unwrap();
    assert!(conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    let n: i64 = raw_connection_at(&dir, PASSPHRASE)
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);

    // Nothing staged is left, and what is there is private.
    for (path, _) in files_under(&vault.path) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.contains(".rekey"), "{name} left behind");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name} is {mode:o}");
    }

    // The old recovery key opens nothing; the new one does.
    let (code, _) = run_err(unlock_with_recovery(&vault, &old_recovery));
    assert_eq!(code, "vault.wrong_recovery_key");
    run_ok(unlock_with_recovery(&vault, &new_recovery));

    // A copy of the old vault.json put back: its passphrase slot still opens, to the
    // old key, which opens nothing now.
    let new_header = std::fs::read(vault.file("vault.json")).unwrap();
    std::fs::write(vault.file("vault.json"), &old_header).unwrap();
    assert_eq!(vault.err(&["case", "list"]).0, "vault.damaged");
    let (code, _) = run_err(unlock_with_recovery(&vault, &old_recovery));
    assert_eq!(code, "vault.damaged");
    std::fs::write(vault.file("vault.json"), &new_header).unwrap();
    assert_eq!(vault.ok(&["case", "list"]), cases_before);
}

#[test]
fn rotation_needs_the_passphrase_and_a_wrong_one_changes_nothing() {
    let vault = TestVault::new();
    init_with_recovery(&vault);
    vault.new_case("Untouched");
    let before = files_under(&vault.path);
    let events = vault.audit_len();
    for args in [&["recovery", "rotate"][..], &["rekey"]] {
        let mut cmd = vault.cmd(args);
        cmd.env("ACCORD_PASSPHRASE", "a wrong passphrase, long enough");
        assert_eq!(run_err(cmd).0, "vault.wrong_passphrase", "{args:?}");
    }
    assert_eq!(files_under(&vault.path), before, "no file changed");
    assert_eq!(vault.audit_len(), events);
}
