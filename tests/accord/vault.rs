use std::fs;

use accord::vault::{Access, Vault, VaultDir};

use crate::util::{files_under, TestVault, PASSPHRASE};

#[test]
fn init_shows_a_recovery_key_once_and_never_stores_it() {
    let vault = TestVault::new();
    let out = vault.init_json(&["--no-keyring"]);
    let recovery = out["recovery_key"].as_str().unwrap();
    assert_eq!(
        recovery.len(),
        39,
        "eight groups of four characters: {recovery}"
    );
    assert_eq!(out["keyring"], "declined");
    for (path, bytes) in files_under(&vault.path) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(recovery),
            "{} holds the recovery key",
            path.display()
        );
        assert!(
            !text.contains(&recovery.replace('-', "")),
            "{} holds the recovery key",
            path.display()
        );
    }
    assert_eq!(vault.ok(&["case", "list"]), serde_json::json!([]));
}

#[test]
fn a_second_init_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    vault.new_case("Existing");
    let before = files_under(&vault.path);
    let mut cmd = vault.cmd(&["init", "--kdf-memory-mib", "64", "--kdf-iterations", "1"]);
    cmd.env("ACCORD_PASSPHRASE", "another long passphrase");
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "vault.exists");
    assert_eq!(
        files_under(&vault.path),
        before,
        "the existing vault is untouched"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    vault.new_case("Before");
    let before = files_under(&vault.path);
    for args in [
        &["case", "new", "--kind", "commercial", "--title-en", "X"][..],
        &["case", "list"],
        &["unlock"],
    ] {
        let mut cmd = vault.cmd(args);
        cmd.env("ACCORD_PASSPHRASE", "correct horse battery stapler");
        let (code, message) = crate::util::run_err(cmd);
        assert_eq!(code, "vault.wrong_passphrase", "{args:?}");
        assert_eq!(message, "Wrong passphrase. Nothing was changed.");
    }
    assert_eq!(files_under(&vault.path), before, "no file changed");
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn unlock_checks_the_passphrase_and_the_vault() {
    let vault = TestVault::init();
    let out = vault.ok(&["unlock"]);
    assert_eq!(out["unlocked"], true);
    assert_eq!(
        out["keyring"], false,
        "this vault keeps no key in the keyring"
    );
    let out = vault.ok(&["lock"]);
    assert_eq!(out["locked"], true);
    assert_eq!(out["removed_from_keyring"], false);
}

#[test]
fn without_a_terminal_or_a_given_passphrase_it_says_so() {
    let vault = TestVault::init();
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env_remove("ACCORD_PASSPHRASE");
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "vault.passphrase_required");
}

#[test]
fn a_passphrase_file_works_and_only_its_first_line_counts() {
    let vault = TestVault::init();
    let file = vault.path.parent().unwrap().join("pass.txt");
    fs::write(&file, format!("{PASSPHRASE}\nignored second line\n")).unwrap();
    let mut cmd = vault.cmd(&["--passphrase-file", file.to_str().unwrap(), "case", "list"]);
    cmd.env_remove("ACCORD_PASSPHRASE");
    assert_eq!(crate::util::run_ok(cmd), serde_json::json!([]));
}

#[test]
fn the_recovery_key_opens_the_vault_and_sets_a_new_passphrase() {
    let vault = TestVault::new();
    let init = vault.init_json(&["--no-keyring"]);
    let recovery = init["recovery_key"].as_str().unwrap().to_lowercase();
    vault.new_case("Kept through recovery");

    // A wrong recovery key changes nothing.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env(
        "ACCORD_RECOVERY_KEY",
        "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
    )
    .env("ACCORD_NEW_PASSPHRASE", "a brand new passphrase");
    assert_eq!(crate::util::run_err(cmd).0, "vault.wrong_recovery_key");
    assert_eq!(
        vault.ok(&["case", "list"]).as_array().unwrap().len(),
        1,
        "old passphrase still works"
    );

    // The right one (typed in lower case) resets the passphrase.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", &recovery)
        .env("ACCORD_NEW_PASSPHRASE", "a brand new passphrase");
    assert_eq!(crate::util::run_ok(cmd)["passphrase_reset"], true);

    assert_eq!(
        vault.err(&["case", "list"]).0,
        "vault.wrong_passphrase",
        "the old passphrase is gone"
    );
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env("ACCORD_PASSPHRASE", "a brand new passphrase");
    let cases = crate::util::run_ok(cmd);
    assert_eq!(
        cases[0]["title_en"], "Kept through recovery",
        "data survives recovery"
    );

    // The recovery key keeps working after it was used.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", &recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE);
    crate::util::run_ok(cmd);
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn passphrase_change_replaces_the_old_one() {
    let vault = TestVault::new();
    let init = vault.init_json(&["--no-keyring"]);
    let mut cmd = vault.cmd(&["passphrase", "change"]);
    cmd.env("ACCORD_NEW_PASSPHRASE", "the second passphrase");
    assert_eq!(crate::util::run_ok(cmd)["changed"], true);
    assert_eq!(vault.err(&["case", "list"]).0, "vault.wrong_passphrase");
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env("ACCORD_PASSPHRASE", "the second passphrase");
    crate::util::run_ok(cmd);

    let recovery = init["recovery_key"].as_str().unwrap();
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE);
    crate::util::run_ok(cmd);
    vault.ok(&["case", "list"]);

    let actions: Vec<String> = vault
        .ok(&["audit", "log"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().into())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "vault.passphrase_change")
            .count(),
        2,
        "{actions:?}"
    );
}

#[test]
fn weak_settings_are_refused_before_anything_is_written() {
    let vault = TestVault::new();
    let mut cmd = vault.cmd(&["init", "--kdf-memory-mib", "32"]);
    cmd.arg("--no-keyring");
    assert_eq!(crate::util::run_err(cmd).0, "vault.weak_kdf");
    let mut cmd = vault.cmd(&["init", "--no-keyring"]);
    cmd.env("ACCORD_PASSPHRASE", "short");
    assert_eq!(crate::util::run_err(cmd).0, "vault.passphrase_too_short");
    assert!(!vault.path.exists(), "no vault directory was created");
}

#[test]
fn a_missing_vault_is_named() {
    let vault = TestVault::new();
    let (code, message) = vault.err(&["case", "list"]);
    assert_eq!(code, "vault.not_found");
    assert!(message.contains(vault.path.to_str().unwrap()), "{message}");
}

#[test]
fn a_second_writer_gets_vault_in_use_while_readers_go_on() {
    let vault = TestVault::init();
    vault.new_case("First");
    let dir = VaultDir::new(&vault.path);
    let key = accord::vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    let writer = Vault::open(&dir, key, Access::Write).unwrap();

    let (code, message) = vault.err(&[
        "case",
        "new",
        "--kind",
        "commercial",
        "--title-en",
        "Second",
    ]);
    assert_eq!(code, "vault.in_use");
    assert!(message.contains("in use"), "{message}");
    assert_eq!(
        vault.ok(&["case", "list"]).as_array().unwrap().len(),
        1,
        "reading still works"
    );

    drop(writer);
    vault.new_case("Second");
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_vault_whose_database_is_gone_is_damaged_not_recreated() {
    let vault = TestVault::init();
    fs::remove_file(vault.file("accord.db")).unwrap();
    assert_eq!(vault.err(&["case", "list"]).0, "vault.damaged");
    assert_eq!(
        vault
            .err(&["case", "new", "--kind", "commercial", "--title-en", "X"])
            .0,
        "vault.damaged"
    );
    assert!(
        !vault.file("accord.db").exists(),
        "no empty database was made in its place"
    );
}

#[test]
fn a_database_from_another_vault_is_not_opened() {
    let a = TestVault::init();
    let b = TestVault::init();
    fs::copy(b.file("accord.db"), a.file("accord.db")).unwrap();
    assert_eq!(
        a.err(&["case", "list"]).0,
        "vault.damaged",
        "a's key does not open b's database"
    );
}

#[test]
fn vault_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::init();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&vault.path), 0o700);
    for name in ["vault.json", "accord.db", "vault.lock", "audit.anchor"] {
        assert_eq!(mode(&vault.file(name)), 0o600, "{name}");
    }
}
